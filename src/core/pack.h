/* pack: opens a lesson pack (zip archive or folder) within limits and reads its entries lazily. */
#ifndef BESEDA_PACK_H
#define BESEDA_PACK_H

#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

#include "err.h"

/* Every bound a hostile pack could push; defaults are in docs/pack-format.md ("Limits"). */
typedef struct {
    uint64_t max_archive_size;   /* bytes of the .beseda file */
    uint32_t max_entries;        /* files in the pack */
    uint64_t max_entry_size;     /* uncompressed bytes of one file */
    uint64_t max_total_size;     /* uncompressed bytes of all files */
    uint32_t max_ratio;          /* uncompressed / compressed, for entries above ratio_floor */
    uint64_t ratio_floor;        /* entries smaller than this are not ratio-checked */
    uint32_t max_name_len;       /* bytes of one entry name */
    uint32_t max_image_side;     /* pixels of either side of an image */
    uint64_t max_image_pixels;   /* width * height */
    uint64_t max_markdown_size;  /* bytes of one Markdown file */
    uint32_t max_markdown_depth; /* nested blocks (lists, quotes) */
    uint64_t max_json_size;      /* bytes of pack.json or any other JSON file */
    uint32_t max_string_len;     /* bytes of one JSON string */
    uint32_t max_array_len;      /* elements of one JSON array */
} PackLimits;

/* Call once at program start, before any thread exists. When TZ is unset it points TZ at the system zone
   file: glibc otherwise stats /etc/localtime on every time conversion, and libzip converts two timestamps per
   entry while opening an archive (6,000 system calls for a 3,000-file pack, most of the open time). */
void pack_process_init(void);

/* Fills 'l' with the documented defaults. */
void pack_limits_default(PackLimits *l);

typedef struct Pack Pack;
typedef struct PackStream PackStream;
struct Manifest;

/* Opens the zip archive or folder at 'path', checks the directory against 'lim' (NULL: defaults) and parses
   pack.json. Reads only the zip central directory, the local headers (consistency check) and pack.json.
   On success stores a new Pack in *out (release with pack_close); on failure returns a negative code, fills
   'err' and leaves *out NULL. */
int pack_open(const char *path, const PackLimits *lim, Pack **out, Err *err);
/* Like pack_open, but stops after the directory checks: pack.json is neither read nor required. */
int pack_open_archive(const char *path, const PackLimits *lim, Pack **out, Err *err);
/* Opens only the directory like pack_open_archive, and records every directory problem in 'all' (not only
   the first); returns the first problem's code. For `beseda-pack validate`. */
int pack_open_collect(const char *path, const PackLimits *lim, Pack **out, ErrList *all);
void pack_close(Pack *p);

/* The parsed manifest, valid until pack_close; NULL after pack_open_archive. */
const struct Manifest *pack_manifest(const Pack *p);
const PackLimits *pack_limits(const Pack *p);
/* The path the pack was opened from, and whether it is a folder. */
const char *pack_path(const Pack *p);
int pack_is_folder(const Pack *p);
/* Error record primed with this pack's label, for callers that report problems about it. */
void pack_err_init(const Pack *p, Err *e);

/* Entries, sorted by name (bytewise). Names and sizes stay valid until pack_close. */
size_t pack_entry_count(const Pack *p);
const char *pack_entry_name(const Pack *p, size_t i);
uint64_t pack_entry_size(const Pack *p, size_t i);
uint64_t pack_archive_size(const Pack *p);
uint64_t pack_total_size(const Pack *p);
/* Index of 'name', or -1. */
long pack_find(const Pack *p, const char *name);

/* Streams one entry. pack_stream_read returns the number of bytes read, 0 at the end, or a negative code
   (CRC failure, data longer or shorter than declared, I/O). */
int pack_stream_open(Pack *p, const char *name, PackStream **out, Err *err);
ssize_t pack_stream_read(PackStream *s, void *buf, size_t n, Err *err);
void pack_stream_close(PackStream *s);

/* A value that changes whenever a file in the folder tree 'dir' is added, removed, renamed, resized or
   modified (for reloading a pack folder while it is edited). Returns 0, or -1 when 'dir' cannot be read. */
int pack_folder_stamp(const char *dir, uint64_t *stamp);

/* Reads a whole entry into a new NUL-terminated buffer (caller frees *out). Refuses entries larger than
   'limit' before allocating. */
int pack_read(Pack *p, const char *name, uint64_t limit, char **out, size_t *len, Err *err);

#endif
