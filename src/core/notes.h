/* notes: a lecturer's own notes on a pack as a .beseda-notes file (JSON), to give to a colleague, and such a file
   read back into the progress store, kept apart from the reader's own notes. */
#ifndef BESEDA_NOTES_H
#define BESEDA_NOTES_H

#include <stddef.h>

#include "err.h"
#include "progress.h"

enum { NOTES_FORMAT = 1, NOTES_MAX_FILE = 4 << 20, NOTES_MAX_SOURCE = 64 };

/* Writes the notes stored for 'pack_id' to 'path' (atomically). 'author' (may be NULL or "") names who wrote them.
   Returns the number of notes written (0 is allowed), or a negative code. */
int notes_export(Progress *p, const char *pack_id, const char *pack_title, const char *author, const char *path,
                 Err *err);

/* Reads a .beseda-notes file for 'pack_id' and stores its notes as imported from their author (or, without one,
   the file's name), replacing an earlier import from the same source. 'source' receives that name. Every
   problem (size, JSON, another pack, a bad item id, text that is not UTF-8) refuses the whole file with a located
   message, and nothing is stored. Returns the number of notes imported, or a negative code. */
int notes_import(Progress *p, const char *path, const char *pack_id, char *source, size_t source_size, Err *err);
/* The same for 'len' bytes already read ('path' names them in messages and, without an author, as the source). */
int notes_import_text(Progress *p, const char *text, size_t len, const char *path, const char *pack_id, char *source,
                      size_t source_size, Err *err);

#endif
