/* view_presenter: lecturer mode. The lecturer's window shows what the room sees (small, or full size on one
   display), the next item, the time on this item and the lesson against the plan, a clock, the group timer,
   show-of-hands counts, and the notes: the pack's lecturer notes, the activity's plan, the lecturer's own notes and
   colleagues' notes. The room's window (view_audience.c) shows only the item. */
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/activity.h"
#include "core/lessonplan.h"
#include "core/notes.h"
#include "core/strbuf.h"
#include "os/os.h"
#include "ui/app_impl.h"

/* ---- state ------------------------------------------------------------------------------------------------------- */

static void lesson_range(App *a)
{
    size_t l = a->flat[a->item].lesson, first = a->item, end = a->item + 1;
    while (first > 0 && a->flat[first - 1].lesson == l)
        first--;
    while (end < a->n_flat && a->flat[end].lesson == l)
        end++;
    /* the lesson's plan (its optional items are extra) */
    pres_set_lesson(&a->pres, first, end, l < a->m->n_lessons ? manifest_lesson_minutes(&a->m->lessons[l]) : 0);
}

static void note_finish(App *a)
{
    if (!a->con.note_editing)
        return;
    a->con.note_editing = 0;
    const Item *it = app_flat_item(a, a->item);
    if (!it || a->opt.readonly)
        return;
    Err e;
    err_clear(&e);
    app_progress_result(a, progress_set_note(a->prog, a->m->id, it->id, te_text(&a->con.note_edit), &e), &e);
}

static void changed(App *a)
{
    a->room.gen++;
    a->room.dirty = 1;
    a->dirty = 1;
}

static void pres_goto(App *a, size_t i)
{
    if (i >= a->n_flat)
        return;
    note_finish(a);
    if (i != a->item)
        app_navigate(a, i);
    pres_go(&a->pres, i, a->now);
    lesson_range(a);
    a->room.scroll = 0;
    a->con.notes_scroll = 0;
    changed(a);
}

void app_present(App *a, int on)
{
    if (on == app_presenting(a) || (on && (!a->m || a->n_flat == 0)))
        return;
    if (on) {
        int *planned = calloc(a->n_flat, sizeof *planned);
        for (size_t i = 0; planned && i < a->n_flat; i++)
            planned[i] = app_flat_item(a, i)->duration;
        int n = a->pres.n_displays > 0 ? a->pres.n_displays : 1;
        if (!planned || pres_init(&a->pres, a->n_flat, planned, a->item, a->now) != 0) {
            free(planned);
            app_set_status(a, "%s", _("Out of memory."));
            return;
        }
        free(planned);
        pres_set_displays(&a->pres, n);
        /* counts recorded in an earlier class come back */
        for (size_t i = 0; i < a->n_flat; i++)
            for (int k = 0; k < 9; k++)
                pres_hands_set(&a->pres, i, (size_t)k, progress_hands(a->prog, a->m->id, app_flat_item(a, i)->id, k));
        lesson_range(a);
        exv_leave(a);
        app_close_summary(a);
        app_push(a, &CONSOLE_SCREEN);
        a->con.notes_zoom = a->con.notes_zoom ? a->con.notes_zoom : 100;
        a->room.scroll = 0;
        view_audience_drop(a);
        changed(a);
    } else {
        app_pop(a, &CONSOLE_SCREEN); /* and the list of items over it; console_closed ends the lecture */
    }
}

/* The console was taken off the stack (lecture mode stopped, or the pack closed): the lecture ends. */
static void console_closed(App *a)
{
    note_finish(a);
    app_present_drop_notes(a);
    int n = a->pres.n_displays;
    pres_free(&a->pres);
    a->pres.n_displays = n; /* remembered for the next lecture */
    view_audience_drop(a);
    a->page_valid = 0;
    changed(a);
}

/* Next and previous: a long item scrolls on the audience screen first, as the reader's Space does. */
static void step(App *a, int dir)
{
    int col, px;
    view_audience_metrics(a->room.w > 0 ? a->room.w : a->w, a->room.h > 0 ? a->room.h : a->h, &col, &px);
    int view = a->room.view > 0 ? a->room.view : (a->room.h > 0 ? a->room.h : a->h) - 6 * px;
    int max = a->room.big.valid ? a->room.big.l.height - view : 0;
    if (dir > 0 && a->room.scroll < max) {
        a->room.scroll += view * 4 / 5;
    } else if (dir < 0 && a->room.scroll > 0) {
        a->room.scroll -= view * 4 / 5;
        if (a->room.scroll < 0)
            a->room.scroll = 0;
    } else if (dir > 0 && a->item + 1 < a->n_flat) {
        pres_goto(a, a->item + 1);
    } else if (dir < 0 && a->item > 0) {
        pres_goto(a, a->item - 1);
    }
    changed(a);
}

/* T: the group timer of this item (pres_timer_key): a discussion's minutes, else the item's planned time, else five
   minutes. */
static void timer_key(App *a)
{
    int minutes = app_flat_item(a, a->item)->duration;
    Err e;
    Exercise *ex = exv_load(a, a->item, &e);
    if (ex && ex->type == EX_DISCUSSION && ex->minutes > 0)
        minutes = ex->minutes;
    exercise_free(ex);
    pres_timer_key(&a->pres, minutes > 0 ? minutes : 5, a->now);
    changed(a);
}

static void hands(App *a, int k, int delta)
{
    pres_hands_add(&a->pres, (size_t)k, delta);
    const Item *it = app_flat_item(a, a->item);
    Err e;
    err_clear(&e);
    if (it && !a->opt.readonly)
        app_progress_result(
            a, progress_set_hands(a->prog, a->m->id, it->id, k, pres_hands(&a->pres, a->item, (size_t)k), &e), &e);
    changed(a);
}

static void note_start(App *a)
{
    const Item *it = app_flat_item(a, a->item);
    if (!it)
        return;
    char *own = progress_note(a->prog, a->m->id, it->id);
    te_free(&a->con.note_edit);
    te_init(&a->con.note_edit, 1);
    te_set(&a->con.note_edit, own ? own : "");
    free(own);
    a->con.note_editing = 1;
    changed(a);
}

static int note_key(App *a, int key, unsigned mods)
{
    if (key == KEY_ESCAPE || (key == KEY_ENTER && (mods & MOD_CTRL))) {
        note_finish(a);
    } else {
        char *copied = NULL;
        TeKey r = te_key(&a->con.note_edit, a->fonts, key, mods, &copied);
        if (copied)
            app_set_clipboard(a, copied);
        free(copied);
        if (r == TE_KEY_IGNORED && (mods & MOD_CTRL) && key == 'q')
            return 0; /* Ctrl+Q still quits */
    }
    a->dirty = 1;
    return 1; /* characters come as text */
}

int app_present_key(App *a, int key, unsigned mods)
{
    if (!app_presenting(a))
        return 0;
    if (a->con.note_editing)
        return note_key(a, key, mods);
    if (mods & MOD_CTRL)
        return 0;
    if (key >= '1' && key <= '9') {
        hands(a, key - '1', (mods & MOD_ALT) ? -1 : 1);
        return 1;
    }
    switch (key) {
    case KEY_PAGEDOWN:
    case KEY_RIGHT:
    case KEY_DOWN:
    case ' ':
        step(a, (mods & MOD_SHIFT) && key == ' ' ? -1 : 1);
        break;
    case KEY_PAGEUP:
    case KEY_LEFT:
    case KEY_UP:
    case KEY_BACKSPACE:
        step(a, -1);
        break;
    case KEY_HOME:
        pres_goto(a, a->pres.lesson_first);
        break;
    case 'b':
    case '.':
        pres_toggle_screen(&a->pres, PRES_BLACK);
        break;
    case 'w':
        pres_toggle_screen(&a->pres, PRES_WHITE);
        break;
    case 'r':
        pres_toggle_reveal(&a->pres);
        break;
    case 't':
        timer_key(a);
        break;
    case 'k':
        pres_timer_keep(&a->pres);
        changed(a);
        break;
    case 'g':
        app_push(a, &JUMP_LIST);
        a->jump.sel = (long)a->item;
        break;
    case 's':
        pres_swap_display(&a->pres);
        break;
    case 'a':
        a->pres.audience_only = !a->pres.audience_only;
        break;
    case 'n':
        note_start(a);
        break;
    case '+':
    case '=':
    case '-':
        a->con.notes_zoom += key == '-' ? -10 : 10;
        a->con.notes_zoom = a->con.notes_zoom < 60 ? 60 : a->con.notes_zoom > 250 ? 250 : a->con.notes_zoom;
        break;
    case KEY_ESCAPE:
    case KEY_F5:
        app_present(a, 0);
        break;
    default:
        return 1; /* in front of a room, stray keys do nothing */
    }
    changed(a);
    return 1;
}

/* ---- the lecturer's window ------------------------------------------------------------------------------------- */

typedef struct {
    App *a;
    DisplayList *dl;
    int x, w, y, px;
    const char *lang;
} Panel;

static int ptext(Panel *p, const char *s, int face, float size, int color)
{
    SpanStyle st = {.fonts = p->a->fonts, .line_height = 1.35f, .max_lines = 0, .align = ALIGN_LEFT};
    Span sp = {s, strlen(s), face, (int)lroundf(p->px * size), color, 0};
    int h = layout_spans(&st, &sp, 1, p->x, p->y, p->w, p->dl);
    p->y += h;
    return h;
}

/* Markdown in the panel. */
static void pmd(Panel *p, const char *s)
{
    if (!s || !s[0])
        return;
    Err e;
    err_clear(&e);
    Layout body;
    LayoutParams lp = {p->a->fonts, p->lang, p->w, p->px, NULL, NULL, p->a->hyph};
    if (layout_markdown(s, &lp, &body, &e) == 0) {
        layout_append_unlinked(p->dl, &body, p->x, p->y);
        p->y += body.height;
    }
    layout_free(&body);
}

static void heading(Panel *p, const char *s)
{
    p->y += p->px * 3 / 4;
    ptext(p, s, FACE_SANS_BOLD, 0.85f, COL_ACCENT);
}

static void list(Panel *p, const char *title, const StrList *l, int numbered)
{
    if (!l->n)
        return;
    heading(p, title);
    for (size_t i = 0; i < l->n; i++) {
        char m[16];
        snprintf(m, sizeof m, numbered ? "%zu." : "\xe2\x80\xa2", i + 1);
        Panel q = *p;
        q.w = p->px * 2;
        ptext(&q, m, FACE_SANS, 1.0f, COL_MUTED);
        Panel r = *p;
        r.x += p->px * 2;
        r.w -= p->px * 2;
        pmd(&r, l->v[i]);
        p->y = r.y;
    }
}

static void imported_note(void *user, const char *item, const char *source, const char *text)
{
    (void)item;
    Panel *p = user;
    char t[200];
    snprintf(t, sizeof t, _("Notes from %s"), source ? source : "?");
    heading(p, t);
    pmd(p, text);
}

/* The pack's lecturer notes, the activity's plan, my notes and colleagues' notes, in the panel. */
/* The pack's notes and the activity of the current item, read once per item (the panel is drawn every second). */
static void load_notes(App *a)
{
    if (a->con.notes_item == (long)a->item)
        return;
    free(a->con.notes);
    activity_free(a->con.act);
    a->con.notes = NULL;
    a->con.act = NULL;
    a->con.notes_item = (long)a->item;
    const Item *it = app_flat_item(a, a->item);
    const LviewItem *vi = a->view && a->item < a->view->n_items ? &a->view->items[a->item] : NULL;
    PackLimits lim;
    pack_limits_default(&lim);
    Err e, label;
    err_clear(&e);
    err_clear(&label);
    size_t len = 0;
    if (it->notes && vi && vi->notes_pack &&
        pack_read(vi->notes_pack, it->notes, lim.max_markdown_size, &a->con.notes, &len, &e) != 0)
        a->con.notes = NULL;
    char *buf = NULL;
    if (it->kind == ITEM_ACTIVITY &&
        pack_read(app_item_pack(a, a->item), it->file, lim.max_json_size, &buf, &len, &e) == 0)
        activity_parse(buf, len, &lim, &label, it->file, NULL, &a->con.act, &e);
    free(buf);
}

void app_present_drop_notes(App *a)
{
    free(a->con.notes);
    activity_free(a->con.act);
    a->con.notes = NULL;
    a->con.act = NULL;
    a->con.notes_item = -1;
}

static void notes(Panel *p)
{
    App *a = p->a;
    const Item *it = app_flat_item(a, a->item);
    load_notes(a);
    if (a->con.notes) {
        heading(p, _("Lecturer notes"));
        pmd(p, a->con.notes);
    }
    {
        const Activity *act = a->con.act;
        if (act) {
            heading(p, _("Activity plan"));
            pmd(p, act->overview);
            char facts[200];
            snprintf(facts, sizeof facts, _("Complexity %d of 4"), act->complexity);
            ptext(p, facts, FACE_SANS, 0.85f, COL_MUTED);
            list(p, _("Objectives"), &act->objectives, 0);
            list(p, _("Materials"), &act->materials, 0);
            list(p, _("Preparation"), &act->preparation, 0);
            list(p, _("Instructions"), &act->instructions, 1);
            list(p, _("Debriefing and evaluation"), &act->debriefing, 0);
            list(p, _("Tips for facilitators"), &act->tips, 0);
        }
    }
    heading(p, _("My notes"));
    if (a->con.note_editing) {
        int pad = p->px / 2;
        int th = te_layout(&a->con.note_edit, a->fonts, FACE_SERIF, p->px, p->w - 2 * pad, 1.4f);
        if (th < a->con.note_edit.line_h * 4)
            th = a->con.note_edit.line_h * 4;
        dl_rect(p->dl, p->x, p->y, p->w, th + 2 * pad, COL_CARD);
        dl_frame(p->dl, p->x, p->y, p->w, th + 2 * pad, 2, COL_LINK);
        te_draw(&a->con.note_edit, a->fonts, p->dl, p->x + pad, p->y + pad, 1, NULL);
        p->y += th + 2 * pad;
        ptext(p, _("Esc or Ctrl+Enter: done."), FACE_SANS, 0.75f, COL_MUTED);
    } else {
        char *own = progress_note(a->prog, a->m->id, it->id);
        if (own)
            pmd(p, own);
        else
            ptext(p, _("None yet: press N to write one."), FACE_SANS, 0.85f, COL_MUTED);
        free(own);
    }
    progress_each_imported(a->prog, a->m->id, it->id, imported_note, p);
}

static int button(App *a, int x, int y, const char *label, Action act, long arg)
{
    return view_button(a, x, y, (int)(app_ui_px(a) * 2.6f), label, act, arg, 0);
}

/* Time on this item, the lesson against its plan, the clock; the group timer; then hands. */
static void timers(App *a, Panel *p)
{
    char el[32], pl[32], line[200];
    uint64_t e = pres_item_elapsed(&a->pres, a->item, a->now), plan = pres_item_planned(&a->pres, a->item);
    pres_format_time((int64_t)e, el, sizeof el);
    if (plan) {
        pres_format_time((int64_t)plan, pl, sizeof pl);
        snprintf(line, sizeof line, _("This item: %s of %s"), el, pl);
    } else {
        snprintf(line, sizeof line, _("This item: %s"), el);
    }
    int over = pres_item_over(&a->pres, a->item, a->now);
    if (over) { /* a clear signal: the whole line in the error colour on its own band */
        char by[32];
        pres_format_time((int64_t)(e - plan), by, sizeof by);
        size_t n = strlen(line);
        snprintf(line + n, sizeof line - n, _(" \xe2\x80\x94 over by %s"), by);
        dl_rect(p->dl, p->x - p->px / 2, p->y, p->w + p->px, (int)(p->px * 1.5f), COL_ERROR);
    }
    ptext(p, line, FACE_SANS_BOLD, 1.0f, over ? COL_BG : COL_TEXT);
    pres_format_time((int64_t)pres_lesson_elapsed(&a->pres, a->now), el, sizeof el);
    pres_format_time((int64_t)pres_lesson_planned(&a->pres), pl, sizeof pl);
    snprintf(line, sizeof line, _("Lesson: %s of %s"), el, pl);
    int lover = pres_lesson_planned(&a->pres) && pres_lesson_elapsed(&a->pres, a->now) > pres_lesson_planned(&a->pres);
    ptext(p, line, FACE_SANS, 0.9f, lover ? COL_ERROR : COL_MUTED);
    if (pres_timer_exists(&a->pres)) {
        int64_t left = pres_timer_left(&a->pres, a->now);
        pres_format_time(left, el, sizeof el);
        const char *fmt = !pres_timer_shown(&a->pres) ? _("Group timer of another item: %s (K shows it here, T starts "
                                                          "this item's)")
                          : a->pres.timer_running     ? _("Group timer: %s (T pauses)")
                                                      : _("Group timer: %s (paused)");
        snprintf(line, sizeof line, fmt, el);
        ptext(p, line, FACE_SANS_BOLD, 0.9f, !pres_timer_shown(&a->pres) ? COL_MUTED : left < 0 ? COL_ERROR : COL_LINK);
        if (a->pres.timer_kept)
            ptext(p, _("The room sees it on every item (K stops)."), FACE_SANS, 0.9f, COL_MUTED);
    }
}

static void hands_panel(App *a, Panel *p)
{
    Exercise *ex = a->room.ex;
    if (!ex || (ex->type != EX_SINGLE_CHOICE && ex->type != EX_MULTIPLE_CHOICE && ex->type != EX_TRUE_FALSE))
        return;
    heading(p, _("Show of hands (1-9 add one, Alt+1-9 take one away)"));
    size_t n = ex->type == EX_TRUE_FALSE ? 2 : ex->n_options;
    int ui = app_ui_px(a);
    for (size_t k = 0; k < n && k < 9; k++) {
        const char *t = ex->type == EX_TRUE_FALSE ? (k == 0 ? _("True") : _("False")) : ex->options[k].text;
        char line[300];
        int right = ex->type == EX_TRUE_FALSE ? (k == 0) == (ex->answer != 0) : ex->options[k].correct;
        snprintf(line, sizeof line, "%c%s  %d  \xc2\xb7  %s", (char)('A' + k), right ? " \xe2\x9c\x93" : "",
                 pres_hands(&a->pres, a->item, k), t); /* the right option marked for the lecturer only */
        int y = p->y;
        Panel q = *p;
        q.w = p->w - 6 * ui;
        SpanStyle st = {.fonts = a->fonts, .line_height = 1.3f, .max_lines = 1, .align = ALIGN_LEFT};
        Span sp = {line, strlen(line), FACE_SANS, p->px, COL_TEXT, 0};
        int h = layout_spans(&st, &sp, 1, q.x, y, q.w, p->dl);
        int bx = p->x + p->w - 5 * ui;
        bx += view_button(a, bx, y - ui / 2, h + ui, "\xe2\x88\x92", ACT_HANDS, (long)k * 2, 0);
        view_button(a, bx + ui / 2, y - ui / 2, h + ui, "+", ACT_HANDS, (long)k * 2 + 1, 0);
        p->y += h + ui / 2;
    }
}

/* The answer key of the exercise on screen, for the lecturer before revealing (review B7), in the letters and numbers
   the room sees: choices' right letters, true or false, each numbered left side's letter on the right, the right
   order as letters, each gap's accepted answers. */
static void answer_key(App *a, Panel *p)
{
    const Exercise *ex = a->room.ex;
    if (!ex || ex->type == EX_REFLECTION || ex->type == EX_DISCUSSION || ex->type == EX_SCENARIO)
        return;
    StrBuf b = {0};
    uint64_t seed = answer_seed(a->m->id, app_flat_item(a, a->item)->id);
    switch (ex->type) {
    case EX_SINGLE_CHOICE:
    case EX_MULTIPLE_CHOICE:
        for (size_t i = 0; i < ex->n_options && i < 26; i++)
            if (ex->options[i].correct)
                sb_putf(&b, "- **%c** %s\n", (char)('A' + i), ex->options[i].text);
        break;
    case EX_TRUE_FALSE:
        sb_putf(&b, "**%s**\n", ex->answer ? _("True") : _("False"));
        break;
    case EX_MATCHING: {
        int order[64];
        size_t n = ex->n_options < 64 ? ex->n_options : 64;
        answer_match_order(seed, order, n);
        for (size_t i = 0; i < n; i++)
            for (size_t k = 0; k < n && k < 26; k++)
                if ((size_t)order[k] == i)
                    sb_putf(&b, "%zu. %s \xe2\x86\x92 **%c** %s\n", i + 1, ex->options[i].text, (char)('A' + k),
                            ex->options[i].match);
        break;
    }
    case EX_ORDERING: {
        Answer start;
        if (answer_init(&start, ex, seed) != 0)
            break;
        for (size_t j = 0; j < start.n; j++) /* position j of the right order: the letter the room sees it under */
            for (size_t k = 0; k < start.n && k < 26; k++)
                if ((size_t)start.v[k] == j)
                    sb_putf(&b, "%zu. **%c** %s\n", j + 1, (char)('A' + k), ex->options[j].text);
        answer_free(&start);
        break;
    }
    case EX_FILL_BLANKS:
        for (size_t i = 0; i < ex->n_blanks; i++) {
            sb_putf(&b, "%zu. ", i + 1);
            for (size_t k = 0; k < ex->blanks[i].n_answers; k++)
                sb_putf(&b, "%s**%s**", k ? _(" or ") : "", ex->blanks[i].answers[k]);
            sb_put(&b, "\n");
        }
        break;
    default:
        break;
    }
    char *md = sb_take(&b);
    if (md && md[0]) {
        heading(p, pres_revealed(&a->pres, a->item) ? _("Answer key (the room sees it)")
                                                    : _("Answer key (only you see it; R shows it to the room)"));
        pmd(p, md);
    }
    free(md);
}

static void top(App *a)
{
    int ui = app_ui_px(a), h = a->top_h;
    DisplayList *dl = &a->frame;
    dl_rect(dl, 0, 0, a->w, h, COL_PANEL);
    dl_rect(dl, 0, h - 1, a->w, 1, COL_RULE);
    int x = ui / 2;
    x += view_button(a, x, 0, h, _("\xe2\x80\xb9 Stop presenting"), ACT_PRESENT, 0, 0);
    x += view_button(a, x, 0, h, _("Items (G)"), ACT_PRES_KEY, 'g', app_is_open(a, &JUMP_LIST));
    /* what the audience sees now, in words, and the clock */
    const char *state = a->pres.screen == PRES_BLACK       ? _("Audience: black screen")
                        : a->pres.screen == PRES_WHITE     ? _("Audience: white screen")
                        : pres_revealed(&a->pres, a->item) ? _("Audience: answers shown")
                                                           : _("Audience: the item");
    char where[200] = "";
    if (a->pres.n_displays > 1)
        snprintf(where, sizeof where, _(" \xc2\xb7 on display %d (S swaps)"), a->pres.audience_display + 1);
    else
        snprintf(where, sizeof where, "%s", a->pres.audience_only ? _(" \xc2\xb7 full window (A)") : "");
    char line[400];
    snprintf(line, sizeof line, "%s%s", state, where);
    time_t now = a->con.wall_base ? (time_t)(a->con.wall_base + a->now / 1000) : time(NULL);
    struct tm tm;
    char clock[16] = "";
    if (os_localtime(now, &tm) == 0)
        strftime(clock, sizeof clock, "%H:%M", &tm);
    FontMetrics m;
    fonts_metrics(a->fonts, FACE_SANS_BOLD, (int)(ui * 1.3f), &m);
    int cw = fonts_width(a->fonts, FACE_SANS_BOLD, (int)(ui * 1.3f), clock, strlen(clock));
    dl_text(dl, a->w - cw - ui, (h - m.height) / 2, cw, m.height, FACE_SANS_BOLD, (int)(ui * 1.3f), COL_PANEL_TEXT,
            clock, strlen(clock));
    SpanStyle st = {.fonts = a->fonts, .line_height = 1.0f, .max_lines = 1, .align = ALIGN_LEFT};
    Span s = {line, strlen(line), FACE_SANS, ui, a->pres.screen != PRES_SHOW ? COL_ERROR : COL_PANEL_TEXT, 0};
    FontMetrics sm;
    fonts_metrics(a->fonts, FACE_SANS, ui, &sm);
    if (a->w - cw - 3 * ui - x >= 4 * ui) /* in a narrow window the buttons and the clock come first */
        layout_spans(&st, &s, 1, x + ui, (h - sm.height) / 2, a->w - cw - 3 * ui - x, dl);
}

/* The room's view drawn into the lecturer's window at (x, y), w x h: a miniature, or full size. Returns the height
   used. */
static int room_view(App *a, int x, int y, int w, int h, int mini)
{
    DisplayList *dl = &a->frame;
    int aw = a->room.w > 0 && a->pres.n_displays > 1 ? a->room.w : w;
    int ah = a->room.w > 0 && a->pres.n_displays > 1 ? a->room.h : h;
    float k = mini ? (float)w / (float)aw : 1.0f;
    int bh = mini ? (int)(ah * k) : h;
    if (bh > h)
        bh = h;
    if (!mini) { /* one display: the room's own picture at this size (the same layout, scroll and timer) */
        DisplayList tmp = {0};
        view_audience_frame(a, &tmp, w, h);
        dl_clip(dl, x, y, w, h);
        dl_append(dl, &tmp, x, y, INT32_MIN / 2, INT32_MAX / 2, 0);
        dl_clip(dl, 0, 0, 0, 0);
        dl_frame(dl, x, y, w, h, 1, COL_RULE);
        dl_free(&tmp);
        return h;
    }
    if (a->pres.screen != PRES_SHOW) {
        dl_rect(dl, x, y, w, bh, a->pres.screen == PRES_BLACK ? COL_BLACK : COL_WHITE);
        dl_frame(dl, x, y, w, bh, 1, COL_RULE);
        return bh;
    }
    int col, px;
    view_audience_metrics(aw, ah, &col, &px);
    col = (int)(col * k);
    px = (int)(px * k) > 6 ? (int)(px * k) : 6;
    struct AudLayout *L = &a->room.small;
    if (!L->valid || L->w != col || L->px != px || L->gen != a->room.gen) {
        view_audience_layout(a, &L->l, col, px);
        L->w = col;
        L->px = px;
        L->gen = a->room.gen;
        L->valid = 1;
    }
    dl_rect(dl, x, y, w, bh, COL_BG);
    dl_clip(dl, x + 1, y + 1, w - 2, bh - 2);
    DisplayList band = {0}; /* the room's title band and timer, small */
    int top = view_audience_band(a, &band, w, col, px);
    dl_append(dl, &band, x, y, INT32_MIN / 2, INT32_MAX / 2, 0);
    dl_free(&band);
    int scroll = a->room.big.valid && a->room.big.px ? a->room.scroll * px / a->room.big.px : 0;
    dl_clip(dl, x + 1, y + top, w - 2, bh - top - 1);
    dl_append(dl, &L->l.dl, x + (w - col) / 2, y + top + px - scroll, scroll - px, scroll + bh, 0);
    dl_clip(dl, 0, 0, 0, 0);
    dl_frame(dl, x, y, w, bh, 1, COL_RULE);
    return bh;
}

int view_presenter(App *a)
{
    int ui = app_ui_px(a);
    DisplayList *dl = &a->frame;
    a->top_h = (int)(ui * 3.2f);
    if (a->pres.n_displays <= 1 && a->pres.audience_only) { /* the window is the projector's picture */
        a->room.w = a->w;
        a->room.h = a->h;
        view_audience_frame(a, dl, a->w, a->h);
        return 0; /* no status line over the projector's picture */
    }
    dl_rect(dl, 0, 0, a->w, a->h, COL_BG);
    /* side by side: the room's screen and what comes next on the left, the panel on the right; in a narrow window
       (a phone, a window beside another) one under the other, each the whole width */
    int stacked = a->w < 40 * ui;
    int gap = ui, lw = stacked ? a->w - gap : a->w * 58 / 100, rx = stacked ? gap : lw + gap;
    int rw = a->w - rx - gap;
    int y0 = a->top_h + gap;
    int lh = stacked ? (a->h - y0) * 2 / 5 : a->h - y0 - 4 * ui, ny;
    if (a->pres.n_displays > 1) {
        SpanStyle st = {.fonts = a->fonts, .line_height = 1.0f, .max_lines = 1, .align = ALIGN_LEFT};
        const char *l = _("The room sees:");
        Span s = {l, strlen(l), FACE_SANS, ui, COL_MUTED, 0};
        layout_spans(&st, &s, 1, gap, y0, lw - gap, dl);
        ny = y0 + ui * 2 + room_view(a, gap, y0 + ui * 2, lw - gap, lh - ui * 2, 1) + ui;
    } else {
        a->room.w = lw - gap;
        a->room.h = lh;
        ny = y0 + room_view(a, gap, y0, lw - gap, lh, 0) + ui;
    }
    const Item *next = a->item + 1 < a->n_flat ? app_flat_item(a, a->item + 1) : NULL;
    char nl[400];
    if (next && next->optional)
        snprintf(nl, sizeof nl, _("Next: %s (optional)"), next->title);
    else if (next)
        snprintf(nl, sizeof nl, _("Next: %s"), next->title);
    else
        snprintf(nl, sizeof nl, "%s", _("Next: the end of the pack"));
    SpanStyle st = {.fonts = a->fonts, .line_height = 1.2f, .max_lines = 2, .align = ALIGN_LEFT};
    Span s = {nl, strlen(nl), FACE_SANS_BOLD, ui, COL_TEXT, 0};
    int next_h = layout_spans(&st, &s, 1, gap, ny, lw - gap, dl);
    /* right (or below): times, then hands, notes and plan in a panel of their own that scrolls */
    int py = y0;
    if (stacked) {
        py = ny + next_h + ui / 2;
        dl_rect(dl, 0, py - ui / 4, a->w, 1, COL_RULE);
    } else {
        dl_rect(dl, rx - gap / 2, a->top_h, 1, a->h - a->top_h, COL_RULE);
    }
    const char *lang = a->view && a->item < a->view->n_items ? a->view->items[a->item].lang : a->m->language;
    Panel p = {a, dl, rx, rw, py, ui, lang};
    timers(a, &p);
    /* the panel's buttons, on as many rows as the panel's width needs (a Dutch label is long, a window narrow) */
    static const struct {
        const char *label;
        Action act;
    } buttons[] = {{N_("My notes\xe2\x80\xa6"), ACT_NOTE_EDIT},
                   {N_("Export notes\xe2\x80\xa6"), ACT_NOTES_EXPORT},
                   {N_("Import notes\xe2\x80\xa6"), ACT_NOTES_IMPORT},
                   {N_("Lesson plan\xe2\x80\xa6"), ACT_PLAN_EXPORT}};
    int by = p.y + ui / 2, bx = rx;
    for (size_t i = 0; i < sizeof buttons / sizeof *buttons; i++) {
        const char *l = _(buttons[i].label);
        int bw = view_button_width(a, l);
        if (bx > rx && bx + bw > rx + rw) {
            bx = rx;
            by += (int)(ui * 2.6f);
        }
        bx += button(a, bx, by, l, buttons[i].act, 0) + ui / 2;
    }
    int panel_top = by + (int)(ui * 2.6f) + ui / 2;
    a->con.notes_view_h = a->h - panel_top;
    dl_clip(dl, rx - gap / 4, panel_top, rw + gap / 2, a->con.notes_view_h);
    Panel q = {a, dl, rx, rw, panel_top - a->con.notes_scroll, ui * a->con.notes_zoom / 100, lang};
    hands_panel(a, &q);
    answer_key(a, &q);
    notes(&q);
    a->con.notes_h = q.y + a->con.notes_scroll - panel_top;
    dl_clip(dl, 0, 0, 0, 0);
    top(a);
    return 1;
}

/* ---- the audience window and the presenter's actions ----------------------------------------------------- */

int app_audience_display(const App *a)
{
    return app_presenting(a) && a->pres.n_displays > 1 ? a->pres.audience_display : -1;
}

const DisplayList *app_audience_frame(App *a)
{
    if (a->room.dirty || a->room.frame.n == 0) {
        dl_reset(&a->room.frame);
        view_audience_frame(a, &a->room.frame, a->room.w > 0 ? a->room.w : 1280, a->room.h > 0 ? a->room.h : 720);
        a->room.dirty = 0;
        a->room.built++;
    }
    return &a->room.frame;
}

int app_audience_dirty(const App *a)
{
    return a->room.dirty || a->room.built != a->room.drawn;
}

void app_audience_drawn(App *a)
{
    a->room.drawn = a->room.built;
}

void app_audience_size(App *a, int w, int h)
{
    if (w == a->room.w && h == a->room.h)
        return;
    a->room.w = w;
    a->room.h = h;
    changed(a);
}

static int notes_export_confirm(App *a, const char *path)
{
    Err e;
    err_clear(&e);
    int n = notes_export(a->prog, a->m->id, a->m->title, NULL, path, &e);
    if (n < 0)
        app_set_status(a, _("Your notes could not be saved to %s: %s"), path, e.msg);
    else
        app_set_status(a, ngettext("%d note was saved to %s.", "%d notes were saved to %s.", (unsigned long)n), n,
                       path);
    return n >= 0;
}

static int notes_import_confirm(App *a, const char *path)
{
    Err e;
    err_clear(&e);
    char source[NOTES_MAX_SOURCE + 1];
    int n = notes_import(a->prog, path, a->m->id, source, sizeof source, &e);
    if (n < 0) {
        char buf[1024];
        err_format(&e, buf, sizeof buf);
        app_set_status(a, _("These notes were not imported: %s"), buf);
        return 0;
    }
    app_set_status(a, ngettext("%d note from %s was imported.", "%d notes from %s were imported.", (unsigned long)n), n,
                   source);
    changed(a);
    return 1;
}

static int plan_confirm(App *a, const char *path)
{
    Err e;
    err_clear(&e);
    char *html = NULL;
    size_t lesson = a->n_flat ? a->flat[a->item].lesson : 0;
    /* where the lesson stands in a course of the library, when it is in one */
    char course[1200] = "";
    const char *lesson_id = lesson < a->m->n_lessons ? a->m->lessons[lesson].id : NULL;
    for (size_t i = 0; !course[0] && i < a->lib.n_courses; i++) {
        const Course *c = a->lib.courses[i].course;
        size_t s;
        if (c && course_find_lesson(c, a->m->id, lesson_id, &s))
            snprintf(course, sizeof course, _("Course \xe2\x80\x9c%s\xe2\x80\x9d, session %zu of %zu: %s"),
                     course_text(c, &c->title, i18n_language()), s + 1, c->n_sessions,
                     course_text(c, &c->sessions[s].title, i18n_language()));
    }
    if (plan_html(a->view, lesson, a->prog, course, &html, &e) != 0 ||
        userdir_write_atomic(path, html, strlen(html), &e) != 0) {
        app_set_status(a, _("The lesson plan could not be saved to %s: %s"), path, e.msg);
        free(html);
        return 0;
    }
    free(html);
    app_set_status(a, _("The lesson plan was saved to %s; open it in a browser to print it."), path);
    return 1;
}

/* Asks for the file of one of lecturer mode's file actions (notes out, notes in, the lesson plan). */
static void ask_file(App *a, Action act)
{
    static const DialogSpec notes_out = {
        .title = N_("Export my notes"),
        .text =
            N_("Your own notes on this pack are written to a .beseda-notes file you can give to a colleague, who sees "
               "them under the file's name: name it after yourself or a pseudonym (anna.beseda-notes). Type where to "
               "save it:"),
        .action = N_("Save"),
        .field = 1,
        .confirm = notes_export_confirm};
    static const DialogSpec notes_in = {
        .title = N_("Import a colleague's notes"),
        .text = N_("Notes from a .beseda-notes file are shown apart from your own, under their author's name. Type the "
                   "file's name:"),
        .action = N_("Import"),
        .field = 1,
        .confirm = notes_import_confirm};
    static const DialogSpec plan = {
        .title = N_("Print a lesson plan"),
        .text = N_(
            "The current lesson's plan (timings, materials, instructions, debriefing questions and notes) is written "
            "as a web page to print. Type where to save it:"),
        .action = N_("Save"),
        .field = 1,
        .confirm = plan_confirm};
    if (!a->m)
        return;
    char path[USERDIR_PATH + 400], name[300];
    if (act == ACT_NOTES_EXPORT) /* the name a colleague sees: the dialog asks for a pseudonym */
        snprintf(name, sizeof name, "%s.beseda-notes", _("my-notes"));
    else if (act == ACT_NOTES_IMPORT)
        snprintf(name, sizeof name, "%s", "");
    else
        app_file_name(a, a->n_flat ? a->m->lessons[a->flat[a->item].lesson].title : a->m->title, _("lesson plan"),
                      ".html", name, sizeof name);
    dialog_default_path(a, name, path, sizeof path);
    if (act == ACT_PLAN_EXPORT)
        dialog_ask_file(a, &plan, path, 1, _("Web page"), "*.html");
    else
        dialog_ask_file(a, act == ACT_NOTES_EXPORT ? &notes_out : &notes_in, path, act == ACT_NOTES_EXPORT,
                        _("Beseda notes"), "*.beseda-notes");
}

int app_present_action(App *a, const Hit *h)
{
    switch (h->action) {
    case ACT_PRESENT:
        app_present(a, !app_presenting(a));
        return 1;
    case ACT_PRES_KEY:
        app_present_key(a, (int)h->arg, 0);
        return 1;
    case ACT_HANDS:
        hands(a, (int)(h->arg / 2), h->arg % 2 ? 1 : -1);
        return 1;
    case ACT_NOTE_EDIT:
        if (a->con.note_editing)
            note_finish(a);
        else
            note_start(a);
        return 1;
    case ACT_NOTES_EXPORT:
    case ACT_NOTES_IMPORT:
    case ACT_PLAN_EXPORT:
        ask_file(a, h->action);
        return 1;
    default:
        return 0;
    }
}

/* ---- the lecturer's list of items: an overlay over the console (G) ------------------------------------------- */

static int jump_key(App *a, int key, unsigned mods)
{
    (void)mods;
    switch (key) {
    case KEY_UP:
        a->jump.sel = a->jump.sel > 0 ? a->jump.sel - 1 : 0;
        break;
    case KEY_DOWN:
        a->jump.sel = a->jump.sel + 1 < (long)a->n_flat ? a->jump.sel + 1 : a->jump.sel;
        break;
    case KEY_HOME:
        a->jump.sel = 0;
        break;
    case KEY_END:
        a->jump.sel = (long)a->n_flat - 1;
        break;
    case KEY_ENTER:
    case ' ':
        app_pop(a, &JUMP_LIST);
        pres_goto(a, (size_t)a->jump.sel);
        break;
    case KEY_ESCAPE:
    case 'g':
        app_pop(a, &JUMP_LIST);
        break;
    default:
        break;
    }
    a->dirty = 1;
    return SCR_TAKEN;
}

static int jump_press(App *a, const Hit *h, int x, int y)
{
    (void)x, (void)y;
    if (h->action == ACT_JUMP) {
        app_pop(a, &JUMP_LIST);
        pres_goto(a, (size_t)h->arg);
    }
    return 1;
}

static int jump_frame(App *a)
{
    int ui = app_ui_px(a), rh = (int)(ui * 2.0f);
    DisplayList *dl = &a->frame;
    app_hit(a, 0, 0, a->w, a->h, ACT_NOTHING, 0);
    int w = ui * 30 < a->w - 2 * ui ? ui * 30 : a->w - 2 * ui, h = a->h - a->top_h - ui;
    int x = ui, y = a->top_h;
    dl_rect(dl, x - 1, y - 1, w + 2, h + 2, COL_RULE);
    dl_rect(dl, x, y, w, h, COL_PANEL);
    int sel_y = (int)a->jump.sel * rh;
    if (sel_y - a->jump.scroll > h - 2 * rh)
        a->jump.scroll = sel_y - h + 2 * rh;
    if (sel_y < a->jump.scroll)
        a->jump.scroll = sel_y;
    dl_clip(dl, x, y, w, h);
    SpanStyle st = {.fonts = a->fonts, .line_height = 1.0f, .max_lines = 1, .align = ALIGN_LEFT};
    for (size_t i = 0; i < a->n_flat; i++) {
        int ry = y + (int)i * rh - a->jump.scroll;
        if (ry + rh < y || ry > y + h)
            continue;
        int sel = (long)i == a->jump.sel, cur = i == a->item;
        if (sel)
            dl_rect(dl, x, ry, w, rh, COL_SELECT);
        const Item *it = app_flat_item(a, i);
        char t[400];
        snprintf(t, sizeof t, "%s%zu. %s%s%s%s", cur ? "\xe2\x80\xa2 " : "", i + 1, it->title, it->optional ? " (" : "",
                 it->optional ? _("optional") : "", it->optional ? ")" : "");
        Span s = {t, strlen(t), cur ? FACE_SANS_BOLD : FACE_SANS, ui, sel ? COL_SELECT_TEXT : COL_PANEL_TEXT, 0};
        layout_spans(&st, &s, 1, x + ui, ry + (rh - ui * 13 / 10) / 2, w - 2 * ui, dl);
        app_hit(a, x, ry, w, rh, ACT_JUMP, (long)i);
    }
    dl_clip(dl, 0, 0, 0, 0);
    return 0;
}

const ScreenOps JUMP_LIST = {.name = "list of items", .key = jump_key, .press = jump_press, .frame = jump_frame};

/* ---- the console as a screen: over the reader, which takes what the console does not ------------------------- */

static int console_key(App *a, int key, unsigned mods)
{
    return app_present_key(a, key, mods) ? SCR_TAKEN : SCR_PASS;
}

static int console_text(App *a, const char *text)
{
    if (!a->con.note_editing)
        return 0; /* to an exercise on the page */
    te_insert(&a->con.note_edit, text);
    a->dirty = 1;
    return 1;
}

static int console_press(App *a, const Hit *h, int x, int y)
{
    (void)x, (void)y;
    return app_present_action(a, h);
}

/* The notes panel scrolls. */
static int console_wheel(App *a, int x, int y, int dy)
{
    (void)x, (void)y;
    a->con.notes_scroll -= dy * app_ui_px(a) * 3;
    int max = a->con.notes_h - a->con.notes_view_h + app_ui_px(a) * 2;
    a->con.notes_scroll = a->con.notes_scroll > max ? max : a->con.notes_scroll;
    a->con.notes_scroll = a->con.notes_scroll < 0 ? 0 : a->con.notes_scroll;
    a->dirty = 1;
    return 1;
}

const ScreenOps CONSOLE_SCREEN = {.name = APP_CONSOLE_NAME,
                                  .key = console_key,
                                  .text = console_text,
                                  .press = console_press,
                                  .frame = view_presenter,
                                  .wheel = console_wheel,
                                  .closed = console_closed,
                                  .opaque = 1};
