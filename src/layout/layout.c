/* layout: line breaking (UAX #14, libunistring) and block placement of the document model. */
#include "layout/layout.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unictype.h>
#include <unigbrk.h>
#include <unilbrk.h>
#include <unistr.h>

#include "core/text.h"
#include "layout/hyphen.h"

/* Pieces that are not flow text: the "…" of a cut text, the hyphen of a word broken at a line end. */
enum { MARK_NONE, MARK_ELLIPSIS, MARK_HYPHEN };

/* A part of a word drawn in one font and style: bytes [start, end) of the flow text. */
typedef struct {
    size_t start, end;
    int face, px, color, link;
    int x, w;
    unsigned char mark; /* MARK_ELLIPSIS, MARK_HYPHEN: drawn instead of flow text */
    unsigned char deco; /* SPAN_STRIKE, SPAN_CODE */
} Piece;

typedef struct {
    Piece *v;
    size_t n, cap;
} Pieces;

/* A paragraph being laid out: its text joined, the span of every byte, break opportunities. */
typedef struct {
    const SpanStyle *st;
    const Span *spans;
    const unsigned char *deco; /* per span, or NULL */
    size_t n_spans;
    char *buf;
    size_t len;
    size_t *span_start; /* byte offset of each span in buf */
    char *brks;
    int failed;
} Flow;

static int push_piece(Pieces *p, Piece pc)
{
    if (p->n == p->cap) {
        size_t cap = p->cap ? p->cap * 2 : 32;
        Piece *v = realloc(p->v, cap * sizeof *v);
        if (!v)
            return -1;
        p->v = v;
        p->cap = cap;
    }
    p->v[p->n++] = pc;
    return 0;
}

static void flow_free(Flow *f)
{
    free(f->buf);
    free(f->span_start);
    free(f->brks);
}

static int flow_init(Flow *f, const SpanStyle *st, const Span *spans, const unsigned char *deco, size_t n)
{
    memset(f, 0, sizeof *f);
    f->st = st;
    f->spans = spans;
    f->deco = deco;
    f->n_spans = n;
    size_t cap = 0;
    for (size_t i = 0; i < n; i++)
        cap += spans[i].len;
    /* broken UTF-8 and characters a pack may not hold (U+0000, noncharacters, controls) are shown as U+FFFD,
       3 bytes for each bad byte at most */
    f->buf = malloc(cap * 3 + 1);
    f->span_start = malloc((n + 1) * sizeof *f->span_start);
    f->brks = malloc(cap * 3 + 1);
    if (!f->buf || !f->span_start || !f->brks) {
        flow_free(f);
        return -1;
    }
    size_t o = 0;
    for (size_t i = 0; i < n; i++) {
        f->span_start[i] = o;
        o += text_sanitize(spans[i].text, spans[i].len, f->buf + o);
    }
    f->span_start[n] = o;
    f->buf[o] = '\0';
    f->len = o;
    if (f->len && layout_breaks(f->buf, f->len, f->brks) != 0) {
        flow_free(f);
        return -1;
    }
    return 0;
}

/* libunistring 1.0 predates UAX #14 rule LB29, "no break between infix punctuation and a letter", so it would
   end a line inside "e.g." or "lessons/a.md"; the rule is applied here for the ASCII infix marks . , : ; */
static int infix_before_letter(const char *s, size_t n, size_t i)
{
    if (!strchr(".,:;", s[i - 1]) || !s[i - 1])
        return 0;
    ucs4_t c;
    return u8_mbtouc(&c, (const uint8_t *)s + i, n - i) > 0 && uc_is_alpha(c);
}

int layout_breaks(const char *s, size_t n, char *brk)
{
    if (n == 0)
        return 0;
    char *p = malloc(n);
    if (!p)
        return -1;
    u8_possible_linebreaks((const uint8_t *)s, n, "UTF-8", p);
    memset(brk, LAYOUT_BREAK_NONE, n);
    for (size_t i = 0; i < n; i++) {
        if (i > 0 && p[i] == UC_BREAK_POSSIBLE && !infix_before_letter(s, n, i))
            brk[i - 1] = LAYOUT_BREAK_ALLOW;
        if (p[i] == UC_BREAK_MANDATORY) { /* s[i] is a line end: the break comes after its last byte */
            int k = u8_mblen((const uint8_t *)s + i, n - i);
            brk[i + (k > 1 ? (size_t)k : 1) - 1] = LAYOUT_BREAK_MUST;
        }
    }
    brk[n - 1] = LAYOUT_BREAK_MUST; /* the end of the text */
    free(p);
    return 0;
}

/* Index of the span holding byte 'pos'. */
static size_t span_at(const Flow *f, size_t pos)
{
    size_t lo = 0, hi = f->n_spans;
    while (hi - lo > 1) {
        size_t mid = (lo + hi) / 2;
        if (f->span_start[mid] <= pos)
            lo = mid;
        else
            hi = mid;
    }
    return lo;
}

static int is_space(char c)
{
    return c == ' ' || c == '\n' || c == '\t' || c == '\r';
}

/* The decorations of the span holding byte 'pos' (SPAN_STRIKE, SPAN_CODE). */
static int deco_at(const Flow *f, size_t pos)
{
    return f->deco ? f->deco[span_at(f, pos)] : 0;
}

/* Splits bytes [a, b) into pieces by span and by font, measuring each; returns the total width. */
static int make_pieces(Flow *f, size_t a, size_t b, Pieces *out)
{
    int total = 0;
    Fonts *fonts = f->st->fonts;
    while (a < b) {
        size_t si = span_at(f, a);
        const Span *s = &f->spans[si];
        size_t se = f->span_start[si + 1] < b ? f->span_start[si + 1] : b;
        while (a < se) {
            int face;
            size_t n = fonts_span(fonts, s->face, s->px, f->buf + a, se - a, &face);
            int w = fonts_width(fonts, face, s->px, f->buf + a, n);
            unsigned char deco = f->deco ? f->deco[si] : 0;
            if (push_piece(out, (Piece){a, a + n, face, s->px, s->color, s->link, 0, w, 0, deco}) != 0) {
                f->failed = 1;
                return total;
            }
            total += w;
            a += n;
        }
    }
    return total;
}

/* Width of the whitespace [a, b) in the font of the span at 'a' (a hard break has none). */
static int space_width(Flow *f, size_t a, size_t b)
{
    int w = 0;
    for (size_t i = a; i < b; i++) {
        if (f->buf[i] != ' ' && f->buf[i] != '\t')
            continue;
        const Span *s = &f->spans[span_at(f, i)];
        w += fonts_width(f->st->fonts, s->face, s->px, " ", 1);
    }
    return w;
}

/* The state of the line being filled. */
typedef struct {
    Flow *f;
    DisplayList *dl;
    int x, y, width;
    Pieces line;
    int pen;   /* x of the next word, relative to the column */
    int ink;   /* right edge of the last word without its trailing space */
    int lines; /* lines emitted */
    int stop;  /* max_lines reached */
    int top_y;
} Liner;

/* The backgrounds of the line's code, before its text so that the text is drawn over them: one box for pieces
   that touch, a little larger than the text, outlined in COL_CODE_EDGE (which only the high-contrast theme
   makes differ from the tint). */
static void code_backgrounds(Liner *L, int baseline, int shift)
{
    const Piece *v = L->line.v;
    for (size_t i = 0; i < L->line.n; i++) {
        if (!(v[i].deco & SPAN_CODE) || v[i].mark)
            continue;
        size_t j = i;
        while (j + 1 < L->line.n && (v[j + 1].deco & SPAN_CODE) && !v[j + 1].mark && v[j + 1].x == v[j].x + v[j].w)
            j++;
        FontMetrics m;
        fonts_metrics(L->f->st->fonts, v[i].face, v[i].px, &m);
        int pad = v[i].px / 8 > 1 ? v[i].px / 8 : 1, t = v[i].px / 18 > 1 ? v[i].px / 18 : 1;
        int x0 = L->x + shift + v[i].x - pad, x1 = L->x + shift + v[j].x + v[j].w + pad;
        x0 = x0 < L->x ? L->x : x0; /* the padding stays in the column */
        x1 = x1 > L->x + L->width ? L->x + L->width : x1;
        int y0 = baseline - m.ascent - pad / 2, h = m.height + pad / 2 * 2;
        dl_rect(L->dl, x0, y0, x1 - x0, h, COL_CODE_BG);
        dl_frame(L->dl, x0, y0, x1 - x0, h, t, COL_CODE_EDGE);
        i = j;
    }
}

/* A line through struck-through text at about half the height of a lower-case letter, in the text's colour;
   it goes on across the space to the next piece when that space is struck through too. */
static void strike(Liner *L, size_t i, int baseline, int shift)
{
    const Piece *p = &L->line.v[i], *next = i + 1 < L->line.n ? &L->line.v[i + 1] : NULL;
    int t = p->px / 16 > 1 ? p->px / 16 : 1;
    int w = p->w;
    if (next && (next->deco & SPAN_STRIKE) && next->mark != MARK_ELLIPSIS &&
        (next->start == p->end || (deco_at(L->f, p->end) & SPAN_STRIKE)))
        w = next->x - p->x;
    int mid = baseline - (p->px * 28 + 50) / 100;
    dl_rect(L->dl, L->x + p->x + shift, mid - t / 2, w, t, p->color);
}

static void line_emit(Liner *L)
{
    Flow *f = L->f;
    const SpanStyle *st = f->st;
    int asc = 0, desc = 0, px = 0;
    for (size_t i = 0; i < L->line.n; i++) {
        FontMetrics m;
        fonts_metrics(st->fonts, L->line.v[i].face, L->line.v[i].px, &m);
        asc = m.ascent > asc ? m.ascent : asc;
        desc = m.descent > desc ? m.descent : desc;
        px = L->line.v[i].px > px ? L->line.v[i].px : px;
    }
    if (L->line.n == 0) { /* an empty line (two hard breaks): the height of the first span's font */
        const Span *s = &f->spans[0];
        FontMetrics m;
        fonts_metrics(st->fonts, s->face, s->px, &m);
        asc = m.ascent;
        desc = m.descent;
        px = s->px;
    }
    int lh = (int)(px * st->line_height + 0.5f);
    if (lh < asc + desc)
        lh = asc + desc;
    int baseline = L->y + (lh - (asc + desc)) / 2 + asc;
    int shift = 0;
    if (st->align == ALIGN_CENTER)
        shift = (L->width - L->ink) / 2;
    else if (st->align == ALIGN_RIGHT)
        shift = L->width - L->ink;
    if (shift < 0)
        shift = 0;
    code_backgrounds(L, baseline, shift);
    for (size_t i = 0; i < L->line.n; i++) {
        const Piece *p = &L->line.v[i];
        FontMetrics m;
        fonts_metrics(st->fonts, p->face, p->px, &m);
        const char *text = p->mark == MARK_ELLIPSIS ? "\xe2\x80\xa6" : p->mark == MARK_HYPHEN ? "-" : f->buf + p->start;
        size_t len = p->mark == MARK_ELLIPSIS ? 3 : p->mark == MARK_HYPHEN ? 1 : p->end - p->start;
        DlCmd *c = dl_text(L->dl, L->x + p->x + shift, baseline - m.ascent, p->w, m.height, p->face, p->px, p->color,
                           text, len);
        if (c)
            c->link = p->link;
        else
            f->failed = 1;
        if (p->link && p->mark != MARK_ELLIPSIS) { /* links are underlined, not told apart by colour alone */
            int t = p->px / 16 > 1 ? p->px / 16 : 1;
            const Piece *next = i + 1 < L->line.n ? &L->line.v[i + 1] : NULL;
            int uw = next && next->link == p->link ? next->x - p->x : p->w; /* across the space to the next word */
            dl_rect(L->dl, L->x + p->x + shift, baseline + t + p->px / 16, uw, t, p->color);
        }
        if ((p->deco & SPAN_STRIKE) && p->mark != MARK_ELLIPSIS)
            strike(L, i, baseline, shift);
    }
    L->y += lh;
    L->lines++;
    L->line.n = 0;
    L->pen = L->ink = 0;
}

/* Starts a new line; when max_lines is reached, ends the last line with an ellipsis instead. */
static void line_break(Liner *L)
{
    const SpanStyle *st = L->f->st;
    if (st->max_lines && L->lines + 1 >= st->max_lines) {
        const Span *s = &L->f->spans[L->line.n ? span_at(L->f, L->line.v[L->line.n - 1].start) : 0];
        int ew = fonts_width(st->fonts, s->face, s->px, "\xe2\x80\xa6", 3);
        while (L->line.n > 0 && L->line.v[L->line.n - 1].x + L->line.v[L->line.n - 1].w + ew > L->width)
            L->line.n--;
        int x = L->line.n ? L->line.v[L->line.n - 1].x + L->line.v[L->line.n - 1].w : 0;
        if (push_piece(&L->line, (Piece){0, 0, s->face, s->px, s->color, 0, x, ew, MARK_ELLIPSIS, 0}) != 0)
            L->f->failed = 1;
        L->ink = x + ew;
        line_emit(L);
        L->stop = 1;
        return;
    }
    line_emit(L);
}

static void place(Liner *L, const Piece *p, int x)
{
    Piece q = *p;
    q.x = x;
    if (push_piece(&L->line, q) != 0)
        L->f->failed = 1;
}

/* Places a word wider than the column, breaking it between grapheme clusters: each line takes as many clusters
   as fit once shaped (the sum of cluster widths is only the first guess, since shaping and kerning differ). */
static void place_long(Liner *L, const Pieces *word)
{
    Flow *f = L->f;
    Fonts *fonts = f->st->fonts;
    for (size_t i = 0; i < word->n && !L->stop; i++) {
        const Piece *p = &word->v[i];
        size_t n = p->end - p->start;
        char *gb = malloc(n + 1);
        if (!gb) {
            f->failed = 1;
            return;
        }
        u8_grapheme_breaks((const uint8_t *)f->buf + p->start, n, gb);
        gb[n] = 1;
        gb[0] = 1;
        size_t pos = p->start;
        while (pos < p->end && !L->stop) {
            int avail = L->width - L->pen;
            size_t e = pos, first = pos + 1;
            while (!gb[first - p->start])
                first++;
            int sum = 0;
            for (size_t c = pos; c < p->end;) {
                size_t ce = c + 1;
                while (!gb[ce - p->start])
                    ce++;
                sum += fonts_width(fonts, p->face, p->px, f->buf + c, ce - c);
                if (sum > avail)
                    break;
                e = ce;
                c = ce;
            }
            int w = e > pos ? fonts_width(fonts, p->face, p->px, f->buf + pos, e - pos) : 0;
            while (e > first && w > avail) {
                do
                    e--;
                while (!gb[e - p->start]);
                w = fonts_width(fonts, p->face, p->px, f->buf + pos, e - pos);
            }
            if (e == pos || w > avail) {
                if (L->line.n > 0 || L->pen > 0) { /* not even one character fits after what is on the line */
                    line_break(L);
                    continue;
                }
                e = first; /* a single character wider than the column: it stands alone */
                w = fonts_width(fonts, p->face, p->px, f->buf + pos, e - pos);
            }
            Piece q = *p;
            q.start = pos;
            q.end = e;
            q.w = w;
            place(L, &q, L->pen);
            L->pen += w;
            L->ink = L->pen;
            pos = e;
            if (pos < p->end)
                line_break(L);
        }
        free(gb);
    }
}

/* Calls 'word' for each breakable word [ws, ce) with trailing whitespace up to 'we'. */
typedef void (*WordFn)(Flow *f, size_t ws, size_t ce, size_t we, int mustbreak, void *user);

static void each_word(Flow *f, WordFn fn, void *user)
{
    size_t ws = 0;
    for (size_t i = 0; i < f->len; i++) {
        char b = f->brks[i];
        if (b == LAYOUT_BREAK_NONE)
            continue;
        size_t we = i + 1, ce = we;
        /* white space of a code span is part of its text: kept at the end of a word and drawn on its background */
        while (ce > ws && is_space(f->buf[ce - 1]) && !(f->buf[ce - 1] == ' ' && (deco_at(f, ce - 1) & SPAN_CODE)))
            ce--;
        int must = b == LAYOUT_BREAK_MUST && we < f->len;
        fn(f, ws, ce, we, must, user);
        ws = we;
    }
}

/* Places the pieces of bytes [a, b) at the pen; with 'hyphen', a hyphen in the last piece's font after them. */
static void place_run(Liner *L, size_t a, size_t b, int hyphen)
{
    Pieces run = {0};
    int x = L->pen;
    make_pieces(L->f, a, b, &run);
    for (size_t i = 0; i < run.n; i++) {
        place(L, &run.v[i], x);
        x += run.v[i].w;
    }
    if (hyphen && run.n > 0) {
        Piece q = run.v[run.n - 1];
        q.start = q.end = b;
        q.w = fonts_width(L->f->st->fonts, q.face, q.px, "-", 1);
        q.mark = MARK_HYPHEN;
        q.deco &= (unsigned char)~SPAN_CODE;
        place(L, &q, x);
        x += q.w;
    }
    free(run.v);
    L->pen = L->ink = x;
}

/* Hyphenation is tried for a word that does not fit where the pen is when the word is wider than the column
   (it must break somewhere, so better at a hyphenation point) or when the column is narrow (a table cell, a
   phone-width window, a large zoom), where moving a long word down would leave a ragged gap. */
static int narrow_column(const Liner *L, int px)
{
    return L->width < 24 * px;
}

/* Breaks the word [ws, ce) at its hyphenation points, filling each line as far as a head and its hyphen fit;
   returns 0, having placed nothing, when the word has no point (no dictionary, code, a URL). */
static int place_hyphenated(Liner *L, size_t ws, size_t ce, int w)
{
    Flow *f = L->f;
    const SpanStyle *st = f->st;
    size_t n = ce - ws;
    if (!st->hyph || n > HYPHENS_MAX_RUN * 4 || (deco_at(f, ws) & SPAN_CODE))
        return 0;
    int px = f->spans[span_at(f, ws)].px;
    /* a word that would fit on the next line is broken only when it is long: "ta-len" would look fussy */
    if (w <= L->width && (!narrow_column(L, px) || u8_mbsnlen((const uint8_t *)f->buf + ws, n) < 8))
        return 0;
    char after[HYPHENS_MAX_RUN * 4];
    if (hyphens_points(st->hyph, st->lang, f->buf + ws, n, after) == 0)
        return 0;
    size_t a = ws;
    while (a < ce && !L->stop) {
        int room = L->width - L->pen;
        Pieces rest = {0};
        int rw = make_pieces(f, a, ce, &rest);
        free(rest.v);
        if (rw <= room) {
            place_run(L, a, ce, 0);
            return 1;
        }
        size_t cut = 0;
        for (size_t i = ce - 1; i > a && !cut; i--) { /* the longest head that fits with its hyphen */
            if (!after[i - 1 - ws])
                continue;
            Pieces head = {0};
            int hdw = make_pieces(f, a, i, &head);
            if (head.n > 0) {
                const Piece *last = &head.v[head.n - 1];
                if (hdw + fonts_width(st->fonts, last->face, last->px, "-", 1) <= room)
                    cut = i;
            }
            free(head.v);
        }
        if (cut) {
            place_run(L, a, cut, 1);
            line_break(L);
            a = cut;
        } else if (L->line.n > 0 || L->pen > 0) {
            line_break(L);
        } else { /* not even the shortest head fits in a whole line: the rest breaks between characters */
            Pieces tail = {0};
            make_pieces(f, a, ce, &tail);
            place_long(L, &tail);
            free(tail.v);
            return 1;
        }
    }
    return 1;
}

static void word_place(Flow *f, size_t ws, size_t ce, size_t we, int must, void *user)
{
    Liner *L = user;
    if (L->stop)
        return;
    Pieces word = {0};
    int w = make_pieces(f, ws, ce, &word);
    if (word.n > 0 && L->pen + w > L->width && place_hyphenated(L, ws, ce, w)) {
        word.n = 0; /* placed */
    }
    if (word.n > 0) {
        /* the line holds words, or only white space (leading spaces, a tab): either way the word moves down */
        if ((L->line.n > 0 || L->pen > 0) && L->pen + w > L->width)
            line_break(L);
        if (!L->stop) {
            if (w > L->width) {
                place_long(L, &word);
            } else {
                int x = L->pen;
                for (size_t i = 0; i < word.n; i++) {
                    place(L, &word.v[i], x);
                    x += word.v[i].w;
                }
                L->pen = x;
                L->ink = x;
            }
        }
    }
    L->pen += space_width(f, ce, we);
    free(word.v);
    if (must && !L->stop)
        line_break(L);
}

int layout_spans(const SpanStyle *st, const Span *spans, size_t n, int x, int y, int width, DisplayList *dl)
{
    return layout_spans_ex(st, spans, NULL, n, x, y, width, dl);
}

int layout_spans_ex(const SpanStyle *st, const Span *spans, const unsigned char *deco, size_t n, int x, int y,
                    int width, DisplayList *dl)
{
    Flow f;
    if (n == 0 || flow_init(&f, st, spans, deco, n) != 0) {
        if (n)
            dl->failed = 1;
        return 0;
    }
    if (width < 1)
        width = 1;
    Liner L = {.f = &f, .dl = dl, .x = x, .y = y, .width = width, .top_y = y};
    if (f.len)
        each_word(&f, word_place, &L);
    if (!L.stop && (L.line.n > 0 || L.lines == 0))
        line_emit(&L);
    free(L.line.v);
    if (f.failed)
        dl->failed = 1;
    flow_free(&f);
    return L.y - y;
}

typedef struct {
    int min_w, line_w, max_w;
} Widths;

static void word_measure(Flow *f, size_t ws, size_t ce, size_t we, int must, void *user)
{
    Widths *W = user;
    Pieces word = {0};
    int w = make_pieces(f, ws, ce, &word);
    free(word.v);
    if (w > W->min_w)
        W->min_w = w;
    W->line_w += w;
    if (W->line_w > W->max_w)
        W->max_w = W->line_w;
    W->line_w += space_width(f, ce, we);
    if (must)
        W->line_w = 0;
}

void layout_spans_widths(const SpanStyle *st, const Span *spans, const unsigned char *deco, size_t n, int *min_w,
                         int *max_w)
{
    Widths W = {0};
    Flow f;
    if (n && flow_init(&f, st, spans, deco, n) == 0) {
        if (f.len)
            each_word(&f, word_measure, &W);
        flow_free(&f);
    }
    *min_w = W.min_w;
    *max_w = W.max_w;
}
