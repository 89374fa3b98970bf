/* Tests for layout: line breaking, long words, measurement, and whole pages laid out with the bundled fonts. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include <cmocka.h>

#include "core/doc.h"
#include "layout/layout.h"
#include "fixture.h"
#include "fx_os.h"

static Fonts *fonts;

/* The build's fonts are beside the test binary: BUILD/tests/test_layout -> BUILD/assets/fonts. */
static int setup(void **state)
{
    (void)state;
    char exe[1024];
    if (fx_exe_dir(exe, sizeof exe) != 0)
        return -1;
    char dir[1024 + 32];
    snprintf(dir, sizeof dir, "%s/../assets/fonts", exe);
    Err e;
    err_clear(&e);
    if (fonts_open(dir, &fonts, &e) != 0) {
        fprintf(stderr, "fonts: %s\n", e.msg);
        return -1;
    }
    return 0;
}

static int teardown(void **state)
{
    (void)state;
    fonts_close(fonts);
    TTF_Quit();
    return 0;
}

static const char RU[] = "Каждый человек имеет право на образование. Образование должно быть бесплатным по "
                         "меньшей мере в том, что касается начального и общего образования. Права человека "
                         "\xe2\x80\x94 это не подарок государства, а то, что принадлежит каждому от рождения.";

static int span_layout(const char *text, int width, int max_lines, DisplayList *dl)
{
    Span s = {text, strlen(text), FACE_SERIF, 20, COL_TEXT, 0};
    SpanStyle st = {.fonts = fonts, .line_height = 1.5f, .max_lines = max_lines, .align = ALIGN_LEFT};
    return layout_spans(&st, &s, 1, 0, 0, width, dl);
}

/* Joins the text of every command, in order, without separators. */
static void joined(const DisplayList *dl, char *out, size_t size)
{
    out[0] = '\0';
    for (size_t i = 0; i < dl->n; i++)
        if (dl->v[i].kind == DL_TEXT)
            strncat(out, dl_str(dl, &dl->v[i]), size - strlen(out) - 1);
}

static size_t count_lines(const DisplayList *dl)
{
    size_t lines = 0;
    int last = INT_MIN;
    for (size_t i = 0; i < dl->n; i++)
        if (dl->v[i].kind == DL_TEXT && dl->v[i].y != last) {
            /* a new line starts at x == 0 */
            if (dl->v[i].x == 0)
                lines++;
            last = dl->v[i].y;
        }
    return lines;
}

static void no_line_is_wider_than_its_column(void **state)
{
    (void)state;
    static const int widths[] = {60, 120, 200, 333, 480, 700, 1200};
    for (size_t k = 0; k < sizeof widths / sizeof widths[0]; k++) {
        DisplayList dl = {0};
        int h = span_layout(RU, widths[k], 0, &dl);
        assert_true(h > 0);
        assert_true(dl.n > 0);
        for (size_t i = 0; i < dl.n; i++) {
            assert_true(dl.v[i].x >= 0);
            assert_true(dl.v[i].x + dl.v[i].w <= widths[k]);
            assert_true(dl.v[i].y + dl.v[i].h <= h);
        }
        dl_free(&dl);
    }
}

static void cyrillic_wraps_between_words(void **state)
{
    (void)state;
    DisplayList dl = {0};
    span_layout(RU, 300, 0, &dl);
    assert_true(count_lines(&dl) >= 4);
    /* The commands are the words of the source in order: no word was cut, none lost. */
    char copy[sizeof RU];
    memcpy(copy, RU, sizeof RU);
    size_t i = 0;
    for (char *w = strtok(copy, " "); w; w = strtok(NULL, " "), i++) {
        assert_true(i < dl.n);
        assert_string_equal(dl_str(&dl, &dl.v[i]), w);
    }
    assert_int_equal(i, dl.n);
    /* Lines follow each other downwards. */
    for (size_t k = 1; k < dl.n; k++)
        assert_true(dl.v[k].y >= dl.v[k - 1].y);
    dl_free(&dl);
}

static void words_longer_than_the_column_are_broken(void **state)
{
    (void)state;
    char word[400] = "";
    for (int i = 0; i < 8; i++)
        strcat(word, "Антидискриминационный");
    DisplayList dl = {0};
    span_layout(word, 150, 0, &dl);
    assert_true(count_lines(&dl) >= 8);
    for (size_t i = 0; i < dl.n; i++)
        assert_true(dl.v[i].x + dl.v[i].w <= 150);
    char all[1024];
    joined(&dl, all, sizeof all);
    assert_string_equal(all, word); /* nothing lost, nothing cut inside a character */
    dl_free(&dl);
}

static void same_width_alone_and_in_a_paragraph(void **state)
{
    (void)state;
    const char *word = "правозащитники";
    int alone = fonts_width(fonts, FACE_SERIF, 20, word, strlen(word));
    assert_true(alone > 50);
    DisplayList dl = {0};
    span_layout("Эти правозащитники работают в Москве и в Амстердаме.", 1000, 0, &dl);
    int found = 0;
    for (size_t i = 0; i < dl.n; i++)
        if (strcmp(dl_str(&dl, &dl.v[i]), word) == 0) {
            assert_int_equal(dl.v[i].w, alone);
            /* and the next word starts one space further on */
            int space = fonts_width(fonts, FACE_SERIF, 20, " ", 1);
            assert_int_equal(dl.v[i + 1].x, dl.v[i].x + alone + space);
            found = 1;
        }
    assert_true(found);
    dl_free(&dl);
}

static void breaks_after_hyphens_and_dashes(void **state)
{
    (void)state;
    DisplayList dl = {0};
    const char *text = "mensenrechten-educatie";
    int w = fonts_width(fonts, FACE_SERIF, 20, "mensenrechten-", 14);
    span_layout(text, w + 5, 0, &dl);
    assert_int_equal(dl.n, 2);
    assert_string_equal(dl_str(&dl, &dl.v[0]), "mensenrechten-");
    assert_string_equal(dl_str(&dl, &dl.v[1]), "educatie");
    assert_true(dl.v[1].y > dl.v[0].y);
    dl_free(&dl);
    /* an em dash between words may end a line */
    text = "право\xe2\x80\x94обязанность";
    w = fonts_width(fonts, FACE_SERIF, 20, "право\xe2\x80\x94", 13);
    int w2 = fonts_width(fonts, FACE_SERIF, 20, "обязанность", 22);
    span_layout(text, (w > w2 ? w : w2) + 3, 0, &dl);
    assert_int_equal(dl.n, 3); /* UAX #14 allows a break before and after the dash */
    assert_string_equal(dl_str(&dl, &dl.v[1]), "\xe2\x80\x94");
    assert_int_equal(dl.v[1].y, dl.v[0].y);
    assert_string_equal(dl_str(&dl, &dl.v[2]), "обязанность");
    assert_int_equal(dl.v[2].x, 0);
    assert_true(dl.v[2].y > dl.v[0].y);
    dl_free(&dl);
}

static void hard_breaks_and_line_limits(void **state)
{
    (void)state;
    DisplayList dl = {0};
    Span s[3] = {{"one", 3, FACE_SERIF, 20, COL_TEXT, 0},
                 {"\n", 1, FACE_SERIF, 20, COL_TEXT, 0},
                 {"two", 3, FACE_SERIF_BOLD, 20, COL_LINK, 2}};
    SpanStyle st = {.fonts = fonts, .line_height = 1.5f, .max_lines = 0, .align = ALIGN_LEFT};
    int h = layout_spans(&st, s, 3, 10, 100, 500, &dl);
    assert_int_equal(dl.n, 3);
    assert_int_equal(dl.v[0].x, 10);
    assert_int_equal(dl.v[1].x, 10);
    assert_int_equal(h, 60); /* two lines of 1.5 x 20 */
    assert_int_equal(dl.v[1].face, FACE_SERIF_BOLD);
    assert_int_equal(dl.v[1].link, 2);
    /* the link is underlined: a line under its word, inside its box, in its colour */
    assert_int_equal(dl.v[2].kind, DL_RECT);
    assert_int_equal(dl.v[2].x, dl.v[1].x);
    assert_int_equal(dl.v[2].w, dl.v[1].w);
    assert_true(dl.v[2].y > dl.v[1].y + dl.v[1].h / 2 && dl.v[2].y + dl.v[2].h <= dl.v[1].y + dl.v[1].h);
    assert_int_equal(dl.v[2].color, COL_LINK);
    dl_free(&dl);
    /* two lines at most: the second ends with an ellipsis and stays in the column */
    span_layout(RU, 200, 2, &dl);
    assert_int_equal(count_lines(&dl), 2);
    assert_string_equal(dl_str(&dl, &dl.v[dl.n - 1]), "\xe2\x80\xa6");
    for (size_t i = 0; i < dl.n; i++)
        assert_true(dl.v[i].x + dl.v[i].w <= 200);
    dl_free(&dl);
}

static void broken_utf8_is_drawn_as_replacement_characters(void **state)
{
    (void)state;
    DisplayList dl = {0};
    span_layout("ab\xff\xfe cd \xe2\x80", 500, 0, &dl); /* broken UTF-8 is drawn as U+FFFD */
    char all[256];
    joined(&dl, all, sizeof all);
    assert_string_equal(all, "ab\xef\xbf\xbd\xef\xbf\xbd"
                             "cd\xef\xbf\xbd");
    dl_free(&dl);
}

/* Characters a pack may not hold never reach the screen, and no text stops the breaker: U+FFFF once made
   libunibreak abort the reader. */
static void refused_characters_are_drawn_as_replacement_characters(void **state)
{
    (void)state;
    DisplayList dl = {0};
    span_layout("a\xef\xbf\xbf"
                "b \x1b[1m \xc2\x85 \xef\xb7\x90 \xf4\x8f\xbf\xbf end",
                500, 0, &dl);
    char all[256];
    joined(&dl, all, sizeof all);
    assert_string_equal(all, "a\xef\xbf\xbd"
                             "b\xef\xbf\xbd[1m\xef\xbf\xbd\xef\xbf\xbd\xef\xbf\xbd"
                             "end");
    dl_free(&dl);
}

/* Break opportunities (UAX #14 by libunistring) in the meaning layout uses: after byte i. */
static void break_opportunities_by_uax14(void **state)
{
    (void)state;
    const char *s = "one two-three\nfour \xe2\x80\x94 \xef\xbf\xbf";
    size_t n = strlen(s);
    char brk[64];
    assert_int_equal(layout_breaks(s, n, brk), 0);
    assert_int_equal(brk[3], LAYOUT_BREAK_ALLOW); /* after "one " */
    assert_int_equal(brk[2], LAYOUT_BREAK_NONE);  /* not inside a word */
    assert_int_equal(brk[7], LAYOUT_BREAK_ALLOW); /* after "two-" */
    assert_int_equal(brk[13], LAYOUT_BREAK_MUST); /* after the line feed */
    assert_int_equal(brk[12], LAYOUT_BREAK_NONE); /* not before it */
    assert_int_equal(brk[n - 1], LAYOUT_BREAK_MUST);
    for (size_t i = n - 3; i < n - 1; i++) /* nothing inside a character */
        assert_int_equal(brk[i], LAYOUT_BREAK_NONE);
    /* rule LB29, which libunistring 1.0 lacks: no break inside "e.g." or a file name */
    const char *dots = "e.g. lessons/a.md";
    assert_int_equal(layout_breaks(dots, strlen(dots), brk), 0);
    assert_int_equal(brk[1], LAYOUT_BREAK_NONE);
    assert_int_equal(brk[14], LAYOUT_BREAK_NONE);
    assert_int_equal(brk[4], LAYOUT_BREAK_ALLOW); /* after "e.g. " */
    const char *crlf = "a\r\nb";
    assert_int_equal(layout_breaks(crlf, 4, brk), 0);
    assert_int_equal(brk[1], LAYOUT_BREAK_NONE); /* CR LF is one line end, after the LF */
    assert_int_equal(brk[2], LAYOUT_BREAK_MUST);
}

/* Found by fuzz_text: white space at the start of a line (here a tab) moved the pen, and a word that fitted the
   column but not after it was placed there anyway, past the column's edge. */
static void leading_space_never_pushes_a_word_past_the_column(void **state)
{
    (void)state;
    DisplayList dl = {0};
    int w = fonts_width(fonts, FACE_SERIF, 20, "Правозащитники", strlen("Правозащитники"));
    span_layout("\tПравозащитники", w + 2, 0, &dl);
    assert_true(dl.n >= 1);
    for (size_t i = 0; i < dl.n; i++)
        assert_true(dl.v[i].x + dl.v[i].w <= w + 2);
    dl_free(&dl);
}

/* Scripts the PT fonts lack (here Armenian) are drawn with a font fontconfig finds (DejaVu, which the build
   installs); the words around them stay in the bundled face. */
static void other_scripts_fall_back_to_bundled_then_system_fonts(void **state)
{
    (void)state;
    DisplayList dl = {0};
    /* Armenian: not in PT Serif; DejaVu Sans, which travels with the program, has it before any system font */
    span_layout("Право \xd5\x80\xd5\xa1\xd5\xb5 право", 800, 0, &dl); /* "Հայ" */
    assert_int_equal(dl.n, 3);
    assert_int_equal(dl.v[0].face, FACE_SERIF);
    assert_int_equal(dl.v[1].face, FACE_BUNDLED);
    assert_true(dl.v[1].w > 10);
    assert_int_equal(dl.v[2].face, FACE_SERIF);
    dl_free(&dl);
    /* the same below U+0530, where coverage is remembered per face: PT Serif has no Greek lambda */
    span_layout("Z\xce\xbb", 800, 0, &dl); /* "Zλ": one word, two fonts */
    assert_int_equal(dl.n, 2);
    assert_int_equal(dl.v[0].face, FACE_SERIF);
    assert_int_equal(dl.v[1].face, FACE_BUNDLED);
    dl_free(&dl);
    /* U+1D49C, script capital A: DejaVu Sans lacks it, the system's fonts (fontconfig; Debian's fonts-dejavu-extra,
       which make deps installs) have it */
    if (fx_windows) { /* Wine's fonts folder has none of the Windows fonts os_fonts_win32 lists */
        print_message("skipped on Windows: a character only the system's fonts have\n");
        return;
    }
    unsigned long before = fonts_stats(fonts)->fallbacks;
    span_layout("A \xf0\x9d\x92\x9c", 800, 0, &dl);
    assert_int_equal(dl.n, 2);
    assert_true(dl.v[1].face > FACE_BUNDLED);
    assert_int_equal(fonts_stats(fonts)->fallbacks, before + 1);
    dl_free(&dl);
}

static void measurements_are_cached(void **state)
{
    (void)state;
    unsigned long before = fonts_stats(fonts)->measures;
    int a = fonts_width(fonts, FACE_SANS, 33, "Беседа", strlen("Беседа"));
    unsigned long mid = fonts_stats(fonts)->measures;
    int b = fonts_width(fonts, FACE_SANS, 33, "Беседа", strlen("Беседа"));
    assert_int_equal(mid, before + 1);
    assert_int_equal(fonts_stats(fonts)->measures, mid);
    assert_int_equal(a, b);
    /* a different size is a different measurement */
    assert_true(fonts_width(fonts, FACE_SANS, 66, "Беседа", strlen("Беседа")) > a);
}

static int image_size(void *user, const char *href, char *entry, size_t size, int *w, int *h, char *why, size_t wsz)
{
    (void)user;
    if (strcmp(href, "missing.png") == 0) {
        snprintf(why, wsz, "image 'missing.png' is not in the pack");
        return -1;
    }
    snprintf(entry, size, "images/%s", href);
    *w = 1600;
    *h = 900;
    return 0;
}

static const char PAGE[] =
    "# Права человека\n\n"
    "Права человека *универсальны* и **неотъемлемы**. См. [историю](item:what-history).\n\n"
    "- первый пункт списка, достаточно длинный, чтобы перенестись на следующую строку\n"
    "  - вложенный пункт\n"
    "- второй пункт\n\n"
    "> Цитата о достоинстве человека.\n\n"
    "```\ncode line that is quite long and will certainly need to wrap at a narrow width\n```\n\n"
    "| Право | Статья | Пояснение |\n|---|:---:|---|\n| Жизнь | 3 | Никто не может быть лишён жизни |\n"
    "| Образование | 26 | Бесплатное начальное образование |\n\n"
    "![Круг прав](circle.png)\n\n---\n\n![](missing.png)\n";

static void whole_page_fits_its_column(void **state)
{
    (void)state;
    Doc *d = NULL;
    PackLimits lim;
    pack_limits_default(&lim);
    Err e;
    err_clear(&e);
    assert_int_equal(doc_parse(PAGE, strlen(PAGE), &lim, "p.md", &d, &e), 0);
    static const int widths[] = {240, 500, 900};
    static const int sizes[] = {15, 20, 60};
    for (size_t k = 0; k < 3; k++) {
        for (size_t z = 0; z < 3; z++) {
            LayoutParams p = {fonts, "ru", widths[k], sizes[z], image_size, NULL, NULL};
            Layout l;
            assert_int_equal(layout_doc(d, &p, &l, &e), 0);
            assert_true(l.height > 0);
            int images = 0, links = 0;
            for (size_t i = 0; i < l.dl.n; i++) {
                const DlCmd *c = &l.dl.v[i];
                assert_true(c->x >= 0);
                assert_true(c->x + c->w <= widths[k]);
                assert_true(c->y >= 0 && c->y + c->h <= l.height);
                if (c->kind == DL_IMAGE) {
                    images++;
                    assert_string_equal(dl_str(&l.dl, c), "images/circle.png");
                    assert_true(c->w * 900 / 1600 - c->h <= 1 && c->h - c->w * 900 / 1600 <= 1);
                }
                if (c->link) {
                    links++;
                    assert_string_equal(l.links[c->link - 1], "item:what-history");
                }
                /* text boxes never overlap one another */
                for (size_t j = 0; j < i && c->kind == DL_TEXT; j++) {
                    const DlCmd *o = &l.dl.v[j];
                    if (o->kind != DL_TEXT)
                        continue;
                    int overlap = c->x < o->x + o->w && o->x < c->x + c->w && c->y < o->y + o->h && o->y < c->y + c->h;
                    assert_false(overlap);
                }
            }
            assert_int_equal(images, 1);
            assert_true(links >= 1);
            layout_free(&l);
        }
    }
    doc_free(d);
}

/* A table of many columns in a narrow column still fits it (less padding, words broken), as long as a cell
   can hold one letter: 12 columns in 300 pixels. */
static void wide_tables_fit_the_column(void **state)
{
    (void)state;
    char md[4096] = "";
    for (int row = 0; row < 3; row++) {
        for (int col = 0; col < 12; col++)
            strcat(md, row == 1 ? "|---" : "| слово ");
        strcat(md, "|\n");
    }
    Doc *d = NULL;
    PackLimits lim;
    pack_limits_default(&lim);
    assert_int_equal(doc_parse(md, strlen(md), &lim, "t.md", &d, NULL), 0);
    LayoutParams p = {fonts, "ru", 300, 20, image_size, NULL, NULL};
    Layout l;
    assert_int_equal(layout_doc(d, &p, &l, NULL), 0);
    size_t texts = 0;
    for (size_t i = 0; i < l.dl.n; i++) {
        const DlCmd *c = &l.dl.v[i];
        texts += c->kind == DL_TEXT;
        assert_true(c->x >= 0 && c->x + c->w <= 300);
        for (size_t j = 0; j < i && c->kind == DL_TEXT; j++) { /* no letter runs into the next cell */
            const DlCmd *o = &l.dl.v[j];
            if (o->kind == DL_TEXT)
                assert_false(c->x < o->x + o->w && o->x < c->x + c->w && c->y < o->y + o->h && o->y < c->y + c->h);
        }
    }
    /* 24 cells of "слово": with the padding given up, a cell holds more than one letter a line */
    assert_true(texts < 24 * 5); /* not one letter a line */
    layout_free(&l);
    doc_free(d);
}

static void zoom_grows_the_page(void **state)
{
    (void)state;
    Doc *d = NULL;
    PackLimits lim;
    pack_limits_default(&lim);
    assert_int_equal(doc_parse(PAGE, strlen(PAGE), &lim, "p.md", &d, NULL), 0);
    LayoutParams p = {fonts, "ru", 700, 20, image_size, NULL, NULL};
    Layout a, b;
    assert_int_equal(layout_doc(d, &p, &a, NULL), 0);
    p.body_px = 60;
    assert_int_equal(layout_doc(d, &p, &b, NULL), 0);
    assert_true(b.height > 2 * a.height);
    layout_free(&a);
    layout_free(&b);
    doc_free(d);
}

/* A Markdown text laid out in a 600-pixel column at 20 px. */
static void md_layout(const char *md, Layout *l)
{
    LayoutParams p = {fonts, "en", 600, 20, image_size, NULL, NULL};
    Err e;
    err_clear(&e);
    assert_int_equal(layout_markdown(md, &p, l, &e), 0);
}

/* The first text command drawing 's', or NULL. */
static const DlCmd *find_text(const Layout *l, const char *s)
{
    for (size_t i = 0; i < l->dl.n; i++)
        if (l->dl.v[i].kind == DL_TEXT && strcmp(dl_str(&l->dl, &l->dl.v[i]), s) == 0)
            return &l->dl.v[i];
    return NULL;
}

static int baseline(const DlCmd *c)
{
    FontMetrics m;
    fonts_metrics(fonts, c->face, c->px, &m);
    return c->y + m.ascent;
}

/* ~~text~~ is drawn with a line through the middle of its words (and the space between them), in the text's
   colour; text beside it has none. */
static void struck_text_has_a_line_through_it(void **state)
{
    (void)state;
    Layout l;
    md_layout("plain ~~struck words~~ plain", &l);
    const DlCmd *t = find_text(&l, "struck"), *u = find_text(&l, "words");
    assert_non_null(t);
    assert_non_null(u);
    const DlCmd *lines[2];
    size_t n = 0;
    for (size_t i = 0; i < l.dl.n; i++) {
        const DlCmd *c = &l.dl.v[i];
        if (c->kind != DL_RECT)
            continue;
        assert_true(n < 2);
        lines[n++] = c;
        assert_int_equal(c->color, COL_TEXT);
        assert_true(c->y > t->y + t->h / 4 && c->y + c->h < baseline(t)); /* through the letters */
        assert_true(c->h >= 1);
    }
    assert_int_equal(n, 2); /* one a word, none for the plain text */
    assert_int_equal(lines[0]->x, t->x);
    assert_int_equal(lines[0]->x + lines[0]->w, u->x); /* across the space to the next word */
    assert_int_equal(lines[1]->x, u->x);
    assert_int_equal(lines[1]->w, u->w);
    layout_free(&l);
}

/* Inline code sits on a COL_CODE_BG box behind its text, drawn before it; code of spaces only gets a box too,
   so it is seen. */
static void inline_code_has_a_background(void **state)
{
    (void)state;
    Layout l;
    md_layout("a `code` b ` ` c", &l);
    const DlCmd *code = find_text(&l, "code"), *b = find_text(&l, "b "), *cc = find_text(&l, "c");
    assert_non_null(code);
    assert_non_null(b);
    assert_non_null(cc);
    int boxes = 0;
    for (size_t i = 0; i < l.dl.n; i++) {
        const DlCmd *r = &l.dl.v[i];
        if (r->kind != DL_RECT)
            continue;
        assert_int_equal(r->color, COL_CODE_BG);
        assert_true(r->w > 0 && r->h > 0);
        /* outlined in COL_CODE_EDGE, which the high-contrast theme draws (its tint alone is too faint) */
        assert_true(i + 1 < l.dl.n);
        const DlCmd *f = &l.dl.v[i + 1];
        assert_int_equal(f->kind, DL_FRAME);
        assert_int_equal(f->color, COL_CODE_EDGE);
        assert_true(f->x == r->x && f->y == r->y && f->w == r->w && f->h == r->h);
        if (boxes++ == 0) { /* behind "code", before it in the list */
            assert_true(r < code);
            assert_true(r->x <= code->x && r->x + r->w >= code->x + code->w);
            assert_true(r->y <= code->y + code->h / 2 && r->y + r->h >= code->y + code->h / 2);
        } else { /* the space between "b " and "c" */
            assert_true(r->x >= b->x + b->w - 4 && r->x + r->w <= cc->x + 4);
            assert_true(r->w >= 8); /* a space of the 18 px monospaced face, and a little more */
        }
    }
    assert_int_equal(boxes, 2);
    layout_free(&l);
}

/* A list item that starts with a code block has its bullet on the baseline of the code's first line, not at the
   top of the code's box (and an item of text has it on the text's baseline). */
static void bullets_line_up_with_the_first_line(void **state)
{
    (void)state;
    Layout l;
    md_layout("- Text item\n- ```\n  first line\n  second line\n  ```\n1. ```\n   numbered\n   ```\n", &l);
    const DlCmd *marks[3] = {0}, *first[3] = {find_text(&l, "Text"), find_text(&l, "first"), find_text(&l, "numbered")};
    size_t n = 0;
    for (size_t i = 0; i < l.dl.n && n < 3; i++) {
        const char *s = dl_str(&l.dl, &l.dl.v[i]);
        if (l.dl.v[i].kind == DL_TEXT && (strcmp(s, "\xe2\x80\xa2") == 0 || strcmp(s, "1.") == 0))
            marks[n++] = &l.dl.v[i];
    }
    assert_int_equal(n, 3);
    for (size_t k = 0; k < 3; k++) {
        assert_non_null(first[k]);
        assert_int_equal(baseline(marks[k]), baseline(first[k]));
    }
    assert_true(marks[1]->y > first[1]->y - first[1]->h); /* below the top of the code's box */
    layout_free(&l);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(no_line_is_wider_than_its_column),
        cmocka_unit_test(cyrillic_wraps_between_words),
        cmocka_unit_test(words_longer_than_the_column_are_broken),
        cmocka_unit_test(same_width_alone_and_in_a_paragraph),
        cmocka_unit_test(breaks_after_hyphens_and_dashes),
        cmocka_unit_test(hard_breaks_and_line_limits),
        cmocka_unit_test(measurements_are_cached),
        cmocka_unit_test(other_scripts_fall_back_to_bundled_then_system_fonts),
        cmocka_unit_test(broken_utf8_is_drawn_as_replacement_characters),
        cmocka_unit_test(refused_characters_are_drawn_as_replacement_characters),
        cmocka_unit_test(break_opportunities_by_uax14),
        cmocka_unit_test(leading_space_never_pushes_a_word_past_the_column),
        cmocka_unit_test(whole_page_fits_its_column),
        cmocka_unit_test(zoom_grows_the_page),
        cmocka_unit_test(wide_tables_fit_the_column),
        cmocka_unit_test(struck_text_has_a_line_through_it),
        cmocka_unit_test(inline_code_has_a_background),
        cmocka_unit_test(bullets_line_up_with_the_first_line),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
