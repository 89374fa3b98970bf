/* dispatch: the top of the reader's ui. It keeps the base screen of the stack (the library or the reader), sends each
   event down the stack of screens (screen.h), builds the frame from the screens, and answers the parts of app.h that
   need the frame, the clock or the screens (ticks, saving, text input, the frames' text). Nothing in ui/ calls it. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/entryname.h"
#include "core/library.h"
#include "ui/app_impl.h"

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

/* ---- the base screens -------------------------------------------------------------------------------------- */

/* The base screen for what is open: the library, or the open pack in the reader (lecturer mode pushes its console
   over the reader). */
static const ScreenOps *base_screen(const App *a)
{
    return a->screen == SCREEN_READER && a->m ? &READER_SCREEN : &LIBRARY_SCREEN;
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

/* A click goes to the screen that drew the target, and down from there while none takes it (the lecturer's console
   leaves what is not its own to the reader under it). */
static void handle_press(App *a, const Hit *h, int x, int y)
{
    int from = a->depth - 1;
    while (h->owner && from > 0 && a->stack[from] != h->owner)
        from--;
    if (h->owner && a->stack[from] != h->owner) /* drawn by a screen closed since */
        return;
    for (int i = from; i >= 0; i--)
        if (a->stack[i]->press && a->stack[i]->press(a, h, x, y))
            return;
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
    int from = a->depth - 1; /* what shows: from the highest screen that covers the window */
    while (from > 0 && !a->stack[from]->opaque)
        from--;
    int status = 0;
    for (int i = from; i < a->depth; i++) { /* bottom up: an overlay draws over what is under it */
        a->building = a->stack[i];
        int r = a->stack[i]->frame(a);
        if (i == from)
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
    if (trust_ui_drop(a, path)) /* a public key: offered for trusting */
        return;
    if (a->opt.readonly) {
        app_open_path(a, path, NULL);
        return;
    }
    PackSig *sig = malloc(sizeof *sig); /* a pack whose signature does not match is not taken in */
    if (sig)
        trust_check_pack(&a->trust, path, sig);
    if (sig && sig->state == PACKSIG_REFUSED)
        e = sig->error;
    free(sig);
    if (e.code != ERR_OK || library_import(path, dir, dest, sizeof dest, &e) != 0) {
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
    if (i >= 0) /* a copy of a pack already there: its card (and signature) as the new file is */
        library_recheck(&a->lib, (size_t)i);
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
        if (h)
            handle_press(a, h, e->x, e->y);
        break;
    }
    case UI_RELEASE:
    case UI_MOTION:
        for (int i = a->depth; i-- > 0;)
            if (a->stack[i]->drag && a->stack[i]->drag(a, e->x, e->y, e->type == UI_RELEASE))
                break;
        break;
    case UI_WHEEL:
        for (int i = a->depth; i-- > 0;)
            if (a->stack[i]->wheel && a->stack[i]->wheel(a, e->x, e->y, e->dy))
                break;
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
        a->room.dirty = 1;
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

/* ---- the rest of app.h: what needs the frame, the clock or the screens -------------------------------------- */

void app_save(App *a)
{
    if (a->m && a->screen == SCREEN_READER && !a->page_valid)
        app_frame(a); /* the position is a share of the page's height: lay it out first */
    app_save_state(a);
}

int app_tick(App *a, uint32_t now_ms)
{
    a->now = now_ms;
    int wait = app_watch_folder(a, now_ms);
    int ex_wait = exv_tick(a);
    if (ex_wait >= 0 && (wait < 0 || ex_wait < wait))
        wait = ex_wait;
    if (app_presenting(a)) { /* timers and the clock change every second */
        uint32_t second = now_ms / 1000;
        if (second != a->con.second) {
            a->con.second = second;
            a->dirty = 1; /* the lecturer's clock and times */
            if (a->pres.timer_running)
                a->room.dirty = 1; /* the room sees only the group timer change */
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
    char *content = a->room.big.valid ? list_text(&a->room.big.l.dl) : NULL;
    size_t n = frame ? strlen(frame) : 0, m = content ? strlen(content) : 0;
    char *all = frame ? malloc(n + m + 2) : NULL;
    if (all)
        snprintf(all, n + m + 2, "%s %s", frame, content ? content : "");
    free(frame);
    free(content);
    return all;
}

int app_text_input(App *a, int *x, int *y, int *h)
{
    int dx, dy, dh;
    if (!x)
        x = &dx, y = &dy, h = &dh;
    app_frame(a);
    if (dialog_typing(a) || (app_presenting(a) && a->con.note_editing)) {
        *x = a->w / 2;
        *y = a->h / 3;
        *h = app_ui_px(a);
        return 1;
    }
    return exv_cursor(a, x, y, h);
}

void app_present_stop(App *a)
{
    app_present(a, 0);
}
