/* Unit tests for core/version: semantic versions and ranges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>

#include "core/version.h"

static int cmp(const char *a, const char *b)
{
    Version x, y;
    assert_int_equal(version_parse(a, &x), 0);
    assert_int_equal(version_parse(b, &y), 0);
    int c = version_cmp(&x, &y);
    return c < 0 ? -1 : c > 0;
}

static void parses_semver_and_rejects_the_rest(void **state)
{
    (void)state;
    Version v;
    assert_int_equal(version_parse("1.2.3", &v), 0);
    assert_int_equal(v.major, 1);
    assert_int_equal(v.minor, 2);
    assert_int_equal(v.patch, 3);
    assert_int_equal(version_parse("1.0.0-rc.1+build.5", &v), 0);
    assert_string_equal(v.pre, "rc.1");
    const char *bad[] = {"",       "1",      "1.2",    "1.2.3.4", "01.2.3", "1.2.x",
                         "v1.2.3", "1.2.3-", "1.2.3+", "-1.2.3",  "1.2.3 ", "99999999999.0.0"};
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        assert_int_equal(version_parse(bad[i], &v), -1);
}

static void orders_like_semver(void **state)
{
    (void)state;
    assert_int_equal(cmp("1.0.0", "2.0.0"), -1);
    assert_int_equal(cmp("1.10.0", "1.9.0"), 1);
    assert_int_equal(cmp("1.0.0-alpha", "1.0.0"), -1);
    assert_int_equal(cmp("1.0.0-alpha", "1.0.0-alpha.1"), -1);
    assert_int_equal(cmp("1.0.0-alpha.1", "1.0.0-alpha.beta"), -1);
    assert_int_equal(cmp("1.0.0-beta.2", "1.0.0-beta.11"), -1);
    assert_int_equal(cmp("1.0.0+a", "1.0.0+b"), 0);
}

static void ranges(void **state)
{
    (void)state;
    Version v;
    version_parse("1.4.0", &v);
    assert_int_equal(version_range_check(">=1.0.0 <2.0.0"), 0);
    assert_true(version_in_range(&v, ">=1.0.0 <2.0.0"));
    assert_false(version_in_range(&v, ">1.4.0"));
    assert_true(version_in_range(&v, "=1.4.0"));
    assert_true(version_in_range(&v, "<=1.4.0"));
    assert_int_equal(version_range_check(""), -1);
    assert_int_equal(version_range_check("~1.0.0"), -1);
    assert_int_equal(version_range_check(">=1.0"), -1);
    assert_int_equal(version_range_check("=>1.0.0"), -1);
    assert_false(version_in_range(&v, "garbage"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(parses_semver_and_rejects_the_rest),
        cmocka_unit_test(orders_like_semver),
        cmocka_unit_test(ranges),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
