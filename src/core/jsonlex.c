/* jsonlex: the tokens of a JSON text with their byte offsets, for locating what jansson refuses. */
#include "jsonlex.h"

#include <stdio.h>
#include <string.h>
#include <unistr.h>

#include "jsonread.h"
#include "text.h"

static int is_digit(char c)
{
    return c >= '0' && c <= '9';
}

static int is_alpha(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

/* The value of four hexadecimal digits at s[i], or -1. */
static long hex4(const char *s, size_t len, size_t i)
{
    if (i + 4 > len)
        return -1;
    long v = 0;
    for (size_t k = i; k < i + 4; k++) {
        char c = s[k];
        int d = is_digit(c) ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;
        if (d < 0)
            return -1;
        v = v * 16 + d;
    }
    return v;
}

static uint32_t char_at(const char *s, size_t len, size_t i)
{
    ucs4_t u;
    if (i >= len || u8_mbtouc(&u, (const uint8_t *)s + i, len - i) < 1)
        return 0xFFFD;
    return u;
}

/* A token ends at its first problem: whoever reads it stops there. */
static size_t stop(JlToken *t, JlProblem p, size_t at, uint32_t ch, size_t end)
{
    t->problem = p;
    t->at = at;
    t->ch = ch;
    t->end = end;
    return end;
}

static size_t lex_string(const char *s, size_t len, size_t pos, JlToken *t)
{
    t->kind = JL_STRING;
    size_t i = pos + 1;
    while (i < len) {
        unsigned char b = (unsigned char)s[i];
        if (b == '"') {
            t->end = i + 1;
            return t->end;
        }
        if (b < 0x20)
            return stop(t, JL_CONTROL, i, b, i + 1);
        if (b != '\\') {
            i++;
            continue;
        }
        if (i + 1 >= len)
            break;
        char e = s[i + 1];
        if (e && strchr("\"\\/bfnrt", e)) {
            i += 2;
            continue;
        }
        if (e != 'u')
            return stop(t, JL_ESCAPE, i, char_at(s, len, i + 1), i + 2);
        long v = hex4(s, len, i + 2);
        if (v < 0)
            return stop(t, JL_UESCAPE, i, 'u', i + 2);
        if (v >= 0xD800 && v <= 0xDBFF) {
            long w = i + 7 < len && s[i + 6] == '\\' && s[i + 7] == 'u' ? hex4(s, len, i + 8) : -1;
            if (w < 0xDC00 || w > 0xDFFF)
                return stop(t, JL_SURROGATE, i, (uint32_t)v, i + 6);
            i += 12;
            continue;
        }
        if (v >= 0xDC00 && v <= 0xDFFF)
            return stop(t, JL_SURROGATE, i, (uint32_t)v, i + 6);
        i += 6;
    }
    return stop(t, JL_UNTERMINATED, pos, '"', len);
}

static size_t lex_number(const char *s, size_t len, size_t pos, JlToken *t)
{
    size_t e = pos;
    while (e < len && jl_in_token(s[e]))
        e++;
    t->kind = JL_NUMBER;
    t->end = e;
    JlProblem p = JL_OK;
    size_t i = pos;
    if (s[i] == '+')
        p = JL_NUM_PLUS;
    else if (s[i] == '.')
        p = JL_NUM_DOT;
    else {
        i += s[i] == '-';
        if (i >= e || !is_digit(s[i]))
            p = JL_NUM_MINUS;
        else if (s[i] == '0')
            p = ++i < e && is_digit(s[i]) ? JL_NUM_ZERO : JL_OK;
        else
            while (i < e && is_digit(s[i]))
                i++;
        if (!p && i < e && s[i] == '.') {
            if (++i >= e || !is_digit(s[i]))
                p = JL_NUM_FRACTION;
            while (i < e && is_digit(s[i]))
                i++;
        }
        if (!p && i < e && (s[i] == 'e' || s[i] == 'E')) {
            i++;
            i += i < e && (s[i] == '+' || s[i] == '-');
            if (i >= e || !is_digit(s[i]))
                p = JL_NUM_EXPONENT;
            while (i < e && is_digit(s[i]))
                i++;
        }
        if (!p && i < e)
            p = JL_NUM_JUNK;
    }
    t->problem = p;
    t->at = pos;
    return e;
}

int jl_in_token(char c)
{
    return is_digit(c) || is_alpha(c) || c == '.' || c == '+' || c == '-';
}

size_t jl_next(const char *s, size_t len, size_t pos, JlToken *t)
{
    while (pos < len && (s[pos] == ' ' || s[pos] == '\t' || s[pos] == '\n' || s[pos] == '\r'))
        pos++;
    *t = (JlToken){.kind = JL_END, .start = pos, .end = pos, .at = pos};
    if (pos >= len)
        return pos;
    char c = s[pos];
    t->ch = (unsigned char)c;
    if (c && strchr("{}[]:,", c)) {
        t->kind = JL_PUNCT;
        return t->end = pos + 1;
    }
    if (c == '"')
        return lex_string(s, len, pos, t);
    if (is_digit(c) || c == '-' || c == '+' || c == '.')
        return lex_number(s, len, pos, t);
    if (is_alpha(c)) {
        size_t e = pos;
        while (e < len && is_alpha(s[e]))
            e++;
        t->kind = JL_WORD;
        t->end = e;
        size_t n = e - pos;
        int known = (n == 4 && (memcmp(s + pos, "true", 4) == 0 || memcmp(s + pos, "null", 4) == 0)) ||
                    (n == 5 && memcmp(s + pos, "false", 5) == 0);
        t->problem = known ? JL_OK : JL_WORD_UNKNOWN;
        return e;
    }
    ucs4_t u;
    int k = u8_mbtouc(&u, (const uint8_t *)s + pos, len - pos);
    t->kind = JL_OTHER;
    return stop(t, JL_CHAR, pos, u, pos + (k < 1 ? 1 : (size_t)k));
}

int jl_string_char(const char *s, const JlToken *t, size_t *p, uint32_t *c, size_t *at)
{
    size_t i = *p, last = t->end - 1; /* the closing quote */
    if (i >= last)
        return 0;
    *at = i;
    if (s[i] != '\\') {
        ucs4_t u;
        int k = u8_mbtouc(&u, (const uint8_t *)s + i, last - i);
        *c = u;
        *p = i + (k < 1 ? 1 : (size_t)k);
        return 1;
    }
    char e = s[i + 1];
    *p = i + 2;
    switch (e) {
    case 'b':
        *c = '\b';
        break;
    case 'f':
        *c = '\f';
        break;
    case 'n':
        *c = '\n';
        break;
    case 'r':
        *c = '\r';
        break;
    case 't':
        *c = '\t';
        break;
    case 'u': {
        long v = hex4(s, last, i + 2);
        *p = i + 6;
        if (v >= 0xD800 && v <= 0xDBFF) { /* jl_next checked that the second half follows */
            v = 0x10000 + ((v - 0xD800) << 10) + (hex4(s, last, i + 8) - 0xDC00);
            *p = i + 12;
        }
        *c = (uint32_t)v;
        break;
    }
    default: /* " \ / */
        *c = (unsigned char)e;
    }
    return 1;
}

/* ---- why jansson refused a text --------------------------------------------------------------------------------- */

/* At most 40 bytes of s[from..to), cut at a character, with refused characters shown as U+FFFD, into out. */
const char *jl_excerpt(const char *s, size_t from, size_t to, char out[128])
{
    size_t n = to - from > 40 ? 40 : to - from;
    while (n > 0 && to - from > n && ((unsigned char)s[from + n] & 0xC0) == 0x80)
        n--;
    size_t k = text_sanitize(s + from, n, out);
    if (n < to - from)
        memcpy(out + k, "...", 4);
    return out;
}

/* A character as a message shows it: 'x' when it is printable ASCII, otherwise U+XXXX. */
static const char *show_char(uint32_t ch, char out[16])
{
    if (ch > 0x20 && ch < 0x7F)
        snprintf(out, 16, "'%c'", (char)ch);
    else
        snprintf(out, 16, "U+%04X", (unsigned)ch);
    return out;
}

size_t jl_too_deep(const char *s, size_t len, int max)
{
    int depth = 0, in_string = 0;
    for (size_t i = 0; i < len; i++) {
        char ch = s[i];
        if (in_string) {
            if (ch == '\\')
                i++;
            else if (ch == '"')
                in_string = 0;
        } else if (ch == '"') {
            in_string = 1;
        } else if (ch == '[' || ch == '{') {
            if (++depth > max)
                return i;
        } else if ((ch == ']' || ch == '}') && depth > 0) {
            depth--;
        }
    }
    return len;
}

/* The problem of a token that is wrong in itself (see JlProblem). */
static int explain_token(JsonCtx *c, const char *s, const JlToken *t)
{
    char tok[128], ch[16];
    jl_excerpt(s, t->start, t->end, tok);
    size_t at = t->at;
    switch (t->problem) {
    case JL_CONTROL:
        if (t->ch == '\t')
            return jr_fail_at(c, ERR_JSON_CONTROL, NULL, s, at,
                              N_("a raw tab (U+0009) inside quotes; write \\t instead"));
        if (t->ch == '\n' || t->ch == '\r')
            return jr_fail_at(c, ERR_JSON_CONTROL, NULL, s, at,
                              N_("a raw line break (U+%04X) inside quotes; write %s instead, or close the quotes "
                                 "before it"),
                              (unsigned)t->ch, t->ch == '\n' ? "\\n" : "\\r");
        return jr_fail_at(c, ERR_JSON_CONTROL, NULL, s, at,
                          N_("a raw control character (U+%04X) inside quotes; remove it"), (unsigned)t->ch);
    case JL_ESCAPE:
        return jr_fail_at(c, ERR_JSON_SYNTAX, NULL, s, at,
                          N_("a backslash followed by %s is not an escape JSON knows; write \\\\ for a backslash, or "
                             "use \\\" \\/ \\b \\f \\n \\r \\t or \\uXXXX"),
                          show_char(t->ch, ch));
    case JL_UESCAPE:
        return jr_fail_at(c, ERR_JSON_SYNTAX, NULL, s, at,
                          N_("\\u must be followed by four hexadecimal digits, as in \\u00e9"));
    case JL_SURROGATE:
        if (t->ch < 0xDC00)
            return jr_fail_at(c, ERR_JSON_SURROGATE, NULL, s, at,
                              N_("\\u%04X is the first half of a surrogate pair, and no second half (\\uDC00 to "
                                 "\\uDFFF) follows; write the character itself, or both halves"),
                              (unsigned)t->ch);
        return jr_fail_at(
            c, ERR_JSON_SURROGATE, NULL, s, at,
            N_("\\u%04X is the second half of a surrogate pair, without a first half before it; write the "
               "character itself, or both halves"),
            (unsigned)t->ch);
    case JL_UNTERMINATED:
        return jr_fail_at(c, ERR_JSON_SYNTAX, NULL, s, at,
                          N_("the text in quotes that starts here is never closed; a '\"' is missing"));
    case JL_NUM_PLUS:
        return jr_fail_at(c, ERR_JSON_NUMBER, NULL, s, at, N_("%s: a number may not start with '+'; leave it out"),
                          tok);
    case JL_NUM_DOT:
        return jr_fail_at(c, ERR_JSON_NUMBER, NULL, s, at,
                          N_("%s: a number needs a digit before its decimal point, as in 0.5"), tok);
    case JL_NUM_MINUS:
        return jr_fail_at(c, ERR_JSON_NUMBER, NULL, s, at, N_("%s: a digit must follow '-'"), tok);
    case JL_NUM_ZERO:
        return jr_fail_at(c, ERR_JSON_NUMBER, NULL, s, at,
                          N_("%s: a number may not start with 0 unless it is 0 or 0.something; write 1, not 01"), tok);
    case JL_NUM_FRACTION:
        return jr_fail_at(c, ERR_JSON_NUMBER, NULL, s, at,
                          N_("%s: a digit must follow the decimal point; write 1 or 1.0, not 1."), tok);
    case JL_NUM_EXPONENT:
        return jr_fail_at(c, ERR_JSON_NUMBER, NULL, s, at, N_("%s: an exponent needs digits, as in 1e5"), tok);
    case JL_NUM_JUNK:
        return jr_fail_at(c, ERR_JSON_NUMBER, NULL, s, at,
                          N_("%s is not a number JSON knows (decimal digits only, one decimal point, no hexadecimal)"),
                          tok);
    case JL_WORD_UNKNOWN:
        return jr_fail_at(c, ERR_JSON_SYNTAX, NULL, s, at,
                          N_("'%s' is not a JSON value; text goes in double quotes, and true, false and null are "
                             "written in lower case"),
                          tok);
    case JL_CHAR:
        if (t->ch == '\'')
            return jr_fail_at(c, ERR_JSON_SYNTAX, NULL, s, at,
                              N_("JSON puts text and keys in double quotes \"...\", not single quotes"));
        if (t->ch == '/' || t->ch == '#')
            return jr_fail_at(c, ERR_JSON_SYNTAX, NULL, s, at, N_("JSON has no comments; remove this"));
        return jr_fail_at(c, ERR_JSON_SYNTAX, NULL, s, at, N_("unexpected character %s"), show_char(t->ch, ch));
    case JL_OK:
        break;
    }
    return jr_fail_at(c, ERR_JSON_SYNTAX, NULL, s, at, N_("this is not valid JSON"));
}

typedef struct {
    char open; /* '{' or '[' */
    size_t at;
} Open;

/* A token that is right in itself where jansson expected something else; 'prev' is the token before it (kind
   JL_END at the start), 'prev_key' says it was an object key, 'top' is the innermost open bracket or NULL. */
static int explain_grammar(JsonCtx *c, const char *s, const json_error_t *e, const JlToken *t, const JlToken *prev,
                           int prev_key, const Open *top)
{
    char buf[128];
    switch (json_error_code(e)) {
    case json_error_duplicate_key:
        return jr_fail_at(c, ERR_JSON_DUPLICATE_KEY, NULL, s, t->start,
                          N_("the key %s is in this object twice; keep one of them"),
                          jl_excerpt(s, t->start, t->end, buf));
    case json_error_numeric_overflow:
        return jr_fail_at(c, ERR_JSON_NUMBER, NULL, s, t->start, N_("the number %s is too large"),
                          jl_excerpt(s, t->start, t->end, buf));
    case json_error_null_character:
    case json_error_null_byte_in_key: {
        size_t p = t->start + 1, at;
        uint32_t ch;
        while (t->kind == JL_STRING && jl_string_char(s, t, &p, &ch, &at))
            if (ch == 0) {
                int line, col;
                text_line_col(s, at, &line, &col);
                return jr_fail_char(c, NULL, 0, line, col, 0);
            }
        break;
    }
    case json_error_stack_overflow:
        return jr_fail_at(c, ERR_JSON_DEPTH, NULL, s, t->start,
                          N_("nested deeper than %d levels; lists and objects may be nested at most %d deep"),
                          JR_MAX_DEPTH, JR_MAX_DEPTH);
    default:
        break;
    }
    int line = 0, col = 0;
    if (top)
        text_line_col(s, top->at, &line, &col);
    char pc = prev->kind == JL_PUNCT ? s[prev->start] : 0, tc = t->kind == JL_PUNCT ? s[t->start] : 0;
    int in_object = top && top->open == '{';
    if (t->kind == JL_END && top)
        return jr_fail_at(c, ERR_JSON_SYNTAX, NULL, s, t->start,
                          in_object
                              ? N_("the file ends inside the object opened at line %d, column %d; a '}' is missing")
                              : N_("the file ends inside the list opened at line %d, column %d; a ']' is missing"),
                          line, col);
    if (t->kind == JL_END)
        return jr_fail_at(c, ERR_JSON_SYNTAX, NULL, s, t->start,
                          N_("the file holds no JSON; it must hold an object { ... }"));
    if (pc == '{' || (pc == ',' && in_object)) {
        if (pc == ',' && tc == '}')
            return jr_fail_at(c, ERR_JSON_SYNTAX, NULL, s, prev->start,
                              N_("JSON allows no comma before '}'; remove this one"));
        return jr_fail_at(c, ERR_JSON_SYNTAX, NULL, s, t->start,
                          N_("a key in double quotes is expected here, as in \"title\": ..."));
    }
    if (prev_key)
        return jr_fail_at(c, ERR_JSON_SYNTAX, NULL, s, t->start, N_("a ':' is missing between the key and its value"));
    if (prev->kind == JL_END || pc == ':' || pc == '[' || pc == ',') {
        if (pc == ',' && tc == ']')
            return jr_fail_at(c, ERR_JSON_SYNTAX, NULL, s, prev->start,
                              N_("JSON allows no comma before ']'; remove this one"));
        return jr_fail_at(c, ERR_JSON_SYNTAX, NULL, s, t->start,
                          N_("a value is expected here: text in double quotes, a number, true, false, null, a list "
                             "[ ... ] or an object { ... }"));
    }
    /* after a complete value */
    if ((tc == '}' || tc == ']') && top)
        return jr_fail_at(c, ERR_JSON_SYNTAX, NULL, s, t->start,
                          N_("this '%c' does not close the '%c' opened at line %d, column %d"), tc, top->open, line,
                          col);
    if (tc == ':')
        return jr_fail_at(c, ERR_JSON_SYNTAX, NULL, s, t->start, N_("a ':' may only follow a key"));
    return jr_fail_at(c, ERR_JSON_SYNTAX, NULL, s, t->start,
                      in_object ? N_("a ',' is missing before this (or a '}' that closes the object)")
                                : N_("a ',' is missing before this (or a ']' that closes the list)"));
}

/* Finds why jansson refused s[0..len) at e->position: the first token that is wrong in itself, or the one jansson
   stopped at, read with the brackets open before it. */
int jl_explain(JsonCtx *c, const char *s, size_t len, const json_error_t *e)
{
    /* at the end of the text jansson stops after the last token, but the problem is the end */
    size_t stop_at = json_error_code(e) == json_error_premature_end_of_input ? len + 1
                     : e->position > 0                                       ? (size_t)e->position
                                                                             : 0;
    size_t pos = 0;
    Open open[JR_MAX_DEPTH + 1];
    int depth = 0, prev_key = 0;
    JlToken prev = {.kind = JL_END}, t;
    for (;;) {
        pos = jl_next(s, len, pos, &t);
        char tc = t.kind == JL_PUNCT ? s[t.start] : 0, pc = prev.kind == JL_PUNCT ? s[prev.start] : 0;
        int key_here = depth && open[depth - 1].open == '{' && (pc == '{' || pc == ',');
        if (t.problem && !(key_here && t.kind == JL_WORD)) /* a bare word as a key: the quotes are missing */
            return explain_token(c, s, &t);
        if (t.problem || t.kind == JL_END || t.end >= stop_at)
            return explain_grammar(c, s, e, &t, &prev, prev_key, depth ? &open[depth - 1] : NULL);
        prev_key = t.kind == JL_STRING && key_here;
        if ((tc == '{' || tc == '[') && depth < JR_MAX_DEPTH + 1)
            open[depth++] = (Open){tc, t.start};
        else if ((tc == '}' || tc == ']') && depth > 0)
            depth--;
        prev = t;
    }
}
