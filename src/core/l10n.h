/* l10n: the translator's side of a pack: its translatable strings (written as a POT file), PO files read with
   libgettextpo, and locale packs built from a pack, a PO file and an optional adaptation folder. */
#ifndef BESEDA_L10N_H
#define BESEDA_L10N_H

#include <stddef.h>

#include "err.h"
#include "pack.h"

/* One translatable string where it occurs. Pointers are valid during the callback only. */
typedef struct {
    const char *ctx;     /* msgctxt, NULL when none */
    const char *id;      /* the original text (inline Markdown) */
    const char *file;    /* the pack entry it comes from */
    int line;            /* 1-based line in a Markdown file; 0 in JSON */
    const char *comment; /* for the translator: what it is, e.g. "Heading" or "options[1].feedback" */
} L10nString;
typedef void (*L10nStringFn)(void *ud, const L10nString *s);

/* Calls 'fn' for every translatable string of 'p' in order: pack.json (title, description, lesson titles and
   summaries, item titles), then per item its page, exercise or activity file and its lecturer notes. Exercise
   and activity files give every text value (ids, types and targets are not text). Returns 0 or a negative code. */
int l10n_extract(Pack *p, L10nStringFn fn, void *ud, Err *err);

/* Writes the POT file for 'p' to 'path' (each string once, with all its places as references). */
int l10n_write_pot(Pack *p, const char *path, Err *err);

/* Coverage of one language, and who translated it: strings count distinct (context, text) pairs of the pack. */
typedef struct {
    size_t strings, translated, fuzzy, untranslated, broken; /* broken: the translation breaks the Markdown */
    size_t files, files_translated;                          /* pages, notes, exercises, activities */
    size_t unused;                                           /* PO entries the pack no longer has */
    /* Who the PO file's Last-Translator names (a locale pack credits them first among its authors), without the
       address; "" when it names no one: empty, or a placeholder of msginit or xgettext ("Automatically generated",
       "FULL NAME <EMAIL@ADDRESS>"). */
    char translator[256];
} L10nStats;

typedef struct {
    const char *lang;      /* BCP 47 tag of the translation, e.g. "ru" */
    const char *po;        /* the PO file */
    const char *adapt_dir; /* NULL, or a folder copied into locales/<lang>/ whose adapt.json holds "adapt" ops */
    int keep_percent;      /* a file is translated when at least this share of its strings is (default 80) */
} L10nBuild;

/* Builds the locale pack of 'base' described by 'b' as a folder 'out_dir' (created; must not exist): pack.json
   of kind "locale" extending the base's id and major version, and locales/<lang>/ with locale.json, the
   translated files and the adaptation. Fuzzy, untranslated and broken strings keep the original; each broken
   one, and every problem of the PO file, is reported into 'all' with the PO file's line. Returns 0 when the
   folder was written and nothing was reported. */
int l10n_build_locale(Pack *base, const L10nBuild *b, const char *out_dir, L10nStats *st, ErrList *all);

/* Coverage of the PO file 'po' for 'p', with the same checks as l10n_build_locale. */
int l10n_po_stats(Pack *p, const char *lang, const char *po, L10nStats *st, ErrList *all);

/* Removes the folder tree 'dir' (for temporary build folders). */
void l10n_remove_tree(const char *dir);

#endif
