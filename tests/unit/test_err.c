/* Unit tests for core/err: codes, formatting and the bounded list. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/err.h"

static void code_names_are_unique_and_complete(void **state)
{
    (void)state;
    for (int i = 0; i < ERR_CODE_COUNT; i++) {
        assert_string_not_equal(err_code_name((ErrCode)i), "unknown");
        for (int j = i + 1; j < ERR_CODE_COUNT; j++)
            assert_string_not_equal(err_code_name((ErrCode)i), err_code_name((ErrCode)j));
    }
    assert_string_equal(err_code_name(ERR_CODE_COUNT), "unknown");
}

static void format_has_pack_entry_line_field_and_code(void **state)
{
    (void)state;
    Err e;
    memset(&e, 0, sizeof e);
    err_set_pack(&e, "/media/usb/basics.beseda");
    int rc = err_set(&e, ERR_IMAGE_DIMENSIONS, "lessons/02.md", "image '%s' is %dx%d pixels", "map.png", 30000, 30000);
    assert_int_equal(rc, -(int)ERR_IMAGE_DIMENSIONS);
    e.line = 7;
    char buf[1400];
    err_format(&e, buf, sizeof buf);
    assert_string_equal(buf, "basics.beseda: lessons/02.md:7: image 'map.png' is 30000x30000 pixels [image-too-large]");
    snprintf(e.field, sizeof e.field, "lessons[0].id");
    e.line = 0;
    err_format(&e, buf, sizeof buf);
    assert_non_null(strstr(buf, "lessons/02.md: lessons[0].id: image"));
}

static void pack_label_of_folder_with_slash(void **state)
{
    (void)state;
    Err e;
    memset(&e, 0, sizeof e);
    err_set_pack(&e, "lessons/basics/");
    assert_string_equal(e.pack, "basics");
    err_clear(&e);
    assert_int_equal(e.code, ERR_OK);
    assert_string_equal(e.pack, "basics"); /* clearing keeps the label */
}

static void list_keeps_a_bounded_number(void **state)
{
    (void)state;
    static ErrList l;
    errlist_init(&l);
    Err e;
    memset(&e, 0, sizeof e);
    for (int i = 0; i < ERRLIST_MAX + 5; i++) {
        err_set(&e, i == 3 ? ERR_CRC : ERR_JSON_TYPE, "x", "problem %d", i);
        errlist_add(&l, &e);
    }
    assert_int_equal(l.count, ERRLIST_MAX);
    assert_int_equal(l.dropped, 5);
    assert_true(errlist_has(&l, ERR_CRC));
    assert_false(errlist_has(&l, ERR_SYMLINK));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(code_names_are_unique_and_complete),
        cmocka_unit_test(format_has_pack_entry_line_field_and_code),
        cmocka_unit_test(pack_label_of_folder_with_slash),
        cmocka_unit_test(list_keeps_a_bounded_number),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
