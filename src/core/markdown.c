/* markdown: the one cmark-gfm parser set-up of the program, and the bounds on what a parse may take.

   Why bounds: cmark-gfm builds the whole tree before anyone can look at it, and the version Debian 12 ships
   (0.29.0.gfm.6) has known worst cases on hostile input (fixed upstream from 0.29.0.gfm.7 on): a table whose
   header has many columns gets every later line padded to that width, so a 44 KB page asks for gigabytes (and
   cmark-gfm aborts when memory runs out); runs of "![[]()" or of emphasis and links in one paragraph take time
   quadratic in their length (a minute for 1 MiB of "![[]()"). The model's own limits (core/doc) come too late
   for that. So every allocation of a parse goes through an allocator that counts the memory held and, every
   few allocations, the processor time used, and a parse over its bounds is abandoned by a longjmp back to
   markdown_parse, which frees what the parse had allocated. This is safe because cmark-gfm takes nothing but
   memory (no files or locks) while it parses, and all of that memory comes from this allocator. Its one piece of
   global state, the table of special characters it switches for the extensions around inline parsing, may be
   left switched by an abandoned parse; every parse attaches the same extensions, so the next one sets it the same
   way. For the same reason parses must not run on two threads at once (the reader and the tools use one). */
#include "markdown.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <setjmp.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* CMARK_OPT_SOURCEPOS: inline nodes count the lines of code spans that cross a line end, so the lines core/doc
   gives runs stay right after them (the option changes no output of the CommonMark writer).
   CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE: only ~~text~~ strikes through. Lesson plans write "~15 min" for "about";
   with single tildes two such times in a paragraph struck out everything between them. */
enum { PARSE_OPTS = CMARK_OPT_SOURCEPOS | CMARK_OPT_STRIKETHROUGH_DOUBLE_TILDE, CLOCK_EVERY = 64 };

typedef struct Budget Budget;

/* Every block of a parse starts with this header: its budget (NULL for blocks made outside a parse) and its
   place in the budget's list, so an abandoned parse can free them all. */
typedef union Hdr {
    struct {
        Budget *budget;
        union Hdr *prev, *next;
        size_t size;
    } h;
    max_align_t align;
} Hdr;

struct Budget {
    Hdr head; /* circular list of the blocks this parse made that are still allocated */
    size_t used, limit;
    size_t live; /* blocks in the list; the budget is freed with the last one once the parse is over */
    int parsing; /* between setjmp and the end of the parse: only then may an allocation longjmp */
    unsigned ticks;
    struct timespec start, start_cpu;
    MarkdownStatus why;
    jmp_buf escape;
};

/* The budget of the parse running on this thread, NULL between parses. */
static _Thread_local Budget *active;

static double ms_since(clockid_t clock, const struct timespec *t)
{
    struct timespec now;
    clock_gettime(clock, &now);
    return (double)(now.tv_sec - t->tv_sec) * 1e3 + (double)(now.tv_nsec - t->tv_nsec) / 1e6;
}

/* Processor time rather than wall time decides, so that a busy machine does not make a page too complex; but
   reading it is a system call, so it is read only once the wall clock (cheap to read) is past the bound: the
   processor time cannot be either before that. */
static int too_slow(const Budget *b)
{
    return ms_since(CLOCK_MONOTONIC, &b->start) > MARKDOWN_MAX_MS &&
           ms_since(CLOCK_THREAD_CPUTIME_ID, &b->start_cpu) > MARKDOWN_MAX_MS;
}

static _Noreturn void escape(Budget *b, MarkdownStatus why)
{
    b->why = why;
    longjmp(b->escape, 1);
}

/* Outside a parse there is no way back to a caller, so running out of memory ends the program, as with
   cmark-gfm's own allocator (only small blocks are made then: iterators, rendered strings). */
static _Noreturn void out_of_memory(void)
{
    fputs("beseda: out of memory in the Markdown parser\n", stderr);
    abort();
}

/* Counts 'add' more bytes against the running parse; leaves it when over its memory or time. */
static void charge(Budget *b, size_t add)
{
    b->used += add;
    if (b->used > b->limit)
        escape(b, MARKDOWN_TOO_BIG);
    if (++b->ticks % CLOCK_EVERY == 0 && too_slow(b))
        escape(b, MARKDOWN_TOO_SLOW);
}

static void link_block(Budget *b, Hdr *h)
{
    h->h.budget = b;
    h->h.prev = b->head.h.prev;
    h->h.next = &b->head;
    b->head.h.prev->h.next = h;
    b->head.h.prev = h;
    b->live++;
}

static void *t_calloc(size_t n, size_t size)
{
    Budget *b = active;
    if (size && n > (SIZE_MAX - sizeof(Hdr)) / size) {
        if (b)
            escape(b, MARKDOWN_NOMEM);
        out_of_memory();
    }
    size_t bytes = n * size;
    if (b)
        charge(b, bytes + sizeof(Hdr));
    Hdr *h = calloc(1, sizeof(Hdr) + bytes);
    if (!h) {
        if (b)
            escape(b, MARKDOWN_NOMEM);
        out_of_memory();
    }
    h->h.size = bytes;
    if (b)
        link_block(b, h);
    return h + 1;
}

static void t_free(void *p)
{
    if (!p)
        return;
    Hdr *h = (Hdr *)p - 1;
    Budget *b = h->h.budget;
    if (b) {
        h->h.prev->h.next = h->h.next;
        h->h.next->h.prev = h->h.prev;
        b->used -= h->h.size + sizeof(Hdr);
        if (--b->live == 0 && !b->parsing)
            free(b);
    }
    free(h);
}

static void *t_realloc(void *p, size_t size)
{
    if (!p)
        return t_calloc(1, size);
    Hdr *h = (Hdr *)p - 1;
    Budget *b = h->h.budget;
    size_t old = h->h.size;
    int running = b && b == active;
    if (size > SIZE_MAX - sizeof(Hdr)) {
        if (running)
            escape(b, MARKDOWN_NOMEM);
        out_of_memory();
    }
    size_t charged = running && size > old ? size - old : 0;
    if (charged)
        charge(b, charged);
    Hdr *g = realloc(h, sizeof(Hdr) + size);
    if (!g) {
        if (running)
            escape(b, MARKDOWN_NOMEM); /* the old block is still in the list and is freed with the rest */
        out_of_memory();
    }
    g->h.size = size;
    if (b) { /* the block may have moved: its neighbours point at it again */
        g->h.prev->h.next = g;
        g->h.next->h.prev = g;
        b->used = b->used - old + size - charged; /* growth already charged is not counted twice */
    }
    return g + 1;
}

static cmark_mem tracked = {t_calloc, t_realloc, t_free};

size_t markdown_mem_limit(size_t len)
{
    size_t base = (size_t)MARKDOWN_MEM_BASE_MB << 20;
    if (len > (SIZE_MAX - base) / MARKDOWN_MEM_PER_BYTE)
        return SIZE_MAX;
    return base + len * MARKDOWN_MEM_PER_BYTE;
}

/* Frees every block an abandoned parse left (the parser, the half-built tree), then the budget. */
static void release(Budget *b)
{
    Hdr *h = b->head.h.next;
    while (h != &b->head) {
        Hdr *next = h->h.next;
        free(h);
        h = next;
    }
    free(b);
}

cmark_node *markdown_parse(const char *md, size_t len, MarkdownStatus *status)
{
    static const char *const extensions[] = {"table", "strikethrough", "autolink"};
    cmark_gfm_core_extensions_ensure_registered(); /* the registry is global and outside any budget */
    Budget *b = calloc(1, sizeof *b);
    if (!b) {
        *status = MARKDOWN_NOMEM;
        return NULL;
    }
    b->head.h.prev = b->head.h.next = &b->head;
    b->limit = markdown_mem_limit(len);
    b->parsing = 1;
    clock_gettime(CLOCK_MONOTONIC, &b->start);
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &b->start_cpu);
    Budget *outer = active;
    cmark_node *doc = NULL;
    if (setjmp(b->escape)) {
        active = outer;
        *status = b->why;
        release(b);
        return NULL;
    }
    active = b;
    cmark_parser *p = cmark_parser_new_with_mem(PARSE_OPTS, &tracked);
    for (size_t i = 0; i < sizeof extensions / sizeof *extensions; i++) {
        cmark_syntax_extension *e = cmark_find_syntax_extension(extensions[i]);
        if (e)
            cmark_parser_attach_syntax_extension(p, e);
    }
    cmark_parser_feed(p, md, len);
    doc = cmark_parser_finish(p);
    cmark_parser_free(p);
    active = outer;
    b->parsing = 0;
    if (!doc) {
        *status = MARKDOWN_NOMEM;
        release(b);
        return NULL;
    }
    *status = MARKDOWN_OK;
    return doc;
}

cmark_mem *markdown_mem(void)
{
    return &tracked;
}

MarkdownExt markdown_ext(cmark_node *n)
{
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_NONE:
        return MARKDOWN_OTHER;
    case CMARK_NODE_DOCUMENT:
    case CMARK_NODE_BLOCK_QUOTE:
    case CMARK_NODE_LIST:
    case CMARK_NODE_ITEM:
    case CMARK_NODE_CODE_BLOCK:
    case CMARK_NODE_HTML_BLOCK:
    case CMARK_NODE_CUSTOM_BLOCK:
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
    case CMARK_NODE_THEMATIC_BREAK:
    case CMARK_NODE_FOOTNOTE_DEFINITION:
    case CMARK_NODE_TEXT:
    case CMARK_NODE_SOFTBREAK:
    case CMARK_NODE_LINEBREAK:
    case CMARK_NODE_CODE:
    case CMARK_NODE_HTML_INLINE:
    case CMARK_NODE_CUSTOM_INLINE:
    case CMARK_NODE_EMPH:
    case CMARK_NODE_STRONG:
    case CMARK_NODE_LINK:
    case CMARK_NODE_IMAGE:
    case CMARK_NODE_FOOTNOTE_REFERENCE:
        return MARKDOWN_CORE;
    default:
        break;
    }
    static const struct {
        const char *name;
        MarkdownExt ext;
    } names[] = {{"table", MARKDOWN_TABLE},
                 {"table_header", MARKDOWN_TABLE_ROW},
                 {"table_row", MARKDOWN_TABLE_ROW},
                 {"table_cell", MARKDOWN_TABLE_CELL},
                 {"strikethrough", MARKDOWN_STRIKETHROUGH}};
    const char *t = cmark_node_get_type_string(n);
    for (size_t i = 0; t && i < sizeof names / sizeof *names; i++)
        if (strcmp(t, names[i].name) == 0)
            return names[i].ext;
    return MARKDOWN_OTHER;
}

int markdown_error(Err *err, const char *entry, MarkdownStatus st, size_t len)
{
    if (st == MARKDOWN_TOO_BIG)
        return err_set(err, ERR_MARKDOWN_PARSE, entry,
                       N_("the page's Markdown is too complex: reading it would take more than %zu MB of memory; "
                          "simplify it or "
                          "split it into several pages"),
                       markdown_mem_limit(len) >> 20);
    if (st == MARKDOWN_TOO_SLOW)
        return err_set(err, ERR_MARKDOWN_PARSE, entry,
                       N_("the page's Markdown is too complex: reading it took more than %d ms; simplify it or split "
                          "it into several pages"),
                       MARKDOWN_MAX_MS);
    return err_set(err, ERR_NOMEM, entry, N_("out of memory"));
}
