/* entryname: the rules a file name inside a pack must follow (safe, portable, UTF-8). */
#ifndef BESEDA_ENTRYNAME_H
#define BESEDA_ENTRYNAME_H

#include <stddef.h>

#include "err.h"

/* Checks the raw bytes of one entry name (not NUL-terminated; 'len' bytes). Rejects empty or over-long names,
   absolute paths, drive letters, backslashes, '.' or '..' components, empty components, control characters
   and invalid UTF-8. Returns 0 or a negative code with 'err' filled (the entry shown in a printable form). */
int entryname_check(const char *name, size_t len, size_t max_len, Err *err);

/* Returns a new NUL-terminated Unicode case fold of a valid UTF-8 name (NFC-normalised, so that names that
   differ only in case or composition collide), or NULL when out of memory. Caller frees. */
char *entryname_fold(const char *name, size_t len);

/* Writes 'name' into 'out' with control characters, backslashes and bytes that are not UTF-8 as \xNN, for
   messages. Always NUL-terminates. */
void entryname_printable(const char *name, size_t len, char *out, size_t size);

/* Joins a relative reference 'ref' to the folder of entry 'base' ("lessons/a.md" + "img/x.png" ->
   "lessons/img/x.png"), resolving "." and ".." lexically. Returns 0, or -1 when the result would leave the
   pack, is absolute, or does not fit in 'out'. */
int entryname_resolve(const char *base, const char *ref, char *out, size_t size);

#endif
