/* exercise: an exercise on the reader's page: laid out with its controls, answered by keyboard or mouse,
   checked with feedback, and saved to the progress store as each answer is given. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/vec.h"
#include "ui/app_impl.h"

enum { TEXT_SAVE_MS = 800 }; /* typed text is saved this long after the last key */

/* ---- loading and saving --------------------------------------------------------------------------------------- */

Exercise *exv_load(App *a, size_t i, Err *err)
{
    const Item *it = app_flat_item(a, i);
    if (!it || it->kind != ITEM_EXERCISE)
        return NULL;
    PackLimits lim;
    pack_limits_default(&lim);
    char *json = NULL;
    size_t len = 0;
    Exercise *ex = NULL;
    Err label;
    err_clear(&label);
    if (pack_read(app_item_pack(a, i), it->file, lim.max_json_size, &json, &len, err) == 0)
        exercise_parse(json, len, &lim, &label, it->file, NULL, &ex, err);
    free(json);
    return ex;
}

static void save(App *a, int attempt)
{
    ExState *x = &a->ex;
    const Item *it = app_flat_item(a, (size_t)x->item);
    if (!x->ex || !it || a->opt.readonly)
        return;
    for (size_t i = 0; i < x->n_edit && i < x->ans.nt; i++)
        answer_set_text(&x->ans, i, te_text(&x->edit[i]));
    char shape[17];
    answer_shape(x->ex, shape);
    char *json = answer_to_json(&x->ans);
    if (!json)
        return;
    double score = x->ans.checked ? answer_score(x->ex, &x->ans) : -1;
    Err e;
    err_clear(&e);
    app_progress_result(
        a, progress_save_answer(a->prog, a->m->id, it->id, shape, json, score, x->ans.checked, attempt, &e), &e);
    free(json);
    if (attempt) {
        x->attempts++;
        if (score > x->best)
            x->best = score;
    }
    x->text_dirty = 0;
}

void exv_leave(App *a)
{
    ExState *x = &a->ex;
    if (x->text_dirty)
        save(a, 0);
    exercise_free(x->ex);
    answer_free(&x->ans);
    free(x->order);
    for (size_t i = 0; i < x->n_edit; i++)
        te_free(&x->edit[i]);
    free(x->edit);
    free(x->ctl);
    memset(x, 0, sizeof *x);
    x->item = -1;
    x->focus = -1;
    x->focus_kind = -1;
    x->grab = -1;
    x->rep_x = -1;
}

/* Reads the exercise of the current item and the learner's stored answer to it. */
static void enter(App *a)
{
    exv_leave(a);
    ExState *x = &a->ex;
    x->item = (long)a->item;
    x->best = -1;
    err_clear(&x->err);
    if (!(x->ex = exv_load(a, a->item, &x->err)))
        return;
    const Item *it = app_flat_item(a, a->item);
    uint64_t seed = answer_seed(a->m->id, it->id);
    ProgressAnswer pa;
    char shape[17];
    answer_shape(x->ex, shape);
    int have = progress_load_answer(a->prog, a->m->id, it->id, &pa);
    if (have && strcmp(pa.shape, shape) == 0 && answer_from_json(x->ex, pa.answer, &x->ans) == 0) {
        x->attempts = pa.attempts;
        x->best = pa.best;
    } else {
        if (have) /* a newer version of the pack changed this exercise: the old answer no longer fits */
            app_set_status(a, "%s", _("This exercise changed since you last answered it, so it starts afresh."));
        if (answer_init(&x->ans, x->ex, seed) != 0) {
            exercise_free(x->ex);
            x->ex = NULL;
            err_set(&x->err, ERR_NOMEM, NULL, N_("out of memory"));
        }
    }
    if (have)
        progress_answer_free(&pa);
    if (!x->ex)
        return;
    if (x->ex->type == EX_MATCHING && (x->order = calloc(x->ex->n_options + 1, sizeof *x->order)))
        answer_match_order(seed, x->order, x->ex->n_options);
    x->n_edit = x->ans.nt;
    x->edit = calloc(x->n_edit ? x->n_edit : 1, sizeof *x->edit);
    for (size_t i = 0; x->edit && i < x->n_edit; i++) {
        te_init(&x->edit[i], x->ex->type == EX_REFLECTION || x->ex->type == EX_DISCUSSION);
        te_set(&x->edit[i], x->ans.t[i] ? x->ans.t[i] : "");
    }
    if (!x->edit)
        x->n_edit = 0;
}

static void changed(App *a)
{
    a->page_valid = 0;
    a->dirty = 1;
}

/* ---- laying out --------------------------------------------------------------------------------------------- */

static void add_ctl(App *a, int kind, int idx, int x, int y, int w, int h)
{
    ExState *ex = &a->ex;
    if (vec_reserve((void **)&ex->ctl, &ex->cap_ctl, ex->n_ctl, sizeof *ex->ctl) != 0)
        return;
    ex->ctl[ex->n_ctl] = (ExCtl){kind, idx, x, y, w, h};
    if (kind == ex->focus_kind && idx == ex->focus_idx)
        ex->focus = (long)ex->n_ctl;
    ex->n_ctl++;
}

/* Plain text (a label) at (x, y), 'w' wide. */
static int label_at(App *a, const char *text, int face, int px, int color, int x, int y, int w)
{
    SpanStyle st = {.fonts = a->fonts, .line_height = 1.35f, .max_lines = 0, .align = ALIGN_LEFT};
    Span s = {text, strlen(text), face, px, color, 0};
    return layout_spans(&st, &s, 1, x, y, w, &a->page.dl);
}

static int hit_ctl(App *a, int kind, int idx, int x, int y, int w, int h)
{
    add_ctl(a, kind, idx, x, y, w, h);
    app_page_hit(a, x, y, w, h, ACT_EX, (long)a->ex.n_ctl - 1);
    return h;
}

static int focused(const App *a, int kind, int idx)
{
    return a->ex.focus_kind == kind && a->ex.focus_idx == idx;
}

/* A button that is one of the exercise's controls; returns its width. */
static int button_at(App *a, int kind, int idx, const char *label, int x, int y, int primary)
{
    int P = a->page_px, h = (int)(P * 2.2f);
    int w = fonts_width(a->fonts, FACE_SANS_BOLD, (int)lroundf(P * 0.9f), label, strlen(label)) + 2 * P;
    add_ctl(a, kind, idx, x, y, w, h);
    return app_page_button(a, label, x, y, primary, focused(a, kind, idx), ACT_EX, (long)a->ex.n_ctl - 1);
}

/* A button that cannot be pressed here (Up on the first item): drawn faint, with no click target. Its width. */
static int off_button(App *a, const char *label, int x, int y)
{
    int P = a->page_px, px = (int)lroundf(P * 0.9f), h = (int)(P * 2.2f);
    int tw = fonts_width(a->fonts, FACE_SANS_BOLD, px, label, strlen(label));
    FontMetrics m;
    fonts_metrics(a->fonts, FACE_SANS_BOLD, px, &m);
    dl_frame(&a->page.dl, x, y, tw + 2 * P, h, 1, COL_RULE);
    dl_text(&a->page.dl, x + P, y + (h - m.height) / 2, tw, m.height, FACE_SANS_BOLD, px, COL_RULE, label,
            strlen(label));
    return tw + 2 * P;
}

/* A verdict line ("Right." in the link colour, "Not right." in the error colour) with feedback under it. */
static int verdict_as(App *a, const char *label, int ok, const char *feedback, int x, int y, int w)
{
    int P = a->page_px;
    int h = label_at(a, label, FACE_SANS_BOLD, (int)lroundf(P * 0.85f), ok ? COL_LINK : COL_ERROR, x, y, w);
    return h + app_page_markdown(a, feedback, x, y + h, w);
}

static int verdict(App *a, int ok, const char *feedback, int x, int y, int w)
{
    return verdict_as(a, ok ? _("Right.") : _("Not right."), ok, feedback, x, y, w);
}

/* The mark of an option: a square box for "choose every answer that fits", a round radio button for "choose one"
   (a circle drawn as a glyph, ○ or ◉, from the fonts' fallback, DejaVu Sans: the display list has no circles). */
static void mark(App *a, int x, int y, int on, int round)
{
    int s = a->page_px, t = s / 10 > 1 ? s / 10 : 1;
    if (round) {
        const char *g = on ? "\xe2\x97\x89" : "\xe2\x97\x8b";
        int px = (int)lroundf(s * 1.25f);
        FontMetrics m;
        fonts_metrics(a->fonts, FACE_SANS, px, &m);
        SpanStyle st = {.fonts = a->fonts, .line_height = 1.0f, .max_lines = 1, .align = ALIGN_LEFT};
        Span sp = {g, strlen(g), FACE_SANS, px, on ? COL_LINK : COL_TEXT, 0};
        layout_spans(&st, &sp, 1, x, y + s / 2 - m.height / 2, s * 2, &a->page.dl);
        return;
    }
    dl_frame(&a->page.dl, x, y, s, s, t, COL_TEXT);
    if (on) {
        int in = s / 5;
        dl_rect(&a->page.dl, x + in, y + in, s - 2 * in, s - 2 * in, COL_TEXT);
    }
}

/* One row of a choice: its mark and text; after checking, its verdict ('show': 0 none, 1 the verdict on a chosen
   option, 2 a right option that was not chosen). */
static int option_row(App *a, size_t i, const char *text, int on, int round, int show, int ok, const char *feedback,
                      int y)
{
    int P = a->page_px, w = a->page_w, tx = (int)(P * 1.9f);
    int th = app_page_markdown(a, text, tx, y, w - tx);
    if (th < P * 3 / 2)
        th = P * 3 / 2;
    mark(a, 0, y + P / 4, on, round);
    int h = th;
    if (show == 1)
        h += verdict(a, ok, feedback, tx, y + th, w - tx);
    else if (show == 2)
        h += verdict_as(a, _("Missed: this one is right too."), 0, feedback, tx, y + th, w - tx);
    if (focused(a, CTL_OPTION, (int)i))
        dl_frame(&a->page.dl, -P / 2, y - P / 4, w + P, h + P / 2, 2, COL_LINK);
    hit_ctl(a, CTL_OPTION, (int)i, -P / 2, y - P / 4, w + P, h + P / 2);
    return h + P / 2;
}

static int choices(App *a, int y)
{
    ExState *x = &a->ex;
    const Exercise *ex = x->ex;
    int y0 = y, checked = x->ans.checked;
    if (ex->type == EX_TRUE_FALSE) {
        const char *names[2] = {_("True"), _("False")};
        for (int i = 0; i < 2; i++) {
            int val = i == 0, on = x->ans.v[0] == val;
            const char *fb = val ? ex->feedback_true : ex->feedback_false;
            y += option_row(a, (size_t)i, names[i], on, 1, checked && on, ex->answer == val, fb, y);
        }
        return y - y0;
    }
    int round = ex->type == EX_SINGLE_CHOICE;
    for (size_t i = 0; i < ex->n_options; i++) {
        const ExOption *o = &ex->options[i];
        int on = x->ans.v[i] != 0;
        /* after checking: a verdict on what was chosen, and on a right option that was missed */
        int show = !checked ? 0 : on ? 1 : o->correct && ex->type == EX_MULTIPLE_CHOICE ? 2 : 0;
        y += option_row(a, i, o->text, on, round, show, answer_part_ok(ex, &x->ans, i), o->feedback, y);
    }
    return y - y0;
}

/* The offered position (letter) of right-hand side 'side', -1 for none. */
static int letter_of(const ExState *x, int side)
{
    for (size_t k = 0; side >= 0 && x->order && k < x->ex->n_options; k++)
        if (x->order[k] == side)
            return (int)k;
    return -1;
}

/* Matching (review B8): the right-hand sides listed with their letters, as the room sees them; each numbered line
   picks one with a letter button (or its letter key), and shows what it has. Narrow: the buttons go under the line. */
static int matching(App *a, int y)
{
    ExState *x = &a->ex;
    const Exercise *ex = x->ex;
    int P = a->page_px, w = a->page_w, y0 = y;
    size_t n = ex->n_options < 26 ? ex->n_options : 26;
    y += label_at(a,
                  _("Match each numbered line with a lettered choice: click its letter, or move to the line and "
                    "press the letter."),
                  FACE_SANS, (int)lroundf(P * 0.8f), COL_MUTED, 0, y, w) +
         P / 2;
    int tx = (int)(P * 1.9f);
    for (size_t k = 0; k < n && x->order; k++) {
        char l[4] = {(char)('A' + k), 0};
        label_at(a, l, FACE_SANS_BOLD, P, COL_MUTED, 0, y, tx);
        y += app_page_markdown(a, ex->options[x->order[k]].match, tx, y, w - tx) + P / 4;
    }
    y += P;
    int narrow = w < P * 26, half = narrow ? w : (w - P) / 2;
    int bh = (int)(P * 2.2f);
    for (size_t i = 0; i < n; i++) {
        int top = y;
        char num[16];
        snprintf(num, sizeof num, "%zu.", i + 1);
        label_at(a, num, FACE_SANS_BOLD, P, COL_MUTED, 0, y, tx);
        int lh = app_page_markdown(a, ex->options[i].text, tx, y, half - tx);
        hit_ctl(a, CTL_MATCH, (int)i, 0, y, half, lh > P ? lh : P);
        int bx0 = narrow ? tx : half + P, bw = w - bx0;
        int by = narrow ? y + lh + P / 2 : y, bx = bx0;
        int mine = letter_of(x, x->ans.v[i]);
        for (size_t k = 0; k < n && x->order; k++) { /* the letters, wrapping */
            char l[4] = {(char)('A' + k), 0};
            int lw = fonts_width(a->fonts, FACE_SANS_BOLD, (int)lroundf(P * 0.9f), l, 1) + 2 * P;
            if (bx > bx0 && bx + lw > bx0 + bw) {
                bx = bx0;
                by += bh + P / 2;
            }
            bx += button_at(a, CTL_PICK, (int)(i * 64 + k), l, bx, by, (int)k == mine) + P / 2;
        }
        by += bh + P / 2;
        const char *has = mine >= 0 ? ex->options[x->ans.v[i]].match : _("No match chosen yet.");
        by += label_at(a, has, mine >= 0 ? FACE_SANS_BOLD : FACE_SANS, (int)lroundf(P * 0.9f),
                       mine >= 0 ? COL_TEXT : COL_MUTED, bx0, by, bw);
        int h = (by > y + lh ? by : y + lh) - top;
        if (x->ans.checked) {
            int ok = answer_part_ok(ex, &x->ans, i);
            int vh = verdict(a, ok, ok ? ex->options[i].feedback : NULL, bx0, top + h, bw);
            if (!ok) {
                char buf[600];
                snprintf(buf, sizeof buf, _("The match: %c, %s"), 'A' + letter_of(x, (int)i), ex->options[i].match);
                vh += label_at(a, buf, FACE_SANS, (int)lroundf(P * 0.85f), COL_TEXT, bx0, top + h + vh, bw);
                vh += app_page_markdown(a, ex->options[i].feedback, bx0, top + h + vh, bw);
            }
            h += vh;
        }
        int ring = focused(a, CTL_MATCH, (int)i);
        for (size_t k = 0; k < n && !ring; k++)
            ring = focused(a, CTL_PICK, (int)(i * 64 + k));
        if (ring)
            dl_frame(&a->page.dl, -P / 2, top - P / 4, w + P, h + P / 2, 2, COL_LINK);
        y = top + h + P;
    }
    return y - y0;
}

static int ordering(App *a, int y)
{
    ExState *x = &a->ex;
    const Exercise *ex = x->ex;
    int P = a->page_px, w = a->page_w, y0 = y;
    y += label_at(a,
                  _("Put the items in order: drag them with the mouse, use their Up and Down buttons, or select one "
                    "and press Alt+Up or Alt+Down."),
                  FACE_SANS, (int)lroundf(P * 0.8f), COL_MUTED, 0, y, w) +
         P / 2;
    int bw = fonts_width(a->fonts, FACE_SANS_BOLD, (int)lroundf(P * 0.9f), _("Down"), strlen(_("Down")));
    int bu = fonts_width(a->fonts, FACE_SANS_BOLD, (int)lroundf(P * 0.9f), _("Up"), strlen(_("Up")));
    /* the two buttons (2P padding each, P/2 between) end half a line inside the column's edge */
    int buttons = bw + bu + 6 * P, bh = (int)(P * 2.2f);
    int under = w - buttons < 12 * P; /* a narrow column: the buttons go under the item, which keeps the width */
    for (size_t k = 0; k < x->ans.n; k++) {
        char num[32];
        snprintf(num, sizeof num, "%zu.", k + 1);
        int carried = x->lifted && x->grab == (int)k;
        size_t card = a->page.dl.n; /* the carried item's card, under its text; its height is known below */
        if (carried)
            dl_rect(&a->page.dl, -P / 2, y - P / 4, w + P, 0, COL_CODE_BG);
        label_at(a, num, FACE_SANS_BOLD, P, COL_MUTED, 0, y, 2 * P);
        int tw = under || x->ans.checked ? w - 2 * P : w - 2 * P - buttons;
        int th = app_page_markdown(a, ex->options[x->ans.v[k]].text, 2 * P, y, tw);
        int h = th > (int)(P * 2.4f) || under ? th : (int)(P * 2.4f);
        int by = under ? y + th + P / 4 : y;
        if (under && !x->ans.checked)
            h += bh + P / 2;
        if (x->ans.checked && !answer_part_ok(ex, &x->ans, k)) /* only what is out of place is marked */
            h += verdict_as(a, _("Not in its place."), 0, NULL, 2 * P, y + th, w - 2 * P);
        if (carried) { /* the item the mouse carries: a tinted card with a thick edge, unlike the focus's ring */
            if (card < a->page.dl.n)
                a->page.dl.v[card].h = h + P / 2;
            dl_frame(&a->page.dl, -P / 2, y - P / 4, w + P, h + P / 2, P / 5 > 4 ? P / 5 : 4, COL_LINK);
        } else if (focused(a, CTL_ORDER, (int)k))
            dl_frame(&a->page.dl, -P / 2, y - P / 4, w + P, h + P / 2, 2, COL_LINK);
        /* the row's text is where the mouse takes an item to drag it */
        if (x->ans.checked)
            add_ctl(a, CTL_ORDER, (int)k, -P / 2, y - P / 4, under ? w + P : w - buttons, under ? th : h + P / 2);
        else
            hit_ctl(a, CTL_ORDER, (int)k, -P / 2, y - P / 4, under ? w + P : w - buttons, under ? th : h + P / 2);
        if (!x->ans.checked) { /* the row, then its buttons; Up on the first and Down on the last do nothing */
            int bx = under ? 2 * P : w - buttons + P;
            if (k > 0)
                bx += button_at(a, CTL_UP, (int)k, _("Up"), bx, by, 0) + P / 2;
            else
                bx += off_button(a, _("Up"), bx, by) + P / 2;
            if (k + 1 < x->ans.n)
                button_at(a, CTL_DOWN, (int)k, _("Down"), bx, by, 0);
            else
                off_button(a, _("Down"), bx, by);
        }
        y += h + P / 2;
    }
    if (x->ans.checked && answer_score(ex, &x->ans) < 1) {
        y += label_at(a, _("The right order:"), FACE_SANS_BOLD, P, COL_TEXT, 0, y, w) + P / 4;
        for (size_t i = 0; i < ex->n_options; i++) {
            char buf[600];
            snprintf(buf, sizeof buf, "%zu. %s", i + 1, ex->options[i].text);
            y += app_page_markdown(a, buf, P, y, w - P);
        }
    }
    return y - y0;
}

/* A text field with its frame; returns its height. */
static int field_at(App *a, size_t i, int x0, int y, int w, int min_lines)
{
    ExState *x = &a->ex;
    if (i >= x->n_edit)
        return 0;
    int P = a->page_px, pad = P / 2;
    TextEdit *t = &x->edit[i];
    int th = te_layout(t, a->fonts, FACE_SERIF, P, w - 2 * pad, 1.45f);
    if (th < t->line_h * min_lines)
        th = t->line_h * min_lines;
    int h = th + 2 * pad, foc = focused(a, CTL_FIELD, (int)i);
    dl_rect(&a->page.dl, x0, y, w, h, COL_CARD);
    dl_frame(&a->page.dl, x0, y, w, h, foc ? 2 : 1, foc ? COL_LINK : COL_RULE);
    te_draw(t, a->fonts, &a->page.dl, x0 + pad, y + pad, foc && !x->ans.checked, x->compose);
    hit_ctl(a, CTL_FIELD, (int)i, x0, y, w, h);
    return h;
}

/* A gap as the learner sees it: its number and what was typed there (as text: Markdown in it is shown as typed). */
static void gap_typed(void *user, StrBuf *out, size_t blank)
{
    const ExState *x = user;
    const char *typed = blank < x->n_edit ? te_text(&x->edit[blank]) : "", *end = typed + strlen(typed);
    while (*typed == ' ') /* spaces inside the ** would keep them from closing */
        typed++;
    while (end > typed && end[-1] == ' ')
        end--;
    sb_putf(out, "**(%zu) ", blank + 1);
    if (typed == end)
        sb_put(out, "\\_\\_\\_\\_\\_");
    for (const char *p = typed; p < end; p++) { /* CommonMark lets any ASCII punctuation be escaped */
        if (strchr("\\`*_{}[]()<>#+-.!|~&", *p))
            sb_put_n(out, "\\", 1);
        sb_put_n(out, p, 1);
    }
    sb_put(out, "**");
}

static int blanks(App *a, int y)
{
    ExState *x = &a->ex;
    const Exercise *ex = x->ex;
    int P = a->page_px, w = a->page_w, y0 = y;
    /* the text with its gaps numbered and filled with what was typed */
    char *text = answer_gap_text(ex, gap_typed, x);
    if (text)
        y += app_page_markdown(a, text, 0, y, w) + P;
    free(text);
    for (size_t i = 0; i < ex->n_blanks; i++) {
        char num[32];
        snprintf(num, sizeof num, "(%zu)", i + 1);
        label_at(a, num, FACE_SANS_BOLD, P, COL_MUTED, 0, y + P / 2, 3 * P);
        int fw = w / 2 > 12 * P ? w / 2 : w - 3 * P;
        int h = field_at(a, i, 3 * P, y, fw, 1);
        if (x->ans.checked) {
            int ok = answer_part_ok(ex, &x->ans, i);
            h += verdict(a, ok, ok ? ex->blanks[i].feedback : NULL, 3 * P, y + h, w - 3 * P);
            if (!ok && ex->blanks[i].n_answers) {
                char buf[600];
                snprintf(buf, sizeof buf, _("Accepted answer: %s"), ex->blanks[i].answers[0]);
                h += label_at(a, buf, FACE_SANS, (int)lroundf(P * 0.85f), COL_TEXT, 3 * P, y + h, w - 3 * P);
                h += app_page_markdown(a, ex->blanks[i].feedback, 3 * P, y + h, w - 3 * P);
            }
        }
        y += h + P / 2;
    }
    return y - y0;
}

static int free_text(App *a, int y)
{
    ExState *x = &a->ex;
    const Exercise *ex = x->ex;
    int P = a->page_px, w = a->page_w, y0 = y, px = (int)lroundf(P * 0.8f);
    if (ex->type == EX_DISCUSSION) {
        for (size_t i = 0; i < ex->n_questions; i++) {
            label_at(a, "\xe2\x80\xa2", FACE_SERIF, P, COL_TEXT, P / 2, y, P);
            y += app_page_markdown(a, ex->questions[i], 2 * P, y, w - 2 * P);
        }
        if (ex->minutes > 0) {
            char buf[200];
            snprintf(buf, sizeof buf,
                     ngettext("Suggested time for a group: %d minute.", "Suggested time for a group: %d minutes.",
                              (unsigned long)ex->minutes),
                     ex->minutes);
            y += P / 2 + label_at(a, buf, FACE_SANS, px, COL_MUTED, 0, y + P / 2, w);
        }
        y += P;
        y += label_at(a, _("Your notes (they stay on this computer):"), FACE_SANS_BOLD, px, COL_TEXT, 0, y, w);
    } else {
        y += label_at(a, _("Your answer stays on this computer."), FACE_SANS, px, COL_MUTED, 0, y, w);
    }
    y += P / 4;
    y += field_at(a, 0, 0, y, w, 6) + P / 4;
    size_t words = x->n_edit ? answer_words(te_text(&x->edit[0])) : 0;
    char buf[200];
    if (ex->min_words > 0)
        snprintf(buf, sizeof buf,
                 ngettext("%zu word (a goal of %d).", "%zu words (a goal of %d).", (unsigned long)words), words,
                 ex->min_words);
    else
        snprintf(buf, sizeof buf, ngettext("%zu word.", "%zu words.", (unsigned long)words), words);
    y += label_at(a, buf, FACE_SANS, px, COL_MUTED, 0, y, w);
    return y - y0;
}

static int scenario(App *a, int y)
{
    ExState *x = &a->ex;
    const Exercise *ex = x->ex;
    int P = a->page_px, w = a->page_w, y0 = y;
    const ExChoice *last = answer_scenario_last(ex, &x->ans);
    const ExNode *at = answer_scenario_node(ex, &x->ans);
    if (at && at->ending && x->ans.n > 1) { /* at an ending, the whole path that led there (review) */
        y += label_at(a, _("Your path:"), FACE_SANS_BOLD, (int)lroundf(P * 0.85f), COL_MUTED, 0, y, w);
        for (size_t k = 0; k + 1 < x->ans.n; k++) {
            Answer before = x->ans;
            before.n = k;
            const ExNode *nd = answer_scenario_node(ex, &before);
            int c = x->ans.v[k];
            if (!nd || c < 0 || (size_t)c >= nd->n_choices)
                break;
            char buf[600];
            snprintf(buf, sizeof buf, "%zu. %s", k + 1, nd->choices[c].text);
            y += label_at(a, buf, FACE_SANS, (int)lroundf(P * 0.85f), COL_MUTED, 0, y, w);
        }
    }
    if (last) {
        char buf[600];
        snprintf(buf, sizeof buf, _("You chose: %s"), last->text);
        y += label_at(a, buf, FACE_SANS_BOLD, (int)lroundf(P * 0.85f), COL_MUTED, 0, y, w);
        if (last->feedback)
            y += app_page_markdown(a, last->feedback, 0, y, w);
        y += P / 2;
    }
    const ExNode *nd = answer_scenario_node(ex, &x->ans);
    if (!nd)
        return y - y0;
    dl_rect(&a->page.dl, -P / 2, y, P / 6 > 2 ? P / 6 : 2, 0, COL_ACCENT);
    size_t bar = a->page.dl.n - 1;
    int th = app_page_markdown(a, nd->text, 0, y, w);
    a->page.dl.v[bar].h = th;
    y += th + P / 2;
    if (nd->ending) {
        const char *kind = _(exercise_ending_label(nd->ending));
        y += label_at(a, kind, FACE_SANS_BOLD, P, strcmp(nd->ending, "bad") == 0 ? COL_ERROR : COL_ACCENT, 0, y, w) +
             P / 2;
    } else {
        for (size_t k = 0; k < nd->n_choices; k++) {
            int th2 = app_page_markdown(a, nd->choices[k].text, P, y + P / 3, w - 2 * P);
            int h = th2 + 2 * (P / 3);
            dl_frame(&a->page.dl, 0, y, w, h, focused(a, CTL_CHOICE, (int)k) ? 2 : 1,
                     focused(a, CTL_CHOICE, (int)k) ? COL_LINK : COL_RULE);
            hit_ctl(a, CTL_CHOICE, (int)k, 0, y, w, h);
            y += h + P / 3;
        }
    }
    if (x->ans.n > 0) { /* at an ending, "Start again" is with the score, once */
        y += P / 2;
        int bx = 0;
        bx += button_at(a, CTL_BACK, 0, _("\xe2\x80\xb9 One step back"), bx, y, 0) + P / 2;
        if (!nd->ending)
            button_at(a, CTL_RESTART, 0, _("Start again"), bx, y, 0);
        y += (int)(P * 2.2f);
    }
    return y - y0;
}

/* The check button, or after checking the score, the explanation and "Try again". */
static int results(App *a, int y)
{
    ExState *x = &a->ex;
    const Exercise *ex = x->ex;
    int P = a->page_px, w = a->page_w, y0 = y;
    int scored = ex->type != EX_REFLECTION && ex->type != EX_DISCUSSION;
    if (!x->ans.checked) {
        if (ex->type == EX_SCENARIO)
            return 0; /* a scenario is checked when an ending is reached */
        const char *label = scored                      ? _("Check my answer")
                            : ex->type == EX_DISCUSSION ? _("Mark as discussed")
                                                        : _("Mark as done");
        button_at(a, scored ? CTL_CHECK : CTL_DONE, 0, label, 0, y, answer_ready(ex, &x->ans));
        return (int)(P * 2.2f) + P;
    }
    char buf[300];
    double s = answer_score(ex, &x->ans);
    if (s >= 0) {
        if (x->best > s)
            snprintf(buf, sizeof buf, _("Your score: %d%% (your best: %d%%)."), (int)lround(s * 100),
                     (int)lround(x->best * 100));
        else
            snprintf(buf, sizeof buf, _("Your score: %d%%."), (int)lround(s * 100));
    } else {
        snprintf(buf, sizeof buf, "%s", ex->type == EX_DISCUSSION ? _("Marked as discussed.") : _("Marked as done."));
    }
    /* the score's colour differs at the ends (all right, none right), and the words say it too */
    int col = s < 0 ? COL_ACCENT : s >= 0.995 ? COL_LINK : s <= 0.005 ? COL_ERROR : COL_ACCENT;
    if (s >= 0.995 || (s >= 0 && s <= 0.005)) {
        size_t n = strlen(buf);
        snprintf(buf + n, sizeof buf - n, " %s", s >= 0.995 ? _("All right.") : _("None right yet."));
    }
    y += label_at(a, buf, FACE_SANS_BOLD, P, col, 0, y, w) + P / 3;
    if (ex->explanation) {
        dl_rect(&a->page.dl, 0, y, w, 0, COL_CODE_BG);
        size_t box = a->page.dl.n - 1;
        int h = app_page_markdown(a, ex->explanation, P, y + P / 2, w - 2 * P) + P;
        a->page.dl.v[box].h = h;
        y += h + P / 2;
    }
    const char *again = ex->type == EX_SCENARIO ? _("Start again") : scored ? _("Try again") : _("Edit my answer");
    button_at(a, ex->type == EX_SCENARIO ? CTL_RESTART : CTL_RETRY, 1, again, 0, y, 0);
    y += (int)(P * 2.2f) + P;
    return y - y0;
}

int exv_layout(App *a, const Item *it, int y)
{
    ExState *x = &a->ex;
    if (x->item != (long)a->item)
        enter(a);
    x->n_ctl = 0;
    x->focus = -1;
    int P = a->page_px, w = a->page_w, y0 = y;
    SpanStyle st = {.fonts = a->fonts, .line_height = 1.25f, .max_lines = 0, .align = ALIGN_LEFT};
    Span s = {it->title, strlen(it->title), FACE_SANS_BOLD, (int)lroundf(P * 1.75f), COL_TEXT, 0};
    y += layout_spans(&st, &s, 1, 0, y, w, &a->page.dl) + P / 2;
    if (!x->ex) {
        char buf[1024];
        err_format(&x->err, buf, sizeof buf);
        y += label_at(a, _("This exercise cannot be shown"), FACE_SANS_BOLD, P, COL_ERROR, 0, y, w);
        return y - y0 + label_at(a, buf, FACE_SERIF, P, COL_TEXT, 0, y, w) + P;
    }
    y += app_page_markdown(a, x->ex->prompt, 0, y, w) + P;
    switch (x->ex->type) {
    case EX_SINGLE_CHOICE:
    case EX_MULTIPLE_CHOICE:
    case EX_TRUE_FALSE:
        y += label_at(a,
                      x->ex->type == EX_MULTIPLE_CHOICE ? _("Choose every answer that fits.") : _("Choose one answer."),
                      FACE_SANS, (int)lroundf(P * 0.8f), COL_MUTED, 0, y, w) +
             P / 2;
        y += choices(a, y);
        break;
    case EX_MATCHING:
        y += matching(a, y);
        break;
    case EX_ORDERING:
        y += ordering(a, y);
        break;
    case EX_FILL_BLANKS:
        y += blanks(a, y);
        break;
    case EX_REFLECTION:
    case EX_DISCUSSION:
        y += free_text(a, y);
        break;
    case EX_SCENARIO:
        y += scenario(a, y);
        break;
    case EX_TYPE_COUNT:
        break;
    }
    y += P / 2;
    y += results(a, y);
    if (x->focus < 0)
        x->focus_kind = -1; /* the focused control went away (checked, moved): nothing has the focus */
    return y - y0;
}

void exv_reveal(App *a)
{
    ExState *x = &a->ex;
    if (!x->reveal || x->focus < 0 || (size_t)x->focus >= x->n_ctl)
        return;
    x->reveal = 0;
    const ExCtl *c = &x->ctl[x->focus];
    int top = c->y + a->pad_top - a->scroll, bottom = top + c->h;
    if (top < 0 || bottom > a->view_h) {
        int want = c->y + a->pad_top - a->view_h / 3;
        int limit = app_scroll_limit(a);
        a->scroll = want < 0 ? 0 : want > limit ? limit : want;
    }
}

/* ---- acting ---------------------------------------------------------------------------------------------------- */

static void set_focus(App *a, long i)
{
    ExState *x = &a->ex;
    if (i < 0 || (size_t)i >= x->n_ctl) {
        x->focus = -1;
        x->focus_kind = -1;
    } else {
        x->focus = i;
        x->focus_kind = x->ctl[i].kind;
        x->focus_idx = x->ctl[i].idx;
        x->reveal = 1;
    }
    x->compose[0] = '\0';
    changed(a);
}

static void check(App *a)
{
    ExState *x = &a->ex;
    for (size_t i = 0; i < x->n_edit && i < x->ans.nt; i++)
        answer_set_text(&x->ans, i, te_text(&x->edit[i]));
    if (!answer_ready(x->ex, &x->ans)) {
        const char *why = x->ex->type == EX_MATCHING      ? _("Choose a match for every line first.")
                          : x->ex->type == EX_FILL_BLANKS ? _("Fill in at least one blank first.")
                          : x->ex->type == EX_REFLECTION  ? _("Write something first.")
                                                          : _("Choose an answer first.");
        app_set_status(a, "%s", why);
        return;
    }
    x->ans.checked = 1;
    save(a, 1);
    x->focus_kind = CTL_RETRY; /* the keyboard stays on the exercise: on "Try again" */
    x->focus_idx = 1;
    x->reveal = 1;
}

/* Ordering: the item at position k moves one place up (dir -1) or down, and the focus goes with it. */
static void move_item(App *a, int k, int dir)
{
    ExState *x = &a->ex;
    int j = k + dir;
    if (x->ans.checked || j < 0 || (size_t)j >= x->ans.n)
        return;
    int t = x->ans.v[k];
    x->ans.v[k] = x->ans.v[j];
    x->ans.v[j] = t;
    x->focus_idx = j;
    x->reveal = 1;
    save(a, 0);
    changed(a);
}

/* Activates control i (Space, Enter or a click). */
static void activate(App *a, size_t i, int dir)
{
    ExState *x = &a->ex;
    if (!x->ex || i >= x->n_ctl)
        return;
    ExCtl c = x->ctl[i];
    const Exercise *ex = x->ex;
    Answer *ans = &x->ans;
    int locked = ans->checked && c.kind != CTL_RETRY && c.kind != CTL_RESTART && c.kind != CTL_BACK;
    set_focus(a, (long)i);
    if (locked && c.kind != CTL_FIELD)
        return;
    switch (c.kind) {
    case CTL_OPTION:
        if (ex->type == EX_TRUE_FALSE)
            ans->v[0] = c.idx == 0;
        else if (ex->type == EX_SINGLE_CHOICE)
            for (size_t k = 0; k < ans->n; k++)
                ans->v[k] = (int)k == c.idx;
        else
            ans->v[c.idx] = !ans->v[c.idx];
        save(a, 0);
        break;
    case CTL_MATCH: { /* the next (or previous) right-hand side in the offered order, then none */
        size_t n = ex->n_options;
        long at = -1;
        for (size_t k = 0; k < n && x->order; k++)
            if (x->order[k] == ans->v[c.idx])
                at = (long)k;
        for (size_t step = 0; step <= n; step++) { /* skipping sides other lines already have */
            at += dir;
            if (at < -1)
                at = (long)n - 1;
            if (at >= (long)n)
                at = -1;
            int used = 0;
            for (size_t r = 0; at >= 0 && x->order && r < n; r++)
                used |= r != (size_t)c.idx && ans->v[r] == x->order[at];
            if (!used)
                break;
        }
        ans->v[c.idx] = at < 0 || !x->order ? -1 : x->order[at];
        save(a, 0);
        break;
    }
    case CTL_PICK: { /* a letter for a line: picked (taken from a line that had it), or dropped when picked again */
        size_t row = (size_t)c.idx / 64, k = (size_t)c.idx % 64;
        if (!x->order || row >= ans->n || k >= ex->n_options)
            break;
        int side = x->order[k];
        if (ans->v[row] == side) {
            ans->v[row] = -1;
        } else {
            for (size_t r = 0; r < ans->n; r++)
                if (ans->v[r] == side)
                    ans->v[r] = -1;
            ans->v[row] = side;
        }
        save(a, 0);
        break;
    }
    case CTL_UP:
    case CTL_DOWN:
        move_item(a, c.idx, c.kind == CTL_UP ? -1 : 1); /* the focus (this button) follows its item */
        break;
    case CTL_CHECK:
    case CTL_DONE:
        check(a);
        break;
    case CTL_RETRY:
        ans->checked = 0;
        save(a, 0);
        x->focus_kind = -1;
        break;
    case CTL_CHOICE:
        if (answer_scenario_choose(ex, ans, (size_t)c.idx) == 0) {
            const ExNode *nd = answer_scenario_node(ex, ans);
            x->focus_kind = nd && nd->ending ? CTL_RESTART : CTL_CHOICE;
            x->focus_idx = nd && nd->ending ? 1 : 0;
            if (nd && nd->ending) {
                ans->checked = 1;
                save(a, 1);
            } else {
                save(a, 0);
            }
        }
        break;
    case CTL_BACK:
        answer_scenario_back(ans);
        if (ans->n == 0)
            x->focus_kind = CTL_CHOICE, x->focus_idx = 0;
        save(a, 0);
        break;
    case CTL_RESTART:
        ans->n = 0;
        ans->checked = 0;
        x->focus_kind = CTL_CHOICE;
        x->focus_idx = 0;
        save(a, 0);
        break;
    case CTL_ORDER:
    case CTL_FIELD:
        break;
    }
    changed(a);
}

static TextEdit *typing_field(const App *a)
{
    const ExState *x = &a->ex;
    if (!x->ex || x->ans.checked || x->focus_kind != CTL_FIELD || x->focus_idx < 0 || (size_t)x->focus_idx >= x->n_edit)
        return NULL;
    return &x->edit[x->focus_idx];
}

int exv_typing(const App *a)
{
    return a->screen == SCREEN_READER && !app_progress_shown(a) && a->ex.item == (long)a->item &&
           typing_field(a) != NULL;
}

static void typed(App *a)
{
    ExState *x = &a->ex;
    x->text_dirty = 1;
    x->save_at = a->now + TEXT_SAVE_MS;
    x->reveal = 1;
    changed(a);
}

/* Keys for the focused text field. Returns 1 when taken. */
static int field_key(App *a, TextEdit *t, int key, unsigned mods)
{
    char *copied = NULL;
    TeKey r = te_key(t, a->fonts, key, mods, &copied);
    if (copied)
        app_set_clipboard(a, copied);
    free(copied);
    if (r == TE_KEY_FULL)
        app_set_status(a, "%s", _("This answer is as long as an answer can be."));
    if (r == TE_KEY_EDITED || r == TE_KEY_FULL) {
        typed(a);
        return 1;
    }
    if (r == TE_KEY_MOVED) {
        a->ex.reveal = 1;
        changed(a);
        return 1;
    }
    if (mods & MOD_CTRL)
        return key != 'q'; /* Ctrl+Q still quits; other shortcuts would surprise in the middle of typing */
    if (key == KEY_ESCAPE || key == KEY_TAB || key == KEY_ENTER || key == KEY_UP || key == KEY_DOWN)
        return 0;         /* leave the field, go to the next blank or control */
    return key < 0x10000; /* printable keys arrive as text (UI_TEXT); the key itself is only swallowed here */
}

/* The next control from the focus in direction 'dir' (wrapping). Tab visits every control; the arrow keys ('rows')
   skip the Up and Down buttons of ordering rows, so they move from row to row. */
static long next_ctl(const App *a, int dir, int rows)
{
    const ExState *x = &a->ex;
    long n = (long)x->n_ctl;
    if (n == 0)
        return -1;
    long i = x->focus < 0 ? (dir > 0 ? -1 : n) : x->focus;
    for (long k = 0; k < n; k++) {
        i = (i + dir + n) % n;
        if (!rows || (x->ctl[i].kind != CTL_UP && x->ctl[i].kind != CTL_DOWN && x->ctl[i].kind != CTL_PICK))
            return i;
    }
    return -1;
}

/* Ctrl+Enter: check the answer (or mark it done) from anywhere in the exercise. */
static int check_key(App *a)
{
    ExState *x = &a->ex;
    if (x->ans.checked || x->ex->type == EX_SCENARIO)
        return 0;
    for (size_t i = 0; i < x->n_ctl; i++)
        if (x->ctl[i].kind == CTL_CHECK || x->ctl[i].kind == CTL_DONE) {
            activate(a, i, 1);
            return 1;
        }
    return 0;
}

int exv_key(App *a, int key, unsigned mods)
{
    ExState *x = &a->ex;
    if (a->screen != SCREEN_READER || app_progress_shown(a) || !x->ex || x->item != (long)a->item)
        return 0;
    x->rep_x = -1; /* a key between two clicks: the second is a click of its own */
    if (key == KEY_ENTER && (mods & MOD_CTRL))
        return check_key(a);
    TextEdit *t = typing_field(a);
    if (t && field_key(a, t, key, mods))
        return 1;
    if (t && key == KEY_ENTER && (size_t)x->focus_idx + 1 < x->n_edit) { /* Enter in a blank: the next blank */
        int next = x->focus_idx + 1;
        for (size_t i = 0; i < x->n_ctl; i++)
            if (x->ctl[i].kind == CTL_FIELD && x->ctl[i].idx == next) {
                set_focus(a, (long)i);
                break;
            }
        return 1;
    }
    if (t && key == KEY_ENTER) {
        for (size_t i = 0; i < x->n_ctl; i++)
            if (x->ctl[i].kind == CTL_CHECK)
                activate(a, i, 1);
        return 1;
    }
    if (mods & MOD_CTRL)
        return 0;
    int has = x->focus >= 0 && (size_t)x->focus < x->n_ctl;
    int kind = has ? x->ctl[x->focus].kind : -1;
    switch (key) {
    case KEY_TAB:
        set_focus(a, next_ctl(a, (mods & MOD_SHIFT) ? -1 : 1, 0));
        return 1;
    case KEY_UP:
    case KEY_DOWN:
        if (!has)
            return 0;
        if ((mods & MOD_ALT) && kind == CTL_ORDER) {
            move_item(a, x->ctl[x->focus].idx, key == KEY_UP ? -1 : 1);
            return 1;
        }
        set_focus(a, next_ctl(a, key == KEY_UP ? -1 : 1, 1));
        return 1;
    case KEY_LEFT:
    case KEY_RIGHT:
        if (has && kind == CTL_MATCH && !(mods & MOD_ALT)) {
            activate(a, (size_t)x->focus, key == KEY_LEFT ? -1 : 1);
            return 1;
        }
        return 0;
    case ' ':
    case KEY_ENTER:
        if (!has)
            return 0;
        if (kind == CTL_FIELD || kind == CTL_ORDER) {
            x->reveal = 1;
            changed(a);
            return 1;
        }
        activate(a, (size_t)x->focus, 1);
        return 1;
    case KEY_ESCAPE:
        if (!has)
            return 0;
        set_focus(a, -1);
        return 1;
    default:
        if (has && (kind == CTL_MATCH || kind == CTL_PICK) && key >= 'a' && key <= 'z' && !(mods & MOD_CTRL)) {
            int row = kind == CTL_MATCH ? x->ctl[x->focus].idx : x->ctl[x->focus].idx / 64;
            long line = -1;
            for (size_t i = 0; i < x->n_ctl; i++)
                if (x->ctl[i].kind == CTL_MATCH && x->ctl[i].idx == row)
                    line = (long)i;
            for (size_t i = 0; i < x->n_ctl; i++) /* the letter picks that choice for the line with the focus */
                if (x->ctl[i].kind == CTL_PICK && x->ctl[i].idx == row * 64 + (key - 'a')) {
                    activate(a, i, 1);
                    if (line >= 0)
                        set_focus(a, line); /* the keyboard stays on the line: Up and Down go to the next */
                    break;
                }
            return 1;
        }
        if (key >= '1' && key <= '9') { /* a number picks the option or choice with that number */
            for (size_t i = 0; i < x->n_ctl; i++)
                if ((x->ctl[i].kind == CTL_OPTION || x->ctl[i].kind == CTL_CHOICE) && x->ctl[i].idx == key - '1') {
                    activate(a, i, 1);
                    return 1;
                }
        }
        return 0;
    }
}

void exv_text(App *a, const char *text)
{
    TextEdit *t = exv_typing(a) ? typing_field(a) : NULL;
    if (!t)
        return;
    a->ex.compose[0] = '\0';
    if (te_insert(t, text) != 0)
        app_set_status(a, "%s", _("This answer is as long as an answer can be."));
    typed(a);
}

void exv_compose(App *a, const char *text)
{
    if (!exv_typing(a))
        return;
    snprintf(a->ex.compose, sizeof a->ex.compose, "%s", text ? text : "");
    changed(a);
}

/* The offset in field control c nearest to screen point (x, y). */
static size_t field_offset(App *a, const ExCtl *c, int x, int y)
{
    TextEdit *t = &a->ex.edit[c->idx];
    int pad = a->page_px / 2;
    /* screen -> page -> field */
    int px = x - a->col_x - c->x - pad, py = y - (a->view_y + a->pad_top - a->scroll) - c->y - pad;
    return te_offset_at(t, a->fonts, px, py);
}

void exv_click(App *a, long ctl, int x, int y)
{
    ExState *ex = &a->ex;
    if (ctl < 0 || (size_t)ctl >= ex->n_ctl)
        return;
    ExCtl c = ex->ctl[ctl];
    if (c.kind == CTL_FIELD && (size_t)c.idx < ex->n_edit) {
        set_focus(a, ctl);
        TextEdit *t = &ex->edit[c.idx];
        t->cursor = t->anchor = field_offset(a, &c, x, y);
        t->goal_x = -1;
        ex->dragging = 1; /* a drag from here selects */
        return;
    }
    if (c.kind == CTL_MATCH) { /* a click on a line's text takes the keyboard there; its letters pick */
        set_focus(a, ctl);
        return;
    }
    if (c.kind == CTL_ORDER) { /* the item is taken: moving the mouse drags it (exv_drag) */
        set_focus(a, ctl);
        ex->grab = c.idx;
        ex->grab_y = y;
        ex->lifted = 0;
        ex->dragging = 1;
        ex->rep_x = -1;
        return;
    }
    if ((c.kind == CTL_UP || c.kind == CTL_DOWN) && x == ex->rep_x && y == ex->rep_y && c.kind == ex->focus_kind) {
        /* Up clicked again where it was: the item it moved is no longer under the mouse (the one it passed is), so
           the click goes on with the item that moved, which the focus followed (review B9) */
        move_item(a, ex->focus_idx, c.kind == CTL_UP ? -1 : 1);
        return;
    }
    ex->rep_x = -1;
    activate(a, (size_t)ctl, 1);
    if (c.kind == CTL_UP || c.kind == CTL_DOWN) {
        ex->rep_x = x;
        ex->rep_y = y;
    }
}

/* Dragging an item to order: once the mouse has moved a little, the item passes a neighbour when the mouse passes
   the middle of that neighbour's row, one place per move (the rows are laid out again between moves), so rows of
   different heights do not swap back and forth. */
static void drag_item(App *a, int y, int done)
{
    ExState *ex = &a->ex;
    if (!ex->lifted && abs(y - ex->grab_y) >= a->page_px / 2) {
        ex->lifted = 1;
        changed(a); /* drawn as carried */
    }
    if (ex->lifted && !done) {
        int py = y - (a->view_y + a->pad_top - a->scroll); /* window -> page */
        for (size_t i = 0; i < ex->n_ctl; i++) {
            const ExCtl *c = &ex->ctl[i];
            if (c->kind != CTL_ORDER)
                continue;
            int mid = c->y + c->h / 2;
            if ((c->idx == ex->grab - 1 && py < mid) || (c->idx == ex->grab + 1 && py > mid)) {
                int dir = c->idx - ex->grab;
                move_item(a, ex->grab, dir);
                ex->grab += dir;
                break;
            }
        }
    }
    if (done) {
        if (ex->lifted)
            changed(a);
        ex->grab = -1;
        ex->lifted = 0;
        ex->dragging = 0;
    }
}

void exv_drag(App *a, int x, int y, int done)
{
    ExState *ex = &a->ex;
    ex->rep_x = -1; /* the mouse moved: a click is where it is again */
    if (ex->dragging && ex->grab >= 0) {
        drag_item(a, y, done);
        return;
    }
    TextEdit *t = exv_typing(a) ? typing_field(a) : NULL;
    if (!ex->dragging || !t || ex->focus < 0) {
        ex->dragging = 0;
        return;
    }
    size_t off = field_offset(a, &ex->ctl[ex->focus], x, y);
    if (off != t->cursor) {
        t->cursor = off;
        changed(a);
    }
    if (done)
        ex->dragging = 0;
}

int exv_tick(App *a)
{
    ExState *x = &a->ex;
    if (!x->text_dirty)
        return -1;
    if ((int32_t)(a->now - x->save_at) >= 0) {
        save(a, 0);
        return -1;
    }
    return (int)(x->save_at - a->now);
}

int exv_cursor(App *a, int *x, int *y, int *h)
{
    TextEdit *t = exv_typing(a) ? typing_field(a) : NULL;
    ExState *ex = &a->ex;
    if (!t || ex->focus < 0)
        return 0;
    const ExCtl *c = &ex->ctl[ex->focus];
    int cx, cy, pad = a->page_px / 2;
    te_point(t, a->fonts, t->cursor, &cx, &cy);
    *x = a->col_x + c->x + pad + cx;
    *y = a->view_y + a->pad_top - a->scroll + c->y + pad + cy;
    *h = t->line_h;
    return 1;
}

/* ---- progress ---------------------------------------------------------------------------------------------------- */

ExTally exv_tally(App *a, long lesson)
{
    ExTally t = {0, 0, 0, 0};
    if (!a->m)
        return t;
    double sum = 0;
    for (size_t i = 0; i < a->n_flat; i++) {
        if (lesson >= 0 && a->flat[i].lesson != (size_t)lesson)
            continue;
        const Item *it = app_flat_item(a, i);
        if (it->kind != ITEM_EXERCISE)
            continue;
        t.exercises++;
        ProgressAnswer pa;
        if (!progress_load_answer(a->prog, a->m->id, it->id, &pa))
            continue;
        if (pa.checked)
            t.done++;
        if (pa.checked && pa.score >= 0) {
            t.scored++;
            sum += pa.score;
        }
        progress_answer_free(&pa);
    }
    t.score = t.scored ? sum / (double)t.scored : 0;
    return t;
}
