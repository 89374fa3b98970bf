/* packbuild: writes an authoring folder as a deterministic .beseda archive. */
#ifndef BESEDA_PACKBUILD_H
#define BESEDA_PACKBUILD_H

#include "err.h"
#include "pack.h"

#include <time.h>

/* The fixed modification time written for every entry: 2020-01-01 00:00:00 in the zip's DOS date fields.
   libzip converts through local time, so this returns the local time_t of that moment, which makes the bytes
   the same in every time zone. */
time_t packbuild_mtime(void);

/* Writes the folder pack 'dir' to the archive 'out': entries sorted by name, fixed timestamps and permissions,
   images stored, everything else deflated at level 9. The caller validates 'dir' first. libzip writes to a
   temporary file and renames it over 'out' only when complete, so a failed build never leaves half a pack.
   Returns 0 or a negative code with 'err' filled. */
int packbuild_write(const char *dir, const char *out, const PackLimits *lim, Err *err);

#endif
