/* chrome: what every screen's frame is made of besides its content: text buttons, the "Language" button, the status
   line; and what their common buttons do (zoom, theme, language, forgetting all data). */
#include <limits.h>
#include <stdio.h>
#include <string.h>

#include "ui/app_impl.h"

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

static const char *lang_label(App *a, char *buf, size_t size)
{
    const char *tag = a->screen == SCREEN_READER && a->view ? a->view->lang : i18n_language();
    snprintf(buf, size, _("Language: %s"), i18n_language_name(tag));
    return buf;
}

int view_lang_button(App *a, int x, int y, int h, int draw)
{
    char label[128];
    lang_label(a, label, sizeof label);
    if (draw)
        return view_button(a, x, y, h, label, ACT_LANG_MENU, 0, app_is_open(a, &LANG_MENU));
    int ui = app_ui_px(a);
    return fonts_width(a->fonts, FACE_SANS, ui, label, strlen(label)) + 2 * (int)(ui * 0.8f);
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
    SpanStyle st = {a->fonts, 1.35f, 4, ALIGN_LEFT};
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
    case ACT_NOTHING:
    case ACT_NONE:
        return 1;
    default:
        return 0;
    }
}
