/* doc: a Markdown page (CommonMark + tables, via md4c) turned into a document model of blocks and runs. */
#include "doc.h"

#include <md4c.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "vec.h"

/* Bounds on the model itself, so memory stays proportional to a small multiple of the page size. */
enum { DOC_MAX_BLOCKS = 20000, DOC_MAX_RUNS = 100000, DOC_STACK = 64 };

typedef struct {
    Doc *doc;
    const char *src;
    size_t src_len;
    const PackLimits *lim;
    const char *entry;
    Err *err;
    int failed;
    DocBlock *stack[DOC_STACK];
    int depth;   /* index of the top of 'stack' */
    int nesting; /* container nesting counted against the limit */
    int em, strong, code, del;
    char *link;   /* current link target (owned), NULL outside links */
    int in_image; /* >0 while collecting an image's alt text */
    DocRun image; /* image being collected */
    size_t n_runs;
    size_t last_off; /* incremental line counting */
    int last_line;
} Builder;

static int fail(Builder *b, ErrCode code, const char *fmt, ...) __attribute__((format(printf, 3, 4)));
static int fail(Builder *b, ErrCode code, const char *fmt, ...)
{
    if (!b->failed) {
        va_list ap;
        va_start(ap, fmt);
        b->failed = err_setv(b->err, code, b->entry, fmt, ap);
        va_end(ap);
        if (b->err)
            b->err->line = b->last_line;
    }
    return 1; /* non-zero aborts md4c */
}

static int nomem(Builder *b)
{
    return fail(b, ERR_NOMEM, N_("out of memory"));
}

/* Line of a pointer into the source, or the last known line for text md4c synthesised. */
static int line_of(Builder *b, const char *p)
{
    if (p < b->src || p > b->src + b->src_len)
        return b->last_line;
    size_t off = (size_t)(p - b->src);
    if (off < b->last_off) {
        b->last_off = 0;
        b->last_line = 1;
    }
    for (size_t i = b->last_off; i < off; i++)
        b->last_line += b->src[i] == '\n';
    b->last_off = off;
    return b->last_line;
}

/* Appends bytes to a NUL-terminated string of length *len, growing to powers of two. The capacity is derived
   from *len, so every string it appends to must have been made by it (start from NULL). */
static int str_append(char **s, size_t *len, const char *add, size_t n)
{
    size_t cap = 16;
    while (cap < *len + 1)
        cap *= 2;
    if (!*s || *len + n + 1 > cap) {
        while (cap < *len + n + 1)
            cap *= 2;
        char *g = realloc(*s, cap);
        if (!g)
            return -1;
        *s = g;
    }
    memcpy(*s + *len, add, n);
    *len += n;
    (*s)[*len] = '\0';
    return 0;
}

static char *strndup_or_null(const char *s, size_t n)
{
    char *d = malloc(n + 1);
    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

/* Decodes an entity such as "&amp;" or "&#x44F;" into UTF-8. Returns its length, or 0 for a named entity this
   table does not know (the caller keeps it as written). */
static size_t decode_entity(const char *s, size_t n, char out[8])
{
    static const struct {
        const char *name;
        unsigned cp;
    } named[] = {{"&amp;", '&'},       {"&lt;", '<'},        {"&gt;", '>'},       {"&quot;", '"'},
                 {"&apos;", '\''},     {"&nbsp;", 0xA0},     {"&ndash;", 0x2013}, {"&mdash;", 0x2014},
                 {"&hellip;", 0x2026}, {"&laquo;", 0xAB},    {"&raquo;", 0xBB},   {"&copy;", 0xA9},
                 {"&shy;", 0xAD},      {"&thinsp;", 0x2009}, {"&lsquo;", 0x2018}, {"&rsquo;", 0x2019},
                 {"&ldquo;", 0x201C},  {"&rdquo;", 0x201D},  {"&bdquo;", 0x201E}, {"&euro;", 0x20AC}};
    unsigned long cp = 0;
    if (n >= 4 && s[1] == '#') {
        int hex = s[2] == 'x' || s[2] == 'X';
        cp = strtoul(s + 2 + hex, NULL, hex ? 16 : 10);
    } else {
        for (size_t i = 0; i < sizeof named / sizeof named[0]; i++)
            if (strlen(named[i].name) == n && memcmp(named[i].name, s, n) == 0)
                cp = named[i].cp;
        if (!cp)
            return 0;
    }
    if (cp == 0 || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
        cp = 0xFFFD;
    int k = u8_uctomb((uint8_t *)out, (ucs4_t)cp, 8);
    return k > 0 ? (size_t)k : 0;
}

static DocBlock *top(Builder *b)
{
    return b->stack[b->depth];
}

static DocBlock *add_child(Builder *b, DocBlock *parent, DocBlockType type)
{
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
    return c;
}

static int holds_runs(DocBlockType t)
{
    return t == DOC_HEADING || t == DOC_PARAGRAPH || t == DOC_CELL;
}

/* The block that receives inline content: the top block, or a paragraph opened inside a tight list item. */
static DocBlock *run_target(Builder *b)
{
    DocBlock *t = top(b);
    if (holds_runs(t->type))
        return t;
    if (t->n_children && t->children[t->n_children - 1].type == DOC_PARAGRAPH && t->children[t->n_children - 1].tight)
        return &t->children[t->n_children - 1];
    DocBlock *p = add_child(b, t, DOC_PARAGRAPH);
    if (p)
        p->tight = 1;
    return p;
}

static void set_line(Builder *b, DocBlock *blk, int line)
{
    if (!blk->line)
        blk->line = line;
    for (int i = b->depth; i >= 0; i--)
        if (!b->stack[i]->line)
            b->stack[i]->line = line;
}

static DocRun *new_run(Builder *b, DocBlock *blk, DocRunKind kind)
{
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
    return r;
}

static unsigned cur_style(const Builder *b)
{
    return (b->em ? DOC_EM : 0) | (b->strong ? DOC_STRONG : 0) | (b->code ? DOC_CODE_SPAN : 0) |
           (b->link ? DOC_LINK : 0) | (b->del ? DOC_DEL : 0);
}

static int add_text(Builder *b, const char *s, size_t n, int line)
{
    if (b->in_image) {
        return str_append(&b->image.text, &b->image.len, s, n) ? nomem(b) : 0;
    }
    DocBlock *blk = run_target(b);
    if (!blk)
        return 1;
    set_line(b, blk, line);
    unsigned style = cur_style(b);
    DocRun *last = blk->n_runs ? &blk->runs[blk->n_runs - 1] : NULL;
    int same = last && last->kind == DOC_RUN_TEXT && last->style == style &&
               ((!last->href && !b->link) || (last->href && b->link && strcmp(last->href, b->link) == 0));
    if (!same) {
        if (!(last = new_run(b, blk, DOC_RUN_TEXT)))
            return 1;
        last->style = style;
        last->line = line;
        if (b->link && !(last->href = strdup(b->link)))
            return nomem(b);
    }
    return str_append(&last->text, &last->len, s, n) ? nomem(b) : 0;
}

/* Flattens an md4c attribute (text with entity pieces) into a new string. */
static char *attr_string(const MD_ATTRIBUTE *a)
{
    char *s = NULL;
    size_t len = 0;
    if (str_append(&s, &len, "", 0))
        return NULL;
    for (int i = 0; a->substr_offsets[i] < a->size; i++) {
        const char *p = a->text + a->substr_offsets[i];
        size_t n = a->substr_offsets[i + 1] - a->substr_offsets[i];
        char ent[8];
        size_t k = a->substr_types[i] == MD_TEXT_ENTITY ? decode_entity(p, n, ent) : 0;
        int ok = k                                        ? str_append(&s, &len, ent, k)
                 : a->substr_types[i] == MD_TEXT_NULLCHAR ? str_append(&s, &len, "\xEF\xBF\xBD", 3)
                                                          : str_append(&s, &len, p, n);
        if (ok) {
            free(s);
            return NULL;
        }
    }
    return s;
}

static int push(Builder *b, DocBlock *blk)
{
    if (!blk)
        return 1;
    if (b->depth + 1 >= DOC_STACK)
        return fail(b, ERR_MARKDOWN_DEPTH, N_("Markdown is nested too deeply"));
    b->stack[++b->depth] = blk;
    return 0;
}

static int enter_block(MD_BLOCKTYPE type, void *detail, void *user)
{
    Builder *b = user;
    DocBlock *t = top(b);
    DocBlock *c = NULL;
    if (type == MD_BLOCK_QUOTE || type == MD_BLOCK_UL || type == MD_BLOCK_OL) {
        if (++b->nesting > (int)b->lim->max_markdown_depth)
            return fail(b, ERR_MARKDOWN_DEPTH, N_("lists and quotes are nested %d deep; the limit is %u"), b->nesting,
                        b->lim->max_markdown_depth);
    }
    switch (type) {
    case MD_BLOCK_DOC:
    case MD_BLOCK_THEAD:
    case MD_BLOCK_TBODY:
        return 0;
    case MD_BLOCK_QUOTE:
        c = add_child(b, t, DOC_QUOTE);
        break;
    case MD_BLOCK_UL:
        if ((c = add_child(b, t, DOC_LIST)))
            c->tight = ((MD_BLOCK_UL_DETAIL *)detail)->is_tight;
        break;
    case MD_BLOCK_OL:
        if ((c = add_child(b, t, DOC_LIST))) {
            c->ordered = 1;
            c->start = ((MD_BLOCK_OL_DETAIL *)detail)->start;
            c->tight = ((MD_BLOCK_OL_DETAIL *)detail)->is_tight;
        }
        break;
    case MD_BLOCK_LI:
        c = add_child(b, t, DOC_ITEM);
        break;
    case MD_BLOCK_HR:
        c = add_child(b, t, DOC_RULE);
        break;
    case MD_BLOCK_H:
        if ((c = add_child(b, t, DOC_HEADING)))
            c->level = (int)((MD_BLOCK_H_DETAIL *)detail)->level;
        break;
    case MD_BLOCK_CODE: {
        MD_BLOCK_CODE_DETAIL *d = detail;
        if ((c = add_child(b, t, DOC_CODE)) && d->lang.size && !(c->info = strndup_or_null(d->lang.text, d->lang.size)))
            return nomem(b);
        break;
    }
    case MD_BLOCK_HTML: /* not produced with MD_FLAG_NOHTML; keep any as a paragraph of text */
    case MD_BLOCK_P:
        c = add_child(b, t, DOC_PARAGRAPH);
        break;
    case MD_BLOCK_TABLE:
        c = add_child(b, t, DOC_TABLE);
        break;
    case MD_BLOCK_TR:
        c = add_child(b, t, DOC_ROW);
        break;
    case MD_BLOCK_TH:
    case MD_BLOCK_TD:
        if ((c = add_child(b, t, DOC_CELL))) {
            c->header = type == MD_BLOCK_TH;
            MD_ALIGN a = ((MD_BLOCK_TD_DETAIL *)detail)->align;
            c->align = a == MD_ALIGN_LEFT     ? DOC_ALIGN_LEFT
                       : a == MD_ALIGN_CENTER ? DOC_ALIGN_CENTER
                       : a == MD_ALIGN_RIGHT  ? DOC_ALIGN_RIGHT
                                              : DOC_ALIGN_DEFAULT;
        }
        break;
    }
    return push(b, c);
}

static int leave_block(MD_BLOCKTYPE type, void *detail, void *user)
{
    (void)detail;
    Builder *b = user;
    if (type == MD_BLOCK_DOC || type == MD_BLOCK_THEAD || type == MD_BLOCK_TBODY)
        return 0;
    if (type == MD_BLOCK_QUOTE || type == MD_BLOCK_UL || type == MD_BLOCK_OL)
        b->nesting--;
    if (type == MD_BLOCK_CODE && top(b)->text) {
        /* md4c ends a code block with its last newline; the model keeps the lines without it. */
        DocBlock *c = top(b);
        if (c->text_len && c->text[c->text_len - 1] == '\n')
            c->text[--c->text_len] = '\0';
    }
    if (b->depth > 0)
        b->depth--;
    return 0;
}

static int enter_span(MD_SPANTYPE type, void *detail, void *user)
{
    Builder *b = user;
    if (b->in_image) { /* spans inside alt text only contribute their text */
        b->in_image += type == MD_SPAN_IMG;
        return 0;
    }
    switch (type) {
    case MD_SPAN_EM:
        b->em++;
        break;
    case MD_SPAN_STRONG:
        b->strong++;
        break;
    case MD_SPAN_CODE:
        b->code++;
        break;
    case MD_SPAN_DEL:
        b->del++;
        break;
    case MD_SPAN_A:
        free(b->link);
        if (!(b->link = attr_string(&((MD_SPAN_A_DETAIL *)detail)->href)))
            return nomem(b);
        break;
    case MD_SPAN_IMG: {
        MD_SPAN_IMG_DETAIL *d = detail;
        memset(&b->image, 0, sizeof b->image);
        b->image.kind = DOC_RUN_IMAGE;
        b->image.line = line_of(b, d->src.text);
        if (!(b->image.href = attr_string(&d->src)))
            return nomem(b);
        b->in_image = 1;
        break;
    }
    default:
        break;
    }
    return 0;
}

static int leave_span(MD_SPANTYPE type, void *detail, void *user)
{
    (void)detail;
    Builder *b = user;
    if (b->in_image) {
        if (type == MD_SPAN_IMG && --b->in_image == 0) {
            DocBlock *blk = run_target(b);
            DocRun *r = blk ? new_run(b, blk, DOC_RUN_IMAGE) : NULL;
            if (!r) {
                free(b->image.href);
                free(b->image.text);
                return 1;
            }
            *r = b->image;
            r->style = cur_style(b);
            if (b->link && !(r->link = strdup(b->link)))
                return nomem(b);
            if (!r->text && str_append(&r->text, &r->len, "", 0))
                return nomem(b);
            set_line(b, blk, r->line);
        }
        return 0;
    }
    switch (type) {
    case MD_SPAN_EM:
        b->em--;
        break;
    case MD_SPAN_STRONG:
        b->strong--;
        break;
    case MD_SPAN_CODE:
        b->code--;
        break;
    case MD_SPAN_DEL:
        b->del--;
        break;
    case MD_SPAN_A:
        free(b->link);
        b->link = NULL;
        break;
    default:
        break;
    }
    return 0;
}

static int text_cb(MD_TEXTTYPE type, const MD_CHAR *s, MD_SIZE n, void *user)
{
    Builder *b = user;
    if (s >= b->src && s <= b->src + b->src_len && n > (size_t)(b->src + b->src_len - s))
        return fail(b, ERR_MARKDOWN_PARSE, N_("the Markdown parser went past the end of the page"));
    int line = line_of(b, s);
    char ent[8];
    switch (type) {
    case MD_TEXT_NULLCHAR:
        return add_text(b, "\xEF\xBF\xBD", 3, line);
    case MD_TEXT_BR:
        if (b->in_image)
            return add_text(b, " ", 1, line);
        {
            DocBlock *blk = run_target(b);
            DocRun *r = blk ? new_run(b, blk, DOC_RUN_BREAK) : NULL;
            if (!r)
                return 1;
            r->line = line;
            return str_append(&r->text, &r->len, "", 0) ? nomem(b) : 0;
        }
    case MD_TEXT_SOFTBR:
        return add_text(b, " ", 1, line);
    case MD_TEXT_ENTITY: {
        size_t k = decode_entity(s, n, ent);
        return k ? add_text(b, ent, k, line) : add_text(b, s, n, line);
    }
    case MD_TEXT_CODE:
        if (top(b)->type == DOC_CODE) {
            DocBlock *c = top(b);
            set_line(b, c, line);
            return str_append(&c->text, &c->text_len, s, n) ? nomem(b) : 0;
        }
        return add_text(b, s, n, line);
    default:
        return add_text(b, s, n, line);
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
    if (len > UINT32_MAX)
        return err_set(err, ERR_MARKDOWN_SIZE, entry, N_("page is too large"));
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
    /* md4c 0.4.8 reads past the end of some inputs (an unfinished link destination at the very end, found by
       tests/fuzz/fuzz_doc) and only a NUL byte there stops it, so it always parses a terminated copy. */
    char *src = malloc(len + 1);
    Doc *d = calloc(1, sizeof *d);
    if (!d || !src) {
        free(src);
        free(d);
        return err_set(err, ERR_NOMEM, entry, N_("out of memory"));
    }
    memcpy(src, md, len);
    src[len] = '\0';
    d->root.type = DOC_DOCUMENT;
    Builder b = {.doc = d, .src = src, .src_len = len, .lim = lim, .entry = entry, .err = err, .last_line = 1};
    b.stack[0] = &d->root;
    MD_PARSER parser = {0};
    parser.flags = MD_FLAG_TABLES | MD_FLAG_STRIKETHROUGH | MD_FLAG_NOHTML;
    parser.enter_block = enter_block;
    parser.leave_block = leave_block;
    parser.enter_span = enter_span;
    parser.leave_span = leave_span;
    parser.text = text_cb;
    int rc = md_parse(src, (MD_SIZE)len, &parser, &b);
    free(src);
    free(b.link);
    if (b.in_image) { /* aborted inside an image */
        free(b.image.href);
        free(b.image.text);
    }
    if (b.failed || rc != 0) {
        int code = b.failed ? b.failed : err_set(err, ERR_MARKDOWN_PARSE, entry, N_("the Markdown parser gave up"));
        doc_free(d);
        return code;
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
