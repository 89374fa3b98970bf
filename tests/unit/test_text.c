/* Unit tests for core/text: which characters a pack's text may hold, finding them with their place, and the
   display copy that shows the others as U+FFFD. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdint.h>
#include <string.h>

#include "core/text.h"

static void allowed_and_refused_characters(void **state)
{
    (void)state;
    const uint32_t ok[] = {'\t',   '\n',   '\r',   ' ',    'a',    0xA0,    0xAD,    0x2028,
                           0xD7FF, 0xE000, 0xFDCF, 0xFDF0, 0xFFFD, 0x10000, 0x1FFFD, 0x10FFFD};
    const uint32_t bad[] = {0,    1,      0x0B,   0x0C,   0x1B,   0x1F,    0x7F,    0x80,     0x85,
                            0x9F, 0xFDD0, 0xFDEF, 0xFFFE, 0xFFFF, 0x1FFFE, 0x1FFFF, 0x10FFFE, 0x10FFFF};
    for (size_t i = 0; i < sizeof ok / sizeof *ok; i++)
        if (!text_char_allowed(ok[i]))
            fail_msg("U+%04X should be allowed", (unsigned)ok[i]);
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        if (text_char_allowed(bad[i]))
            fail_msg("U+%04X should be refused", (unsigned)bad[i]);
    /* every plane's last two code points are noncharacters */
    for (uint32_t plane = 0; plane <= 16; plane++) {
        assert_false(text_char_allowed(plane << 16 | 0xFFFE));
        assert_false(text_char_allowed(plane << 16 | 0xFFFF));
        assert_true(text_char_allowed(plane << 16 | 0xFFFD));
    }
}

static void first_refused_character_and_its_place(void **state)
{
    (void)state;
    const char *s = "Права\nчеловека \xef\xbf\xbf и \x01";
    uint32_t c = 0;
    size_t at = text_find_bad(s, strlen(s), &c);
    assert_int_equal(c, 0xFFFF);
    int line, col;
    text_line_col(s, at, &line, &col);
    assert_int_equal(line, 2);
    assert_int_equal(col, 10); /* columns count characters, not bytes */
    assert_int_equal(text_find_bad("plain text\twith tab\r\n", 21, NULL), (size_t)-1);
    const char nul[] = "a\0b";
    assert_int_equal(text_find_bad(nul, 3, &c), 1);
    assert_int_equal(c, 0);
    assert_string_equal(text_char_kind(0), "a NUL character");
    assert_string_equal(text_char_kind(0x85), "a control character");
    assert_string_equal(text_char_kind(0xFDD0), "a noncharacter");
}

static void sanitized_copy_is_whole_and_clean(void **state)
{
    (void)state;
    char out[64];
    /* a sequence cut off at the end (found by fuzz_text: it was copied as it was) */
    assert_int_equal(text_sanitize("ab\xef\xb7", 4, out), 5);
    assert_string_equal(out, "ab\xef\xbf\xbd");
    assert_int_equal(text_sanitize("\xff\xfe"
                                   "x",
                                   3, out),
                     7);
    assert_string_equal(out, "\xef\xbf\xbd\xef\xbf\xbd"
                             "x");
    const char nul[] = "a\0b\xc2\x85\xef\xbf\xbf\tc";
    text_sanitize(nul, sizeof nul - 1, out);
    assert_string_equal(out, "a\xef\xbf\xbd"
                             "b\xef\xbf\xbd\xef\xbf\xbd\tc");
    assert_true(text_needs_sanitize(nul, sizeof nul - 1));
    assert_false(text_needs_sanitize("Право\n", strlen("Право\n")));
    /* the worst case stays within the documented bound of 3 bytes a byte */
    char worst[3 * 8 + 1];
    assert_int_equal(text_sanitize("\x80\x80\x80\x80\x80\x80\x80\x80", 8, worst), 24);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(allowed_and_refused_characters),
        cmocka_unit_test(first_refused_character_and_its_place),
        cmocka_unit_test(sanitized_copy_is_whole_and_clean),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
