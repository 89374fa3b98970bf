/* Unit tests for core/jsonread: typed look-ups, field paths, limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "core/jsonread.h"

static PackLimits lim;
static Err label;

static void typed_lookups_and_paths(void **state)
{
    (void)state;
    pack_limits_default(&lim);
    static ErrList all;
    errlist_init(&all);
    JsonCtx c;
    jr_init(&c, &label, &lim, "x.json", &all);
    const char *json = "{\"s\":\"str\",\"n\":5,\"f\":2.5,\"b\":true,\"a\":[\"x\",1],\"o\":{\"k\":null}}";
    json_t *root = jr_parse(&c, json, strlen(json));
    assert_non_null(root);
    assert_string_equal(jr_string(&c, root, "", "s", 1), "str");
    assert_int_equal(jr_int(&c, root, "", "n", 1, 0, 10, -1), 5);
    assert_int_equal(jr_bool(&c, root, "", "b", 1, 0), 1);
    assert_int_equal(c.failed, 0);
    assert_null(jr_string(&c, root, "", "absent", 0)); /* optional: no problem */
    assert_int_equal(c.failed, 0);
    assert_int_equal(jr_int(&c, root, "", "f", 1, 0, 10, -1), -1); /* 2.5 is not whole */
    assert_string_equal(all.items[0].field, "f");
    assert_int_equal(all.items[0].code, ERR_JSON_TYPE);
    const json_t *a = jr_array(&c, root, "", "a", 1);
    assert_string_equal(jr_string_at(&c, a, "a", 0), "x");
    assert_null(jr_string_at(&c, a, "a", 1));
    assert_string_equal(all.items[1].field, "a[1]");
    const json_t *o = jr_object(&c, root, "", "o", 1);
    assert_null(jr_string(&c, o, "o", "k", 1)); /* null counts as missing */
    assert_string_equal(all.items[2].field, "o.k");
    assert_int_equal(all.items[2].code, ERR_JSON_MISSING);
    assert_int_equal(c.failed, -(int)ERR_JSON_TYPE); /* the first problem's code */
    json_decref(root);
}

static void size_and_syntax(void **state)
{
    (void)state;
    pack_limits_default(&lim);
    lim.max_json_size = 10;
    JsonCtx c;
    jr_init(&c, &label, &lim, "x.json", NULL);
    assert_null(jr_parse(&c, "{\"aaaaaaaaaa\":1}", 16));
    assert_int_equal(c.first.code, ERR_MANIFEST_SIZE);
    pack_limits_default(&lim);
    jr_init(&c, &label, &lim, "x.json", NULL);
    assert_null(jr_parse(&c, "{\n\n  \"a\": tru\n}", 15));
    assert_int_equal(c.first.code, ERR_JSON_SYNTAX);
    assert_int_equal(c.first.line, 3);
    /* deep nesting is refused by cJSON's own limit rather than overflowing the stack */
    char deep[5000];
    memset(deep, '[', sizeof deep);
    deep[0] = '{';
    jr_init(&c, &label, &lim, "x.json", NULL);
    assert_null(jr_parse(&c, deep, sizeof deep));
    assert_int_equal(c.first.code, ERR_JSON_SYNTAX);
}

static void ids(void **state)
{
    (void)state;
    assert_true(jr_valid_id("lesson-1"));
    assert_true(jr_valid_id("a.b_c"));
    assert_false(jr_valid_id(""));
    assert_false(jr_valid_id("-x"));
    assert_false(jr_valid_id("Upper"));
    assert_false(jr_valid_id("with space"));
    assert_false(jr_valid_id("ид"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(typed_lookups_and_paths),
        cmocka_unit_test(size_and_syntax),
        cmocka_unit_test(ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
