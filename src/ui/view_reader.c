/* view_reader: the reading screen: top bar, contents, the page column, scroll bar, status line. */
#include <limits.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/activity.h"
#include "core/entryname.h"
#include "core/imghdr.h"
#include "core/strbuf.h"
#include "core/vec.h"
#include "ui/app_impl.h"

/* ---- the page ---------------------------------------------------------------------------------------------- */

/* A note in place of the page: a framed message (errors, items later versions will show). */
static int note_box(App *a, DisplayList *dl, int y, int w, const char *title, const char *text, int color)
{
    int P = a->page_px, pad = P;
    size_t at = dl->n;
    dl_rect(dl, 0, y, w, 0, COL_CODE_BG);
    SpanStyle st = {.fonts = a->fonts, .line_height = 1.5f, .max_lines = 0, .align = ALIGN_LEFT};
    Span s[3] = {{title, strlen(title), FACE_SANS_BOLD, P, color, 0},
                 {"\n", 1, FACE_SANS, P, color, 0},
                 {text, strlen(text), FACE_SERIF, P, COL_TEXT, 0}};
    int h = layout_spans(&st, s, 3, pad, y + pad, w - 2 * pad, dl) + 2 * pad;
    if (at < dl->n)
        dl->v[at].h = h;
    return h;
}

/* What a student reading alone sees of an activity besides its time (review B12): its overview and what it is for.
   The plan (preparation, instructions, debriefing, tips) is the lecturer's, shown in lecturer mode. Its height. */
static int activity_for_students(App *a, const Item *it, int y, int w)
{
    PackLimits lim;
    pack_limits_default(&lim);
    Err e, label;
    err_clear(&e);
    err_clear(&label);
    char *buf = NULL;
    size_t len = 0;
    Activity *act = NULL;
    if (pack_read(app_item_pack(a, a->item), it->file, lim.max_json_size, &buf, &len, &e) == 0)
        activity_parse(buf, len, &lim, &label, it->file, NULL, &act, &e);
    free(buf);
    if (!act) /* the note above says what it is; the lecturer mode names the problem */
        return 0;
    StrBuf b = {0};
    if (act->overview)
        sb_putf(&b, "%s\n\n", act->overview);
    if (act->objectives.n) {
        sb_putf(&b, "**%s**\n\n", _("What it is for"));
        for (size_t i = 0; i < act->objectives.n; i++)
            sb_putf(&b, "- %s\n", act->objectives.v[i]);
    }
    activity_free(act);
    char *md = sb_take(&b);
    int h = md ? a->page_px + app_page_markdown(a, md, 0, y + a->page_px, w) : 0;
    free(md);
    return h;
}

/* The item's own content at 'y' of the page: the laid-out Markdown page, or a note. */
static int page_body(App *a, const Item *it, int y)
{
    Layout *pg = &a->page;
    int w = a->page_w;
    if (it->kind == ITEM_EXERCISE)
        return exv_layout(a, it, y);
    if (it->kind != ITEM_PAGE) {
        SpanStyle st = {.fonts = a->fonts, .line_height = 1.25f, .max_lines = 0, .align = ALIGN_LEFT};
        Span s = {it->title, strlen(it->title), FACE_SANS_BOLD, (int)lroundf(a->page_px * 1.75f), COL_TEXT, 0};
        int h = layout_spans(&st, &s, 1, 0, y, w, &pg->dl) + a->page_px;
        /* the plan is the lecturer's (lecturer mode shows it); a student sees what the item is */
        char msg[300];
        if (it->duration > 0)
            snprintf(msg, sizeof msg,
                     ngettext("A group activity of about %d minute, led by a lecturer in class.",
                              "A group activity of about %d minutes, led by a lecturer in class.",
                              (unsigned long)it->duration),
                     it->duration);
        else
            snprintf(msg, sizeof msg, "%s", _("A group activity, led by a lecturer in class."));
        h += note_box(a, &pg->dl, y + h, w, _("Activity"), msg, COL_ACCENT);
        return h + activity_for_students(a, it, y + h, w);
    }
    if (a->doc_item != (long)a->item) { /* read and parse the page once per visit */
        app_drop_page(a);
        a->doc_item = (long)a->item;
        PackLimits lim;
        pack_limits_default(&lim);
        err_clear(&a->doc_err);
        char *md = NULL;
        size_t len = 0;
        if (pack_read(app_item_pack(a, a->item), it->file, lim.max_markdown_size, &md, &len, &a->doc_err) == 0)
            doc_parse(md, len, &lim, it->file, &a->doc, &a->doc_err);
        free(md);
    }
    Layout body;
    memset(&body, 0, sizeof body);
    ImageCtx ic = {a, it->file};
    const char *lang = a->view && a->item < a->view->n_items ? a->view->items[a->item].lang : a->m->language;
    LayoutParams lp = {a->fonts, lang, w, a->page_px, app_image_size, &ic, a->hyph};
    Err e;
    err_clear(&e);
    if (!a->doc || layout_doc(a->doc, &lp, &body, &e) != 0) {
        char buf[1024];
        err_format(a->doc ? &e : &a->doc_err, buf, sizeof buf);
        return note_box(a, &pg->dl, y, w, _("This page cannot be shown"), buf, COL_ERROR);
    }
    /* the page takes the body's commands (moved down by y) and its link table (the page has no other links) */
    dl_append(&pg->dl, &body.dl, 0, y, 0, body.height, 0);
    pg->links = body.links;
    pg->n_links = body.n_links;
    body.links = NULL;
    body.n_links = 0;
    int h = body.height;
    layout_free(&body);
    return h;
}

/* The first page says who signed the pack, and who signed the translation it is read in (a locale pack shows its
   own signer). Returns the height taken. */
static int first_page_signatures(App *a, SpanStyle *st, int y, int w, int P)
{
    if (a->open_lib >= a->lib.n || !a->lib.v[a->open_lib].sig)
        return 0;
    char line[1200];
    trust_ui_state(a->lib.v[a->open_lib].sig, 1, line, sizeof line);
    int h = 0, px = (int)lroundf(P * 0.8f);
    Span s = {line, strlen(line), FACE_SANS, px, trust_ui_state_colour(a->lib.v[a->open_lib].sig), 0};
    h += layout_spans(st, &s, 1, 0, y - P / 2, w, &a->page.dl);
    const char *paths[64];
    size_t n = library_locales_of(&a->lib, a->open_lib, paths, 64);
    for (size_t i = 0; a->view && i < n; i++)
        for (size_t j = 0; j < a->lib.n; j++) {
            const LibEntry *l = &a->lib.v[j];
            if (l->path != paths[i] || !l->sig || !l->language || strcmp(l->language, a->view->lang) != 0)
                continue;
            char words[1000];
            trust_ui_state(l->sig, 1, words, sizeof words);
            snprintf(line, sizeof line, _("Translation into %s: %s"), i18n_language_name(l->language), words);
            Span t = {line, strlen(line), FACE_SANS, px, trust_ui_state_colour(l->sig), 0};
            h += layout_spans(st, &t, 1, 0, y - P / 2 + h, w, &a->page.dl);
        }
    return h + P / 2;
}

/* "‹ Previous" and "Next ›" under the page, with the titles of those items. */
static int page_nav(App *a, int y)
{
    Layout *pg = &a->page;
    int P = a->page_px, w = a->page_w, h = 0;
    dl_rect(&pg->dl, 0, y + P, w, P / 16 > 0 ? P / 16 : 1, COL_RULE);
    y += 2 * P;
    SpanStyle st = {.fonts = a->fonts, .line_height = 1.35f, .max_lines = 2, .align = ALIGN_LEFT};
    int half = (w - P) / 2;
    for (int side = 0; side < 2; side++) {
        size_t target = side == 0 ? a->item - 1 : a->item + 1;
        if ((side == 0 && a->item == 0) || (side == 1 && a->item + 1 >= a->n_flat))
            continue;
        const Item *t = app_flat_item(a, target);
        int px = (int)lroundf(P * 0.9f);
        const char *label = side == 0 ? _("\xe2\x80\xb9 Previous") : _("Next \xe2\x80\xba");
        Span s[3] = {{label, strlen(label), FACE_SANS_BOLD, px, COL_LINK, 0},
                     {"\n", 1, FACE_SANS, px, COL_LINK, 0},
                     {t->title, strlen(t->title), FACE_SANS, px, COL_MUTED, 0}};
        st.align = side == 0 ? ALIGN_LEFT : ALIGN_RIGHT;
        st.max_lines = 3;
        int x = side == 0 ? 0 : w - half;
        int sh = layout_spans(&st, s, 3, x, y, half, &pg->dl);
        app_page_hit(a, x, y, half, sh, ACT_ITEM, (long)target);
        if (sh > h)
            h = sh;
    }
    /* at the end of a lesson: its summary */
    size_t l = a->flat[a->item].lesson;
    if (a->item + 1 >= a->n_flat || a->flat[a->item + 1].lesson != l) {
        y += h + P;
        const char *label = _("Lesson summary \xe2\x80\xba");
        Span s = {label, strlen(label), FACE_SANS_BOLD, (int)lroundf(P * 0.9f), COL_LINK, 0};
        st.align = ALIGN_LEFT;
        int sh = layout_spans(&st, &s, 1, 0, y, w, &pg->dl);
        app_page_hit(a, 0, y, w, sh, ACT_SUMMARY, (long)l);
        h += P + sh;
    }
    return 2 * P + h;
}

static void lay_out_item(App *a, int w, int P);

void app_layout_page(App *a)
{
    int P = app_body_px(a);
    int margin = app_ui_px(a) * 2 > P * 3 / 2 ? app_ui_px(a) * 2 : P * 3 / 2;
    if (margin > a->view_w / 8)
        margin = a->view_w / 8;
    int w = a->view_w - 2 * margin;
    if (w > P * 34)
        w = P * 34; /* about 70 characters a line */
    if (w < 8)
        w = 8;
    a->col_x = a->view_x + (a->view_w - w) / 2;
    a->pad_top = P * 2;
    if (!a->page_valid || a->page_w != w || a->page_px != P)
        lay_out_item(a, w, P);
    if (a->want_scroll >= 0 && a->page_valid) {
        a->scroll = a->want_scroll;
        a->want_scroll = -1;
    }
    /* a place to return to (history, a new zoom or width) is applied once the page has its height */
    if (a->want_permille >= 0 && a->page_valid) {
        a->scroll = (int)(((long long)a->want_permille * a->page.height + 5000) / 10000);
        if (a->want_permille >= 10000)
            a->scroll = app_scroll_limit(a);
        a->want_permille = -1;
    }
    int limit = app_scroll_limit(a);
    if (a->scroll > limit)
        a->scroll = limit;
    if (a->scroll < 0)
        a->scroll = 0;
    exv_reveal(a);
}

/* Lays out the current item at column width 'w' and body size 'P'. */
static void lay_out_item(App *a, int w, int P)
{
    layout_free(&a->page);
    free(a->page_hits);
    a->page_hits = NULL;
    a->n_page_hits = a->cap_page_hits = 0;
    a->layouts++;
    a->page_w = w;
    a->page_px = P;
    const Item *it = app_flat_item(a, a->item);
    if (!it)
        return;
    if (app_progress_shown(a)) {
        int y = view_progress(a, 0);
        a->page.width = w;
        a->page.height = y;
        a->page_valid = 1;
        return;
    }
    const Lesson *lesson = &a->m->lessons[a->flat[a->item].lesson];
    SpanStyle st = {.fonts = a->fonts, .line_height = 1.3f, .max_lines = 2, .align = ALIGN_LEFT};
    Span crumb = {lesson->title, strlen(lesson->title), FACE_SANS, (int)lroundf(P * 0.8f), COL_MUTED, 0};
    int y = layout_spans(&st, &crumb, 1, 0, 0, w, &a->page.dl) + P;
    if (a->view && a->item < a->view->n_items && a->view->items[a->item].fallback) {
        /* per-item fallback is visible: the reader knows this page is not in the language chosen */
        char note[300];
        snprintf(note, sizeof note, _("Not yet translated into %s: shown in %s."), i18n_language_name(a->view->lang),
                 i18n_language_name(a->view->items[a->item].lang));
        Span ns = {note, strlen(note), FACE_SANS, (int)lroundf(P * 0.8f), COL_ACCENT, 0};
        y += layout_spans(&st, &ns, 1, 0, y - P / 2, w, &a->page.dl) + P / 2;
    }
    if (a->item == 0)
        y += first_page_signatures(a, &st, y, w, P);
    y += page_body(a, it, y);
    y += page_nav(a, y);
    a->page.width = w;
    a->page.height = y;
    a->page_valid = 1;
}

/* ---- chrome ----------------------------------------------------------------------------------------------- */

/* The contents panel, 'w' wide: beside the page, or over it in a narrow window. */
static void contents(App *a, int w)
{
    int ui = app_ui_px(a), pad = ui;
    DisplayList *dl = &a->frame;
    dl_rect(dl, 0, a->top_h, w, a->h - a->top_h, COL_PANEL);
    dl_rect(dl, w - 1, a->top_h, 1, a->h - a->top_h, COL_RULE);
    dl_clip(dl, 0, a->top_h, w - 1, a->h - a->top_h);
    SpanStyle st = {.fonts = a->fonts, .line_height = 1.3f, .max_lines = 3, .align = ALIGN_LEFT};
    int y0 = a->top_h + ui - a->rv.toc_scroll, y = y0;
    int inner = w - 2 * pad;
    size_t flat = 0;
    for (size_t l = 0; l < a->m->n_lessons; l++) {
        const Lesson *ls = &a->m->lessons[l];
        Span s = {ls->title, strlen(ls->title), FACE_SANS_BOLD, ui, COL_PANEL_TEXT, 0};
        y += layout_spans(&st, &s, 1, pad, y, inner, dl);
        ExTally t = exv_tally(a, (long)l);
        if (t.exercises) { /* the lesson's exercises: done, and the score of those checked */
            char line[200];
            int k = snprintf(line, sizeof line,
                             ngettext("%zu of %zu exercise done", "%zu of %zu exercises done", t.exercises), t.done,
                             t.exercises);
            if (t.scored && k > 0 && (size_t)k < sizeof line)
                snprintf(line + k, sizeof line - (size_t)k, _(" \xc2\xb7 %d%%"), (int)lround(t.score * 100));
            Span ps = {line, strlen(line), FACE_SANS, (int)(ui * 0.85f), COL_MUTED, 0};
            int ly = y;
            y += layout_spans(&st, &ps, 1, pad, y, inner, dl);
            app_hit(a, 0, ly, w - 1, y - ly, ACT_SUMMARY, (long)l);
        }
        y += ui / 3;
        for (size_t i = 0; i < ls->n_items; i++, flat++) {
            const Item *it = &ls->items[i];
            int cur = flat == a->item;
            size_t at = dl->n;
            dl_rect(dl, 0, y, w - 1, 0, cur ? COL_SELECT : COL_PANEL);
            int dot = ui / 3 > 2 ? ui / 3 : 2;
            int ty = y + ui / 3;
            int fb = a->view && flat < a->view->n_items && a->view->items[flat].fallback;
            /* muted after the title: "optional", "handout", and the language an untranslated item is shown in */
            char tag[I18N_TAG + 200];
            size_t tn = 0;
            if (it->optional)
                tn += (size_t)snprintf(tag + tn, sizeof tag - tn, " \xc2\xb7 %s", _("optional"));
            if (it->handout && tn < sizeof tag)
                tn += (size_t)snprintf(tag + tn, sizeof tag - tn, " \xc2\xb7 %s", _("handout"));
            if (fb && tn < sizeof tag)
                tn += (size_t)snprintf(tag + tn, sizeof tag - tn, " \xc2\xb7 %s", a->view->items[flat].lang);
            tn = tn < sizeof tag ? tn : sizeof tag - 1;
            Span is[2] = {{it->title, strlen(it->title), FACE_SANS, ui, cur ? COL_SELECT_TEXT : COL_PANEL_TEXT, 0},
                          {tag, tn, FACE_SANS, ui, cur ? COL_SELECT_TEXT : COL_MUTED, 0}};
            int th = layout_spans(&st, is, tn ? 2 : 1, pad + ui, ty, inner - ui, dl);
            int rh = th + 2 * (ui / 3);
            if (at < dl->n)
                dl->v[at].h = rh;
            if (app_item_seen(a, it->id)) /* a small square marks items already read */
                dl_rect(dl, pad, ty + (int)(ui * 0.6f), dot, dot, cur ? COL_SELECT_TEXT : COL_MUTED);
            app_hit(a, 0, y, w - 1, rh, ACT_ITEM, (long)flat);
            y += rh;
        }
        y += ui;
    }
    a->rv.toc_h = y - y0 + ui;
    dl_clip(dl, 0, 0, 0, 0);
}

static void top_bar(App *a)
{
    int ui = app_ui_px(a), h = a->top_h;
    DisplayList *dl = &a->frame;
    dl_rect(dl, 0, 0, a->w, h, COL_PANEL);
    dl_rect(dl, 0, h - 1, a->w, 1, COL_RULE);
    int x = ui / 2;
    x += view_button(a, x, 0, h, _("\xe2\x80\xb9 Library"), ACT_LIBRARY, 0, 0);
    x += view_button(a, x, 0, h, _("Contents"), ACT_TOGGLE_TOC, 0, app_toc_visible(a));
    x += view_button(a, x, 0, h, _("Progress"), ACT_SUMMARY, -1, app_progress_shown(a));
    /* a narrow window: what does not fit goes into "More..." at the right (review B11) */
    const char *present = _("Present (F5)");
    int wpres = view_button_width(a, present);
    int wmore = view_more_button(a, 0, 0, h, NULL, 0, 0);
    int present_fits = x + wpres + wmore + ui <= a->w;
    if (present_fits)
        x += view_button(a, x, 0, h, present, ACT_PRESENT, 0, 0);
    /* right side, from the right edge inwards */
    char zoom[32];
    snprintf(zoom, sizeof zoom, "%d%%", a->zoom);
    int wz = view_button_width(a, zoom), wp = view_button_width(a, "+"), wm = view_button_width(a, "\xe2\x88\x92");
    char tl[128];
    view_theme_label(a, tl, sizeof tl);
    int wt = view_button_width(a, tl);
    int wl = view_lang_button(a, 0, 0, h, 0);
    int r = a->w - ui / 2 - wp - wz - wm - wt - ui - wl - ui;
    int right = r;
    if (r > x + ui * 4) {
        r += view_lang_button(a, r, 0, h, 1) + ui;
        r += view_button(a, r, 0, h, tl, ACT_THEME, 0, 0) + ui;
        r += view_button(a, r, 0, h, "\xe2\x88\x92", ACT_ZOOM_OUT, 0, 0);
        FontMetrics m;
        fonts_metrics(a->fonts, FACE_SANS, ui, &m);
        int pad = (int)(ui * 0.8f); /* the zoom is shown as a button would be, but is not one */
        dl_text(dl, r + pad, (h - m.height) / 2, wz - 2 * pad, m.height, FACE_SANS, ui, COL_MUTED, zoom, strlen(zoom));
        r += wz;
        view_button(a, r, 0, h, "+", ACT_ZOOM_IN, 0, 0);
    } else {
        Action more[5] = {ACT_LANG_MENU, ACT_THEME, ACT_ZOOM_IN, ACT_ZOOM_OUT};
        int n = 4;
        if (!present_fits)
            more[n++] = ACT_PRESENT;
        right = a->w - wmore - ui / 2;
        view_more_button(a, right, 0, h, more, n, 1);
    }
    /* the item's title in the middle, cut with an ellipsis when there is no room */
    const Item *it = app_flat_item(a, a->item);
    int avail = right - x - 2 * ui;
    /* the progress page is the whole pack's: the bar says so rather than naming the item under it (review) */
    const char *title = app_progress_shown(a) ? _("Your progress") : it ? it->title : NULL;
    if (title && avail > ui * 3) {
        SpanStyle st = {.fonts = a->fonts, .line_height = 1.0f, .max_lines = 1, .align = ALIGN_CENTER};
        Span s = {title, strlen(title), FACE_SANS_BOLD, ui, COL_PANEL_TEXT, 0};
        FontMetrics m;
        fonts_metrics(a->fonts, FACE_SANS_BOLD, ui, &m);
        layout_spans(&st, &s, 1, x + ui, (h - m.height) / 2, avail, dl);
    }
}

static void scroll_bar(App *a)
{
    DisplayList *dl = &a->frame;
    dl_rect(dl, a->sb_x, a->view_y, a->sb_w, a->view_h, COL_BG);
    ScrollThumb t = app_scroll_thumb(a);
    if (t.track <= 0)
        return;
    int inset = a->sb_w / 4;
    dl_rect(dl, a->sb_x + inset, t.y, a->sb_w - 2 * inset, t.len, a->rv.drag_sb ? COL_MUTED : COL_RULE);
    app_hit(a, a->sb_x, a->view_y, a->sb_w, a->view_h, ACT_SCROLLBAR, 0);
}

int view_reader(App *a)
{
    int ui = app_ui_px(a);
    DisplayList *dl = &a->frame;
    a->top_h = (int)(ui * 3.2f);
    a->sb_w = (int)(ui * 0.9f);
    int side = (int)(ui * 20);
    /* beside the page only when the page keeps a column of about 36 characters at the chosen text size (a large
       zoom counts: at 300% the contents would leave the page a word a line); else over it, on demand */
    if (side > a->w * 2 / 5 && a->w >= 56 * ui)
        side = a->w * 2 / 5;
    a->rv.narrow = a->w < 56 * ui || a->w - side - a->sb_w < app_body_px(a) * 18;
    if (side > a->w * 4 / 5)
        side = a->w * 4 / 5;
    if (!a->rv.narrow && side > a->w * 2 / 5)
        side = a->w * 2 / 5;
    if (!a->rv.narrow)
        a->rv.toc_overlay = 0;
    a->rv.panel_w = side;
    a->side_w = a->rv.show_toc && !a->rv.narrow ? side : 0;
    a->view_x = a->side_w;
    a->view_y = a->top_h;
    a->view_w = a->w - a->side_w - a->sb_w;
    a->view_h = a->h - a->top_h;
    a->sb_x = a->w - a->sb_w;
    app_layout_page(a);

    dl_rect(dl, 0, 0, a->w, a->h, COL_BG);
    dl_clip(dl, a->view_x, a->view_y, a->view_w, a->view_h);
    int dy = a->view_y + a->pad_top - a->scroll;
    int top = a->scroll - a->pad_top, bottom = top + a->view_h;
    size_t first = dl->n;
    dl_append(dl, &a->page.dl, a->col_x, dy, top, bottom, 0);
    size_t last = dl->n;
    int ring = ui / 8 > 2 ? ui / 8 : 2, rx = 0, ry = 0, rw = 0, rh = 0;
    for (size_t i = first; i < last; i++) { /* links on screen become click targets */
        const DlCmd c = dl->v[i];
        if (!c.link)
            continue;
        app_hit(a, c.x, c.y, c.w, c.h, ACT_LINK, c.link - 1);
        if (c.link != a->focus_link + 1)
            continue;
        /* the link Tab moved to gets a ring, one per line it covers */
        if (rw > 0 && c.y == ry) {
            rw = c.x + c.w - rx;
            continue;
        }
        if (rw > 0)
            dl_frame(dl, rx - ring - 1, ry, rw + 2 * ring + 2, rh, ring, COL_ACCENT);
        rx = c.x, ry = c.y, rw = c.w, rh = c.h;
    }
    if (rw > 0)
        dl_frame(dl, rx - ring - 1, ry, rw + 2 * ring + 2, rh, ring, COL_ACCENT);
    for (size_t i = 0; i < a->n_page_hits; i++) {
        const Hit *h = &a->page_hits[i];
        if (h->y < bottom && h->y + h->h > top)
            app_hit(a, h->x + a->col_x, h->y + dy, h->w, h->h, h->action, h->arg);
    }
    dl_clip(dl, 0, 0, 0, 0);
    scroll_bar(a);
    if (a->side_w)
        contents(a, a->side_w);
    if (a->rv.narrow && a->rv.toc_overlay) {
        app_hit(a, 0, a->top_h, a->w, a->h - a->top_h, ACT_CLOSE_CONTENTS, 0);
        contents(a, a->rv.panel_w);
    }
    top_bar(a);
    return 1;
}

/* ---- the reader screen: links, keys, clicks, the wheel and dragging ---------------------------------------------- */

static void follow_link(App *a, const char *href)
{
    if (strncmp(href, "item:", 5) == 0) {
        long f = app_find_item(a, href + 5);
        if (f >= 0)
            app_navigate(a, (size_t)f);
        else
            app_set_status(a, _("This link leads to an item the pack does not have: %s"), href + 5);
        return;
    }
    if (strstr(href, "://") || strncmp(href, "mailto:", 7) == 0) {
        app_set_status(a, _("This link leads outside the pack (%s). Beseda works offline and does not open it."), href);
        return;
    }
    /* a relative link to another page of the pack */
    const Item *it = app_flat_item(a, a->item);
    char target[512];
    if (it && entryname_resolve(it->file, href, target, sizeof target) == 0) {
        /* a translated page under locales/<lang>/ links to the base path of another page */
        const char *bare = locale_base_path(target);
        bare = bare ? bare : target;
        for (size_t i = 0; i < a->n_flat; i++) {
            const char *base = a->view && i < a->view->n_items ? a->view->items[i].base_file : NULL;
            const char *file = app_flat_item(a, i)->file;
            if (strcmp(file, target) == 0 || (base && strcmp(base, bare) == 0)) {
                app_navigate(a, i);
                return;
            }
        }
    }
    app_set_status(a, _("This link leads to something the pack does not have: %s"), href);
}

void app_toggle_contents(App *a)
{
    if (a->rv.narrow)
        a->rv.toc_overlay = !a->rv.toc_overlay;
    else
        a->rv.show_toc = !a->rv.show_toc;
    a->dirty = 1;
}

static int reader_press(App *a, const Hit *h, int x, int y)
{
    switch (h->action) {
    case ACT_LIBRARY:
        app_to_library(a);
        break;
    case ACT_TOGGLE_TOC:
        app_toggle_contents(a);
        break;
    case ACT_CLOSE_CONTENTS:
        a->rv.toc_overlay = 0;
        a->dirty = 1;
        break;
    case ACT_ITEM:
        app_navigate(a, (size_t)h->arg);
        a->rv.toc_overlay = 0; /* contents opened over the page close once an item is chosen */
        a->dirty = 1;
        break;
    case ACT_LINK:
        if (h->arg >= 0 && (size_t)h->arg < a->page.n_links)
            follow_link(a, a->page.links[h->arg]);
        break;
    case ACT_SCROLLBAR: {
        /* a press on the thumb drags it; on the track, the thumb jumps there */
        ScrollThumb t = app_scroll_thumb(a);
        if (t.track > 0 && (y < t.y || y >= t.y + t.len))
            app_scroll_to(a, (int)((long long)(y - a->view_y - t.len / 2) * app_scroll_limit(a) / t.track));
        a->rv.drag_sb = 1;
        a->rv.drag_from_y = y;
        a->rv.drag_from_scroll = a->scroll;
        break;
    }
    case ACT_BACK:
        app_history_step(a, 0);
        break;
    case ACT_FORWARD:
        app_history_step(a, 1);
        break;
    case ACT_EX:
        exv_click(a, h->arg, x, y);
        break;
    case ACT_SUMMARY:
        app_show_summary(a, h->arg);
        break;
    case ACT_EXPORT:
        app_ask_export(a);
        break;
    case ACT_FORGET_PACK:
        app_ask_forget(a, 0);
        break;
    case ACT_PRESENT:
        app_present(a, 1);
        break;
    default:
        return chrome_press(a, h);
    }
    return 1;
}

/* Tab and Shift+Tab move the keyboard focus through the page's links, scrolling each into view. */
static void focus_next_link(App *a, int backwards)
{
    long n = (long)a->page.n_links;
    if (n == 0)
        return;
    if (a->focus_link < 0)
        a->focus_link = backwards ? n - 1 : 0;
    else
        a->focus_link = (a->focus_link + (backwards ? n - 1 : 1)) % n;
    for (size_t i = 0; i < a->page.dl.n; i++) {
        const DlCmd *c = &a->page.dl.v[i];
        if (c->link != a->focus_link + 1)
            continue;
        int top = c->y + a->pad_top - a->scroll; /* on screen, relative to the view */
        if (top < 0 || top + c->h > a->view_h)
            app_scroll_to(a, c->y + a->pad_top - a->view_h / 3);
        break;
    }
    a->dirty = 1;
}

static void reader_key(App *a, int key, unsigned mods)
{
    int line = app_body_px(a) * 2;
    int page = a->view_h - 2 * line > line ? a->view_h - 2 * line : line;
    int limit = app_scroll_limit(a);
    switch (key) {
    case KEY_DOWN:
        app_scroll_to(a, a->scroll + line);
        break;
    case KEY_UP:
        app_scroll_to(a, a->scroll - line);
        break;
    case ' ':
    case KEY_PAGEDOWN:
        if ((mods & MOD_SHIFT) && key == ' ')
            app_scroll_to(a, a->scroll - page);
        else if (a->scroll >= limit && a->item + 1 < a->n_flat)
            app_navigate(a, a->item + 1); /* at the end of a page, the next page */
        else
            app_scroll_to(a, a->scroll + page);
        break;
    case KEY_PAGEUP:
        app_scroll_to(a, a->scroll - page);
        break;
    case KEY_HOME:
        app_scroll_to(a, 0);
        break;
    case KEY_END:
        app_scroll_to(a, limit);
        break;
    case KEY_LEFT:
        if (mods & MOD_ALT)
            app_history_step(a, 0);
        else if (a->item > 0)
            app_navigate(a, a->item - 1);
        break;
    case KEY_RIGHT:
        if (mods & MOD_ALT)
            app_history_step(a, 1);
        else if (a->item + 1 < a->n_flat)
            app_navigate(a, a->item + 1);
        break;
    case KEY_BACKSPACE:
        app_history_step(a, 0);
        break;
    case KEY_TAB:
        focus_next_link(a, (mods & MOD_SHIFT) != 0);
        break;
    case KEY_ENTER:
        if (a->focus_link >= 0 && (size_t)a->focus_link < a->page.n_links)
            follow_link(a, a->page.links[a->focus_link]);
        break;
    case 't':
        if (!(mods & MOD_CTRL))
            app_toggle_contents(a);
        break;
    case 'p': /* the progress page (PROGRESS_PAGE takes P again to close) */
        app_show_summary(a, -1);
        break;
    case KEY_ESCAPE:
        if (a->rv.toc_overlay) {
            a->rv.toc_overlay = 0;
            a->dirty = 1;
        } else if (a->fullscreen) {
            a->fullscreen = 0;
            a->dirty = 1;
        } else {
            app_to_library(a);
        }
        break;
    default:
        break;
    }
}

static int reader_screen_key(App *a, int key, unsigned mods)
{
    /* a text field or an exercise control with the focus first */
    if (exv_key(a, key, mods))
        return SCR_TAKEN;
    if (app_own_key(key, mods))
        return SCR_PASS;
    if (key == 'l')
        langmenu_toggle(a);
    else
        reader_key(a, key, mods);
    return SCR_TAKEN;
}

static int reader_screen_text(App *a, const char *text)
{
    exv_text(a, text);
    return 1;
}

static int reader_wheel(App *a, int x, int y, int dy)
{
    if (app_toc_visible(a) && x < a->rv.panel_w && y >= a->top_h) { /* the contents scroll */
        a->rv.toc_scroll -= dy * app_ui_px(a) * 3;
        int max = a->rv.toc_h - (a->h - a->top_h);
        if (a->rv.toc_scroll > max)
            a->rv.toc_scroll = max;
        if (a->rv.toc_scroll < 0)
            a->rv.toc_scroll = 0;
        a->dirty = 1;
    } else {
        app_scroll_to(a, a->scroll - dy * app_body_px(a) * 3);
    }
    return 1;
}

/* Dragging the scroll bar's thumb, or selecting in a text field. */
static int reader_drag(App *a, int x, int y, int done)
{
    if (a->ex.dragging) {
        app_layout_page(a); /* a dragged item moved: its neighbours' places are the new layout's */
        exv_drag(a, x, y, done);
    }
    if (done) {
        a->rv.drag_sb = 0;
    } else if (a->rv.drag_sb) {
        ScrollThumb t = app_scroll_thumb(a);
        if (t.track > 0)
            app_scroll_to(a, a->rv.drag_from_scroll +
                                 (int)((long long)(y - a->rv.drag_from_y) * app_scroll_limit(a) / t.track));
    }
    return 1;
}

const ScreenOps READER_SCREEN = {.name = "reader",
                                 .key = reader_screen_key,
                                 .text = reader_screen_text,
                                 .press = reader_press,
                                 .frame = view_reader,
                                 .wheel = reader_wheel,
                                 .drag = reader_drag};
