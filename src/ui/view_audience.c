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
    int p = w / 42 < h / 22 ? w / 42 : h / 22; /* about 60 characters a line, 20 lines a screen */
    if (p < 12)
        p = 12;
    int c = w * 88 / 100;
    if (c > p * 34)
        c = p * 34;
    *col = c < 16 ? 16 : c;
    *px = p;
}

typedef struct {
    App *a;
    Layout *l;
    int w, px;
    const char *lang;
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

/* An entry of a list with a mark in front: "A", "1.", or a bullet. Returns the height. */
static int lettered(Ctx *c, int style, size_t i, const char *s, int y, const char *tag, int tag_color)
{
    char mark[16];
    if (style == MARK_LETTER)
        snprintf(mark, sizeof mark, "%c", (char)('A' + (i % 26)));
    else if (style == MARK_NUMBER)
        snprintf(mark, sizeof mark, "%zu.", i + 1);
    else
        snprintf(mark, sizeof mark, "%s", "\xe2\x80\xa2");
    int P = c->px, lw = P * 2;
    text(c, mark, FACE_SANS_BOLD, 1.0f, COL_MUTED, 0, y, lw);
    int h = md(c, s, lw, y, c->w - lw);
    if (tag) {
        int th = text(c, tag, FACE_SANS_BOLD, 0.8f, tag_color, lw, y + h, c->w - lw);
        h += th;
    }
    return (h > P * 3 / 2 ? h : P * 3 / 2) + P / 3;
}

static int hands_tag(Ctx *c, size_t k, char *buf, size_t size)
{
    int n = pres_hands(&c->a->pres, c->a->item, k);
    if (n <= 0)
        return 0;
    snprintf(buf, size, ngettext("%d hand", "%d hands", (unsigned long)n), n);
    return 1;
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
    char tag[160];
    switch (ex->type) {
    case EX_SINGLE_CHOICE:
    case EX_MULTIPLE_CHOICE:
        for (size_t i = 0; i < ex->n_options; i++) {
            const char *t = NULL;
            char h[64];
            if (revealed) {
                int has = hands_tag(c, i, h, sizeof h);
                snprintf(tag, sizeof tag, "%s%s%s", ex->options[i].correct ? _("Right answer") : "",
                         has && ex->options[i].correct ? " \xc2\xb7 " : "", has ? h : "");
                t = tag[0] ? tag : NULL;
            }
            y += lettered(c, MARK_LETTER, i, ex->options[i].text, y, t, ex->options[i].correct ? COL_LINK : COL_MUTED);
        }
        break;
    case EX_TRUE_FALSE: {
        const char *names[2] = {_("True"), _("False")};
        for (size_t i = 0; i < 2; i++) {
            int right = (i == 0) == (ex->answer != 0);
            char h[64];
            int has = revealed && hands_tag(c, i, h, sizeof h);
            snprintf(tag, sizeof tag, "%s%s%s", revealed && right ? _("Right answer") : "",
                     has && revealed && right ? " \xc2\xb7 " : "", has ? h : "");
            y += lettered(c, MARK_LETTER, i, names[i], y, tag[0] ? tag : NULL, right ? COL_LINK : COL_MUTED);
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
                y += lettered(c, MARK_NUMBER, i, line, y, NULL, 0);
            }
            break;
        }
        for (size_t i = 0; i < n; i++)
            y += lettered(c, MARK_NUMBER, i, ex->options[i].text, y, NULL, 0);
        y += P / 2;
        for (size_t k = 0; k < n; k++)
            y += lettered(c, MARK_LETTER, k, ex->options[order[k]].match, y, NULL, 0);
        break;
    }
    case EX_ORDERING: {
        Answer start;
        if (answer_init(&start, ex, answer_seed(a->m->id, app_flat_item(a, a->item)->id)) != 0)
            break;
        for (size_t k = 0; k < start.n; k++) /* shuffled for the room; in order once revealed */
            y += lettered(c, revealed ? MARK_NUMBER : MARK_LETTER, k,
                          ex->options[revealed ? k : (size_t)start.v[k]].text, y, NULL, 0);
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
            y += lettered(c, MARK_BULLET, i, ex->questions[i], y, NULL, 0);
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
            y += lettered(c, MARK_LETTER, k, start->choices[k].text, y, NULL, 0);
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
    Ctx c = {a, out, w, px, a->view && a->item < a->view->n_items ? a->view->items[a->item].lang : a->m->language};
    int y = 0;
    if (it->kind != ITEM_PAGE) /* a page has its own heading */
        y += text(&c, it->title, FACE_SANS_BOLD, 1.6f, COL_TEXT, 0, y, w) + px;
    if (it->kind == ITEM_PAGE && a->room.doc) {
        Layout body;
        memset(&body, 0, sizeof body);
        ImageCtx ic = {a, it->file};
        LayoutParams lp = {a->fonts, c.lang, w, px, app_image_size, &ic, a->hyph};
        Err e;
        err_clear(&e);
        if (layout_doc(a->room.doc, &lp, &body, &e) == 0) {
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

/* The group timer, large, at the top right of the audience screen. */
static void timer_box(App *a, DisplayList *dl, int w, int px)
{
    if (!pres_timer_shown(&a->pres)) /* another item's timer stays on the console, unless the lecturer keeps it */
        return;
    int64_t left = pres_timer_left(&a->pres, a->now);
    char t[32];
    pres_format_time(left, t, sizeof t);
    int tp = px * 2;
    int tw = fonts_width(a->fonts, FACE_SANS_BOLD, tp, t, strlen(t));
    FontMetrics m;
    fonts_metrics(a->fonts, FACE_SANS_BOLD, tp, &m);
    int bw = tw + px * 2, bh = m.height + px, x = w - bw - px, y = px;
    dl_rect(dl, x, y, bw, bh, left < 0 ? COL_ERROR : COL_CODE_BG);
    dl_text(dl, x + px, y + px / 2, tw, m.height, FACE_SANS_BOLD, tp, left < 0 ? COL_BG : COL_TEXT, t, strlen(t));
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
    int top = px * 2, view = h - top - px;
    int max = L->l.height - view;
    if (a->room.scroll > max)
        a->room.scroll = max;
    if (a->room.scroll < 0)
        a->room.scroll = 0;
    int x = (w - col) / 2;
    dl_clip(dl, 0, top / 2, w, h - top / 2);
    dl_append(dl, &L->l.dl, x, top - a->room.scroll, a->room.scroll - top, a->room.scroll + view + px, 0);
    dl_clip(dl, 0, 0, 0, 0);
    timer_box(a, dl, w, px);
}
