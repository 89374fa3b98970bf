/* view_audience: what the room sees in lecturer mode: the current item in large type, a black or white screen, and
   a group timer. Nothing else. By design this file reads only an item's title, its page (Markdown) and its
   exercise: it never opens an item's lecturer notes or an activity's plan, so they cannot reach the projector
   through it. Answers and feedback appear only once the lecturer reveals them. tests/unit/test_ui.c renders every
   item of every bundled pack this way and looks for notes and plan text in what was drawn. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/app_impl.h"

void view_audience_drop(App *a)
{
    doc_free(a->room.doc);
    exercise_free(a->room.ex);
    a->room.doc = NULL;
    a->room.ex = NULL;
    a->room.item = -1;
    err_clear(&a->room.err);
    a->room.gen++;
}

/* The current item's page or exercise, read once per item. */
static void load(App *a)
{
    if (a->room.item == (long)a->item)
        return;
    view_audience_drop(a);
    a->room.item = (long)a->item;
    const Item *it = app_flat_item(a, a->item);
    if (!it)
        return;
    PackLimits lim;
    pack_limits_default(&lim);
    if (it->kind == ITEM_PAGE) {
        char *md = NULL;
        size_t len = 0;
        if (pack_read(app_item_pack(a, a->item), it->file, lim.max_markdown_size, &md, &len, &a->room.err) == 0)
            doc_parse(md, len, &lim, it->file, &a->room.doc, &a->room.err);
        free(md);
    } else if (it->kind == ITEM_EXERCISE) {
        a->room.ex = exv_load(a, a->item, &a->room.err);
    }
}

void view_audience_metrics(int w, int h, int *col, int *px)
{
    /* type for the back row: about 55 characters a line and 17 lines a screen, under the title band */
    int p = w / 38 < h / 20 ? w / 38 : h / 20;
    if (p < 12)
        p = 12;
    int c = w * 88 / 100;
    if (c > p * 30)
        c = p * 30;
    *col = c < 16 ? 16 : c;
    *px = p;
}

typedef struct {
    App *a;
    Layout *l;
    int w, px;
    const char *lang;
    int x0; /* the left edge of the entries (lettered, card): a column of matching's two */
} Ctx;

static int text(Ctx *c, const char *s, int face, float size, int color, int x, int y, int w)
{
    SpanStyle st = {.fonts = c->a->fonts, .line_height = 1.3f, .max_lines = 0, .align = ALIGN_LEFT};
    Span sp = {s, strlen(s), face, (int)lroundf(c->px * size), color, 0};
    return layout_spans(&st, &sp, 1, x, y, w, &c->l->dl);
}

/* Inline Markdown (a prompt, an option) at (x, y), 'w' wide. Links are drawn but lead nowhere here. */
static int md(Ctx *c, const char *s, int x, int y, int w)
{
    if (!s || !s[0])
        return 0;
    Err e;
    err_clear(&e);
    Layout body;
    LayoutParams lp = {c->a->fonts, c->lang, w, c->px, NULL, NULL, c->a->hyph};
    int h = 0;
    if (layout_markdown(s, &lp, &body, &e) == 0) {
        layout_append_unlinked(&c->l->dl, &body, x, y);
        h = body.height;
    }
    layout_free(&body);
    return h;
}

enum { MARK_LETTER, MARK_NUMBER, MARK_BULLET };

/* How an option card looks once the lecturer reveals the answer: hands counted for it (-1: none asked), of how
   many in all, and whether it is a right answer. */
typedef struct {
    int revealed, right, hands, total;
} CardState;

/* The mark of an entry: "A", "1.", or a bullet. */
static void mark_text(int style, size_t i, char *mark, size_t size)
{
    if (style == MARK_LETTER)
        snprintf(mark, size, "%c", (char)('A' + (i % 26)));
    else if (style == MARK_NUMBER)
        snprintf(mark, size, "%zu.", i + 1);
    else
        snprintf(mark, size, "%s", "\xe2\x80\xa2");
}

/* A plain entry with its mark in front, the mark on the first line's baseline. Returns the height. */
static int lettered(Ctx *c, int style, size_t i, const char *s, int y)
{
    char mark[16];
    mark_text(style, i, mark, sizeof mark);
    int P = c->px, lw = P * 2;
    SpanStyle st = {.fonts = c->a->fonts, .line_height = 1.5f, .max_lines = 1, .align = ALIGN_LEFT};
    Span sp = {mark, strlen(mark), FACE_SANS_BOLD, P, COL_MUTED, 0};
    layout_spans(&st, &sp, 1, c->x0, y, lw, &c->l->dl); /* the page's line height: the text's baseline */
    int h = md(c, s, c->x0 + lw, y, c->w - lw);
    return (h > P * 3 / 2 ? h : P * 3 / 2) + P / 3;
}

/* An option as a card the back row can read: its letter in a square badge, its text; once revealed, a right
   answer gets a thick edge, a filled badge and "✓ Right answer" (not colour alone), and the hands counted for each
   option show as a bar of the room's share with the number. Returns the height with the gap below. */
static int card(Ctx *c, int style, size_t i, const char *s, int y, CardState cs)
{
    DisplayList *dl = &c->l->dl;
    int P = c->px, pad = P / 2, badge = (int)(P * 1.6f), x0 = c->x0, tx = x0 + pad + badge + pad;
    int tw = c->w - (tx - x0) - pad, mark_on = cs.revealed && cs.right;
    dl_rect(dl, x0, y, c->w, 0, COL_CARD);
    size_t bg = dl->n - 1;
    int h = pad + md(c, s, tx, y + pad, tw);
    if (mark_on) {
        SpanStyle st = {.fonts = c->a->fonts, .line_height = 1.3f, .align = ALIGN_LEFT};
        char tag[96];
        snprintf(tag, sizeof tag, "\xe2\x9c\x93 %s", _("Right answer"));
        Span sp = {tag, strlen(tag), FACE_SANS_BOLD, (int)lroundf(P * 0.8f), COL_LINK, 0};
        h += layout_spans(&st, &sp, 1, tx, y + h, tw, dl);
    }
    if (cs.revealed && cs.hands >= 0) { /* the share of the room's hands, as a bar and a number */
        char n[64], most[64];
        snprintf(n, sizeof n, ngettext("%d hand", "%d hands", (unsigned long)cs.hands), cs.hands);
        /* every card's bar is as long as the others': room is kept for the longest count, the total */
        snprintf(most, sizeof most, ngettext("%d hand", "%d hands", (unsigned long)cs.total), cs.total);
        int np = (int)lroundf(P * 0.75f), nw = fonts_width(c->a->fonts, FACE_SANS_BOLD, np, n, strlen(n));
        int mw = fonts_width(c->a->fonts, FACE_SANS_BOLD, np, most, strlen(most));
        int track = tw - (mw > nw ? mw : nw) - pad, bh = P / 2, by = y + h + P / 4;
        if (track > P * 2) {
            int fill = cs.total > 0 ? (int)((long long)track * cs.hands / cs.total) : 0;
            dl_rect(dl, tx, by, track, bh, COL_RULE);
            dl_rect(dl, tx, by, fill, bh, mark_on ? COL_LINK : COL_ACCENT);
        }
        FontMetrics m;
        fonts_metrics(c->a->fonts, FACE_SANS_BOLD, np, &m);
        dl_text(dl, tx + tw - nw, by + bh / 2 - m.height / 2, nw, m.height, FACE_SANS_BOLD, np, COL_TEXT, n, strlen(n));
        h += P / 4 + (m.height > bh ? m.height : bh);
    }
    h += pad;
    if (h < badge + 2 * pad)
        h = badge + 2 * pad;
    dl->v[bg].h = h;
    int edge = mark_on ? (P / 6 > 3 ? P / 6 : 3) : (P / 24 > 1 ? P / 24 : 1);
    dl_frame(dl, x0, y, c->w, h, edge, mark_on ? COL_LINK : COL_RULE);
    /* the badge: the letter centred in a square, filled for a revealed right answer */
    char mark[16];
    mark_text(style, i, mark, sizeof mark);
    int by = y + pad + (P * 3 / 2 - badge) / 2; /* beside the first line (line height 1.5) */
    if (mark_on)
        dl_rect(dl, x0 + pad, by, badge, badge, COL_LINK);
    else
        dl_frame(dl, x0 + pad, by, badge, badge, P / 16 > 1 ? P / 16 : 1, COL_MUTED);
    int mp = (int)lroundf(P * 0.95f), mw = fonts_width(c->a->fonts, FACE_SANS_BOLD, mp, mark, strlen(mark));
    FontMetrics m;
    fonts_metrics(c->a->fonts, FACE_SANS_BOLD, mp, &m);
    dl_text(dl, x0 + pad + (badge - mw) / 2, by + (badge - m.height) / 2, mw, m.height, FACE_SANS_BOLD, mp,
            mark_on ? COL_CARD : COL_TEXT, mark, strlen(mark));
    return h + P / 3;
}

/* The hands counted for each of an exercise's n options, and their sum. */
static int hands_total(Ctx *c, size_t n)
{
    int t = 0;
    for (size_t k = 0; k < n; k++) {
        int h = pres_hands(&c->a->pres, c->a->item, k);
        t += h > 0 ? h : 0;
    }
    return t;
}

static CardState option_state(Ctx *c, int revealed, int right, size_t k, int total)
{
    int h = pres_hands(&c->a->pres, c->a->item, k);
    return (CardState){revealed, right, total > 0 ? (h > 0 ? h : 0) : -1, total};
}

/* A gap on the room's screen: its number, or once revealed the first accepted answer. */
static void gap_number(void *user, StrBuf *out, size_t blank)
{
    (void)user;
    sb_putf(out, "**(%zu) \\_\\_\\_\\_\\_**", blank + 1);
}

static void gap_answer(void *user, StrBuf *out, size_t blank)
{
    const Exercise *ex = user;
    if (blank < ex->n_blanks && ex->blanks[blank].n_answers)
        sb_putf(out, "**%s**", ex->blanks[blank].answers[0]);
    else
        gap_number(user, out, blank);
}

static int exercise(Ctx *c, const Exercise *ex, int y, int revealed)
{
    App *a = c->a;
    int P = c->px, y0 = y;
    y += md(c, ex->prompt, 0, y, c->w) + P;
    switch (ex->type) {
    case EX_SINGLE_CHOICE:
    case EX_MULTIPLE_CHOICE: {
        int total = hands_total(c, ex->n_options);
        for (size_t i = 0; i < ex->n_options; i++)
            y += card(c, MARK_LETTER, i, ex->options[i].text, y,
                      option_state(c, revealed, ex->options[i].correct, i, total));
        break;
    }
    case EX_TRUE_FALSE: {
        const char *names[2] = {_("True"), _("False")};
        int total = hands_total(c, 2);
        for (size_t i = 0; i < 2; i++) {
            int right = (i == 0) == (ex->answer != 0);
            y += card(c, MARK_LETTER, i, names[i], y, option_state(c, revealed, right, i, total));
        }
        if (revealed)
            y += md(c, ex->answer ? ex->feedback_true : ex->feedback_false, 0, y, c->w) + P / 2;
        break;
    }
    case EX_MATCHING: {
        int order[64];
        size_t n = ex->n_options < 64 ? ex->n_options : 64;
        answer_match_order(answer_seed(a->m->id, app_flat_item(a, a->item)->id), order, n);
        if (revealed) {
            for (size_t i = 0; i < n; i++) {
                char line[1200];
                snprintf(line, sizeof line, "%s \xe2\x86\x92 **%s**", ex->options[i].text, ex->options[i].match);
                y += lettered(c, MARK_NUMBER, i, line, y);
            }
            break;
        }
        /* the situations numbered, the choices as cards lettered as the students' screens letter them: side by
           side where the column is wide enough (as on a worksheet), else one under the other */
        int wide = c->w >= 26 * P, w = c->w, yl = y;
        if (wide)
            c->w = w * 55 / 100 - P;
        for (size_t i = 0; i < n; i++)
            yl += lettered(c, MARK_NUMBER, i, ex->options[i].text, yl);
        int yr = wide ? y : yl + P / 2;
        if (wide) {
            c->x0 = w * 55 / 100;
            c->w = w - c->x0;
        }
        for (size_t k = 0; k < n; k++)
            yr += card(c, MARK_LETTER, k, ex->options[order[k]].match, yr, (CardState){0, 0, -1, 0});
        c->x0 = 0;
        c->w = w;
        y = yl > yr ? yl : yr;
        break;
    }
    case EX_ORDERING: {
        Answer start;
        if (answer_init(&start, ex, answer_seed(a->m->id, app_flat_item(a, a->item)->id)) != 0)
            break;
        for (size_t k = 0; k < start.n; k++) /* shuffled for the room; in order once revealed */
            y += card(c, revealed ? MARK_NUMBER : MARK_LETTER, k, ex->options[revealed ? k : (size_t)start.v[k]].text,
                      y, (CardState){0, 0, -1, 0});
        answer_free(&start);
        break;
    }
    case EX_FILL_BLANKS: {
        char *s = answer_gap_text(ex, revealed ? gap_answer : gap_number, (void *)ex);
        if (s)
            y += md(c, s, 0, y, c->w) + P / 2;
        free(s);
        break;
    }
    case EX_DISCUSSION:
        for (size_t i = 0; i < ex->n_questions; i++)
            y += lettered(c, MARK_BULLET, i, ex->questions[i], y);
        break;
    case EX_SCENARIO: {
        const ExNode *start = NULL;
        for (size_t i = 0; i < ex->n_nodes && !start; i++)
            if (ex->start && ex->nodes[i].id && strcmp(ex->nodes[i].id, ex->start) == 0)
                start = &ex->nodes[i];
        if (!start)
            break;
        y += md(c, start->text, 0, y, c->w) + P / 2;
        for (size_t k = 0; k < start->n_choices; k++)
            y += card(c, MARK_LETTER, k, start->choices[k].text, y, (CardState){0, 0, -1, 0});
        break;
    }
    case EX_REFLECTION:
    case EX_TYPE_COUNT:
        break;
    }
    if (revealed && ex->explanation) {
        y += P / 2;
        dl_rect(&c->l->dl, -P / 2, y, c->w + P, 0, COL_CODE_BG);
        size_t box = c->l->dl.n - 1;
        int h = md(c, ex->explanation, 0, y + P / 2, c->w) + P;
        c->l->dl.v[box].h = h;
        y += h;
    }
    return y - y0;
}

void view_audience_layout(App *a, Layout *out, int w, int px)
{
    layout_free(out);
    load(a);
    const Item *it = app_flat_item(a, a->item);
    if (!it)
        return;
    Ctx c = {a, out, w, px, a->view && a->item < a->view->n_items ? a->view->items[a->item].lang : a->m->language, 0};
    int y = 0; /* the item's title is in the band above (view_audience_band) */
    if (it->kind == ITEM_PAGE && a->room.doc) {
        Layout body;
        memset(&body, 0, sizeof body);
        ImageCtx ic = {a, it->file};
        LayoutParams lp = {a->fonts, c.lang, w, px, app_image_size, &ic, a->hyph};
        Err e;
        err_clear(&e);
        Doc shown = *a->room.doc; /* a page's first heading is its title, which the band shows */
        if (shown.root.n_children > 0 && shown.root.children[0].type == DOC_HEADING &&
            shown.root.children[0].level == 1) {
            shown.root.children++;
            shown.root.n_children--;
        }
        if (layout_doc(&shown, &lp, &body, &e) == 0) {
            layout_append_unlinked(&out->dl, &body, 0, y);
            y += body.height;
        }
        layout_free(&body);
    } else if (it->kind == ITEM_EXERCISE && a->room.ex) {
        y += exercise(&c, a->room.ex, y, pres_revealed(&a->pres, a->item));
    } else if (it->kind == ITEM_ACTIVITY) {
        char line[200];
        if (it->duration > 0)
            snprintf(line, sizeof line,
                     ngettext("A group activity of %d minute.", "A group activity of %d minutes.",
                              (unsigned long)it->duration),
                     it->duration);
        else
            snprintf(line, sizeof line, "%s", _("A group activity."));
        y += text(&c, line, FACE_SANS, 1.0f, COL_MUTED, 0, y, w);
    } else {
        char buf[1024];
        err_format(&a->room.err, buf, sizeof buf);
        y += text(&c, _("This item cannot be shown"), FACE_SANS_BOLD, 1.0f, COL_ERROR, 0, y, w);
        y += text(&c, buf, FACE_SANS, 0.8f, COL_TEXT, 0, y, w);
    }
    out->width = w;
    out->height = y;
}

/* The group timer's text and width at 'tp' pixels; 0 when the room does not see a timer now. */
static int timer_text(App *a, char *t, size_t size, int tp, int64_t *left)
{
    if (!pres_timer_shown(&a->pres)) /* another item's timer stays on the console, unless the lecturer keeps it */
        return 0;
    *left = pres_timer_left(&a->pres, a->now);
    pres_format_time(*left, t, size);
    return fonts_width(a->fonts, FACE_SANS_BOLD, tp, t, strlen(t));
}

int view_audience_band(App *a, DisplayList *dl, int w, int col, int px)
{
    const Item *it = app_flat_item(a, a->item);
    int pad = px / 2, x = (w - col) / 2, lp = (int)lroundf(px * 0.62f);
    FontMetrics lm, tm;
    fonts_metrics(a->fonts, FACE_SANS, lp, &lm);
    /* the group timer at the band's right, as large as the title */
    char t[32];
    int64_t left = 0;
    int tp = (int)lroundf(px * 1.25f), tw = timer_text(a, t, sizeof t, tp, &left);
    int room = col - (tw ? tw + 3 * px : 0);
    /* the title on one line: smaller when long, cut with "…" only when even that does not fit */
    const char *title = it ? it->title : "";
    int size = (int)lroundf(px * 1.25f);
    if (fonts_width(a->fonts, FACE_SANS_BOLD, size, title, strlen(title)) > room)
        size = px;
    fonts_metrics(a->fonts, FACE_SANS_BOLD, size > tp ? size : tp, &tm);
    int h = pad + lm.height + tm.height + pad;
    dl_rect(dl, 0, 0, w, h, COL_PANEL);
    dl_rect(dl, 0, h, w, px / 10 > 2 ? px / 10 : 2, COL_ACCENT);
    if (it && a->m && a->flat && a->item < a->n_flat) { /* the lesson, small, over the title */
        const char *lesson = a->m->lessons[a->flat[a->item].lesson].title;
        SpanStyle st = {.fonts = a->fonts, .line_height = 1.0f, .max_lines = 1, .align = ALIGN_LEFT};
        Span sp = {lesson, strlen(lesson), FACE_SANS, lp, COL_MUTED, 0};
        layout_spans(&st, &sp, 1, x, pad, room, dl);
    }
    SpanStyle st = {.fonts = a->fonts, .line_height = 1.0f, .max_lines = 1, .align = ALIGN_LEFT};
    Span sp = {title, strlen(title), FACE_SANS_BOLD, size, COL_PANEL_TEXT, 0};
    layout_spans(&st, &sp, 1, x, pad + lm.height, room, dl);
    if (tw) {
        FontMetrics m;
        fonts_metrics(a->fonts, FACE_SANS_BOLD, tp, &m);
        int bw = tw + px, bx = x + col - bw, by = (h - m.height - pad) / 2;
        dl_rect(dl, bx, by, bw, m.height + pad, left < 0 ? COL_ERROR : COL_CARD);
        dl_frame(dl, bx, by, bw, m.height + pad, px / 16 > 1 ? px / 16 : 1, left < 0 ? COL_ERROR : COL_RULE);
        dl_text(dl, bx + px / 2, by + pad / 2, tw, m.height, FACE_SANS_BOLD, tp, left < 0 ? COL_BG : COL_TEXT, t,
                strlen(t));
    }
    return h + (px / 10 > 2 ? px / 10 : 2);
}

void view_audience_frame(App *a, DisplayList *dl, int w, int h)
{
    if (a->pres.screen != PRES_SHOW) {
        dl_rect(dl, 0, 0, w, h, a->pres.screen == PRES_BLACK ? COL_BLACK : COL_WHITE);
        return;
    }
    dl_rect(dl, 0, 0, w, h, COL_BG);
    if (!a->m)
        return;
    int col, px;
    view_audience_metrics(w, h, &col, &px);
    struct AudLayout *L = &a->room.big;
    if (!L->valid || L->w != col || L->px != px || L->gen != a->room.gen || a->room.item != (long)a->item) {
        if (L->valid && L->px > 0 && L->px != px) /* another size: keep the same place in the text */
            a->room.scroll = (int)((long long)a->room.scroll * px / L->px);
        view_audience_layout(a, &L->l, col, px);
        L->w = col;
        L->px = px;
        L->gen = a->room.gen;
        L->valid = 1;
    }
    int band = view_audience_band(a, dl, w, col, px);
    int top = band + px, view = h - top - px;
    a->room.view = view;
    int max = L->l.height - view;
    if (a->room.scroll > max)
        a->room.scroll = max;
    if (a->room.scroll < 0)
        a->room.scroll = 0;
    int x = (w - col) / 2;
    dl_clip(dl, 0, band, w, h - band);
    dl_append(dl, &L->l.dl, x, top - a->room.scroll, a->room.scroll - px, a->room.scroll + view + px, 0);
    dl_clip(dl, 0, 0, 0, 0);
}
