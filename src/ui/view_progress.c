/* view_progress: the progress page of a pack (per lesson: items read, exercises done, scores), the export of the
   learner's answers to a Markdown file they choose, and the dialogs that confirm forgetting data. */
#include <errno.h>
#include <limits.h>
#include <stdarg.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/strbuf.h"
#include "os/os.h"
#include "ui/app_impl.h"

/* ---- the page ------------------------------------------------------------------------------------------------ */

void app_show_summary(App *a, long lesson)
{
    if (!a->m || a->screen != SCREEN_READER)
        return;
    exv_leave(a); /* typed text is saved before the scores are read */
    if (!app_is_open(a, &PROGRESS_PAGE))
        app_push(a, &PROGRESS_PAGE);
    a->summary.lesson = lesson >= 0 ? lesson : a->n_flat ? (long)a->flat[a->item].lesson : 0;
    a->summary.focus = -1;
    a->summary.scroll_to = 1;
    a->page_valid = 0;
    a->scroll = 0;
    a->dirty = 1;
}

void app_close_summary(App *a)
{
    app_pop(a, &PROGRESS_PAGE);
    a->want_permille = 0; /* back at the top of the item */
}

/* Taken off the stack (closed, another item chosen, the pack closed): the reader shows its item again. */
static void progress_closed(App *a)
{
    a->page_valid = 0;
    a->dirty = 1;
}

/* Tab on the progress page: through its buttons and exercises, each scrolled into view. */
static void progress_focus(App *a, int dir)
{
    long n = (long)a->n_page_hits;
    if (n == 0)
        return;
    a->summary.focus = a->summary.focus < 0 ? (dir > 0 ? 0 : n - 1) : (a->summary.focus + dir + n) % n;
    const Hit *h = &a->page_hits[a->summary.focus];
    int top = h->y + a->pad_top - a->scroll;
    if (top < 0 || top + h->h > a->view_h)
        app_scroll_to(a, h->y + a->pad_top - a->view_h / 3);
    a->page_valid = 0; /* the focus ring is part of the page */
    a->dirty = 1;
}

/* Its own keys; the rest (scrolling, the next item, the reader's letters) go to the reader under it. */
static int progress_key(App *a, int key, unsigned mods)
{
    switch (key) {
    case KEY_TAB:
        progress_focus(a, (mods & MOD_SHIFT) ? -1 : 1);
        return SCR_TAKEN;
    case KEY_ENTER:
        if (a->summary.focus >= 0 && (size_t)a->summary.focus < a->n_page_hits) {
            /* the page's targets are the reader's, which shows the page: the press goes to the screen under this */
            Hit h = a->page_hits[a->summary.focus];
            for (int i = a->depth - 1; i > 0; i--)
                if (a->stack[i] == &PROGRESS_PAGE && a->stack[i - 1]->press) {
                    a->stack[i - 1]->press(a, &h, 0, 0);
                    break;
                }
        }
        return SCR_TAKEN;
    case 'p':
    case KEY_ESCAPE:
        if (mods & (MOD_CTRL | MOD_ALT))
            return SCR_PASS;
        app_close_summary(a);
        return SCR_TAKEN;
    default:
        return SCR_PASS;
    }
}

static int progress_frame(App *a)
{
    (void)a; /* the reader under it draws the page (lay_out_item asks app_progress_shown) */
    return 0;
}

const ScreenOps PROGRESS_PAGE = {
    .name = APP_PROGRESS_NAME, .key = progress_key, .frame = progress_frame, .closed = progress_closed};

static int page_button(App *a, const char *label, Action act, long arg, int x, int y)
{
    return app_page_button(a, label, x, y, 0, (long)a->n_page_hits == a->summary.focus, act, arg);
}

/* "75%", "done", or "not done yet" for one exercise. */
static void item_status(App *a, const Item *it, char *buf, size_t size)
{
    ProgressAnswer pa;
    if (!progress_load_answer(a->prog, a->m->id, it->id, &pa)) {
        snprintf(buf, size, "%s", _("not done yet"));
        return;
    }
    if (!pa.checked)
        snprintf(buf, size, "%s", _("started"));
    else if (pa.score < 0)
        snprintf(buf, size, "%s", _("done"));
    else
        snprintf(buf, size,
                 ngettext("%d%% (best %d%%, %d attempt)", "%d%% (best %d%%, %d attempts)", (unsigned long)pa.attempts),
                 (int)lround(pa.score * 100), (int)lround(pa.best * 100), pa.attempts);
    progress_answer_free(&pa);
}

int view_progress(App *a, int y)
{
    int P = a->page_px, w = a->page_w, y0 = y;
    SpanStyle st = {.fonts = a->fonts, .line_height = 1.3f, .max_lines = 0, .align = ALIGN_LEFT};
    const char *title = _("Your progress");
    Span s = {title, strlen(title), FACE_SANS_BOLD, (int)lroundf(P * 1.75f), COL_TEXT, 0};
    y += layout_spans(&st, &s, 1, 0, y, w, &a->page.dl) + P / 2;
    const char *note = _("What you read and answered stays on this computer. You can save your answers to a file, "
                         "or forget everything stored for this pack.");
    Span n = {note, strlen(note), FACE_SERIF, P, COL_TEXT, 0};
    y += layout_spans(&st, &n, 1, 0, y, w, &a->page.dl) + P / 2;
    int bx = page_button(a, _("Save my answers to a file\xe2\x80\xa6"), ACT_EXPORT, 0, 0, y) + P / 2;
    const char *forget = _("Forget this pack's data\xe2\x80\xa6");
    if (bx + fonts_width(a->fonts, FACE_SANS_BOLD, (int)lroundf(P * 0.9f), forget, strlen(forget)) + 2 * P > w)
        y += (int)(P * 2.2f) + P / 2, bx = 0; /* no room beside the first: under it */
    page_button(a, forget, ACT_FORGET_PACK, 0, bx, y);
    y += (int)(P * 2.2f) + P * 3 / 2;
    int px = (int)lroundf(P * 0.9f);
    for (size_t l = 0; l < a->m->n_lessons; l++) {
        const Lesson *ls = &a->m->lessons[l];
        if ((long)l == a->summary.lesson && a->summary.scroll_to) {
            a->summary.scroll_to = 0;
            a->want_scroll = y - P;
        }
        Span lt = {ls->title, strlen(ls->title), FACE_SANS_BOLD, (int)lroundf(P * 1.2f), COL_TEXT, 0};
        y += layout_spans(&st, &lt, 1, 0, y, w, &a->page.dl);
        size_t read = 0;
        for (size_t i = 0; i < ls->n_items; i++)
            read += app_item_seen(a, ls->items[i].id) != 0;
        ExTally t = exv_tally(a, (long)l);
        char line[400];
        int k = snprintf(line, sizeof line, ngettext("%zu of %zu item read", "%zu of %zu items read", ls->n_items),
                         read, ls->n_items);
        if (t.exercises && k > 0 && (size_t)k < sizeof line)
            k += snprintf(
                line + k, sizeof line - (size_t)k,
                ngettext(" \xc2\xb7 %zu of %zu exercise done", " \xc2\xb7 %zu of %zu exercises done", t.exercises),
                t.done, t.exercises);
        if (t.scored && k > 0 && (size_t)k < sizeof line)
            snprintf(line + k, sizeof line - (size_t)k, _(" \xc2\xb7 lesson score %d%%"), (int)lround(t.score * 100));
        Span ln = {line, strlen(line), FACE_SANS, px, COL_MUTED, 0};
        y += layout_spans(&st, &ln, 1, 0, y, w, &a->page.dl) + P / 2;
        for (size_t i = 0; i < ls->n_items; i++) {
            const Item *it = &ls->items[i];
            if (it->kind != ITEM_EXERCISE)
                continue;
            char status[200];
            item_status(a, it, status, sizeof status);
            long flat = app_find_item(a, it->id);
            int half = w * 3 / 5;
            Span is = {it->title, strlen(it->title), FACE_SANS, px, COL_LINK, 0};
            Span ss = {status, strlen(status), FACE_SANS, px, COL_TEXT, 0};
            int h1 = layout_spans(&st, &is, 1, P, y, half - P, &a->page.dl);
            int h2 = layout_spans(&st, &ss, 1, half + P / 2, y, w - half - P / 2, &a->page.dl);
            int h = h1 > h2 ? h1 : h2;
            if (flat >= 0 && app_page_hit(a, 0, y, w, h, ACT_ITEM, flat) == 0 &&
                (long)a->n_page_hits - 1 == a->summary.focus)
                dl_frame(&a->page.dl, -P / 2, y - 2, w + P, h + 4, 2, COL_LINK);
            y += h + P / 4;
        }
        y += P;
    }
    return y - y0;
}

/* ---- export -------------------------------------------------------------------------------------------------- */

static void export_answer(StrBuf *b, const Exercise *ex, const Answer *ans)
{
    switch (ex->type) {
    case EX_SINGLE_CHOICE:
    case EX_MULTIPLE_CHOICE:
        for (size_t i = 0; i < ex->n_options; i++)
            sb_putf(b, "- [%c] %s\n", ans->v[i] ? 'x' : ' ', ex->options[i].text);
        break;
    case EX_TRUE_FALSE:
        sb_putf(b, "- %s\n", ans->v[0] < 0 ? _("no answer") : ans->v[0] ? _("True") : _("False"));
        break;
    case EX_MATCHING:
        for (size_t i = 0; i < ex->n_options; i++)
            sb_putf(b, "- %s \xe2\x86\x92 %s\n", ex->options[i].text,
                    ans->v[i] >= 0 ? ex->options[ans->v[i]].match : _("no answer"));
        break;
    case EX_ORDERING:
        for (size_t k = 0; k < ans->n; k++)
            sb_putf(b, "%zu. %s\n", k + 1, ex->options[ans->v[k]].text);
        break;
    case EX_FILL_BLANKS:
        for (size_t i = 0; i < ans->nt; i++) { /* what was typed, as typed: a "*" or "<b>" in it stays one */
            sb_putf(b, "- (%zu) ", i + 1);
            if (ans->t[i] && ans->t[i][strspn(ans->t[i], " \t")])
                sb_put_md_text(b, ans->t[i], strlen(ans->t[i]));
            else
                sb_putf(b, "*%s*", _("no answer"));
            sb_put(b, "\n");
        }
        break;
    case EX_REFLECTION:
    case EX_DISCUSSION:
        /* what the learner typed, as typed: line by line, and no mark of Markdown taken as one */
        if (!(ans->nt && ans->t[0] && sb_put_md_quote(b, ans->t[0])))
            sb_putf(b, "*%s*\n", _("Nothing written."));
        return;
    case EX_SCENARIO: {
        Answer walk = *ans;
        for (size_t k = 1; k <= ans->n; k++) {
            walk.n = k;
            const ExChoice *c = answer_scenario_last(ex, &walk);
            if (c)
                sb_putf(b, "%zu. %s\n", k, c->text);
        }
        const ExNode *nd = answer_scenario_node(ex, ans);
        if (nd && nd->ending)
            sb_putf(b, "\n%s\n", nd->text);
        break;
    }
    case EX_TYPE_COUNT:
        break;
    }
    sb_putf(b, "\n");
}

/* The learner's answers and reflections for the open pack, as Markdown (caller frees). */
char *app_export_markdown(App *a)
{
    StrBuf b = {0};
    char date[32];
    time_t now = time(NULL);
    struct tm tm = {0};
    os_localtime(now, &tm);
    strftime(date, sizeof date, "%Y-%m-%d", &tm);
    sb_putf(&b, "# %s: %s\n\n", _("My answers"), a->m->title);
    sb_putf(&b,
            _("Saved from Beseda on %s. These are your own answers and reflections; Beseda never sends them "
              "anywhere."),
            date);
    sb_putf(&b, "\n\n");
    for (size_t i = 0; i < a->n_flat; i++) {
        const Item *it = app_flat_item(a, i);
        if (i == 0 || a->flat[i].lesson != a->flat[i - 1].lesson)
            sb_putf(&b, "## %s\n\n", a->m->lessons[a->flat[i].lesson].title);
        if (it->kind != ITEM_EXERCISE)
            continue;
        sb_putf(&b, "### %s\n\n", it->title);
        Err e;
        err_clear(&e);
        Exercise *ex = exv_load(a, i, &e);
        ProgressAnswer pa;
        int have = progress_load_answer(a->prog, a->m->id, it->id, &pa);
        Answer ans;
        char shape[17] = "";
        if (ex)
            answer_shape(ex, shape);
        if (ex)
            sb_putf(&b, "%s\n\n", ex->prompt);
        if (ex && have && strcmp(pa.shape, shape) == 0 && answer_from_json(ex, pa.answer, &ans) == 0) {
            export_answer(&b, ex, &ans);
            if (pa.checked && pa.score >= 0)
                sb_putf(&b, _("Score: %d%% (best %d%%)."), (int)lround(pa.score * 100), (int)lround(pa.best * 100));
            if (pa.checked && pa.score >= 0)
                sb_putf(&b, "\n\n");
            answer_free(&ans);
        } else {
            sb_putf(&b, "*%s*\n\n", _("Not answered yet."));
        }
        if (have)
            progress_answer_free(&pa);
        exercise_free(ex);
    }
    return sb_take(&b);
}

static int export_confirm(App *a, const char *path)
{
    if (!path[0]) {
        app_set_status(a, "%s", _("Type the name of the file to save to."));
        return 0;
    }
    char *md = app_export_markdown(a);
    if (!md) {
        app_set_status(a, "%s", _("Out of memory."));
        return 0;
    }
    Err e;
    err_clear(&e);
    int done = userdir_write_atomic(path, md, strlen(md), &e) == 0;
    if (!done)
        app_set_status(a, _("Your answers could not be saved to %s: %s. Choose another place."), path, e.msg);
    else
        app_set_status(a, _("Your answers were saved to %s."), path);
    free(md);
    return done;
}

static int forget(App *a, int all)
{
    Err e;
    err_clear(&e);
    int rc = all ? progress_forget_all(a->prog, &e) : progress_forget_pack(a->prog, a->m->id, &e);
    if (rc != 0)
        app_progress_result(a, rc, &e);
    else if (all)
        app_set_status(a, "%s", _("Everything Beseda stored about your reading and answers is forgotten."));
    else
        app_set_status(a, "%s", _("Your reading and answers for this pack are forgotten."));
    a->page_valid = 0;
    return 1;
}

static int forget_pack_confirm(App *a, const char *path)
{
    (void)path;
    return forget(a, 0);
}

static int forget_all_confirm(App *a, const char *path)
{
    (void)path;
    return forget(a, 1);
}

void app_ask_export(App *a)
{
    static const DialogSpec spec = {
        .title = N_("Save my answers to a file"),
        .text = N_("Your answers and reflections are written as a Markdown file. Type where to save it:"),
        .action = N_("Save"),
        .field = 1,
        .confirm = export_confirm};
    if (!a->m)
        return;
    char path[USERDIR_PATH + 400], name[300];
    app_file_name(a, a->m->title, _("my answers"), ".md", name, sizeof name);
    dialog_default_path(a, name, path, sizeof path);
    dialog_ask_file(a, &spec, path, 1, _("Markdown"), "*.md");
}

void app_ask_forget(App *a, int all)
{
    static const DialogSpec pack = {
        .title = N_("Forget this pack's data?"),
        .text = N_("Your reading position, the items you read, all your answers and reflections, and your notes and "
                   "show-of-hands counts for this pack are deleted from this computer. This cannot be undone."),
        .action = N_("Forget"),
        .danger = 1,
        .confirm = forget_pack_confirm};
    static const DialogSpec everything = {
        .title = N_("Forget all my data?"),
        .text = N_("Your reading positions, the items you read, all your answers and reflections, and your notes and "
                   "show-of-hands counts, for every pack, are deleted from this computer. This cannot be undone."),
        .action = N_("Forget everything"),
        .danger = 1,
        .confirm = forget_all_confirm};
    if (!all && !a->m)
        return;
    dialog_open(a, all ? &everything : &pack, NULL);
}
