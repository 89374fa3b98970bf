/* Tests for every screen's chrome (review B11 and issue 16's checks): the library, the reader on a page and on
   exercises, the contents, the language and More menus, a dialog, the progress page, the lecturer's console and its
   list of items, at a phone's width, two projectors' and a desktop's, in the three themes and the three interface
   languages. In every frame no text leaves its window or the area it is clipped to, no text overlaps another, and
   what the frame can be clicked on lies in the window. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/i18n.h"
#include "fixture.h"
#include "fx_os.h"
#include "ui/app_impl.h"

static char build[PATH_MAX], sample[PATH_MAX + 64];
static int problems; /* every problem of every frame is told before the test fails */

#define PROBLEM(...)                                                                                                   \
    do {                                                                                                               \
        print_error(__VA_ARGS__);                                                                                      \
        print_error("\n");                                                                                             \
        problems++;                                                                                                    \
    } while (0)

static int setup(void **state)
{
    (void)state;
    if (fx_exe_dir(build, sizeof build) != 0) /* BUILD/tests */
        return -1;
    *strrchr(build, '/') = '\0'; /* BUILD */
    fx_sample_pack(sample, sizeof sample);
    char locale[PATH_MAX + 16];
    snprintf(locale, sizeof locale, "%s/locale", build);
    i18n_init(locale);
    fx_dir = fx_tmpdir();
    return fx_dir == NULL || access(sample, R_OK) != 0;
}

static int teardown(void **state)
{
    (void)state;
    fx_cleanup(fx_dir);
    return 0;
}

/* A reader at 1280x720 with its data in fx_dir/'name' and the sample pack in its library. */
static App *new_app(const char *name)
{
    char data[PATH_MAX + 16];
    snprintf(data, sizeof data, "%s/%s", fx_dir, name);
    AppOptions o = {data, build, 0, 1280, 720, 1.0f, "light", 100, 0, NULL, NULL};
    Err e;
    err_clear(&e);
    App *a = app_new(&o, &e);
    assert_non_null(a);
    app_add_pack(a, sample);
    return a;
}

static void key(App *a, int k, unsigned mods)
{
    UiEvent e = {.type = UI_KEY, .key = k, .mods = mods};
    app_handle(a, &e, 0);
}

static void resize(App *a, int w, int h)
{
    UiEvent e = {.type = UI_RESIZE, .w = w, .h = h, .scale = 1.0f};
    app_handle(a, &e, 0);
}

/* Presses the middle of the first text command that is exactly 'label'; 0 when there is none. */
static int click_label(App *a, const char *label)
{
    const DisplayList *dl = app_frame(a);
    for (size_t i = 0; i < dl->n; i++) {
        const DlCmd *c = &dl->v[i];
        if (c->kind == DL_TEXT && c->len == strlen(label) && memcmp(dl_str(dl, c), label, c->len) == 0) {
            UiEvent e = {.type = UI_PRESS, .x = c->x + c->w / 2, .y = c->y + c->h / 2};
            app_handle(a, &e, 0);
            e.type = UI_RELEASE;
            app_handle(a, &e, 0);
            return 1;
        }
    }
    return 0;
}

typedef struct {
    int x, y, w, h;
} Box;

static Box cut(Box a, Box b)
{
    int x0 = a.x > b.x ? a.x : b.x, y0 = a.y > b.y ? a.y : b.y;
    int x1 = a.x + a.w < b.x + b.w ? a.x + a.w : b.x + b.w, y1 = a.y + a.h < b.y + b.h ? a.y + a.h : b.y + b.h;
    return (Box){x0, y0, x1 > x0 ? x1 - x0 : 0, y1 > y0 ? y1 - y0 : 0};
}

static int meets(Box a, Box b)
{
    return a.w > 0 && a.h > 0 && b.w > 0 && b.h > 0 && a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h &&
           b.y < a.y + a.h;
}

/* The checks of one frame. Text under a dimmed background (a dialog's) and text that a later panel or menu covers
   are what the overlay is drawn over: they are kept out of the overlap check. */
static void check_frame(App *a, const char *where)
{
    const DisplayList *dl = app_frame(a);
    Box win = {0, 0, a->w, a->h}, clip = win;
    size_t from = 0;
    for (size_t i = 0; i < dl->n; i++)
        if (dl->v[i].kind == DL_RECT && dl->v[i].color == COL_SHADE && dl->v[i].w >= a->w && dl->v[i].h >= a->h)
            from = i + 1;
    Box *seen = calloc(dl->n + 1, sizeof *seen);
    assert_non_null(seen);
    for (size_t i = 0; i < dl->n; i++) {
        const DlCmd *c = &dl->v[i];
        if (c->kind == DL_CLIP) {
            clip = c->w ? cut((Box){c->x, c->y, c->w, c->h}, win) : win;
            continue;
        }
        if (c->kind != DL_TEXT)
            continue;
        Box t = {c->x, c->y, c->w, c->h}, v = cut(t, clip);
        if (v.w == 0 || v.h == 0)
            continue; /* scrolled out of its area */
        /* a text cut at the side of its area (or of the window) is a text outside its box */
        if (c->x < clip.x || c->x + c->w > clip.x + clip.w)
            PROBLEM("%s: '%.*s' (x %d..%d) leaves its area (x %d..%d)", where, (int)c->len, dl_str(dl, c), c->x,
                    c->x + c->w, clip.x, clip.x + clip.w);
        if (i >= from)
            seen[i] = v;
    }
    for (size_t i = 0; i < dl->n; i++) { /* covered by a panel drawn later: part of what is under an overlay */
        for (size_t j = i + 1; seen[i].w && j < dl->n; j++) {
            const DlCmd *r = &dl->v[j];
            if (r->kind == DL_RECT && r->color != COL_SHADE && r->color != COL_IMAGE_DIM && r->w >= a->w / 5 &&
                r->h > 0 && meets(seen[i], (Box){r->x, r->y, r->w, r->h}))
                seen[i].w = 0;
        }
    }
    for (size_t i = 0; i < dl->n; i++)
        for (size_t j = i + 1; seen[i].w && j < dl->n; j++)
            if (seen[j].w && meets(seen[i], seen[j]))
                PROBLEM("%s: '%.*s' and '%.*s' overlap", where, (int)dl->v[i].len, dl_str(dl, &dl->v[i]),
                        (int)dl->v[j].len, dl_str(dl, &dl->v[j]));
    free(seen);
    for (size_t i = 0; i < a->n_hits; i++) { /* nothing to click is beside the window (below it scrolls into view) */
        const Hit *h = &a->hits[i];
        if (h->w > 0 && (h->x + h->w <= 0 || h->x >= a->w))
            PROBLEM("%s: a click target (action %d) is beside the window", where, (int)h->action);
    }
}

/* Checks the frame as it is now, named 'where' (its first 'n' bytes) and 'what'. */
static void look(App *a, char *where, int n, const char *what, size_t *frames)
{
    snprintf(where + n, 160 - (size_t)n, ": %s", what);
    check_frame(a, where);
    (*frames)++;
}

static size_t entry_of(App *a, const char *path)
{
    for (size_t e = 0; e < a->lib.n; e++)
        if (a->lib.v[e].ok && strcmp(a->lib.v[e].path, path) == 0)
            return e;
    fail_msg("%s is not in the library", path);
    return 0;
}

static void every_screen_at_every_size_theme_and_language(void **state)
{
    (void)state;
    static const int sizes[][2] = {{360, 640}, {1024, 768}, {1280, 720}, {1920, 1080}};
    static const char *const langs[] = {"en", "ru", "nl"};
    App *a = new_app("chrome");
    size_t frames = 0, more = 0;
    for (size_t s = 0; s < sizeof sizes / sizeof *sizes; s++)
        for (int th = 0; th < THEME_COUNT; th++)
            for (size_t l = 0; l < 3; l++) {
                char where[160];
                int w = sizes[s][0], h = sizes[s][1],
                    n = snprintf(where, sizeof where, "%dx%d %s %s", w, h, theme_name((ThemeId)th), langs[l]);
                app_to_library(a);
                resize(a, w, h);
                app_set_ui_lang(a, langs[l]);
                a->theme = (ThemeId)th;
                a->dirty = 1;
                look(a, where, n, "library", &frames);
                key(a, 'l', 0);
                assert_true(app_is_open(a, &LANG_MENU));
                look(a, where, n, "library, language menu", &frames);
                key(a, KEY_ESCAPE, 0);
                key(a, KEY_DELETE, MOD_CTRL | MOD_SHIFT);
                assert_true(app_is_open(a, &DIALOG));
                look(a, where, n, "library, dialog", &frames);
                key(a, KEY_ESCAPE, 0);
                if (click_label(a, _("More\xe2\x80\xa6"))) {
                    more++;
                    assert_true(app_is_open(a, &MORE_MENU));
                    look(a, where, n, "library, More menu", &frames);
                    key(a, KEY_ESCAPE, 0);
                }
                assert_int_equal(app_open(a, entry_of(a, sample), "what-intro"), 0);
                look(a, where, n, "a page", &frames);
                static const char *const items[] = {"what-quiz", "what-match", "what-order", "everyday-activity"};
                for (size_t k = 0; k < 4; k++) {
                    long it = app_find_item(a, items[k]);
                    assert_true(it >= 0);
                    app_navigate(a, (size_t)it);
                    look(a, where, n, items[k], &frames);
                }
                key(a, 't', 0);
                look(a, where, n, "contents shown or hidden", &frames);
                key(a, 't', 0);
                key(a, 'l', 0);
                assert_true(app_is_open(a, &LANG_MENU));
                look(a, where, n, "reader, language menu", &frames);
                key(a, KEY_ESCAPE, 0);
                if (click_label(a, _("More\xe2\x80\xa6"))) {
                    more++;
                    assert_true(app_is_open(a, &MORE_MENU));
                    look(a, where, n, "reader, More menu", &frames);
                    key(a, KEY_ESCAPE, 0);
                }
                key(a, 'p', 0);
                assert_true(app_is_open(a, &PROGRESS_PAGE));
                look(a, where, n, "progress", &frames);
                key(a, KEY_ESCAPE, 0);
                key(a, KEY_F5, 0);
                assert_true(app_is_open(a, &CONSOLE_SCREEN));
                look(a, where, n, "lecturer console", &frames);
                key(a, 'g', 0);
                assert_true(app_is_open(a, &JUMP_LIST));
                look(a, where, n, "lecturer's list of items", &frames);
                key(a, KEY_ESCAPE, 0);
                app_present(a, 0);
            }
    /* 13 frames of every size, theme and language, and the More menus where the bar is narrow (360 px at least) */
    assert_int_equal(frames, 4 * 3 * 3 * 13 + more);
    assert_true(more >= 3 * 3 * 2);
    assert_int_equal(problems, 0);
    app_free(a);
}

/* Every button of a top bar (the reader's and the library's, wide and narrow, and the console's) does nothing a key
   does not also do: for each action a bar shows, its key is pressed and the same change is seen. A new button with
   no key fails here. */
static void every_bar_button_has_a_key(void **state)
{
    (void)state;
    App *a = new_app("keys");
    static const int widths[] = {1280, 360};
    size_t tried = 0;
    for (size_t wi = 0; wi < 2; wi++) {
        for (int screen = 0; screen < 3; screen++) { /* the library, the reader, the console */
            app_to_library(a);
            resize(a, widths[wi], 720);
            if (screen > 0)
                assert_int_equal(app_open(a, entry_of(a, sample), "what-intro"), 0);
            if (screen == 2)
                key(a, KEY_F5, 0);
            app_frame(a);
            int top = a->top_h;
            Action seen[64];
            size_t n = 0;
            for (size_t i = 0; i < a->n_hits && n < 64; i++) /* the bar's buttons: targets at its height */
                if (a->hits[i].y < top && a->hits[i].y + a->hits[i].h <= top + 2 && a->hits[i].action != ACT_NONE)
                    seen[n++] = a->hits[i].action;
            for (size_t k = 0; k < n; k++) {
                Action act = seen[k];
                int theme = a->theme, zoom = a->zoom, toc = app_toc_visible(a);
                switch (act) {
                case ACT_LIBRARY:
                    key(a, KEY_ESCAPE, 0);
                    assert_int_equal(app_screen(a), SCREEN_LIBRARY);
                    assert_int_equal(app_open(a, entry_of(a, sample), "what-intro"), 0);
                    break;
                case ACT_TOGGLE_TOC:
                    key(a, 't', 0);
                    app_frame(a);
                    assert_int_not_equal(app_toc_visible(a), toc);
                    key(a, 't', 0);
                    break;
                case ACT_SUMMARY:
                    key(a, 'p', 0);
                    assert_true(app_progress_shown(a));
                    key(a, 'p', 0);
                    assert_false(app_progress_shown(a));
                    break;
                case ACT_PRESENT: { /* "Present (F5)" in the reader, "Stop presenting" in the console */
                    int was = app_presenting(a);
                    key(a, KEY_F5, 0);
                    assert_int_not_equal(app_presenting(a), was);
                    key(a, KEY_F5, 0);
                    assert_int_equal(app_presenting(a), was);
                    break;
                }
                case ACT_LANG_MENU:
                    key(a, 'l', 0);
                    assert_true(app_is_open(a, &LANG_MENU));
                    key(a, KEY_ESCAPE, 0);
                    break;
                case ACT_THEME:
                    key(a, 't', MOD_CTRL);
                    assert_int_not_equal(a->theme, theme);
                    a->theme = (ThemeId)theme;
                    break;
                case ACT_ZOOM_IN:
                    key(a, '=', MOD_CTRL);
                    assert_true(a->zoom > zoom);
                    key(a, '0', MOD_CTRL);
                    break;
                case ACT_ZOOM_OUT:
                    key(a, '-', MOD_CTRL);
                    assert_true(a->zoom < zoom);
                    key(a, '0', MOD_CTRL);
                    break;
                case ACT_FORGET_ALL:
                    key(a, KEY_DELETE, MOD_CTRL | MOD_SHIFT);
                    assert_true(app_is_open(a, &DIALOG));
                    key(a, KEY_ESCAPE, 0);
                    break;
                case ACT_TRUST_LIST:
                    key(a, 'k', 0);
                    assert_true(app_is_open(a, &TRUST_LIST));
                    key(a, KEY_ESCAPE, 0);
                    break;
                case ACT_MORE: /* its rows are the bar's buttons that did not fit: each is tried at the wide size */
                    break;
                case ACT_PRES_KEY: /* the console's buttons send a key: Items (G) */
                    key(a, 'g', 0);
                    assert_true(app_is_open(a, &JUMP_LIST));
                    key(a, KEY_ESCAPE, 0);
                    break;
                default:
                    fail_msg("a button of the bar (action %d, %d px wide, screen %d) has no key here", (int)act,
                             widths[wi], screen);
                }
                tried++;
                app_frame(a);
            }
            if (screen == 2)
                app_present(a, 0);
        }
    }
    assert_true(tried >= 14);
    app_free(a);
}

int main(void)
{
    SDL_Init(0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_screen_at_every_size_theme_and_language),
        cmocka_unit_test(every_bar_button_has_a_key),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    TTF_Quit();
    SDL_Quit();
    return rc;
}
