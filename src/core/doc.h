/* doc: a Markdown page (CommonMark with GFM tables, strikethrough and autolinks, read by cmark-gfm through
   core/markdown) turned into a document model of blocks and runs. */
#ifndef BESEDA_DOC_H
#define BESEDA_DOC_H

#include <stddef.h>
#include <stdio.h>

#include "err.h"
#include "pack.h"

typedef enum {
    DOC_DOCUMENT,
    DOC_HEADING,   /* level 1-6; runs */
    DOC_PARAGRAPH, /* runs */
    DOC_LIST,      /* ordered, start, tight; children are DOC_ITEM */
    DOC_ITEM,      /* children: paragraphs, lists, ... (tight lists: paragraphs too, marked tight) */
    DOC_QUOTE,     /* children */
    DOC_CODE,      /* text holds the code, info the language */
    DOC_RULE,
    DOC_TABLE, /* children are DOC_ROW; the first row is the header */
    DOC_ROW,   /* children are DOC_CELL */
    DOC_CELL   /* runs; header, align */
} DocBlockType;

/* Run styles, combinable. */
enum { DOC_EM = 1, DOC_STRONG = 2, DOC_CODE_SPAN = 4, DOC_LINK = 8, DOC_DEL = 16 };

typedef enum {
    DOC_RUN_TEXT,  /* text in 'style'; links carry 'href' */
    DOC_RUN_IMAGE, /* 'href' is the image path as written, 'text' its alt text */
    DOC_RUN_BREAK  /* hard line break */
} DocRunKind;

typedef enum { DOC_ALIGN_DEFAULT, DOC_ALIGN_LEFT, DOC_ALIGN_CENTER, DOC_ALIGN_RIGHT } DocAlign;

typedef struct {
    DocRunKind kind;
    unsigned style;
    char *text; /* UTF-8, NUL-terminated; entities decoded */
    size_t len; /* bytes of text */
    char *href; /* link target or image path, NULL otherwise */
    char *link; /* an image inside a link: the link target, NULL otherwise */
    int line;   /* source line, 1-based */
} DocRun;

typedef struct DocBlock {
    DocBlockType type;
    int level;       /* heading level */
    int ordered;     /* list: 1 for 1. 2. 3. */
    unsigned start;  /* list: first number */
    int tight;       /* list: items without blank lines between */
    int header;      /* cell: in the header row */
    DocAlign align;  /* cell */
    char *info;      /* code: language, NULL when none */
    char *text;      /* code: the verbatim text */
    size_t text_len; /* code: bytes of text */
    int line;        /* first source line, 0 when unknown */
    struct DocBlock *children;
    size_t n_children, cap_children;
    DocRun *runs;
    size_t n_runs, cap_runs;
} DocBlock;

typedef struct {
    DocBlock root; /* DOC_DOCUMENT */
    size_t n_blocks;
} Doc;

/* Parses 'len' bytes of Markdown from pack entry 'entry' (for messages) within 'lim' (size, nesting depth).
   Raw HTML is kept as plain text. On failure returns a negative code and fills 'err'. */
int doc_parse(const char *md, size_t len, const PackLimits *lim, const char *entry, Doc **out, Err *err);
void doc_free(Doc *d);

/* Writes an indented, stable text form of the model (the golden-file format of tests/golden). */
void doc_dump(const Doc *d, FILE *f);

/* Calls 'fn' for every run in document order; stops early when fn returns non-zero and returns that. */
int doc_each_run(const Doc *d, int (*fn)(const DocRun *run, void *user), void *user);

#endif
