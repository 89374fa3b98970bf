/* page: places the blocks of a document (headings, paragraphs, lists, quotes, code, tables, rules, images)
   in a column; the text inside them goes through layout_spans. */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "layout/layout.h"

enum { MAX_COLS = 64, MAX_SPANS_STACK = 64 };

typedef struct {
    const LayoutParams *p;
    Layout *out;
    int P; /* body size in pixels */
    int nomem;
} Ctx;

static int scaled(const Ctx *c, double f)
{
    int v = (int)(c->P * f + 0.5);
    return v < 1 ? 1 : v;
}

static int add_link(Ctx *c, const char *href)
{
    char **v = realloc(c->out->links, (c->out->n_links + 1) * sizeof *v);
    if (!v) {
        c->nomem = 1;
        return 0;
    }
    c->out->links = v;
    if (!(v[c->out->n_links] = strdup(href))) {
        c->nomem = 1;
        return 0;
    }
    return (int)++c->out->n_links;
}

static int run_face(unsigned style, int heading)
{
    if (style & DOC_CODE_SPAN)
        return FACE_MONO;
    if (heading)
        return FACE_SANS_BOLD;
    if ((style & DOC_STRONG) && (style & DOC_EM))
        return FACE_SERIF_BOLD_ITALIC;
    if (style & DOC_STRONG)
        return FACE_SERIF_BOLD;
    if (style & DOC_EM)
        return FACE_SERIF_ITALIC;
    return FACE_SERIF;
}

static SpanStyle span_style(const Ctx *c, Align a)
{
    return (SpanStyle){c->p->fonts, 1.5f, 0, a, c->p->hyph, c->p->lang};
}

/* An image: scaled from its pixel size (20 px body = 1:1) down to the column, centred, with its alt text
   below as a caption. A missing or broken image becomes a framed note saying why. */
static int place_image(Ctx *c, const DocRun *r, int x, int y, int w)
{
    char entry[520], why[256] = "";
    int iw = 0, ih = 0;
    DisplayList *dl = &c->out->dl;
    int h = 0;
    int ok = c->p->image_size &&
             c->p->image_size(c->p->image_user, r->href, entry, sizeof entry, &iw, &ih, why, sizeof why) == 0 &&
             iw > 0 && ih > 0;
    if (ok) {
        double s = c->P / 20.0;
        double dw = iw * s, dh = ih * s;
        if (dw > w) {
            dh = dh * w / dw;
            dw = w;
        }
        int iw2 = (int)(dw + 0.5), ih2 = (int)(dh + 0.5);
        if (iw2 < 1)
            iw2 = 1;
        if (ih2 < 1)
            ih2 = 1;
        DlCmd *cmd = dl_image(dl, x + (w - iw2) / 2, y, iw2, ih2, entry);
        if (cmd && r->link)
            cmd->link = add_link(c, r->link);
        h = ih2;
    } else {
        char msg[1024];
        snprintf(msg, sizeof msg, "%s", why[0] ? why : r->href ? r->href : "");
        Span s[1] = {{msg, strlen(msg), FACE_SANS, scaled(c, 0.85), COL_ERROR, 0}};
        SpanStyle st = span_style(c, ALIGN_LEFT);
        int pad = scaled(c, 0.6);
        size_t at = dl->n;
        dl_rect(dl, x, y, w, 0, COL_CODE_BG);
        h = layout_spans(&st, s, 1, x + pad, y + pad, w - 2 * pad, dl) + 2 * pad;
        if (at < dl->n)
            dl->v[at].h = h;
    }
    if (r->text && r->text[0]) {
        Span s[1] = {{r->text, r->len, FACE_SERIF_ITALIC, scaled(c, 0.85), COL_MUTED, 0}};
        SpanStyle st = span_style(c, ALIGN_CENTER);
        st.line_height = 1.35f;
        h += scaled(c, 0.3);
        h += layout_spans(&st, s, 1, x, y + h, w, dl);
    }
    return h;
}

/* How a run's style is drawn beyond its face: struck through, on a code background. */
static unsigned char run_deco(unsigned style)
{
    return (unsigned char)(((style & DOC_DEL) ? SPAN_STRIKE : 0) | ((style & DOC_CODE_SPAN) ? SPAN_CODE : 0));
}

/* Text blocks (paragraph, heading, cell): runs become spans; images inside split the text. */
static int place_runs(Ctx *c, const DocBlock *b, int x, int y, int w, int px, int heading, Align a)
{
    Span stack[MAX_SPANS_STACK];
    unsigned char deco_stack[MAX_SPANS_STACK];
    int big = b->n_runs > MAX_SPANS_STACK;
    Span *spans = big ? malloc(b->n_runs * sizeof *spans) : stack;
    unsigned char *deco = big ? malloc(b->n_runs) : deco_stack;
    if (!spans || !deco) {
        if (big) {
            free(spans);
            free(deco);
        }
        c->nomem = 1;
        return 0;
    }
    SpanStyle st = span_style(c, a);
    if (heading)
        st.line_height = 1.25f;
    int h = 0, decorated = 0; /* without decorations layout_spans_ex takes NULL and looks for none */
    size_t n = 0;
    for (size_t i = 0; i <= b->n_runs; i++) {
        const DocRun *r = i < b->n_runs ? &b->runs[i] : NULL;
        if (!r || r->kind == DOC_RUN_IMAGE) {
            if (n) {
                h += layout_spans_ex(&st, spans, decorated ? deco : NULL, n, x, y + h, w, &c->out->dl);
                n = 0;
                decorated = 0;
                if (r)
                    h += scaled(c, 0.5);
            }
            if (r) {
                h += place_image(c, r, x, y + h, w);
                if (i + 1 < b->n_runs)
                    h += scaled(c, 0.5);
            }
            continue;
        }
        deco[n] = r->kind == DOC_RUN_BREAK ? 0 : run_deco(r->style);
        decorated |= deco[n];
        Span *s = &spans[n++];
        if (r->kind == DOC_RUN_BREAK) {
            *s = (Span){"\n", 1, run_face(0, heading), px, COL_TEXT, 0};
            continue;
        }
        int code = (r->style & DOC_CODE_SPAN) != 0;
        *s = (Span){r->text, r->len, run_face(r->style, heading), code ? px * 9 / 10 : px, COL_TEXT, 0};
        if ((r->style & DOC_LINK) && r->href) {
            s->color = COL_LINK;
            s->link = add_link(c, r->href);
        }
    }
    if (big) {
        free(spans);
        free(deco);
    }
    return h;
}

static int place_blocks(Ctx *c, const DocBlock *parent, int x, int y, int w, int depth, int gap);

/* Puts the list mark made at 'mark' on the baseline of the first line of text its item drew after it (the
   first line of a code block, a heading, a nested list's mark), when the item starts with text: the mark sits
   on the first line wherever the item's first block starts its text. */
static void align_mark(Ctx *c, size_t mark, int item_y, int lh)
{
    DisplayList *dl = &c->out->dl;
    size_t i = mark + 1;
    while (i < dl->n && (dl->v[i].kind == DL_RECT || dl->v[i].kind == DL_FRAME))
        i++; /* backgrounds of code and tables, a quote's bar */
    if (i >= dl->n || dl->v[i].kind != DL_TEXT || dl->v[i].y >= item_y + 2 * lh)
        return;
    FontMetrics first, own;
    fonts_metrics(c->p->fonts, dl->v[i].face, dl->v[i].px, &first);
    fonts_metrics(c->p->fonts, dl->v[mark].face, dl->v[mark].px, &own);
    dl->v[mark].y = dl->v[i].y + first.ascent - own.ascent;
}

static int place_list(Ctx *c, const DocBlock *b, int x, int y, int w, int depth)
{
    /* bullet, en dash, middle dot: all three are in the bundled fonts */
    static const char *const bullets[] = {"\xe2\x80\xa2", "\xe2\x80\x93", "\xc2\xb7"};
    int indent = scaled(c, 1.6);
    int gap = b->tight ? scaled(c, 0.25) : scaled(c, 0.7);
    int h = 0;
    if (indent > w / 3)
        indent = w / 3;
    for (size_t i = 0; i < b->n_children; i++) {
        char mark[32];
        if (b->ordered)
            snprintf(mark, sizeof mark, "%u.", b->start + (unsigned)i);
        else
            snprintf(mark, sizeof mark, "%s", bullets[depth % 3]);
        int mw = fonts_width(c->p->fonts, FACE_SERIF, c->P, mark, strlen(mark));
        FontMetrics m;
        fonts_metrics(c->p->fonts, FACE_SERIF, c->P, &m);
        int lh = (int)(c->P * 1.5f + 0.5f);
        int my = y + h + (lh > m.height ? (lh - m.height) / 2 : 0);
        int mx = x + indent - scaled(c, 0.45) - mw;
        size_t at = c->out->dl.n;
        int marked = dl_text(&c->out->dl, mx < x ? x : mx, my, mw, m.height, FACE_SERIF, c->P, COL_MUTED, mark,
                             strlen(mark)) != NULL;
        int ih = place_blocks(c, &b->children[i], x + indent, y + h, w - indent, depth + 1, gap);
        if (marked)
            align_mark(c, at, y + h, lh);
        if (ih < lh)
            ih = lh;
        h += ih;
        if (i + 1 < b->n_children)
            h += gap;
    }
    return h;
}

static int place_code(Ctx *c, const DocBlock *b, int x, int y, int w)
{
    DisplayList *dl = &c->out->dl;
    int pad = scaled(c, 0.7);
    size_t at = dl->n;
    dl_rect(dl, x, y, w, 0, COL_CODE_BG);
    SpanStyle st = span_style(c, ALIGN_LEFT);
    st.line_height = 1.35f;
    int px = scaled(c, 0.85);
    int h = pad;
    const char *s = b->text ? b->text : "", *end = s + b->text_len;
    while (s < end) {
        const char *nl = memchr(s, '\n', (size_t)(end - s));
        const char *le = nl ? nl : end;
        Span sp[1] = {{s, (size_t)(le - s), FACE_MONO, px, COL_TEXT, 0}};
        if (le == s)
            sp[0] = (Span){" ", 1, FACE_MONO, px, COL_TEXT, 0};
        h += layout_spans(&st, sp, 1, x + pad, y + h, w - 2 * pad, dl);
        s = nl ? nl + 1 : end;
    }
    h += pad;
    if (at < dl->n)
        dl->v[at].h = h;
    return h;
}

/* Column widths: each column gets its widest line when all fit, else its widest word plus a share of the
   rest in proportion to what it would like; when even the words do not fit, words are broken. */
static void table_columns(Ctx *c, const DocBlock *b, int ncols, int w, int pad, int *cw)
{
    int mins[MAX_COLS] = {0}, maxs[MAX_COLS] = {0};
    SpanStyle st = span_style(c, ALIGN_LEFT);
    for (size_t r = 0; r < b->n_children; r++) {
        const DocBlock *row = &b->children[r];
        for (size_t k = 0; k < row->n_children && (int)k < ncols; k++) {
            const DocBlock *cell = &row->children[k];
            Span sp[MAX_SPANS_STACK];
            unsigned char deco[MAX_SPANS_STACK];
            size_t n = 0;
            int decorated = 0;
            for (size_t i = 0; i < cell->n_runs && n < MAX_SPANS_STACK; i++) {
                const DocRun *run = &cell->runs[i];
                if (run->kind != DOC_RUN_TEXT)
                    continue;
                int code = (run->style & DOC_CODE_SPAN) != 0;
                deco[n] = run_deco(run->style);
                decorated |= deco[n];
                sp[n++] = (Span){run->text,
                                 run->len,
                                 run_face(run->style | (cell->header ? DOC_STRONG : 0), 0),
                                 code ? c->P * 9 / 10 : c->P,
                                 COL_TEXT,
                                 0};
            }
            int mn, mx;
            layout_spans_widths(&st, sp, decorated ? deco : NULL, n, &mn, &mx);
            if (mn + 2 * pad > mins[k])
                mins[k] = mn + 2 * pad;
            if (mx + 2 * pad > maxs[k])
                maxs[k] = mx + 2 * pad;
        }
    }
    long smin = 0, smax = 0;
    for (int k = 0; k < ncols; k++) {
        smin += mins[k];
        smax += maxs[k];
    }
    for (int k = 0; k < ncols; k++) {
        if (smax <= w)
            cw[k] = maxs[k];
        else if (smin >= w)
            cw[k] = smin ? (int)((long)w * mins[k] / smin) : w / ncols;
        else
            cw[k] = mins[k] + (int)((long)(w - smin) * (maxs[k] - mins[k]) / (smax - smin));
        if (cw[k] < 2 * pad + 1)
            cw[k] = 2 * pad + 1;
    }
}

static int place_table(Ctx *c, const DocBlock *b, int x, int y, int w)
{
    DisplayList *dl = &c->out->dl;
    int ncols = 0;
    for (size_t r = 0; r < b->n_children; r++)
        if ((int)b->children[r].n_children > ncols)
            ncols = (int)b->children[r].n_children;
    if (ncols == 0)
        return 0;
    if (ncols > MAX_COLS)
        ncols = MAX_COLS;
    int pad = scaled(c, 0.45);
    /* many columns in a narrow column: less padding, so that a cell still holds a letter and the table fits */
    int room = (w / ncols - c->P) / 2;
    if (pad > room)
        pad = room > 0 ? room : 0;
    int cw[MAX_COLS];
    table_columns(c, b, ncols, w, pad, cw);
    int line = scaled(c, 0.06);
    int h = 0, total_w = 0;
    for (int k = 0; k < ncols; k++)
        total_w += cw[k];
    for (size_t r = 0; r < b->n_children; r++) {
        const DocBlock *row = &b->children[r];
        size_t bg = dl->n;
        int header = row->n_children && row->children[0].header;
        if (header)
            dl_rect(dl, x, y + h, total_w, 0, COL_PANEL);
        int rh = 0, cx = x;
        for (size_t k = 0; k < row->n_children && (int)k < ncols; k++) {
            const DocBlock *cell = &row->children[k];
            Align a = cell->align == DOC_ALIGN_CENTER  ? ALIGN_CENTER
                      : cell->align == DOC_ALIGN_RIGHT ? ALIGN_RIGHT
                                                       : ALIGN_LEFT;
            DocBlock tmp = *cell;
            int ch = 0;
            if (cell->header) { /* header cells in bold */
                DocRun *runs = tmp.n_runs ? malloc(tmp.n_runs * sizeof *runs) : NULL;
                if (tmp.n_runs && !runs) {
                    c->nomem = 1;
                    return h;
                }
                for (size_t i = 0; i < tmp.n_runs; i++) {
                    runs[i] = cell->runs[i];
                    runs[i].style |= DOC_STRONG;
                }
                tmp.runs = runs;
                ch = place_runs(c, &tmp, cx + pad, y + h + pad, cw[k] - 2 * pad, c->P, 0, a);
                free(runs);
            } else {
                ch = place_runs(c, cell, cx + pad, y + h + pad, cw[k] - 2 * pad, c->P, 0, a);
            }
            if (ch > rh)
                rh = ch;
            cx += cw[k];
        }
        rh += 2 * pad;
        if (header && bg < dl->n)
            dl->v[bg].h = rh;
        dl_rect(dl, x, y + h + rh - line, total_w, line, COL_RULE);
        h += rh;
    }
    dl_frame(dl, x, y, total_w, h, line, COL_RULE);
    return h;
}

static int place_block(Ctx *c, const DocBlock *b, int x, int y, int w, int depth)
{
    switch (b->type) {
    case DOC_HEADING: {
        static const double sizes[] = {1.75, 1.4, 1.2, 1.05, 1.0, 1.0};
        int lvl = b->level >= 1 && b->level <= 6 ? b->level : 6;
        return place_runs(c, b, x, y, w, scaled(c, sizes[lvl - 1]), 1, ALIGN_LEFT);
    }
    case DOC_PARAGRAPH:
    case DOC_CELL:
        return place_runs(c, b, x, y, w, c->P, 0, ALIGN_LEFT);
    case DOC_LIST:
        return place_list(c, b, x, y, w, depth);
    case DOC_ITEM:
    case DOC_DOCUMENT:
        return place_blocks(c, b, x, y, w, depth, scaled(c, 0.8));
    case DOC_QUOTE: {
        int bar = scaled(c, 0.2), in = scaled(c, 1.1);
        size_t at = c->out->dl.n;
        dl_rect(&c->out->dl, x, y, bar, 0, COL_QUOTE);
        int h = place_blocks(c, b, x + in, y, w - in, depth + 1, scaled(c, 0.8));
        if (at < c->out->dl.n)
            c->out->dl.v[at].h = h;
        return h;
    }
    case DOC_CODE:
        return place_code(c, b, x, y, w);
    case DOC_RULE: {
        int t = scaled(c, 0.08);
        dl_rect(&c->out->dl, x + w / 6, y + scaled(c, 0.6), w - w / 3, t, COL_RULE);
        return scaled(c, 1.2) + t;
    }
    case DOC_TABLE:
        return place_table(c, b, x, y, w);
    case DOC_ROW:
        return 0;
    }
    return 0;
}

/* Children one under the other with 'gap' between them; headings get more room above. */
static int place_blocks(Ctx *c, const DocBlock *parent, int x, int y, int w, int depth, int gap)
{
    int h = 0;
    for (size_t i = 0; i < parent->n_children && !c->nomem; i++) {
        const DocBlock *b = &parent->children[i];
        if (i > 0)
            h += b->type == DOC_HEADING ? scaled(c, 1.3) : gap;
        h += place_block(c, b, x, y + h, w, depth);
        if (b->type == DOC_HEADING && i + 1 < parent->n_children)
            h += scaled(c, 0.5) - gap;
    }
    return h;
}

int layout_doc(const Doc *d, const LayoutParams *p, Layout *out, Err *err)
{
    memset(out, 0, sizeof *out);
    Ctx c = {p, out, p->body_px < 4 ? 4 : p->body_px, 0};
    out->width = p->width < 16 ? 16 : p->width;
    out->height = place_blocks(&c, &d->root, 0, 0, out->width, 0, scaled(&c, 0.8));
    if (c.nomem || out->dl.failed) {
        layout_free(out);
        return err_set(err, ERR_NOMEM, NULL, N_("out of memory while laying out the page"));
    }
    return 0;
}

void layout_free(Layout *l)
{
    dl_free(&l->dl);
    for (size_t i = 0; i < l->n_links; i++)
        free(l->links[i]);
    free(l->links);
    memset(l, 0, sizeof *l);
}

int layout_markdown(const char *text, const LayoutParams *p, Layout *out, Err *err)
{
    memset(out, 0, sizeof *out);
    PackLimits lim;
    pack_limits_default(&lim);
    Doc *d = NULL;
    int rc = doc_parse(text ? text : "", text ? strlen(text) : 0, &lim, "text", &d, err);
    if (rc == 0)
        rc = layout_doc(d, p, out, err);
    doc_free(d);
    return rc;
}

void layout_append_unlinked(DisplayList *dl, const Layout *l, int dx, int dy)
{
    size_t first = dl->n;
    dl_append(dl, &l->dl, dx, dy, INT_MIN / 2, INT_MAX / 2, 0);
    for (size_t i = first; i < dl->n; i++)
        dl->v[i].link = 0;
}
