/* jsonread: typed, bounded access to JSON read from a pack, reporting each problem with its field path. */
#ifndef BESEDA_JSONREAD_H
#define BESEDA_JSONREAD_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "err.h"
#include "pack.h"

/* Where problems go: the first into 'first', every one into 'all' when it is non-NULL. */
typedef struct JsonCtx {
    Err first;
    ErrList *all;
    int failed; /* negative code of the first problem, 0 while none */
    const PackLimits *lim;
    const char *entry; /* file the JSON came from */
} JsonCtx;

/* Prepares 'c' for JSON from 'entry'; 'label' primes the pack name of error records. */
void jr_init(JsonCtx *c, const Err *label, const PackLimits *lim, const char *entry, ErrList *all);

/* Records a problem at JSON path 'field' (may be NULL). Returns the context's first code. */
int jr_fail(JsonCtx *c, ErrCode code, const char *field, const char *fmt, ...) __attribute__((format(printf, 4, 5)));

/* Parses 'len' bytes; on a syntax error reports the line. Returns NULL on failure. */
cJSON *jr_parse(JsonCtx *c, const char *text, size_t len);

/* Typed look-ups of obj[key]; 'path' names obj for messages ("" for the root). A missing optional field
   returns NULL (or 'dflt'); a missing required field, a wrong type or an over-long value is reported. */
const char *jr_string(JsonCtx *c, const cJSON *obj, const char *path, const char *key, int required);
const cJSON *jr_array(JsonCtx *c, const cJSON *obj, const char *path, const char *key, int required);
const cJSON *jr_object(JsonCtx *c, const cJSON *obj, const char *path, const char *key, int required);
long jr_int(JsonCtx *c, const cJSON *obj, const char *path, const char *key, int required, long min, long max,
            long dflt);
int jr_bool(JsonCtx *c, const cJSON *obj, const char *path, const char *key, int required, int dflt);
/* Element i of an array checked to be a string / object; 'path' names the array. */
const char *jr_string_at(JsonCtx *c, const cJSON *arr, const char *path, int i);
const cJSON *jr_object_at(JsonCtx *c, const cJSON *arr, const char *path, int i);

/* Builds "path.key" or "path[i]" into buf. */
const char *jr_path(char *buf, size_t size, const char *path, const char *key);
const char *jr_index(char *buf, size_t size, const char *path, int i);

/* Ids of lessons, items, options, nodes: 1-64 bytes of [a-z0-9._-], starting with a letter or digit. */
int jr_valid_id(const char *s);

#endif
