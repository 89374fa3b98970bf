/* Unit tests for core/state: settings round trip, atomic saves, damaged files kept aside. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>
#include <sys/stat.h>

#include "core/state.h"
#include "fixture.h"

static void round_trip(void **state)
{
    (void)state;
    char path[700];
    snprintf(path, sizeof path, "%s/settings", fx_dir);
    State s;
    Err e;
    err_clear(&e);
    assert_int_equal(state_load(path, &s, &e), 0);
    assert_int_equal(e.code, ERR_OK); /* a missing file is simply empty */
    assert_null(state_get(&s, "theme"));
    assert_int_equal(state_get_int(&s, "zoom", 100), 100);
    assert_int_equal(state_set(&s, "theme", "dark"), 0);
    assert_int_equal(state_set_int(&s, "zoom", 150), 0);
    assert_int_equal(state_set(&s, "pos/org.x", "intro 5000"), 0);
    assert_int_equal(state_set(&s, "bad\tkey", "x"), -ERR_USAGE);
    assert_int_equal(state_set(&s, "k", "line\nbreak"), -ERR_USAGE);
    assert_int_equal(state_save(&s, &e), 0);
    assert_int_equal(state_set(&s, "theme", NULL), 0);
    state_free(&s);
    assert_int_equal(state_load(path, &s, &e), 0);
    assert_string_equal(state_get(&s, "theme"), "dark");
    assert_int_equal(state_get_int(&s, "zoom", 100), 150);
    assert_string_equal(state_get(&s, "pos/org.x"), "intro 5000");
    assert_false(s.dirty);
    state_free(&s);
}

static void damaged_files_are_kept_aside(void **state)
{
    (void)state;
    char path[700], aside[720];
    snprintf(path, sizeof path, "%s/damaged", fx_dir);
    snprintf(aside, sizeof aside, "%s.broken", path);
    /* a last line without its end: the file was cut short */
    assert_int_equal(fx_write(fx_dir, "damaged", "theme\tdark\nzoom\t1", (size_t)-1), 0);
    State s;
    Err e;
    err_clear(&e);
    assert_int_equal(state_load(path, &s, &e), 0);
    assert_int_equal(e.code, ERR_IO);
    assert_non_null(strstr(e.msg, ".broken"));
    assert_null(state_get(&s, "theme")); /* defaults, not half a file */
    struct stat st;
    assert_int_equal(stat(aside, &st), 0); /* kept, not deleted */
    state_free(&s);
    /* a number that is not one falls back */
    assert_int_equal(fx_write(fx_dir, "nums", "zoom\t12abc\nbig\t99999999999\n", (size_t)-1), 0);
    snprintf(path, sizeof path, "%s/nums", fx_dir);
    assert_int_equal(state_load(path, &s, &e), 0);
    assert_int_equal(state_get_int(&s, "zoom", 100), 100);
    assert_int_equal(state_get_int(&s, "big", 7), 7);
    state_free(&s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(round_trip),
        cmocka_unit_test(damaged_files_are_kept_aside),
    };
    return cmocka_run_group_tests(tests, fx_group_setup, fx_group_teardown);
}
