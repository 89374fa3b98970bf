/* Tests for the reader's ui and renderer without a display: the app is driven by events and drawn by the
   software renderer; assertions are on its display list, its state and the renderer's counters. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "core/activity.h"
#include "core/i18n.h"
#include "fixture.h"
#include "fx_os.h"
#include "platform/render.h"
#include "ui/app_impl.h"

static char build[PATH_MAX], sample[PATH_MAX + 64];

static int setup(void **state)
{
    (void)state;
    if (fx_exe_dir(build, sizeof build) != 0) /* BUILD/tests */
        return -1;
    *strrchr(build, '/') = '\0'; /* BUILD */
    fx_sample_pack(sample, sizeof sample);
    char locale[PATH_MAX + 16];
    snprintf(locale, sizeof locale, "%s/locale", build);
    i18n_init(locale); /* as the reader does: the interface translations beside the program */
    fx_dir = fx_tmpdir();
    return fx_dir == NULL || access(sample, R_OK) != 0;
}

static int teardown(void **state)
{
    (void)state;
    fx_cleanup(fx_dir);
    return 0;
}

static App *new_app(const char *data, int w, int h, float scale, int readonly)
{
    AppOptions o = {data, build, readonly, w, h, scale, "light", 100, 0, NULL, NULL};
    Err e;
    err_clear(&e);
    App *a = app_new(&o, &e);
    if (!a)
        fprintf(stderr, "app_new: %s\n", e.msg);
    return a;
}

static void key(App *a, int k, unsigned mods)
{
    UiEvent e = {.type = UI_KEY, .key = k, .mods = mods};
    app_handle(a, &e, 0);
}

static void press(App *a, int x, int y)
{
    UiEvent e = {.type = UI_PRESS, .x = x, .y = y};
    app_handle(a, &e, 0);
    e.type = UI_RELEASE;
    app_handle(a, &e, 0);
}

static int fetch(void *user, const char *k, char **data, size_t *len, Err *err)
{
    return app_image(user, k, data, len, err);
}

/* Suggested file names (review B13): the title as it is, in any script, with what file systems refuse taken out, the
   kind of file and the date; a title too long is cut between characters, never inside one. */
static void file_names_keep_the_whole_title(void **state)
{
    (void)state;
    char data[600], name[400];
    snprintf(data, sizeof data, "%s/names", fx_dir);
    App *a = new_app(data, 800, 600, 1.0f, 1);
    assert_non_null(a);
    app_set_wall_clock(a, 1764410400); /* 2025-11-29 */
    app_file_name(
        a, "\xd0\x9f\xd1\x80\xd0\xb0\xd0\xb2\xd0\xb0 \xd1\x87\xd0\xb5\xd0\xbb\xd0\xbe\xd0\xb2\xd0\xb5\xd0\xba\xd0\xb0",
        "my answers", ".md", name, sizeof name); /* "Права человека" */
    assert_string_equal(
        name,
        "\xd0\x9f\xd1\x80\xd0\xb0\xd0\xb2\xd0\xb0 \xd1\x87\xd0\xb5\xd0\xbb\xd0\xbe\xd0\xb2\xd0\xb5\xd0\xba\xd0\xb0"
        " - my answers - 2025-11-29.md");
    app_file_name(a, "A/B: \"why?\" <now> | then.", "plan", ".html", name, sizeof name);
    assert_string_equal(name, "A B why now then - plan - 2025-11-29.html");
    char longt[400] = "";
    for (int i = 0; i < 150; i++)
        strcat(longt, "\xd0\xb0"); /* 300 bytes of Cyrillic */
    app_file_name(a, longt, "x", ".md", name, sizeof name);
    size_t n = strstr(name, " - x - ") - name;
    assert_true(n > 0 && n < 200 && n % 2 == 0); /* whole characters only */
    for (size_t i = 0; i < n; i += 2)
        assert_memory_equal(name + i, "\xd0\xb0", 2);
    app_file_name(a, "", "x", ".md", name, sizeof name);
    assert_string_equal(name, "Beseda - x - 2025-11-29.md");
    app_free(a);
}

static void atlas_draws_known_text_without_rendering_it_again(void **state)
{
    (void)state;
    char data[700];
    snprintf(data, sizeof data, "%s/atlas", fx_dir);
    App *a = new_app(data, 1280, 720, 1.0f, 1);
    assert_non_null(a);
    assert_int_equal(app_open_path(a, sample, "what-history"), 0);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 1280, 720, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *sr = SDL_CreateSoftwareRenderer(s);
    Render *r = render_new(sr, app_fonts(a), fetch, a);
    assert_non_null(r);
    render_frame(r, app_frame(a), theme_colors(THEME_LIGHT), app_image_generation(a));
    unsigned long first = render_stats(r)->text_renders;
    assert_true(first > 50);
    assert_int_equal(render_stats(r)->images_decoded, 1);
    /* the page is laid out again only when the item, the width or the zoom change: not for a theme, not
       for scrolling */
    unsigned long layouts = a->layouts;
    key(a, 't', MOD_CTRL);
    key(a, KEY_DOWN, 0);
    app_frame(a);
    assert_int_equal(a->layouts, layouts);
    assert_int_equal(app_theme(a), THEME_DARK);
    const Doc *doc = a->doc;
    size_t images = a->n_images;
    assert_non_null(doc);
    assert_int_equal(images, 1);
    key(a, '=', MOD_CTRL);
    app_frame(a);
    assert_int_equal(a->layouts, layouts + 1);
    /* laid out again from the document already read: the pack is not read again */
    assert_ptr_equal(a->doc, doc);
    assert_int_equal(a->n_images, images);
    key(a, '-', MOD_CTRL);
    key(a, 't', MOD_CTRL);
    key(a, 't', MOD_CTRL);
    key(a, KEY_HOME, 0);
    app_frame(a);
    /* the same frame again, and in another theme: no text is rendered again, no image decoded again */
    render_frame(r, app_frame(a), theme_colors(THEME_LIGHT), app_image_generation(a));
    render_frame(r, app_frame(a), theme_colors(THEME_DARK), app_image_generation(a));
    assert_int_equal(render_stats(r)->text_renders, first);
    assert_int_equal(render_stats(r)->images_decoded, 1);
    /* scrolling down renders only what is new; scrolling back renders nothing */
    key(a, KEY_PAGEDOWN, 0);
    render_frame(r, app_frame(a), theme_colors(THEME_LIGHT), app_image_generation(a));
    unsigned long after = render_stats(r)->text_renders;
    key(a, KEY_HOME, 0);
    render_frame(r, app_frame(a), theme_colors(THEME_LIGHT), app_image_generation(a));
    key(a, KEY_PAGEDOWN, 0);
    render_frame(r, app_frame(a), theme_colors(THEME_LIGHT), app_image_generation(a));
    assert_int_equal(render_stats(r)->text_renders, after);
    /* the picture is not blank: the pixel under some text differs from the background */
    const DisplayList *dl = app_frame(a);
    int found = 0;
    for (size_t i = 0; i < dl->n && !found; i++)
        if (dl->v[i].kind == DL_TEXT && dl->v[i].w > 20 && dl->v[i].y > a->view_y)
            for (int x = dl->v[i].x; x < dl->v[i].x + dl->v[i].w && !found; x++) {
                uint32_t px = ((uint32_t *)s->pixels)[(dl->v[i].y + dl->v[i].h / 2) * (s->pitch / 4) + x];
                found = (px & 0xFFFFFF) != 0xFBFAF6;
            }
    assert_true(found);
    /* after a long session that filled the atlas many times over (every item at every zoom), a frame is drawn
       exactly as a fresh renderer draws it: reused atlas space never shows old text */
    for (size_t z = 0; z < APP_N_ZOOMS; z++) {
        a->zoom = APP_ZOOMS[z];
        for (size_t i = 0; i < a->n_flat; i++) {
            key(a, i == 0 ? KEY_HOME : KEY_RIGHT, 0);
            render_frame(r, app_frame(a), theme_colors(THEME_LIGHT), app_image_generation(a));
        }
        while (a->item > 0)
            key(a, KEY_LEFT, 0);
    }
    assert_true(render_stats(r)->atlas_resets > 0);
    a->zoom = 100;
    a->dirty = 1;
    render_frame(r, app_frame(a), theme_colors(THEME_LIGHT), app_image_generation(a));
    SDL_Surface *s2 = SDL_CreateRGBSurfaceWithFormat(0, 1280, 720, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *sr2 = SDL_CreateSoftwareRenderer(s2);
    Render *r2 = render_new(sr2, app_fonts(a), fetch, a);
    render_frame(r2, app_frame(a), theme_colors(THEME_LIGHT), app_image_generation(a));
    assert_memory_equal(s->pixels, s2->pixels, (size_t)s->pitch * 720);
    render_free(r2);
    SDL_DestroyRenderer(sr2);
    SDL_FreeSurface(s2);
    render_free(r);
    SDL_DestroyRenderer(sr);
    SDL_FreeSurface(s);
    app_free(a);
    struct stat st;
    assert_int_not_equal(stat(data, &st), 0); /* read-only: nothing was written */
}

/* Text commands of the page area: inside the column, not overlapping each other. */
static void check_page_boxes(App *a)
{
    const DisplayList *dl = app_frame(a);
    size_t n = 0;
    for (size_t i = 0; i < dl->n; i++) {
        const DlCmd *c = &dl->v[i];
        if (c->kind != DL_TEXT || c->x < a->view_x || c->y < a->view_y || c->x >= a->sb_x)
            continue;
        n++;
        /* every character is drawn by the font the command names (no missing-glyph boxes) */
        int face = -1;
        size_t span = fonts_span(a->fonts, c->face, c->px, dl_str(dl, c), c->len, &face);
        if (span != c->len || face != c->face)
            fprintf(stderr, "'%s' is not all in face %d\n", dl_str(dl, c), c->face);
        assert_int_equal(span, c->len);
        assert_int_equal(face, c->face);
        assert_true(c->x >= a->col_x);
        assert_true(c->x + c->w <= a->col_x + a->page_w);
        for (size_t j = 0; j < i; j++) {
            const DlCmd *o = &dl->v[j];
            if (o->kind != DL_TEXT || o->x < a->view_x || o->y < a->view_y || o->x >= a->sb_x)
                continue;
            int overlap = c->x < o->x + o->w && o->x < c->x + c->w && c->y < o->y + o->h && o->y < c->y + c->h;
            if (overlap)
                fprintf(stderr, "overlap: '%s' and '%s'\n", dl_str(dl, c), dl_str(dl, o));
            assert_false(overlap);
        }
    }
    /* the first screenful has text (a later one may hold only a picture) */
    if (n == 0 && a->scroll == 0)
        fail_msg("item %s: no text on the page", app_item_id(a));
}

/* Every pack beside the sample (BUILD/packs: the bundled packs and their locale packs) added to the library. */
static void add_bundled_packs(App *a)
{
    char dir[PATH_MAX + 64];
    snprintf(dir, sizeof dir, "%s", sample);
    *strrchr(dir, '/') = '\0';
    OsDir *d = os_dir_open(dir);
    assert_non_null(d);
    const char *name;
    OsStat st;
    while (os_dir_next(d, &name, &st) == 1) {
        size_t n = strlen(name);
        if (n > 7 && strcmp(name + n - 7, ".beseda") == 0) {
            char path[2 * PATH_MAX];
            snprintf(path, sizeof path, "%s/%s", dir, name);
            app_add_pack(a, path);
        }
    }
    os_dir_close(d);
}

/* Opens library entry 'e' unless it cannot be opened or its file was opened already (the same pack can be listed
   as bundled and as added); returns 1 when it is open. */
static int open_once(App *a, size_t e, char seen[][PATH_MAX], size_t *n_seen, size_t max)
{
    char real[PATH_MAX];
    if (!a->lib.v[e].ok || fx_realpath(a->lib.v[e].path, real, sizeof real) != 0)
        return 0;
    for (size_t k = 0; k < *n_seen; k++)
        if (strcmp(seen[k], real) == 0)
            return 0;
    assert_true(*n_seen < max);
    snprintf(seen[(*n_seen)++], PATH_MAX, "%s", real);
    assert_int_equal(app_open(a, e, NULL), 0);
    return 1;
}

/* Every text command of 'dl' is drawn in the font it names (no missing-glyph boxes) and inside 0..w. */
static void check_glyphs(App *a, const DisplayList *dl, int w, const char *where)
{
    for (size_t i = 0; i < dl->n; i++) {
        const DlCmd *c = &dl->v[i];
        if (c->kind != DL_TEXT)
            continue;
        int face = -1;
        size_t span = fonts_span(a->fonts, c->face, c->px, dl_str(dl, c), c->len, &face);
        if (span != c->len || face != c->face)
            fail_msg("%s: '%.*s' is not all in face %d", where, (int)c->len, dl_str(dl, c), c->face);
        if (c->x < 0 || c->x + c->w > w)
            fail_msg("%s: '%.*s' is outside the window (%d..%d of %d)", where, (int)c->len, dl_str(dl, c), c->x,
                     c->x + c->w, w);
    }
}

/* Every item of every bundled pack, in the pack's language and in each of its locale packs' languages, read as a
   student at 1280x720 at 100% and at 300%: every screenful keeps its text in the column, unoverlapped, every glyph
   in a font; optional items and handouts are marked in the contents. */
static void every_bundled_item_in_every_language(void **state)
{
    (void)state;
    App *a = new_app(NULL, 1280, 720, 1.0f, 1);
    assert_non_null(a);
    add_bundled_packs(a);
    char seen[64][PATH_MAX];
    size_t n_seen = 0, packs = 0, screens = 0, optional = 0, handouts = 0;
    for (size_t e = 0; e < a->lib.n; e++) {
        if (!open_once(a, e, seen, &n_seen, 64))
            continue;
        packs++;
        for (int z = 0; z < 2; z++) {
            a->zoom = z ? 300 : 100;
            a->dirty = 1;
            key(a, KEY_HOME, 0);
            while (a->item > 0)
                key(a, KEY_LEFT, 0);
            for (size_t i = 0; i < a->n_flat; i++) {
                assert_int_equal(a->item, i);
                for (int page = 0; page < 200; page++) { /* every screenful */
                    check_page_boxes(a);
                    screens++;
                    if (a->scroll >= app_scroll_limit(a))
                        break;
                    key(a, KEY_PAGEDOWN, 0);
                }
                const Item *it = app_flat_item(a, i);
                if (z == 0 && (it->optional || it->handout)) { /* the contents say so */
                    char *text = app_frame_text(a);
                    if (it->optional && !strstr(text, _("optional")))
                        fail_msg("%s: optional item %s is not marked", a->lib.v[e].name, it->id);
                    if (it->handout && !strstr(text, _("handout")))
                        fail_msg("%s: handout %s is not marked", a->lib.v[e].name, it->id);
                    optional += it->optional;
                    handouts += it->handout;
                    free(text);
                }
                key(a, KEY_RIGHT, 0);
            }
        }
    }
    assert_true(packs >= 3);
    assert_true(screens > packs * 2);
    assert_true(optional > 0 && handouts > 0); /* the bundled packs have both, and the contents marked them */
    app_free(a);
}

static void every_page_at_every_zoom_stays_in_its_column(void **state)
{
    (void)state;
    App *a = new_app(NULL, 1280, 720, 1.0f, 1);
    assert_non_null(a);
    assert_int_equal(app_open_path(a, sample, NULL), 0);
    for (size_t z = 0; z < APP_N_ZOOMS; z++) {
        key(a, KEY_HOME, 0);
        while (a->item > 0)
            key(a, KEY_LEFT, 0);
        a->zoom = APP_ZOOMS[z];
        a->dirty = 1;
        for (size_t i = 0; i < a->n_flat; i++) {
            for (int page = 0; page < 40; page++) { /* every screenful */
                check_page_boxes(a);
                if (a->scroll >= app_scroll_limit(a))
                    break;
                key(a, KEY_PAGEDOWN, 0);
            }
            key(a, KEY_RIGHT, 0);
        }
    }
    app_free(a);
}

static void resizing_reflows_and_keeps_the_place(void **state)
{
    (void)state;
    App *a = new_app(NULL, 1280, 720, 1.0f, 1);
    assert_int_equal(app_open_path(a, sample, "what-history"), 0);
    app_frame(a);
    assert_true(app_toc_visible(a));
    int wide_h = a->page.height;
    key(a, KEY_PAGEDOWN, 0);
    app_frame(a);
    int before = a->scroll * 1000 / a->page.height;
    UiEvent e = {.type = UI_RESIZE, .w = 700, .h = 720, .scale = 1.0f};
    app_handle(a, &e, 0);
    app_frame(a);
    assert_true(a->page.height > wide_h); /* narrower column, more lines */
    int after = a->scroll * 1000 / a->page.height;
    assert_true(abs(after - before) <= 5);
    check_page_boxes(a);
    /* too narrow for contents beside the page: they hide, and open over the page without reflowing it; choosing
       an item closes them */
    assert_false(app_toc_visible(a));
    assert_true(a->view_x == 0);
    unsigned long layouts = a->layouts;
    key(a, 't', 0);
    app_frame(a);
    assert_true(app_toc_visible(a));
    assert_int_equal(a->layouts, layouts);
    size_t hits = a->n_hits;
    for (size_t i = 0; i < hits; i++)
        if (a->hits[i].action == ACT_ITEM && a->hits[i].arg == 0) {
            press(a, a->hits[i].x + 5, a->hits[i].y + 5);
            break;
        }
    assert_string_equal(app_item_id(a), app_flat_item(a, 0)->id); /* the first item */
    assert_false(app_toc_visible(a));
    key(a, 't', 0);
    key(a, KEY_ESCAPE, 0); /* Esc closes them first, and stays in the reader */
    assert_false(app_toc_visible(a));
    assert_int_equal(app_screen(a), SCREEN_READER);
    /* HiDPI: twice the pixels per point, twice the type */
    e = (UiEvent){.type = UI_RESIZE, .w = 1400, .h = 1440, .scale = 2.0f};
    app_handle(a, &e, 0);
    app_frame(a);
    assert_int_equal(app_body_px(a), 40);
    check_page_boxes(a);
    app_free(a);
}

static void links_contents_and_history(void **state)
{
    (void)state;
    App *a = new_app(NULL, 1280, 720, 1.0f, 1);
    assert_int_equal(app_open_path(a, sample, "what-history"), 0);
    key(a, KEY_END, 0);
    const DisplayList *dl = app_frame(a);
    const DlCmd *link = NULL;
    for (size_t i = 0; i < dl->n; i++)
        if (dl->v[i].link && strcmp(dl_str(dl, &dl->v[i]), "next") == 0)
            link = &dl->v[i];
    assert_non_null(link);
    press(a, link->x + 2, link->y + 2);
    assert_string_equal(app_item_id(a), "what-quiz");
    key(a, KEY_LEFT, MOD_ALT);
    assert_string_equal(app_item_id(a), "what-history");
    assert_int_equal(a->scroll, app_scroll_limit(a)); /* back where the link was */
    key(a, KEY_RIGHT, MOD_ALT);
    assert_string_equal(app_item_id(a), "what-quiz");
    /* by keyboard: Tab moves to the page's link (a ring is drawn around it), Enter follows it */
    key(a, KEY_LEFT, MOD_ALT);
    assert_string_equal(app_item_id(a), "what-history");
    key(a, KEY_HOME, 0);
    key(a, KEY_TAB, 0);
    assert_int_equal(a->focus_link, 0);
    assert_true(a->scroll > 0); /* the link is at the end of the page: scrolled into view */
    dl = app_frame(a);
    int rings = 0;
    for (size_t i = 0; i < dl->n; i++)
        rings += dl->v[i].kind == DL_FRAME && dl->v[i].color == COL_ACCENT;
    assert_int_equal(rings, 1); /* around "next exercise", one line */
    key(a, KEY_ENTER, 0);
    assert_string_equal(app_item_id(a), "what-quiz");
    assert_int_equal(a->focus_link, -1);
    /* a row of the contents; as in the window, the frame is drawn before the click: after the click (whose
       events build frames of their own to find their target) the screen must still be out of date */
    app_frame(a);
    app_mark_drawn(a);
    assert_false(app_dirty(a));
    for (size_t i = 0; i < a->n_hits; i++)
        if (a->hits[i].action == ACT_ITEM && a->hits[i].arg == (long)app_find_item(a, "everyday-intro")) {
            press(a, a->hits[i].x + 5, a->hits[i].y + 5);
            break;
        }
    assert_string_equal(app_item_id(a), "everyday-intro");
    assert_true(app_dirty(a));
    /* the scroll bar: a press low on the track moves the page down, a drag moves it further */
    key(a, KEY_HOME, 0);
    app_frame(a);
    int x = a->sb_x + a->sb_w / 2;
    press(a, x, a->view_y + a->view_h / 2);
    int s1 = a->scroll;
    assert_true(s1 > 0);
    UiEvent e = {.type = UI_PRESS, .x = x, .y = a->view_y + a->view_h / 2};
    app_handle(a, &e, 0);
    e = (UiEvent){.type = UI_MOTION, .x = x, .y = a->view_y + a->view_h - 1};
    app_handle(a, &e, 0);
    e.type = UI_RELEASE;
    app_handle(a, &e, 0);
    assert_true(a->scroll > s1);
    app_free(a);
}

static void bad_packs_stay_visible_and_drops_are_checked(void **state)
{
    (void)state;
    char data[700], bad[700], good[700];
    snprintf(data, sizeof data, "%s/drop", fx_dir);
    snprintf(bad, sizeof bad, "%s/bad.beseda", fx_dir);
    snprintf(good, sizeof good, "%s/goodpack", fx_dir);
    assert_int_equal(fx_write(fx_dir, "bad.beseda", "PK\x03\x04 truncated", (size_t)-1), 0);
    assert_int_equal(fx_minimal_pack(good, "# Hello\n\nA [link](https://example.org).\n"), 0);
    App *a = new_app(data, 1280, 720, 1.0f, 0);
    size_t before = app_library(a)->n;
    app_add_pack(a, bad);
    char *text = app_frame_text(a);
    assert_non_null(strstr(text, "bad.beseda"));
    assert_non_null(strstr(text, "This pack cannot be opened"));
    free(text);
    /* opening it says why, and the app goes on */
    assert_int_not_equal(app_open(a, before, NULL), 0);
    assert_true(app_status(a)[0] != '\0');
    assert_int_equal(app_screen(a), SCREEN_LIBRARY);
    /* a good folder dropped on the window is checked and copied into the user's library */
    UiEvent e = {.type = UI_DROP, .text = good};
    app_handle(a, &e, 0);
    assert_non_null(strstr(app_status(a), "Added"));
    char copy[800];
    snprintf(copy, sizeof copy, "%s/packs/org.example.test-1.0.0.beseda", data);
    struct stat st;
    assert_int_equal(stat(copy, &st), 0);
    assert_int_equal(app_library(a)->n, before + 2);
    /* arrow keys move through the cards row by row, as many per row as the window shows */
    UiEvent rs = {.type = UI_RESIZE, .w = 700, .h = 720, .scale = 1.0f};
    app_handle(a, &rs, 0);
    app_frame(a);
    assert_int_equal(a->libv.cols, 2);
    a->lib_sel = 0;
    size_t n = app_library(a)->n; /* the bundled pack is there or not, by build */
    assert_true(n >= 2);
    key(a, KEY_DOWN, 0);
    assert_int_equal(a->lib_sel, n > 2 ? 2 : n - 1);
    key(a, KEY_LEFT, 0);
    assert_int_equal(a->lib_sel, n > 2 ? 1 : 0);
    key(a, KEY_HOME, 0);
    assert_int_equal(a->lib_sel, 0);
    /* it opens; its outside link is not followed */
    key(a, KEY_END, 0); /* selection is on the new pack */
    key(a, KEY_ENTER, 0);
    assert_int_equal(app_screen(a), SCREEN_READER);
    assert_string_equal(app_pack_id(a), "org.example.test");
    const DisplayList *dl = app_frame(a);
    for (size_t i = 0; i < dl->n; i++)
        if (dl->v[i].link) {
            press(a, dl->v[i].x + 1, dl->v[i].y + 1);
            break;
        }
    assert_non_null(strstr(app_status(a), "offline"));
    assert_string_equal(app_item_id(a), "p1");
    /* the exercise is shown: its prompt and its check button */
    key(a, KEY_RIGHT, 0);
    text = app_frame_text(a);
    assert_non_null(strstr(text, "Check my answer"));
    free(text);
    /* a broken file dropped: refused, listed with its error */
    e.text = bad;
    app_handle(a, &e, 0);
    assert_non_null(strstr(app_status(a), "not added"));
    assert_int_equal(app_screen(a), SCREEN_LIBRARY);
    app_free(a);
}

/* A USB stick pulled out, or a file cut short, while a pack is open: pages that can no longer be read say so, the
   reader goes on, and the library is still there. */
static void a_pack_that_breaks_while_open(void **state)
{
    (void)state;
    char copy[700];
    snprintf(copy, sizeof copy, "%s/usb.beseda", fx_dir);
    FILE *in = fopen(sample, "rb"), *out = fopen(copy, "wb");
    assert_non_null(in);
    assert_non_null(out);
    char buf[65536];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, in)) > 0)
        assert_int_equal(fwrite(buf, 1, n, out), n);
    fclose(in);
    fclose(out);
    App *a = new_app(NULL, 1280, 720, 1.0f, 1);
    assert_int_equal(app_open_path(a, copy, "what-intro"), 0);
    app_frame(a);
    assert_int_equal(fx_truncate(copy, 30000), 0);
    int broken = 0;
    for (int i = 0; i < 8; i++) {
        key(a, KEY_RIGHT, 0);
        char *text = app_frame_text(a);
        broken += strstr(text, "cannot be shown") != NULL;
        free(text);
    }
    assert_true(broken > 0);
    key(a, KEY_ESCAPE, 0);
    assert_int_equal(app_screen(a), SCREEN_LIBRARY);
    app_free(a);
}

/* Whether the frame shows 'needle' (words compared with the runs' spacing taken out). */
static int frame_has(App *a, const char *needle)
{
    char *text = app_frame_text(a), *w = text;
    for (char *r = text; *r; r++)
        if (*r != ' ')
            *w++ = *r;
    *w = '\0';
    char want[512], *q = want;
    for (const char *r = needle; *r && q < want + sizeof want - 1; r++)
        if (*r != ' ')
            *q++ = *r;
    *q = '\0';
    int found = strstr(text, want) != NULL;
    free(text);
    return found;
}

/* A translator's preview: a pack folder with a Russian overlay for one page. The other pages say they are shown
   in English; an edit to a file shows at the next poll, at the same item; the interface switches at once. */
static void preview_reloads_and_marks_fallback(void **state)
{
    (void)state;
    char dir[700];
    snprintf(dir, sizeof dir, "%s/preview", fx_dir);
    static const char pack[] =
        "{\"format\":1,\"id\":\"org.example.preview\",\"version\":\"1.0.0\",\"title\":\"Preview\","
        "\"language\":\"en\",\"license\":\"CC0-1.0\",\"authors\":[\"A\"],\"lessons\":[{\"id\":\"l\","
        "\"title\":\"Lesson\",\"items\":[{\"id\":\"one\",\"kind\":\"page\",\"title\":\"One\","
        "\"file\":\"one.md\"},{\"id\":\"two\",\"kind\":\"page\",\"title\":\"Two\",\"file\":\"two.md\"}]}]}";
    assert_int_equal(fx_write(dir, "pack.json", pack, (size_t)-1), 0);
    assert_int_equal(fx_write(dir, "one.md", "First page in English.\n", (size_t)-1), 0);
    assert_int_equal(fx_write(dir, "two.md", "Second page in English.\n", (size_t)-1), 0);
    assert_int_equal(fx_write(dir, "locales/ru/locale.json",
                              "{\"language\":\"ru\",\"items\":{\"one\":"
                              "{\"title\":\"Первая\"}}}",
                              (size_t)-1),
                     0);
    assert_int_equal(fx_write(dir, "locales/ru/one.md", "Первая страница по-русски.\n", (size_t)-1), 0);
    AppOptions o = {NULL, build, 1, 1280, 720, 1.0f, "light", 100, 0, "ru", NULL};
    Err e;
    err_clear(&e);
    App *a = app_new(&o, &e);
    assert_non_null(a);
    assert_int_equal(app_open_path(a, dir, "one"), 0);
    assert_true(frame_has(a, "Первая страница по-русски."));
    assert_false(frame_has(a, "Not yet translated"));
    key(a, KEY_RIGHT, 0);
    assert_true(frame_has(a, "Second page in English."));
    assert_true(frame_has(a, "Not yet translated into Русский: shown in English."));
    /* the translator adds the second page; the next poll shows it, still on that item */
    app_tick(a, 1000);
    assert_int_equal(fx_write(dir, "locales/ru/two.md", "Вторая страница.\n", (size_t)-1), 0);
    app_tick(a, 2000);
    assert_true(frame_has(a, "Вторая страница."));
    assert_true(frame_has(a, "Not yet translated")); /* its title is still the English one */
    assert_int_equal(fx_write(dir, "locales/ru/locale.json",
                              "{\"language\":\"ru\",\"items\":{\"one\":"
                              "{\"title\":\"Первая\"},\"two\":{\"title\":"
                              "\"Вторая\"}}}",
                              (size_t)-1),
                     0);
    app_tick(a, 3000);
    assert_true(frame_has(a, "Вторая страница."));
    assert_false(frame_has(a, "Not yet translated"));
    /* the interface language, chosen from the menu, applies to the very next frame */
    app_set_ui_lang(a, "ru");
    assert_true(frame_has(a, "Содержание"));
    app_set_ui_lang(a, "");
    assert_true(frame_has(a, "Contents"));
    app_free(a);
}

/* A drag in a text field selects, as in other programs; the selection is what Ctrl+C copies. */
static void text_field_mouse_selection(void **state)
{
    (void)state;
    char data[PATH_MAX];
    snprintf(data, sizeof data, "%s/select", fx_dir);
    App *a = new_app(data, 1000, 700, 1.0f, 0);
    assert_non_null(a);
    assert_int_equal(app_open_path(a, sample, "everyday-reflection"), 0);
    key(a, KEY_TAB, 0);
    UiEvent t = {.type = UI_TEXT, .text = "Hello world"};
    app_handle(a, &t, 0);
    app_frame(a);
    assert_true(a->ex.focus >= 0);
    const ExCtl c = a->ex.ctl[a->ex.focus];
    assert_int_equal(c.kind, CTL_FIELD);
    TextEdit *te = &a->ex.edit[c.idx];
    int x0, y0, x5, y5, pad = a->page_px / 2;
    te_point(te, a->fonts, 0, &x0, &y0);
    te_point(te, a->fonts, 5, &x5, &y5);
    int sx = a->col_x + c.x + pad, sy = a->view_y + a->pad_top - a->scroll + c.y + pad + te->line_h / 2;
    UiEvent e = {.type = UI_PRESS, .x = sx + x0, .y = sy};
    app_handle(a, &e, 0);
    e.type = UI_MOTION;
    e.x = sx + x5 + 1;
    app_handle(a, &e, 0);
    e.type = UI_RELEASE;
    app_handle(a, &e, 0);
    e.type = UI_MOTION; /* moving after the release selects nothing more */
    e.x = sx + 2000;
    app_handle(a, &e, 0);
    key(a, 'c', MOD_CTRL);
    char *copied = app_take_clipboard(a);
    assert_non_null(copied);
    assert_string_equal(copied, "Hello");
    free(copied);
    /* typing replaces the selection; Escape lets go of the field and the arrows turn pages again */
    t.text = "Goodbye";
    app_handle(a, &t, 0);
    assert_string_equal(te_text(&a->ex.edit[0]), "Goodbye world");
    assert_true(app_text_input(a, NULL, NULL, NULL));
    key(a, KEY_ESCAPE, 0);
    assert_false(app_text_input(a, NULL, NULL, NULL));
    key(a, KEY_LEFT, 0);
    assert_string_equal(app_item_id(a), "everyday-discussion");
    app_free(a);
}

/* Letters and digits only, ASCII lowered, other bytes (Cyrillic) kept: spacing, markup and line breaks do not
   hide a match. */
static char *squash(const char *s)
{
    char *o = malloc(strlen(s) + 1), *p = o;
    for (; o && *s; s++) {
        unsigned char c = (unsigned char)*s;
        if (c >= 0x80 || (c >= '0' && c <= '9'))
            *p++ = (char)c;
        else if ((c | 0x20) >= 'a' && (c | 0x20) <= 'z')
            *p++ = (char)(c | 0x20);
    }
    if (o)
        *p = '\0';
    return o;
}

typedef struct {
    char **v;
    size_t n, cap;
} Secrets;

/* Each line (list item, paragraph line) of a lecturer text with at least 16 letters is a secret. */
static void add_secrets(Secrets *sec, const char *text)
{
    for (const char *s = text; s && *s;) {
        size_t n = strcspn(s, "\n");
        char *line = fx_strndup(s, n);
        char *q = line ? squash(line) : NULL;
        free(line);
        if (q && strlen(q) >= 16) {
            if (sec->n == sec->cap) {
                sec->cap = sec->cap ? sec->cap * 2 : 64;
                sec->v = realloc(sec->v, sec->cap * sizeof *sec->v);
            }
            sec->v[sec->n++] = q;
        } else {
            free(q);
        }
        s += n;
        if (*s)
            s++;
    }
}

static void add_list(Secrets *sec, const StrList *l)
{
    for (size_t i = 0; i < l->n; i++)
        add_secrets(sec, l->v[i]);
}

/* Removes the secrets that 'text' (what everyone may see) holds. */
static void drop_public(Secrets *sec, const char *text)
{
    char *pub = text ? squash(text) : NULL;
    for (size_t k = 0; pub && k < sec->n;)
        if (strstr(pub, sec->v[k])) {
            free(sec->v[k]);
            sec->v[k] = sec->v[--sec->n];
        } else {
            k++;
        }
    free(pub);
}

/* Nothing of an item's lecturer notes or an activity's plan is in 'frame_text'. */
static void assert_no_secret(const Secrets *sec, const char *frame_text, const char *where)
{
    char *hay = squash(frame_text);
    for (size_t i = 0; i < sec->n; i++)
        if (strstr(hay, sec->v[i]))
            fail_msg("%s: the audience sees lecturer text: %s", where, sec->v[i]);
    free(hay);
}

/* Every item of every bundled pack (and each locale pack in its language), in lecturer mode, with answers hidden and
   revealed, on the audience's own display and on a single display's audience-only view: no lecturer notes and no
   activity plan are drawn; an exercise's explanation appears only once revealed. */
/* A pack that does not validate still opens: U+FFFF in its title, an item title, a page and an exercise prompt,
   U+0000 and an escape in the page, a C1 control in a note are drawn as U+FFFD; a cover that cannot be shown says
   why on its card. */
static void hazardous_text_is_shown_as_replacement_characters(void **state)
{
    (void)state;
    char data[700], pack[700];
    snprintf(data, sizeof data, "%s/hazard-data", fx_dir);
    snprintf(pack, sizeof pack, "%s/hazard", fx_dir);
    const char *manifest =
        "{\"format\":1,\"id\":\"org.example.hazard\",\"version\":\"1.0.0\",\"title\":\"Title \\uffff here\","
        "\"language\":\"en\",\"license\":\"CC0-1.0\",\"authors\":[\"A\"],\"cover\":\"cover.png\",\"lessons\":[{"
        "\"id\":\"l1\",\"title\":\"L\",\"items\":[{\"id\":\"p1\",\"kind\":\"page\",\"title\":\"Page \xEF\xBF\xBF\","
        "\"file\":\"a.md\",\"notes\":\"n.md\"},{\"id\":\"q1\",\"kind\":\"exercise\",\"title\":\"Q\","
        "\"file\":\"q.json\"}]}]}";
    const char page[] = "# Head\xEF\xBF\xBF\n\nNUL \0 and \x1b[31m escape; &#xFFFF; reference.\n";
    unsigned char png[45];
    fx_png(png, 40, 30);
    assert_int_equal(fx_write(pack, "pack.json", manifest, (size_t)-1), 0);
    assert_int_equal(fx_write(pack, "a.md", page, sizeof page - 1), 0);
    assert_int_equal(fx_write(pack, "n.md", "Note \xC2\x85 for the lecturer\n", (size_t)-1), 0);
    assert_int_equal(
        fx_write(pack, "q.json", "{\"type\":\"true_false\",\"prompt\":\"Yes\\uffff?\",\"answer\":true}", (size_t)-1),
        0);
    assert_int_equal(fx_write(pack, "cover.png", png, 30), 0); /* cut off inside its header chunk */
    App *a = new_app(data, 1280, 720, 1.0f, 0);
    assert_non_null(a);
    size_t idx = app_library(a)->n;
    app_add_pack(a, pack);
    assert_int_equal(app_library(a)->n, idx + 1);
    assert_true(app_library(a)->v[idx].ok);
    char *text = app_frame_text(a);
    assert_non_null(strstr(text, "Title \xEF\xBF\xBD here"));
    assert_non_null(strstr(text, "The cover cannot be shown"));
    free(text);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, 1280, 720, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *sr = SDL_CreateSoftwareRenderer(s);
    Render *r = render_new(sr, app_fonts(a), fetch, a);
    assert_non_null(r);
    render_frame(r, app_frame(a), theme_colors(THEME_LIGHT), app_image_generation(a));
    assert_int_equal(app_open(a, idx, NULL), 0);
    const char *want[] = {"Head\xEF\xBF\xBD", "NUL \xEF\xBF\xBD and \xEF\xBF\xBD[31m", "Yes\xEF\xBF\xBD?"};
    for (int step = 0; step < 2; step++) {
        render_frame(r, app_frame(a), theme_colors(THEME_LIGHT), app_image_generation(a));
        text = app_frame_text(a);
        assert_null(strstr(text, "\xEF\xBF\xBF"));
        assert_null(strstr(text, "\x1b"));
        for (int k = step ? 2 : 0; k < (step ? 3 : 2); k++)
            if (!strstr(text, want[k]))
                fail_msg("step %d: '%s' is not shown in:\n%s", step, want[k], text);
        free(text);
        key(a, KEY_RIGHT, 0);
    }
    /* lecturer mode shows the note, with its C1 control replaced */
    key(a, KEY_LEFT, 0);
    key(a, KEY_F5, 0);
    text = app_frame_text(a);
    assert_non_null(strstr(text, "Note \xEF\xBF\xBD for the lecturer"));
    free(text);
    render_frame(r, app_frame(a), theme_colors(THEME_DARK), app_image_generation(a));
    render_free(r);
    SDL_DestroyRenderer(sr);
    SDL_FreeSurface(s);
    app_free(a);
}

static void audience_never_shows_notes_or_plans(void **state)
{
    (void)state;
    char data[PATH_MAX];
    snprintf(data, sizeof data, "%s/audience", fx_dir);
    App *a = new_app(data, 1280, 800, 1.0f, 0);
    assert_non_null(a);
    /* the bundled packs beside the sample (the sanitizer build has none beside itself) */
    add_bundled_packs(a);
    size_t checked = 0, packs = 0;
    char seen[64][PATH_MAX];
    size_t n_seen = 0;
    for (size_t e = 0; e < a->lib.n; e++) {
        if (!open_once(a, e, seen, &n_seen, 64))
            continue;
        packs++;
        for (size_t i = 0; i < a->n_flat; i++) {
            const Item *it = app_flat_item(a, i);
            const LviewItem *vi = &a->view->items[i];
            Secrets sec = {0};
            PackLimits lim;
            pack_limits_default(&lim);
            char *buf = NULL;
            size_t len;
            Err err;
            err_clear(&err);
            if (it->notes && vi->notes_pack &&
                pack_read(vi->notes_pack, it->notes, lim.max_markdown_size, &buf, &len, &err) == 0)
                add_secrets(&sec, buf);
            free(buf);
            buf = NULL;
            /* a line of the notes that the page says to everyone, or that a student sees of the item before
               answering ("Choose one answer. Gate 1: provided by law"), is no secret */
            if (it->kind == ITEM_PAGE && pack_read(vi->pack, it->file, lim.max_markdown_size, &buf, &len, &err) == 0)
                drop_public(&sec, buf);
            free(buf);
            buf = NULL;
            app_navigate(a, i);
            buf = app_frame_text(a);
            drop_public(&sec, buf);
            free(buf);
            buf = NULL;
            Exercise *ex = NULL;
            if (it->kind == ITEM_ACTIVITY && pack_read(vi->pack, it->file, lim.max_json_size, &buf, &len, &err) == 0) {
                Activity *act = NULL;
                Err label;
                err_clear(&label);
                assert_int_equal(activity_parse(buf, len, &lim, &label, it->file, NULL, &act, &err), 0);
                /* the plan is the lecturer's; its overview and objectives are what a student reading alone sees of
                   the activity (review B12) */
                const StrList *lists[] = {&act->materials, &act->preparation, &act->instructions, &act->debriefing,
                                          &act->tips,      &act->variations,  &act->follow_up};
                for (size_t k = 0; k < sizeof lists / sizeof *lists; k++)
                    add_list(&sec, lists[k]);
                activity_free(act);
            }
            free(buf);
            if (it->kind == ITEM_EXERCISE)
                ex = exv_load(a, i, &err);
            /* the exercise's own task is for the room (a matching's right column is shown there, not to a student
               before choosing): the notes may name it */
            for (size_t k = 0; ex && k < ex->n_options; k++) {
                drop_public(&sec, ex->options[k].text);
                drop_public(&sec, ex->options[k].match);
            }
            for (size_t k = 0; ex && k < ex->n_nodes; k++)
                drop_public(&sec, ex->nodes[k].text);
            for (size_t k = 0; ex && k < ex->n_questions; k++)
                drop_public(&sec, ex->questions[k]);
            if (ex) {
                drop_public(&sec, ex->prompt);
                drop_public(&sec, ex->text);
            }
            a->item = i;
            app_present(a, 1);
            UiEvent d = {.type = UI_DISPLAYS, .w = 2};
            app_handle(a, &d, 0);
            app_audience_size(a, 1280, 720);
            /* the lesson's time against the lesson's own plan, which leaves its optional items out */
            assert_int_equal(pres_lesson_planned(&a->pres),
                             (uint64_t)manifest_lesson_minutes(&a->m->lessons[a->flat[i].lesson]) * 60000u);
            for (int reveal = 0; reveal < 2; reveal++) {
                if (reveal && ex) { /* revealed, the answers are the room's too */
                    drop_public(&sec, ex->explanation);
                    drop_public(&sec, ex->feedback_true);
                    drop_public(&sec, ex->feedback_false);
                    for (size_t k = 0; k < ex->n_options; k++)
                        drop_public(&sec, ex->options[k].feedback);
                    for (size_t k = 0; k < ex->n_blanks; k++) {
                        drop_public(&sec, ex->blanks[k].feedback);
                        for (size_t b = 0; b < ex->blanks[k].n_answers; b++)
                            drop_public(&sec, ex->blanks[k].answers[b]);
                    }
                }
                char where[300];
                snprintf(where, sizeof where, "%s, item %s%s", a->lib.v[e].name, it->id, reveal ? " (revealed)" : "");
                char *text = app_audience_content_text(a); /* also what the room sees only after scrolling */
                assert_no_secret(&sec, text, where);
                /* the room's screen and the lecturer's console: every glyph in a font, nothing off the screen */
                check_glyphs(a, app_audience_frame(a), 1280, where);
                check_glyphs(a, app_frame(a), 1280, where);
                if (ex && ex->explanation) { /* answers stay hidden until revealed */
                    char *expl = squash(ex->explanation), *hay = squash(text);
                    if ((strstr(hay, expl) != NULL) != reveal)
                        fail_msg("%s: the explanation is %s", where, reveal ? "not shown" : "shown before revealing");
                    free(expl);
                    free(hay);
                }
                free(text);
                /* one display, audience-only: the whole window is what the room sees */
                app_handle(a, &(UiEvent){.type = UI_DISPLAYS, .w = 1}, 0);
                key(a, 'a', 0);
                text = app_frame_text(a);
                assert_no_secret(&sec, text, where);
                free(text);
                key(a, 'a', 0);
                /* and in student mode nothing of it either */
                app_handle(a, &(UiEvent){.type = UI_DISPLAYS, .w = 2}, 0);
                key(a, 'r', 0);
                checked++;
            }
            app_present(a, 0);

            {
                char *text = app_frame_text(a);
                assert_no_secret(&sec, text, it->id);
                free(text);
            }
            exercise_free(ex);
            for (size_t k = 0; k < sec.n; k++)
                free(sec.v[k]);
            free(sec.v);
        }
    }
    assert_true(packs >= 3); /* at least the sample and its Russian and Dutch locale packs */
    assert_true(checked >= packs * 2 * 10);
    app_free(a);
}

int main(void)
{
    SDL_Init(0);
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(file_names_keep_the_whole_title),
        cmocka_unit_test(atlas_draws_known_text_without_rendering_it_again),
        cmocka_unit_test(every_page_at_every_zoom_stays_in_its_column),
        cmocka_unit_test(every_bundled_item_in_every_language),
        cmocka_unit_test(resizing_reflows_and_keeps_the_place),
        cmocka_unit_test(links_contents_and_history),
        cmocka_unit_test(bad_packs_stay_visible_and_drops_are_checked),
        cmocka_unit_test(a_pack_that_breaks_while_open),
        cmocka_unit_test(preview_reloads_and_marks_fallback),
        cmocka_unit_test(text_field_mouse_selection),
        cmocka_unit_test(hazardous_text_is_shown_as_replacement_characters),
        cmocka_unit_test(audience_never_shows_notes_or_plans),
    };
    int rc = cmocka_run_group_tests(tests, setup, teardown);
    TTF_Quit();
    SDL_Quit();
    return rc;
}
