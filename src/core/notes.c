/* notes: a lecturer's notes written to and read from .beseda-notes files. */
#include "notes.h"

#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistr.h>

#include "jsonread.h"
#include "userdir.h"

typedef struct {
    cJSON *arr;
    int failed;
} Collect;

static void collect(void *user, const char *item, const char *source, const char *text)
{
    (void)source;
    Collect *c = user;
    cJSON *o = cJSON_CreateObject();
    if (!o || !cJSON_AddStringToObject(o, "item", item) || !cJSON_AddStringToObject(o, "text", text)) {
        cJSON_Delete(o);
        c->failed = 1;
        return;
    }
    cJSON_AddItemToArray(c->arr, o);
}

int notes_export(Progress *p, const char *pack_id, const char *pack_title, const char *author, const char *path,
                 Err *err)
{
    cJSON *root = cJSON_CreateObject();
    Collect c = {cJSON_CreateArray(), 0};
    if (!root || !c.arr) {
        cJSON_Delete(root);
        cJSON_Delete(c.arr);
        return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
    }
    char date[16];
    time_t now = time(NULL);
    struct tm tm;
    strftime(date, sizeof date, "%Y-%m-%d", gmtime_r(&now, &tm) ? &tm : NULL);
    cJSON_AddNumberToObject(root, "format", NOTES_FORMAT);
    cJSON_AddStringToObject(root, "kind", "beseda-notes");
    cJSON_AddStringToObject(root, "pack", pack_id);
    if (pack_title)
        cJSON_AddStringToObject(root, "title", pack_title);
    if (author && author[0])
        cJSON_AddStringToObject(root, "author", author);
    cJSON_AddStringToObject(root, "exported", date);
    size_t n = progress_each_note(p, pack_id, collect, &c);
    cJSON_AddItemToObject(root, "notes", c.arr);
    char *text = c.failed ? NULL : cJSON_Print(root);
    cJSON_Delete(root);
    if (!text)
        return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
    int rc = userdir_write_atomic(path, text, strlen(text), err);
    free(text);
    return rc != 0 ? rc : (int)n;
}

/* The file's name without folders and extension, as a source name. */
static void base_name(const char *path, char *out, size_t size)
{
    const char *b = strrchr(path, '/');
    b = b ? b + 1 : path;
    size_t n = strcspn(b, ".");
    snprintf(out, size, "%.*s", (int)(n ? n : strlen(b)), b);
}

/* Reads the file whole, refusing one over the limit before reading it. */
static char *read_file(const char *path, size_t *len, Err *err)
{
    FILE *f = fopen(path, "rb");
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
    cJSON *root = jr_parse(&c, text, len);
    const cJSON *notes = NULL;
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
        if (author && author[0] && u8_check((const uint8_t *)author, strlen(author)) == NULL)
            snprintf(name, sizeof name, "%s", author);
        else
            base_name(path, name, sizeof name);
        size_t n = strlen(name);
        while (n > 0 && u8_check((const uint8_t *)name, n) != NULL) /* cut at a character, not inside one */
            name[--n] = '\0';
        snprintf(source, source_size, "%s", n ? name : "?");
    }
    int n = cJSON_GetArraySize(notes);
    for (int i = 0; !c.failed && i < n; i++) { /* everything is checked before anything is stored */
        char at[64];
        jr_index(at, sizeof at, "notes", i);
        const cJSON *o = jr_object_at(&c, notes, "notes", i);
        const char *item = o ? jr_string(&c, o, at, "item", 1) : NULL;
        const char *t = o ? jr_string(&c, o, at, "text", 1) : NULL;
        char f[96];
        if (item && !jr_valid_id(item))
            jr_fail(&c, ERR_BAD_ID, jr_path(f, sizeof f, at, "item"), N_("'%s' is not a valid item id"), item);
        if (t && u8_check((const uint8_t *)t, strlen(t)) != NULL)
            jr_fail(&c, ERR_NOT_UTF8, jr_path(f, sizeof f, at, "text"), N_("the text is not valid UTF-8"));
    }
    if (c.failed) {
        *err = c.first;
        cJSON_Delete(root);
        return c.failed;
    }
    int stored = 0;
    for (int i = 0; i < n; i++) {
        const cJSON *o = cJSON_GetArrayItem(notes, i);
        const char *item = cJSON_GetObjectItemCaseSensitive(o, "item")->valuestring;
        const char *t = cJSON_GetObjectItemCaseSensitive(o, "text")->valuestring;
        int rc = progress_add_imported(p, pack_id, item, source, t, err);
        if (rc < 0 && err->code == ERR_NOMEM) {
            cJSON_Delete(root);
            return rc;
        }
        stored++;
    }
    cJSON_Delete(root);
    return stored;
}
