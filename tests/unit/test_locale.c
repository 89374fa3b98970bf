/* Unit tests for core/locale: overlay discovery, locale.json rules, file fallback. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "core/locale.h"
#include "fixture.h"

static char *dir;

static int setup(void **state)
{
    (void)state;
    dir = fx_tmpdir();
    return fx_minimal_pack(dir, "# Page\n") || fx_write(dir, "locales/ru/lessons/a.md", "# Страница\n", (size_t)-1) ||
           fx_write(dir, "locales/ru/lessons/local.md", "# Местный пример\n", (size_t)-1) ||
           fx_write(dir, "locales/nl/locale.json", "{\"language\":\"nl\"}", (size_t)-1) ||
           fx_write(dir, "locales/nl/deeper/locale.json", "{}", (size_t)-1);
}

static int teardown(void **state)
{
    (void)state;
    fx_cleanup(dir);
    return 0;
}

static int load(const char *json, Locale **out, Err *e)
{
    assert_int_equal(fx_write(dir, "locales/ru/locale.json", json, (size_t)-1), 0);
    Pack *p;
    assert_int_equal(pack_open(dir, NULL, &p, NULL), 0);
    memset(e, 0, sizeof *e);
    int rc = locale_load(p, "ru", pack_manifest(p), NULL, out, e);
    pack_close(p);
    return rc ? (int)e->code : 0;
}

static void lists_overlays_sorted(void **state)
{
    (void)state;
    fx_write(dir, "locales/ru/locale.json", "{\"language\":\"ru\"}", (size_t)-1);
    Pack *p;
    assert_int_equal(pack_open(dir, NULL, &p, NULL), 0);
    char **langs;
    size_t n = locale_list(p, &langs);
    assert_int_equal(n, 2);
    assert_string_equal(langs[0], "nl");
    assert_string_equal(langs[1], "ru");
    locale_list_free(langs, n);
    char file[256];
    assert_int_equal(locale_file(p, "ru", "lessons/a.md", file, sizeof file), 1);
    assert_string_equal(file, "locales/ru/lessons/a.md");
    assert_int_equal(locale_file(p, "nl", "lessons/a.md", file, sizeof file), 0);
    assert_string_equal(file, "lessons/a.md");
    pack_close(p);
}

static void full_overlay(void **state)
{
    (void)state;
    Locale *l;
    Err e;
    int rc = load(
        "{\"language\":\"ru\",\"title\":\"Т\",\"lessons\":{\"l1\":{\"title\":\"Урок\",\"summary\":\"С\"}},"
        "\"items\":{\"p1\":{\"title\":\"Страница\"}},\"adapt\":["
        "{\"op\":\"replace\",\"item\":\"q1\",\"with\":{\"id\":\"q1-ru\",\"kind\":\"page\",\"title\":\"Пример\","
        "\"file\":\"locales/ru/lessons/local.md\"}},"
        "{\"op\":\"insert\",\"after\":\"p1\",\"item\":{\"id\":\"ru-law\",\"kind\":\"page\",\"title\":\"Закон\","
        "\"file\":\"locales/ru/lessons/local.md\"}},"
        "{\"op\":\"insert\",\"lesson\":\"l1\",\"item\":{\"id\":\"ru-first\",\"kind\":\"page\",\"title\":\"Первое\","
        "\"file\":\"locales/ru/lessons/local.md\"}},"
        "{\"op\":\"remove\",\"item\":\"p1\"}]}",
        &l, &e);
    if (rc)
        fail_msg("%s at %s", e.msg, e.field);
    assert_string_equal(l->language, "ru");
    assert_int_equal(l->n_lessons, 1);
    assert_string_equal(l->lessons[0].summary, "С");
    assert_int_equal(l->n_items, 1);
    assert_int_equal(l->n_ops, 4);
    assert_int_equal(l->ops[0].kind, LOCALE_OP_REPLACE);
    assert_string_equal(l->ops[0].item.id, "q1-ru");
    assert_int_equal(l->ops[1].kind, LOCALE_OP_INSERT);
    assert_string_equal(l->ops[1].target, "p1");
    assert_string_equal(l->ops[2].lesson, "l1");
    assert_int_equal(l->ops[3].kind, LOCALE_OP_REMOVE);
    locale_free(l);
}

static void overlay_rules(void **state)
{
    (void)state;
    static const struct {
        const char *json;
        ErrCode code;
        const char *field;
    } cases[] = {
        {"{\"language\":\"nl\"}", ERR_LOCALE, "language"},
        {"{}", ERR_JSON_MISSING, "language"},
        {"{\"language\":\"ru\",\"items\":{\"nope\":{\"title\":\"x\"}}}", ERR_UNKNOWN_ITEM, "items.nope"},
        {"{\"language\":\"ru\",\"lessons\":{\"nope\":{\"title\":\"x\"}}}", ERR_UNKNOWN_ITEM, "lessons.nope"},
        {"{\"language\":\"ru\",\"items\":{\"p1\":\"x\"}}", ERR_JSON_TYPE, "items.p1"},
        {"{\"language\":\"ru\",\"adapt\":[{\"op\":\"rename\",\"item\":\"p1\"}]}", ERR_LOCALE, "adapt[0].op"},
        {"{\"language\":\"ru\",\"adapt\":[{\"op\":\"remove\",\"item\":\"ghost\"}]}", ERR_UNKNOWN_ITEM, "adapt[0]"},
        {"{\"language\":\"ru\",\"adapt\":[{\"op\":\"remove\"}]}", ERR_JSON_MISSING, "adapt[0].item"},
        {"{\"language\":\"ru\",\"adapt\":[{\"op\":\"replace\",\"item\":\"p1\"}]}", ERR_JSON_MISSING, "adapt[0].with"},
        {"{\"language\":\"ru\",\"adapt\":[{\"op\":\"insert\",\"item\":{\"id\":\"x\",\"kind\":\"page\",\"title\":\"X\","
         "\"file\":\"locales/ru/lessons/local.md\"}}]}",
         ERR_LOCALE, "adapt[0]"},
        {"{\"language\":\"ru\",\"adapt\":[{\"op\":\"insert\",\"lesson\":\"zz\",\"item\":{\"id\":\"x\",\"kind\":"
         "\"page\","
         "\"title\":\"X\",\"file\":\"locales/ru/lessons/local.md\"}}]}",
         ERR_UNKNOWN_ITEM, "adapt[0].lesson"},
        {"{\"language\":\"ru\",\"adapt\":[{\"op\":\"insert\",\"after\":\"p1\",\"item\":{\"id\":\"x\",\"kind\":\"page\","
         "\"title\":\"X\",\"file\":\"locales/ru/lessons/missing.md\"}}]}",
         ERR_MISSING_FILE, "adapt[0].item.file"},
        {"{\"language\":\"ru\",\"adapt\":[{\"op\":\"replace\",\"item\":\"q1\",\"with\":{\"id\":\"p1\",\"kind\":"
         "\"page\","
         "\"title\":\"X\",\"file\":\"locales/ru/lessons/local.md\"}}]}",
         ERR_DUPLICATE_ID, "adapt[0]"},
        {"{\"language\":\"ru\",\"adapt\":[{\"op\":\"insert\",\"after\":\"p1\",\"item\":{\"id\":\"x\",\"kind\":\"page\","
         "\"title\":\"X\",\"file\":\"locales/ru/lessons/local.md\"}},{\"op\":\"insert\",\"after\":\"q1\",\"item\":{"
         "\"id\":\"x\",\"kind\":\"page\",\"title\":\"Y\",\"file\":\"locales/ru/lessons/local.md\"}}]}",
         ERR_DUPLICATE_ID, "adapt[1]"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        Locale *l;
        Err e;
        int code = load(cases[i].json, &l, &e);
        assert_null(l);
        if (code != (int)cases[i].code || strcmp(e.field, cases[i].field) != 0)
            fail_msg("case %zu: got %s at '%s' (%s), want %s at '%s'", i, err_code_name((ErrCode)code), e.field, e.msg,
                     err_code_name(cases[i].code), cases[i].field);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(lists_overlays_sorted),
        cmocka_unit_test(full_overlay),
        cmocka_unit_test(overlay_rules),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
