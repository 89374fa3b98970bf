/* course: NAME.course.json read strictly into a Course (see course.h). */
#include "course.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonread.h"
#include "manifest.h"
#include "os/os.h"

static char *dup_text(const char *s, int *nomem)
{
    char *d = s ? strdup(s) : NULL;
    if (s && !d)
        *nomem = 1;
    return d;
}

static void text_free(CourseText *t)
{
    for (size_t i = 0; i < t->n; i++) {
        free(t->lang[i]);
        free(t->text[i]);
    }
    t->n = 0;
}

void course_free(Course *c)
{
    if (!c)
        return;
    free(c->id);
    free(c->language);
    text_free(&c->title);
    text_free(&c->description);
    for (size_t i = 0; i < c->n_sessions; i++) {
        text_free(&c->sessions[i].title);
        for (size_t j = 0; j < c->sessions[i].n_lessons; j++) {
            free(c->sessions[i].lessons[j].pack);
            free(c->sessions[i].lessons[j].lesson);
        }
        free(c->sessions[i].lessons);
    }
    free(c->sessions);
    free(c);
}

/* A language tag as the packs use them: 2-3 letters, then '-' and 2-8 letters or digits ("en", "pt-BR"). */
static int valid_lang(const char *s)
{
    size_t n = strspn(s, "abcdefghijklmnopqrstuvwxyz");
    if (n < 2 || n > 3)
        return 0;
    if (!s[n])
        return 1;
    const char *r = s + n + 1;
    size_t m = strspn(r, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789");
    return s[n] == '-' && m >= 2 && m <= 8 && !r[m];
}

/* obj[key]: an object of language -> text that has the course's language. */
static void read_text(JsonCtx *c, const json_t *obj, const char *path, const char *key, const char *language,
                      int required, CourseText *out, int *nomem)
{
    char f[160], g[200];
    const json_t *o = jr_object(c, obj, path, key, required);
    if (!o)
        return;
    jr_path(f, sizeof f, path, key);
    if (jr_size(o) > COURSE_MAX_LANGS) {
        jr_fail(c, ERR_COURSE, f, N_("a text in more than %d languages"), COURSE_MAX_LANGS);
        return;
    }
    const char *lang;
    json_t *v;
    json_object_foreach((json_t *)o, lang, v)
    {
        jr_path(g, sizeof g, f, lang);
        if (!valid_lang(lang)) {
            jr_fail(c, ERR_COURSE, g, N_("'%s' is not a language tag such as en, ru or pt-BR"), lang);
            continue;
        }
        const char *s = jr_string(c, o, f, lang, 1);
        if (s && strlen(s) > COURSE_MAX_TEXT)
            jr_fail(c, ERR_STRING_SIZE, g, N_("a course's text is at most %d bytes"), COURSE_MAX_TEXT);
        else if (s && out->n < COURSE_MAX_LANGS) {
            out->lang[out->n] = dup_text(lang, nomem);
            out->text[out->n++] = dup_text(s, nomem);
        }
    }
    if (language && !json_object_get(o, language))
        jr_fail(c, ERR_COURSE, f, N_("it has no text in the course's language '%s'"), language);
}

static void read_session(JsonCtx *c, const json_t *o, const char *at, const char *language, CourseSession *s,
                         int *nomem)
{
    char f[96], g[128];
    read_text(c, o, at, "title", language, 1, &s->title, nomem);
    s->minutes = (int)jr_int(c, o, at, "minutes", 1, 1, COURSE_MAX_MINUTES, 0);
    const json_t *ls = jr_array(c, o, at, "lessons", 1);
    int n = jr_size(ls);
    jr_path(f, sizeof f, at, "lessons");
    if (ls && (n < 1 || n > COURSE_MAX_LESSONS)) {
        jr_fail(c, ERR_COURSE, f, N_("a session has 1 to %d lessons, not %d"), COURSE_MAX_LESSONS, n);
        return;
    }
    if (n > 0 && !(s->lessons = calloc((size_t)n, sizeof *s->lessons))) {
        *nomem = 1;
        return;
    }
    for (int i = 0; i < n; i++) {
        jr_index(g, sizeof g, f, i);
        const json_t *l = jr_object_at(c, ls, f, i);
        const char *pack = l ? jr_string(c, l, g, "pack", 1) : NULL;
        const char *lesson = l ? jr_string(c, l, g, "lesson", 1) : NULL;
        char h[160];
        if (pack && !manifest_valid_pack_id(pack))
            jr_fail(c, ERR_BAD_ID, jr_path(h, sizeof h, g, "pack"), N_("'%s' is not a pack id"), pack);
        if (lesson && !jr_valid_id(lesson))
            jr_fail(c, ERR_BAD_ID, jr_path(h, sizeof h, g, "lesson"), N_("'%s' is not a lesson id"), lesson);
        s->lessons[s->n_lessons].pack = dup_text(pack, nomem);
        s->lessons[s->n_lessons++].lesson = dup_text(lesson, nomem);
    }
}

int course_parse(const char *text, size_t len, const char *path, Course **out, Err *err)
{
    *out = NULL;
    if (len > COURSE_MAX_FILE)
        return err_set(err, ERR_MANIFEST_SIZE, path, N_("a course file is at most %d KiB"), COURSE_MAX_FILE / 1024);
    PackLimits lim;
    pack_limits_default(&lim);
    JsonCtx c;
    Err label;
    err_clear(&label);
    jr_init(&c, &label, &lim, path, NULL);
    c.strict_text = 1; /* refused whole on any problem, as a colleague's notes are */
    Course *co = calloc(1, sizeof *co);
    if (!co)
        return err_set(err, ERR_NOMEM, path, N_("out of memory"));
    int nomem = 0;
    json_t *root = jr_parse(&c, text, len);
    if (root) {
        const char *kind = jr_string(&c, root, "", "kind", 1);
        long format = jr_int(&c, root, "", "format", 1, 1, 1000, 0);
        const char *id = jr_string(&c, root, "", "id", 1);
        const char *language = jr_string(&c, root, "", "language", 1);
        if (kind && strcmp(kind, "beseda-course") != 0)
            jr_fail(&c, ERR_COURSE, "kind", N_("this is not a Beseda course (its kind is '%s')"), kind);
        else if (format > COURSE_FORMAT)
            jr_fail(&c, ERR_COURSE, "format", N_("this course needs a newer Beseda (format %ld)"), format);
        if (id && !manifest_valid_pack_id(id))
            jr_fail(&c, ERR_BAD_ID, "id", N_("'%s' is not an id such as org.example.course"), id);
        if (language && !valid_lang(language))
            jr_fail(&c, ERR_COURSE, "language", N_("'%s' is not a language tag such as en, ru or pt-BR"), language);
        co->id = dup_text(id, &nomem);
        co->language = dup_text(language, &nomem);
        read_text(&c, root, "", "title", language, 1, &co->title, &nomem);
        read_text(&c, root, "", "description", language, 0, &co->description, &nomem);
        const json_t *ss = jr_array(&c, root, "", "sessions", 1);
        int n = jr_size(ss);
        if (ss && (n < 1 || n > COURSE_MAX_SESSIONS))
            jr_fail(&c, ERR_COURSE, "sessions", N_("a course has 1 to %d sessions, not %d"), COURSE_MAX_SESSIONS, n);
        else if (n > 0 && !(co->sessions = calloc((size_t)n, sizeof *co->sessions)))
            nomem = 1;
        for (int i = 0; co->sessions && i < n && !nomem; i++) {
            char at[48];
            jr_index(at, sizeof at, "sessions", i);
            const json_t *o = jr_object_at(&c, ss, "sessions", i);
            if (o)
                read_session(&c, o, at, language, &co->sessions[co->n_sessions++], &nomem);
        }
    }
    json_decref(root);
    if (nomem) {
        course_free(co);
        return err_set(err, ERR_NOMEM, path, N_("out of memory"));
    }
    if (c.failed) {
        course_free(co);
        *err = c.first;
        return c.failed;
    }
    *out = co;
    return 0;
}

int course_load(const char *path, Course **out, Err *err)
{
    *out = NULL;
    size_t len = 0;
    void *map = os_map_file(path, COURSE_MAX_FILE, &len);
    if (!map) {
        if (errno == EFBIG)
            return err_set(err, ERR_MANIFEST_SIZE, path, N_("a course file is at most %d KiB"), COURSE_MAX_FILE / 1024);
        return err_set(err, errno == ENOENT ? ERR_NOT_FOUND : ERR_IO, path, N_("cannot read the course: %s"),
                       strerror(errno));
    }
    int rc = course_parse(map, len, path, out, err);
    os_unmap_file(map, len);
    return rc;
}

const char *course_text(const Course *c, const CourseText *t, const char *lang)
{
    size_t primary = lang ? strcspn(lang, "-_") : 0;
    const char *own = NULL, *first_part = NULL;
    for (size_t i = 0; i < t->n; i++) {
        if (lang && strcmp(t->lang[i], lang) == 0)
            return t->text[i];
        if (lang && strlen(t->lang[i]) == primary && strncmp(t->lang[i], lang, primary) == 0)
            first_part = t->text[i];
        if (c->language && strcmp(t->lang[i], c->language) == 0)
            own = t->text[i];
    }
    return first_part ? first_part : own ? own : t->n ? t->text[0] : "";
}

int course_find_lesson(const Course *c, const char *pack, const char *lesson, size_t *session)
{
    for (size_t s = 0; pack && lesson && s < c->n_sessions; s++)
        for (size_t l = 0; l < c->sessions[s].n_lessons; l++)
            if (strcmp(c->sessions[s].lessons[l].pack, pack) == 0 &&
                strcmp(c->sessions[s].lessons[l].lesson, lesson) == 0) {
                *session = s;
                return 1;
            }
    return 0;
}
