/* manifest: pack.json parsed into structs, with every field and reference checked. */
#ifndef BESEDA_MANIFEST_H
#define BESEDA_MANIFEST_H

#include <stddef.h>

#include "err.h"
#include "pack.h"

typedef enum { ITEM_PAGE, ITEM_EXERCISE, ITEM_ACTIVITY } ItemKind;

typedef struct {
    char *id; /* stable: progress keys on it */
    char *title;
    ItemKind kind;
    char *file;   /* page: .md; exercise and activity: .json (pack-relative) */
    char *notes;  /* lecturer notes (.md), NULL when none */
    int duration; /* planned minutes, 0 when not given */
    int optional; /* "optional": may be skipped when time is short; not counted in the lesson's planned time */
    int handout;  /* "handout" (pages only): printed in full with the lesson plan, to hand out */
} Item;

typedef struct {
    char *id;
    char *title;
    char *summary; /* NULL when none */
    int duration;  /* planned minutes, 0 when not given */
    Item *items;
    size_t n_items;
} Lesson;

typedef struct Manifest {
    int format;
    int is_locale; /* "kind": "locale": a locale pack for another pack */
    char *id;      /* reverse-DNS */
    char *version; /* semver */
    char *title;
    char *description; /* NULL when none */
    char *language;    /* BCP 47 */
    char *license;
    char **authors;
    size_t n_authors;
    char *cover;      /* image path, NULL when none */
    char *min_reader; /* semver, NULL when none */
    char *extends_id; /* locale packs: the base pack id and version range */
    char *extends_versions;
    Lesson *lessons;
    size_t n_lessons;
} Manifest;

/* Reads and parses pack.json of 'p'. The first problem goes into 'err'; every problem into 'all' when it is
   non-NULL, which also keeps a partly read manifest as manifest_parse does. */
int manifest_load(Pack *p, ErrList *all, Manifest **out, Err *err);
/* Parses 'len' bytes of pack.json text of pack 'p'; every problem goes into 'all' when non-NULL, the first into
   'err'. On failure *out is NULL, except when collecting into 'all' and the JSON itself parsed: then *out holds
   what could be read (fields that were wrong are NULL or 0) so that validation can go on; the caller frees it. */
int manifest_parse(const Pack *p, const char *json, size_t len, ErrList *all, Manifest **out, Err *err);
void manifest_free(Manifest *m);

/* Parses one item object at JSON path 'path' (shared with locale operations); sets *nomem on allocation
   failure. Release the item's strings with manifest_item_free. */
struct JsonCtx;
struct json_t;
void manifest_parse_item(struct JsonCtx *c, const Pack *p, const struct json_t *jo, const char *path, Item *it,
                         int *nomem);
void manifest_item_free(Item *it);

/* Finds an item by id; *lesson_index gets its lesson (may be NULL). NULL when absent. */
const Item *manifest_find_item(const Manifest *m, const char *id, size_t *lesson_index);
const char *manifest_kind_name(ItemKind k);
/* A lesson's planned minutes: its own "duration", else the sum of its required (not optional) items'. */
int manifest_lesson_minutes(const Lesson *l);
/* Number of items over all lessons. */
size_t manifest_item_count(const Manifest *m);

/* Syntax checks shared with locale files. */
int manifest_valid_pack_id(const char *s);
int manifest_valid_language(const char *s);
/* 1 when 'name' ends with ".png", ".jpg" or ".jpeg" (any case). */
int manifest_is_image_name(const char *name);

#endif
