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
    a->hits[a->n_hits++] = (Hit){x, y, w, h, act, arg, a->building};
}

/* ---- the stack of screens ------------------------------------------------------------------------------------ */

int app_is_open(const App *a, const ScreenOps *s)
{
    for (int i = 0; i < a->depth; i++)
        if (a->stack[i] == s)
            return 1;
    return 0;
}

void app_push(App *a, const ScreenOps *s)
{
    if (app_is_open(a, s) || a->depth == (int)(sizeof a->stack / sizeof *a->stack))
        return;
    a->stack[a->depth++] = s;
    a->dirty = 1;
}

void app_pop(App *a, const ScreenOps *s)
{
    for (int i = 1; i < a->depth; i++) /* the base screen (0) is replaced, never popped */
        if (a->stack[i] == s) {
            a->depth = i;
            a->dirty = 1;
            return;
        }
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

void app_status_err(App *a, const Err *e)
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
        app_status_err(a, &e);
    /* the learner's data: positions, items read, answers (the interim 'reading' file moves in once) */
    err_clear(&e);
    char legacy[USERDIR_PATH + 32];
    state_path(path, sizeof path, a->dirs.data_dir, "progress.db");
    state_path(legacy, sizeof legacy, a->dirs.data_dir, "reading");
    if (!a->opt.readonly)
        userdir_mkdirs(a->dirs.data_dir, &e); /* a failure shows as the store's own message below */
    err_clear(&e);
    progress_open(path, legacy, a->opt.readonly, &a->prog, &e);
    if (e.code != ERR_OK)
        app_status_err(a, &e);
    const char *t = state_get(&a->settings, "theme");
    a->theme = t && theme_from_name(t) >= 0 ? (ThemeId)theme_from_name(t) : THEME_LIGHT;
    a->zoom = nearest_zoom(state_get_int(&a->settings, "zoom", 100));
    a->show_toc = state_get_int(&a->settings, "contents", 1) != 0;
    const char *ui = state_get(&a->settings, "language");
    snprintf(a->ui_lang, sizeof a->ui_lang, "%s", ui && manifest_valid_language(ui) ? ui : "");
    if (a->ui_lang[0])
        i18n_set_language(a->ui_lang);
}

static int position_permille(const App *a);

void app_save(App *a)
{
    if (a->opt.readonly)
        return;
    state_set(&a->settings, "theme", theme_name(a->theme));
    state_set_int(&a->settings, "zoom", a->zoom);
    state_set_int(&a->settings, "contents", a->show_toc);
    if (a->opt.window && !a->fullscreen) { /* a real window: its size in points, for next time */
        char size[32];
        snprintf(size, sizeof size, "%dx%d", (int)(a->w / a->scale + 0.5f), (int)(a->h / a->scale + 0.5f));
        state_set(&a->settings, "window", size);
    }
    Err e;
    err_clear(&e);
    if (a->ex.text_dirty) { /* typed text is saved now, not a moment later */
        a->ex.save_at = a->now;
        exv_tick(a);
    }
    if (a->m && a->screen == SCREEN_READER && !a->page_valid)
        app_frame(a); /* the position is a share of the page's height: lay it out first */
    const Item *it = a->m && a->page_valid ? app_flat_item(a, a->item) : NULL;
    if (it)
        app_progress_result(a, progress_set_position(a->prog, a->m->id, it->id, position_permille(a), &e), &e);
    err_clear(&e);
    int rc = 0;
    if (a->settings.dirty && userdir_mkdirs(a->dirs.config_dir, &e) == 0)
        rc = state_save(&a->settings, &e);
    if (rc != 0 || e.code != ERR_OK) {
        char buf[1024];
        err_format(&e, buf, sizeof buf);
        app_set_status(a, _("Your settings could not be saved: %s"), buf);
    }
    a->reading_dirty = 0;
}

void app_window_size(const App *a, int *w, int *h)
{
    const char *v = state_get(&a->settings, "window");
    *w = 1280;
    *h = 800;
    int sw, sh;
    if (v && sscanf(v, "%dx%d", &sw, &sh) == 2 && sw >= 480 && sh >= 360 && sw <= 8192 && sh <= 8192) {
        *w = sw;
        *h = sh;
    }
}

void app_progress_result(App *a, int rc, const Err *e)
{
    if (rc != 0 || e->code != ERR_OK)
        app_status_err(a, e);
}

int app_item_seen(const App *a, const char *item_id)
{
    return a->m && progress_seen(a->prog, a->m->id, item_id);
}

size_t app_read_count(const App *a, const LibEntry *e)
{
    if (!e->ok || !e->id)
        return 0;
    size_t count = progress_seen_count(a->prog, e->id);
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
    a->doc_item = -1;
    a->focus_link = -1;
    a->want_permille = -1;
    a->want_scroll = -1;
    a->aud_item = -1;
    a->pres_notes_item = -1;
    a->pres.n_displays = 1;
    a->notes_zoom = 100;
    a->ex.item = -1;
    a->ex.focus = -1;
    a->ex.focus_kind = -1;
    a->summary_focus = -1;
    te_init(&a->dlg.edit, 0);
    a->w = o->width > 0 ? o->width : 1280;
    a->h = o->height > 0 ? o->height : 720;
    a->scale = o->scale > 0.25f ? o->scale : 1.0f;
    a->dirty = 1;
    a->depth = 1; /* the base screen, stack[0], follows what is open (app_frame) */
    if (userdir_resolve(o->exe_dir, o->data_dir, &a->dirs, err) != 0) {
        free(a);
        return NULL;
    }
    const char *share = o->share_dir ? o->share_dir : o->exe_dir;
    char fonts[USERDIR_PATH + 32];
    snprintf(fonts, sizeof fonts, "%s/assets/fonts", share);
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
    snprintf(dir, sizeof dir, "%s/packs", share);
    library_scan(&a->lib, dir, LIB_BUNDLED);
    snprintf(dir, sizeof dir, "%s/packs", a->dirs.data_dir);
    library_scan(&a->lib, dir, LIB_USER);
    library_link(&a->lib);
    return a;
}

static void close_pack(App *a)
{
    app_present(a, 0);
    exv_leave(a);
    a->summary = 0;
    if (a->depth > 1) /* overlays (menu, dialog) close with the pack */
        a->depth = 1;
    app_drop_page(a);
    layout_free(&a->page);
    free(a->page_hits);
    a->page_hits = NULL;
    a->n_page_hits = a->cap_page_hits = 0;
    a->page_valid = 0;
    lview_free(a->view);
    a->view = NULL;
    lview_set_close(&a->lset);
    pack_close(a->pack);
    a->pack = NULL;
    a->m = NULL;
    free(a->flat);
    a->flat = NULL;
    a->n_flat = 0;
    a->n_back = a->n_fwd = 0;
    a->img_gen++;
}

void app_free(App *a)
{
    if (!a)
        return;
    close_pack(a);
    state_free(&a->settings);
    progress_close(a->prog);
    te_free(&a->dlg.edit);
    te_free(&a->note_edit);
    layout_free(&a->aud_big.l);
    layout_free(&a->aud_small.l);
    dl_free(&a->aud_frame);
    free(a->clipboard);
    library_free(&a->lib);
    fonts_close(a->fonts);
    dl_free(&a->frame);
    free(a->hits);
    free(a);
}

void app_add_pack(App *a, const char *path)
{
    long i = library_add(&a->lib, path, LIB_ARGUMENT);
    library_link(&a->lib);
    if (i >= 0) /* the pack just given is the one in view (the library may hold more than a screenful) */
        a->lib_sel = (size_t)i;
    a->dirty = 1;
}

/* ---- reading ------------------------------------------------------------------------------------------------ */

static void mark_seen(App *a)
{
    const Item *it = app_flat_item(a, a->item);
    if (!it || a->opt.readonly)
        return;
    Err e;
    err_clear(&e);
    app_progress_result(a, progress_mark_seen(a->prog, a->m->id, it->id, &e), &e);
}

long app_find_item(const App *a, const char *id)
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
    if (a->item != i || !a->page_valid || a->summary) {
        layout_free(&a->page);
        a->page_valid = 0;
    }
    if (a->ex.item >= 0 && a->ex.item != (long)i)
        exv_leave(a); /* typed text is saved as the learner leaves */
    a->summary = 0;
    a->item = i;
    a->scroll = 0;
    a->focus_link = -1;
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

HistEntry app_here(const App *a)
{
    return (HistEntry){a->item, position_permille(a)};
}

/* Follows a navigation to item 'i', remembering where we were for Alt+Left. */
void app_navigate(App *a, size_t i)
{
    if (i >= a->n_flat || i == a->item)
        return;
    if (a->n_back == HISTORY_MAX) {
        memmove(a->back, a->back + 1, (HISTORY_MAX - 1) * sizeof *a->back);
        a->n_back--;
    }
    a->back[a->n_back++] = app_here(a);
    a->n_fwd = 0;
    go_item(a, i, 0);
}

void app_history_step(App *a, int forward)
{
    HistEntry *from = forward ? a->fwd : a->back, *to = forward ? a->back : a->fwd;
    int *n_from = forward ? &a->n_fwd : &a->n_back, *n_to = forward ? &a->n_back : &a->n_fwd;
    if (*n_from == 0)
        return;
    HistEntry h = from[--*n_from];
    if (*n_to < HISTORY_MAX)
        to[(*n_to)++] = app_here(a);
    go_item(a, h.item, h.permille);
}

/* Builds the view of the open pack for the language list; keeps the flat item table in step. */
static int build_view(App *a)
{
    const char *langs[24];
    char store[24][I18N_TAG];
    size_t n = app_content_langs(a, langs, store, 24);
    Lview *v;
    Err err = {0};
    if (lview_build(&a->lset, langs, n, &v, &err) != 0) {
        app_status_err(a, &err);
        return -1;
    }
    struct FlatItem *flat = calloc(v->n_items ? v->n_items : 1, sizeof *flat);
    if (!flat) {
        lview_free(v);
        app_set_status(a, "%s", _("Out of memory."));
        return -1;
    }
    lview_free(a->view);
    free(a->flat);
    a->view = v;
    a->m = v->m;
    a->flat = flat;
    a->n_flat = 0;
    for (size_t l = 0; l < a->m->n_lessons; l++)
        for (size_t i = 0; i < a->m->lessons[l].n_items; i++)
            a->flat[a->n_flat++] = (struct FlatItem){l, i};
    return 0;
}

int app_open(App *a, size_t index, const char *item_id)
{
    if (index >= a->lib.n)
        return -1;
    const LibEntry *e = &a->lib.v[index];
    if (!e->ok) {
        app_status_err(a, &e->error);
        return -1;
    }
    if (e->is_locale) { /* a locale pack opens the pack it translates, in its language */
        const char *lang = e->language;
        if (e->base < 0 || (size_t)e->base >= a->lib.n)
            return -1;
        index = (size_t)e->base;
        e = &a->lib.v[index];
        if (e->id && lang) {
            Err pe;
            err_clear(&pe);
            app_progress_result(a, progress_set_lang(a->prog, e->id, lang, &pe), &pe);
        }
    }
    close_pack(a);
    PackLimits lim;
    pack_limits_default(&lim);
    Err err;
    err_clear(&err);
    if (pack_open(e->path, &lim, &a->pack, &err) != 0) {
        app_status_err(a, &err);
        return -1;
    }
    if (pack_is_folder(a->pack))
        pack_folder_stamp(e->path, &a->folder_stamp);
    const char *paths[64];
    size_t n_paths = library_locales_of(&a->lib, index, paths, 64);
    a->m = pack_manifest(a->pack);
    if (lview_set_open(a->pack, paths, n_paths, &a->lset, NULL) != 0 || build_view(a) != 0) {
        close_pack(a);
        app_set_status(a, "%s", _("Out of memory."));
        return -1;
    }
    a->lib_sel = index;
    a->screen = SCREEN_READER;
    size_t start = 0;
    int permille = 0;
    char pos_item[256];
    int pos_pm = 0;
    int pos = progress_position(a->prog, a->m->id, pos_item, sizeof pos_item, &pos_pm);
    if (item_id) {
        long f = app_find_item(a, item_id);
        if (f < 0)
            app_set_status(a, _("This pack has no item '%s'; showing its first item."), item_id);
        else
            start = (size_t)f;
    } else if (pos) {
        long f = app_find_item(a, pos_item);
        if (f >= 0) {
            start = (size_t)f;
            permille = pos_pm < 0 ? 0 : pos_pm > 10000 ? 10000 : pos_pm;
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
    library_link(&a->lib);
    return app_open(a, (size_t)i, item_id);
}

void app_to_library(App *a)
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

ScrollThumb app_scroll_thumb(const App *a)
{
    ScrollThumb t = {0, a->view_h, 0};
    int limit = app_scroll_limit(a), total = a->page.height + 2 * a->pad_top;
    if (limit <= 0 || total <= 0)
        return t;
    t.len = (int)((long long)a->view_h * a->view_h / total);
    if (t.len < app_ui_px(a) * 2)
        t.len = app_ui_px(a) * 2;
    if (t.len > a->view_h)
        t.len = a->view_h;
    t.track = a->view_h - t.len;
    t.y = a->view_y + (int)((long long)a->scroll * t.track / limit);
    return t;
}

void app_scroll_to(App *a, int y)
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

void app_set_zoom(App *a, int dir)
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
        a->want_permille = app_here(a).permille;
    a->zoom = APP_ZOOMS[i];
    a->dirty = 1;
}

/* A pack folder open in the reader is watched while it is edited (a translator's preview): when its files
   change it opens again at the same item and place. */
static int watch_folder(App *a, uint32_t now_ms)
{
    if (!a->pack || !pack_is_folder(a->pack) || a->screen != SCREEN_READER)
        return -1;
    enum { POLL_MS = 400 };
    if ((int32_t)(now_ms - a->next_poll) < 0)
        return (int)(a->next_poll - now_ms);
    a->next_poll = now_ms + POLL_MS;
    uint64_t stamp = 0;
    if (pack_folder_stamp(pack_path(a->pack), &stamp) != 0 || stamp == a->folder_stamp)
        return POLL_MS;
    const Item *it = app_flat_item(a, a->item);
    char id[128] = "";
    if (it)
        snprintf(id, sizeof id, "%s", it->id);
    int permille = a->page.height > 0 ? (int)((long long)a->scroll * 10000 / a->page.height) : 0;
    size_t index = a->lib_sel;
    if (app_open(a, index, id[0] ? id : NULL) == 0) {
        a->want_permille = permille;
        app_set_status(a, "%s", _("The pack's files changed: shown again."));
    }
    return POLL_MS;
}

int app_tick(App *a, uint32_t now_ms)
{
    a->now = now_ms;
    int wait = watch_folder(a, now_ms);
    int ex_wait = exv_tick(a);
    if (ex_wait >= 0 && (wait < 0 || ex_wait < wait))
        wait = ex_wait;
    if (a->present) { /* timers and the clock change every second */
        uint32_t second = now_ms / 1000;
        if (second != a->pres_second) {
            a->pres_second = second;
            a->dirty = 1; /* the lecturer's clock and times */
            if (a->pres.timer_running)
                a->aud_dirty = 1; /* the room sees only the group timer change */
        }
        int left = (int)(1000 - now_ms % 1000);
        if (wait < 0 || left < wait)
            wait = left;
    }
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

int app_dirty(const App *a)
{
    return a->dirty || a->built != a->drawn;
}

void app_mark_drawn(App *a)
{
    a->drawn = a->built;
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
    if (key[0] == 'p' && a->pack) { /* "p<pack>:<entry>": 0 is the base pack, 1 + i overlay i's */
        char *colon;
        unsigned long k = strtoul(key + 1, &colon, 10);
        Pack *p = k == 0 ? a->pack : k <= a->lset.n_ov ? a->lset.ov[k - 1].pack : NULL;
        if (p && *colon == ':')
            return pack_read(p, colon + 1, max, data, len, err);
    }
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
    return a->screen == SCREEN_READER && (a->side_w > 0 || (a->narrow && a->toc_overlay));
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

static char *list_text(const DisplayList *dl)
{
    size_t len = 1;
    for (size_t i = 0; i < dl->n; i++)
        if (dl->v[i].kind == DL_TEXT)
            len += dl->v[i].len + 1;
    char *s = malloc(len), *p = s;
    if (!s)
        return NULL;
    const DlCmd *prev = NULL;
    for (size_t i = 0; i < dl->n; i++)
        if (dl->v[i].kind == DL_TEXT) {
            const DlCmd *c = &dl->v[i];
            /* pieces of one word (split by font or at a break opportunity with no space) touch: no space */
            if (prev && !(prev->x + prev->w == c->x && c->y < prev->y + prev->h && prev->y < c->y + c->h))
                *p++ = ' ';
            memcpy(p, dl_str(dl, c), c->len);
            p += c->len;
            prev = c;
        }
    *p = '\0';
    return s;
}

char *app_frame_text(App *a)
{
    return list_text(app_frame(a));
}

char *app_audience_text(App *a)
{
    return list_text(app_audience_frame(a));
}

char *app_audience_content_text(App *a)
{
    char *frame = list_text(app_audience_frame(a));
    char *content = a->aud_big.valid ? list_text(&a->aud_big.l.dl) : NULL;
    size_t n = frame ? strlen(frame) : 0, m = content ? strlen(content) : 0;
    char *all = frame ? malloc(n + m + 2) : NULL;
    if (all)
        snprintf(all, n + m + 2, "%s %s", frame, content ? content : "");
    free(frame);
    free(content);
    return all;
}

/* ---- languages ---------------------------------------------------------------------------------------------- */

Pack *app_item_pack(const App *a, size_t i)
{
    return a->view && i < a->view->n_items ? a->view->items[i].pack : a->pack;
}

static size_t add_lang(const char *langs[], char store[][I18N_TAG], size_t n, size_t max, const char *tag)
{
    if (!tag || !tag[0] || n >= max)
        return n;
    for (size_t i = 0; i < n; i++)
        if (strcmp(langs[i], tag) == 0)
            return n;
    snprintf(store[n], I18N_TAG, "%s", tag);
    langs[n] = store[n];
    return n + 1;
}

size_t app_content_langs(const App *a, const char *langs[], char store[][I18N_TAG], size_t max)
{
    size_t n = add_lang(langs, store, 0, max, a->opt.content_lang);
    char chosen[I18N_TAG];
    if (a->m && progress_lang(a->prog, a->m->id, chosen, sizeof chosen))
        n = add_lang(langs, store, n, max, chosen);
    n = add_lang(langs, store, n, max, a->ui_lang[0] ? a->ui_lang : NULL);
    char sys[8][I18N_TAG];
    size_t ns = i18n_system_languages(sys, 8);
    if (!a->ui_lang[0] || ns == 0)
        n = add_lang(langs, store, n, max, i18n_language());
    for (size_t i = 0; i < ns; i++) {
        /* "ru-RU" from the system also asks for plain "ru" */
        n = add_lang(langs, store, n, max, sys[i]);
        char base[I18N_TAG];
        snprintf(base, sizeof base, "%.*s", (int)strcspn(sys[i], "-"), sys[i]);
        n = add_lang(langs, store, n, max, base);
    }
    return n;
}

void app_set_content_lang(App *a, const char *lang)
{
    if (!a->m || !lang)
        return;
    const Item *it = app_flat_item(a, a->item);
    char id[128] = "";
    if (it)
        snprintf(id, sizeof id, "%s", it->id);
    Err e;
    err_clear(&e);
    app_progress_result(a, progress_set_lang(a->prog, a->m->id, lang, &e), &e);
    app_drop_page(a);
    a->page_valid = 0;
    a->n_back = a->n_fwd = 0;
    if (build_view(a) != 0)
        return;
    /* stay on the same item when this language has it, else at the start of the pack */
    long f = id[0] ? app_find_item(a, id) : -1;
    a->img_gen++;
    go_item(a, f >= 0 ? (size_t)f : 0, 0);
}

void app_set_ui_lang(App *a, const char *lang)
{
    snprintf(a->ui_lang, sizeof a->ui_lang, "%s", lang ? lang : "");
    i18n_set_language(a->ui_lang);
    state_set(&a->settings, "language", a->ui_lang);
    a->page_valid = 0; /* the page's own labels (previous, next, notes) are interface text */
    a->dirty = 1;
}

char *app_take_clipboard(App *a)
{
    char *c = a->clipboard;
    a->clipboard = NULL;
    return c;
}

int app_text_input(App *a, int *x, int *y, int *h)
{
    int dx, dy, dh;
    if (!x)
        x = &dx, y = &dy, h = &dh;
    app_frame(a);
    if (dialog_typing(a) || (a->present && a->note_editing)) {
        *x = a->w / 2;
        *y = a->h / 3;
        *h = app_ui_px(a);
        return 1;
    }
    return exv_cursor(a, x, y, h);
}

int app_presenting(const App *a)
{
    return a->present;
}

void app_set_wall_clock(App *a, uint64_t base)
{
    a->wall_base = base;
}

int app_audience_screen(const App *a)
{
    return a->present ? (int)a->pres.screen : 0;
}

void app_audience_pixels(const App *a, int *w, int *h)
{
    *w = a->aud_w > 0 ? a->aud_w : 1280;
    *h = a->aud_h > 0 ? a->aud_h : 720;
}

void app_present_stop(App *a)
{
    app_present(a, 0);
}
