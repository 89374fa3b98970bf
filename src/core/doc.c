/* doc: a Markdown page turned into a document model of blocks and runs: a walk over the tree core/markdown's
   cmark-gfm parser makes (enter and exit events, one switch per node type), building the model instead of HTML. */
#include "doc.h"

#include <cmark-gfm-core-extensions.h>
#include <cmark-gfm-extension_api.h>
#include <limits.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "markdown.h"
#include "vec.h"

/* Bounds on the model itself, so memory stays proportional to a small multiple of the page size. */
enum { DOC_MAX_BLOCKS = 20000, DOC_MAX_RUNS = 100000, DOC_STACK = 64 };

typedef struct {
    Doc *doc;
    const PackLimits *lim;
    const char *entry;
    Err *err;
    int failed;
    DocBlock *stack[DOC_STACK];
    int depth;   /* index of the top of 'stack' */
    int nesting; /* lists and quotes open, counted against the limit */
    int em, strong, code, del;
    const char *link; /* target of the link being walked (a string of the tree), NULL outside links */
    int in_image;     /* >0 inside an image, whose content is only alt text */
    DocRun image;     /* the image being collected */
    size_t n_runs;
    int line;      /* source line of the node being walked */
    int shift;     /* lines the inline positions of the leaf block being walked fall short by (see leaf_lines) */
    int last_line; /* last line of that leaf block */
    const uint8_t *aligns; /* the table's column alignments: 'l', 'c', 'r' or 0 */
    int n_cols, col;       /* columns of the table, index of the next cell of the row */
    int header;            /* the row being walked is the table's header */
} Builder;

static void fail(Builder *b, ErrCode code, const char *fmt, ...) __attribute__((format(BESEDA_PRINTF_FORMAT, 3, 4)));
static void fail(Builder *b, ErrCode code, const char *fmt, ...)
{
    if (b->failed)
        return;
    va_list ap;
    va_start(ap, fmt);
    b->failed = err_setv(b->err, code, b->entry, fmt, ap);
    va_end(ap);
    if (b->err)
        b->err->line = b->line;
}

static void nomem(Builder *b)
{
    fail(b, ERR_NOMEM, N_("out of memory"));
}

/* Appends bytes to a NUL-terminated string of length *len, growing to powers of two. The capacity is derived
   from *len, so every string it appends to must have been made by it (start from NULL).
   cmark-gfm 0.29 writes the character references &#xFFFE; and &#xFFFF; as the single bytes 0xFE and 0xFF (its
   UTF-8 encoder keeps old utf8proc markers). A page is valid UTF-8, so those bytes can only come from there: they
   are written back as U+FFFE and U+FFFF, so the model stays UTF-8, the validator names them and the reader shows
   U+FFFD as for any noncharacter. */
static int str_append(char **s, size_t *len, const char *add, size_t n)
{
    size_t marks = 0;
    for (size_t i = 0; i < n; i++)
        marks += (unsigned char)add[i] >= 0xFE;
    size_t grown = *len + n + 2 * marks, cap = 16;
    while (cap < *len + 1)
        cap *= 2;
    if (!*s || grown + 1 > cap) {
        while (cap < grown + 1)
            cap *= 2;
        char *g = realloc(*s, cap);
        if (!g)
            return -1;
        *s = g;
    }
    if (!marks) {
        memcpy(*s + *len, add, n);
    } else {
        char *o = *s + *len;
        for (size_t i = 0; i < n; i++)
            if ((unsigned char)add[i] >= 0xFE) {
                memcpy(o, (unsigned char)add[i] == 0xFE ? "\xEF\xBF\xBE" : "\xEF\xBF\xBF", 3);
                o += 3;
            } else {
                *o++ = add[i];
            }
    }
    *len = grown;
    (*s)[*len] = '\0';
    return 0;
}

/* A copy of a string from cmark-gfm (a link target, an image path), mended as str_append mends text. */
static char *dup_text(const char *s)
{
    char *d = NULL;
    size_t len = 0;
    if (str_append(&d, &len, s ? s : "", s ? strlen(s) : 0)) {
        free(d);
        return NULL;
    }
    return d;
}

static DocBlock *top(Builder *b)
{
    return b->stack[b->depth];
}

/* A new child of the top block, at the current line; NULL (and the parse failed) past the limits. */
static DocBlock *add_child(Builder *b, DocBlockType type)
{
    DocBlock *parent = top(b);
    if (++b->doc->n_blocks > DOC_MAX_BLOCKS) {
        fail(b, ERR_MARKDOWN_SIZE, N_("page has more than %d blocks; split it into several pages"), DOC_MAX_BLOCKS);
        return NULL;
    }
    if (vec_reserve((void **)&parent->children, &parent->cap_children, parent->n_children, sizeof *parent->children)) {
        nomem(b);
        return NULL;
    }
    DocBlock *c = &parent->children[parent->n_children++];
    memset(c, 0, sizeof *c);
    c->type = type;
    c->line = b->line;
    return c;
}

/* Makes 'blk' the top block: later nodes go into it until its exit event pops it. */
static void push(Builder *b, DocBlock *blk)
{
    if (!blk)
        return;
    if (b->depth + 1 >= DOC_STACK) {
        fail(b, ERR_MARKDOWN_DEPTH, N_("Markdown is nested too deeply"));
        return;
    }
    b->stack[++b->depth] = blk;
}

static void pop(Builder *b)
{
    if (b->depth > 0)
        b->depth--;
}

static int holds_runs(DocBlockType t)
{
    return t == DOC_HEADING || t == DOC_PARAGRAPH || t == DOC_CELL;
}

static DocRun *new_run(Builder *b, DocRunKind kind)
{
    DocBlock *blk = top(b);
    if (!holds_runs(blk->type))
        return NULL; /* cmark-gfm puts inline nodes only into paragraphs, headings and cells */
    if (++b->n_runs > DOC_MAX_RUNS) {
        fail(b, ERR_MARKDOWN_SIZE, N_("page has more than %d pieces of text; split it into several pages"),
             DOC_MAX_RUNS);
        return NULL;
    }
    if (vec_reserve((void **)&blk->runs, &blk->cap_runs, blk->n_runs, sizeof *blk->runs)) {
        nomem(b);
        return NULL;
    }
    DocRun *r = &blk->runs[blk->n_runs++];
    memset(r, 0, sizeof *r);
    r->kind = kind;
    r->line = b->line;
    return r;
}

static unsigned cur_style(const Builder *b)
{
    return (b->em ? DOC_EM : 0) | (b->strong ? DOC_STRONG : 0) | (b->code ? DOC_CODE_SPAN : 0) |
           (b->link ? DOC_LINK : 0) | (b->del ? DOC_DEL : 0);
}

/* Text in the current style: joined to the last run when that has the same style and link, else a new run. */
static void add_text(Builder *b, const char *s, size_t n)
{
    if (n == 0)
        return;
    if (b->in_image) {
        if (str_append(&b->image.text, &b->image.len, s, n))
            nomem(b);
        return;
    }
    DocBlock *blk = top(b);
    unsigned style = cur_style(b);
    DocRun *last = blk->n_runs ? &blk->runs[blk->n_runs - 1] : NULL;
    int same = last && last->kind == DOC_RUN_TEXT && last->style == style &&
               ((!last->href && !b->link) || (last->href && b->link && strcmp(last->href, b->link) == 0));
    if (!same) {
        if (!(last = new_run(b, DOC_RUN_TEXT)))
            return;
        last->style = style;
        if (b->link && !(last->href = dup_text(b->link))) {
            nomem(b);
            return;
        }
    }
    if (str_append(&last->text, &last->len, s, n))
        nomem(b);
}

static void add_break(Builder *b)
{
    if (b->in_image) { /* alt text is one line */
        add_text(b, " ", 1);
        return;
    }
    DocRun *r = new_run(b, DOC_RUN_BREAK);
    if (r && str_append(&r->text, &r->len, "", 0))
        nomem(b);
}

static void add_literal(Builder *b, cmark_node *n)
{
    const char *s = cmark_node_get_literal(n);
    if (s)
        add_text(b, s, strlen(s));
}

/* cmark-gfm gives inline nodes lines counted from their block's start line, but it takes link reference
   definitions off the start of a paragraph without moving that start: the lines the paragraph spans less the
   lines of text it kept are the lines its inline positions fall short by. (A setext heading can lose them too,
   but cmark-gfm does not know where one ends, so its lines stay as they are.) */
static void leaf_lines(Builder *b, cmark_node *n)
{
    int first = cmark_node_get_start_line(n), last = cmark_node_get_end_line(n);
    b->shift = 0;
    b->last_line = INT_MAX;
    if (cmark_node_get_type(n) == CMARK_NODE_PARAGRAPH && last >= first) {
        int kept = 0;
        const char *s = cmark_node_get_string_content(n);
        for (const char *p = s; p && *p; p++)
            kept += *p == '\n' || p[1] == '\0';
        b->shift = kept > 0 && last - first + 1 > kept ? last - first + 1 - kept : 0;
        b->last_line = last;
    }
    b->line = first + b->shift;
}

/* The line of an inline node; nodes the extensions make have none (0) and keep the line before them. */
static void inline_line(Builder *b, cmark_node *n)
{
    int l = cmark_node_get_start_line(n);
    if (l > 0)
        b->line = l + b->shift < b->last_line ? l + b->shift : b->last_line;
}

/* Lists and quotes count against the pack's nesting limit; returns non-zero when over it. */
static int nest(Builder *b)
{
    if (++b->nesting <= (int)b->lim->max_markdown_depth)
        return 0;
    fail(b, ERR_MARKDOWN_DEPTH, N_("lists and quotes are nested %d deep; the limit is %u"), b->nesting,
         b->lim->max_markdown_depth);
    return 1;
}

static void code_block(Builder *b, cmark_node *n)
{
    DocBlock *c = add_child(b, DOC_CODE);
    if (!c)
        return;
    const char *info = cmark_node_get_fence_info(n), *text = cmark_node_get_literal(n);
    size_t il = info ? strcspn(info, " \t") : 0; /* the language is the info string's first word */
    size_t info_len = 0;
    if (il && str_append(&c->info, &info_len, info, il)) {
        nomem(b);
        return;
    }
    size_t tl = text ? strlen(text) : 0;
    if (tl && text[tl - 1] == '\n') /* the model keeps the lines without the last line end */
        tl--;
    if (str_append(&c->text, &c->text_len, text ? text : "", tl))
        nomem(b);
}

/* Raw HTML is not interpreted: a block of it is shown as a paragraph of its lines, as written. */
static void html_block(Builder *b, cmark_node *n)
{
    push(b, add_child(b, DOC_PARAGRAPH));
    if (b->failed) /* nothing was pushed */
        return;
    const char *s = cmark_node_get_literal(n);
    for (const char *e; !b->failed && s && *s; s = *e ? e + 1 : e, b->line++) {
        e = s + strcspn(s, "\n");
        if (top(b)->n_runs)
            add_break(b);
        add_text(b, s, (size_t)(e - s));
    }
    pop(b);
}

static void image_enter(Builder *b, cmark_node *n)
{
    if (b->in_image++) /* an image inside alt text gives only its own alt text */
        return;
    memset(&b->image, 0, sizeof b->image);
    b->image.kind = DOC_RUN_IMAGE;
    b->image.line = b->line;
    const char *url = cmark_node_get_url(n);
    if (!(b->image.href = dup_text(url)))
        nomem(b);
}

static void image_leave(Builder *b)
{
    if (--b->in_image > 0)
        return;
    DocRun *r = new_run(b, DOC_RUN_IMAGE);
    if (!r) {
        free(b->image.href);
        free(b->image.text);
        return;
    }
    *r = b->image;
    r->style = cur_style(b);
    if (b->link && !(r->link = dup_text(b->link))) {
        nomem(b);
        return;
    }
    if (!r->text && str_append(&r->text, &r->len, "", 0))
        nomem(b);
}

static void table_cell(Builder *b)
{
    DocBlock *c = add_child(b, DOC_CELL);
    if (!c)
        return;
    c->header = b->header;
    uint8_t a = b->aligns && b->col < b->n_cols ? b->aligns[b->col] : 0;
    c->align = a == 'l' ? DOC_ALIGN_LEFT : a == 'c' ? DOC_ALIGN_CENTER : a == 'r' ? DOC_ALIGN_RIGHT : DOC_ALIGN_DEFAULT;
    b->col++;
    b->shift = 0;
    b->last_line = b->line;
    push(b, c);
}

/* The nodes the extensions add (tables, strikethrough). */
static void ext_enter(Builder *b, cmark_node *n)
{
    switch (markdown_ext(n)) {
    case MARKDOWN_TABLE:
        b->aligns = cmark_gfm_extensions_get_table_alignments(n);
        b->n_cols = cmark_gfm_extensions_get_table_columns(n);
        push(b, add_child(b, DOC_TABLE));
        break;
    case MARKDOWN_TABLE_ROW:
        b->header = cmark_gfm_extensions_get_table_row_is_header(n);
        b->col = 0;
        push(b, add_child(b, DOC_ROW));
        break;
    case MARKDOWN_TABLE_CELL:
        table_cell(b);
        break;
    case MARKDOWN_STRIKETHROUGH:
        b->del += !b->in_image;
        break;
    default:
        break;
    }
}

static void ext_leave(Builder *b, cmark_node *n)
{
    switch (markdown_ext(n)) {
    case MARKDOWN_TABLE:
    case MARKDOWN_TABLE_ROW:
    case MARKDOWN_TABLE_CELL:
        pop(b);
        break;
    case MARKDOWN_STRIKETHROUGH:
        b->del -= !b->in_image;
        break;
    default:
        break;
    }
}

static void enter(Builder *b, cmark_node *n)
{
    DocBlock *c;
    cmark_node_type t = cmark_node_get_type(n);
    if ((t & CMARK_NODE_TYPE_MASK) == CMARK_NODE_TYPE_BLOCK && t != CMARK_NODE_PARAGRAPH && t != CMARK_NODE_HEADING)
        b->line = cmark_node_get_start_line(n);
    else if (t != CMARK_NODE_PARAGRAPH && t != CMARK_NODE_HEADING)
        inline_line(b, n);
    switch (t) {
    case CMARK_NODE_BLOCK_QUOTE:
        if (!nest(b))
            push(b, add_child(b, DOC_QUOTE));
        break;
    case CMARK_NODE_LIST:
        if (nest(b) || !(c = add_child(b, DOC_LIST)))
            break;
        c->ordered = cmark_node_get_list_type(n) == CMARK_ORDERED_LIST;
        c->start = c->ordered ? (unsigned)cmark_node_get_list_start(n) : 0;
        c->tight = cmark_node_get_list_tight(n);
        push(b, c);
        break;
    case CMARK_NODE_ITEM:
        push(b, add_child(b, DOC_ITEM));
        break;
    case CMARK_NODE_PARAGRAPH:
        leaf_lines(b, n);
        if ((c = add_child(b, DOC_PARAGRAPH)))
            c->tight = top(b)->type == DOC_ITEM && b->stack[b->depth - 1]->tight;
        push(b, c);
        break;
    case CMARK_NODE_HEADING:
        leaf_lines(b, n);
        if ((c = add_child(b, DOC_HEADING)))
            c->level = cmark_node_get_heading_level(n);
        push(b, c);
        break;
    case CMARK_NODE_CODE_BLOCK:
        code_block(b, n);
        break;
    case CMARK_NODE_HTML_BLOCK:
        html_block(b, n);
        break;
    case CMARK_NODE_THEMATIC_BREAK:
        add_child(b, DOC_RULE);
        break;
    case CMARK_NODE_TEXT:
    case CMARK_NODE_HTML_INLINE: /* raw HTML is shown as written */
        add_literal(b, n);
        break;
    case CMARK_NODE_CODE:
        b->code++;
        add_literal(b, n);
        b->code--;
        break;
    case CMARK_NODE_SOFTBREAK:
        add_text(b, " ", 1);
        break;
    case CMARK_NODE_LINEBREAK:
        add_break(b);
        break;
    case CMARK_NODE_EMPH:
        b->em += !b->in_image;
        break;
    case CMARK_NODE_STRONG:
        b->strong += !b->in_image;
        break;
    case CMARK_NODE_LINK:
        if (!b->in_image)
            b->link = cmark_node_get_url(n);
        break;
    case CMARK_NODE_IMAGE:
        image_enter(b, n);
        break;
    default:
        ext_enter(b, n);
        break;
    }
}

static void leave(Builder *b, cmark_node *n)
{
    switch (cmark_node_get_type(n)) {
    case CMARK_NODE_BLOCK_QUOTE:
    case CMARK_NODE_LIST:
        b->nesting--;
        pop(b);
        break;
    case CMARK_NODE_ITEM:
    case CMARK_NODE_PARAGRAPH:
    case CMARK_NODE_HEADING:
        pop(b);
        break;
    case CMARK_NODE_EMPH:
        b->em -= !b->in_image;
        break;
    case CMARK_NODE_STRONG:
        b->strong -= !b->in_image;
        break;
    case CMARK_NODE_LINK:
        if (!b->in_image)
            b->link = NULL;
        break;
    case CMARK_NODE_IMAGE:
        image_leave(b);
        break;
    default:
        ext_leave(b, n);
        break;
    }
}

static void free_block(DocBlock *blk)
{
    for (size_t i = 0; i < blk->n_children; i++)
        free_block(&blk->children[i]);
    free(blk->children);
    for (size_t i = 0; i < blk->n_runs; i++) {
        free(blk->runs[i].text);
        free(blk->runs[i].href);
        free(blk->runs[i].link);
    }
    free(blk->runs);
    free(blk->info);
    free(blk->text);
}

void doc_free(Doc *d)
{
    if (!d)
        return;
    free_block(&d->root);
    free(d);
}

int doc_parse(const char *md, size_t len, const PackLimits *lim, const char *entry, Doc **out, Err *err)
{
    *out = NULL;
    if (len > lim->max_markdown_size)
        return err_set(err, ERR_MARKDOWN_SIZE, entry, N_("page is %zu bytes; the limit is %llu"), len,
                       (unsigned long long)lim->max_markdown_size);
    /* Text must be UTF-8: other encodings would show as garbage, and line breaking needs whole characters. */
    const uint8_t *bad = u8_check((const uint8_t *)md, len);
    if (bad) {
        int line = 1;
        for (const char *p = md; p < (const char *)bad; p++)
            line += *p == '\n';
        err_set(err, ERR_NOT_UTF8, entry, N_("the page is not valid UTF-8 (byte %zu); save it as UTF-8 in your editor"),
                (size_t)((const char *)bad - md) + 1);
        if (err)
            err->line = line;
        return -ERR_NOT_UTF8;
    }
    MarkdownStatus st;
    cmark_node *root = markdown_parse(md, len, &st);
    if (!root)
        return markdown_error(err, entry, st, len);
    Doc *d = calloc(1, sizeof *d);
    if (!d) {
        cmark_node_free(root);
        return err_set(err, ERR_NOMEM, entry, N_("out of memory"));
    }
    d->root.type = DOC_DOCUMENT;
    Builder b = {.doc = d, .lim = lim, .entry = entry, .err = err, .line = 1};
    b.stack[0] = &d->root;
    cmark_iter *it = cmark_iter_new(root);
    cmark_event_type ev;
    while (!b.failed && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        if (ev == CMARK_EVENT_ENTER)
            enter(&b, cmark_iter_get_node(it));
        else
            leave(&b, cmark_iter_get_node(it));
    }
    cmark_iter_free(it);
    cmark_node_free(root);
    if (b.in_image) { /* stopped inside an image */
        free(b.image.href);
        free(b.image.text);
    }
    if (b.failed) {
        doc_free(d);
        return b.failed;
    }
    *out = d;
    return 0;
}

static const char *const type_names[] = {"document", "heading", "paragraph", "list", "item", "quote",
                                         "code",     "rule",    "table",     "row",  "cell"};

static void dump_string(FILE *f, const char *s)
{
    fputc('"', f);
    for (; *s; s++) {
        if (*s == '"' || *s == '\\')
            fprintf(f, "\\%c", *s);
        else if (*s == '\n')
            fputs("\\n", f);
        else
            fputc(*s, f);
    }
    fputc('"', f);
}

static void dump_block(const DocBlock *blk, int indent, FILE *f)
{
    static const char *const aligns[] = {"", " align=left", " align=center", " align=right"};
    fprintf(f, "%*s%s", indent * 2, "", type_names[blk->type]);
    if (blk->type == DOC_HEADING)
        fprintf(f, " level=%d", blk->level);
    if (blk->type == DOC_LIST)
        fprintf(f, blk->ordered ? " ordered start=%u" : " bullet", blk->start);
    if (blk->type == DOC_LIST && blk->tight)
        fputs(" tight", f);
    if (blk->type == DOC_CELL)
        fprintf(f, "%s%s", blk->header ? " header" : "", aligns[blk->align]);
    if (blk->type == DOC_CODE && blk->info)
        fprintf(f, " lang=%s", blk->info);
    fputc('\n', f);
    if (blk->type == DOC_CODE && blk->text) {
        fprintf(f, "%*s", indent * 2 + 2, "");
        dump_string(f, blk->text);
        fputc('\n', f);
    }
    for (size_t i = 0; i < blk->n_runs; i++) {
        const DocRun *r = &blk->runs[i];
        fprintf(f, "%*s", indent * 2 + 2, "");
        if (r->kind == DOC_RUN_BREAK) {
            fputs("break\n", f);
            continue;
        }
        fputs(r->kind == DOC_RUN_IMAGE ? "image" : "text", f);
        if (r->style & DOC_EM)
            fputs(" em", f);
        if (r->style & DOC_STRONG)
            fputs(" strong", f);
        if (r->style & DOC_CODE_SPAN)
            fputs(" code", f);
        if (r->style & DOC_DEL)
            fputs(" del", f);
        if (r->href)
            fprintf(f, r->kind == DOC_RUN_IMAGE ? " src=%s" : " href=%s", r->href);
        if (r->link)
            fprintf(f, " href=%s", r->link);
        fputc(' ', f);
        dump_string(f, r->text);
        fputc('\n', f);
    }
    for (size_t i = 0; i < blk->n_children; i++)
        dump_block(&blk->children[i], indent + 1, f);
}

void doc_dump(const Doc *d, FILE *f)
{
    for (size_t i = 0; i < d->root.n_children; i++)
        dump_block(&d->root.children[i], 0, f);
}

static int each_run(const DocBlock *blk, int (*fn)(const DocRun *, void *), void *user)
{
    for (size_t i = 0; i < blk->n_runs; i++) {
        int rc = fn(&blk->runs[i], user);
        if (rc)
            return rc;
    }
    for (size_t i = 0; i < blk->n_children; i++) {
        int rc = each_run(&blk->children[i], fn, user);
        if (rc)
            return rc;
    }
    return 0;
}

int doc_each_run(const Doc *d, int (*fn)(const DocRun *run, void *user), void *user)
{
    return each_run(&d->root, fn, user);
}
