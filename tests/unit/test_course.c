/* Unit tests for core/course: a course overview read strictly, each problem refused with its field, and its texts
   chosen by the reader's language. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/course.h"

static const char GOOD[] =
    "{\"kind\": \"beseda-course\", \"format\": 1, \"id\": \"org.example.course\", \"language\": \"en\",\n"
    " \"title\": {\"en\": \"Human rights in 2 sessions\", \"ru\": \"Права человека за 2 занятия\"},\n"
    " \"description\": {\"en\": \"A short course.\"},\n"
    " \"sessions\": [\n"
    "  {\"title\": {\"en\": \"What rights are\", \"nl\": \"Wat rechten zijn\"}, \"minutes\": 90,\n"
    "   \"lessons\": [{\"pack\": \"org.example.basics\", \"lesson\": \"what\"},\n"
    "               {\"pack\": \"org.example.basics\", \"lesson\": \"everyday\"}]},\n"
    "  {\"title\": {\"en\": \"Speech\"}, \"minutes\": 45, \"lessons\": [{\"pack\": \"org.example.speech\", "
    "\"lesson\": \"limits\"}]}\n"
    " ]}\n";

static void a_course_is_read(void **state)
{
    (void)state;
    Course *c;
    Err e;
    assert_int_equal(course_parse(GOOD, strlen(GOOD), "x.course.json", &c, &e), 0);
    assert_string_equal(c->id, "org.example.course");
    assert_string_equal(c->language, "en");
    assert_int_equal(c->n_sessions, 2);
    assert_int_equal(c->sessions[0].minutes, 90);
    assert_int_equal(c->sessions[0].n_lessons, 2);
    assert_string_equal(c->sessions[0].lessons[1].pack, "org.example.basics");
    assert_string_equal(c->sessions[0].lessons[1].lesson, "everyday");
    assert_string_equal(c->sessions[1].lessons[0].lesson, "limits");
    /* each text in the reader's language, its first part, else the course's own */
    assert_string_equal(course_text(c, &c->title, "ru"), "Права человека за 2 занятия");
    assert_string_equal(course_text(c, &c->title, "ru-RU"), "Права человека за 2 занятия");
    assert_string_equal(course_text(c, &c->title, "nl"), "Human rights in 2 sessions");
    assert_string_equal(course_text(c, &c->sessions[0].title, "nl-BE"), "Wat rechten zijn");
    assert_string_equal(course_text(c, &c->description, NULL), "A short course.");
    size_t s = 99;
    assert_int_equal(course_find_lesson(c, "org.example.speech", "limits", &s), 1);
    assert_int_equal(s, 1);
    assert_int_equal(course_find_lesson(c, "org.example.speech", "what", &s), 0);
    course_free(c);
}

/* GOOD with 'from' replaced by 'to': refused with 'code', at 'field' (a part of it), saying 'words'. */
static void refused(const char *from, const char *to, ErrCode code, const char *field, const char *words)
{
    char text[4096];
    const char *at = strstr(GOOD, from);
    assert_non_null(at);
    snprintf(text, sizeof text, "%.*s%s%s", (int)(at - GOOD), GOOD, to, at + strlen(from));
    Course *c = (Course *)1;
    Err e;
    int rc = course_parse(text, strlen(text), "x.course.json", &c, &e);
    if (rc != -(int)code)
        fail_msg("'%s' -> '%s': %s, not %s (%s)", from, to, err_code_name(e.code), err_code_name(code), e.msg);
    assert_null(c);
    if (field && !strstr(e.field, field))
        fail_msg("'%s' -> '%s': field '%s', not '%s'", from, to, e.field, field);
    if (words && !strstr(e.msg, words))
        fail_msg("'%s' -> '%s': '%s' does not say '%s'", from, to, e.msg, words);
}

static void every_problem_is_refused_with_its_field(void **state)
{
    (void)state;
    refused("beseda-course", "beseda-notes", ERR_COURSE, "kind", "not a Beseda course");
    refused("\"format\": 1", "\"format\": 2", ERR_COURSE, "format", "newer Beseda");
    refused("\"id\": \"org.example.course\"", "\"id\": \"Course 1\"", ERR_BAD_ID, "id", NULL);
    refused("\"language\": \"en\"", "\"language\": \"English\"", ERR_COURSE, "language", "language tag");
    refused("\"en\": \"Human rights in 2 sessions\", ", "", ERR_COURSE, "title", "course's language 'en'");
    refused("\"ru\": \"Права", "\"russian\": \"Права", ERR_COURSE, "title.russian", "language tag");
    refused("\"minutes\": 90", "\"minutes\": 0", ERR_JSON_VALUE, "sessions[0].minutes", NULL);
    refused("\"minutes\": 90", "\"minutes\": \"90\"", ERR_JSON_TYPE, "sessions[0].minutes", NULL);
    refused("\"pack\": \"org.example.speech\"", "\"pack\": \"speech\"", ERR_BAD_ID, "sessions[1].lessons[0].pack",
            NULL);
    refused("\"lesson\": \"limits\"", "\"lesson\": \"Limits!\"", ERR_BAD_ID, "sessions[1].lessons[0].lesson", NULL);
    refused("\"lessons\": [{\"pack\": \"org.example.speech\", \"lesson\": \"limits\"}]", "\"lessons\": []", ERR_COURSE,
            "sessions[1].lessons", "1 to 8 lessons");
    refused("\"kind\": \"beseda-course\", ", "\"kind\": \"beseda-course\", \"kind\": \"x\", ", ERR_JSON_DUPLICATE_KEY,
            NULL, NULL);
    refused("A short course.", "A short\\u0000 course.", ERR_TEXT_BAD_CHAR, NULL,
            NULL); /* at its line, by the parser */
    refused("A short course.", "A short\\u0007 course.", ERR_TEXT_BAD_CHAR, "description.en", NULL);
    refused("\"sessions\": [", "\"sessions\": {", ERR_JSON_SYNTAX, NULL, NULL);
}

static void sizes_are_bounded(void **state)
{
    (void)state;
    /* 65 sessions */
    size_t size = 65 * 120 + 400;
    char *text = malloc(size);
    assert_non_null(text);
    int n = snprintf(text, size,
                     "{\"kind\": \"beseda-course\", \"format\": 1, \"id\": \"org.example.c\", \"language\": \"en\", "
                     "\"title\": {\"en\": \"T\"}, \"sessions\": [");
    for (int i = 0; i < 65; i++)
        n += snprintf(text + n, size - (size_t)n,
                      "%s{\"title\": {\"en\": \"S\"}, \"minutes\": 45, \"lessons\": [{\"pack\": \"org.e.p\", "
                      "\"lesson\": \"l\"}]}",
                      i ? ", " : "");
    snprintf(text + n, size - (size_t)n, "]}");
    Course *c;
    Err e;
    assert_int_equal(course_parse(text, strlen(text), "big.course.json", &c, &e), -(int)ERR_COURSE);
    assert_string_equal(e.field, "sessions");
    free(text);
    /* a file past the limit is refused unread */
    assert_int_equal(course_parse(GOOD, COURSE_MAX_FILE + 1, "huge.course.json", &c, &e), -(int)ERR_MANIFEST_SIZE);
    /* a text of 2,001 bytes */
    char *longt = malloc(COURSE_MAX_TEXT + 600);
    assert_non_null(longt);
    int k = snprintf(longt, 200,
                     "{\"kind\": \"beseda-course\", \"format\": 1, \"id\": \"org.example.c\", \"language\": \"en\", "
                     "\"title\": {\"en\": \"");
    memset(longt + k, 'x', COURSE_MAX_TEXT + 1);
    k += COURSE_MAX_TEXT + 1;
    snprintf(longt + k, 300,
             "\"}, \"sessions\": [{\"title\": {\"en\": \"S\"}, \"minutes\": 45, \"lessons\": [{\"pack\": "
             "\"org.e.p\", \"lesson\": \"l\"}]}]}");
    assert_int_equal(course_parse(longt, strlen(longt), "long.course.json", &c, &e), -(int)ERR_STRING_SIZE);
    free(longt);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(a_course_is_read),
        cmocka_unit_test(every_problem_is_refused_with_its_field),
        cmocka_unit_test(sizes_are_bounded),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
