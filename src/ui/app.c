/* app: reader state, navigation, settings and reading positions, event handling. */
#include <errno.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/entryname.h"
#include "core/imghdr.h"
#include "ui/app_impl.h"

const int APP_ZOOMS[] = {75, 90, 100, 110, 125, 150, 175, 200, 250, 300};
const size_t APP_N_ZOOMS = sizeof APP_ZOOMS / sizeof APP_ZOOMS[0];

int app_ui_px(const App *a)
{
    return (int)lroundf(15.0f * a->scale);
}

int app_body_px(const App *a)
{
    return (int)lroundf(20.0f * a->scale * (float)a->zoom / 100.0f);
}

void app_hit(App *a, int x, int y, int w, int h, Action act, long arg)
{
    if (a->n_hits == a->cap_hits) {
        size_t cap = a->cap_hits ? a->cap_hits * 2 : 64;
        Hit *v = realloc(a->hits, cap * sizeof *v);
        if (!v)
            return;
        a->hits = v;
        a->cap_hits = cap;
    }
    a->hits[a->n_hits++] = (Hit){x, y, w, h, act, arg};
}

void app_set_status(App *a, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->status, sizeof a->status, fmt, ap);
    va_end(ap);
    a->status_until = a->now + 8000;
    a->dirty = 1;
}

static void status_err(App *a, const Err *e)
{
    char buf[1024];
    err_format(e, buf, sizeof buf);
    app_set_status(a, "%s", buf);
}

const Item *app_flat_item(const App *a, size_t i)
{
    if (!a->m || i >= a->n_flat)
        return NULL;
    return &a->m->lessons[a->flat[i].lesson].items[a->flat[i].item];
}

/* ---- settings and reading positions ---------------------------------------------------------------------- */

static void state_path(char *out, size_t size, const char *dir, const char *name)
{
    snprintf(out, size, "%s/%s", dir, name);
}

static int nearest_zoom(int z)
{
    int best = 100;
    for (size_t i = 0; i < APP_N_ZOOMS; i++)
        if (abs(APP_ZOOMS[i] - z) < abs(best - z))
            best = APP_ZOOMS[i];
    return best;
}

static void load_settings(App *a)
{
    char path[USERDIR_PATH + 32];
    Err e;
    err_clear(&e);
    state_path(path, sizeof path, a->dirs.config_dir, "settings");
    state_load(path, &a->settings, &e);
    if (e.code != ERR_OK)
        status_err(a, &e);
    err_clear(&e);
    state_path(path, sizeof path, a->dirs.data_dir, "reading");
    state_load(path, &a->reading, &e);
    if (e.code != ERR_OK)
        status_err(a, &e);
    const char *t = state_get(&a->settings, "theme");
    a->theme = t && theme_from_name(t) >= 0 ? (ThemeId)theme_from_name(t) : THEME_LIGHT;
    a->zoom = nearest_zoom(state_get_int(&a->settings, "zoom", 100));
    a->show_toc = state_get_int(&a->settings, "contents", 1) != 0;
}

static int position_permille(const App *a);

void app_save(App *a)
{
    if (a->opt.readonly)
        return;
    state_set(&a->settings, "theme", theme_name(a->theme));
    state_set_int(&a->settings, "zoom", a->zoom);
    state_set_int(&a->settings, "contents", a->show_toc);
    if (a->m && a->page_valid) {
        char key[300], val[300];
        snprintf(key, sizeof key, "pos/%s", a->m->id);
        int permille = position_permille(a);
        const Item *it = app_flat_item(a, a->item);
        if (it) {
            snprintf(val, sizeof val, "%s %d", it->id, permille);
            state_set(&a->reading, key, val);
        }
    }
    Err e;
    err_clear(&e);
    int rc = 0;
    if ((a->settings.dirty || a->reading.dirty) && userdir_mkdirs(a->dirs.config_dir, &e) == 0 &&
        userdir_mkdirs(a->dirs.data_dir, &e) == 0) {
        rc = state_save(&a->settings, &e);
        if (rc == 0)
            rc = state_save(&a->reading, &e);
    }
    if (rc != 0 || e.code != ERR_OK) {
        char buf[1024];
        err_format(&e, buf, sizeof buf);
        app_set_status(a, _("Your reading position could not be saved: %s"), buf);
    }
    a->reading_dirty = 0;
}

int app_item_seen(const App *a, const char *item_id)
{
    if (!a->m)
        return 0;
    char key[300];
    snprintf(key, sizeof key, "seen/%s/%s", a->m->id, item_id);
    return state_get(&a->reading, key) != NULL;
}

size_t app_read_count(const App *a, const LibEntry *e)
{
    if (!e->ok || !e->id)
        return 0;
    char prefix[300];
    int n = snprintf(prefix, sizeof prefix, "seen/%s/", e->id);
    size_t count = 0;
    for (size_t i = 0; i < a->reading.n; i++)
        if (strncmp(a->reading.v[i].key, prefix, (size_t)n) == 0)
            count++;
    return count > e->n_items ? e->n_items : count;
}

/* ---- life cycle -------------------------------------------------------------------------------------------- */

App *app_new(const AppOptions *o, Err *err)
{
    App *a = calloc(1, sizeof *a);
    if (!a) {
        err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
        return NULL;
    }
    a->opt = *o;
    a->cur = -1;
    a->want_permille = -1;
    a->w = o->width > 0 ? o->width : 1280;
    a->h = o->height > 0 ? o->height : 720;
    a->scale = o->scale > 0.25f ? o->scale : 1.0f;
    a->dirty = 1;
    if (userdir_resolve(o->exe_dir, o->data_dir, &a->dirs, err) != 0) {
        free(a);
        return NULL;
    }
    char fonts[USERDIR_PATH + 32];
    snprintf(fonts, sizeof fonts, "%s/assets/fonts", o->exe_dir);
    if (fonts_open(fonts, &a->fonts, err) != 0) {
        free(a);
        return NULL;
    }
    load_settings(a);
    if (o->theme && theme_from_name(o->theme) >= 0)
        a->theme = (ThemeId)theme_from_name(o->theme);
    if (o->zoom > 0)
        a->zoom = nearest_zoom(o->zoom);
    char dir[USERDIR_PATH + 32];
    snprintf(dir, sizeof dir, "%s/packs", o->exe_dir);
    library_scan(&a->lib, dir, LIB_BUNDLED);
    snprintf(dir, sizeof dir, "%s/packs", a->dirs.data_dir);
    library_scan(&a->lib, dir, LIB_USER);
    return a;
}

static void close_pack(App *a)
{
    layout_free(&a->page);
    free(a->page_hits);
    a->page_hits = NULL;
    a->n_page_hits = 0;
    a->page_valid = 0;
    pack_close(a->pack);
    a->pack = NULL;
    a->m = NULL;
    free(a->flat);
    a->flat = NULL;
    a->n_flat = 0;
    a->cur = -1;
    a->n_back = a->n_fwd = 0;
    a->img_gen++;
}

void app_free(App *a)
{
    if (!a)
        return;
    close_pack(a);
    state_free(&a->settings);
    state_free(&a->reading);
    library_free(&a->lib);
    fonts_close(a->fonts);
    dl_free(&a->frame);
    free(a->hits);
    free(a);
}

void app_add_pack(App *a, const char *path)
{
    library_add(&a->lib, path, LIB_ARGUMENT);
    a->dirty = 1;
}

/* ---- reading ------------------------------------------------------------------------------------------------ */

static void mark_seen(App *a)
{
    const Item *it = app_flat_item(a, a->item);
    if (!it || a->opt.readonly)
        return;
    char key[300];
    snprintf(key, sizeof key, "seen/%s/%s", a->m->id, it->id);
    state_set(&a->reading, key, "1");
}

static long find_flat(const App *a, const char *id)
{
    for (size_t i = 0; i < a->n_flat; i++)
        if (strcmp(app_flat_item(a, i)->id, id) == 0)
            return (long)i;
    return -1;
}

/* Shows item 'i' at 'permille' of its height. */
static void go_item(App *a, size_t i, int permille)
{
    if (i >= a->n_flat)
        return;
    if (a->item != i || !a->page_valid) {
        layout_free(&a->page);
        a->page_valid = 0;
    }
    a->item = i;
    a->scroll = 0;
    a->want_permille = permille;
    mark_seen(a);
    a->dirty = 1;
    a->reading_dirty = 1;
    a->save_at = a->now; /* an item change is saved at once */
}

/* The position as a fraction of the page, which survives zoom and width changes; the end of the page is kept
   as the end (10000), since rounding would otherwise leave it a pixel short. */
static int position_permille(const App *a)
{
    int limit = app_scroll_limit(a);
    if (a->page.height <= 0 || limit <= 0)
        return 0;
    if (a->scroll >= limit)
        return 10000;
    return (int)(((long long)a->scroll * 10000 + a->page.height / 2) / a->page.height);
}

static HistEntry here(const App *a)
{
    return (HistEntry){a->item, position_permille(a)};
}

/* Follows a navigation to item 'i', remembering where we were for Alt+Left. */
static void navigate(App *a, size_t i)
{
    if (i >= a->n_flat || i == a->item)
        return;
    if (a->n_back == HISTORY_MAX) {
        memmove(a->back, a->back + 1, (HISTORY_MAX - 1) * sizeof *a->back);
        a->n_back--;
    }
    a->back[a->n_back++] = here(a);
    a->n_fwd = 0;
    go_item(a, i, 0);
}

static void history_step(App *a, int forward)
{
    HistEntry *from = forward ? a->fwd : a->back, *to = forward ? a->back : a->fwd;
    int *n_from = forward ? &a->n_fwd : &a->n_back, *n_to = forward ? &a->n_back : &a->n_fwd;
    if (*n_from == 0)
        return;
    HistEntry h = from[--*n_from];
    if (*n_to < HISTORY_MAX)
        to[(*n_to)++] = here(a);
    go_item(a, h.item, h.permille);
}

int app_open(App *a, size_t index, const char *item_id)
{
    if (index >= a->lib.n)
        return -1;
    const LibEntry *e = &a->lib.v[index];
    if (!e->ok) {
        status_err(a, &e->error);
        return -1;
    }
    close_pack(a);
    PackLimits lim;
    pack_limits_default(&lim);
    Err err;
    err_clear(&err);
    if (pack_open(e->path, &lim, &a->pack, &err) != 0) {
        status_err(a, &err);
        return -1;
    }
    a->m = pack_manifest(a->pack);
    size_t n = manifest_item_count(a->m);
    a->flat = calloc(n ? n : 1, sizeof *a->flat);
    if (!a->flat) {
        close_pack(a);
        app_set_status(a, "%s", _("Out of memory."));
        return -1;
    }
    for (size_t l = 0; l < a->m->n_lessons; l++)
        for (size_t i = 0; i < a->m->lessons[l].n_items; i++)
            a->flat[a->n_flat++] = (struct FlatItem){l, i};
    a->cur = (long)index;
    a->lib_sel = index;
    a->screen = SCREEN_READER;
    size_t start = 0;
    int permille = 0;
    char key[300];
    snprintf(key, sizeof key, "pos/%s", a->m->id);
    const char *pos = state_get(&a->reading, key);
    if (item_id) {
        long f = find_flat(a, item_id);
        if (f < 0)
            app_set_status(a, _("This pack has no item '%s'; showing its first item."), item_id);
        else
            start = (size_t)f;
    } else if (pos) {
        char id[256];
        int pm = 0;
        if (sscanf(pos, "%255s %d", id, &pm) == 2) {
            long f = find_flat(a, id);
            if (f >= 0) {
                start = (size_t)f;
                permille = pm < 0 ? 0 : pm > 10000 ? 10000 : pm;
            }
        }
    }
    if (a->n_flat == 0) {
        app_set_status(a, "%s", _("This pack has no items to show."));
        return 0;
    }
    go_item(a, start, permille);
    a->dirty = 1;
    return 0;
}

int app_open_path(App *a, const char *path, const char *item_id)
{
    long i = library_add(&a->lib, path, LIB_ARGUMENT);
    if (i < 0)
        return -1;
    return app_open(a, (size_t)i, item_id);
}

static void to_library(App *a)
{
    if (a->screen == SCREEN_READER)
        app_save(a);
    a->screen = SCREEN_LIBRARY;
    a->dirty = 1;
}

int app_scroll_limit(const App *a)
{
    int limit = a->page.height + a->pad_top * 2 - a->view_h;
    return limit > 0 ? limit : 0;
}

static void scroll_to(App *a, int y)
{
    int limit = app_scroll_limit(a);
    if (y > limit)
        y = limit;
    if (y < 0)
        y = 0;
    if (y != a->scroll) {
        a->scroll = y;
        a->dirty = 1;
        a->reading_dirty = 1;
        a->save_at = a->now + 1500;
    }
}

static void set_zoom(App *a, int dir)
{
    size_t i = 0;
    while (i < APP_N_ZOOMS && APP_ZOOMS[i] != a->zoom)
        i++;
    if (i == APP_N_ZOOMS)
        i = 2;
    if (dir > 0 && i + 1 < APP_N_ZOOMS)
        i++;
    else if (dir < 0 && i > 0)
        i--;
    else if (dir == 0)
        i = 2;
    if (APP_ZOOMS[i] == a->zoom)
        return;
    if (a->page_valid)
        a->want_permille = here(a).permille;
    a->zoom = APP_ZOOMS[i];
    a->dirty = 1;
}

/* ---- links ----------------------------------------------------------------------------------------------- */

static void follow_link(App *a, const char *href)
{
    if (strncmp(href, "item:", 5) == 0) {
        long f = find_flat(a, href + 5);
        if (f >= 0)
            navigate(a, (size_t)f);
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
    if (it && entryname_resolve(it->file, href, target, sizeof target) == 0)
        for (size_t i = 0; i < a->n_flat; i++)
            if (strcmp(app_flat_item(a, i)->file, target) == 0) {
                navigate(a, i);
                return;
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

static void do_action(App *a, const Hit *h, int y)
{
    switch (h->action) {
    case ACT_OPEN_PACK:
        a->lib_sel = (size_t)h->arg;
        app_open(a, (size_t)h->arg, NULL);
        break;
    case ACT_LIBRARY:
        to_library(a);
        break;
    case ACT_TOGGLE_TOC:
        a->show_toc = !a->show_toc;
        a->dirty = 1;
        break;
    case ACT_ZOOM_IN:
        set_zoom(a, 1);
        break;
    case ACT_ZOOM_OUT:
        set_zoom(a, -1);
        break;
    case ACT_THEME:
        a->theme = (ThemeId)((a->theme + 1) % THEME_COUNT);
        a->dirty = 1;
        break;
    case ACT_ITEM:
        navigate(a, (size_t)h->arg);
        break;
    case ACT_LINK:
        if (h->arg >= 0 && (size_t)h->arg < a->page.n_links)
            follow_link(a, a->page.links[h->arg]);
        break;
    case ACT_SCROLLBAR: {
        /* a press on the thumb drags it; on the track, the thumb jumps there */
        int limit = app_scroll_limit(a);
        int total = a->page.height + 2 * a->pad_top;
        int thumb = total > 0 ? (int)((long long)a->view_h * a->view_h / total) : a->view_h;
        int min_thumb = app_ui_px(a) * 2;
        if (thumb < min_thumb)
            thumb = min_thumb;
        int track = a->view_h - thumb;
        int ty = a->view_y + (limit > 0 ? (int)((long long)a->scroll * track / limit) : 0);
        if (y < ty || y >= ty + thumb)
            scroll_to(a, track > 0 ? (int)((long long)(y - a->view_y - thumb / 2) * limit / track) : 0);
        a->drag_sb = 1;
        a->drag_from_y = y;
        a->drag_from_scroll = a->scroll;
        break;
    }
    case ACT_BACK:
        history_step(a, 0);
        break;
    case ACT_FORWARD:
        history_step(a, 1);
        break;
    case ACT_NONE:
        break;
    }
}

static void reader_key(App *a, int key, unsigned mods)
{
    int line = app_body_px(a) * 2;
    int page = a->view_h - 2 * line > line ? a->view_h - 2 * line : line;
    int limit = app_scroll_limit(a);
    switch (key) {
    case KEY_DOWN:
        scroll_to(a, a->scroll + line);
        break;
    case KEY_UP:
        scroll_to(a, a->scroll - line);
        break;
    case ' ':
    case KEY_PAGEDOWN:
        if ((mods & MOD_SHIFT) && key == ' ')
            scroll_to(a, a->scroll - page);
        else if (a->scroll >= limit && a->item + 1 < a->n_flat)
            navigate(a, a->item + 1); /* at the end of a page, the next page */
        else
            scroll_to(a, a->scroll + page);
        break;
    case KEY_PAGEUP:
        scroll_to(a, a->scroll - page);
        break;
    case KEY_HOME:
        scroll_to(a, 0);
        break;
    case KEY_END:
        scroll_to(a, limit);
        break;
    case KEY_LEFT:
        if (mods & MOD_ALT)
            history_step(a, 0);
        else if (a->item > 0)
            navigate(a, a->item - 1);
        break;
    case KEY_RIGHT:
        if (mods & MOD_ALT)
            history_step(a, 1);
        else if (a->item + 1 < a->n_flat)
            navigate(a, a->item + 1);
        break;
    case KEY_BACKSPACE:
        history_step(a, 0);
        break;
    case 't':
        if (!(mods & MOD_CTRL)) {
            a->show_toc = !a->show_toc;
            a->dirty = 1;
        }
        break;
    case KEY_ESCAPE:
        if (a->fullscreen) {
            a->fullscreen = 0;
            a->dirty = 1;
        } else {
            to_library(a);
        }
        break;
    default:
        break;
    }
}

static void library_key(App *a, int key)
{
    int ui = app_ui_px(a);
    int card = (int)(19 * ui), gap = (int)(1.6 * ui), margin = 2 * ui;
    int cols = (a->w - 2 * margin + gap) / (card + gap);
    if (cols < 1)
        cols = 1;
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

static void handle_key(App *a, int key, unsigned mods)
{
    if (mods & MOD_CTRL) {
        if (key == '=' || key == '+')
            set_zoom(a, 1);
        else if (key == '-')
            set_zoom(a, -1);
        else if (key == '0')
            set_zoom(a, 0);
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
        return;
    }
    if (a->screen == SCREEN_READER)
        reader_key(a, key, mods);
    else
        library_key(a, key);
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
    if (i >= 0) {
        a->lib_sel = (size_t)i;
        app_set_status(a, _("Added \xe2\x80\x9c%s\xe2\x80\x9d to your library."),
                       a->lib.v[i].title ? a->lib.v[i].title : a->lib.v[i].name);
    }
    a->screen = SCREEN_LIBRARY;
    a->dirty = 1;
}

void app_handle(App *a, const UiEvent *e, uint32_t now_ms)
{
    a->now = now_ms;
    app_frame(a); /* events act on what is on screen: geometry, layout and click targets must be current */
    switch (e->type) {
    case UI_KEY:
        handle_key(a, e->key, e->mods);
        break;
    case UI_TEXT:
        break;
    case UI_PRESS: {
        const Hit *h = hit_at(a, e->x, e->y);
        if (h)
            do_action(a, h, e->y);
        break;
    }
    case UI_RELEASE:
        a->drag_sb = 0;
        break;
    case UI_MOTION:
        if (a->drag_sb) {
            int limit = app_scroll_limit(a);
            int total = a->page.height + 2 * a->pad_top;
            int thumb = total > 0 ? (int)((long long)a->view_h * a->view_h / total) : a->view_h;
            if (thumb < app_ui_px(a) * 2)
                thumb = app_ui_px(a) * 2;
            int track = a->view_h - thumb;
            if (track > 0)
                scroll_to(a, a->drag_from_scroll + (int)((long long)(e->y - a->drag_from_y) * limit / track));
        }
        break;
    case UI_WHEEL:
        if (a->screen == SCREEN_READER && a->show_toc && e->x < a->side_w) {
            a->toc_scroll -= e->dy * app_ui_px(a) * 3;
            int max = a->toc_h - (a->h - a->top_h);
            if (a->toc_scroll > max)
                a->toc_scroll = max;
            if (a->toc_scroll < 0)
                a->toc_scroll = 0;
            a->dirty = 1;
        } else if (a->screen == SCREEN_READER) {
            scroll_to(a, a->scroll - e->dy * app_body_px(a) * 3);
        } else {
            a->lib_scroll -= e->dy * app_ui_px(a) * 4;
            a->dirty = 1;
        }
        break;
    case UI_RESIZE:
        if (e->w > 0 && e->h > 0 && (e->w != a->w || e->h != a->h || fabsf(e->scale - a->scale) > 0.01f)) {
            if (a->page_valid)
                a->want_permille = here(a).permille;
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
    case UI_QUIT:
        a->quit = 1;
        break;
    }
    if (a->quit)
        app_save(a);
}

int app_tick(App *a, uint32_t now_ms)
{
    a->now = now_ms;
    int wait = -1;
    if (a->reading_dirty) {
        if ((int32_t)(now_ms - a->save_at) >= 0)
            app_save(a);
        else
            wait = (int)(a->save_at - now_ms);
    }
    if (a->status[0]) {
        if ((int32_t)(now_ms - a->status_until) >= 0) {
            a->status[0] = '\0';
            a->dirty = 1;
        } else {
            int left = (int)(a->status_until - now_ms);
            if (wait < 0 || left < wait)
                wait = left;
        }
    }
    return wait;
}

/* ---- frames and queries -------------------------------------------------------------------------------- */

const DisplayList *app_frame(App *a)
{
    if (!a->dirty)
        return &a->frame;
    dl_reset(&a->frame);
    a->n_hits = 0;
    if (a->screen == SCREEN_READER && a->m)
        view_reader(a);
    else
        view_library(a);
    a->dirty = 0;
    return &a->frame;
}

int app_dirty(const App *a)
{
    return a->dirty;
}

unsigned app_image_generation(const App *a)
{
    return a->img_gen;
}

int app_image(App *a, const char *key, char **data, size_t *len, Err *err)
{
    PackLimits lim;
    pack_limits_default(&lim);
    uint64_t max = lim.max_entry_size;
    if (strncmp(key, "p:", 2) == 0 && a->pack)
        return pack_read(a->pack, key + 2, max, data, len, err);
    if (strncmp(key, "c:", 2) == 0) {
        unsigned long i = strtoul(key + 2, NULL, 10);
        if (i >= a->lib.n || !a->lib.v[i].ok || !a->lib.v[i].cover)
            return err_set(err, ERR_NOT_FOUND, NULL, N_("no cover"));
        Pack *p = NULL;
        if (pack_open(a->lib.v[i].path, &lim, &p, err) != 0)
            return -(int)err->code;
        int rc = pack_read(p, a->lib.v[i].cover, max, data, len, err);
        pack_close(p);
        return rc;
    }
    return err_set(err, ERR_NOT_FOUND, NULL, N_("no image '%s'"), key);
}

Fonts *app_fonts(App *a)
{
    return a->fonts;
}
ThemeId app_theme(const App *a)
{
    return a->theme;
}
Screen app_screen(const App *a)
{
    return a->screen;
}
int app_zoom(const App *a)
{
    return a->zoom;
}
int app_quit_requested(const App *a)
{
    return a->quit;
}
int app_fullscreen(const App *a)
{
    return a->fullscreen;
}
const char *app_item_id(const App *a)
{
    const Item *it = a->screen == SCREEN_READER ? app_flat_item(a, a->item) : NULL;
    return it ? it->id : NULL;
}
const char *app_pack_id(const App *a)
{
    return a->m ? a->m->id : NULL;
}
int app_scroll(const App *a)
{
    return a->scroll;
}
int app_scroll_max(const App *a)
{
    return app_scroll_limit(a);
}
int app_toc_visible(const App *a)
{
    return a->screen == SCREEN_READER && a->side_w > 0;
}
const char *app_status(const App *a)
{
    return a->status;
}
const Library *app_library(const App *a)
{
    return &a->lib;
}
const UserDirs *app_dirs(const App *a)
{
    return &a->dirs;
}

int app_clickable_at(App *a, int x, int y)
{
    app_frame(a);
    return hit_at(a, x, y) != NULL;
}

char *app_frame_text(App *a)
{
    const DisplayList *dl = app_frame(a);
    size_t len = 1;
    for (size_t i = 0; i < dl->n; i++)
        if (dl->v[i].kind == DL_TEXT)
            len += dl->v[i].len + 1;
    char *s = malloc(len), *p = s;
    if (!s)
        return NULL;
    for (size_t i = 0; i < dl->n; i++)
        if (dl->v[i].kind == DL_TEXT) {
            memcpy(p, dl_str(dl, &dl->v[i]), dl->v[i].len);
            p += dl->v[i].len;
            *p++ = ' ';
        }
    *p = '\0';
    return s;
}
