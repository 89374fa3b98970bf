/* exercise: exercise JSON files (nine types) parsed and checked for structural sense. */
#include "exercise.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonread.h"

static const char *const type_names[EX_TYPE_COUNT] = {"single_choice", "multiple_choice", "true_false",
                                                      "matching",      "ordering",        "fill_blanks",
                                                      "reflection",    "discussion",      "scenario"};

const char *exercise_type_name(ExerciseType t)
{
    return (unsigned)t < EX_TYPE_COUNT ? type_names[t] : "?";
}

const char *exercise_ending_label(const char *ending)
{
    if (ending && strcmp(ending, "good") == 0)
        return N_("A good ending.");
    return ending && strcmp(ending, "neutral") == 0 ? N_("A mixed ending.") : N_("A bad ending.");
}

/* calloc that reports running out of memory as a problem, so a parse never passes by skipping a check. */
static void *ex_calloc(JsonCtx *c, size_t n, size_t size)
{
    void *p = calloc(n ? n : 1, size);
    if (!p)
        jr_fail(c, ERR_NOMEM, NULL, N_("out of memory"));
    return p;
}

/* Counts elements of an optional array field, reporting a missing one when 'min' > 0. */
static int array_at_least(JsonCtx *c, const json_t *root, const char *key, int min, const json_t **arr)
{
    *arr = jr_array(c, root, "", key, min > 0);
    int n = jr_size(*arr);
    if (*arr && n < min)
        jr_fail(c, ERR_EXERCISE, key, N_("needs at least %d entries, has %d"), min, n);
    return n;
}

static int dup_string(const char **v, size_t n, size_t *a, size_t *b)
{
    for (size_t i = 0; i < n; i++)
        for (size_t j = i + 1; j < n; j++)
            if (v[i] && v[j] && strcmp(v[i], v[j]) == 0) {
                *a = i;
                *b = j;
                return 1;
            }
    return 0;
}

/* Options of choice, ordering and matching exercises. */
static void parse_options(JsonCtx *c, Exercise *ex, const char *key, int min)
{
    const json_t *arr;
    int n = array_at_least(c, ex->root, key, min, &arr);
    if (n <= 0 || !(ex->options = ex_calloc(c, (size_t)n, sizeof *ex->options)))
        return;
    const char **ids = ex_calloc(c, (size_t)n, sizeof *ids), **texts = ex_calloc(c, (size_t)n, sizeof *texts);
    int correct = 0;
    for (int i = 0; i < n; i++) {
        char p[64];
        jr_index(p, sizeof p, key, i);
        const json_t *o = jr_object_at(c, arr, key, i);
        if (!o)
            continue;
        ExOption *opt = &ex->options[ex->n_options++];
        if (ex->type == EX_MATCHING) {
            opt->text = jr_string(c, o, p, "left", 1);
            opt->match = jr_string(c, o, p, "right", 1);
        } else {
            opt->id = jr_string(c, o, p, "id", 1);
            opt->text = jr_string(c, o, p, "text", 1);
        }
        opt->feedback = jr_string(c, o, p, "feedback", 0);
        if (ex->type == EX_SINGLE_CHOICE || ex->type == EX_MULTIPLE_CHOICE)
            correct += opt->correct = jr_bool(c, o, p, "correct", 0, 0);
        char f[96];
        if (opt->id && !jr_valid_id(opt->id))
            jr_fail(c, ERR_BAD_ID, jr_path(f, sizeof f, p, "id"), N_("'%s' is not a valid id"), opt->id);
        if (ids)
            ids[i] = opt->id;
        if (texts)
            texts[i] = ex->type == EX_MATCHING ? opt->match : opt->text;
    }
    size_t a, b;
    if (ids && dup_string(ids, (size_t)n, &a, &b))
        jr_fail(c, ERR_ORDER_DUPLICATE, key, N_("entries %zu and %zu share the id '%s'"), a, b, ids[b]);
    if (texts && dup_string(texts, (size_t)n, &a, &b))
        jr_fail(c, ERR_ORDER_DUPLICATE, key,
                N_("entries %zu and %zu have the same text '%s'; learners could not tell them apart"), a, b, texts[b]);
    if (ex->type == EX_SINGLE_CHOICE && correct != 1)
        jr_fail(c, ERR_NO_CORRECT, key, N_("a single-choice exercise needs exactly one correct option; it has %d"),
                correct);
    if (ex->type == EX_MULTIPLE_CHOICE && correct < 1)
        jr_fail(c, ERR_NO_CORRECT, key, N_("a multiple-choice exercise needs at least one correct option"));
    free(ids);
    free(texts);
}

/* Gaps are written {{id}} in 'text'; each must have exactly one blank and each blank one gap. */
static void parse_blanks(JsonCtx *c, Exercise *ex)
{
    ex->text = jr_string(c, ex->root, "", "text", 1);
    const json_t *arr;
    int n = array_at_least(c, ex->root, "blanks", 1, &arr);
    if (n <= 0 || !(ex->blanks = ex_calloc(c, (size_t)n, sizeof *ex->blanks)))
        return;
    for (int i = 0; i < n; i++) {
        char p[64];
        jr_index(p, sizeof p, "blanks", i);
        const json_t *o = jr_object_at(c, arr, "blanks", i);
        if (!o)
            continue;
        ExBlank *bl = &ex->blanks[ex->n_blanks++];
        bl->id = jr_string(c, o, p, "id", 1);
        bl->feedback = jr_string(c, o, p, "feedback", 0);
        char ap[96];
        jr_path(ap, sizeof ap, p, "answers");
        const json_t *ans = jr_array(c, o, p, "answers", 1);
        int na = jr_size(ans);
        if (ans && na == 0)
            jr_fail(c, ERR_EXERCISE, ap, N_("a blank needs at least one accepted answer"));
        if (na > 0 && (bl->answers = ex_calloc(c, (size_t)na, sizeof *bl->answers)))
            for (int k = 0; k < na; k++)
                if ((bl->answers[bl->n_answers] = jr_string_at(c, ans, ap, k)))
                    bl->n_answers++;
        if (!bl->id || !ex->text)
            continue;
        char gap[80];
        snprintf(gap, sizeof gap, "{{%s}}", bl->id);
        const char *first = strstr(ex->text, gap);
        if (!first)
            jr_fail(c, ERR_EXERCISE, p, N_("blank '%s' has no {{%s}} gap in the text"), bl->id, bl->id);
        else if (strstr(first + 1, gap))
            jr_fail(c, ERR_EXERCISE, p, N_("the gap {{%s}} appears twice in the text"), bl->id);
    }
    /* Every gap in the text needs a blank. */
    for (const char *s = ex->text; s && (s = strstr(s, "{{")); s += 2) {
        const char *e = strstr(s, "}}");
        if (!e)
            break;
        int found = 0;
        for (size_t i = 0; i < ex->n_blanks; i++)
            if (ex->blanks[i].id && strlen(ex->blanks[i].id) == (size_t)(e - s - 2) &&
                memcmp(ex->blanks[i].id, s + 2, (size_t)(e - s - 2)) == 0)
                found = 1;
        if (!found)
            jr_fail(c, ERR_EXERCISE, "text", N_("the gap %.*s has no entry in blanks"), (int)(e - s + 2), s);
    }
}

static long node_index(const Exercise *ex, const char *id)
{
    for (size_t i = 0; i < ex->n_nodes; i++)
        if (ex->nodes[i].id && id && strcmp(ex->nodes[i].id, id) == 0)
            return (long)i;
    return -1;
}

/* A branching scenario: choices lead to nodes; nodes without choices are endings. */
static void parse_scenario(JsonCtx *c, Exercise *ex)
{
    ex->start = jr_string(c, ex->root, "", "start", 1);
    const json_t *arr;
    int n = array_at_least(c, ex->root, "nodes", 2, &arr);
    if (n <= 0 || !(ex->nodes = ex_calloc(c, (size_t)n, sizeof *ex->nodes)))
        return;
    for (int i = 0; i < n; i++) {
        char p[64];
        jr_index(p, sizeof p, "nodes", i);
        const json_t *o = jr_object_at(c, arr, "nodes", i);
        if (!o)
            continue;
        ExNode *nd = &ex->nodes[ex->n_nodes++];
        nd->id = jr_string(c, o, p, "id", 1);
        nd->text = jr_string(c, o, p, "text", 1);
        nd->ending = jr_string(c, o, p, "ending", 0);
        char f[96];
        if (nd->id && node_index(ex, nd->id) != (long)ex->n_nodes - 1)
            jr_fail(c, ERR_ORDER_DUPLICATE, jr_path(f, sizeof f, p, "id"), N_("two nodes have the id '%s'"), nd->id);
        if (nd->ending && strcmp(nd->ending, "good") && strcmp(nd->ending, "neutral") && strcmp(nd->ending, "bad"))
            jr_fail(c, ERR_JSON_VALUE, jr_path(f, sizeof f, p, "ending"),
                    N_("unknown ending '%s'; use good, neutral or bad"), nd->ending);
        const json_t *ch = jr_array(c, o, p, "choices", 0);
        int nc = jr_size(ch);
        if (nc == 0 && !nd->ending)
            jr_fail(c, ERR_SCENARIO_ENDING, p, N_("node has no choices and is not marked as an ending"));
        if (nc > 0 && nd->ending)
            jr_fail(c, ERR_EXERCISE, p, N_("an ending node cannot have choices"));
        if (nc > 0 && (nd->choices = ex_calloc(c, (size_t)nc, sizeof *nd->choices)))
            for (int k = 0; k < nc; k++) {
                char cp[96];
                jr_index(cp, sizeof cp, jr_path(f, sizeof f, p, "choices"), k);
                const json_t *co = jr_object_at(c, ch, f, k);
                if (!co)
                    continue;
                ExChoice *choice = &nd->choices[nd->n_choices++];
                choice->text = jr_string(c, co, cp, "text", 1);
                choice->target = jr_string(c, co, cp, "goto", 1);
                choice->feedback = jr_string(c, co, cp, "feedback", 0);
            }
    }
    /* Targets exist, some ending exists, every node is reachable from the start. */
    int endings = 0;
    for (size_t i = 0; i < ex->n_nodes; i++) {
        endings += ex->nodes[i].ending != NULL;
        for (size_t k = 0; k < ex->nodes[i].n_choices; k++) {
            const char *t = ex->nodes[i].choices[k].target;
            if (t && node_index(ex, t) < 0)
                jr_fail(c, ERR_SCENARIO_TARGET, "nodes", N_("node '%s' leads to '%s', which does not exist"),
                        ex->nodes[i].id ? ex->nodes[i].id : "?", t);
        }
    }
    if (endings == 0)
        jr_fail(c, ERR_SCENARIO_ENDING, "nodes", N_("the scenario has no ending node"));
    long s = ex->start ? node_index(ex, ex->start) : -1;
    if (ex->start && s < 0)
        jr_fail(c, ERR_SCENARIO_TARGET, "start", N_("start node '%s' does not exist"), ex->start);
    unsigned char *seen = ex_calloc(c, ex->n_nodes + 1, 1);
    size_t *queue = ex_calloc(c, ex->n_nodes + 1, sizeof *queue);
    if (s >= 0 && seen && queue) {
        size_t head = 0, tail = 0;
        seen[s] = 1;
        queue[tail++] = (size_t)s;
        while (head < tail) {
            const ExNode *nd = &ex->nodes[queue[head++]];
            for (size_t k = 0; k < nd->n_choices; k++) {
                long t = node_index(ex, nd->choices[k].target);
                if (t >= 0 && !seen[t]) {
                    seen[t] = 1;
                    queue[tail++] = (size_t)t;
                }
            }
        }
        for (size_t i = 0; i < ex->n_nodes; i++)
            if (!seen[i] && ex->nodes[i].id)
                jr_fail(c, ERR_SCENARIO_UNREACHABLE, "nodes", N_("node '%s' cannot be reached from the start"),
                        ex->nodes[i].id);
    }
    free(seen);
    free(queue);
}

static void parse_body(JsonCtx *c, Exercise *ex)
{
    ex->prompt = jr_string(c, ex->root, "", "prompt", 1);
    ex->explanation = jr_string(c, ex->root, "", "explanation", 0);
    switch (ex->type) {
    case EX_SINGLE_CHOICE:
    case EX_MULTIPLE_CHOICE:
        parse_options(c, ex, "options", 2);
        break;
    case EX_MATCHING:
        parse_options(c, ex, "pairs", 2);
        break;
    case EX_ORDERING:
        parse_options(c, ex, "items", 2);
        break;
    case EX_TRUE_FALSE:
        ex->answer = jr_bool(c, ex->root, "", "answer", 1, 0);
        ex->feedback_true = jr_string(c, ex->root, "", "feedback_true", 0);
        ex->feedback_false = jr_string(c, ex->root, "", "feedback_false", 0);
        break;
    case EX_FILL_BLANKS:
        parse_blanks(c, ex);
        break;
    case EX_REFLECTION:
        ex->min_words = (int)jr_int(c, ex->root, "", "min_words", 0, 0, 10000, 0);
        break;
    case EX_DISCUSSION: {
        ex->minutes = (int)jr_int(c, ex->root, "", "minutes", 0, 0, 600, 0);
        const json_t *q = jr_array(c, ex->root, "", "questions", 0);
        int n = jr_size(q);
        if (n > 0 && (ex->questions = ex_calloc(c, (size_t)n, sizeof *ex->questions)))
            for (int i = 0; i < n; i++)
                if ((ex->questions[ex->n_questions] = jr_string_at(c, q, "questions", i)))
                    ex->n_questions++;
        break;
    }
    case EX_SCENARIO:
        parse_scenario(c, ex);
        break;
    case EX_TYPE_COUNT:
        break;
    }
}

int exercise_parse(const char *json, size_t len, const PackLimits *lim, const Err *label, const char *entry,
                   ErrList *all, Exercise **out, Err *err)
{
    *out = NULL;
    JsonCtx c;
    jr_init(&c, label, lim, entry, all);
    Exercise *ex = calloc(1, sizeof *ex);
    if (!ex)
        return err_set(err, ERR_NOMEM, entry, N_("out of memory"));
    ex->root = jr_parse(&c, json, len);
    if (ex->root) {
        const char *type = jr_string(&c, ex->root, "", "type", 1);
        ex->type = EX_TYPE_COUNT;
        for (int i = 0; type && i < EX_TYPE_COUNT; i++)
            if (strcmp(type, type_names[i]) == 0)
                ex->type = (ExerciseType)i;
        if (type && ex->type == EX_TYPE_COUNT)
            jr_fail(&c, ERR_JSON_VALUE, "type",
                    N_("unknown exercise type '%s'; see docs/pack-format.md for the nine types"), type);
        else if (type)
            parse_body(&c, ex);
    }
    if (c.failed) {
        if (err)
            *err = c.first;
        exercise_free(ex);
        return c.failed;
    }
    *out = ex;
    return 0;
}

void exercise_free(Exercise *ex)
{
    if (!ex)
        return;
    for (size_t i = 0; i < ex->n_blanks; i++)
        free(ex->blanks[i].answers);
    for (size_t i = 0; i < ex->n_nodes; i++)
        free(ex->nodes[i].choices);
    free(ex->options);
    free(ex->blanks);
    free(ex->questions);
    free(ex->nodes);
    json_decref(ex->root);
    free(ex);
}
