/* Unit tests for core/manifest: every field rule of pack.json, each with its own code. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "core/manifest.h"
#include "fixture.h"

static char *dir;

static int setup(void **state)
{
    (void)state;
    dir = fx_tmpdir();
    unsigned char png[45];
    fx_png(png, 10, 10);
    return fx_minimal_pack(dir, "# Page\n") || fx_write(dir, "cover.png", png, sizeof png) ||
           fx_write(dir, "notes/n.md", "Notes", (size_t)-1) || fx_write(dir, "act.json", "{}", (size_t)-1);
}

static int teardown(void **state)
{
    (void)state;
    fx_cleanup(dir);
    return 0;
}

/* Builds pack.json from a lessons array and optional extra top-level fields, then opens the pack. */
static int open_with(const char *extra, const char *lessons, Err *e)
{
    char json[32768];
    snprintf(json, sizeof json,
             "{\"format\":1,\"id\":\"org.example.test\",\"version\":\"1.0.0\",\"title\":\"T\",\"language\":\"en\","
             "\"license\":\"CC0-1.0\",\"authors\":[\"A\"]%s%s,\"lessons\":%s}",
             extra[0] ? "," : "", extra, lessons);
    assert_int_equal(fx_write(dir, "pack.json", json, (size_t)-1), 0);
    Pack *p;
    memset(e, 0, sizeof *e);
    int rc = pack_open(dir, NULL, &p, e);
    if (rc == 0)
        pack_close(p);
    return rc ? (int)e->code : 0;
}

#define LESSONS_OK                                                                                                     \
    "[{\"id\":\"l1\",\"title\":\"L\",\"items\":[{\"id\":\"p1\",\"kind\":\"page\",\"title\":\"P\",\"file\":"            \
    "\"lessons/a.md\"}]}]"

static void valid_manifest_parses_fully(void **state)
{
    (void)state;
    Err e;
    assert_int_equal(open_with("\"cover\":\"cover.png\",\"min_reader\":\"0.1.0\",\"description\":\"D\"",
                               "[{\"id\":\"l1\",\"title\":\"L\",\"summary\":\"S\",\"duration\":45,\"items\":["
                               "{\"id\":\"p1\",\"kind\":\"page\",\"title\":\"P\",\"file\":\"lessons/a.md\",\"notes\":"
                               "\"notes/n.md\",\"duration\":5},"
                               "{\"id\":\"a1\",\"kind\":\"activity\",\"title\":\"A\",\"file\":\"act.json\"}]}]",
                               &e),
                     0);
    Pack *p;
    assert_int_equal(pack_open(dir, NULL, &p, &e), 0);
    const Manifest *m = pack_manifest(p);
    assert_string_equal(m->id, "org.example.test");
    assert_string_equal(m->cover, "cover.png");
    assert_int_equal(m->n_lessons, 1);
    assert_int_equal(m->lessons[0].duration, 45);
    assert_int_equal(m->lessons[0].n_items, 2);
    assert_int_equal(m->lessons[0].items[1].kind, ITEM_ACTIVITY);
    assert_string_equal(m->lessons[0].items[0].notes, "notes/n.md");
    size_t li = 9;
    assert_non_null(manifest_find_item(m, "a1", &li));
    assert_int_equal(li, 0);
    assert_null(manifest_find_item(m, "zz", NULL));
    pack_close(p);
}

static void each_field_rule_has_its_code(void **state)
{
    (void)state;
    Err e;
    static const struct {
        const char *extra, *lessons;
        ErrCode code;
        const char *field;
    } cases[] = {
        {"\"cover\":\"missing.png\"", LESSONS_OK, ERR_MISSING_FILE, "cover"},
        {"\"cover\":\"lessons/a.md\"", LESSONS_OK, ERR_JSON_VALUE, "cover"},
        {"\"min_reader\":\"99.0.0\"", LESSONS_OK, ERR_READER_VERSION, "min_reader"},
        {"\"min_reader\":\"soon\"", LESSONS_OK, ERR_JSON_VALUE, "min_reader"},
        {"\"kind\":\"novel\"", LESSONS_OK, ERR_JSON_VALUE, "kind"},
        {"\"extends\":{\"id\":\"org.x.y\",\"versions\":\">=1.0.0\"}", LESSONS_OK, ERR_JSON_VALUE, "extends"},
        {"", "[]", ERR_JSON_VALUE, "lessons"},
        {"", "{}", ERR_JSON_TYPE, "lessons"},
        {"", "[{\"id\":\"l1\",\"title\":\"L\",\"items\":[]}]", ERR_JSON_VALUE, "lessons[0].items"},
        {"",
         "[{\"id\":\"L "
         "1\",\"title\":\"L\",\"items\":[{\"id\":\"p1\",\"kind\":\"page\",\"title\":\"P\",\"file\":\"lessons/"
         "a.md\"}]}]",
         ERR_BAD_ID, "lessons[0].id"},
        {"",
         "[{\"id\":\"l1\",\"items\":[{\"id\":\"p1\",\"kind\":\"page\",\"title\":\"P\",\"file\":\"lessons/a.md\"}]}]",
         ERR_JSON_MISSING, "lessons[0].title"},
        {"",
         "[{\"id\":\"l1\",\"title\":\"L\",\"items\":[{\"id\":\"p1\",\"kind\":\"video\",\"title\":\"P\",\"file\":"
         "\"lessons/a.md\"}]}]",
         ERR_JSON_VALUE, "lessons[0].items[0].kind"},
        {"",
         "[{\"id\":\"l1\",\"title\":\"L\",\"items\":[{\"id\":\"p1\",\"kind\":\"page\",\"title\":\"P\",\"file\":"
         "\"lessons/b.md\"}]}]",
         ERR_MISSING_FILE, "lessons[0].items[0].file"},
        {"",
         "[{\"id\":\"l1\",\"title\":\"L\",\"items\":[{\"id\":\"p1\",\"kind\":\"page\",\"title\":\"P\",\"file\":\"../"
         "a.md\"}]}]",
         ERR_NAME_DOTDOT, "lessons[0].items[0].file"},
        {"",
         "[{\"id\":\"l1\",\"title\":\"L\",\"items\":[{\"id\":\"p1\",\"kind\":\"exercise\",\"title\":\"P\",\"file\":"
         "\"lessons/a.md\"}]}]",
         ERR_JSON_VALUE, "lessons[0].items[0].file"},
        {"",
         "[{\"id\":\"l1\",\"title\":\"L\",\"items\":[{\"id\":\"p1\",\"kind\":\"page\",\"title\":\"P\",\"file\":"
         "\"lessons/a.md\",\"duration\":-5}]}]",
         ERR_JSON_VALUE, "lessons[0].items[0].duration"},
        {"",
         "[{\"id\":\"l1\",\"title\":\"L\",\"items\":[{\"id\":\"p1\",\"kind\":\"page\",\"title\":\"P\",\"file\":"
         "\"lessons/a.md\",\"duration\":1e300}]}]",
         ERR_JSON_VALUE, "lessons[0].items[0].duration"},
        {"",
         "[{\"id\":\"l1\",\"title\":\"L\",\"items\":[{\"id\":\"p1\",\"kind\":\"page\",\"title\":\"P\",\"file\":"
         "\"lessons/a.md\",\"duration\":\"5\"}]}]",
         ERR_JSON_TYPE, "lessons[0].items[0].duration"},
        {"",
         "[{\"id\":\"l1\",\"title\":\"L\",\"items\":[{\"id\":\"p1\",\"kind\":\"page\",\"title\":\"P\",\"file\":"
         "\"lessons/a.md\"},"
         "{\"id\":\"p1\",\"kind\":\"page\",\"title\":\"Q\",\"file\":\"lessons/a.md\"}]}]",
         ERR_DUPLICATE_ID, "lessons"},
        {"",
         "[{\"id\":\"l1\",\"title\":\"L\",\"items\":[{\"id\":\"p1\",\"kind\":\"page\",\"title\":\"P\",\"file\":"
         "\"lessons/a.md\"}]},"
         "{\"id\":\"l1\",\"title\":\"L\",\"items\":[{\"id\":\"p2\",\"kind\":\"page\",\"title\":\"P\",\"file\":"
         "\"lessons/a.md\"}]}]",
         ERR_DUPLICATE_ID, "lessons"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        int code = open_with(cases[i].extra, cases[i].lessons, &e);
        if (code != (int)cases[i].code || strcmp(e.field, cases[i].field) != 0)
            fail_msg("case %zu: got %s at '%s' (%s), want %s at '%s'", i, err_code_name((ErrCode)code), e.field, e.msg,
                     err_code_name(cases[i].code), cases[i].field);
    }
}

static void header_rules(void **state)
{
    (void)state;
    static const struct {
        const char *json;
        ErrCode code;
    } cases[] = {
        {"[1,2]", ERR_JSON_TYPE},
        {"{\"format\":1,", ERR_JSON_SYNTAX},
        {"{\"format\":2,\"id\":\"org.e.t\",\"version\":\"1.0.0\",\"title\":\"T\",\"language\":\"en\",\"license\":\"x\","
         "\"authors\":[\"A\"],\"lessons\":" LESSONS_OK "}",
         ERR_FORMAT_VERSION},
        {"{\"format\":1,\"id\":\"test\",\"version\":\"1.0.0\",\"title\":\"T\",\"language\":\"en\",\"license\":\"x\","
         "\"authors\":[\"A\"],\"lessons\":" LESSONS_OK "}",
         ERR_BAD_ID},
        {"{\"format\":1,\"id\":\"org.e.t\",\"version\":\"1.0\",\"title\":\"T\",\"language\":\"en\",\"license\":\"x\","
         "\"authors\":[\"A\"],\"lessons\":" LESSONS_OK "}",
         ERR_JSON_VALUE},
        {"{\"format\":1,\"id\":\"org.e.t\",\"version\":\"1.0.0\",\"title\":\"T\",\"language\":\"english\",\"license\":"
         "\"x\",\"authors\":[\"A\"],\"lessons\":" LESSONS_OK "}",
         ERR_JSON_VALUE},
        {"{\"format\":1,\"id\":\"org.e.t\",\"version\":\"1.0.0\",\"title\":\"T\",\"language\":\"en\",\"license\":\"x\","
         "\"authors\":[],\"lessons\":" LESSONS_OK "}",
         ERR_JSON_VALUE},
        {"{\"format\":1,\"id\":\"org.e.t\",\"version\":\"1.0.0\",\"title\":\"T\",\"language\":\"en\",\"license\":\"x\","
         "\"authors\":[7],\"lessons\":" LESSONS_OK "}",
         ERR_JSON_TYPE},
        {"{\"format\":1,\"id\":\"org.e.t\",\"version\":\"1.0.0\",\"language\":\"en\",\"license\":\"x\",\"authors\":["
         "\"A\"],\"lessons\":" LESSONS_OK "}",
         ERR_JSON_MISSING},
        {"{\"format\":1,\"kind\":\"locale\",\"id\":\"org.e.t.ru\",\"version\":\"1.0.0\",\"title\":\"T\",\"language\":"
         "\"ru\",\"license\":\"x\",\"authors\":[\"A\"]}",
         ERR_JSON_MISSING},
        {"{\"format\":1,\"kind\":\"locale\",\"id\":\"org.e.t.ru\",\"version\":\"1.0.0\",\"title\":\"T\",\"language\":"
         "\"ru\",\"license\":\"x\",\"authors\":[\"A\"],\"extends\":{\"id\":\"org.e.t\",\"versions\":\"1.x\"}}",
         ERR_JSON_VALUE},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        assert_int_equal(fx_write(dir, "pack.json", cases[i].json, (size_t)-1), 0);
        Pack *p = NULL;
        Err e;
        memset(&e, 0, sizeof e);
        int rc = pack_open(dir, NULL, &p, &e);
        assert_null(p);
        if (rc != -(int)cases[i].code)
            fail_msg("case %zu: got %s (%s), want %s", i, err_code_name(e.code), e.msg, err_code_name(cases[i].code));
    }
}

static void locale_pack_manifest(void **state)
{
    (void)state;
    const char *json = "{\"format\":1,\"kind\":\"locale\",\"id\":\"org.e.t.ru\",\"version\":\"1.0.0\",\"title\":\"Т\","
                       "\"language\":\"ru\",\"license\":\"x\",\"authors\":[\"A\"],\"extends\":{\"id\":\"org.e.t\","
                       "\"versions\":\">=1.0.0 <2.0.0\"}}";
    assert_int_equal(fx_write(dir, "pack.json", json, (size_t)-1), 0);
    Pack *p;
    assert_int_equal(pack_open(dir, NULL, &p, NULL), 0);
    assert_true(pack_manifest(p)->is_locale);
    assert_string_equal(pack_manifest(p)->extends_versions, ">=1.0.0 <2.0.0");
    assert_int_equal(pack_manifest(p)->n_lessons, 0);
    pack_close(p);
}

static void string_and_array_limits(void **state)
{
    (void)state;
    char big[20000];
    memset(big, 'x', sizeof big - 1);
    big[sizeof big - 1] = '\0';
    char extra[20100];
    snprintf(extra, sizeof extra, "\"description\":\"%s\"", big);
    Err e;
    assert_int_equal(open_with(extra, LESSONS_OK, &e), ERR_STRING_SIZE);
    assert_string_equal(e.field, "description");
    /* 5000 authors */
    char *authors = malloc(5000 * 4 + 32);
    strcpy(authors, "\"authors\":[");
    for (int i = 0; i < 5000; i++)
        strcat(authors, i ? ",\"a\"" : "\"a\"");
    strcat(authors, "]");
    char *json = malloc(5000 * 4 + 1000);
    snprintf(json, 5000 * 4 + 1000,
             "{\"format\":1,\"id\":\"org.e.t\",\"version\":\"1.0.0\",\"title\":\"T\",\"language\":\"en\",\"license\":"
             "\"x\",%s,\"lessons\":%s}",
             authors, LESSONS_OK);
    fx_write(dir, "pack.json", json, (size_t)-1);
    Pack *p = NULL;
    assert_int_equal(pack_open(dir, NULL, &p, &e), -(int)ERR_ARRAY_SIZE);
    free(authors);
    free(json);
}

static void collects_every_problem(void **state)
{
    (void)state;
    const char *json = "{\"format\":1,\"id\":\"BAD\",\"version\":\"x\",\"language\":\"en\",\"license\":\"x\","
                       "\"authors\":[\"A\"],\"lessons\":" LESSONS_OK "}";
    Pack *p;
    assert_int_equal(pack_open_archive(dir, NULL, &p, NULL), 0);
    static ErrList all;
    errlist_init(&all);
    Manifest *m;
    assert_int_not_equal(manifest_parse(p, json, strlen(json), &all, &m, NULL), 0);
    /* collecting hands back the partial manifest so that validation can check the pages too */
    assert_non_null(m);
    assert_null(m->title); /* missing */
    assert_int_equal(m->n_lessons, 1);
    manifest_free(m);
    assert_int_equal(all.count, 3); /* id, version, title */
    assert_true(errlist_has(&all, ERR_BAD_ID));
    assert_true(errlist_has(&all, ERR_JSON_MISSING));
    assert_true(errlist_has(&all, ERR_JSON_VALUE));
    pack_close(p);
}

static void syntax_error_reports_its_line(void **state)
{
    (void)state;
    fx_write(dir, "pack.json", "{\n\"format\": 1,\n\"id\": \"org.e.t\"\n\"version\": \"1.0.0\"\n}", (size_t)-1);
    Pack *p;
    Err e;
    memset(&e, 0, sizeof e);
    assert_int_equal(pack_open(dir, NULL, &p, &e), -(int)ERR_JSON_SYNTAX);
    assert_int_equal(e.line, 4);
    assert_string_equal(e.entry, "pack.json");
}

static void language_tags_and_ids(void **state)
{
    (void)state;
    assert_true(manifest_valid_language("en"));
    assert_true(manifest_valid_language("pt-BR"));
    assert_true(manifest_valid_language("sr-Latn-RS"));
    assert_false(manifest_valid_language("e"));
    assert_false(manifest_valid_language("en-"));
    assert_false(manifest_valid_language("en_US"));
    assert_true(manifest_valid_pack_id("org.example.rights"));
    assert_false(manifest_valid_pack_id("org..rights"));
    assert_false(manifest_valid_pack_id(".org"));
    assert_false(manifest_valid_pack_id("Org.Example"));
    assert_false(manifest_valid_pack_id("org.-x"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(valid_manifest_parses_fully),
        cmocka_unit_test(each_field_rule_has_its_code),
        cmocka_unit_test(header_rules),
        cmocka_unit_test(locale_pack_manifest),
        cmocka_unit_test(string_and_array_limits),
        cmocka_unit_test(collects_every_problem),
        cmocka_unit_test(syntax_error_reports_its_line),
        cmocka_unit_test(language_tags_and_ids),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
