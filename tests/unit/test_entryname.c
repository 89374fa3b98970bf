/* Unit tests for core/entryname: unsafe names, case folding and relative references. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/entryname.h"

static int check(const char *name, size_t len)
{
    Err e;
    memset(&e, 0, sizeof e);
    int rc = entryname_check(name, len, 255, &e);
    return rc ? (int)e.code : 0;
}
#define CHECK(s) check(s, sizeof(s) - 1)

static void safe_names_pass(void **state)
{
    (void)state;
    assert_int_equal(CHECK("pack.json"), 0);
    assert_int_equal(CHECK("lessons/01/intro.md"), 0);
    assert_int_equal(CHECK("locales/ru/уроки/введение.md"), 0);
    assert_int_equal(CHECK("images/"), 0); /* folder entry */
    assert_int_equal(CHECK("a..b/c...md"), 0);
}

static void each_unsafe_rule_has_its_code(void **state)
{
    (void)state;
    assert_int_equal(CHECK("/etc/passwd"), ERR_NAME_ABSOLUTE);
    assert_int_equal(CHECK("../evil.md"), ERR_NAME_DOTDOT);
    assert_int_equal(CHECK("a/../../evil.md"), ERR_NAME_DOTDOT);
    assert_int_equal(CHECK("a/./b.md"), ERR_NAME_DOTDOT);
    assert_int_equal(CHECK("a//b.md"), ERR_NAME_DOTDOT);
    assert_int_equal(CHECK("a\\..\\b.md"), ERR_NAME_BACKSLASH);
    assert_int_equal(CHECK("C:evil.md"), ERR_NAME_DRIVE);
    assert_int_equal(CHECK("c:/evil.md"), ERR_NAME_DRIVE);
    assert_int_equal(CHECK("bell\a.md"), ERR_NAME_CONTROL);
    assert_int_equal(CHECK("del\x7f.md"), ERR_NAME_CONTROL);
    assert_int_equal(CHECK("nul\0byte.md"), ERR_NAME_CONTROL);
    assert_int_equal(CHECK("bad\xff.md"), ERR_NAME_UTF8);
    assert_int_equal(CHECK("overlong\xc0\xaf.md"), ERR_NAME_UTF8);
    assert_int_equal(CHECK(""), ERR_NAME_LENGTH);
    char big[300];
    memset(big, 'a', sizeof big);
    assert_int_equal(check(big, sizeof big), ERR_NAME_LENGTH);
}

static void message_shows_control_bytes_escaped(void **state)
{
    (void)state;
    Err e;
    memset(&e, 0, sizeof e);
    entryname_check("a\nb", 3, 255, &e);
    assert_string_equal(e.entry, "a\\x0ab");
}

static void folding_matches_case_and_composition(void **state)
{
    (void)state;
    char *a = entryname_fold("Lessons/Intro.MD", 16);
    char *b = entryname_fold("lessons/intro.md", 16);
    assert_string_equal(a, b);
    char *c = entryname_fold("ВВЕДЕНИЕ.md", strlen("ВВЕДЕНИЕ.md"));
    char *d = entryname_fold("введение.md", strlen("введение.md"));
    assert_string_equal(c, d);
    /* e + combining acute and precomposed é */
    char *e = entryname_fold("caf\x65\xcc\x81", 6), *f = entryname_fold("caf\xc3\xa9", 5);
    assert_string_equal(e, f);
    free(a), free(b), free(c), free(d), free(e), free(f);
}

static void resolve_relative_references(void **state)
{
    (void)state;
    char out[256];
    assert_int_equal(entryname_resolve("lessons/01/intro.md", "../../images/a.png", out, sizeof out), 0);
    assert_string_equal(out, "images/a.png");
    assert_int_equal(entryname_resolve("lessons/01/intro.md", "./b.md", out, sizeof out), 0);
    assert_string_equal(out, "lessons/01/b.md");
    assert_int_equal(entryname_resolve("top.md", "x/y.png", out, sizeof out), 0);
    assert_string_equal(out, "x/y.png");
    assert_int_equal(entryname_resolve("lessons/a.md", "../../escape.png", out, sizeof out), -1);
    assert_int_equal(entryname_resolve("lessons/a.md", "/abs.png", out, sizeof out), -1);
    assert_int_equal(entryname_resolve("lessons/a.md", "a\\b.png", out, sizeof out), -1);
    assert_int_equal(entryname_resolve("lessons/a.md", "very/long/name.png", out, 8), -1);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(safe_names_pass),
        cmocka_unit_test(each_unsafe_rule_has_its_code),
        cmocka_unit_test(message_shows_control_bytes_escaped),
        cmocka_unit_test(folding_matches_case_and_composition),
        cmocka_unit_test(resolve_relative_references),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
