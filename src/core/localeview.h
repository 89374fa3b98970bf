/* localeview: a pack as one reader sees it: the base pack, its overlays (inside it or in locale packs) and the
   user's language list resolved into lessons and items, each item knowing which pack and language it comes
   from and whether it fell back to another language. */
#ifndef BESEDA_LOCALEVIEW_H
#define BESEDA_LOCALEVIEW_H

#include <stddef.h>

#include "err.h"
#include "locale.h"
#include "manifest.h"
#include "pack.h"

/* One language's overlay: 'pack' holds its locales/<lang>/ files (the base pack itself for an overlay inside
   it, or a locale pack). */
typedef struct {
    Pack *pack;
    Locale *loc;
    int own; /* the set opened 'pack' and must close it */
} LviewOverlay;

/* The base pack and every overlay at hand for it. */
typedef struct {
    Pack *base;
    LviewOverlay *ov;
    size_t n_ov;
} LviewSet;

/* Loads the overlays inside 'base', then those of the locale packs at 'locale_paths' (an overlay inside the
   pack wins over a locale pack of the same language). A locale pack that cannot be opened, is not for this
   pack, does not accept its version or whose overlay is wrong is left out with its reason in errs[i] (when
   'errs' is non-NULL; ERR_OK for those used). Returns 0, or a negative code when out of memory. */
int lview_set_open(Pack *base, const char *const *locale_paths, size_t n_paths, LviewSet *set, Err *errs);
/* Closes the locale packs the set opened and frees the overlays (not the base). */
void lview_set_close(LviewSet *set);
/* Checks that a locale pack extending 'ext_id' in the version range 'ext_range' fits the pack 'id' at 'version'.
   Returns 0, or -ERR_LOCALE_NO_BASE (another pack) or -ERR_LOCALE_VERSION (a version outside the range) with the
   reason in 'err'. */
int lview_check_extends(const char *ext_id, const char *ext_range, const char *id, const char *version, Err *err);

typedef struct {
    const Item *item; /* the item as shown (in the view's manifest) */
    Pack *pack;       /* holds the item's file (and notes_pack its notes) */
    Pack *notes_pack;
    const char *lang; /* language of the content shown (borrowed from the set or the base manifest) */
    int fallback;     /* content or title is not in the view's language */
    int added;        /* inserted by the locale or put in place of a base item */
    char *base_file;  /* the base pack's path of the file; NULL for added items */
} LviewItem;

typedef struct {
    Manifest *m;      /* lessons and items as shown: titles resolved; files are entries of items[k].pack */
    LviewItem *items; /* per item in the order of m's lessons and items */
    size_t n_items;
    char *lang;        /* the view's language: the first of the list the pack has */
    size_t translated; /* items shown wholly in 'lang' */
    const LviewSet *set;
} Lview;

/* Languages the set offers: the base language first, then each overlay's. Borrowed from the set. */
size_t lview_languages(const LviewSet *set, const char **out, size_t max);

/* Builds the view of 'set' for the user's language list 'langs' (most wanted first; may be empty). The view's
   language is the first of the list the pack has; items fall back per item along the rest of the list and
   finally to the pack's own language. The view borrows from 'set', which must outlive it. */
int lview_build(const LviewSet *set, const char *const *langs, size_t n_langs, Lview **out, Err *err);
void lview_free(Lview *v);

/* Percentage (0-100) of items shown in 'lang' when it is the only language asked for. */
int lview_coverage(const LviewSet *set, const char *lang);

/* Finds the image 'href' of item k's page: next to the page, and for a page under locales/<lang>/ then at the
   same place in the base pack (locale-only images). Fills *pack and 'entry' and returns 0; returns 1 when it is
   in neither (*pack and 'entry' then name where it was looked for first), -1 when 'href' leaves the pack. */
int lview_image(const Lview *v, size_t k, const char *href, Pack **pack, char *entry, size_t size);

#endif
