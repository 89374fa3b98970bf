/* jsonlex: the tokens of a JSON text with their byte offsets, and from them why jansson refused a text. jansson
   parses (core/jsonread); this only tells where things are: the token jansson stopped at and what is wrong with
   it, the first bracket nested too deep, and where each character of a string sits. */
#ifndef BESEDA_JSONLEX_H
#define BESEDA_JSONLEX_H

#include <stddef.h>
#include <stdint.h>

typedef enum {
    JL_END,    /* the end of the text */
    JL_PUNCT,  /* one of { } [ ] : , */
    JL_STRING, /* from its opening quote to its closing one */
    JL_NUMBER, /* a run of [0-9A-Za-z.+-] that starts with a digit, '-', '+' or '.' */
    JL_WORD,   /* a run of letters: true, false, null, or a mistake */
    JL_OTHER,  /* one character that starts no JSON token */
} JlKind;

/* What is wrong with a token in itself, whatever surrounds it (RFC 8259, sections 6 and 7). */
typedef enum {
    JL_OK,
    JL_CONTROL,      /* a raw character U+0000-U+001F inside quotes */
    JL_ESCAPE,       /* a backslash before something other than " \ / b f n r t u */
    JL_UESCAPE,      /* \u without four hexadecimal digits */
    JL_SURROGATE,    /* a \u escape of half a surrogate pair */
    JL_UNTERMINATED, /* the text ends inside quotes */
    JL_NUM_PLUS,     /* +1 */
    JL_NUM_DOT,      /* .5 */
    JL_NUM_MINUS,    /* - without a digit */
    JL_NUM_ZERO,     /* 01 */
    JL_NUM_FRACTION, /* 1. or 1.e5 */
    JL_NUM_EXPONENT, /* 1e or 1e+ */
    JL_NUM_JUNK,     /* a valid number followed by more: 0x10, 1.5.2, 12abc */
    JL_WORD_UNKNOWN, /* True, NaN, undefined... */
    JL_CHAR,         /* a character that starts no token: ' / # or a space JSON does not know */
} JlProblem;

typedef struct {
    JlKind kind;
    JlProblem problem;
    size_t start, end; /* the token is s[start..end) */
    size_t at;         /* where the problem is (for a string, the offending character or escape) */
    uint32_t ch;       /* the character or \u value at 'at' */
} JlToken;

/* Reads the token at or after 'pos' of s[0..len) (skipping the four JSON whitespace characters) into *t and
   returns the offset just after it. Bytes of broken UTF-8 count as characters of their own. */
size_t jl_next(const char *s, size_t len, size_t pos, JlToken *t);

/* True when 'c' can stand inside a number or a word (true, false, null): such a token ends where the next
   character is not one of these, so a text cut after 'c' may have cut it. */
int jl_in_token(char c);

/* Steps through the characters of a string token without problem: '*p' starts at t->start + 1. Returns 0 at the
   closing quote; otherwise stores the character (escapes decoded, surrogate pairs joined) in *c and the offset
   of its first byte or of its escape in *at, advances *p and returns 1. */
int jl_string_char(const char *s, const JlToken *t, size_t *p, uint32_t *c, size_t *at);

/* The offset of the first '[' or '{' nested deeper than 'max', or 'len'. Brackets inside strings do not count. It
   is a guess for valid JSON only: jr_parse lets jansson read the text up to it first, so an earlier problem wins. */
size_t jl_too_deep(const char *s, size_t len, int max);

struct JsonCtx;
struct json_error_t;
/* Reports to 'c', with its line and column, why jansson refused s[0..len) with the error 'e': the first token
   that is wrong in itself (a raw control character, a bad escape or number, half a surrogate pair, U+0000...),
   otherwise the token jansson stopped at, explained by what came before it (a missing comma or colon, a
   repeated key, a bracket that closes nothing...). Returns c->failed. */
int jl_explain(struct JsonCtx *c, const char *s, size_t len, const struct json_error_t *e);

/* At most 40 bytes of s[from..to), cut at a character, followed by "..." when cut, with broken UTF-8 and
   refused characters shown as U+FFFD: a piece of outside text fit for a message. Returns 'out'. */
const char *jl_excerpt(const char *s, size_t from, size_t to, char out[128]);

#endif
