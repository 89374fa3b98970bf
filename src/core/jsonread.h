/* jsonread: strict RFC 8259 JSON (parsed by jansson) with each refusal located by line and column, and typed,
   bounded access to it that reports each problem with its field path. */
#ifndef BESEDA_JSONREAD_H
#define BESEDA_JSONREAD_H

#include <jansson.h>
#include <stddef.h>
#include <stdint.h>

#include "err.h"
#include "pack.h"

/* Lists and objects nest at most this deep (jansson's own limit, 2048, is fixed when it is built). */
enum { JR_MAX_DEPTH = 64 };

/* Where problems go: the first into 'first', every one into 'all' when it is non-NULL. */
typedef struct JsonCtx {
    Err first;
    ErrList *all;
    int failed; /* negative code of the first problem, 0 while none */
    const PackLimits *lim;
    const char *entry; /* file the JSON came from */
    /* Refuse every string (key or value) holding a character pack text may not hold (core/text), with its line,
       column and field path. jr_init sets it when problems are collected ('all' given: beseda-pack validate and
       the tools that check what they build); files that are refused whole on any problem (notes, adapt.json) set
       it themselves. Without it only U+0000 is refused: the reader shows the others as U+FFFD. */
    int strict_text;
} JsonCtx;

/* Prepares 'c' for JSON from 'entry'; 'label' primes the pack name of error records. */
void jr_init(JsonCtx *c, const Err *label, const PackLimits *lim, const char *entry, ErrList *all);

/* Records a problem at JSON path 'field' (may be NULL). Returns the context's first code. */
int jr_fail(JsonCtx *c, ErrCode code, const char *field, const char *fmt, ...)
    __attribute__((format(BESEDA_PRINTF_FORMAT, 4, 5)));

/* Records a problem at byte 'off' of the JSON text s (its line and column) and JSON path 'field' (may be NULL). */
int jr_fail_at(JsonCtx *c, ErrCode code, const char *field, const char *s, size_t off, const char *fmt, ...)
    __attribute__((format(BESEDA_PRINTF_FORMAT, 6, 7)));

/* Records text-bad-char: character 'ch' (core/text refuses it) in a string, or in a key when 'key', at 'field'. */
int jr_fail_char(JsonCtx *c, const char *field, int key, int line, int col, uint32_t ch);

/* Parses 'len' bytes as strict RFC 8259 JSON holding an object (a UTF-8 byte order mark at the start is skipped,
   as RFC 8259 allows). Each refusal names its line and column: content after the value, a raw control character
   in a string, a number JSON does not allow or too large, a NUL byte, half a surrogate pair, a repeated key,
   nesting deeper than JR_MAX_DEPTH, broken UTF-8, U+0000, other syntax errors; with 'strict_text', also every
   refused character (with its field path, and the tree is still returned so that checking can go on). Returns a
   new reference (json_decref it) or NULL. */
json_t *jr_parse(JsonCtx *c, const char *text, size_t len);

/* Typed look-ups of obj[key]; 'path' names obj for messages ("" for the root). A missing optional field
   returns NULL (or 'dflt'); a missing required field, a wrong type or an over-long value is reported.
   Values returned are borrowed from obj and live as long as the tree. */
const char *jr_string(JsonCtx *c, const json_t *obj, const char *path, const char *key, int required);
const json_t *jr_array(JsonCtx *c, const json_t *obj, const char *path, const char *key, int required);
const json_t *jr_object(JsonCtx *c, const json_t *obj, const char *path, const char *key, int required);
long jr_int(JsonCtx *c, const json_t *obj, const char *path, const char *key, int required, long min, long max,
            long dflt);
int jr_bool(JsonCtx *c, const json_t *obj, const char *path, const char *key, int required, int dflt);
/* Element i of an array checked to be a string / object; 'path' names the array. */
const char *jr_string_at(JsonCtx *c, const json_t *arr, const char *path, int i);
const json_t *jr_object_at(JsonCtx *c, const json_t *arr, const char *path, int i);
/* The number of elements of an array or members of an object (0 for anything else or NULL), as an int; jr_array
   bounds an array's. */
int jr_size(const json_t *arr);

/* Builds "path.key" or "path[i]" into buf. */
const char *jr_path(char *buf, size_t size, const char *path, const char *key);
const char *jr_index(char *buf, size_t size, const char *path, int i);

/* Ids of lessons, items, options, nodes: 1-64 bytes of [a-z0-9._-], starting with a letter or digit. */
int jr_valid_id(const char *s);

#endif
