/* view_library: the library screen: one card per pack with its cover, title, languages, size and progress;
   packs that cannot be opened keep their card and say why. */
#include <math.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/imghdr.h"
#include "ui/app_impl.h"

/* The card's line of what its signature says (one line; a key not trusted yet is a link to trust it). Returns
   its height. */
static int sig_line(App *a, size_t idx, int x, int y, int w)
{
    const LibEntry *e = &a->lib.v[idx];
    if (!e->sig)
        return 0;
    int ui = app_ui_px(a);
    char line[400];
    trust_ui_state(e->sig, 1, line, sizeof line);
    int unknown = e->sig->state == PACKSIG_UNKNOWN_KEY;
    const char *trust = _("Trust it\xe2\x80\xa6 (K)");
    SpanStyle st = {.fonts = a->fonts, .line_height = 1.3f, .max_lines = unknown ? 3 : 2, .align = ALIGN_LEFT};
    Span s[3] = {{line, strlen(line), FACE_SANS, ui, trust_ui_state_colour(e->sig), 0},
                 {"\n", 1, FACE_SANS, ui, COL_LINK, 0},
                 {trust, strlen(trust), FACE_SANS_BOLD, ui, COL_LINK, 0}};
    int h = layout_spans(&st, s, unknown ? 3 : 1, x, y, w, &a->frame);
    if (unknown)
        app_hit(a, x, y, w, h, ACT_TRUST_ADD, (long)idx);
    return h;
}

/* One pack's card at (x, y), w x h. */
static void card(App *a, size_t idx, int x, int y, int w, int h)
{
    const LibEntry *e = &a->lib.v[idx];
    DisplayList *dl = &a->frame;
    int ui = app_ui_px(a), pad = ui;
    int sel = idx == a->lib_sel;
    dl_rect(dl, x, y, w, h, COL_CARD);
    dl_frame(dl, x, y, w, h, sel ? (ui / 5 > 2 ? ui / 5 : 2) : 1, sel ? COL_ACCENT : e->ok ? COL_RULE : COL_ERROR);
    app_hit(a, x, y, w, h, ACT_OPEN_PACK, (long)idx);
    int cover_h = w * 9 / 16;
    int cy = y + pad + cover_h + ui;
    SpanStyle st = {.fonts = a->fonts, .line_height = 1.3f, .max_lines = 2, .align = ALIGN_LEFT};
    dl_clip(dl, x, y, w, h);
    if (!e->ok) {
        dl_rect(dl, x + 1, y + 1, w - 2, cover_h + pad - 1, COL_CODE_BG);
        Span t = {e->name, strlen(e->name), FACE_SANS_BOLD, (int)(ui * 1.15f), COL_TEXT, 0};
        int ty = y + pad;
        ty += layout_spans(&st, &t, 1, x + pad, ty, w - 2 * pad, dl) + ui / 2;
        /* "not as it was signed" only when the signature says so (not for a read error or a legacy signature too
           large to check) */
        ErrCode c = e->error.code;
        int changed = e->sig && e->sig->state == PACKSIG_REFUSED && c >= ERR_SIG_TOO_LARGE && c <= ERR_SIG_OTHER_FILE;
        const char *head = changed ? _("Refused: this pack is not as it was signed") : _("This pack cannot be opened");
        Span s[3] = {{head, strlen(head), FACE_SANS_BOLD, ui, COL_ERROR, 0},
                     {"\n", 1, FACE_SANS, ui, COL_ERROR, 0},
                     {e->error.msg, strlen(e->error.msg), FACE_SANS, ui, COL_TEXT, 0}};
        st.max_lines = (h - (ty - y) - pad) / (int)(ui * 1.3f);
        if (st.max_lines < 1)
            st.max_lines = 1;
        layout_spans(&st, s, 3, x + pad, ty, w - 2 * pad, dl);
        dl_clip(dl, 0, 0, 0, 0);
        return;
    }
    /* the cover, letterboxed in its area */
    dl_rect(dl, x + pad, y + pad, w - 2 * pad, cover_h, COL_CODE_BG);
    const LibEntry *ce = e;
    size_t cidx = idx;
    if (e->is_locale && e->base >= 0 && (size_t)e->base < a->lib.n) /* a translation shows its pack's cover */
        ce = &a->lib.v[cidx = (size_t)e->base];
    if (ce->cover && ce->cover_w > 0 && ce->cover_h > 0) {
        int aw = w - 2 * pad, ah = cover_h;
        int iw = aw, ih = (int)((long long)aw * ce->cover_h / ce->cover_w);
        if (ih > ah) {
            ih = ah;
            iw = (int)((long long)ah * ce->cover_w / ce->cover_h);
        }
        char key[32];
        snprintf(key, sizeof key, "c:%zu", cidx);
        dl_image(dl, x + pad + (aw - iw) / 2, y + pad + (ah - ih) / 2, iw, ih, key);
    } else if (ce->cover && ce->cover_err.code != ERR_OK) { /* as a page does with an image: say why */
        const char *head = _("The cover cannot be shown");
        Span s[3] = {{head, strlen(head), FACE_SANS_BOLD, ui, COL_ERROR, 0},
                     {"\n", 1, FACE_SANS, ui, COL_ERROR, 0},
                     {ce->cover_err.msg, strlen(ce->cover_err.msg), FACE_SANS, ui, COL_TEXT, 0}};
        SpanStyle cs = st;
        cs.max_lines = (cover_h - ui) / (int)(ui * 1.3f);
        if (cs.max_lines < 1)
            cs.max_lines = 1;
        layout_spans(&cs, s, 3, x + 2 * pad, y + pad + ui / 2, w - 4 * pad, dl);
    }
    /* a pack's title in the interface's language when a translation of it gives one (review: cards stayed English) */
    const char *title = e->is_locale ? (e->title ? e->title : e->name) : library_title_in(e, i18n_language());
    Span t = {title, strlen(title), FACE_SANS_BOLD, (int)(ui * 1.15f), COL_TEXT, 0};
    cy += layout_spans(&st, &t, 1, x + pad, cy, w - 2 * pad, dl) + ui / 3;
    char line[512] = "";
    for (size_t i = 0; i < e->n_langs; i++) { /* "en · ru 100% · nl 80%": each language and its coverage */
        char code[48];
        if (i > 0 && e->coverage)
            snprintf(code, sizeof code, " \xc2\xb7 %s %d%%", e->langs[i], e->coverage[i]);
        else
            snprintf(code, sizeof code, "%s%s", i ? " \xc2\xb7 " : "", e->langs[i]);
        strncat(line, code, sizeof line - strlen(line) - 1);
    }
    char info[600];
    if (e->is_locale && e->base >= 0 && (size_t)e->base < a->lib.n)
        snprintf(info, sizeof info, _("%s: a translation of “%s”"), i18n_language_name(e->language ? e->language : "?"),
                 library_title_in(&a->lib.v[e->base], i18n_language()));
    else
        snprintf(info, sizeof info, ngettext("%s \xe2\x80\x94 %zu lesson", "%s \xe2\x80\x94 %zu lessons", e->n_lessons),
                 line, e->n_lessons);
    Span s = {info, strlen(info), FACE_SANS, ui, COL_MUTED, 0};
    st.max_lines = e->is_locale ? 2 : 1; /* a translation's card has no progress lines: its line may wrap into them */
    cy += layout_spans(&st, &s, 1, x + pad, cy, w - 2 * pad, dl) + ui / 3;
    cy += sig_line(a, idx, x + pad, cy, w - 2 * pad) + ui / 3;
    if (e->is_locale) {
        dl_clip(dl, 0, 0, 0, 0);
        return;
    }
    size_t read = app_read_count(a, e);
    char prog[200];
    snprintf(prog, sizeof prog, ngettext("%zu of %zu item read", "%zu of %zu items read", e->n_items), read,
             e->n_items);
    size_t done = 0;
    double mean = 0;
    if (progress_pack_tally(a->prog, e->id, &done, &mean) && done) { /* and the exercises done, with their score */
        size_t k = strlen(prog);
        snprintf(prog + k, sizeof prog - k,
                 ngettext(" \xc2\xb7 %zu exercise done, %d%%", " \xc2\xb7 %zu exercises done, %d%%", done), done,
                 (int)(mean * 100 + 0.5));
    }
    Span p = {prog, strlen(prog), FACE_SANS, ui, COL_MUTED, 0};
    cy += layout_spans(&st, &p, 1, x + pad, cy, w - 2 * pad, dl) + ui / 3;
    int bw = w - 2 * pad, bh = ui / 3 > 3 ? ui / 3 : 3;
    dl_rect(dl, x + pad, cy, bw, bh, COL_RULE);
    if (e->n_items)
        dl_rect(dl, x + pad, cy, (int)((long long)bw * read / e->n_items), bh, COL_ACCENT);
    dl_clip(dl, 0, 0, 0, 0);
}

int view_library(App *a)
{
    DisplayList *dl = &a->frame;
    int ui = app_ui_px(a);
    a->top_h = (int)(ui * 3.2f);
    a->side_w = 0;
    dl_rect(dl, 0, 0, a->w, a->h, COL_BG);
    int margin = 2 * ui, gap = (int)(1.6f * ui), cw = 19 * ui;
    if (cw > a->w - 2 * margin)
        cw = a->w - 2 * margin;
    if (cw < ui)
        cw = ui;
    int cols = (a->w - 2 * margin + gap) / (cw + gap);
    if (cols < 1)
        cols = 1;
    a->libv.cols = cols;
    int ch = cw * 9 / 16 + (int)(ui * 12.2f); /* cover, title, languages, signature (up to three lines), progress */
    int rows = (int)((a->lib.n + (size_t)cols - 1) / (size_t)cols);
    int grid_w = cols * cw + (cols - 1) * gap;
    int x0 = (a->w - grid_w) / 2;
    /* the heading, laid out aside first: its height places the cards (in a narrow window the line under the title
       wraps, and the cards go lower instead of under it; review B11) */
    DisplayList hdr = {0};
    SpanStyle st = {.fonts = a->fonts, .line_height = 1.2f, .max_lines = 1, .align = ALIGN_LEFT};
    const char *title = "Beseda";
    Span t = {title, strlen(title), FACE_SERIF_BOLD, ui * 2, COL_TEXT, 0};
    int th = layout_spans(&st, &t, 1, 0, 0, grid_w, &hdr);
    const char *sub = a->lib.n ? _("Choose a lesson pack. Drop a .beseda file on this window to add it.")
                               : _("There are no lesson packs yet. Drop a .beseda file on this window to add it.");
    Span s = {sub, strlen(sub), FACE_SANS, ui, COL_MUTED, 0};
    st.max_lines = 4;
    th += ui / 2 + layout_spans(&st, &s, 1, 0, th + ui / 2, grid_w, &hdr);
    int head = (int)(ui * 7.5f) > margin + th + ui ? (int)(ui * 7.5f) : margin + th + ui;
    int courses_h = a->lib.n_courses ? (int)a->lib.n_courses * (int)(ui * 6.2f) : 0; /* course_cards' height */
    int courses_y = head;
    head += courses_h;
    a->libv.content_h = head + rows * (ch + gap) + margin;
    int max = a->libv.content_h - a->h;
    /* keep the selected card in view */
    if (a->lib.n) {
        int sy = head + (int)(a->lib_sel / (size_t)cols) * (ch + gap);
        if (sy - a->libv.scroll < head / 2)
            a->libv.scroll = sy - head / 2;
        if (sy + ch - a->libv.scroll > a->h - margin)
            a->libv.scroll = sy + ch - a->h + margin;
    }
    if (a->libv.scroll > max)
        a->libv.scroll = max;
    if (a->libv.scroll < 0)
        a->libv.scroll = 0;
    int y0 = -a->libv.scroll;

    dl_append(dl, &hdr, x0, y0 + margin, INT_MIN / 2, INT_MAX / 2, 0);
    dl_free(&hdr);
    char tl[128];
    view_theme_label(a, tl, sizeof tl);
    int wt = view_button_width(a, tl);
    int wl = view_lang_button(a, 0, 0, 0, 0);
    const char *forget = _("Forget all my data\xe2\x80\xa6"), *keys = _("Trusted keys\xe2\x80\xa6");
    int wf = view_button_width(a, forget), wk = view_button_width(a, keys);
    if (a->w - wt - wl - wf - wk - 4 * ui > x0 + ui * 8) {
        view_button(a, a->w - wt - ui, y0 + margin / 2, a->top_h, tl, ACT_THEME, 0, 0);
        view_lang_button(a, a->w - wt - wl - 2 * ui, y0 + margin / 2, a->top_h, 1);
        view_button(a, a->w - wt - wl - wk - 3 * ui, y0 + margin / 2, a->top_h, keys, ACT_TRUST_LIST, 0, 0);
        view_button(a, a->w - wt - wl - wk - wf - 4 * ui, y0 + margin / 2, a->top_h, forget, ACT_FORGET_ALL, 0, 0);
    } else { /* not room for them all beside the title: they are in "More..." (review B11) */
        static const Action more[] = {ACT_LANG_MENU, ACT_THEME, ACT_TRUST_LIST, ACT_FORGET_ALL};
        int wm = view_more_button(a, 0, 0, 0, NULL, 0, 0);
        view_more_button(a, a->w - wm - ui, y0 + margin / 2, a->top_h, more, 4, 1);
    }
    if (a->lib.n_courses) /* a course's card, the width of the grid, above the packs' */
        course_cards(a, x0, y0 + courses_y, grid_w);
    for (size_t i = 0; i < a->lib.n; i++) {
        int r = (int)(i / (size_t)cols), c = (int)(i % (size_t)cols);
        int y = y0 + head + r * (ch + gap);
        if (y + ch < 0 || y > a->h)
            continue;
        card(a, i, x0 + c * (cw + gap), y, cw, ch);
    }
    return 1;
}

/* ---- the library screen: keys, clicks and the wheel ------------------------------------------------------------ */

static void library_move(App *a, int dx, int dy, int cols)
{
    if (a->lib.n == 0)
        return;
    long s = (long)a->lib_sel + dx + (long)dy * cols;
    if (s < 0)
        s = 0;
    if (s >= (long)a->lib.n)
        s = (long)a->lib.n - 1;
    a->lib_sel = (size_t)s;
    a->dirty = 1;
}

static void library_key(App *a, int key)
{
    int cols = a->libv.cols > 0 ? a->libv.cols : 1;
    switch (key) {
    case KEY_LEFT:
        library_move(a, -1, 0, cols);
        break;
    case KEY_RIGHT:
        library_move(a, 1, 0, cols);
        break;
    case KEY_UP:
        library_move(a, 0, -1, cols);
        break;
    case KEY_DOWN:
        library_move(a, 0, 1, cols);
        break;
    case KEY_HOME:
        library_move(a, -(int)a->lib.n, 0, cols);
        break;
    case KEY_END:
        library_move(a, (int)a->lib.n, 0, cols);
        break;
    case KEY_ENTER:
    case ' ':
        if (a->lib_sel < a->lib.n)
            app_open(a, a->lib_sel, NULL);
        break;
    case KEY_ESCAPE:
        if (a->fullscreen) {
            a->fullscreen = 0;
            a->dirty = 1;
        }
        break;
    default:
        break;
    }
}

static int library_screen_key(App *a, int key, unsigned mods)
{
    if (app_own_key(key, mods))
        return SCR_PASS;
    if (key == 'l')
        langmenu_toggle(a);
    else if (key == 'c') /* the (first) course's overview */
        course_open(a, 0);
    else if (key == 'k') /* the trusted keys; on a card signed by a key not trusted yet, trusting it */
        a->lib_sel < a->lib.n && a->lib.v[a->lib_sel].sig && a->lib.v[a->lib_sel].sig->state == PACKSIG_UNKNOWN_KEY
            ? trust_ui_add(a, (long)a->lib_sel)
            : trust_ui_list(a);
    else
        library_key(a, key);
    return SCR_TAKEN;
}

static int library_frame(App *a)
{
    library_describe(&a->lib); /* the cards' languages, once (a pack opened straight away never needs them) */
    return view_library(a);
}

static int library_press(App *a, const Hit *h, int x, int y)
{
    (void)x, (void)y;
    if (h->action == ACT_COURSE) {
        course_open(a, h->arg);
        return 1;
    }
    if (h->action == ACT_TRUST_LIST) {
        trust_ui_list(a);
        return 1;
    }
    if (h->action == ACT_TRUST_ADD) {
        if (h->arg >= 0)
            a->lib_sel = (size_t)h->arg;
        trust_ui_add(a, h->arg);
        return 1;
    }
    if (h->action != ACT_OPEN_PACK)
        return chrome_press(a, h);
    a->lib_sel = (size_t)h->arg;
    app_open(a, (size_t)h->arg, NULL);
    return 1;
}

static int library_wheel(App *a, int x, int y, int dy)
{
    (void)x, (void)y;
    a->libv.scroll -= dy * app_ui_px(a) * 4;
    a->dirty = 1;
    return 1;
}

const ScreenOps LIBRARY_SCREEN = {.name = "library",
                                  .key = library_screen_key,
                                  .press = library_press,
                                  .frame = library_frame,
                                  .wheel = library_wheel};
