/* Unit tests for core/answer: the scoring rules of every exercise type (partial credit included), scenario
   walking, blank matching in any script, and the stored form refusing answers that do not fit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/answer.h"

static Exercise *parse(const char *json)
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

static const char *MULTI =
    "{\"type\":\"multiple_choice\",\"prompt\":\"P\",\"options\":["
    "{\"id\":\"a\",\"text\":\"A\",\"correct\":true},{\"id\":\"b\",\"text\":\"B\",\"correct\":true},"
    "{\"id\":\"c\",\"text\":\"C\",\"correct\":true},{\"id\":\"d\",\"text\":\"D\"}]}";

static void choice_scores(void **state)
{
    (void)state;
    Exercise *ex = parse("{\"type\":\"single_choice\",\"prompt\":\"P\",\"options\":[{\"id\":\"a\",\"text\":\"A\"},"
                         "{\"id\":\"b\",\"text\":\"B\",\"correct\":true}]}");
    Answer a;
    assert_int_equal(answer_init(&a, ex, 1), 0);
    assert_false(answer_ready(ex, &a));
    a.v[0] = 1;
    assert_true(answer_ready(ex, &a));
    assert_true(answer_score(ex, &a) == 0.0);
    assert_false(answer_part_ok(ex, &a, 0));
    assert_false(answer_part_ok(ex, &a, 1)); /* the right option, not chosen */
    a.v[1] = 1;
    assert_true(answer_part_ok(ex, &a, 1));
    assert_true(answer_score(ex, &a) == 0.0);
    a.v[1] = 0;
    a.v[0] = 0, a.v[1] = 1;
    assert_true(answer_score(ex, &a) == 1.0);
    answer_free(&a);
    exercise_free(ex);

    /* multiple choice: (right chosen - wrong chosen) / right options, never below 0 */
    ex = parse(MULTI);
    assert_int_equal(answer_init(&a, ex, 1), 0);
    a.v[0] = a.v[1] = 1;
    assert_float_equal(answer_score(ex, &a), 2.0 / 3, 1e-9);
    a.v[3] = 1;
    assert_float_equal(answer_score(ex, &a), 1.0 / 3, 1e-9);
    a.v[2] = 1;
    assert_float_equal(answer_score(ex, &a), 2.0 / 3, 1e-9);
    a.v[3] = 0;
    assert_float_equal(answer_score(ex, &a), 1.0, 1e-9);
    memset(a.v, 0, a.n * sizeof *a.v);
    a.v[3] = 1;
    assert_float_equal(answer_score(ex, &a), 0.0, 1e-9);
    answer_free(&a);
    exercise_free(ex);
}

static void true_false_scores(void **state)
{
    (void)state;
    Exercise *ex = parse("{\"type\":\"true_false\",\"prompt\":\"P\",\"answer\":false}");
    Answer a;
    assert_int_equal(answer_init(&a, ex, 1), 0);
    assert_int_equal(a.v[0], -1);
    assert_false(answer_ready(ex, &a));
    assert_true(answer_score(ex, &a) == 0.0);
    a.v[0] = 1;
    assert_true(answer_score(ex, &a) == 0.0);
    a.v[0] = 0;
    assert_true(answer_ready(ex, &a));
    assert_true(answer_score(ex, &a) == 1.0);
    answer_free(&a);
    exercise_free(ex);
}

static void matching_and_ordering_give_partial_credit(void **state)
{
    (void)state;
    Exercise *ex = parse("{\"type\":\"matching\",\"prompt\":\"P\",\"pairs\":[{\"left\":\"a\",\"right\":\"1\"},"
                         "{\"left\":\"b\",\"right\":\"2\"},{\"left\":\"c\",\"right\":\"3\"},{\"left\":\"d\",\"right\":"
                         "\"4\"}]}");
    Answer a;
    assert_int_equal(answer_init(&a, ex, 7), 0);
    assert_false(answer_ready(ex, &a)); /* nothing matched yet */
    a.v[0] = 0, a.v[1] = 1, a.v[2] = 3, a.v[3] = 2;
    assert_true(answer_ready(ex, &a));
    assert_float_equal(answer_score(ex, &a), 0.5, 1e-9);
    assert_true(answer_part_ok(ex, &a, 1));
    assert_false(answer_part_ok(ex, &a, 2));
    answer_free(&a);
    exercise_free(ex);

    ex = parse("{\"type\":\"ordering\",\"prompt\":\"P\",\"items\":[{\"id\":\"a\",\"text\":\"A\"},{\"id\":\"b\","
               "\"text\":\"B\"},{\"id\":\"c\",\"text\":\"C\"},{\"id\":\"d\",\"text\":\"D\"}]}");
    for (uint64_t seed = 0; seed < 50; seed++) { /* never starts solved, always a permutation */
        assert_int_equal(answer_init(&a, ex, seed), 0);
        assert_true(answer_score(ex, &a) < 1.0);
        int seen[4] = {0};
        for (size_t i = 0; i < 4; i++)
            seen[a.v[i]]++;
        assert_true(seen[0] == 1 && seen[1] == 1 && seen[2] == 1 && seen[3] == 1);
        answer_free(&a);
    }
    Answer b, c;
    answer_init(&b, ex, 42);
    answer_init(&c, ex, 42);
    assert_memory_equal(b.v, c.v, 4 * sizeof *b.v); /* the same item always starts the same way */
    b.v[0] = 0, b.v[1] = 1, b.v[2] = 3, b.v[3] = 2;
    assert_float_equal(answer_score(ex, &b), 0.5, 1e-9);
    b.v[2] = 2, b.v[3] = 3;
    assert_float_equal(answer_score(ex, &b), 1.0, 1e-9);
    answer_free(&b);
    answer_free(&c);
    exercise_free(ex);
}

static void blanks_match_in_any_script(void **state)
{
    (void)state;
    Exercise *ex = parse("{\"type\":\"fill_blanks\",\"prompt\":\"P\",\"text\":\"{{y}} in {{c}}, {{r}}\",\"blanks\":["
                         "{\"id\":\"y\",\"answers\":[\"1948\"]},{\"id\":\"c\",\"answers\":[\"Paris\",\"Париж\"]},"
                         "{\"id\":\"r\",\"answers\":[\"Достоинство\"]}]}");
    Answer a;
    assert_int_equal(answer_init(&a, ex, 1), 0);
    assert_false(answer_ready(ex, &a));
    answer_set_text(&a, 0, "  1948\t");
    assert_true(answer_ready(ex, &a)); /* one blank filled is enough to check */
    assert_float_equal(answer_score(ex, &a), 1.0 / 3, 1e-9);
    answer_set_text(&a, 1, "ПАРИЖ");
    answer_set_text(&a, 2,
                    "\xc2\xa0"
                    "достоинство "); /* a no-break space is trimmed too */
    assert_float_equal(answer_score(ex, &a), 1.0, 1e-9);
    answer_set_text(&a, 1, "Pari");
    assert_false(answer_part_ok(ex, &a, 1));
    assert_float_equal(answer_score(ex, &a), 2.0 / 3, 1e-9);
    answer_set_text(&a, 1, "   ");
    assert_false(answer_part_ok(ex, &a, 1));
    answer_free(&a);
    exercise_free(ex);
}

static void unscored_types_are_done_when_written(void **state)
{
    (void)state;
    Exercise *ex = parse("{\"type\":\"reflection\",\"prompt\":\"P\",\"min_words\":5}");
    Answer a;
    assert_int_equal(answer_init(&a, ex, 1), 0);
    assert_false(answer_ready(ex, &a));
    answer_set_text(&a, 0, " \n ");
    assert_false(answer_ready(ex, &a));
    answer_set_text(&a, 0, "Свобода слова — это\nright");
    assert_true(answer_ready(ex, &a));
    assert_true(answer_score(ex, &a) < 0);
    assert_int_equal(answer_words(a.t[0]), 4); /* the dash is no word (review B, polish) */
    /* review: a dash, a bullet or an ellipsis alone is no word; words in any script are */
    assert_int_equal(answer_words("Right \xe2\x80\x94 so it was \xe2\x80\xa6 \xe2\x80\xa2 ok"), 5);
    assert_int_equal(answer_words("\xd0\xa1\xd0\xb5\xd0\xb3\xd0\xbe\xd0\xb4\xd0\xbd\xd1\x8f -- 2026 (!)"), 2);
    assert_int_equal(answer_words("\xe2\x80\x94"), 0);
    answer_free(&a);
    exercise_free(ex);
    ex = parse("{\"type\":\"discussion\",\"prompt\":\"P\"}");
    assert_int_equal(answer_init(&a, ex, 1), 0);
    assert_true(answer_ready(ex, &a));
    assert_true(answer_score(ex, &a) < 0);
    answer_free(&a);
    exercise_free(ex);
}

static const char *SCENARIO =
    "{\"type\":\"scenario\",\"prompt\":\"P\",\"start\":\"s\",\"nodes\":["
    "{\"id\":\"s\",\"text\":\"S\",\"choices\":[{\"text\":\"x\",\"goto\":\"m\",\"feedback\":\"F1\"},{\"text\":\"y\","
    "\"goto\":\"bad\"}]},"
    "{\"id\":\"m\",\"text\":\"M\",\"choices\":[{\"text\":\"good\",\"goto\":\"good\"},{\"text\":\"meh\",\"goto\":"
    "\"meh\"},"
    "{\"text\":\"back\",\"goto\":\"s\"}]},"
    "{\"id\":\"good\",\"text\":\"G\",\"ending\":\"good\"},{\"id\":\"meh\",\"text\":\"N\",\"ending\":\"neutral\"},"
    "{\"id\":\"bad\",\"text\":\"B\",\"ending\":\"bad\"}]}";

static void scenario_walks_back_and_scores_endings(void **state)
{
    (void)state;
    Exercise *ex = parse(SCENARIO);
    Answer a;
    assert_int_equal(answer_init(&a, ex, 1), 0);
    assert_string_equal(answer_scenario_node(ex, &a)->id, "s");
    assert_null(answer_scenario_last(ex, &a));
    assert_false(answer_ready(ex, &a));
    assert_true(answer_score(ex, &a) < 0);
    assert_int_equal(answer_scenario_choose(ex, &a, 0), 0);
    assert_string_equal(answer_scenario_node(ex, &a)->id, "m");
    assert_string_equal(answer_scenario_last(ex, &a)->feedback, "F1");
    assert_int_equal(answer_scenario_choose(ex, &a, 5), -1); /* no such choice */
    assert_int_equal(answer_scenario_choose(ex, &a, 1), 0);
    assert_true(answer_ready(ex, &a));
    assert_float_equal(answer_score(ex, &a), 0.5, 1e-9);
    assert_int_equal(answer_scenario_choose(ex, &a, 0), -1); /* an ending has no choices */
    answer_scenario_back(&a);
    assert_string_equal(answer_scenario_node(ex, &a)->id, "m");
    answer_scenario_choose(ex, &a, 0);
    assert_float_equal(answer_score(ex, &a), 1.0, 1e-9);
    answer_scenario_back(&a);
    answer_scenario_back(&a);
    answer_scenario_choose(ex, &a, 1);
    assert_float_equal(answer_score(ex, &a), 0.0, 1e-9);
    answer_scenario_back(&a);
    answer_scenario_back(&a); /* at the start already: stays */
    assert_string_equal(answer_scenario_node(ex, &a)->id, "s");
    answer_free(&a);
    exercise_free(ex);
}

static void stored_form_round_trips_and_refuses_misfits(void **state)
{
    (void)state;
    Exercise *ex = parse(MULTI);
    Answer a, b;
    answer_init(&a, ex, 1);
    a.v[1] = a.v[2] = 1;
    a.checked = 1;
    char *json = answer_to_json(&a);
    assert_non_null(json);
    assert_string_equal(json, "{\"v\":[0,1,1,0],\"t\":[],\"checked\":true}"); /* the compact form rows hold */
    assert_int_equal(answer_from_json(ex, json, &b), 0);
    assert_int_equal(b.n, 4);
    assert_memory_equal(a.v, b.v, 4 * sizeof *a.v);
    assert_true(b.checked);
    answer_free(&b);
    free(json);
    /* wrong count, values out of range, not JSON, not an object */
    const char *bad[] = {
        "{\"v\":[1,0,1],\"t\":[]}",        "{\"v\":[1,0,1,7],\"t\":[]}",    "{\"v\":[1,0,1,0]}", "[1,2]", "nonsense",
        "{\"v\":[1,0,1,0],\"t\":[\"x\"]}", "{\"v\":[\"1\",0,1,0],\"t\":[]}"};
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++)
        assert_int_equal(answer_from_json(ex, bad[i], &b), -1);
    answer_free(&a);
    exercise_free(ex);

    ex = parse("{\"type\":\"ordering\",\"prompt\":\"P\",\"items\":[{\"id\":\"a\",\"text\":\"A\"},{\"id\":\"b\","
               "\"text\":\"B\"},{\"id\":\"c\",\"text\":\"C\"}]}");
    assert_int_equal(answer_from_json(ex, "{\"v\":[2,0,1],\"t\":[]}", &b), 0);
    answer_free(&b);
    assert_int_equal(answer_from_json(ex, "{\"v\":[2,2,1],\"t\":[]}", &b), -1); /* not a permutation */
    exercise_free(ex);

    ex = parse(SCENARIO);
    assert_int_equal(answer_from_json(ex, "{\"v\":[0,1],\"t\":[]}", &b), 0);
    assert_float_equal(answer_score(ex, &b), 0.5, 1e-9);
    answer_free(&b);
    assert_int_equal(answer_from_json(ex, "{\"v\":[0,7],\"t\":[]}", &b), -1); /* leaves the graph */
    assert_int_equal(answer_from_json(ex, "{\"v\":[1,0],\"t\":[]}", &b), -1); /* past an ending */
    exercise_free(ex);

    ex = parse("{\"type\":\"reflection\",\"prompt\":\"P\"}");
    /* a row cJSON wrote before jansson: its escapes of control characters and raw UTF-8 read back */
    assert_int_equal(answer_from_json(ex, "{\"v\":[],\"t\":[\"a\\u0001\\nб\\\"\"],\"checked\":false}", &b), 0);
    assert_string_equal(b.t[0], "a\x01\nб\"");
    answer_free(&b);
    answer_init(&a, ex, 1);
    answer_set_text(&a, 0, "Line one\n\"quoted\" и кириллица");
    json = answer_to_json(&a);
    assert_int_equal(answer_from_json(ex, json, &b), 0);
    assert_string_equal(b.t[0], a.t[0]);
    free(json);
    answer_free(&a);
    answer_free(&b);
    exercise_free(ex);
}

static void shape_ignores_language_but_not_structure(void **state)
{
    (void)state;
    Exercise *en = parse("{\"type\":\"single_choice\",\"prompt\":\"Which?\",\"options\":[{\"id\":\"a\",\"text\":\"A\"},"
                         "{\"id\":\"b\",\"text\":\"B\",\"correct\":true}]}");
    Exercise *ru = parse("{\"type\":\"single_choice\",\"prompt\":\"Какой?\",\"options\":[{\"id\":\"a\",\"text\":\"А\"},"
                         "{\"id\":\"b\",\"text\":\"Б\",\"correct\":true}]}");
    Exercise *v2 = parse("{\"type\":\"single_choice\",\"prompt\":\"Which?\",\"options\":[{\"id\":\"a\",\"text\":\"A\","
                         "\"correct\":true},{\"id\":\"b\",\"text\":\"B\"}]}");
    char s1[17], s2[17], s3[17];
    answer_shape(en, s1);
    answer_shape(ru, s2);
    answer_shape(v2, s3);
    assert_string_equal(s1, s2);
    assert_string_not_equal(s1, s3);
    exercise_free(en);
    exercise_free(ru);
    exercise_free(v2);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(choice_scores),
        cmocka_unit_test(true_false_scores),
        cmocka_unit_test(matching_and_ordering_give_partial_credit),
        cmocka_unit_test(blanks_match_in_any_script),
        cmocka_unit_test(unscored_types_are_done_when_written),
        cmocka_unit_test(scenario_walks_back_and_scores_endings),
        cmocka_unit_test(stored_form_round_trips_and_refuses_misfits),
        cmocka_unit_test(shape_ignores_language_but_not_structure),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
