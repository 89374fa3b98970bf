/* app_impl: the App structure shared by the ui files, and what they offer each other; each screen's own state is
   in its module's header (view_reader.h, view_library.h, view_progress.h, view_presenter.h, view_audience.h,
   exercise.h, dialog.h, langmenu.h), which App embeds. The layers, each using only
   those below it: shared.c (sizes, click targets, the stack, status, items, the page's pictures); exercise.c,
   dialog.c, view_progress.c, view_audience.c (parts of screens); app.c (the open pack: opening, navigation,
   languages, saving); langmenu.c and chrome.c; the screens view_library.c, view_presenter.c (the lecturer's console
   and list of items) and view_reader.c; dispatch.c on top (events and frames). */
#ifndef BESEDA_APP_IMPL_H
#define BESEDA_APP_IMPL_H

#include <libintl.h>

#include "core/doc.h"
#include "core/i18n.h"
#include "core/localeview.h"
#include "core/answer.h"
#include "core/progress.h"
#include "ui/app.h"
#include "ui/dialog.h"
#include "ui/langmenu.h"
#include "ui/presenter.h"
#include "ui/screen.h"
#include "ui/textedit.h"
#include "ui/view_audience.h"
#include "ui/view_library.h"
#include "ui/view_presenter.h"
#include "ui/view_progress.h"
#include "ui/view_reader.h"
#include "ui/view_course.h"
#include "ui/view_trust.h"
#include "ui/exercise.h"

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
    ACT_CLOSE_CONTENTS, /* a click beside contents opened over the page */
    ACT_LANG_MENU,      /* opens or closes the language menu */
    ACT_MENU_PICK,      /* arg: row of the language menu */
    ACT_MENU_CLOSE,
    ACT_EX,           /* arg: a control of the exercise on the page */
    ACT_SUMMARY,      /* opens the progress page (arg: lesson to show first, -1 for the current one) */
    ACT_EXPORT,       /* asks where to export my answers */
    ACT_FORGET_PACK,  /* asks to confirm forgetting the open pack's data */
    ACT_FORGET_ALL,   /* asks to confirm forgetting all data */
    ACT_DIALOG,       /* arg: a button of the open dialog */
    ACT_DIALOG_FIELD, /* the dialog's text field */
    ACT_NOTHING,      /* a dialog's background: takes clicks so nothing under it reacts */
    ACT_PRESENT,      /* starts or stops lecturer mode */
    ACT_PRES_KEY,     /* arg: a key, as if pressed (the presenter's buttons) */
    ACT_HANDS,        /* arg: option * 2 + (1 to add, 0 to take one away) */
    ACT_NOTE_EDIT,    /* edits the lecturer's own note on the item */
    ACT_NOTES_EXPORT, /* asks where to export my notes */
    ACT_NOTES_IMPORT, /* asks which notes file to import */
    ACT_PLAN_EXPORT,  /* asks where to save the lesson plan */
    ACT_JUMP,         /* arg: an item chosen in the presenter's list */
    ACT_MORE,         /* opens the menu of the top bar's buttons that did not fit (a narrow window) */
    ACT_MORE_PICK,    /* arg: a row of that menu */
    ACT_TRUST_LIST,   /* opens the list of trusted keys */
    ACT_TRUST_ADD,    /* asks for a key to trust (arg: the library card that asked, or -1) */
    ACT_TRUST_REMOVE, /* arg: a row of the trusted keys */
    ACT_TRUST_CLOSE,  /* closes the list of trusted keys */
    ACT_COURSE,       /* opens a course's overview (arg: the library's course) */
    ACT_COURSE_LESSON /* arg: a lesson of the course's overview (session * 16 + lesson) */
} Action;

typedef struct Hit {
    int x, y, w, h;
    Action action;
    long arg;
    const ScreenOps *owner; /* the screen that drew it, which a press goes to */
} Hit;

typedef struct {
    size_t item;
    int permille; /* scroll position as 1/10000 of the page height */
} HistEntry;

enum { HISTORY_MAX = 64 };

/* The menu of a narrow window's top bar (chrome.c): the buttons that did not fit, as rows. */
typedef struct {
    Action acts[6]; /* what the bar would have shown; set by the screen when it draws its "More" button */
    int n;
    long sel;
    int button_drawn; /* the bar drew its "More" button in this frame (a wider window no longer needs the menu) */
} MoreMenu;
extern const ScreenOps MORE_MENU;

extern const char APP_CONSOLE_NAME[];  /* its name (shared.c), by which lower layers see that a lecture runs */
extern const char APP_PROGRESS_NAME[]; /* its name (shared.c) */
int app_progress_shown(const App *a);  /* PROGRESS_PAGE is open */

/* The reader's own keys (lecturer mode, zoom, theme, quit, full screen): every screen leaves them to it. */
static inline int app_own_key(int key, unsigned mods)
{
    return (mods & MOD_CTRL) || key == KEY_F11 || key == KEY_F5;
}

struct App {
    AppOptions opt;
    UserDirs dirs;
    State settings;
    Progress *prog; /* the learner's data (core/progress) */
    Fonts *fonts;
    Hyphens *hyph; /* the hyphenation dictionaries of the program folder (assets/hyphen) */
    Library lib;
    Screen screen;
    int w, h;
    float scale;
    int zoom;
    ThemeId theme;
    int fullscreen, quit;
    uint32_t now;

    size_t lib_sel;  /* the library's selected card: the pack opened last, or moved to */
    size_t open_lib; /* the library entry of the open pack (its signature is on the first page) */
    LibraryView libv;
    Trust trust;        /* the keys signatures are checked against (the library's trust points here) */
    TrustView trustv;   /* owned by view_trust.c */
    CourseView coursev; /* owned by view_course.c */

    /* the open screens: [0] the base screen (library, reader or lecturer's console), then overlays */
    const ScreenOps *stack[8];
    int depth;
    const ScreenOps *building; /* the screen whose part of the frame is being built (it owns the hits made) */
    LangMenu menu;             /* owned by langmenu.c */
    MoreMenu more;             /* owned by chrome.c */
    Dialog dlg;                /* owned by dialog.c */
    JumpList jump;             /* owned by view_presenter.c (JUMP_LIST) */

    int file_chooser;       /* app_set_file_chooser */
    char ui_lang[I18N_TAG]; /* the interface language chosen in settings; empty: the system's */

    /* reader: the open pack as seen in the chosen language (m is view->m) */
    Pack *pack;
    uint64_t folder_stamp; /* a pack folder open for preview: reloaded when this changes */
    uint32_t next_poll;
    LviewSet lset;
    Lview *view;
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
        char entry[540], why[256];
        int w, h, ok;
    } * images;
    size_t n_images;
    Layout page;    /* the current item, in page coordinates */
    Hit *page_hits; /* previous/next buttons, exercise controls, in page coordinates */
    size_t n_page_hits, cap_page_hits;
    int page_w, page_px, page_valid;
    unsigned long layouts; /* pages laid out so far (tests check it is not done needlessly) */
    int scroll;
    int want_permille; /* position to restore after the next layout, -1 when none */
    long focus_link;   /* the link Tab moved to (index into page.links), -1 for none */
    HistEntry back[HISTORY_MAX], fwd[HISTORY_MAX];
    int n_back, n_fwd;

    /* geometry of the last frame */
    int top_h, side_w, view_x, view_y, view_w, view_h, col_x, pad_top, sb_x, sb_w;

    ExState ex;
    ReaderView rv;
    ProgressPage summary;
    int want_scroll; /* a scroll position to apply after the next layout, -1 for none */
    char *clipboard; /* text copied, for the platform to take */

    /* lecturer mode (while the console is on the stack: app_presenting): the presenter's state (shared with the
       room's view), the console's, the room's view's */
    Presenter pres;
    Console con;
    RoomView room;

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

/* Images of the current item's page: layout's image callback with an ImageCtx (sizes read once per item). */
typedef struct {
    App *a;
    const char *page_entry;
} ImageCtx;
int app_image_size(void *user, const char *href, char *entry, size_t size, int *w, int *h, char *why, size_t wsz);

/* ui sizes, scaled for the display */
int app_ui_px(const App *a);
int app_body_px(const App *a);
void app_hit(App *a, int x, int y, int w, int h, Action act, long arg);
/* A click target on the page (page coordinates), and a framed button there ('ring': it has the keyboard);
   app_page_button returns the button's width. */
int app_page_hit(App *a, int x, int y, int w, int h, Action act, long arg);
int app_page_button(App *a, const char *label, int x, int y, int primary, int ring, Action act, long arg);
/* A file name to suggest: "TITLE - WHAT - 2026-12-01" + 'ext', with what file systems refuse taken out of the title. */
void app_file_name(const App *a, const char *title, const char *what, const char *ext, char *out, size_t size);
/* Inline Markdown at (x, y) of the page in the item's language, 'w' wide; its links join the page's. Its height. */
int app_page_markdown(App *a, const char *text, int x, int y, int w);
void app_set_status(App *a, const char *fmt, ...) __attribute__((format(BESEDA_PRINTF_FORMAT, 2, 3)));
/* Lays out the current item for the current width and zoom when needed. */
void app_layout_page(App *a);
const Item *app_flat_item(const App *a, size_t i);
/* Count of items of library entry 'e' marked as read. */
size_t app_read_count(const App *a, const LibEntry *e);
int app_item_seen(const App *a, const char *item_id);
int app_scroll_limit(const App *a);

/* Saves what app_save saves, without laying out the page first (ui/app.c; app_save is the top's). */
void app_save_state(App *a);
/* Reloads a pack folder open for preview when its files changed; ms until it looks again, -1 when it does not. */
int app_watch_folder(App *a, uint32_t now_ms);

/* The open pack (ui/app.c) and what every screen uses (ui/shared.c). */
void app_status_err(App *a, const Err *e);
/* Shows a progress store's message (saving stopped, the answer too long) when 'rc' or 'e' reports one. */
void app_progress_result(App *a, int rc, const Err *e);
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

/* Languages. The content languages to try for the open pack, most wanted first (its chosen language, then the
   interface's, then the system's). */
size_t app_content_langs(const App *a, const char *langs[], char store[][I18N_TAG], size_t max);
/* Shows the open pack in 'lang' (remembered for the pack). */
void app_set_content_lang(App *a, const char *lang);
/* Switches the interface to 'lang' ("" for the system's) at once, and remembers it. */
void app_set_ui_lang(App *a, const char *lang);
/* The pack that holds flat item i's file. */
Pack *app_item_pack(const App *a, size_t i);

/* Exercises (ui/exercise.c). */
void exv_leave(App *a);                         /* saves typed text and forgets the exercise on the page */
int exv_layout(App *a, const Item *it, int y);  /* lays out the exercise of 'it' at y of the page; its height */
void exv_reveal(App *a);                        /* scrolls the focused control into view when asked */
int exv_key(App *a, int key, unsigned mods);    /* 1 when the exercise took the key */
void exv_text(App *a, const char *text);        /* typed or pasted text */
void exv_compose(App *a, const char *text);     /* an input method's unfinished text */
void exv_click(App *a, long ctl, int x, int y); /* x, y on screen */
void exv_drag(App *a, int x, int y, int done);  /* the mouse moved (or was released) after a click in a field */
int exv_tick(App *a);                           /* saves typed text when due; ms until next, -1 none */
int exv_typing(const App *a);                   /* a text field has the keyboard */
/* The text cursor on screen (for an input method's window). */
int exv_cursor(App *a, int *x, int *y, int *h);
/* Progress of the open pack: exercises done and the mean score of checked ones, for lesson 'l' (or all: -1). */
typedef struct {
    size_t exercises, done, scored;
    double score; /* mean of checked scores, 0..1 */
} ExTally;
ExTally exv_tally(App *a, long lesson);
/* Reads the exercise of flat item i (caller frees), or NULL with 'err'. */
Exercise *exv_load(App *a, size_t i, Err *err);

/* The progress page, confirmations and export (ui/view_progress.c). */
int view_progress(App *a, int y);     /* lays out the progress page at y of the page; its height */
void app_ask_export(App *a);          /* asks where to save my answers */
void app_ask_forget(App *a, int all); /* asks to confirm forgetting the open pack's data, or all */
void app_set_clipboard(App *a, const char *text);
char *app_export_markdown(App *a);          /* the learner's answers for the open pack (caller frees) */
void app_show_summary(App *a, long lesson); /* -1: the current item's lesson */
void app_close_summary(App *a);

/* Lecturer mode (ui/view_presenter.c, ui/view_audience.c). */
void app_present(App *a, int on);
int app_present_key(App *a, int key, unsigned mods); /* 1 when lecturer mode took the key */
int view_presenter(App *a); /* 0 when the window shows only the projector's picture (no status line) */
int app_present_action(App *a, const Hit *h); /* 1 when it was a lecturer-mode action */
void app_present_drop_notes(App *a);          /* forgets the notes read for the current item */
/* Lays out what the audience sees of the current item into 'out', 'w' wide with body text 'px'. Reads nothing
   but the item's title, page and exercise: lecturer notes and activity plans never pass through it. */
void view_audience_layout(App *a, Layout *out, int w, int px);
void view_audience_drop(App *a); /* forgets the audience's copy of the item */
/* The audience frame, 'w' x 'h' pixels, into 'dl'. */
void view_audience_frame(App *a, DisplayList *dl, int w, int h);
/* The audience's body text size and column width for a window 'w' x 'h'. */
void view_audience_metrics(int w, int h, int *col, int *px);
/* The title band across the top of the room's screen ('w' wide, text in the centred column 'col'): the lesson,
   the item's title and the group timer when the room sees one. Returns its height. */
int view_audience_band(App *a, DisplayList *dl, int w, int col, int px);

/* Base screens' frames: 1 when the status line goes over them. */
int view_reader(App *a);
int view_library(App *a);
/* The status message, in a box at the bottom of the window. */
void view_status(App *a);
/* The language button of a top bar: its width, or (with draw) the button drawn at x. */
int view_lang_button(App *a, int x, int y, int h, int draw);
const char *view_theme_label(const App *a, char *buf, size_t size); /* "Theme: Dark", as the bars and More show it */
/* Draws a text button; returns its width. */
int view_button(App *a, int x, int y, int h, const char *label, Action act, long arg, int selected);
int view_button_width(App *a, const char *label); /* the width view_button gives 'label' */
/* What a press on one of the buttons every screen has does (zoom, theme, language, forget all); 0 when 'h' is not
   one of them (ui/chrome.c, with view_button, view_lang_button and view_status). */
int chrome_press(App *a, const Hit *h);
/* A narrow window's "More" button at x, for the bar's buttons 'acts' that did not fit (they become the rows of its
   menu); its width (drawn when 'draw'). */
int view_more_button(App *a, int x, int y, int h, const Action *acts, int n, int draw);

#endif
