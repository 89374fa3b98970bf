/* mdtrans: a Markdown page as translation units (one per heading, paragraph, list item, table cell and image
   alt text) and the page rebuilt with translated units, through cmark-gfm's tree and CommonMark writer. */
#ifndef BESEDA_MDTRANS_H
#define BESEDA_MDTRANS_H

#include <stddef.h>

/* What a unit is, for the translator's comment in the PO file. */
typedef enum { MDU_HEADING, MDU_PARAGRAPH, MDU_CELL, MDU_ALT } MdUnitKind;

/* Called once per unit in reading order: 'text' is the unit's inline Markdown (links, emphasis and code kept,
   soft line breaks as spaces), 'line' its 1-based line in the page. For MDU_ALT, 'extra' is the image path. */
typedef void (*MdUnitFn)(void *ud, MdUnitKind kind, const char *text, int line, const char *extra);

/* Returns the translation of 'text' (a unit's inline Markdown), or NULL to keep the original. */
typedef const char *(*MdLookupFn)(void *ud, const char *text, int line);

/* Calls 'fn' for each unit of the page. Returns 0 (MARKDOWN_OK), or a MarkdownStatus saying why the page could
   not be read (out of memory, or too complex: markdown_error gives the message). */
int mdtrans_extract(const char *md, size_t len, MdUnitFn fn, void *ud);

/* Writes into *out (malloc'd, NUL-terminated) the page with every unit 'lookup' translates replaced; counts
   units and translated units in *units and *done. Returns 0, or a MarkdownStatus as mdtrans_extract does. */
int mdtrans_apply(const char *md, size_t len, MdLookupFn lookup, void *ud, char **out, size_t *units, size_t *done);

/* Checks that 'translation' keeps the Markdown structure of 'original': one paragraph of inline text, the same
   link targets and image paths, as many emphasised, strong, code and struck-through spans, and the same
   {{gap}} markers. Returns 1 when it does; otherwise 0 with an untranslated N_() message in 'why' (a format
   with at most one %s, filled from 'arg'). */
int mdtrans_check(const char *original, const char *translation, const char **why, char *arg, size_t arg_size);

#endif
