/* library: the packs the reader offers (bundled beside the program, the user's library folder, the command
   line), each with what the library screen shows, or the reason it cannot be opened; and adding a pack to the
   user's library (validated first, then copied atomically). */
#ifndef BESEDA_LIBRARY_H
#define BESEDA_LIBRARY_H

#include <stddef.h>

#include "course.h"
#include "err.h"
#include "trust.h"

typedef enum { LIB_BUNDLED, LIB_USER, LIB_ARGUMENT } LibSource;

typedef struct {
    char *path;
    char *name; /* file or folder name, for packs that cannot be opened */
    LibSource source;
    int ok;
    Err error; /* when !ok: why, with the pack and entry */
    char *id, *title, *version, *language;
    char *cover;          /* pack-relative image path, NULL when none */
    int cover_w, cover_h; /* its size from the header; 0 when it cannot be read */
    Err cover_err;        /* why the cover cannot be shown; code ERR_OK when it can (or there is none) */
    char **langs;         /* base language first, then the overlays */
    size_t n_langs;
    int *coverage; /* per language: percent of items shown in it (library_describe fills it) */
    char **titles; /* per language: the pack's title as that language shows it, NULL for the pack's own */
    size_t n_lessons, n_items;
    char **lesson_ids, **lesson_titles, **lesson_first; /* per lesson: its id, title and first item's id */
    int is_locale;
    char *extends_id, *extends_versions; /* locale packs: the pack they translate */
    long base;                           /* locale packs: the library entry of that pack, -1 when absent */
    int described;                       /* library_describe has looked at its languages, with n_locales packs */
    size_t n_locales;
    PackSig *sig; /* what its signature says (trust.h); NULL when the library checks none (no trust list) */
} LibEntry;

/* A course overview found beside packs (NAME.course.json): the course, or why it cannot be read. */
typedef struct {
    char *path;
    Course *course; /* NULL when it cannot be read: 'error' says why */
    Err error;
} LibCourse;

enum { LIBRARY_MAX_COURSES = 16 };

typedef struct {
    LibEntry *v;
    size_t n, cap;
    LibCourse courses[LIBRARY_MAX_COURSES];
    size_t n_courses;
    const Trust *trust; /* the keys signatures are checked against (borrowed); NULL: signatures are not checked */
} Library;

/* Opens the pack at 'path' (archive or folder) and appends its entry, valid or not. Returns the index of the
   entry, or a negative code when out of memory. A path already listed is not added twice. */
long library_add(Library *lib, const char *path, LibSource src);

/* Adds every *.beseda file and every sub-folder holding a pack.json in 'dir', sorted by name. A missing folder
   adds nothing. Returns the number added. */
long library_scan(Library *lib, const char *dir, LibSource src);

void library_free(Library *lib);

/* Reads every NAME.course.json in 'dir' (in name order, at most LIBRARY_MAX_COURSES in all), good or not. Returns
   how many were added. */
long library_scan_courses(Library *lib, const char *dir);
/* The entry of the pack with id 'pack_id' (a base pack, the one of the newest version when several are there), or
   -1 when the library has none. */
long library_find_pack(const Library *lib, const char *pack_id);

/* Checks the signature of entry 'i' again (the file may have changed since, or the trusted keys have): a signature
   that no longer matches makes it an entry that cannot be opened; an entry that could not be opened before and now
   passes (a key was removed, the file was put right, the pack it translates came back) is opened and described
   again. Call library_link after. Returns its state. */
PackSigState library_recheck(Library *lib, size_t i);
/* The same for every entry (after the trusted keys changed). */
void library_recheck_all(Library *lib);

/* Joins locale packs to the packs they extend, from what the library already holds (no pack is opened): a locale
   pack gets 'base' set, or becomes an entry that cannot be opened (its base is missing, or of a version it does not
   fit). Call after adding packs. Returns 0. */
int library_link(Library *lib);
/* Describes the languages of each base entry not yet described (or with new locale packs since): the languages of
   its own overlays and of its locale packs, with their coverage. This opens each such pack with its locale packs,
   so it waits until the cards are shown (a pack opened straight from the command line never needs it). A locale
   pack whose overlay has problems becomes an entry that cannot be opened. Call after library_link. Returns 0, or a
   negative code when out of memory. */
int library_describe(Library *lib);
/* The title of entry 'e' for a reader of language 'lang' ("ru", "nl-BE"): a translation's title when one of its
   described languages is 'lang' (or its first part) and gives the title another, else the pack's own. Borrowed. */
const char *library_title_in(const LibEntry *e, const char *lang);
/* Paths of the usable locale packs that extend entry 'base' (borrowed): each one whose id and version range
   fit it, wherever it was found. Returns the count (at most 'max'). */
size_t library_locales_of(const Library *lib, size_t base, const char **paths, size_t max);

/* Validates the pack at 'src' fully and copies it into folder 'dir' (created when missing) as a .beseda file
   named after the pack id; folders are packed with packbuild. On success writes the new path into 'dest'.
   A pack with problems is refused with the first problem in 'err'; one whose only problems are characters text may
   not hold (text-bad-char, which the reader shows as U+FFFD) is added, with the first of them in 'err' as a note
   (err->code is ERR_OK when there was none). */
int library_import(const char *src, const char *dir, char *dest, size_t dest_size, Err *err);

#endif
