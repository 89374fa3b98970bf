/* Unit tests for core/exercise: all nine types parse, and each structural mistake has a specific error. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <string.h>

#include "core/exercise.h"

static Exercise *parse_ok(const char *json)
{
    PackLimits lim;
    pack_limits_default(&lim);
    Err label, e;
    memset(&label, 0, sizeof label);
    Exercise *ex;
    if (exercise_parse(json, strlen(json), &lim, &label, "ex.json", NULL, &ex, &e) != 0)
        fail_msg("unexpected error: %s at %s", e.msg, e.field);
    return ex;
}

/* Returns the code of the first problem and copies its field path. */
static int parse_err(const char *json, char *field)
{
    PackLimits lim;
    pack_limits_default(&lim);
    Err label, e;
    memset(&label, 0, sizeof label);
    memset(&e, 0, sizeof e);
    Exercise *ex;
    int rc = exercise_parse(json, strlen(json), &lim, &label, "ex.json", NULL, &ex, &e);
    assert_true(rc == 0 || ex == NULL);
    exercise_free(ex);
    if (field)
        strcpy(field, e.field);
    return rc ? (int)e.code : 0;
}

static void every_type_parses(void **state)
{
    (void)state;
    Exercise *ex =
        parse_ok("{\"type\":\"single_choice\",\"prompt\":\"P\",\"explanation\":\"E\",\"options\":["
                 "{\"id\":\"a\",\"text\":\"A\",\"feedback\":\"no\"},{\"id\":\"b\",\"text\":\"B\",\"correct\":true}]}");
    assert_int_equal(ex->type, EX_SINGLE_CHOICE);
    assert_int_equal(ex->n_options, 2);
    assert_true(ex->options[1].correct);
    assert_string_equal(ex->options[0].feedback, "no");
    assert_string_equal(ex->explanation, "E");
    exercise_free(ex);

    ex = parse_ok(
        "{\"type\":\"multiple_choice\",\"prompt\":\"P\",\"options\":[{\"id\":\"a\",\"text\":\"A\",\"correct\":true},"
        "{\"id\":\"b\",\"text\":\"B\",\"correct\":true},{\"id\":\"c\",\"text\":\"C\"}]}");
    assert_int_equal(ex->n_options, 3);
    exercise_free(ex);

    ex = parse_ok("{\"type\":\"true_false\",\"prompt\":\"P\",\"answer\":false,\"feedback_true\":\"t\"}");
    assert_false(ex->answer);
    assert_string_equal(ex->feedback_true, "t");
    exercise_free(ex);

    ex = parse_ok("{\"type\":\"matching\",\"prompt\":\"P\",\"pairs\":[{\"left\":\"a\",\"right\":\"1\"},{\"left\":\"b\","
                  "\"right\":\"2\"}]}");
    assert_string_equal(ex->options[1].match, "2");
    exercise_free(ex);

    ex = parse_ok("{\"type\":\"ordering\",\"prompt\":\"P\",\"items\":[{\"id\":\"x\",\"text\":\"first\"},{\"id\":\"y\","
                  "\"text\":\"second\"}]}");
    assert_string_equal(ex->options[0].text, "first");
    exercise_free(ex);

    ex = parse_ok(
        "{\"type\":\"fill_blanks\",\"prompt\":\"P\",\"text\":\"In {{y}} the {{d}} was adopted.\",\"blanks\":["
        "{\"id\":\"y\",\"answers\":[\"1948\"]},{\"id\":\"d\",\"answers\":[\"UDHR\",\"Universal Declaration\"]}]}");
    assert_int_equal(ex->n_blanks, 2);
    assert_int_equal(ex->blanks[1].n_answers, 2);
    exercise_free(ex);

    ex = parse_ok("{\"type\":\"reflection\",\"prompt\":\"P\",\"min_words\":30}");
    assert_int_equal(ex->min_words, 30);
    exercise_free(ex);

    ex = parse_ok("{\"type\":\"discussion\",\"prompt\":\"P\",\"minutes\":10,\"questions\":[\"q1\",\"q2\"]}");
    assert_int_equal(ex->n_questions, 2);
    assert_int_equal(ex->minutes, 10);
    exercise_free(ex);

    ex = parse_ok(
        "{\"type\":\"scenario\",\"prompt\":\"P\",\"start\":\"s\",\"nodes\":["
        "{\"id\":\"s\",\"text\":\"S\",\"choices\":[{\"text\":\"go\",\"goto\":\"m\"},{\"text\":\"stop\",\"goto\":"
        "\"bad\"}]},"
        "{\"id\":\"m\",\"text\":\"M\",\"choices\":[{\"text\":\"on\",\"goto\":\"good\",\"feedback\":\"f\"}]},"
        "{\"id\":\"good\",\"text\":\"G\",\"ending\":\"good\"},{\"id\":\"bad\",\"text\":\"B\",\"ending\":\"bad\"}]}");
    assert_int_equal(ex->n_nodes, 4);
    assert_string_equal(ex->nodes[1].choices[0].target, "good");
    assert_string_equal(ex->nodes[3].ending, "bad");
    assert_string_equal(exercise_type_name(ex->type), "scenario");
    exercise_free(ex);
}

static void structural_mistakes(void **state)
{
    (void)state;
    static const struct {
        const char *json;
        ErrCode code;
        const char *field;
    } cases[] = {
        {"{\"type\":\"essay\",\"prompt\":\"P\"}", ERR_JSON_VALUE, "type"},
        {"{\"prompt\":\"P\"}", ERR_JSON_MISSING, "type"},
        {"{\"type\":\"reflection\"}", ERR_JSON_MISSING, "prompt"},
        {"{\"type\":\"single_choice\",\"prompt\":\"P\",\"options\":[{\"id\":\"a\",\"text\":\"A\"},{\"id\":\"b\","
         "\"text\":\"B\"}]}",
         ERR_NO_CORRECT, "options"},
        {"{\"type\":\"single_choice\",\"prompt\":\"P\",\"options\":[{\"id\":\"a\",\"text\":\"A\",\"correct\":true},{"
         "\"id\":\"b\",\"text\":\"B\",\"correct\":true}]}",
         ERR_NO_CORRECT, "options"},
        {"{\"type\":\"multiple_choice\",\"prompt\":\"P\",\"options\":[{\"id\":\"a\",\"text\":\"A\"},{\"id\":\"b\","
         "\"text\":\"B\"}]}",
         ERR_NO_CORRECT, "options"},
        {"{\"type\":\"single_choice\",\"prompt\":\"P\",\"options\":[{\"id\":\"a\",\"text\":\"A\",\"correct\":true}]}",
         ERR_EXERCISE, "options"},
        {"{\"type\":\"single_choice\",\"prompt\":\"P\",\"options\":[{\"id\":\"a\",\"text\":\"A\",\"correct\":true},{"
         "\"id\":\"a\",\"text\":\"B\"}]}",
         ERR_ORDER_DUPLICATE, "options"},
        {"{\"type\":\"single_choice\",\"prompt\":\"P\",\"options\":[{\"id\":\"a\",\"text\":\"A\",\"correct\":\"yes\"},{"
         "\"id\":\"b\",\"text\":\"B\"}]}",
         ERR_JSON_TYPE, "options[0].correct"},
        {"{\"type\":\"ordering\",\"prompt\":\"P\",\"items\":[{\"id\":\"x\",\"text\":\"same\"},{\"id\":\"y\",\"text\":"
         "\"same\"}]}",
         ERR_ORDER_DUPLICATE, "items"},
        {"{\"type\":\"matching\",\"prompt\":\"P\",\"pairs\":[{\"left\":\"a\",\"right\":\"1\"},{\"left\":\"b\"}]}",
         ERR_JSON_MISSING, "pairs[1].right"},
        {"{\"type\":\"true_false\",\"prompt\":\"P\"}", ERR_JSON_MISSING, "answer"},
        {"{\"type\":\"fill_blanks\",\"prompt\":\"P\",\"text\":\"a {{x}} b "
         "{{z}}\",\"blanks\":[{\"id\":\"x\",\"answers\":[\"1\"]}]}",
         ERR_EXERCISE, "text"},
        {"{\"type\":\"fill_blanks\",\"prompt\":\"P\",\"text\":\"a {{x}}\",\"blanks\":[{\"id\":\"x\",\"answers\":[]}]}",
         ERR_EXERCISE, "blanks[0].answers"},
        {"{\"type\":\"fill_blanks\",\"prompt\":\"P\",\"text\":\"a\",\"blanks\":[{\"id\":\"x\",\"answers\":[\"1\"]}]}",
         ERR_EXERCISE, "blanks[0]"},
        {"{\"type\":\"scenario\",\"prompt\":\"P\",\"start\":\"s\",\"nodes\":[{\"id\":\"s\",\"text\":\"S\",\"choices\":["
         "{\"text\":\"x\",\"goto\":\"nowhere\"}]},{\"id\":\"e\",\"text\":\"E\",\"ending\":\"good\"}]}",
         ERR_SCENARIO_TARGET, "nodes"},
        {"{\"type\":\"scenario\",\"prompt\":\"P\",\"start\":\"s\",\"nodes\":[{\"id\":\"s\",\"text\":\"S\",\"choices\":["
         "{\"text\":\"x\",\"goto\":\"t\"}]},{\"id\":\"t\",\"text\":\"T\",\"choices\":[{\"text\":\"x\",\"goto\":\"s\"}]}"
         "]}",
         ERR_SCENARIO_ENDING, "nodes"},
        {"{\"type\":\"scenario\",\"prompt\":\"P\",\"start\":\"s\",\"nodes\":[{\"id\":\"s\",\"text\":\"S\",\"ending\":"
         "\"good\"},{\"id\":\"lost\",\"text\":\"L\",\"ending\":\"bad\"}]}",
         ERR_SCENARIO_UNREACHABLE, "nodes"},
        {"{\"type\":\"scenario\",\"prompt\":\"P\",\"start\":\"x\",\"nodes\":[{\"id\":\"s\",\"text\":\"S\",\"ending\":"
         "\"good\"},{\"id\":\"t\",\"text\":\"T\",\"ending\":\"bad\"}]}",
         ERR_SCENARIO_TARGET, "start"},
        {"{\"type\":\"scenario\",\"prompt\":\"P\",\"start\":\"s\",\"nodes\":[{\"id\":\"s\",\"text\":\"S\"},{\"id\":"
         "\"t\",\"text\":\"T\",\"ending\":\"bad\"}]}",
         ERR_SCENARIO_ENDING, "nodes[0]"},
        {"{\"type\":\"scenario\",\"prompt\":\"P\",\"start\":\"s\",\"nodes\":[{\"id\":\"s\",\"text\":\"S\",\"ending\":"
         "\"maybe\"},{\"id\":\"t\",\"text\":\"T\",\"ending\":\"bad\"}]}",
         ERR_JSON_VALUE, "nodes[0].ending"},
        {"{\"type\":\"discussion\",\"prompt\":\"P\",\"minutes\":601}", ERR_JSON_VALUE, "minutes"},
        {"not json", ERR_JSON_SYNTAX, ""},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char field[128] = "";
        int code = parse_err(cases[i].json, field);
        if (code != (int)cases[i].code || strcmp(field, cases[i].field) != 0)
            fail_msg("case %zu: got %s at '%s', want %s at '%s'", i, err_code_name((ErrCode)code), field,
                     err_code_name(cases[i].code), cases[i].field);
    }
}

static void all_problems_are_listed(void **state)
{
    (void)state;
    const char *json = "{\"type\":\"scenario\",\"start\":\"s\",\"nodes\":[{\"id\":\"s\",\"text\":\"S\",\"choices\":["
                       "{\"text\":\"x\",\"goto\":\"a\"},{\"text\":\"y\",\"goto\":\"b\"}]},{\"id\":\"u\",\"text\":\"U\","
                       "\"ending\":\"good\"}]}";
    PackLimits lim;
    pack_limits_default(&lim);
    Err label;
    memset(&label, 0, sizeof label);
    static ErrList all;
    errlist_init(&all);
    Exercise *ex;
    assert_int_not_equal(exercise_parse(json, strlen(json), &lim, &label, "e.json", &all, &ex, NULL), 0);
    /* missing prompt, two missing targets, an unreachable ending */
    assert_int_equal(all.count, 4);
}

/* Every exercise example in docs/pack-format.md must be valid, so the spec and the loader cannot drift. */
static void spec_examples_parse(void **state)
{
    (void)state;
    FILE *f = fopen("../docs/pack-format.md", "r");
    assert_non_null(f);
    static char doc[200000];
    size_t n = fread(doc, 1, sizeof doc - 1, f);
    fclose(f);
    doc[n] = '\0';
    int examples = 0;
    for (char *p = doc; (p = strstr(p, "```json\n"));) {
        p += 8;
        char *end = strstr(p, "```");
        assert_non_null(end);
        *end = '\0';
        if (strstr(p, "\"type\":")) {
            Exercise *ex = parse_ok(p);
            exercise_free(ex);
            examples++;
        }
        p = end + 3;
    }
    assert_int_equal(examples, EX_TYPE_COUNT); /* one example per type */
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(every_type_parses),
        cmocka_unit_test(structural_mistakes),
        cmocka_unit_test(all_problems_are_listed),
        cmocka_unit_test(spec_examples_parse),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
