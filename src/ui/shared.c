/* shared: what every screen of the reader uses: sizes, click targets, the stack of screens, the status line, the
   items of the open pack and the current page's pictures; and the app's simple queries (app.h). It calls nothing
   else of ui/, so every screen can use it. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/entryname.h"
#include "core/imghdr.h"
#include "core/vec.h"
#include "os/os.h"
#include "ui/app_impl.h"

/* ---- sizes, click targets, the stack of screens, the status line ----------------------------------------------- */

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

/* Closes the screens from position 'at' up, the highest first, each told (its closed op). */
static void pop_from(App *a, int at)
{
    while (a->depth > at) {
        const ScreenOps *s = a->stack[--a->depth];
        if (s->closed)
            s->closed(a);
    }
    a->dirty = 1;
}

void app_pop(App *a, const ScreenOps *s)
{
    for (int i = 1; i < a->depth; i++) /* the base screen (0) is replaced, never popped */
        if (a->stack[i] == s) {
            pop_from(a, i);
            return;
        }
}

void app_pop_all(App *a)
{
    pop_from(a, 1);
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

long app_find_item(const App *a, const char *id)
{
    for (size_t i = 0; i < a->n_flat; i++)
        if (strcmp(app_flat_item(a, i)->id, id) == 0)
            return (long)i;
    return -1;
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
    return a->screen == SCREEN_READER && (a->side_w > 0 || (a->rv.narrow && a->rv.toc_overlay));
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

char *app_take_clipboard(App *a)
{
    char *c = a->clipboard;
    a->clipboard = NULL;
    return c;
}

const char APP_CONSOLE_NAME[] = "lecturer's console", APP_PROGRESS_NAME[] = "progress page";

/* A screen open by its name: how the layers under the screens see which are open, with no flag of their own */
static int open_by_name(const App *a, const char *name)
{
    for (int i = 0; i < a->depth; i++)
        if (a->stack[i]->name == name)
            return 1;
    return 0;
}

int app_presenting(const App *a)
{
    return open_by_name(a, APP_CONSOLE_NAME); /* lecture mode is the console on the stack */
}

int app_progress_shown(const App *a)
{
    return open_by_name(a, APP_PROGRESS_NAME);
}

void app_set_wall_clock(App *a, uint64_t base)
{
    a->con.wall_base = base;
}

void app_set_file_chooser(App *a, int on)
{
    a->file_chooser = on;
}

void app_file_name(const App *a, const char *title, const char *what, const char *ext, char *out, size_t size)
{
    char clean[200], date[16] = "";
    size_t n = 0;
    const char *s = title ? title : "";
    for (; *s && n + 4 < sizeof clean; s++) {
        unsigned char c = (unsigned char)*s; /* what file systems refuse or shells trip on becomes a space */
        int space = c == ' ' || c < 0x20 || c == 0x7f || strchr("/\\:*?\"<>|", c);
        if (space && (n == 0 || clean[n - 1] == ' ')) /* and runs of spaces become one */
            continue;
        clean[n++] = space ? ' ' : (char)c;
    }
    if (((unsigned char)*s & 0xC0) == 0x80) { /* cut inside a character: back to where it starts, and before it */
        while (n > 0 && ((unsigned char)clean[n - 1] & 0xC0) == 0x80)
            n--;
        if (n > 0)
            n--;
    }
    while (n > 0 && (clean[n - 1] == ' ' || clean[n - 1] == '.'))
        n--;
    clean[n] = '\0';
    struct tm tm;
    time_t now = a->con.wall_base ? (time_t)(a->con.wall_base + a->now / 1000) : time(NULL); /* replays: fixed */
    if (os_localtime(now, &tm) == 0)
        strftime(date, sizeof date, "%Y-%m-%d", &tm);
    /* TRANSLATORS: a suggested file name: the pack's or lesson's title, what the file holds, and the date */
    snprintf(out, size, _("%s - %s - %s"), clean[0] ? clean : "Beseda", what, date);
    size_t len = strlen(out);
    snprintf(out + len, size - len, "%s", ext);
}

int app_audience_timer(const App *a)
{
    return app_presenting(a) && a->pres.screen == PRES_SHOW && pres_timer_shown(&a->pres);
}

int app_audience_screen(const App *a)
{
    return app_presenting(a) ? (int)a->pres.screen : 0;
}

void app_audience_pixels(const App *a, int *w, int *h)
{
    *w = a->room.w > 0 ? a->room.w : 1280;
    *h = a->room.h > 0 ? a->room.h : 720;
}

/* ---- the page's click targets and pictures --------------------------------------------------------------------- */

void app_drop_page(App *a)
{
    doc_free(a->doc);
    a->doc = NULL;
    a->doc_item = -1;
    for (size_t i = 0; i < a->n_images; i++)
        free(a->images[i].href);
    free(a->images);
    a->images = NULL;
    a->n_images = 0;
}

/* Index of 'p' in the keys images are drawn by: 0 for the base pack, 1 + i for overlay i's pack. */
static int pack_key(const App *a, const Pack *p)
{
    for (size_t i = 0; i < a->lset.n_ov; i++)
        if (a->lset.ov[i].pack == p && p != a->pack)
            return (int)i + 1;
    return 0;
}

/* Resolves an image path against the page (a translated page may use the base pack's images) and reads the
   image's header. */
static void find_image(App *a, const char *page_entry, const char *href, struct PageImage *im)
{
    char name[512];
    Pack *pk = app_item_pack(a, a->item);
    int found = a->view ? lview_image(a->view, a->item, href, &pk, name, sizeof name)
                        : entryname_resolve(page_entry, href, name, sizeof name);
    if (found < 0) {
        snprintf(im->why, sizeof im->why, _("The image '%s' is outside the pack."), href);
        return;
    }
    ImgInfo info;
    Err e;
    err_clear(&e);
    if (imghdr_read(pk, name, &info, &e) != 0) {
        snprintf(im->why, sizeof im->why, _("The image '%s' cannot be shown: %s"), href, e.msg);
        return;
    }
    snprintf(im->entry, sizeof im->entry, "p%d:%s", pack_key(a, pk), name);
    imghdr_shown_size(&info, &im->w, &im->h); /* a picture drawn at 2x takes the place of half its pixels */
    im->ok = 1;
}

/* Layout's image callback: the size of each image of the page, looked up once per item. */
int app_image_size(void *user, const char *href, char *entry, size_t size, int *w, int *h, char *why, size_t wsz)
{
    ImageCtx *c = user;
    App *a = c->a;
    struct PageImage *im = NULL, one;
    for (size_t i = 0; i < a->n_images && !im; i++)
        if (strcmp(a->images[i].href, href) == 0)
            im = &a->images[i];
    if (!im) {
        struct PageImage *v = realloc(a->images, (a->n_images + 1) * sizeof *v);
        char *copy = strdup(href);
        if (v)
            a->images = v;
        if (v && copy) {
            im = &v[a->n_images++];
            memset(im, 0, sizeof *im);
            im->href = copy;
        } else { /* out of memory: looked up, not kept */
            free(copy);
            memset(&one, 0, sizeof one);
            im = &one;
        }
        find_image(a, c->page_entry, href, im);
    }
    if (!im->ok) {
        snprintf(why, wsz, "%s", im->why);
        return -1;
    }
    snprintf(entry, size, "%s", im->entry);
    *w = im->w;
    *h = im->h;
    return 0;
}

int app_page_hit(App *a, int x, int y, int w, int h, Action act, long arg)
{
    if (vec_reserve((void **)&a->page_hits, &a->cap_page_hits, a->n_page_hits, sizeof *a->page_hits) != 0)
        return -1;
    a->page_hits[a->n_page_hits++] = (Hit){x, y, w, h, act, arg, NULL} /* the screen that shows the page owns it */;
    return 0;
}

int app_page_button(App *a, const char *label, int x, int y, int primary, int ring, Action act, long arg)
{
    int P = a->page_px, px = (int)lroundf(P * 0.9f);
    int tw = fonts_width(a->fonts, FACE_SANS_BOLD, px, label, strlen(label));
    int w = tw + 2 * P, h = (int)(P * 2.2f);
    FontMetrics m;
    fonts_metrics(a->fonts, FACE_SANS_BOLD, px, &m);
    DisplayList *dl = &a->page.dl;
    dl_rect(dl, x, y, w, h, primary ? COL_ACCENT : COL_CODE_BG);
    dl_text(dl, x + P, y + (h - m.height) / 2, tw, m.height, FACE_SANS_BOLD, px, primary ? COL_BG : COL_TEXT, label,
            strlen(label));
    if (ring)
        dl_frame(dl, x - 3, y - 3, w + 6, h + 6, 2, COL_LINK);
    app_page_hit(a, x, y, w, h, act, arg);
    return w;
}

void app_set_clipboard(App *a, const char *text)
{
    free(a->clipboard);
    a->clipboard = text ? strdup(text) : NULL;
}

static const char *text_lang(const App *a)
{
    return a->view && a->item < a->view->n_items ? a->view->items[a->item].lang : a->m->language;
}

/* Inline Markdown at (x, y) of the page, 'w' wide; its links join the page's. Returns its height. */
int app_page_markdown(App *a, const char *text, int x, int y, int w)
{
    if (!text || !text[0])
        return 0;
    Err e;
    err_clear(&e);
    Layout body;
    LayoutParams lp = {a->fonts, text_lang(a), w, a->page_px, NULL, NULL, a->hyph};
    int h = 0;
    if (layout_markdown(text, &lp, &body, &e) == 0) {
        Layout *pg = &a->page;
        char **links = body.n_links ? realloc(pg->links, (pg->n_links + body.n_links) * sizeof *links) : NULL;
        if (links || !body.n_links) {
            dl_append(&pg->dl, &body.dl, x, y, 0, body.height, (int)pg->n_links);
            if (links)
                pg->links = links;
            for (size_t i = 0; i < body.n_links; i++) {
                links[pg->n_links++] = body.links[i];
                body.links[i] = NULL;
            }
        }
        h = body.height;
    }
    layout_free(&body);
    return h;
}
