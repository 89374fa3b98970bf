/* langmenu: the language menu overlay (see langmenu.h). */
#include <stdio.h>
#include <string.h>

#include "ui/app_impl.h"

/* Rows: the open pack's languages (in the reader), then the interface languages. */
static void menu_fill(App *a)
{
    LangMenu *mn = &a->menu;
    mn->n = 0;
    const size_t max = sizeof mn->rows / sizeof *mn->rows;
    if (a->screen == SCREEN_READER && a->view) {
        const char *langs[24];
        size_t n = lview_languages(&a->lset, langs, 24);
        for (size_t i = 0; i < n && mn->n < max; i++) {
            mn->rows[mn->n].ui = 0;
            mn->rows[mn->n].pct = i == 0 ? 100 : lview_coverage(&a->lset, langs[i]);
            snprintf(mn->rows[mn->n++].tag, I18N_TAG, "%s", langs[i]);
        }
    }
    char dir[USERDIR_PATH + 16], ui[24][I18N_TAG];
    userdir_locale_dir(a->opt.exe_dir, dir, sizeof dir);
    size_t n = i18n_available(dir, ui, 24);
    if (mn->n < max) {
        mn->rows[mn->n].ui = 1;
        mn->rows[mn->n++].tag[0] = '\0';
    }
    for (size_t i = 0; i < n && mn->n < max; i++) {
        mn->rows[mn->n].ui = 1;
        snprintf(mn->rows[mn->n++].tag, I18N_TAG, "%.*s", I18N_TAG - 1, ui[i]);
    }
}

void langmenu_toggle(App *a)
{
    LangMenu *mn = &a->menu;
    if (app_is_open(a, &LANG_MENU)) {
        app_pop(a, &LANG_MENU);
    } else {
        app_push(a, &LANG_MENU);
        menu_fill(a);
        mn->sel = 0;
        for (size_t i = 0; i < mn->n; i++) /* start on the current choice */
            if ((!mn->rows[i].ui && a->view && strcmp(mn->rows[i].tag, a->view->lang) == 0) ||
                (a->screen != SCREEN_READER && mn->rows[i].ui && strcmp(mn->rows[i].tag, a->ui_lang) == 0)) {
                mn->sel = (long)i;
                break;
            }
    }
    a->dirty = 1;
}

static void pick(App *a, size_t row)
{
    if (row >= a->menu.n)
        return;
    struct MenuRow r = a->menu.rows[row];
    app_pop(a, &LANG_MENU);
    if (r.ui)
        app_set_ui_lang(a, r.tag);
    else
        app_set_content_lang(a, r.tag);
    a->dirty = 1;
}

/* The menu takes every key while it is open, but the reader's own (Ctrl+Q, Ctrl+T, F11). */
static int menu_key(App *a, int key, unsigned mods)
{
    LangMenu *mn = &a->menu;
    if ((mods & MOD_CTRL) || key == KEY_F11 || key == KEY_F5)
        return SCR_APP_ONLY;
    switch (key) {
    case KEY_UP:
        mn->sel = mn->sel > 0 ? mn->sel - 1 : (long)mn->n - 1;
        break;
    case KEY_DOWN:
        mn->sel = mn->sel + 1 < (long)mn->n ? mn->sel + 1 : 0;
        break;
    case KEY_ENTER:
    case ' ':
        pick(a, (size_t)mn->sel);
        break;
    case KEY_ESCAPE:
    case 'l':
        langmenu_toggle(a);
        break;
    default:
        break;
    }
    a->dirty = 1;
    return SCR_TAKEN;
}

static int menu_press(App *a, const Hit *h, int x, int y)
{
    (void)x, (void)y;
    if (h->action == ACT_MENU_PICK)
        pick(a, (size_t)h->arg);
    else
        langmenu_toggle(a); /* a click beside the menu closes it */
    return 1;
}

/* One row of the menu: a check mark for the current choice, the language's own name, and its coverage. */
static int menu_row(App *a, int x, int y, int w, size_t i)
{
    int ui = app_ui_px(a), rh = (int)(ui * 2.2f);
    const struct MenuRow *r = &a->menu.rows[i];
    int current = r->ui ? strcmp(r->tag, a->ui_lang) == 0 : a->view && strcmp(r->tag, a->view->lang) == 0;
    int sel = (long)i == a->menu.sel;
    DisplayList *dl = &a->frame;
    if (sel)
        dl_rect(dl, x, y, w, rh, COL_SELECT);
    char text[200];
    const char *name = r->tag[0] ? i18n_language_name(r->tag) : _("As the system (automatic)");
    if (!r->ui && r->pct < 100)
        snprintf(text, sizeof text, _("%s (%d%% translated)"), name, r->pct);
    else
        snprintf(text, sizeof text, "%s", name);
    FontMetrics m;
    fonts_metrics(a->fonts, FACE_SANS, ui, &m);
    int col = sel ? COL_SELECT_TEXT : COL_PANEL_TEXT;
    if (current) /* a bullet: PT Sans has it */
        dl_text(dl, x + ui / 2, y + (rh - m.height) / 2, fonts_width(a->fonts, FACE_SANS, ui, "\xe2\x80\xa2", 3),
                m.height, FACE_SANS, ui, col, "\xe2\x80\xa2", 3);
    SpanStyle st = {.fonts = a->fonts, .line_height = 1.0f, .max_lines = 1, .align = ALIGN_LEFT};
    Span s = {text, strlen(text), FACE_SANS, ui, col, 0};
    layout_spans(&st, &s, 1, x + 2 * ui, y + (rh - m.height) / 2, w - 3 * ui, dl);
    app_hit(a, x, y, w, rh, ACT_MENU_PICK, (long)i);
    return rh;
}

static int menu_frame(App *a)
{
    const LangMenu *mn = &a->menu;
    int ui = app_ui_px(a);
    DisplayList *dl = &a->frame;
    app_hit(a, 0, 0, a->w, a->h, ACT_MENU_CLOSE, 0); /* a click beside the menu closes it */
    int w = ui * 22 < a->w - 2 * ui ? ui * 22 : a->w - 2 * ui;
    int rh = (int)(ui * 2.2f), head = (int)(ui * 2.4f);
    int sections = 1 + (mn->n > 0 && !mn->rows[0].ui);
    int h = (int)mn->n * rh + sections * head + ui;
    int x = a->w - w - ui / 2, y = a->top_h;
    if (y + h > a->h)
        y = a->h - h > 0 ? a->h - h : 0;
    dl_rect(dl, x - 1, y - 1, w + 2, h + 2, COL_RULE);
    dl_rect(dl, x, y, w, h, COL_PANEL);
    int cy = y + ui / 2;
    SpanStyle st = {.fonts = a->fonts, .line_height = 1.0f, .max_lines = 1, .align = ALIGN_LEFT};
    for (size_t i = 0; i < mn->n; i++) {
        if (i == 0 || mn->rows[i].ui != mn->rows[i - 1].ui) {
            const char *t = mn->rows[i].ui ? _("Interface language") : _("Language of the lessons");
            Span s = {t, strlen(t), FACE_SANS_BOLD, (int)(ui * 0.9f), COL_MUTED, 0};
            layout_spans(&st, &s, 1, x + ui, cy + ui / 2, w - 2 * ui, dl);
            cy += head;
        }
        cy += menu_row(a, x, cy, w, i);
    }
    return 0;
}

const ScreenOps LANG_MENU = {.name = "language menu", .key = menu_key, .press = menu_press, .frame = menu_frame};
