/* Tests for hyphenation: the points libhyphen gives with the bundled dictionaries, and lines that end in them. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "layout/hyphen.h"
#include "layout/layout.h"
#include "fixture.h"
#include "fx_os.h"

static Fonts *fonts;
static Hyphens *hyph;

/* The build's assets are beside the test binary: BUILD/tests/x -> BUILD/assets/{fonts,hyphen}. */
static int setup(void **state)
{
    (void)state;
    char exe[1024], dir[1024 + 32];
    if (fx_exe_dir(exe, sizeof exe) != 0)
        return -1;
    snprintf(dir, sizeof dir, "%s/../assets/fonts", exe);
    Err e;
    err_clear(&e);
    if (fonts_open(dir, &fonts, &e) != 0)
        return -1;
    snprintf(dir, sizeof dir, "%s/../assets/hyphen", exe);
    hyph = hyphens_open(dir);
    return hyph ? 0 : -1;
}

static int teardown(void **state)
{
    (void)state;
    hyphens_close(hyph);
    fonts_close(fonts);
    TTF_Quit();
    return 0;
}

/* The word with its points shown as '=' ("hy=phen=ation"). */
static const char *marked(const char *lang, const char *word)
{
    static char out[512];
    char after[256];
    size_t n = strlen(word), o = 0;
    hyphens_points(hyph, lang, word, n, after);
    for (size_t i = 0; i < n; i++) {
        out[o++] = word[i];
        if (after[i])
            out[o++] = '=';
    }
    out[o] = '\0';
    return out;
}

static void points_in_three_languages(void **state)
{
    (void)state;
    assert_string_equal(marked("en", "hyphenation"), "hy=phen=ation");
    assert_string_equal(marked("nl", "mensenrechten"), "men=sen=rech=ten");
    assert_string_equal(marked("nl-BE", "mensenrechten"), "men=sen=rech=ten"); /* the tag's first part counts */
    /* the Russian dictionary is KOI8-R in Debian: the bundled copy must have been converted, or nothing matches */
    assert_string_equal(marked("ru", "образование"), "обра=зо=ва=ние");
    assert_string_equal(marked("ru", "дискриминация"), "дис=кри=ми=на=ция");
}

static void capitals_and_punctuation_keep_their_places(void **state)
{
    (void)state;
    assert_string_equal(marked("nl", "Mensenrechten"), "Men=sen=rech=ten");
    assert_string_equal(marked("nl", "(mensenrechten),"), "(men=sen=rech=ten),");
    assert_string_equal(marked("ru", "«Образование»"), "«Обра=зо=ва=ние»");
    /* two runs of letters are hyphenated apart; a run of four is left whole */
    assert_string_equal(marked("en", "hyphenation/talk"), "hy=phen=ation/talk");
}

static void no_points_without_a_dictionary_or_a_word(void **state)
{
    (void)state;
    char after[128];
    const char *w = "mensenrechten";
    assert_int_equal(hyphens_points(hyph, "xx", w, strlen(w), after), 0);
    assert_int_equal(hyphens_points(hyph, "../../etc/passwd", w, strlen(w), after), 0);
    assert_int_equal(hyphens_points(hyph, "", w, strlen(w), after), 0);
    assert_int_equal(hyphens_points(NULL, "nl", w, strlen(w), after), 0);
    for (size_t i = 0; i < strlen(w); i++)
        assert_int_equal(after[i], 0);
    /* a run longer than HYPHENS_MAX_RUN, broken UTF-8, digits: nothing, and no reading past the end */
    char longw[HYPHENS_MAX_RUN + 10];
    memset(longw, 'a', sizeof longw);
    assert_int_equal(hyphens_points(hyph, "en", longw, sizeof longw, after), 0);
    assert_int_equal(hyphens_points(hyph, "ru", "\xd0\xbe\xd0\xb1\xd1\xff\xfe\xd0", 8, after), 0);
    assert_int_equal(hyphens_points(hyph, "en", "1234567890", 10, after), 0);
    /* a missing folder is no dictionary, not an error */
    Hyphens *none = hyphens_open("/nonexistent/beseda/hyphen");
    assert_non_null(none);
    assert_int_equal(hyphens_points(none, "en", "hyphenation", 11, after), 0);
    hyphens_close(none);
}

static void many_languages_stay_bounded(void **state)
{
    (void)state;
    char after[32], lang[4] = "aa";
    for (int i = 0; i < 40; i++) { /* more languages than slots: the last slot is reused */
        lang[0] = (char)('a' + i % 26);
        lang[1] = (char)('a' + i / 26);
        hyphens_points(hyph, lang, "mensenrechten", 13, after);
    }
    assert_string_equal(marked("nl", "mensenrechten"), "men=sen=rech=ten");
    assert_string_equal(marked("en", "hyphenation"), "hy=phen=ation");
}

/* Lays out 'text' in language 'lang' at 20 px in a column 'width' wide. */
static void lay_out(const char *text, const char *lang, Hyphens *h, int width, DisplayList *dl)
{
    Span s = {text, strlen(text), FACE_SERIF, 20, COL_TEXT, 0};
    SpanStyle st = {.fonts = fonts, .line_height = 1.5f, .align = ALIGN_LEFT, .hyph = h, .lang = lang};
    layout_spans(&st, &s, 1, 0, 0, width, dl);
}

/* The text of the commands with a '|' at each line end, and how many of them are hyphens. */
static int lines_of(const DisplayList *dl, char *out, size_t size, int width)
{
    int hyphens = 0, y = INT_MIN;
    out[0] = '\0';
    for (size_t i = 0; i < dl->n; i++) {
        const DlCmd *c = &dl->v[i];
        if (c->kind != DL_TEXT)
            continue;
        assert_true(c->x + c->w <= width); /* no line is wider than its column, hyphen included */
        if (y != INT_MIN && c->y != y)
            strncat(out, "|", size - strlen(out) - 1);
        y = c->y;
        if (c->len == 1 && dl_str(dl, c)[0] == '-' && i + 1 < dl->n && dl->v[i + 1].y != c->y)
            hyphens++;
        strncat(out, dl_str(dl, c), c->len < size - strlen(out) - 1 ? c->len : size - strlen(out) - 1);
    }
    return hyphens;
}

static void a_word_wider_than_the_column_breaks_at_its_points(void **state)
{
    (void)state;
    DisplayList dl = {0};
    char out[512];
    int w = 120;
    lay_out("mensenrechtenorganisaties", "nl", hyph, w, &dl);
    int n = lines_of(&dl, out, sizeof out, w);
    assert_true(n >= 1);
    /* every line but the last ends in a hyphen, at a point of the word, and nothing is lost */
    const char *word = "mensenrechtenorganisaties";
    char after[64], joined[512] = "";
    hyphens_points(hyph, "nl", word, strlen(word), after);
    for (char *p = out; *p; p++) {
        if (*p == '-' && p[1] == '|') { /* a line ends here: at a point of the word */
            size_t at = strlen(joined);
            assert_true(at > 0 && after[at - 1]);
        } else if (*p != '|') {
            size_t at = strlen(joined);
            assert_true(at + 1 < sizeof joined);
            joined[at] = *p;
            joined[at + 1] = '\0';
        }
    }
    assert_string_equal(joined, word);
    for (char *bar = strchr(out, '|'); bar; bar = strchr(bar + 1, '|'))
        assert_int_equal(bar[-1], '-');
    dl_free(&dl);

    /* with no dictionary the same word breaks between letters, with no hyphen drawn */
    lay_out("mensenrechtenorganisaties", "xx", hyph, w, &dl);
    assert_int_equal(lines_of(&dl, out, sizeof out, w), 0);
    assert_null(strchr(out, '-'));
    dl_free(&dl);
}

static void a_narrow_column_fills_its_lines(void **state)
{
    (void)state;
    DisplayList dl = {0};
    char out[512];
    const char *text = "Всеобщая декларация прав человека провозглашает равенство и недискриминацию.";
    lay_out(text, "ru", hyph, 260, &dl);
    int n = lines_of(&dl, out, sizeof out, 260);
    assert_true(n >= 1); /* a long word is begun at a line's end instead of leaving a gap */
    dl_free(&dl);
    lay_out(text, "ru", NULL, 260, &dl);
    assert_int_equal(lines_of(&dl, out, sizeof out, 260), 0);
    dl_free(&dl);
    /* in a wide column a word that fits on the next line simply moves there */
    lay_out(text, "ru", hyph, 700, &dl);
    assert_int_equal(lines_of(&dl, out, sizeof out, 700), 0);
    dl_free(&dl);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(points_in_three_languages),
        cmocka_unit_test(capitals_and_punctuation_keep_their_places),
        cmocka_unit_test(no_points_without_a_dictionary_or_a_word),
        cmocka_unit_test(many_languages_stay_bounded),
        cmocka_unit_test(a_word_wider_than_the_column_breaks_at_its_points),
        cmocka_unit_test(a_narrow_column_fills_its_lines),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
