/* zipcheck: names each damage of a zip archive's records (end records, directory, local headers) with its entry
   and field, where libzip 1.7 has one "inconsistent" flag. */
#ifndef BESEDA_ZIPCHECK_H
#define BESEDA_ZIPCHECK_H

#include <stdint.h>

#include "err.h"
#include "pack.h"

/* Reads the records of the zip archive at 'path' ('size' bytes, as stat saw it): the end of central directory
   record and the ZIP64 end records when present, every central directory record and every entry's local header,
   and checks them against each other and against the file: a local header that disagrees with the directory
   (err->field names the field: signature, name-length, name, method, flags, version-needed, time, crc-32,
   compressed-size, uncompressed-size), data past the directory or the end of the file, bytes that belong to no
   record, entry counts, the comment length, a name marked UTF-8 that is not, a file cut short.
   It only diagnoses: libzip still reads the archive. Every read is bounded by the file size; at most
   lim->max_entries + 1 directory records are read, and memory is a fixed 400 KiB whatever the archive says.
   With 'all' non-NULL every damage found is appended to it; otherwise the check stops at the first. The first
   damage goes to 'first' (primed from 'label', which holds the pack's name). Returns 0 when nothing is wrong (or
   the file is no zip archive at all, which libzip then says), else the first damage's negative code. */
int zipcheck_archive(const char *path, uint64_t size, const PackLimits *lim, const Err *label, ErrList *all,
                     Err *first);

#endif
