/* app: the open pack and what lasts: creating and freeing the app, settings, opening and closing packs, navigation
   and history, reading positions, the languages of the open pack, and a pack folder watched for preview. It uses
   shared.c, exercise.c and the pure modules below them; the screens use it. */
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

/* ---- the stack of screens ------------------------------------------------------------------------------------ */

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
    a->rv.show_toc = state_get_int(&a->settings, "contents", 1) != 0;
    const char *ui = state_get(&a->settings, "language");
    snprintf(a->ui_lang, sizeof a->ui_lang, "%s", ui && manifest_valid_language(ui) ? ui : "");
    if (a->ui_lang[0])
        i18n_set_language(a->ui_lang);
}

static int position_permille(const App *a);

/* Saves settings, typed text and the reading position (when the page is laid out: the position is a share of its
   height). app_save lays the page out first. */
void app_save_state(App *a)
{
    if (a->opt.readonly)
        return;
    state_set(&a->settings, "theme", theme_name(a->theme));
    state_set_int(&a->settings, "zoom", a->zoom);
    state_set_int(&a->settings, "contents", a->rv.show_toc);
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
    a->room.item = -1;
    a->con.notes_item = -1;
    a->pres.n_displays = 1;
    a->con.notes_zoom = 100;
    a->ex.item = -1;
    a->ex.focus = -1;
    a->ex.grab = -1;
    a->ex.rep_x = -1;
    a->ex.focus_kind = -1;
    a->summary.focus = -1;
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
    snprintf(fonts, sizeof fonts, "%s/assets/hyphen", share);
    a->hyph = hyphens_open(fonts); /* NULL (no memory) only means no hyphenation */
    load_settings(a);
    if (o->theme && theme_from_name(o->theme) >= 0)
        a->theme = (ThemeId)theme_from_name(o->theme);
    if (o->zoom > 0)
        a->zoom = nearest_zoom(o->zoom);
    char dir[USERDIR_PATH + 32];
    snprintf(dir, sizeof dir, "%s/packs", share);
    /* the keys trusted to sign packs: the user's list (none is written in --screenshot's read-only mode) and the
       key of the packs that come with the program, beside them */
    char keys[USERDIR_PATH + 32];
    snprintf(keys, sizeof keys, "%s/trusted-keys.txt", a->dirs.config_dir);
    Err te;
    err_clear(&te);
    if (sign_init(&te) == 0) {
        if (trust_load(&a->trust, a->opt.readonly ? NULL : keys, dir, &te) != 0)
            app_status_err(a, &te);
        a->lib.trust = &a->trust;
    } else {
        app_status_err(a, &te);
    }
    library_scan(&a->lib, dir, LIB_BUNDLED);
    library_scan_courses(&a->lib, dir);
    snprintf(dir, sizeof dir, "%s/packs", a->dirs.data_dir);
    library_scan(&a->lib, dir, LIB_USER);
    library_scan_courses(&a->lib, dir);
    library_link(&a->lib);
    return a;
}

static void close_pack(App *a)
{
    app_pop_all(a); /* the screens over the reader close with the pack (lecture mode ends) */
    exv_leave(a);
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
    te_free(&a->con.note_edit);
    layout_free(&a->room.big.l);
    layout_free(&a->room.small.l);
    dl_free(&a->room.frame);
    free(a->clipboard);
    library_free(&a->lib);
    trust_free(&a->trust);
    fonts_close(a->fonts);
    hyphens_close(a->hyph);
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

/* Shows item 'i' at 'permille' of its height. */
static void go_item(App *a, size_t i, int permille)
{
    if (i >= a->n_flat)
        return;
    if (a->item != i || !a->page_valid || app_progress_shown(a)) {
        layout_free(&a->page);
        a->page_valid = 0;
    }
    if (a->ex.item >= 0 && a->ex.item != (long)i)
        exv_leave(a);           /* typed text is saved as the learner leaves */
    app_pop(a, &PROGRESS_PAGE); /* an item chosen from the progress page is shown in its place */
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
    /* the signature is checked again as the pack opens: the file may have changed since its card was made */
    library_recheck(&a->lib, index);
    library_link(&a->lib);
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
        library_recheck(&a->lib, index); /* the pack it translates, as well */
        library_link(&a->lib);
        if (!a->lib.v[index].ok) {
            app_status_err(a, &a->lib.v[index].error);
            return -1;
        }
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
    for (size_t k = 0; k < n_paths; k++) /* and every translation it will be read in */
        for (size_t j = 0; j < a->lib.n; j++)
            if (a->lib.v[j].path == paths[k])
                library_recheck(&a->lib, j);
    library_link(&a->lib);
    n_paths = library_locales_of(&a->lib, index, paths, 64);
    a->m = pack_manifest(a->pack);
    if (lview_set_open(a->pack, paths, n_paths, &a->lset, NULL) != 0 || build_view(a) != 0) {
        close_pack(a);
        app_set_status(a, "%s", _("Out of memory."));
        return -1;
    }
    a->lib_sel = index;
    a->open_lib = index;
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
    a->lib_sel = (size_t)i; /* a pack that cannot be opened: its card, with the reason, is the one in view */
    return app_open(a, (size_t)i, item_id);
}

void app_to_library(App *a)
{
    if (a->screen == SCREEN_READER)
        app_save_state(a);
    a->screen = SCREEN_LIBRARY;
    a->dirty = 1;
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
int app_watch_folder(App *a, uint32_t now_ms)
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

/* ---- frames and queries -------------------------------------------------------------------------------- */

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

/* ---- languages ---------------------------------------------------------------------------------------------- */

/* The open pack's view built again for the languages wanted now, staying on the same item. */
static void rebuild_view(App *a)
{
    const Item *it = app_flat_item(a, a->item);
    char id[128] = "";
    if (it)
        snprintf(id, sizeof id, "%s", it->id);
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

void app_set_content_lang(App *a, const char *lang)
{
    if (!a->m || !lang)
        return;
    Err e;
    err_clear(&e);
    app_progress_result(a, progress_set_lang(a->prog, a->m->id, lang, &e), &e);
    rebuild_view(a);
}

void app_set_ui_lang(App *a, const char *lang)
{
    snprintf(a->ui_lang, sizeof a->ui_lang, "%s", lang ? lang : "");
    i18n_set_language(a->ui_lang);
    state_set(&a->settings, "language", a->ui_lang);
    /* the lessons follow the interface, as they would on opening the pack, unless a language of the lessons was
       chosen for this pack (which is kept) */
    char chosen[I18N_TAG];
    if (a->m && !app_presenting(a) && !a->opt.content_lang && !progress_lang(a->prog, a->m->id, chosen, sizeof chosen))
        rebuild_view(a);
    a->page_valid = 0; /* the page's own labels (previous, next, notes) are interface text */
    a->dirty = 1;
}
