/* Unit tests for core/activity: Compass-style fields, required ones, ranges. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/activity.h"

#define FULL                                                                                                           \
    "\"overview\":\"O\",\"themes\":[\"Peace\"],\"complexity\":2,\"group_size\":{\"min\":4,\"max\":20},\"time\":60,"    \
    "\"related_rights\":[\"r\"],\"objectives\":[\"o1\",\"o2\"],\"materials\":[\"m\"],\"preparation\":[\"p\"],"         \
    "\"instructions\":[\"i1\",\"i2\",\"i3\"],\"debriefing\":[\"d\"],\"tips\":[\"t\"],\"variations\":[\"v\"],"          \
    "\"follow_up\":[\"f\"]"

static int parse(const char *body, Activity **out, Err *e)
{
    char json[4096];
    snprintf(json, sizeof json, "{%s}", body);
    PackLimits lim;
    pack_limits_default(&lim);
    Err label;
    memset(&label, 0, sizeof label);
    memset(e, 0, sizeof *e);
    return activity_parse(json, strlen(json), &lim, &label, "a.json", NULL, out, e) ? (int)e->code : 0;
}

static void full_activity(void **state)
{
    (void)state;
    Activity *a;
    Err e;
    assert_int_equal(parse(FULL, &a, &e), 0);
    assert_string_equal(a->overview, "O");
    assert_int_equal(a->complexity, 2);
    assert_int_equal(a->group_min, 4);
    assert_int_equal(a->group_max, 20);
    assert_int_equal(a->minutes, 60);
    assert_int_equal(a->instructions.n, 3);
    assert_string_equal(a->instructions.v[2], "i3");
    assert_int_equal(a->follow_up.n, 1);
    activity_free(a);
}

static void rules(void **state)
{
    (void)state;
    Activity *a;
    Err e;
    assert_int_equal(parse("\"overview\":\"O\"", &a, &e), ERR_JSON_MISSING);
    assert_null(a);
    assert_int_equal(parse(FULL ",\"complexity\":5", &a, &e), ERR_JSON_DUPLICATE_KEY); /* no key wins */
    assert_null(a);
    char body[2048];
    snprintf(body, sizeof body, "%s", FULL);
    char *c = strstr(body, "\"complexity\":2");
    c[13] = '9';
    assert_int_equal(parse(body, &a, &e), ERR_JSON_VALUE);
    assert_string_equal(e.field, "complexity");
    snprintf(body, sizeof body, "%s", FULL);
    c = strstr(body, "\"min\":4");
    memcpy(c, "\"min\":9", 7);
    c = strstr(body, "\"max\":20");
    memcpy(c, "\"max\":05", 8);
    c[6] = ' ';
    assert_int_equal(parse(body, &a, &e), ERR_JSON_VALUE);
    assert_string_equal(e.field, "group_size");
    snprintf(body, sizeof body, "%s", FULL);
    c = strstr(body, "\"debriefing\":[\"d\"]");
    memcpy(c, "\"debriefing\":[   ]", 18);
    assert_int_equal(parse(body, &a, &e), ERR_JSON_VALUE);
    assert_string_equal(e.field, "debriefing");
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(full_activity),
        cmocka_unit_test(rules),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
