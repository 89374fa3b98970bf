/* app: the reader's state and behaviour, independent of SDL: events in (UiEvent), a display list out. The
   platform layer turns SDL events into UiEvents and draws the list; replays and tests drive it the same way. */
#ifndef BESEDA_APP_H
#define BESEDA_APP_H

#include <stddef.h>
#include <stdint.h>

#include "core/library.h"
#include "core/manifest.h"
#include "core/pack.h"
#include "core/state.h"
#include "core/userdir.h"
#include "layout/layout.h"
#include "ui/theme.h"

/* Keys: printable ASCII as itself (lower case), the rest from 0x10000 on. */
enum {
    KEY_UP = 0x10000,
    KEY_DOWN,
    KEY_LEFT,
    KEY_RIGHT,
    KEY_PAGEUP,
    KEY_PAGEDOWN,
    KEY_HOME,
    KEY_END,
    KEY_ENTER,
    KEY_ESCAPE,
    KEY_TAB,
    KEY_F11,
    KEY_BACKSPACE,
    KEY_DELETE,
    KEY_F5
};
enum { MOD_SHIFT = 1, MOD_CTRL = 2, MOD_ALT = 4 };

typedef enum {
    UI_KEY,      /* key, mods */
    UI_TEXT,     /* text (UTF-8) typed */
    UI_PASTE,    /* text (UTF-8) pasted from the clipboard (Ctrl+V) */
    UI_EDITING,  /* text: an input method's unfinished composition ("" when it ends) */
    UI_PRESS,    /* mouse button down at x, y */
    UI_RELEASE,  /* mouse button up at x, y */
    UI_MOTION,   /* mouse moved to x, y */
    UI_WHEEL,    /* dy notches (positive: away from the user, scrolls up) at x, y */
    UI_RESIZE,   /* w x h pixels, scale (pixels per point) */
    UI_DROP,     /* a file dropped: text is its path */
    UI_DISPLAYS, /* the number of displays changed: w is the new count */
    UI_QUIT
} UiEventType;

typedef struct {
    UiEventType type;
    int key;
    unsigned mods;
    int x, y, dy, w, h;
    float scale;
    const char *text;
} UiEvent;

typedef enum { SCREEN_LIBRARY, SCREEN_READER } Screen;

typedef struct {
    const char *data_dir;     /* --data: overrides portable/XDG folders; NULL for the usual ones */
    const char *exe_dir;      /* the program's folder (a 'portable' file there keeps the data beside it) */
    int readonly;             /* --screenshot: read settings, never write anything */
    int width, height;        /* pixels */
    float scale;              /* display scale (HiDPI) */
    const char *theme;        /* NULL: from settings */
    int zoom;                 /* 0: from settings */
    int window;               /* a real window (its size is remembered) */
    const char *content_lang; /* --lang: show packs in this language first (not remembered) */
    const char *share_dir;    /* where fonts and bundled packs are (userdir_share_dir); NULL: exe_dir */
} AppOptions;

typedef struct App App;

/* Creates the app: finds fonts, user folders and settings, scans bundled and user packs. Problems that
   do not stop the reader (broken settings file) become the first status message. Returns NULL with 'err'
   filled when it cannot start (fonts missing, out of memory). */
App *app_new(const AppOptions *o, Err *err);
void app_free(App *a);

/* Adds a pack named on the command line to the library and selects its card. */
void app_add_pack(App *a, const char *path);
/* Opens library entry 'index' in the reader, at 'item_id' when non-NULL, else where the reader left it. */
int app_open(App *a, size_t index, const char *item_id);
/* Opens the pack at 'path' (adding it to the library when needed). */
int app_open_path(App *a, const char *path, const char *item_id);

/* Handles one event; 'now_ms' is the clock (real or replayed). */
void app_handle(App *a, const UiEvent *e, uint32_t now_ms);
/* Periodic work (saving the reading position a moment after scrolling stops). Returns the milliseconds until
   it wants to run again, or -1 when it has nothing pending. */
int app_tick(App *a, uint32_t now_ms);
/* Saves settings and reading positions now. */
void app_save(App *a);

/* The frame to draw (rebuilt when something changed). Valid until the next app_* call. */
const DisplayList *app_frame(App *a);
/* Nonzero when what is on screen is out of date: the frame changed since the platform last drew it (events
   build frames too, to find what was clicked, so "built" is not "drawn"). */
int app_dirty(const App *a);
/* The platform drew the frame app_frame returned last. */
void app_mark_drawn(App *a);

/* Image bytes for a DL_IMAGE key of the current frame (caller frees *data). */
int app_image(App *a, const char *key, char **data, size_t *len, Err *err);
/* Changes whenever image keys may name different pictures (another pack opened): drop cached images. */
unsigned app_image_generation(const App *a);

/* What the platform and tests need to know. */
Fonts *app_fonts(App *a);
ThemeId app_theme(const App *a);
Screen app_screen(const App *a);
int app_zoom(const App *a);
int app_quit_requested(const App *a);
int app_fullscreen(const App *a);
const char *app_item_id(const App *a); /* NULL in the library */
const char *app_pack_id(const App *a);
int app_scroll(const App *a);
int app_scroll_max(const App *a);
int app_toc_visible(const App *a);
const char *app_status(const App *a);
const Library *app_library(const App *a);
const UserDirs *app_dirs(const App *a);
/* The window size (in points) saved from the last session, or 1280x800; within 480x360 and 8192x8192. */
void app_window_size(const App *a, int *w, int *h);
/* Nonzero when (x, y) is over something that reacts to a click (the pointer becomes a hand there). */
int app_clickable_at(App *a, int x, int y);
/* Lecturer mode. The audience window: the display it belongs on (-1: no separate window), its frame (valid until the
   next app_* call), whether it must be drawn again, and its size in pixels. */
int app_presenting(const App *a);
void app_present_stop(App *a);
int app_audience_display(const App *a);
const DisplayList *app_audience_frame(App *a);
int app_audience_dirty(const App *a);
void app_audience_drawn(App *a);
void app_audience_size(App *a, int w, int h);
void app_audience_pixels(const App *a, int *w, int *h); /* the size its frame is made for */
/* Whether files to save or open are chosen in the desktop's file chooser when it has one (off until set: the
   reader turns it on for a window, replays to test it). */
void app_set_file_chooser(App *a, int on);
/* Replays: the clock on the lecturer's screen starts at this time of day (seconds since the epoch), so pictures
   stay the same. */
void app_set_wall_clock(App *a, uint64_t base);

/* Text the learner copied (Ctrl+C, Ctrl+X) for the platform's clipboard, or NULL; the caller frees it. */
char *app_take_clipboard(App *a);
/* Whether a text field has the keyboard, and where its cursor is on screen (for an input method's window). */
int app_text_input(App *a, int *x, int *y, int *h);
/* All text of the current frame, words joined by spaces, pieces that touch joined without (for assertions).
   Caller frees. */
char *app_frame_text(App *a);
/* The same for the audience window's frame. */
char *app_audience_text(App *a);
/* The audience's frame and all of the item laid out for it, also what is scrolled out of view. Caller frees. */
char *app_audience_content_text(App *a);
/* Whether the room sees a group timer now (lecturer mode). */
int app_audience_timer(const App *a);
/* What the audience sees: 0 the item, 1 a black screen, 2 a white screen. */
int app_audience_screen(const App *a);

/* Zoom steps in percent. */
extern const int APP_ZOOMS[];
extern const size_t APP_N_ZOOMS;

#endif
