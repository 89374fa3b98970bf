/* chrome: what every screen's frame is made of besides its content: text buttons, the "Language" button, the status
   line; and what their common buttons do (zoom, theme, language, forgetting all data). */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "ui/app_impl.h"

int view_button_width(App *a, const char *label)
{
    int ui = app_ui_px(a);
    return fonts_width(a->fonts, FACE_SANS, ui, label, strlen(label)) + 2 * (int)(ui * 0.8f);
}

int view_button(App *a, int x, int y, int h, const char *label, Action act, long arg, int selected)
{
    int ui = app_ui_px(a);
    int pad = (int)(ui * 0.8f);
    size_t len = strlen(label);
    int tw = fonts_width(a->fonts, FACE_SANS, ui, label, len);
    int w = tw + 2 * pad;
    FontMetrics m;
    fonts_metrics(a->fonts, FACE_SANS, ui, &m);
    int bh = (int)(ui * 2.2f), by = y + (h - bh) / 2;
    if (selected)
        dl_rect(&a->frame, x, by, w, bh, COL_SELECT);
    dl_text(&a->frame, x + pad, y + (h - m.height) / 2, tw, m.height, FACE_SANS, ui,
            selected ? COL_SELECT_TEXT : COL_PANEL_TEXT, label, len);
    app_hit(a, x, by, w, bh, act, arg);
    return w;
}

/* The button says which language it shows (review: one "Language:" meant the interface in the library and the
   lessons in the reader); both open the menu that has the two. */
static const char *lang_label(App *a, char *buf, size_t size)
{
    if (a->screen == SCREEN_READER && a->view)
        snprintf(buf, size, _("Lessons: %s"), i18n_language_name(a->view->lang));
    else
        snprintf(buf, size, _("Interface: %s"), i18n_language_name(i18n_language()));
    return buf;
}

const char *view_theme_label(const App *a, char *buf, size_t size)
{
    snprintf(buf, size, _("Theme: %s"), theme_label(a->theme));
    return buf;
}

int view_lang_button(App *a, int x, int y, int h, int draw)
{
    char label[128];
    lang_label(a, label, sizeof label);
    if (draw)
        return view_button(a, x, y, h, label, ACT_LANG_MENU, 0, app_is_open(a, &LANG_MENU));
    return view_button_width(a, label);
}

void view_status(App *a)
{
    if (!a->status[0])
        return;
    int ui = app_ui_px(a);
    int w = a->w - 4 * ui < 50 * ui ? a->w - 4 * ui : 50 * ui;
    if (w < 4 * ui)
        return;
    DisplayList *dl = &a->frame;
    SpanStyle st = {.fonts = a->fonts, .line_height = 1.35f, .max_lines = 4, .align = ALIGN_LEFT};
    Span s = {a->status, strlen(a->status), FACE_SANS, ui, COL_BG, 0};
    /* laid out aside first, to size the box to the text and place it at the bottom */
    DisplayList tmp = {0};
    int th = layout_spans(&st, &s, 1, 0, 0, w - 2 * ui, &tmp);
    int tw = 0;
    for (size_t i = 0; i < tmp.n; i++)
        if (tmp.v[i].x + tmp.v[i].w > tw)
            tw = tmp.v[i].x + tmp.v[i].w;
    int bw = tw + 2 * ui, bh = th + ui, y = a->h - bh - ui, x = (a->w - bw) / 2;
    dl_rect(dl, x, y, bw, bh, COL_TEXT);
    dl_append(dl, &tmp, x + ui, y + ui / 2, INT_MIN / 2, INT_MAX / 2, 0);
    dl_free(&tmp);
}

int chrome_press(App *a, const Hit *h)
{
    switch (h->action) {
    case ACT_ZOOM_IN:
        app_set_zoom(a, 1);
        return 1;
    case ACT_ZOOM_OUT:
        app_set_zoom(a, -1);
        return 1;
    case ACT_THEME:
        a->theme = (ThemeId)((a->theme + 1) % THEME_COUNT);
        a->dirty = 1;
        return 1;
    case ACT_LANG_MENU:
        langmenu_toggle(a);
        return 1;
    case ACT_FORGET_ALL:
        app_ask_forget(a, 1);
        return 1;
    case ACT_MORE:
        app_push(a, &MORE_MENU);
        a->more.sel = 0;
        a->dirty = 1;
        return 1;
    case ACT_NOTHING:
    case ACT_NONE:
        return 1;
    default:
        return 0;
    }
}

/* ---- a narrow window's "More" menu ----------------------------------------------------------------------------- */

int view_more_button(App *a, int x, int y, int h, const Action *acts, int n, int draw)
{
    const char *label = _("More\xe2\x80\xa6");
    if (!draw)
        return view_button_width(a, label);
    a->more.n = 0;
    a->more.button_drawn = 1;
    for (int i = 0; i < n && a->more.n < (int)(sizeof a->more.acts / sizeof *a->more.acts); i++)
        a->more.acts[a->more.n++] = acts[i];
    return view_button(a, x, y, h, label, ACT_MORE, 0, app_is_open(a, &MORE_MENU));
}

static const char *more_label(App *a, Action act, char *buf, size_t size)
{
    switch (act) {
    case ACT_LANG_MENU:
        lang_label(a, buf, size); /* the words of the bar's own button */
        break;
    case ACT_THEME:
        view_theme_label(a, buf, size);
        break;
    case ACT_ZOOM_IN:
        snprintf(buf, size, _("Larger text (%d%%)"), a->zoom);
        break;
    case ACT_ZOOM_OUT:
        snprintf(buf, size, _("Smaller text (%d%%)"), a->zoom);
        break;
    case ACT_FORGET_ALL:
        snprintf(buf, size, "%s", _("Forget all my data\xe2\x80\xa6"));
        break;
    case ACT_TRUST_LIST:
        snprintf(buf, size, "%s", _("Trusted keys\xe2\x80\xa6"));
        break;
    case ACT_PRESENT:
        snprintf(buf, size, "%s", _("Present (F5)"));
        break;
    default:
        buf[0] = '\0';
        break;
    }
    return buf;
}

static void more_pick(App *a, long row)
{
    if (row < 0 || row >= a->more.n)
        return;
    Hit h = {0, 0, 0, 0, a->more.acts[row], 0, NULL};
    app_pop(a, &MORE_MENU);
    if (h.action == ACT_ZOOM_IN || h.action == ACT_ZOOM_OUT || h.action == ACT_THEME)
        app_push(a, &MORE_MENU); /* size and theme: it stays open, to press again */
    if (chrome_press(a, &h))
        return;
    for (int i = a->depth; i-- > 0;) /* the screen's own button (Present): as if pressed on its bar */
        if (a->stack[i] != &MORE_MENU && a->stack[i]->press && a->stack[i]->press(a, &h, 0, 0))
            return;
}

static int more_key(App *a, int key, unsigned mods)
{
    if (app_own_key(key, mods))
        return SCR_APP_ONLY;
    switch (key) {
    case KEY_UP:
        a->more.sel = a->more.sel > 0 ? a->more.sel - 1 : a->more.n - 1;
        break;
    case KEY_DOWN:
        a->more.sel = a->more.sel + 1 < a->more.n ? a->more.sel + 1 : 0;
        break;
    case KEY_ENTER:
    case ' ':
        more_pick(a, a->more.sel);
        break;
    case KEY_ESCAPE:
        app_pop(a, &MORE_MENU);
        break;
    default:
        break;
    }
    a->dirty = 1;
    return SCR_TAKEN;
}

static int more_press(App *a, const Hit *h, int x, int y)
{
    (void)x, (void)y;
    if (h->action == ACT_MORE_PICK)
        more_pick(a, h->arg);
    else
        app_pop(a, &MORE_MENU); /* a click beside the menu closes it */
    return 1;
}

static int more_frame(App *a)
{
    if (!a->more.button_drawn) { /* the window grew and the bar shows every button: the menu has nothing to add */
        app_pop(a, &MORE_MENU);
        a->dirty = 1;
        return 0;
    }
    a->more.button_drawn = 0; /* the bar under the menu sets it again in the next frame */
    int ui = app_ui_px(a), rh = (int)(ui * 2.4f);
    DisplayList *dl = &a->frame;
    app_hit(a, 0, 0, a->w, a->h, ACT_NONE, 0); /* beside the menu: closes it */
    int w = ui * 18 < a->w - ui ? ui * 18 : a->w - ui;
    int h = a->more.n * rh + ui;
    int x = a->w - w - ui / 2, y = a->top_h;
    dl_rect(dl, x - 1, y - 1, w + 2, h + 2, COL_RULE);
    dl_rect(dl, x, y, w, h, COL_PANEL);
    FontMetrics m;
    fonts_metrics(a->fonts, FACE_SANS, ui, &m);
    for (int i = 0; i < a->more.n; i++) {
        int ry = y + ui / 2 + i * rh, sel = i == a->more.sel;
        if (sel)
            dl_rect(dl, x, ry, w, rh, COL_SELECT);
        char buf[160];
        const char *t = more_label(a, a->more.acts[i], buf, sizeof buf);
        SpanStyle st = {.fonts = a->fonts, .line_height = 1.0f, .max_lines = 1, .align = ALIGN_LEFT};
        Span s = {t, strlen(t), FACE_SANS, ui, sel ? COL_SELECT_TEXT : COL_PANEL_TEXT, 0};
        layout_spans(&st, &s, 1, x + ui, ry + (rh - m.height) / 2, w - 2 * ui, dl);
        app_hit(a, x, ry, w, rh, ACT_MORE_PICK, i);
    }
    return 0;
}

const ScreenOps MORE_MENU = {.name = "more menu", .key = more_key, .press = more_press, .frame = more_frame};
