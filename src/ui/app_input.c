/* app_input: what keys, clicks, the wheel, drops and resizes do to the app. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/entryname.h"
#include "core/library.h"
#include "ui/app_impl.h"

/* ---- links ----------------------------------------------------------------------------------------------- */

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

/* ---- events ------------------------------------------------------------------------------------------------- */

static const Hit *hit_at(const App *a, int x, int y)
{
    for (size_t i = a->n_hits; i-- > 0;) {
        const Hit *h = &a->hits[i];
        if (x >= h->x && x < h->x + h->w && y >= h->y && y < h->y + h->h)
            return h;
    }
    return NULL;
}

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

void app_toggle_contents(App *a)
{
    if (a->narrow)
        a->toc_overlay = !a->toc_overlay;
    else
        a->show_toc = !a->show_toc;
    a->dirty = 1;
}

static void do_action(App *a, const Hit *h, int x, int y)
{
    switch (h->action) {
    case ACT_OPEN_PACK:
        a->lib_sel = (size_t)h->arg;
        app_open(a, (size_t)h->arg, NULL);
        break;
    case ACT_LIBRARY:
        app_to_library(a);
        break;
    case ACT_TOGGLE_TOC:
        app_toggle_contents(a);
        break;
    case ACT_CLOSE_CONTENTS:
        a->toc_overlay = 0;
        a->dirty = 1;
        break;
    case ACT_ZOOM_IN:
        app_set_zoom(a, 1);
        break;
    case ACT_ZOOM_OUT:
        app_set_zoom(a, -1);
        break;
    case ACT_THEME:
        a->theme = (ThemeId)((a->theme + 1) % THEME_COUNT);
        a->dirty = 1;
        break;
    case ACT_ITEM:
        app_navigate(a, (size_t)h->arg);
        a->toc_overlay = 0; /* contents opened over the page close once an item is chosen */
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
        a->drag_sb = 1;
        a->drag_from_y = y;
        a->drag_from_scroll = a->scroll;
        break;
    }
    case ACT_BACK:
        app_history_step(a, 0);
        break;
    case ACT_FORWARD:
        app_history_step(a, 1);
        break;
    case ACT_LANG_MENU:
        langmenu_toggle(a);
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
    case ACT_FORGET_ALL:
        app_ask_forget(a, 1);
        break;
    case ACT_NOTHING:
    case ACT_NONE:
        break;
    default:
        app_present_action(a, h);
        break;
    }
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

/* Tab on the progress page: through its buttons and exercises, each scrolled into view. */
static void summary_focus(App *a, int dir)
{
    long n = (long)a->n_page_hits;
    if (n == 0)
        return;
    a->summary_focus = a->summary_focus < 0 ? (dir > 0 ? 0 : n - 1) : (a->summary_focus + dir + n) % n;
    const Hit *h = &a->page_hits[a->summary_focus];
    int top = h->y + a->pad_top - a->scroll;
    if (top < 0 || top + h->h > a->view_h)
        app_scroll_to(a, h->y + a->pad_top - a->view_h / 3);
    a->page_valid = 0; /* the focus ring is part of the page */
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
        if (a->summary)
            summary_focus(a, (mods & MOD_SHIFT) ? -1 : 1);
        else
            focus_next_link(a, (mods & MOD_SHIFT) != 0);
        break;
    case KEY_ENTER:
        if (a->summary && a->summary_focus >= 0 && (size_t)a->summary_focus < a->n_page_hits) {
            Hit h = a->page_hits[a->summary_focus];
            do_action(a, &h, 0, 0);
        } else if (a->focus_link >= 0 && (size_t)a->focus_link < a->page.n_links) {
            follow_link(a, a->page.links[a->focus_link]);
        }
        break;
    case 't':
        if (!(mods & MOD_CTRL))
            app_toggle_contents(a);
        break;
    case 'p':
        if (a->summary)
            app_close_summary(a);
        else
            app_show_summary(a, -1);
        break;
    case KEY_ESCAPE:
        if (a->summary) {
            app_close_summary(a);
        } else if (a->toc_overlay) {
            a->toc_overlay = 0;
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

static void library_key(App *a, int key)
{
    int cols = a->lib_cols > 0 ? a->lib_cols : 1;
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

/* ---- the base screens -------------------------------------------------------------------------------------- */

/* The reader's own keys, for whatever screen is open: a screen passes them down (SCR_PASS) or leaves them to the
   reader alone (SCR_APP_ONLY). */
static int is_app_key(int key, unsigned mods)
{
    return (mods & MOD_CTRL) || key == KEY_F11 || key == KEY_F5;
}

static int reader_screen_key(App *a, int key, unsigned mods)
{
    /* lecturer mode first (its note, its keys), then a text field or an exercise control with the focus */
    if (app_present_key(a, key, mods) || exv_key(a, key, mods))
        return SCR_TAKEN;
    if (is_app_key(key, mods))
        return SCR_PASS;
    if (key == 'l')
        langmenu_toggle(a);
    else
        reader_key(a, key, mods);
    return SCR_TAKEN;
}

static int reader_screen_text(App *a, const char *text)
{
    if (a->present && a->note_editing) {
        te_insert(&a->note_edit, text);
        a->dirty = 1;
    } else {
        exv_text(a, text);
    }
    return 1;
}

static int library_screen_key(App *a, int key, unsigned mods)
{
    if (is_app_key(key, mods))
        return SCR_PASS;
    if (key == 'l')
        langmenu_toggle(a);
    else
        library_key(a, key);
    return SCR_TAKEN;
}

static int library_screen_frame(App *a)
{
    library_describe(&a->lib); /* the cards' languages, once (a pack opened straight away never needs them) */
    return view_library(a);
}

static const ScreenOps LIBRARY_SCREEN = {"library", library_screen_key, NULL, NULL, library_screen_frame};
static const ScreenOps READER_SCREEN = {"reader", reader_screen_key, reader_screen_text, NULL, view_reader};
static const ScreenOps CONSOLE_SCREEN = {"lecturer's console", reader_screen_key, reader_screen_text, NULL,
                                         view_presenter};

/* The base screen for what is open: the library, or the open pack in the reader or the lecturer's console. */
static const ScreenOps *base_screen(const App *a)
{
    if (a->screen == SCREEN_READER && a->m)
        return a->present ? &CONSOLE_SCREEN : &READER_SCREEN;
    return &LIBRARY_SCREEN;
}

/* Keys every screen leaves to the reader: lecturer mode, forgetting, zoom, theme, quit, full screen. */
static void app_key(App *a, int key, unsigned mods)
{
    if (key == KEY_F5 && a->screen == SCREEN_READER) {
        app_present(a, 1);
        return;
    }
    if ((mods & MOD_CTRL) && (mods & MOD_SHIFT) && key == KEY_DELETE) {
        app_ask_forget(a, 1); /* as browsers clear their data */
        return;
    }
    if (mods & MOD_CTRL) {
        if (key == '=' || key == '+')
            app_set_zoom(a, 1);
        else if (key == '-')
            app_set_zoom(a, -1);
        else if (key == '0')
            app_set_zoom(a, 0);
        else if (key == 'q')
            a->quit = 1;
        else if (key == 't') {
            a->theme = (ThemeId)((a->theme + 1) % THEME_COUNT);
            a->dirty = 1;
        }
        return;
    }
    if (key == KEY_F11) {
        a->fullscreen = !a->fullscreen;
        a->dirty = 1;
    }
}

/* A key goes down the stack from the top until a screen takes it, then to the reader's own keys. */
static void handle_key(App *a, int key, unsigned mods)
{
    for (int i = a->depth; i-- > 0;) {
        int r = a->stack[i]->key ? a->stack[i]->key(a, key, mods) : SCR_PASS;
        if (r == SCR_TAKEN)
            return;
        if (r == SCR_APP_ONLY)
            break;
    }
    app_key(a, key, mods);
}

static void handle_text(App *a, const char *text)
{
    for (int i = a->depth; i-- > 0;)
        if (a->stack[i]->text && a->stack[i]->text(a, text))
            return;
}

const DisplayList *app_frame(App *a)
{
    if (!a->dirty)
        return &a->frame;
    a->stack[0] = base_screen(a);
    dl_reset(&a->frame);
    a->n_hits = 0;
    int status = 0;
    for (int i = 0; i < a->depth; i++) { /* bottom up: an overlay draws over what is under it */
        a->building = a->stack[i];
        int r = a->stack[i]->frame(a);
        if (i == 0)
            status = r;
    }
    a->building = NULL;
    if (status)
        view_status(a);
    a->dirty = 0;
    a->built++;
    return &a->frame;
}

static void drop_file(App *a, const char *path)
{
    char dir[USERDIR_PATH + 16], dest[USERDIR_PATH + 300];
    snprintf(dir, sizeof dir, "%s/packs", a->dirs.data_dir);
    Err e;
    err_clear(&e);
    if (a->opt.readonly) {
        app_open_path(a, path, NULL);
        return;
    }
    if (library_import(path, dir, dest, sizeof dest, &e) != 0) {
        long i = library_add(&a->lib, path, LIB_ARGUMENT); /* stays visible, with its error */
        library_link(&a->lib);
        if (i >= 0) {
            a->lib_sel = (size_t)i;
            if (a->lib.v[i].ok) /* it opens, but did not pass the full check: say why */
                a->lib.v[i].ok = 0, a->lib.v[i].error = e;
        }
        char buf[1024];
        err_format(&e, buf, sizeof buf);
        app_set_status(a, _("This pack was not added to your library: %s"), buf);
        a->screen = SCREEN_LIBRARY;
        return;
    }
    long i = library_add(&a->lib, dest, LIB_USER);
    library_link(&a->lib);
    if (i >= 0) {
        a->lib_sel = (size_t)i;
        const char *title = a->lib.v[i].title ? a->lib.v[i].title : a->lib.v[i].name;
        if (e.code == ERR_TEXT_BAD_CHAR) { /* added: such characters are shown as U+FFFD */
            char buf[1024];
            err_format(&e, buf, sizeof buf);
            app_set_status(a,
                           _("Added \xe2\x80\x9c%s\xe2\x80\x9d to your library; some characters in it cannot be "
                             "shown and appear as \xef\xbf\xbd (%s)"),
                           title, buf);
        } else {
            app_set_status(a, _("Added \xe2\x80\x9c%s\xe2\x80\x9d to your library."), title);
        }
    }
    a->screen = SCREEN_LIBRARY;
    a->dirty = 1;
}

void app_handle(App *a, const UiEvent *e, uint32_t now_ms)
{
    a->now = now_ms;
    app_frame(a); /* events act on what is on screen: geometry, layout and click targets must be current */
    a->stack[0] = base_screen(a);
    switch (e->type) {
    case UI_KEY:
        handle_key(a, e->key, e->mods);
        break;
    case UI_TEXT:
    case UI_PASTE:
        if (e->text)
            handle_text(a, e->text);
        break;
    case UI_EDITING:
        exv_compose(a, e->text);
        break;
    case UI_PRESS: {
        const Hit *h = hit_at(a, e->x, e->y);
        if (h && h->owner && h->owner->press) /* an overlay's own target */
            h->owner->press(a, h, e->x, e->y);
        else if (h)
            do_action(a, h, e->x, e->y);
        break;
    }
    case UI_RELEASE:
        a->drag_sb = 0;
        if (a->ex.dragging)
            exv_drag(a, e->x, e->y, 1);
        break;
    case UI_MOTION:
        if (a->ex.dragging)
            exv_drag(a, e->x, e->y, 0);
        if (a->drag_sb) {
            ScrollThumb t = app_scroll_thumb(a);
            if (t.track > 0)
                app_scroll_to(a, a->drag_from_scroll +
                                     (int)((long long)(e->y - a->drag_from_y) * app_scroll_limit(a) / t.track));
        }
        break;
    case UI_WHEEL:
        if (a->screen == SCREEN_READER && app_toc_visible(a) && e->x < a->panel_w && e->y >= a->top_h) {
            a->toc_scroll -= e->dy * app_ui_px(a) * 3;
            int max = a->toc_h - (a->h - a->top_h);
            if (a->toc_scroll > max)
                a->toc_scroll = max;
            if (a->toc_scroll < 0)
                a->toc_scroll = 0;
            a->dirty = 1;
        } else if (a->screen == SCREEN_READER && a->present) { /* the notes panel scrolls */
            a->notes_scroll -= e->dy * app_ui_px(a) * 3;
            int max = a->notes_h - a->notes_view_h + app_ui_px(a) * 2;
            a->notes_scroll = a->notes_scroll > max ? max : a->notes_scroll;
            a->notes_scroll = a->notes_scroll < 0 ? 0 : a->notes_scroll;
            a->dirty = 1;
        } else if (a->screen == SCREEN_READER) {
            app_scroll_to(a, a->scroll - e->dy * app_body_px(a) * 3);
        } else {
            a->lib_scroll -= e->dy * app_ui_px(a) * 4;
            a->dirty = 1;
        }
        break;
    case UI_RESIZE:
        if (e->w > 0 && e->h > 0 && (e->w != a->w || e->h != a->h || fabsf(e->scale - a->scale) > 0.01f)) {
            if (a->page_valid)
                a->want_permille = app_here(a).permille;
            a->w = e->w;
            a->h = e->h;
            if (e->scale > 0.25f)
                a->scale = e->scale;
            a->dirty = 1;
        }
        break;
    case UI_DROP:
        if (e->text)
            drop_file(a, e->text);
        break;
    case UI_DISPLAYS:
        pres_set_displays(&a->pres, e->w);
        a->aud_dirty = 1;
        a->dirty = 1;
        break;
    case UI_QUIT:
        a->quit = 1;
        break;
    }
    if (a->quit)
        app_save(a);
}

int app_clickable_at(App *a, int x, int y)
{
    app_frame(a);
    return hit_at(a, x, y) != NULL;
}
