/* jsonread: strict JSON through jansson, each refusal located by line and column, and typed, bounded access. */
#include "jsonread.h"

#include <libintl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <unistr.h>

#include "jsonlex.h"
#include "text.h"

void jr_init(JsonCtx *c, const Err *label, const PackLimits *lim, const char *entry, ErrList *all)
{
    c->first = *label;
    c->all = all;
    c->failed = 0;
    c->lim = lim;
    c->entry = entry;
    c->strict_text = all != NULL;
}

static int jr_record(JsonCtx *c, ErrCode code, const char *field, int line, int col, const char *fmt, va_list ap)
    __attribute__((format(printf, 6, 0)));

static int jr_record(JsonCtx *c, ErrCode code, const char *field, int line, int col, const char *fmt, va_list ap)
{
    Err e = c->first;
    err_setv(&e, code, c->entry, fmt, ap);
    e.line = line;
    e.col = col;
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
    jr_record(c, code, field, 0, 0, fmt, ap);
    va_end(ap);
    return c->failed;
}

int jr_fail_at(JsonCtx *c, ErrCode code, const char *field, const char *s, size_t off, const char *fmt, ...)
{
    int line, col;
    text_line_col(s, off, &line, &col);
    va_list ap;
    va_start(ap, fmt);
    jr_record(c, code, field, line, col, fmt, ap);
    va_end(ap);
    return c->failed;
}

static int fail_line_col(JsonCtx *c, ErrCode code, const char *field, int line, int col, const char *fmt, ...)
    __attribute__((format(printf, 6, 7)));
static int fail_line_col(JsonCtx *c, ErrCode code, const char *field, int line, int col, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    jr_record(c, code, field, line, col, fmt, ap);
    va_end(ap);
    return c->failed;
}

int jr_fail_char(JsonCtx *c, const char *field, int key, int line, int col, uint32_t ch)
{
    const char *kind = gettext(text_char_kind(ch));
    if (key)
        return fail_line_col(c, ERR_TEXT_BAD_CHAR, field, line, col,
                             N_("the key holds U+%04X (%s), which pack text may not hold; remove it"), (unsigned)ch,
                             kind);
    return fail_line_col(c, ERR_TEXT_BAD_CHAR, field, line, col,
                         N_("holds U+%04X (%s), which pack text may not hold; remove it"), (unsigned)ch, kind);
}

/* ---- characters pack text may not hold ---------------------------------------------------------------------- */

typedef struct {
    size_t string; /* which string of the text (keys and values, in order) */
    size_t at;
    uint32_t ch;
} BadChar;

typedef struct {
    JsonCtx *c;
    const char *s;
    const BadChar *bad;
    size_t n_bad, next, strings;
    size_t off; /* a cursor: line and column of byte 'off' */
    int line, col;
} TextWalk;

static void cursor_to(TextWalk *w, size_t off)
{
    for (; w->off < off; w->off++) {
        unsigned char b = (unsigned char)w->s[w->off];
        if (b == '\n') {
            w->line++;
            w->col = 1;
        } else if ((b & 0xC0) != 0x80) {
            w->col++;
        }
    }
}

/* One more string (a key when 'key'); reports its refused characters. */
static void walk_string(TextWalk *w, const char *path, int key)
{
    for (; w->next < w->n_bad && w->bad[w->next].string == w->strings; w->next++) {
        cursor_to(w, w->bad[w->next].at);
        jr_fail_char(w->c, path, key, w->line, w->col, w->bad[w->next].ch);
    }
    w->strings++;
}

/* Visits the strings of the tree in the order of the text: jansson keeps an object's keys in the order it read
   them (and refused repeated keys), so the n-th string met here is the n-th string token of the text. */
static void walk_value(TextWalk *w, json_t *v, const char *path)
{
    char sub[128], key[128];
    if (json_is_object(v)) {
        const char *k;
        json_t *x;
        json_object_foreach(v, k, x)
        {
            jr_path(sub, sizeof sub, path, k[0] ? jl_excerpt(k, 0, strlen(k), key) : "\"\""); /* "" shown */
            walk_string(w, sub, 1);
            if (w->next == w->n_bad)
                return;
            walk_value(w, x, sub);
        }
    } else if (json_is_array(v)) {
        size_t i;
        json_t *x;
        json_array_foreach(v, i, x)
        {
            if (w->next == w->n_bad)
                return;
            walk_value(w, x, jr_index(sub, sizeof sub, path, (int)i));
        }
    } else if (json_is_string(v)) {
        walk_string(w, path, 0);
    }
}

/* Reports every refused character in the strings of the valid JSON text s (up to a list's worth). */
static void check_text(JsonCtx *c, const char *s, size_t len, json_t *root)
{
    static const size_t max_bad = ERRLIST_MAX;
    BadChar bad[ERRLIST_MAX];
    size_t n_bad = 0, strings = 0, pos = 0;
    JlToken t;
    while ((pos = jl_next(s, len, pos, &t)), t.kind != JL_END && !t.problem) {
        if (t.kind != JL_STRING)
            continue;
        size_t p = t.start + 1, at;
        uint32_t ch;
        while (n_bad < max_bad && jl_string_char(s, &t, &p, &ch, &at))
            if (!text_char_allowed(ch))
                bad[n_bad++] = (BadChar){strings, at, ch};
        strings++;
    }
    if (n_bad == 0)
        return;
    TextWalk w = {c, s, bad, n_bad, 0, 0, 0, 1, 1};
    walk_value(&w, root, "");
}

/* ---- parsing ------------------------------------------------------------------------------------------------ */

json_t *jr_parse(JsonCtx *c, const char *text, size_t len)
{
    if (len > c->lim->max_json_size) {
        jr_fail(c, ERR_MANIFEST_SIZE, NULL, N_("JSON file is %zu bytes; the limit is %llu"), len,
                (unsigned long long)c->lim->max_json_size);
        return NULL;
    }
    if (len >= 3 && memcmp(text, "\xEF\xBB\xBF", 3) == 0) { /* positions are counted after it, as editors do */
        text += 3;
        len -= 3;
    }
    /* What jansson would misreport is found first: the text up to it is parsed, so an earlier problem wins. */
    size_t limit = len;
    ErrCode why = ERR_OK;
    const char *nul = memchr(text, '\0', len);
    if (nul) {
        limit = (size_t)(nul - text);
        why = ERR_JSON_NUL;
    }
    const uint8_t *broken = u8_check((const uint8_t *)text, limit);
    if (broken) {
        limit = (size_t)((const char *)broken - text);
        why = ERR_NOT_UTF8;
    }
    size_t deep = jl_too_deep(text, limit, JR_MAX_DEPTH);
    if (deep < limit) {
        limit = deep;
        why = ERR_JSON_DEPTH;
    }
    json_error_t e;
    memset(&e, 0, sizeof e); /* jansson leaves the error code unset when memory runs out */
    json_t *root = json_loadb(text, limit, JSON_REJECT_DUPLICATES | JSON_DECODE_ANY | JSON_DISABLE_EOF_CHECK, &e);
    size_t end = root && e.position > 0 ? (size_t)e.position : 0;
    while (root && end < limit && (text[end] == ' ' || text[end] == '\t' || text[end] == '\n' || text[end] == '\r'))
        end++;
    /* jansson stopped because the text was cut at 'limit' (not at a problem of its own before it) when the text
       ended too early there, or inside a number or word whose end it could not see */
    int cut = !root && why &&
              (json_error_code(&e) == json_error_premature_end_of_input ||
               ((size_t)e.position >= limit && limit > 0 && jl_in_token(text[limit - 1])));
    if (root && end < limit)
        jr_fail_at(c, ERR_JSON_TRAILING, NULL, text, end,
                   N_("more after the end of the JSON value; a file holds one object { ... }: remove what follows, or "
                      "look for a bracket closed too early"));
    else if ((root || cut) && why == ERR_JSON_NUL)
        jr_fail_at(c, ERR_JSON_NUL, NULL, text, limit,
                   N_("a NUL byte (0x00) is in the file; JSON is text and may not hold one"));
    else if ((root || cut) && why == ERR_NOT_UTF8)
        jr_fail_at(c, ERR_NOT_UTF8, NULL, text, limit,
                   N_("the file is not valid UTF-8 here (byte 0x%02X); save it as UTF-8"), (unsigned char)text[limit]);
    else if ((root || cut) && why == ERR_JSON_DEPTH)
        jr_fail_at(c, ERR_JSON_DEPTH, NULL, text, limit,
                   N_("nested deeper than %d levels; lists and objects may be nested at most %d deep"), JR_MAX_DEPTH,
                   JR_MAX_DEPTH);
    else if (!root && (json_error_code(&e) == json_error_out_of_memory || !e.text[0]))
        jr_fail(c, ERR_NOMEM, NULL, N_("out of memory"));
    else if (!root)
        jl_explain(c, text, limit, &e);
    else if (!json_is_object(root))
        jr_fail(c, ERR_JSON_TYPE, NULL, N_("the file must hold a JSON object { ... }"));
    else {
        if (c->strict_text)
            check_text(c, text, len, root);
        return root;
    }
    json_decref(root);
    return NULL;
}

/* ---- typed access ------------------------------------------------------------------------------------------- */

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
static const json_t *get(JsonCtx *c, const json_t *obj, const char *path, const char *key, int required, char *field)
{
    const json_t *v = json_object_get(obj, key);
    if ((!v || json_is_null(v)) && required)
        jr_fail(c, ERR_JSON_MISSING, jr_path(field, 128, path, key), N_("required field is missing"));
    return json_is_null(v) ? NULL : v;
}

/* The path of obj[key] (key non-NULL) or arr[index], built on demand. */
static const char *where(char *field, const char *path, const char *key, int index)
{
    return key ? jr_path(field, 128, path, key) : jr_index(field, 128, path, index);
}

static const char *check_string(JsonCtx *c, const json_t *v, const char *path, const char *key, int index)
{
    char field[128];
    if (!json_is_string(v)) {
        jr_fail(c, ERR_JSON_TYPE, where(field, path, key, index), N_("must be a string in quotes"));
        return NULL;
    }
    /* jansson has checked the UTF-8 (and refused U+0000, so the length is the C string's) */
    size_t n = json_string_length(v);
    if (n > c->lim->max_string_len) {
        jr_fail(c, ERR_STRING_SIZE, where(field, path, key, index), N_("text is %zu bytes long; the limit is %u"), n,
                c->lim->max_string_len);
        return NULL;
    }
    return json_string_value(v);
}

const char *jr_string(JsonCtx *c, const json_t *obj, const char *path, const char *key, int required)
{
    char field[128];
    const json_t *v = get(c, obj, path, key, required, field);
    return v ? check_string(c, v, path, key, 0) : NULL;
}

const json_t *jr_array(JsonCtx *c, const json_t *obj, const char *path, const char *key, int required)
{
    char field[128];
    const json_t *v = get(c, obj, path, key, required, field);
    if (!v)
        return NULL;
    if (!json_is_array(v)) {
        jr_fail(c, ERR_JSON_TYPE, jr_path(field, sizeof field, path, key), N_("must be a list [ ... ]"));
        return NULL;
    }
    size_t n = json_array_size(v);
    if (n > c->lim->max_array_len) {
        jr_fail(c, ERR_ARRAY_SIZE, jr_path(field, sizeof field, path, key),
                N_("list has %zu elements; the limit is %u"), n, c->lim->max_array_len);
        return NULL;
    }
    return v;
}

const json_t *jr_object(JsonCtx *c, const json_t *obj, const char *path, const char *key, int required)
{
    char field[128];
    const json_t *v = get(c, obj, path, key, required, field);
    if (v && !json_is_object(v)) {
        jr_fail(c, ERR_JSON_TYPE, jr_path(field, sizeof field, path, key), N_("must be an object { ... }"));
        return NULL;
    }
    return v;
}

long jr_int(JsonCtx *c, const json_t *obj, const char *path, const char *key, int required, long min, long max,
            long dflt)
{
    char field[128];
    const json_t *v = get(c, obj, path, key, required, field);
    if (!v)
        return dflt;
    if (!json_is_number(v)) {
        jr_fail(c, ERR_JSON_TYPE, jr_path(field, sizeof field, path, key), N_("must be a whole number"));
        return dflt;
    }
    /* Range first: converting a huge double to long is undefined. A real such as 2.0 counts as whole. */
    int whole = json_is_integer(v);
    json_int_t i = json_integer_value(v);
    double d = json_is_integer(v) ? (double)i : json_real_value(v);
    if (whole ? i < min || i > max : !(d >= (double)min && d <= (double)max)) {
        char shown[40];
        if (whole)
            snprintf(shown, sizeof shown, "%lld", (long long)i);
        else
            snprintf(shown, sizeof shown, "%g", d);
        jr_fail(c, ERR_JSON_VALUE, jr_path(field, sizeof field, path, key),
                N_("%s is out of range; allowed are %ld to %ld"), shown, min, max);
        return dflt;
    }
    if (!whole && d != (double)(long)d) {
        jr_fail(c, ERR_JSON_TYPE, jr_path(field, sizeof field, path, key), N_("must be a whole number"));
        return dflt;
    }
    return whole ? (long)i : (long)d;
}

int jr_bool(JsonCtx *c, const json_t *obj, const char *path, const char *key, int required, int dflt)
{
    char field[128];
    const json_t *v = get(c, obj, path, key, required, field);
    if (!v)
        return dflt;
    if (!json_is_boolean(v)) {
        jr_fail(c, ERR_JSON_TYPE, jr_path(field, sizeof field, path, key), N_("must be true or false"));
        return dflt;
    }
    return json_is_true(v);
}

const char *jr_string_at(JsonCtx *c, const json_t *arr, const char *path, int i)
{
    return check_string(c, json_array_get(arr, (size_t)i), path, NULL, i);
}

const json_t *jr_object_at(JsonCtx *c, const json_t *arr, const char *path, int i)
{
    char field[128];
    const json_t *v = json_array_get(arr, (size_t)i);
    if (!json_is_object(v)) {
        jr_fail(c, ERR_JSON_TYPE, jr_index(field, sizeof field, path, i), N_("must be an object { ... }"));
        return NULL;
    }
    return v;
}

int jr_size(const json_t *arr)
{
    size_t n = json_is_array(arr) ? json_array_size(arr) : json_object_size(arr);
    return n > INT_MAX ? INT_MAX : (int)n;
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
