/* answer: a learner's answer to an exercise, its grading and its stored form. */
#include "answer.h"

#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

#include "text.h"

enum { ANSWER_MAX_PATH = 1000 }; /* scenario steps kept; a longer walk is refused when read back */

static size_t value_count(const Exercise *ex)
{
    switch (ex->type) {
    case EX_SINGLE_CHOICE:
    case EX_MULTIPLE_CHOICE:
    case EX_MATCHING:
    case EX_ORDERING:
        return ex->n_options;
    case EX_TRUE_FALSE:
        return 1;
    default:
        return 0;
    }
}

static size_t text_count(const Exercise *ex)
{
    if (ex->type == EX_FILL_BLANKS)
        return ex->n_blanks;
    return ex->type == EX_REFLECTION || ex->type == EX_DISCUSSION ? 1 : 0;
}

/* splitmix64: a small, well-mixed generator; the shuffle only has to be the same on every machine. */
static uint64_t mix(uint64_t *s)
{
    uint64_t z = (*s += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
}

uint64_t answer_seed(const char *a, const char *b)
{
    uint64_t h = 1469598103934665603ull; /* FNV-1a */
    for (const char *s = a ? a : ""; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    h = (h ^ 0xff) * 1099511628211ull;
    for (const char *s = b ? b : ""; *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ull;
    return h;
}

void answer_shuffle(uint64_t seed, int *out, size_t n)
{
    for (size_t i = 0; i < n; i++)
        out[i] = (int)i;
    for (size_t i = n; i > 1; i--) { /* Fisher-Yates */
        size_t j = (size_t)(mix(&seed) % i);
        int t = out[i - 1];
        out[i - 1] = out[j];
        out[j] = t;
    }
}

void answer_match_order(uint64_t seed, int *out, size_t n)
{
    answer_shuffle(seed ^ 0x5bd1e995u, out, n); /* not the ordering exercise's own start order */
}

char *answer_gap_text(const Exercise *ex, AnswerGapFn gap, void *user)
{
    StrBuf b = {0};
    for (const char *s = ex->text ? ex->text : ""; *s;) {
        const char *g = strstr(s, "{{"), *e = g ? strstr(g + 2, "}}") : NULL;
        if (!e) {
            sb_put(&b, s);
            break;
        }
        sb_put_n(&b, s, (size_t)(g - s));
        size_t i = 0, n = (size_t)(e - g - 2);
        while (i < ex->n_blanks &&
               !(ex->blanks[i].id && strlen(ex->blanks[i].id) == n && memcmp(ex->blanks[i].id, g + 2, n) == 0))
            i++;
        gap(user, &b, i);
        s = e + 2;
    }
    return sb_take(&b);
}

int answer_init(Answer *ans, const Exercise *ex, uint64_t seed)
{
    memset(ans, 0, sizeof *ans);
    ans->n = value_count(ex);
    ans->nt = text_count(ex);
    ans->v = calloc(ans->n ? ans->n : 1, sizeof *ans->v);
    ans->t = calloc(ans->nt ? ans->nt : 1, sizeof *ans->t);
    if (!ans->v || !ans->t) {
        answer_free(ans);
        return -1;
    }
    if (ex->type == EX_TRUE_FALSE)
        ans->v[0] = -1;
    for (size_t i = 0; ex->type == EX_MATCHING && i < ans->n; i++)
        ans->v[i] = -1;
    if (ex->type == EX_ORDERING) {
        answer_shuffle(seed, ans->v, ans->n);
        int sorted = 1;
        for (size_t i = 0; i < ans->n; i++)
            sorted &= ans->v[i] == (int)i;
        if (sorted && ans->n > 1) { /* never start with the answer: turn it by one */
            for (size_t i = 0; i < ans->n; i++)
                ans->v[i] = (int)((i + 1) % ans->n);
        }
    }
    return 0;
}

void answer_free(Answer *ans)
{
    for (size_t i = 0; ans->t && i < ans->nt; i++)
        free(ans->t[i]);
    free(ans->t);
    free(ans->v);
    memset(ans, 0, sizeof *ans);
}

int answer_set_text(Answer *ans, size_t i, const char *text)
{
    if (i >= ans->nt)
        return -1;
    char *c = strdup(text ? text : "");
    if (!c)
        return -1;
    free(ans->t[i]);
    ans->t[i] = c;
    return 0;
}

/* ---- grading ---------------------------------------------------------------------------------------------- */

/* The span of 's' without leading and trailing white space (any script's). */
static const char *trim(const char *s, size_t *len)
{
    const uint8_t *p = (const uint8_t *)s, *end = p + strlen(s);
    ucs4_t c;
    int n;
    while (p < end && (n = u8_mbtouc(&c, p, (size_t)(end - p))) > 0 && uc_is_property_white_space(c))
        p += n;
    while (end > p) {
        const uint8_t *q = u8_prev(&c, end, p);
        if (!q || !uc_is_property_white_space(c))
            break;
        end = q;
    }
    *len = (size_t)(end - p);
    return (const char *)p;
}

int answer_blank_ok(const ExBlank *b, const char *typed)
{
    size_t tl, al;
    const char *t = trim(typed ? typed : "", &tl);
    if (tl == 0)
        return 0;
    for (size_t i = 0; i < b->n_answers; i++) {
        const char *s = trim(b->answers[i], &al);
        int r = 1;
        if (u8_casecmp((const uint8_t *)t, tl, (const uint8_t *)s, al, NULL, UNINORM_NFC, &r) == 0 && r == 0)
            return 1;
    }
    return 0;
}

size_t answer_words(const char *text)
{
    size_t words = 0;
    int counted = 0; /* the current run of non-space characters has a letter or digit: it is a word */
    const uint8_t *p = (const uint8_t *)(text ? text : ""), *end = p + strlen((const char *)p);
    while (p < end) {
        ucs4_t c;
        int n = u8_mbtouc(&c, p, (size_t)(end - p));
        int space = uc_is_property_white_space(c);
        if (space)
            counted = 0;
        else if (!counted && (uc_is_alpha(c) || uc_is_digit(c))) { /* a dash or a bullet alone is no word */
            words++;
            counted = 1;
        }
        p += n > 0 ? n : 1;
    }
    return words;
}

int answer_part_ok(const Exercise *ex, const Answer *ans, size_t i)
{
    switch (ex->type) {
    case EX_SINGLE_CHOICE:
    case EX_MULTIPLE_CHOICE:
        return i < ans->n && i < ex->n_options && (ans->v[i] != 0) == (ex->options[i].correct != 0);
    case EX_TRUE_FALSE:
        return ans->n == 1 && ans->v[0] == (ex->answer != 0);
    case EX_MATCHING:
    case EX_ORDERING:
        return i < ans->n && ans->v[i] == (int)i;
    case EX_FILL_BLANKS:
        return i < ans->nt && i < ex->n_blanks && answer_blank_ok(&ex->blanks[i], ans->t[i]);
    default:
        return 0;
    }
}

static int has_text(const Answer *ans, size_t i)
{
    size_t len;
    return i < ans->nt && ans->t[i] && (trim(ans->t[i], &len), len > 0);
}

int answer_ready(const Exercise *ex, const Answer *ans)
{
    switch (ex->type) {
    case EX_SINGLE_CHOICE:
    case EX_MULTIPLE_CHOICE:
        for (size_t i = 0; i < ans->n; i++)
            if (ans->v[i])
                return 1;
        return 0;
    case EX_TRUE_FALSE:
        return ans->n == 1 && ans->v[0] >= 0;
    case EX_MATCHING:
        for (size_t i = 0; i < ans->n; i++)
            if (ans->v[i] < 0)
                return 0;
        return 1;
    case EX_ORDERING:
        return 1;
    case EX_FILL_BLANKS:
        for (size_t i = 0; i < ans->nt; i++)
            if (has_text(ans, i))
                return 1;
        return 0;
    case EX_REFLECTION:
        return has_text(ans, 0);
    case EX_DISCUSSION:
        return 1; /* discussed: notes are optional */
    case EX_SCENARIO: {
        const ExNode *nd = answer_scenario_node(ex, ans);
        return nd && nd->ending;
    }
    default:
        return 0;
    }
}

double answer_score(const Exercise *ex, const Answer *ans)
{
    size_t ok = 0;
    switch (ex->type) {
    case EX_SINGLE_CHOICE:
    case EX_TRUE_FALSE:
        for (size_t i = 0; i < ans->n; i++)
            if (!answer_part_ok(ex, ans, i))
                return 0;
        return ans->n ? 1 : 0;
    case EX_MULTIPLE_CHOICE: {
        /* (correct chosen - wrong chosen) / correct options, not below 0 */
        long right = 0, wrong = 0, total = 0;
        for (size_t i = 0; i < ans->n && i < ex->n_options; i++) {
            total += ex->options[i].correct != 0;
            if (ans->v[i])
                ex->options[i].correct ? right++ : wrong++;
        }
        return total > 0 && right > wrong ? (double)(right - wrong) / (double)total : 0;
    }
    case EX_MATCHING:
    case EX_ORDERING:
        for (size_t i = 0; i < ans->n; i++)
            ok += answer_part_ok(ex, ans, i) != 0;
        return ans->n ? (double)ok / (double)ans->n : 0;
    case EX_FILL_BLANKS:
        for (size_t i = 0; i < ans->nt; i++)
            ok += answer_part_ok(ex, ans, i) != 0;
        return ans->nt ? (double)ok / (double)ans->nt : 0;
    case EX_SCENARIO: {
        const ExNode *nd = answer_scenario_node(ex, ans);
        if (!nd || !nd->ending)
            return -1;
        return strcmp(nd->ending, "good") == 0 ? 1 : strcmp(nd->ending, "neutral") == 0 ? 0.5 : 0;
    }
    default:
        return -1;
    }
}

/* ---- scenarios --------------------------------------------------------------------------------------------- */

static const ExNode *node_by_id(const Exercise *ex, const char *id)
{
    for (size_t i = 0; id && i < ex->n_nodes; i++)
        if (ex->nodes[i].id && strcmp(ex->nodes[i].id, id) == 0)
            return &ex->nodes[i];
    return NULL;
}

const ExNode *answer_scenario_node(const Exercise *ex, const Answer *ans)
{
    if (ex->type != EX_SCENARIO)
        return NULL;
    const ExNode *nd = node_by_id(ex, ex->start);
    for (size_t k = 0; nd && k < ans->n; k++) {
        if (ans->v[k] < 0 || (size_t)ans->v[k] >= nd->n_choices)
            return NULL;
        nd = node_by_id(ex, nd->choices[ans->v[k]].target);
    }
    return nd;
}

const ExChoice *answer_scenario_last(const Exercise *ex, const Answer *ans)
{
    if (ex->type != EX_SCENARIO || ans->n == 0)
        return NULL;
    Answer before = *ans;
    before.n--;
    const ExNode *nd = answer_scenario_node(ex, &before);
    int k = ans->v[ans->n - 1];
    return nd && k >= 0 && (size_t)k < nd->n_choices ? &nd->choices[k] : NULL;
}

int answer_scenario_choose(const Exercise *ex, Answer *ans, size_t choice)
{
    const ExNode *nd = answer_scenario_node(ex, ans);
    if (!nd || choice >= nd->n_choices || ans->n >= ANSWER_MAX_PATH)
        return -1;
    int *v = realloc(ans->v, (ans->n + 1) * sizeof *v);
    if (!v)
        return -1;
    ans->v = v;
    ans->v[ans->n++] = (int)choice;
    return 0;
}

void answer_scenario_back(Answer *ans)
{
    if (ans->n > 0)
        ans->n--;
    ans->checked = 0;
}

/* ---- stored form ------------------------------------------------------------------------------------------- */

/* A learner's text as a JSON string; JSON holds only UTF-8, so broken bytes (never typed, but a text could come
   from elsewhere) become U+FFFD rather than the answer being lost. */
static json_t *text_value(const char *s)
{
    json_t *v = json_string(s);
    if (v)
        return v;
    size_t n = strlen(s);
    char *clean = malloc(3 * n + 1);
    v = clean ? json_stringn(clean, text_sanitize(s, n, clean)) : NULL;
    free(clean);
    return v;
}

/* The compact form the progress store has always held, e.g. {"v":[1,0],"t":[],"checked":false} (rows written
   before jansson, by cJSON, have the same form). */
char *answer_to_json(const Answer *ans)
{
    json_t *o = json_object(), *v = json_array(), *t = json_array();
    int failed = !o || !v || !t;
    failed |= json_object_set_new(o, "v", v) != 0; /* takes 'v' (and 't') even when it fails */
    failed |= json_object_set_new(o, "t", t) != 0;
    for (size_t i = 0; !failed && i < ans->n; i++)
        failed = json_array_append_new(v, json_integer(ans->v[i])) != 0;
    for (size_t i = 0; !failed && i < ans->nt; i++)
        failed = json_array_append_new(t, text_value(ans->t[i] ? ans->t[i] : "")) != 0;
    failed |= json_object_set_new(o, "checked", json_boolean(ans->checked != 0)) != 0;
    char *s = failed ? NULL : json_dumps(o, JSON_COMPACT);
    json_decref(o);
    return s;
}

/* Whether the values make sense for the exercise (stored by an older pack version, or edited by hand). */
static int values_fit(const Exercise *ex, const Answer *a)
{
    size_t n = ex->type == EX_SCENARIO ? a->n : value_count(ex);
    if (a->n != n || a->nt != text_count(ex))
        return 0;
    unsigned char *seen = calloc(n ? n : 1, 1);
    int ok = seen != NULL;
    for (size_t i = 0; ok && i < n; i++) {
        int x = a->v[i];
        switch (ex->type) {
        case EX_SINGLE_CHOICE:
        case EX_MULTIPLE_CHOICE:
            ok = x == 0 || x == 1;
            break;
        case EX_TRUE_FALSE:
            ok = x >= -1 && x <= 1;
            break;
        case EX_MATCHING:
            ok = x >= -1 && x < (int)n;
            break;
        case EX_ORDERING: /* a permutation */
            ok = x >= 0 && x < (int)n && !seen[x];
            if (ok)
                seen[x] = 1;
            break;
        default:
            break;
        }
    }
    free(seen);
    if (ok && ex->type == EX_SCENARIO)
        ok = answer_scenario_node(ex, a) != NULL;
    return ok;
}

int answer_from_json(const Exercise *ex, const char *json, Answer *ans)
{
    json_t *o = json ? json_loads(json, 0, NULL) : NULL;
    const json_t *v = json_object_get(o, "v"), *t = json_object_get(o, "t");
    Answer a = {0};
    int rc = -1;
    if (!json_is_array(v) || !json_is_array(t) || json_array_size(v) > ANSWER_MAX_PATH || json_array_size(t) > 10000)
        goto out;
    a.n = json_array_size(v);
    a.nt = json_array_size(t);
    a.v = calloc(a.n ? a.n : 1, sizeof *a.v);
    a.t = calloc(a.nt ? a.nt : 1, sizeof *a.t);
    if (!a.v || !a.t)
        goto out;
    size_t i;
    const json_t *e;
    json_array_foreach(v, i, e)
    {
        double x = json_number_value(e);
        if (!json_is_number(e) || x < -1 || x > 1e6)
            goto out;
        a.v[i] = (int)x;
    }
    json_array_foreach(t, i, e)
    {
        if (!json_is_string(e) || !(a.t[i] = strdup(json_string_value(e))))
            goto out;
    }
    a.checked = json_is_true(json_object_get(o, "checked"));
    if (!values_fit(ex, &a))
        goto out;
    *ans = a;
    a = (Answer){0};
    rc = 0;
out:
    answer_free(&a);
    json_decref(o);
    return rc;
}

static void hash_str(uint64_t *h, const char *s)
{
    for (; s && *s; s++)
        *h = (*h ^ (unsigned char)*s) * 1099511628211ull;
    *h = (*h ^ 0x1f) * 1099511628211ull; /* a separator, so "ab","c" differs from "a","bc" */
}

static void hash_int(uint64_t *h, long x)
{
    char b[32];
    snprintf(b, sizeof b, "%ld", x);
    hash_str(h, b);
}

void answer_shape(const Exercise *ex, char out[17])
{
    uint64_t h = 1469598103934665603ull;
    hash_str(&h, exercise_type_name(ex->type));
    hash_int(&h, (long)ex->n_options);
    for (size_t i = 0; i < ex->n_options; i++) {
        hash_str(&h, ex->options[i].id);
        hash_int(&h, ex->options[i].correct);
    }
    hash_int(&h, ex->answer);
    hash_int(&h, (long)ex->n_blanks);
    for (size_t i = 0; i < ex->n_blanks; i++)
        hash_str(&h, ex->blanks[i].id);
    hash_str(&h, ex->start);
    hash_int(&h, (long)ex->n_nodes);
    for (size_t i = 0; i < ex->n_nodes; i++) {
        hash_str(&h, ex->nodes[i].id);
        hash_str(&h, ex->nodes[i].ending);
        hash_int(&h, (long)ex->nodes[i].n_choices);
        for (size_t k = 0; k < ex->nodes[i].n_choices; k++)
            hash_str(&h, ex->nodes[i].choices[k].target);
    }
    snprintf(out, 17, "%016llx", (unsigned long long)h);
}
