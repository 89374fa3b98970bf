/* markdown: the program's one cmark-gfm set-up (CommonMark with the GFM tables, strikethrough and autolinks), so
   that the reader (core/doc) and the translation tools (core/mdtrans) see the same tree; and the bounds that keep
   a hostile page from taking the parser's time and memory without end. */
#ifndef BESEDA_MARKDOWN_H
#define BESEDA_MARKDOWN_H

#include <cmark-gfm.h>
#include <stddef.h>

#include "err.h"

/* What a parse may take: memory held by the tree and the parser at any moment, and processor time. Lesson
   text needs about 20 bytes of memory for each byte of the page, densely formatted text 50 to 90, and a
   millisecond for every 20 KB; the bounds are far above that (markdown.c says why they are needed at all). */
enum {
    MARKDOWN_MEM_BASE_MB = 16,  /* memory allowed for any page ... */
    MARKDOWN_MEM_PER_BYTE = 64, /* ... plus this many bytes for each byte of the page */
    MARKDOWN_MAX_MS = 1000      /* processor time of the thread that parses */
};

typedef enum {
    MARKDOWN_OK,
    MARKDOWN_NOMEM,   /* the system refused memory */
    MARKDOWN_TOO_BIG, /* the parse needed more memory than the bound */
    MARKDOWN_TOO_SLOW /* the parse took more processor time than MARKDOWN_MAX_MS */
} MarkdownStatus;

/* Parses 'len' bytes of Markdown (CMARK_OPT_SOURCEPOS, so inline nodes know their lines) within the bounds.
   Returns the document node, to be released with cmark_node_free; or NULL with the reason in *status. A string
   rendered from the tree must be made with cmark_render_*_with_mem and cmark_get_default_mem_allocator(), so
   that a plain free() releases it. */
cmark_node *markdown_parse(const char *md, size_t len, MarkdownStatus *status);

/* Fills 'err' with why a page of 'len' bytes from 'entry' could not be parsed ('st' is not MARKDOWN_OK): too
   complex (ERR_MARKDOWN_PARSE, saying which bound) or out of memory. Returns the negative code. */
int markdown_error(Err *err, const char *entry, MarkdownStatus st, size_t len);

/* Bytes of memory a page of 'len' bytes may take to parse. */
size_t markdown_mem_limit(size_t len);

/* The allocator of parsed trees, for nodes made by hand (cmark_node_new_with_mem) that are to join one:
   cmark-gfm moves nodes only between trees of one allocator. */
cmark_mem *markdown_mem(void);

/* The node types the extensions add, which cmark-gfm numbers only at run time (so no switch can name them). */
typedef enum {
    MARKDOWN_CORE, /* a CommonMark node: use cmark_node_get_type */
    MARKDOWN_TABLE,
    MARKDOWN_TABLE_ROW, /* the header row too (cmark_gfm_extensions_get_table_row_is_header) */
    MARKDOWN_TABLE_CELL,
    MARKDOWN_STRIKETHROUGH,
    MARKDOWN_OTHER /* an extension node this program does not enable */
} MarkdownExt;

MarkdownExt markdown_ext(cmark_node *n);

#endif
