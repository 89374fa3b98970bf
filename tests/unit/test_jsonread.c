/* Unit tests for core/jsonread and core/jsonlex: typed look-ups, field paths, limits; strict JSON, each class of
   refusal at its exact line and column, a must-reject and a must-accept set; characters pack text may not hold,
   refused (with line, column and field path) only when problems are collected. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
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
    assert_int_equal(c.first.col, 8);
}

/* Parses 'len' bytes of 'json' (strlen when -1) as the reader does ('all' NULL) or as validate does. Returns the
   context; *root receives the tree (freed by the caller) or NULL. */
static JsonCtx parse(const char *json, size_t len, ErrList *all, json_t **root)
{
    pack_limits_default(&lim);
    JsonCtx c;
    if (all)
        errlist_init(all);
    jr_init(&c, &label, &lim, "x.json", all);
    *root = jr_parse(&c, json, len == (size_t)-1 ? strlen(json) : len);
    return c;
}

typedef struct {
    const char *name, *json;
    size_t len; /* 0: strlen */
    ErrCode code;
    int line, col;
    const char *text; /* in the message */
} Refusal;

#define LIT(s) s, sizeof s - 1

/* Each class of refusal, at the line and column of what is wrong. */
static void each_refusal_at_its_line_and_column(void **state)
{
    (void)state;
    static const Refusal cases[] = {
        {"trailing", LIT("{\"a\": 1}\n  x"), ERR_JSON_TRAILING, 2, 3, "after the end"},
        {"trailing object", LIT("{\"a\": 1} {}"), ERR_JSON_TRAILING, 1, 10, NULL},
        {"raw tab", LIT("{\"a\": \"x\ty\"}"), ERR_JSON_CONTROL, 1, 9, "\\t"},
        {"raw line break", LIT("{\"a\": \"x\ny\"}"), ERR_JSON_CONTROL, 1, 9, "U+000A"},
        {"raw control", LIT("{\"a\":\n \"\x01\"}"), ERR_JSON_CONTROL, 2, 3, "U+0001"},
        {"leading zero", LIT("{\n  \"format\": 01\n}"), ERR_JSON_NUMBER, 2, 13, "01"},
        {"minus leading zero", LIT("{\"a\": -012}"), ERR_JSON_NUMBER, 1, 7, "-012"},
        {"1.", LIT("{\"a\": 1.}"), ERR_JSON_NUMBER, 1, 7, "1."},
        {".5", LIT("{\"a\": .5}"), ERR_JSON_NUMBER, 1, 7, "0.5"},
        {"+1", LIT("{\"a\": +1}"), ERR_JSON_NUMBER, 1, 7, "'+'"},
        {"1e", LIT("{\"a\": 1e}"), ERR_JSON_NUMBER, 1, 7, "exponent"},
        {"hex", LIT("{\"a\": 0x1F}"), ERR_JSON_NUMBER, 1, 7, "0x1F"},
        {"huge integer", LIT("{\"a\": 123456789012345678901}"), ERR_JSON_NUMBER, 1, 7, "too large"},
        {"huge real", LIT("{\"a\": [1, 2e400]}"), ERR_JSON_NUMBER, 1, 11, "too large"},
        {"NUL byte", LIT("{\"a\": 1}\0garbage"), ERR_JSON_NUL, 1, 9, "NUL"},
        {"NUL in a string", LIT("{\"a\":\n\"b\0c\"}"), ERR_JSON_NUL, 2, 3, NULL},
        {"NUL after a number", LIT("{\"a\": [5\0]}"), ERR_JSON_NUL, 1, 9, NULL}, /* jansson skips this one */
        {"NUL inside a word", LIT("{\"a\": tr\0ue}"), ERR_JSON_NUL, 1, 9, NULL},
        {"repeated key, then broken UTF-8", LIT("{\"k\": 1, \"k\"\xce 2}"), ERR_JSON_DUPLICATE_KEY, 1, 10, NULL},
        {"lone high surrogate", LIT("{\"a\": \"x\\ud83d y\"}"), ERR_JSON_SURROGATE, 1, 9, "\\uD83D"},
        {"lone low surrogate", LIT("{\"a\": \"\\ude00\"}"), ERR_JSON_SURROGATE, 1, 8, "second half"},
        {"high then high", LIT("{\"a\": \"\\ud800\\ud800\"}"), ERR_JSON_SURROGATE, 1, 8, "first half"},
        {"duplicate key", LIT("{\"id\": 1,\n \"title\": \"a\",\n \"id\": 2}"), ERR_JSON_DUPLICATE_KEY, 3, 2, "\"id\""},
        {"duplicate nested key", LIT("{\"a\": {\"k\": 1, \"k\": 1}}"), ERR_JSON_DUPLICATE_KEY, 1, 16, "\"k\""},
        {"invalid escape", LIT("{\"a\": \"C:\\dir\"}"), ERR_JSON_SYNTAX, 1, 10, "'d'"},
        {"short \\u", LIT("{\"a\": \"\\u12G4\"}"), ERR_JSON_SYNTAX, 1, 8, "four hexadecimal"},
        {"unterminated string", LIT("{\"a\": \"abc}"), ERR_JSON_SYNTAX, 1, 7, "never closed"},
        {"missing comma", LIT("{\"a\": 1\n \"b\": 2}"), ERR_JSON_SYNTAX, 2, 2, "','"},
        {"missing comma in a list", LIT("{\"a\": [1 2]}"), ERR_JSON_SYNTAX, 1, 10, "']'"},
        {"missing colon", LIT("{\"a\" 1}"), ERR_JSON_SYNTAX, 1, 6, "':'"},
        {"comma before }", LIT("{\"a\": 1,\n}"), ERR_JSON_SYNTAX, 1, 8, "comma"},
        {"comma before ]", LIT("{\"a\": [1,]}"), ERR_JSON_SYNTAX, 1, 9, "comma"},
        {"wrong closer", LIT("{\"a\": [1}"), ERR_JSON_SYNTAX, 1, 9, "line 1, column 7"},
        {"file ends", LIT("{\"a\": [1,\n2"), ERR_JSON_SYNTAX, 2, 2, "line 1, column 7"},
        {"single quotes", LIT("{'a': 1}"), ERR_JSON_SYNTAX, 1, 2, "double quotes"},
        {"comment", LIT("{\"a\": 1 // one\n}"), ERR_JSON_SYNTAX, 1, 9, "comments"},
        {"True", LIT("{\"a\": True}"), ERR_JSON_SYNTAX, 1, 7, "'True'"},
        {"key without quotes", LIT("{a: 1}"), ERR_JSON_SYNTAX, 1, 2, "key in double quotes"},
        {"value missing", LIT("{\"a\": }"), ERR_JSON_SYNTAX, 1, 7, "value"},
        {"vertical tab", LIT("{\"a\":\v1}"), ERR_JSON_SYNTAX, 1, 6, "U+000B"},
        {"empty", LIT(""), ERR_JSON_SYNTAX, 1, 1, "no JSON"},
        {"broken UTF-8", LIT("{\"a\": \"\xd0\xb6\xd0\"}"), ERR_NOT_UTF8, 1, 9, "UTF-8"},
        {"broken UTF-8 on line 2", LIT("{\n\"\xff\": 1}"), ERR_NOT_UTF8, 2, 2, "0xFF"},
        {"\\u0000", LIT("{\"a\": \"x\\u0000\"}"), ERR_TEXT_BAD_CHAR, 1, 9, "U+0000"},
        {"\\u0000 in a key", LIT("{\"a\\u0000\": 1}"), ERR_TEXT_BAD_CHAR, 1, 4, "U+0000"},
        {"not an object", LIT("[1, 2]"), ERR_JSON_TYPE, 0, 0, "object"},
    };
    int wrong = 0;
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        const Refusal *r = &cases[i];
        json_t *root;
        JsonCtx c = parse(r->json, r->len, NULL, &root);
        char shown[1200];
        err_format(&c.first, shown, sizeof shown);
        if (root || c.first.code != r->code || c.first.line != r->line || c.first.col != r->col ||
            (r->text && !strstr(c.first.msg, r->text))) {
            print_error("%s: got %s, want %s at %d:%d\n", r->name, shown, err_code_name(r->code), r->line, r->col);
            wrong++;
        }
        /* English from jansson never reaches the message */
        assert_null(strstr(c.first.msg, "near"));
        assert_null(strstr(c.first.msg, "expected near"));
        json_decref(root);
    }
    assert_int_equal(wrong, 0);
}

/* Nesting: 64 levels are read, the 65th bracket is named; 100,000 levels are refused at once, with the same
   bracket named and without building 100,000 levels (jansson alone would stop only at 2,048). */
static void nesting_beyond_64_levels(void **state)
{
    (void)state;
    char *deep = malloc(300000);
    for (int levels = 64; levels <= 65; levels++) {
        size_t n = 0;
        deep[n++] = '{';
        n += (size_t)sprintf(deep + n, "\"a\": ");
        for (int i = 1; i < levels; i++)
            deep[n++] = '[';
        for (int i = 1; i < levels; i++)
            deep[n++] = ']';
        deep[n++] = '}';
        json_t *root;
        JsonCtx c = parse(deep, n, NULL, &root);
        if (levels == 64) {
            assert_non_null(root);
            json_decref(root);
        } else {
            assert_null(root);
            assert_int_equal(c.first.code, ERR_JSON_DEPTH);
            assert_int_equal(c.first.col, 7 + 63); /* the 65th bracket */
            assert_non_null(strstr(c.first.msg, "nested deeper than 64 levels"));
        }
    }
    size_t n = (size_t)sprintf(deep, "{\"a\":\n");
    memset(deep + n, '[', 100000);
    memset(deep + n + 100000, ']', 100000);
    n += 200000;
    deep[n++] = '}';
    json_t *root;
    JsonCtx c = parse(deep, n, NULL, &root);
    assert_null(root);
    assert_int_equal(c.first.code, ERR_JSON_DEPTH);
    assert_int_equal(c.first.line, 2);
    assert_int_equal(c.first.col, 64);
    /* brackets inside a string do not nest; an earlier problem wins over the depth */
    n = (size_t)sprintf(deep, "{\"a\": \"");
    memset(deep + n, '[', 100);
    n += 100;
    n += (size_t)sprintf(deep + n, "\", \"b\" 1, \"c\": ");
    memset(deep + n, '[', 100);
    n += 100;
    c = parse(deep, n, NULL, &root);
    assert_int_equal(c.first.code, ERR_JSON_SYNTAX);
    assert_int_equal(c.first.col, 115); /* the missing ':' */
    free(deep);
}

/* In the spirit of JSONTestSuite's n_ files: none of these may parse, and none is refused for its type. */
static void must_reject(void **state)
{
    (void)state;
    static const struct {
        const char *json;
        size_t len;
    } bad[] = {
        {LIT("{\"x\": [1,]}")},
        {LIT("{\"x\": 1,}")},
        {LIT("{\"x\": [,1]}")},
        {LIT("{\"x\": [1,,2]}")},
        {LIT("{\"x\" 1}")},
        {LIT("{\"x\": 1 \"y\": 2}")},
        {LIT("{x: 1}")},
        {LIT("{'x': 1}")},
        {LIT("{\"x\": \"a}")},
        {LIT("{\"x\": \"\\x41\"}")},
        {LIT("{\"x\": \"\\u12\"}")},
        {LIT("{\"x\": \"\\uD800\"}")},
        {LIT("{\"x\": \"\\uDC00\\uD800\"}")},
        {LIT("{\"x\": \"\\\"}")},
        {LIT("{\"x\": 01}")},
        {LIT("{\"x\": -01}")},
        {LIT("{\"x\": 1.}")},
        {LIT("{\"x\": .5}")},
        {LIT("{\"x\": +1}")},
        {LIT("{\"x\": 1e}")},
        {LIT("{\"x\": 1e+}")},
        {LIT("{\"x\": 1.e5}")},
        {LIT("{\"x\": 0x10}")},
        {LIT("{\"x\": -}")},
        {LIT("{\"x\": Infinity}")},
        {LIT("{\"x\": -Infinity}")},
        {LIT("{\"x\": NaN}")},
        {LIT("{\"x\": True}")},
        {LIT("{\"x\": nul}")},
        {LIT("{\"x\": undefined}")},
        {LIT("{\"x\": 1} x")},
        {LIT("{} {}")},
        {LIT("{\"x\": 1}}")},
        {LIT("{\"x\": \"a\tb\"}")},
        {LIT("{\"x\": \"a\nb\"}")},
        {LIT("{\"x\": \"\x7f\x1f\"}")},
        {LIT("{\"x\": \"\\u0000\"}")},
        {LIT("{\"x\": 1}\0")},
        {LIT("{\"x\":\f1}")},
        {LIT("{\"x\":\xc2\xa0"
             "1}")},
        {LIT("{\"x\": \"\xff\"}")},
        {LIT("{\"x\": \"\xed\xa0\x80\"}")},
        {LIT("{\"x\": \"\xc0\xaf\"}")},
        {LIT("{\"x\": \"\xf4\x90\x80\x80\"}")},
        {LIT("{\"x\": [1 2]}")},
        {LIT("{\"x\": [}")},
        {LIT("{\"x\": }")},
        {LIT("")},
        {LIT(" \t\r\n")},
        {LIT("{\"x\": 1, \"x\": 1}")},
        {LIT("/* c */ {}")},
        {LIT("{\"x\": 99999999999999999999}")},
        {LIT("{\"x\": 1e999}")},
        {LIT("{\"x\": [\"a\"")},
        {LIT("{\"x\": \"b\"")},
        {LIT("\xef\xbb\xbf\xef\xbb\xbf{}")},
        {LIT("{\"x\": [1]]}")},
        {LIT("{\"x\"}")},
        {LIT("{\"x\": 1:}")},
        {LIT("{,}")},
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        json_t *root;
        JsonCtx c = parse(bad[i].json, bad[i].len, NULL, &root);
        if (root || !c.failed || c.first.code == ERR_JSON_TYPE || c.first.line < 1 || c.first.col < 1)
            fail_msg("must-reject case %zu (%.*s) gave %s", i, (int)bad[i].len, bad[i].json,
                     root ? "a tree" : err_code_name(c.first.code));
        json_decref(root);
    }
    assert_true(sizeof bad / sizeof *bad >= 40);
}

/* Valid edge cases: all parse, and read back as written. */
static void must_accept(void **state)
{
    (void)state;
    static const char *const good[] = {
        "{}",
        "{\"a\": [], \"b\": {}, \"c\": [[], {}, [[]]]}",
        "{\"a\": \"\\\" \\\\ \\/ \\b \\f \\n \\r \\t\"}",
        "{\"a\": \"\\u00e9\\u4E2D\\ud83d\\ude00\\uD834\\uDD1E\"}",
        "{\"a\": \"\\u0001 \\u001f \\u007f \\uFFFF\"}",
        "{\"a\": \"\xc3\xa9 \xe4\xb8\xad \xf0\x9f\x98\x80 \xef\xbb\xbf \xe2\x80\xa8\"}",
        "{\"a\": 0, \"b\": -0, \"c\": -0.0, \"d\": 0e0, \"e\": 0.5, \"f\": 1E+2, \"g\": 1e-2, \"h\": 12.5E3}",
        "{\"a\": 1.7976931348623157e308, \"b\": 1e-400, \"c\": -9223372036854775808, \"d\": 9223372036854775807}",
        "{\"a\": true, \"b\": false, \"c\": null}",
        " \t\r\n{ \t\r\n\"a\" \t\r\n: \t\r\n1 \t\r\n, \"b\":[ 1 , 2 ] } \t\r\n",
        "\xef\xbb\xbf{\"a\": 1}",
        "{\"\": 1, \"a\\u0041\": 2, \"aB\": 3}",
        "{\"a\": 1, \"A\": 2, \"a \": 3}",
        "{\"a\": \"[{\\\"}]\", \"b\": \"// not a comment\"}",
    };
    for (size_t i = 0; i < sizeof good / sizeof *good; i++) {
        json_t *root;
        JsonCtx c = parse(good[i], (size_t)-1, NULL, &root);
        if (!root || c.failed) {
            char shown[1200];
            err_format(&c.first, shown, sizeof shown);
            fail_msg("must-accept case %zu (%s): %s", i, good[i], shown);
        }
        json_decref(root);
    }
    /* values as written: escapes and surrogate pairs decoded, exponents, the largest integers */
    json_t *root;
    JsonCtx c = parse(good[3], (size_t)-1, NULL, &root);
    assert_string_equal(jr_string(&c, root, "", "a", 1), "\xc3\xa9\xe4\xb8\xad\xf0\x9f\x98\x80\xf0\x9d\x84\x9e");
    json_decref(root);
    c = parse(good[6], (size_t)-1, NULL, &root);
    assert_int_equal(jr_int(&c, root, "", "f", 1, 0, 1000, -1), 100);
    assert_int_equal(jr_int(&c, root, "", "h", 1, 0, 100000, -1), 12500);
    assert_int_equal(jr_int(&c, root, "", "b", 1, -1, 1, -1), 0);
    assert_int_equal(c.failed, 0);
    json_decref(root);
    c = parse(good[7], (size_t)-1, NULL, &root);
    assert_int_equal(json_integer_value(json_object_get(root, "c")), INT64_MIN);
    json_decref(root);
    /* a byte order mark is skipped, and positions are counted after it */
    c = parse("\xef\xbb\xbf{\"a\": 01}", (size_t)-1, NULL, &root);
    assert_int_equal(c.first.code, ERR_JSON_NUMBER);
    assert_int_equal(c.first.col, 7);
}

/* Characters pack text may not hold: refused with line, column and field path when problems are collected
   (validate), in keys and values, raw or escaped; the reader's parse lets them through (shown as U+FFFD). */
static void refused_characters_with_field_paths(void **state)
{
    (void)state;
    static const char json[] = "{\"title\": \"A\\uffffB\",\n"
                               " \"lessons\": [{\"items\": [{\"title\": \"x\xef\xbf\xbfy\"}, {\"id\": \"ok\"}]}],\n"
                               " \"prompt\": \"p \\u0085\",\n"
                               " \"k\xef\xb7\x90\": {\"t\": \"\xd0\xb6 \\udbff\\udfff \\b \x7f\"},\n"
                               " \"fine\": \"\\t\\n\\r \\ufeff \\ufffd \\ufdef!\", \"ok\": 1}";
    static const struct {
        const char *field;
        int line, col;
        const char *text;
    } want[] = {
        {"title", 1, 13, "U+FFFF"},
        {"lessons[0].items[0].title", 2, 37, "U+FFFF"},
        {"prompt", 3, 15, "U+0085"},
        {"k\xef\xbf\xbd", 4, 4, "the key holds U+FDD0"},
        {"k\xef\xbf\xbd.t", 4, 17, "U+10FFFF"},
        {"k\xef\xbf\xbd.t", 4, 30, "U+0008"},
        {"k\xef\xbf\xbd.t", 4, 33, "U+007F"},
        {"fine", 5, 32, "U+FDEF"},
    };
    static ErrList all;
    json_t *root;
    JsonCtx c = parse(json, sizeof json - 1, &all, &root);
    assert_non_null(root); /* checking goes on */
    assert_int_equal(c.first.code, ERR_TEXT_BAD_CHAR);
    assert_int_equal(all.count, sizeof want / sizeof *want);
    for (size_t i = 0; i < all.count; i++) {
        const Err *e = &all.items[i];
        if (e->code != ERR_TEXT_BAD_CHAR || strcmp(e->field, want[i].field) != 0 || e->line != want[i].line ||
            e->col != want[i].col || !strstr(e->msg, want[i].text))
            fail_msg("%zu: got %s:%d:%d %s, want %s:%d:%d %s", i, e->field, e->line, e->col, e->msg, want[i].field,
                     want[i].line, want[i].col, want[i].text);
    }
    json_decref(root);
    /* the reader's way: the same text is read */
    c = parse(json, sizeof json - 1, NULL, &root);
    assert_non_null(root);
    assert_int_equal(c.failed, 0);
    assert_string_equal(jr_string(&c, root, "", "title", 1), "A\xef\xbf\xbf"
                                                             "B");
    json_decref(root);
    /* a set flag alone makes a parse strict (notes files, adapt.json) */
    pack_limits_default(&lim);
    jr_init(&c, &label, &lim, "x.json", NULL);
    c.strict_text = 1;
    root = jr_parse(&c, json, sizeof json - 1);
    assert_int_equal(c.first.code, ERR_TEXT_BAD_CHAR);
    assert_string_equal(c.first.field, "title");
    json_decref(root);
    /* an empty key is named as "" */
    c = parse("{\"\": {\"\": \"\\ufffe\"}}", (size_t)-1, &all, &root);
    assert_string_equal(c.first.field, "\"\".\"\"");
    json_decref(root);
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
        cmocka_unit_test(each_refusal_at_its_line_and_column),
        cmocka_unit_test(nesting_beyond_64_levels),
        cmocka_unit_test(must_reject),
        cmocka_unit_test(must_accept),
        cmocka_unit_test(refused_characters_with_field_paths),
        cmocka_unit_test(ids),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
