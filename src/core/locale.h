/* locale: locale overlays (locales/<lang>/locale.json) inside a pack or a locale pack, parsed and checked. */
#ifndef BESEDA_LOCALE_H
#define BESEDA_LOCALE_H

#include <stddef.h>

#include "err.h"
#include "manifest.h"
#include "pack.h"

typedef enum { LOCALE_OP_REPLACE, LOCALE_OP_INSERT, LOCALE_OP_REMOVE } LocaleOpKind;

typedef struct {
    LocaleOpKind kind;
    char *target; /* replace/remove: the item id; insert: the item after which to insert */
    char *lesson; /* insert at the start of this lesson instead (NULL when 'target' is used) */
    Item item;    /* replace/insert: the new item (file paths are pack-relative) */
} LocaleOp;

typedef struct {
    char *id;
    char *title;
    char *summary;
} LocaleText;

typedef struct {
    char *language;
    char *title, *description;
    LocaleText *lessons; /* translated lesson titles and summaries, by lesson id */
    size_t n_lessons;
    LocaleText *items; /* translated item titles, by item id */
    size_t n_items;
    LocaleOp *ops;
    size_t n_ops;
} Locale;

/* Languages with an overlay in 'p' (the <lang> of every locales/<lang>/locale.json), sorted. Returns the count
   and a new array in *langs (NULL when none or out of memory); release it with locale_list_free. */
size_t locale_list(const Pack *p, char ***langs);
void locale_list_free(char **langs, size_t n);

/* Loads and checks locales/<lang>/locale.json of 'p'. 'base' is the manifest the overlay applies to (the pack's
   own; NULL for a locale pack whose base is not at hand, which skips id checks). Problems as manifest_parse. */
int locale_load(Pack *p, const char *lang, const Manifest *base, ErrList *all, Locale **out, Err *err);
void locale_free(Locale *l);

/* The file that shows 'file' in 'lang': "locales/<lang>/<file>" when the pack has it, else 'file' itself.
   Writes into 'out'; returns 1 when the localised file exists, 0 for the fallback. */
int locale_file(const Pack *p, const char *lang, const char *file, char *out, size_t size);

/* For an entry under locales/<lang>/, the rest of its path: where the base pack has the same file. NULL for any
   other entry. ("locales/ru/images/map.png" -> "images/map.png") */
const char *locale_base_path(const char *entry);

#endif
