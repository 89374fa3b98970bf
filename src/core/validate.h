/* validate: checks a whole pack (every file, reference, image header, page, exercise, activity and locale). */
#ifndef BESEDA_VALIDATE_H
#define BESEDA_VALIDATE_H

#include <stddef.h>

#include "err.h"
#include "pack.h"

typedef struct {
    size_t lessons, items, pages, exercises, activities, images, images_referenced, links, locales;
} ValidateStats;

/* Opens the pack at 'path' and checks everything docs/pack-format.md defines, appending every problem found
   to 'all' (not only the first). 'lim' NULL means the defaults; 'st' (may be NULL) receives counts.
   Returns 0 when the pack is valid, -1 otherwise. */
int validate_pack(const char *path, const PackLimits *lim, ErrList *all, ValidateStats *st);

#endif
