/* mdtrans: Markdown pages as translation units, and pages rebuilt from translated units (cmark-gfm).

   Pages are parsed by core/markdown, the set-up the reader's core/doc uses too (CommonMark with the GFM tables,
   strikethrough and autolinks), so a translator's units come from the same tree the reader shows; cmark-gfm
   also writes a tree back as CommonMark. A unit is the inline content of one leaf block rendered alone as
   CommonMark, so links, emphasis and image paths stay visible to the translator and come back from the
   translation intact. */
#include "mdtrans.h"

#include <stdlib.h>
#include <string.h>

#include "err.h"
#include "markdown.h"

/* Soft line breaks are written as spaces: a unit is one line however the source was wrapped. */
enum { RENDER_OPTS = CMARK_OPT_NOBREAKS | CMARK_OPT_UNSAFE };

static void move_children(cmark_node *from, cmark_node *to)
{
    cmark_node *c;
    while ((c = cmark_node_first_child(from))) {
        cmark_node_unlink(c);
        if (cmark_node_append_child(to, c))
            continue;
        /* 'to' cannot hold it (a line break in a table cell): a space stands in its place, and the node, which
           nothing holds any more, is freed (found by fuzz_mdtrans as a leak) */
        cmark_node_type t = cmark_node_get_type(c);
        cmark_node_free(c);
        cmark_node *sp = t == CMARK_NODE_SOFTBREAK || t == CMARK_NODE_LINEBREAK
                             ? cmark_node_new_with_mem(CMARK_NODE_TEXT, markdown_mem())
                             : NULL;
        if (sp && (!cmark_node_set_literal(sp, " ") || !cmark_node_append_child(to, sp)))
            cmark_node_free(sp);
    }
}

/* The inline children of 'n' written as one line of CommonMark (they are lent to a scratch paragraph). */
static char *render_inline(cmark_node *n)
{
    cmark_node *doc = cmark_node_new_with_mem(CMARK_NODE_DOCUMENT, markdown_mem()),
               *para = cmark_node_new_with_mem(CMARK_NODE_PARAGRAPH, markdown_mem());
    if (!doc || !para) {
        if (doc)
            cmark_node_free(doc);
        if (para)
            cmark_node_free(para);
        return NULL;
    }
    cmark_node_append_child(doc, para);
    move_children(n, para);
    char *s = cmark_render_commonmark_with_mem(doc, RENDER_OPTS, 0, cmark_get_default_mem_allocator());
    move_children(para, n);
    cmark_node_free(doc);
    if (s) {
        size_t l = strlen(s);
        while (l > 0 && (s[l - 1] == '\n' || s[l - 1] == ' '))
            s[--l] = '\0';
    }
    return s;
}

/* The image a paragraph consists of (only whitespace beside it), or NULL. */
static cmark_node *lone_image(cmark_node *para)
{
    cmark_node *img = NULL;
    for (cmark_node *c = cmark_node_first_child(para); c; c = cmark_node_next(c)) {
        cmark_node_type t = cmark_node_get_type(c);
        if (t == CMARK_NODE_IMAGE && !img)
            img = c;
        else if (t == CMARK_NODE_SOFTBREAK || (t == CMARK_NODE_TEXT && strspn(cmark_node_get_literal(c), " \t") ==
                                                                           strlen(cmark_node_get_literal(c))))
            continue;
        else
            return NULL;
    }
    return img;
}

typedef struct {
    cmark_node *node; /* the node whose children are the unit's inlines */
    MdUnitKind kind;
    int line;
    const char *image; /* MDU_ALT: the image path */
} Unit;

/* Collects the units of 'doc' in reading order. Returns the count, -1 when out of memory. */
static long collect(cmark_node *doc, Unit **out)
{
    size_t n = 0, cap = 0;
    Unit *u = NULL;
    cmark_iter *it = cmark_iter_new(doc);
    cmark_event_type ev;
    while (it && (ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *node = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        Unit next = {node, MDU_PARAGRAPH, cmark_node_get_start_line(node), NULL};
        cmark_node_type t = cmark_node_get_type(node);
        if (t == CMARK_NODE_HEADING)
            next.kind = MDU_HEADING;
        else if (markdown_ext(node) == MARKDOWN_TABLE_CELL)
            next.kind = MDU_CELL;
        else if (t != CMARK_NODE_PARAGRAPH)
            continue;
        cmark_node *img = t == CMARK_NODE_PARAGRAPH ? lone_image(node) : NULL;
        if (img) {
            next = (Unit){img, MDU_ALT, next.line, cmark_node_get_url(img)};
            if (!cmark_node_first_child(img))
                continue; /* no alt text to translate */
        } else if (!cmark_node_first_child(node)) {
            continue;
        }
        if (n == cap) {
            Unit *g = realloc(u, (cap = cap ? cap * 2 : 32) * sizeof *u);
            if (!g) {
                free(u);
                cmark_iter_free(it);
                return -1;
            }
            u = g;
        }
        u[n++] = next;
    }
    cmark_iter_free(it);
    *out = u;
    return it ? (long)n : -1;
}

int mdtrans_extract(const char *md, size_t len, MdUnitFn fn, void *ud)
{
    MarkdownStatus st = MARKDOWN_OK;
    cmark_node *doc = markdown_parse(md, len, &st);
    if (!doc)
        return (int)st;
    Unit *u = NULL;
    long n = collect(doc, &u);
    int rc = n < 0 ? MARKDOWN_NOMEM : MARKDOWN_OK;
    for (long i = 0; i < n && rc == 0; i++) {
        char *s = render_inline(u[i].node);
        if (!s)
            rc = MARKDOWN_NOMEM;
        else if (s[0])
            fn(ud, u[i].kind, s, u[i].line, u[i].image);
        free(s);
    }
    free(u);
    if (doc)
        cmark_node_free(doc);
    return rc;
}

/* Replaces the inline children of 'node' with those of the one paragraph 'text' parses to. The new inlines'
   text points into the parsed document's buffers, so the document is returned in *keep, to be freed only after
   the page is written. */
static int replace_inlines(cmark_node *node, const char *text, cmark_node **keep)
{
    MarkdownStatus st;
    cmark_node *doc = markdown_parse(text, strlen(text), &st);
    cmark_node *para = doc ? cmark_node_first_child(doc) : NULL;
    *keep = doc;
    if (!para || cmark_node_get_type(para) != CMARK_NODE_PARAGRAPH || cmark_node_next(para))
        return -1;
    cmark_node *c;
    while ((c = cmark_node_first_child(node)))
        cmark_node_free(c);
    move_children(para, node);
    return 0;
}

int mdtrans_apply(const char *md, size_t len, MdLookupFn lookup, void *ud, char **out, size_t *units, size_t *done)
{
    *out = NULL;
    *units = *done = 0;
    MarkdownStatus st = MARKDOWN_OK;
    cmark_node *doc = markdown_parse(md, len, &st);
    if (!doc)
        return (int)st;
    Unit *u = NULL;
    long n = collect(doc, &u);
    int rc = n < 0 ? MARKDOWN_NOMEM : MARKDOWN_OK;
    cmark_node **keep = n > 0 ? calloc((size_t)n, sizeof *keep) : NULL;
    if (n > 0 && !keep)
        rc = MARKDOWN_NOMEM;
    for (long i = 0; i < n && rc == 0; i++) {
        char *s = render_inline(u[i].node);
        if (!s) {
            rc = MARKDOWN_NOMEM;
            break;
        }
        const char *tr = s[0] ? lookup(ud, s, u[i].line) : NULL;
        *units += s[0] != '\0';
        /* A translation the checker let through is one paragraph, so this cannot fail on checked input. */
        if (tr && replace_inlines(u[i].node, tr, &keep[i]) == 0)
            (*done)++;
        free(s);
    }
    free(u);
    if (rc == 0 && !(*out = cmark_render_commonmark_with_mem(doc, RENDER_OPTS, 0, cmark_get_default_mem_allocator())))
        rc = MARKDOWN_NOMEM;
    for (long i = 0; keep && i < n; i++)
        if (keep[i])
            cmark_node_free(keep[i]);
    free(keep);
    if (doc)
        cmark_node_free(doc);
    return rc;
}

/* ---- structure check ---------------------------------------------------------------------------------------- */

enum { SIG_EMPH, SIG_STRONG, SIG_CODE, SIG_STRIKE, SIG_COUNTS, SIG_MAX_REFS = 64 };

typedef struct {
    char blocks[32];                /* one letter per block node, in order */
    const char *refs[SIG_MAX_REFS]; /* "L" or "I" then the link target or image path (pointers into 'store') */
    size_t n_refs;
    int overflow; /* more links, images or blocks than are compared: the check refuses rather than skips */
    int counts[SIG_COUNTS];
    char store[4096];
    size_t used;
} Sig;

static void sig_ref(Sig *s, char kind, const char *url)
{
    size_t l = strlen(url ? url : "") + 2;
    if (s->n_refs >= SIG_MAX_REFS || s->used + l > sizeof s->store) {
        s->overflow = 1;
        return;
    }
    char *p = s->store + s->used;
    p[0] = kind;
    memcpy(p + 1, url ? url : "", l - 1);
    s->used += l;
    s->refs[s->n_refs++] = p;
}

static int sig_of(const char *text, Sig *s)
{
    memset(s, 0, sizeof *s);
    MarkdownStatus st;
    cmark_node *doc = markdown_parse(text, strlen(text), &st);
    cmark_iter *it = doc ? cmark_iter_new(doc) : NULL;
    if (!it) {
        if (doc)
            cmark_node_free(doc);
        return -1;
    }
    size_t nb = 0;
    cmark_event_type ev;
    while ((ev = cmark_iter_next(it)) != CMARK_EVENT_DONE) {
        cmark_node *n = cmark_iter_get_node(it);
        if (ev != CMARK_EVENT_ENTER)
            continue;
        switch (cmark_node_get_type(n)) {
        case CMARK_NODE_EMPH:
            s->counts[SIG_EMPH]++;
            break;
        case CMARK_NODE_STRONG:
            s->counts[SIG_STRONG]++;
            break;
        case CMARK_NODE_CODE:
            s->counts[SIG_CODE]++;
            break;
        case CMARK_NODE_LINK:
            sig_ref(s, 'L', cmark_node_get_url(n));
            break;
        case CMARK_NODE_IMAGE:
            sig_ref(s, 'I', cmark_node_get_url(n));
            break;
        case CMARK_NODE_DOCUMENT:
            break;
        default:
            if (markdown_ext(n) == MARKDOWN_STRIKETHROUGH)
                s->counts[SIG_STRIKE]++;
            else if ((cmark_node_get_type(n) & CMARK_NODE_TYPE_MASK) != CMARK_NODE_TYPE_BLOCK)
                break;
            else if (nb + 1 < sizeof s->blocks)
                s->blocks[nb++] = (char)('A' + (cmark_node_get_type(n) & 0xff) % 26);
            else
                s->overflow = 1;
        }
    }
    cmark_iter_free(it);
    cmark_node_free(doc);
    return 0;
}

/* The first ref of 'a' that 'b' lacks (as multisets), or NULL. */
static const char *missing_ref(const Sig *a, const Sig *b)
{
    int used[SIG_MAX_REFS] = {0};
    for (size_t i = 0; i < a->n_refs; i++) {
        size_t j = 0;
        while (j < b->n_refs && (used[j] || strcmp(a->refs[i], b->refs[j]) != 0))
            j++;
        if (j == b->n_refs)
            return a->refs[i];
        used[j] = 1;
    }
    return NULL;
}

/* The first {{gap}} of 'a' that 'b' lacks, copied into 'out'; 0 when none is missing. */
static int missing_gap(const char *a, const char *b, char *out, size_t size)
{
    for (const char *p = strstr(a, "{{"); p; p = strstr(p + 2, "{{")) {
        const char *e = strstr(p, "}}");
        if (!e)
            break;
        size_t l = (size_t)(e + 2 - p);
        size_t in_a = 0, in_b = 0;
        for (const char *q = strstr(a, "{{"); q; q = strstr(q + 2, "{{"))
            in_a += strncmp(q, p, l) == 0;
        for (const char *q = strstr(b, "{{"); q; q = strstr(q + 2, "{{"))
            in_b += strncmp(q, p, l) == 0;
        if (in_a != in_b) {
            snprintf(out, size, "%.*s", (int)l, p);
            return 1;
        }
    }
    return 0;
}

int mdtrans_check(const char *original, const char *translation, const char **why, char *arg, size_t arg_size)
{
    static const char *const count_msg[SIG_COUNTS] = {
        N_("has a different number of emphasised (*...*) spans than the original"),
        N_("has a different number of strong (**...**) spans than the original"),
        N_("has a different number of code (`...`) spans than the original"),
        N_("has a different number of struck-through (~~...~~) spans than the original"),
    };
    arg[0] = '\0';
    Sig *a = malloc(sizeof *a), *b = malloc(sizeof *b);
    int ok = 0;
    if (!a || !b || sig_of(original, a) != 0 || sig_of(translation, b) != 0) {
        *why = N_("could not be checked (out of memory)");
        goto done;
    }
    const char *ref;
    if (a->overflow || b->overflow) {
        *why = N_("has more links, images or paragraphs than one string can hold (64); split the original text");
    } else if (strcmp(a->blocks, b->blocks) != 0) {
        *why = N_("is not laid out like the original: a line starting with #, -, *, 1., > or four spaces makes a "
                  "heading, list, quote or code block; write it as plain text (a backslash before the character "
                  "keeps it as text)");
    } else if ((ref = missing_ref(a, b))) {
        *why = ref[0] == 'L' ? N_("has no link to '%s' as the original has; keep the part in (...) as it is")
                             : N_("has no image '%s' as the original has; keep the part in (...) as it is");
        snprintf(arg, arg_size, "%s", ref + 1);
    } else if ((ref = missing_ref(b, a))) {
        *why = ref[0] == 'L' ? N_("links to '%s', which the original does not")
                             : N_("shows the image '%s', which the original does not");
        snprintf(arg, arg_size, "%s", ref + 1);
    } else if (missing_gap(original, translation, arg, arg_size) || missing_gap(translation, original, arg, arg_size)) {
        *why = N_("must keep the gap %s exactly once, as the original has it");
    } else {
        ok = 1;
        for (int i = 0; i < SIG_COUNTS && ok; i++)
            if (a->counts[i] != b->counts[i]) {
                *why = count_msg[i];
                ok = 0;
            }
    }
done:
    free(a);
    free(b);
    return ok;
}
