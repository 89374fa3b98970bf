/* course: a course overview (docs/pack-format.md section 13): which lessons of which packs make each session of a
   course, in order, with the course's words in several languages. A small JSON file beside the packs
   (NAME.course.json), read strictly like everything that comes from strangers. */
#ifndef BESEDA_COURSE_H
#define BESEDA_COURSE_H

#include <stddef.h>

#include "err.h"

enum {
    COURSE_FORMAT = 1,
    COURSE_MAX_FILE = 256 * 1024,
    COURSE_MAX_LANGS = 16, /* translations of one text */
    COURSE_MAX_SESSIONS = 64,
    COURSE_MAX_LESSONS = 8,   /* lessons in one session */
    COURSE_MAX_TEXT = 2000,   /* bytes of one title or description */
    COURSE_MAX_MINUTES = 600, /* one session */
};

/* One text in several languages: lang[i] ("en", "pt-BR") says text[i]. */
typedef struct {
    char *lang[COURSE_MAX_LANGS];
    char *text[COURSE_MAX_LANGS];
    size_t n;
} CourseText;

typedef struct {
    char *pack;   /* the pack's id (pack.json "id") */
    char *lesson; /* the lesson's id in it */
} CourseLesson;

typedef struct {
    CourseText title;
    int minutes;
    CourseLesson *lessons;
    size_t n_lessons;
} CourseSession;

typedef struct {
    char *id;
    char *language; /* the language every text has */
    CourseText title, description;
    CourseSession *sessions;
    size_t n_sessions;
} Course;

/* Reads a course from 'len' bytes of JSON; 'path' names it in messages. Every problem is refused with its field
   (ERR_COURSE, or the JSON codes of core/jsonread): the whole file or nothing. */
int course_parse(const char *text, size_t len, const char *path, Course **out, Err *err);
/* The same from a file (ERR_MANIFEST_SIZE past COURSE_MAX_FILE, unread). */
int course_load(const char *path, Course **out, Err *err);
void course_free(Course *c);

/* The text for a reader of 'lang' ("ru", "nl-BE"): that language, else its first part, else the course's own
   language. Borrowed from 'c'. */
const char *course_text(const Course *c, const CourseText *t, const char *lang);

/* 1 when lesson 'lesson' of pack 'pack' is in a session of 'c', whose index goes to 'session'; else 0. */
int course_find_lesson(const Course *c, const char *pack, const char *lesson, size_t *session);

#endif
