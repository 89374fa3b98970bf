/* jsonread: typed, bounded access to JSON read from a pack, reporting each problem with its field path. */
#include "jsonread.h"

#include <stdio.h>
#include <string.h>
#include <unistr.h>

void jr_init(JsonCtx *c, const Err *label, const PackLimits *lim, const char *entry, ErrList *all)
{
    c->first = *label;
    c->all = all;
    c->failed = 0;
    c->lim = lim;
    c->entry = entry;
}

static int jr_record(JsonCtx *c, ErrCode code, const char *field, int line, const char *fmt, va_list ap)
    __attribute__((format(printf, 5, 0)));

static int jr_record(JsonCtx *c, ErrCode code, const char *field, int line, const char *fmt, va_list ap)
{
    Err e = c->first;
    err_setv(&e, code, c->entry, fmt, ap);
    e.line = line;
    snprintf(e.field, sizeof e.field, "%s", field ? field : "");
    if (c->all)
        errlist_add(c->all, &e);
    if (!c->failed) {
        c->first = e;
        c->failed = -(int)code;
    }
    return c->failed;
}

int jr_fail(JsonCtx *c, ErrCode code, const char *field, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    jr_record(c, code, field, 0, fmt, ap);
    va_end(ap);
    return c->failed;
}

static int jr_fail_line(JsonCtx *c, ErrCode code, int line, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
static int jr_fail_line(JsonCtx *c, ErrCode code, int line, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    jr_record(c, code, NULL, line, fmt, ap);
    va_end(ap);
    return c->failed;
}

cJSON *jr_parse(JsonCtx *c, const char *text, size_t len)
{
    if (len > c->lim->max_json_size) {
        jr_fail(c, ERR_MANIFEST_SIZE, NULL, N_("JSON file is %zu bytes; the limit is %llu"), len,
                (unsigned long long)c->lim->max_json_size);
        return NULL;
    }
    const char *end = NULL;
    cJSON *root = cJSON_ParseWithLengthOpts(text, len, &end, 0);
    if (!root) {
        int line = 1;
        const char *stop = (end && end >= text && end <= text + len) ? end : text + len;
        for (const char *q = text; q < stop; q++)
            line += *q == '\n';
        jr_fail_line(c, ERR_JSON_SYNTAX, line, N_("this is not valid JSON (check commas, quotes and brackets)"));
        return NULL;
    }
    if (!cJSON_IsObject(root)) {
        jr_fail(c, ERR_JSON_TYPE, NULL, N_("the file must hold a JSON object { ... }"));
        cJSON_Delete(root);
        return NULL;
    }
    return root;
}

const char *jr_path(char *buf, size_t size, const char *path, const char *key)
{
    snprintf(buf, size, "%s%s%s", path, path[0] ? "." : "", key);
    return buf;
}

const char *jr_index(char *buf, size_t size, const char *path, int i)
{
    snprintf(buf, size, "%s[%d]", path, i);
    return buf;
}

/* Looks obj[key] up. Field paths for messages are built only when there is a problem to report: these run for
   every field of every item, so the common path must stay cheap. 'field' (128 bytes) receives the path then. */
static const cJSON *get(JsonCtx *c, const cJSON *obj, const char *path, const char *key, int required, char *field)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(obj, key);
    if ((!v || cJSON_IsNull(v)) && required)
        jr_fail(c, ERR_JSON_MISSING, jr_path(field, 128, path, key), N_("required field is missing"));
    return cJSON_IsNull(v) ? NULL : v;
}

/* The path of obj[key] (key non-NULL) or arr[index], built on demand. */
static const char *where(char *field, const char *path, const char *key, int index)
{
    return key ? jr_path(field, 128, path, key) : jr_index(field, 128, path, index);
}

static const char *check_string(JsonCtx *c, const cJSON *v, const char *path, const char *key, int index)
{
    char field[128];
    if (!cJSON_IsString(v) || !v->valuestring) {
        jr_fail(c, ERR_JSON_TYPE, where(field, path, key, index), N_("must be a string in quotes"));
        return NULL;
    }
    size_t n = strlen(v->valuestring);
    if (n > c->lim->max_string_len) {
        jr_fail(c, ERR_STRING_SIZE, where(field, path, key, index), N_("text is %zu bytes long; the limit is %u"), n,
                c->lim->max_string_len);
        return NULL;
    }
    if (u8_check((const uint8_t *)v->valuestring, n)) {
        jr_fail(c, ERR_NOT_UTF8, where(field, path, key, index), N_("text is not valid UTF-8; save the file as UTF-8"));
        return NULL;
    }
    return v->valuestring;
}

const char *jr_string(JsonCtx *c, const cJSON *obj, const char *path, const char *key, int required)
{
    char field[128];
    const cJSON *v = get(c, obj, path, key, required, field);
    return v ? check_string(c, v, path, key, 0) : NULL;
}

const cJSON *jr_array(JsonCtx *c, const cJSON *obj, const char *path, const char *key, int required)
{
    char field[128];
    const cJSON *v = get(c, obj, path, key, required, field);
    if (!v)
        return NULL;
    if (!cJSON_IsArray(v)) {
        jr_fail(c, ERR_JSON_TYPE, jr_path(field, sizeof field, path, key), N_("must be a list [ ... ]"));
        return NULL;
    }
    int n = cJSON_GetArraySize(v);
    if ((unsigned)n > c->lim->max_array_len) {
        jr_fail(c, ERR_ARRAY_SIZE, jr_path(field, sizeof field, path, key), N_("list has %d elements; the limit is %u"),
                n, c->lim->max_array_len);
        return NULL;
    }
    return v;
}

const cJSON *jr_object(JsonCtx *c, const cJSON *obj, const char *path, const char *key, int required)
{
    char field[128];
    const cJSON *v = get(c, obj, path, key, required, field);
    if (v && !cJSON_IsObject(v)) {
        jr_fail(c, ERR_JSON_TYPE, jr_path(field, sizeof field, path, key), N_("must be an object { ... }"));
        return NULL;
    }
    return v;
}

long jr_int(JsonCtx *c, const cJSON *obj, const char *path, const char *key, int required, long min, long max,
            long dflt)
{
    char field[128];
    const cJSON *v = get(c, obj, path, key, required, field);
    if (!v)
        return dflt;
    if (!cJSON_IsNumber(v)) {
        jr_fail(c, ERR_JSON_TYPE, jr_path(field, sizeof field, path, key), N_("must be a whole number"));
        return dflt;
    }
    /* Range first: converting a huge double to long is undefined. */
    if (!(v->valuedouble >= (double)min && v->valuedouble <= (double)max)) {
        jr_fail(c, ERR_JSON_VALUE, jr_path(field, sizeof field, path, key),
                N_("%g is out of range; allowed are %ld to %ld"), v->valuedouble, min, max);
        return dflt;
    }
    if (v->valuedouble != (double)(long)v->valuedouble) {
        jr_fail(c, ERR_JSON_TYPE, jr_path(field, sizeof field, path, key), N_("must be a whole number"));
        return dflt;
    }
    return (long)v->valuedouble;
}

int jr_bool(JsonCtx *c, const cJSON *obj, const char *path, const char *key, int required, int dflt)
{
    char field[128];
    const cJSON *v = get(c, obj, path, key, required, field);
    if (!v)
        return dflt;
    if (!cJSON_IsBool(v)) {
        jr_fail(c, ERR_JSON_TYPE, jr_path(field, sizeof field, path, key), N_("must be true or false"));
        return dflt;
    }
    return cJSON_IsTrue(v);
}

const char *jr_string_at(JsonCtx *c, const cJSON *arr, const char *path, int i)
{
    return check_string(c, cJSON_GetArrayItem(arr, i), path, NULL, i);
}

const cJSON *jr_object_at(JsonCtx *c, const cJSON *arr, const char *path, int i)
{
    char field[128];
    const cJSON *v = cJSON_GetArrayItem(arr, i);
    if (!cJSON_IsObject(v)) {
        jr_fail(c, ERR_JSON_TYPE, jr_index(field, sizeof field, path, i), N_("must be an object { ... }"));
        return NULL;
    }
    return v;
}

int jr_valid_id(const char *s)
{
    size_t n = strlen(s);
    if (n == 0 || n > 64)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        int alnum = (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9');
        if (!alnum && (i == 0 || (ch != '-' && ch != '_' && ch != '.')))
            return 0;
    }
    return 1;
}
