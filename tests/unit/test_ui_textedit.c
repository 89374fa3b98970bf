/* Tests for ui/textedit: editing by grapheme cluster (Cyrillic, combining marks, emoji), selection, what a one-line
   field accepts, wrapping at word boundaries and line ends, and cursor geometry for clicks and Up/Down. */
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

#include "ui/textedit.h"
#include "fixture.h"

static Fonts *fonts;

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
    return fonts_open(dir, &fonts, &e) != 0 ? -1 : 0;
}

static int teardown(void **state)
{
    (void)state;
    fonts_close(fonts);
    TTF_Quit();
    return 0;
}

static void edits_by_grapheme_cluster(void **state)
{
    (void)state;
    TextEdit t;
    te_init(&t, 1);
    assert_int_equal(te_insert(&t, "Права"), 0);
    assert_int_equal(t.cursor, strlen("Права"));
    te_backspace(&t); /* one Cyrillic letter, two bytes */
    assert_string_equal(te_text(&t), "Прав");
    te_insert(&t, "e\xcc\x81"); /* e + combining acute: one cluster */
    te_move(&t, -1, 0);
    assert_int_equal(t.cursor, strlen("Прав"));
    te_delete(&t);
    assert_string_equal(te_text(&t), "Прав");
    te_home_end(&t, -1, 1, 0);
    te_move(&t, 1, 1);
    te_move(&t, 1, 1);
    char *sel = te_selection(&t);
    assert_string_equal(sel, "Пр");
    free(sel);
    te_insert(&t, "Т"); /* typing replaces the selection */
    assert_string_equal(te_text(&t), "Тав");
    te_select_all(&t);
    te_backspace(&t);
    assert_string_equal(te_text(&t), "");
    assert_false(te_has_selection(&t));
    te_backspace(&t); /* nothing to delete: nothing happens */
    te_move(&t, -1, 0);
    assert_int_equal(t.cursor, 0);
    te_free(&t);
}

static void one_line_fields_and_bad_input(void **state)
{
    (void)state;
    TextEdit t;
    te_init(&t, 0);
    te_insert(&t, "a\nb\r\nc\td\x01"
                  "e\xff"
                  "f");
    assert_string_equal(te_text(&t), "a b c de"
                                     "f"); /* line ends and tabs are spaces; controls and broken bytes go */
    TextEdit m;
    te_init(&m, 1);
    te_insert(&m, "a\r\nb");
    assert_string_equal(te_text(&m), "a\nb");
    /* a bound on size: past it nothing is inserted */
    char *big = malloc(TE_MAX_BYTES + 2);
    memset(big, 'x', TE_MAX_BYTES + 1);
    big[TE_MAX_BYTES + 1] = '\0';
    assert_int_equal(te_insert(&m, big), -1);
    assert_string_equal(te_text(&m), "a\nb");
    free(big);
    te_free(&t);
    te_free(&m);
}

static void wraps_and_maps_points(void **state)
{
    (void)state;
    TextEdit t;
    te_init(&t, 1);
    te_set(&t, "Свобода слова и право на информацию\nвторая строка");
    int w = fonts_width(fonts, FACE_SERIF, 20, "Свобода слова и", strlen("Свобода слова и")) + 4;
    int h = te_layout(&t, fonts, FACE_SERIF, 20, w, 1.4f);
    assert_true(t.n_lines >= 4); /* wrapped, plus the hard line end */
    assert_int_equal(h, (int)t.n_lines * t.line_h);
    for (size_t l = 1; l < t.n_lines; l++) { /* lines start after a space or a line end, never inside a word */
        char c = te_text(&t)[t.lines[l] - 1];
        assert_true(c == ' ' || c == '\n');
    }
    /* every line fits */
    for (size_t l = 0; l < t.n_lines; l++) {
        size_t s = t.lines[l], e = l + 1 < t.n_lines ? t.lines[l + 1] : t.len;
        while (e > s && (te_text(&t)[e - 1] == ' ' || te_text(&t)[e - 1] == '\n'))
            e--;
        assert_true(fonts_width(fonts, FACE_SERIF, 20, te_text(&t) + s, e - s) <= w);
    }
    /* a click maps to the offset whose point is nearest */
    int x, y;
    size_t off = strlen("Сво");
    te_point(&t, fonts, off, &x, &y);
    assert_int_equal(y, 0);
    assert_int_equal(te_offset_at(&t, fonts, x + 1, y + 2), off);
    assert_int_equal(te_offset_at(&t, fonts, -50, 100000), t.lines[t.n_lines - 1]); /* below: the last line */
    /* Up and Down keep the column */
    t.cursor = t.anchor = off;
    te_vertical(&t, fonts, 1, 0);
    int x2, y2;
    te_point(&t, fonts, t.cursor, &x2, &y2);
    assert_int_equal(y2, t.line_h);
    assert_true(abs(x2 - x) < 20);
    te_vertical(&t, fonts, -1, 0);
    assert_int_equal(t.cursor, off);
    te_vertical(&t, fonts, -1, 0); /* up from the first line: the start */
    assert_int_equal(t.cursor, 0);
    /* a word wider than the field is broken between characters */
    te_set(&t, "Неприкосновенность");
    te_layout(&t, fonts, FACE_SERIF, 20, 40, 1.4f);
    assert_true(t.n_lines > 2);
    te_free(&t);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(edits_by_grapheme_cluster),
        cmocka_unit_test(one_line_fields_and_bad_input),
        cmocka_unit_test(wraps_and_maps_points),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
