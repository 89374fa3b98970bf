/* notes: a lecturer's notes written to and read from .beseda-notes files. */
#include "notes.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistr.h>

#include "jsonread.h"
#include "os/os.h"
#include "text.h"
#include "userdir.h"

typedef struct {
    json_t *arr;
    int failed;
} Collect;

/* A JSON string of 's' as a colleague's reader can import it: broken UTF-8 and characters that pack text may not
   hold (core/text), which the import refuses, are written as U+FFFD. NULL when memory runs out. */
static json_t *text_value(const char *s)
{
    size_t n = strlen(s);
    if (!text_needs_sanitize(s, n))
        return json_string(s);
    char *clean = malloc(3 * n + 1);
    json_t *v = clean ? json_stringn(clean, text_sanitize(s, n, clean)) : NULL;
    free(clean);
    return v;
}

/* Adds obj[key] = s; returns 0, or -1 when memory runs out. */
static int add_text(json_t *obj, const char *key, const char *s)
{
    return json_object_set_new(obj, key, text_value(s));
}

static void collect(void *user, const char *item, const char *source, const char *text)
{
    (void)source;
    Collect *c = user;
    json_t *o = json_object();
    if (!o || add_text(o, "item", item) != 0 || add_text(o, "text", text) != 0) {
        json_decref(o);
        c->failed = 1;
    } else if (json_array_append_new(c->arr, o) != 0) { /* which takes 'o' even when it fails */
        c->failed = 1;
    }
}

int notes_export(Progress *p, const char *pack_id, const char *pack_title, const char *author, const char *path,
                 Err *err)
{
    json_t *root = json_object();
    Collect c = {json_array(), 0};
    if (!root || !c.arr) {
        json_decref(root);
        json_decref(c.arr);
        return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
    }
    char date[16];
    time_t now = time(NULL);
    struct tm tm = {0};
    os_gmtime(now, &tm);
    strftime(date, sizeof date, "%Y-%m-%d", &tm);
    c.failed |= json_object_set_new(root, "format", json_integer(NOTES_FORMAT)) != 0;
    c.failed |= add_text(root, "kind", "beseda-notes") != 0;
    c.failed |= add_text(root, "pack", pack_id) != 0;
    if (pack_title)
        c.failed |= add_text(root, "title", pack_title) != 0;
    if (author && author[0])
        c.failed |= add_text(root, "author", author) != 0;
    c.failed |= add_text(root, "exported", date) != 0;
    size_t n = progress_each_note(p, pack_id, collect, &c);
    c.failed |= json_object_set_new(root, "notes", c.arr) != 0;
    char *text = c.failed ? NULL : json_dumps(root, JSON_INDENT(2));
    json_decref(root);
    if (!text)
        return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
    int rc = userdir_write_atomic(path, text, strlen(text), err);
    free(text);
    return rc != 0 ? rc : (int)n;
}

/* The file's name without folders and its extension, as a source name: "anna.k.beseda-notes" is from "anna.k". */
static void base_name(const char *path, char *out, size_t size)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    const char *dot = strrchr(b, '.');
    size_t n = dot && dot > b ? (size_t)(dot - b) : strlen(b);
    snprintf(out, size, "%.*s", (int)n, b);
}

/* Reads the file whole, refusing one over the limit before reading it. */
static char *read_file(const char *path, size_t *len, Err *err)
{
    FILE *f = os_fopen(path, "rb");
    if (!f) {
        err_set(err, ERR_IO, path, N_("cannot read the notes file: %s"), strerror(errno));
        return NULL;
    }
    char *buf = malloc(NOTES_MAX_FILE + 1);
    size_t n = buf ? fread(buf, 1, NOTES_MAX_FILE + 1, f) : 0;
    int bad = ferror(f);
    fclose(f);
    if (!buf) {
        err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
        return NULL;
    }
    if (bad || n > NOTES_MAX_FILE) {
        free(buf);
        if (bad)
            err_set(err, ERR_IO, path, N_("cannot read the notes file"));
        else
            err_set(err, ERR_MANIFEST_SIZE, path, N_("a notes file may be at most 4 MiB"));
        return NULL;
    }
    buf[n] = '\0';
    *len = n;
    return buf;
}

int notes_import(Progress *p, const char *path, const char *pack_id, char *source, size_t source_size, Err *err)
{
    size_t len;
    char *text = read_file(path, &len, err);
    if (!text)
        return -(int)err->code;
    int rc = notes_import_text(p, text, len, path, pack_id, source, source_size, err);
    free(text);
    return rc;
}

int notes_import_text(Progress *p, const char *text, size_t len, const char *path, const char *pack_id, char *source,
                      size_t source_size, Err *err)
{
    if (len > NOTES_MAX_FILE)
        return err_set(err, ERR_MANIFEST_SIZE, path, N_("a notes file may be at most 4 MiB"));
    PackLimits lim;
    pack_limits_default(&lim);
    lim.max_string_len = PROGRESS_MAX_ANSWER; /* a note may be long */
    JsonCtx c;
    Err label;
    err_clear(&label);
    jr_init(&c, &label, &lim, path, NULL);
    c.strict_text = 1; /* a colleague's file is refused whole on any problem */
    json_t *root = jr_parse(&c, text, len);
    const json_t *notes = NULL;
    if (root) {
        const char *kind = jr_string(&c, root, "", "kind", 1);
        long format = jr_int(&c, root, "", "format", 1, 1, 1000, 0);
        const char *pack = jr_string(&c, root, "", "pack", 1);
        const char *author = jr_string(&c, root, "", "author", 0);
        notes = jr_array(&c, root, "", "notes", 1);
        if (kind && strcmp(kind, "beseda-notes") != 0)
            jr_fail(&c, ERR_NOTES, "kind", N_("this is not a Beseda notes file (its kind is '%s')"), kind);
        else if (format > NOTES_FORMAT)
            jr_fail(&c, ERR_NOTES, "format", N_("this notes file needs a newer Beseda (format %ld)"), format);
        else if (pack && strcmp(pack, pack_id) != 0)
            jr_fail(&c, ERR_NOTES_PACK, "pack", N_("these notes are for the pack '%s', not '%s'; open that pack first"),
                    pack, pack_id);
        char name[NOTES_MAX_SOURCE + 1];
        if (author && author[0])
            snprintf(name, sizeof name, "%s", author);
        else
            base_name(path, name, sizeof name);
        size_t n = strlen(name);
        while (n > 0 && u8_check((const uint8_t *)name, n) != NULL) /* cut at a character, not inside one */
            name[--n] = '\0';
        snprintf(source, source_size, "%s", n ? name : "?");
    }
    int n = jr_size(notes);
    for (int i = 0; !c.failed && i < n; i++) { /* everything is checked before anything is stored */
        char at[64];
        jr_index(at, sizeof at, "notes", i);
        const json_t *o = jr_object_at(&c, notes, "notes", i);
        const char *item = o ? jr_string(&c, o, at, "item", 1) : NULL;
        if (o) /* its type and length; jr_parse has checked its characters */
            jr_string(&c, o, at, "text", 1);
        char f[96];
        if (item && !jr_valid_id(item))
            jr_fail(&c, ERR_BAD_ID, jr_path(f, sizeof f, at, "item"), N_("'%s' is not a valid item id"), item);
    }
    if (c.failed) {
        *err = c.first;
        json_decref(root);
        return c.failed;
    }
    int stored = 0;
    for (int i = 0; i < n; i++) {
        const json_t *o = json_array_get(notes, (size_t)i);
        const char *item = json_string_value(json_object_get(o, "item"));
        const char *t = json_string_value(json_object_get(o, "text"));
        int rc = progress_add_imported(p, pack_id, item, source, t, err);
        if (rc < 0 && err->code == ERR_NOMEM) {
            json_decref(root);
            return rc;
        }
        stored++;
    }
    json_decref(root);
    return stored;
}
