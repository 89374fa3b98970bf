/* app_impl: the App structure shared by the ui files (app.c: state and events; view_*.c: frames). */
#ifndef BESEDA_APP_IMPL_H
#define BESEDA_APP_IMPL_H

#include <libintl.h>

#include "core/doc.h"
#include "ui/app.h"

#define _(s) gettext(s)

typedef enum {
    ACT_NONE,
    ACT_OPEN_PACK, /* arg: library index */
    ACT_LIBRARY,
    ACT_TOGGLE_TOC,
    ACT_ZOOM_IN,
    ACT_ZOOM_OUT,
    ACT_THEME,
    ACT_ITEM, /* arg: flat item index */
    ACT_LINK, /* arg: page link index (0-based) */
    ACT_SCROLLBAR,
    ACT_BACK,
    ACT_FORWARD,
    ACT_CLOSE_CONTENTS /* a click beside contents opened over the page */
} Action;

typedef struct {
    int x, y, w, h;
    Action action;
    long arg;
} Hit;

typedef struct {
    size_t item;
    int permille; /* scroll position as 1/10000 of the page height */
} HistEntry;

enum { HISTORY_MAX = 64 };

struct App {
    AppOptions opt;
    UserDirs dirs;
    State settings, reading;
    Fonts *fonts;
    Library lib;
    Screen screen;
    int w, h;
    float scale;
    int zoom;
    ThemeId theme;
    int fullscreen, quit;
    uint32_t now;

    /* library screen */
    size_t lib_sel;
    int lib_scroll, lib_content_h;
    int lib_cols; /* cards per row in the last frame (arrow keys move by it) */

    /* reader */
    Pack *pack;
    const Manifest *m;
    struct FlatItem {
        size_t lesson, item;
    } * flat;
    size_t n_flat, item;
    /* The current page's document and image sizes, read once per item: a new width or zoom only lays it out
       again, without reading the pack. */
    Doc *doc;
    long doc_item; /* the item 'doc' and 'images' belong to, -1 for none */
    Err doc_err;   /* why the page could not be read, when doc is NULL */
    struct PageImage {
        char *href;
        char entry[520], why[256];
        int w, h, ok;
    } * images;
    size_t n_images;
    Layout page;    /* the current item, in page coordinates */
    Hit *page_hits; /* previous/next buttons, in page coordinates */
    size_t n_page_hits;
    int page_w, page_px, page_valid;
    unsigned long layouts; /* pages laid out so far (tests check it is not done needlessly) */
    int scroll, toc_scroll, toc_h;
    int show_toc;      /* contents beside the page (a setting) */
    int narrow;        /* the window is too narrow for contents beside the page: they open over it instead */
    int toc_overlay;   /* contents open over the page in a narrow window */
    int panel_w;       /* width of the contents panel, beside or over the page */
    int want_permille; /* position to restore after the next layout, -1 when none */
    long focus_link;   /* the link Tab moved to (index into page.links), -1 for none */
    HistEntry back[HISTORY_MAX], fwd[HISTORY_MAX];
    int n_back, n_fwd;

    /* geometry of the last frame */
    int top_h, side_w, view_x, view_y, view_w, view_h, col_x, pad_top, sb_x, sb_w;
    int drag_sb, drag_from_y, drag_from_scroll;

    char status[1024];
    uint32_t status_until;
    int reading_dirty;
    uint32_t save_at;
    unsigned img_gen;

    DisplayList frame;
    Hit *hits;
    size_t n_hits, cap_hits;
    int dirty;                  /* the frame must be built again */
    unsigned long built, drawn; /* frames built, and the last one the platform drew */
};

/* ui sizes, scaled for the display */
int app_ui_px(const App *a);
int app_body_px(const App *a);
void app_hit(App *a, int x, int y, int w, int h, Action act, long arg);
void app_set_status(App *a, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Lays out the current item for the current width and zoom when needed. */
void app_layout_page(App *a);
const Item *app_flat_item(const App *a, size_t i);
/* Count of items of library entry 'e' marked as read. */
size_t app_read_count(const App *a, const LibEntry *e);
int app_item_seen(const App *a, const char *item_id);
int app_scroll_limit(const App *a);

/* Shared between app.c (state) and app_input.c (events). */
void app_status_err(App *a, const Err *e);
HistEntry app_here(const App *a);
void app_navigate(App *a, size_t i); /* to item i, remembering where we were */
void app_history_step(App *a, int forward);
void app_scroll_to(App *a, int y);
/* The scroll bar's thumb: its top on screen, its length, and how far it can travel (0: nothing to scroll). */
typedef struct {
    int y, len, track;
} ScrollThumb;
ScrollThumb app_scroll_thumb(const App *a);
void app_set_zoom(App *a, int dir); /* +1, -1, or 0 for 100% */
void app_to_library(App *a);
void app_toggle_contents(App *a);
/* Forgets the current page's document and image sizes (another item, or the pack closes). */
void app_drop_page(App *a);
long app_find_item(const App *a, const char *id);

void view_reader(App *a);
void view_library(App *a);
/* The status message, in a box at the bottom of the window. */
void view_status(App *a);
/* Draws a text button; returns its width. */
int view_button(App *a, int x, int y, int h, const char *label, Action act, long arg, int selected);

#endif
