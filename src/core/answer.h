/* answer: a learner's answer to an exercise, its grading (the scoring rules of docs/pack-format.md) and its
   stored form (a small JSON text). No display: the reader and the tests share it. */
#ifndef BESEDA_ANSWER_H
#define BESEDA_ANSWER_H

#include <stddef.h>
#include <stdint.h>

#include "exercise.h"
#include "strbuf.h"

/* What 'v' and 't' hold depends on the exercise type:
   - single_choice, multiple_choice: n = options, v[i] = 1 when option i is chosen;
   - true_false: n = 1, v[0] = -1 (none yet), 0 (false) or 1 (true);
   - matching: n = pairs, v[i] = the pair whose right side is put beside left side i, -1 for none;
   - ordering: n = items, v[k] = the item shown at position k;
   - fill_blanks: nt = blanks, t[i] = what was typed in blank i;
   - reflection, discussion: nt = 1, t[0] = the learner's text;
   - scenario: v[0..n) = the choice taken at each step from the start (the path walked).
   'checked' is set once the answer was checked (or, for unscored types, marked done). */
typedef struct {
    int *v;
    size_t n;
    char **t;
    size_t nt;
    int checked;
} Answer;

/* A fresh answer. Ordering starts in an order that differs from the right one, fixed by 'seed' (the same item
   always starts the same way). Returns 0, or -1 when out of memory. */
int answer_init(Answer *ans, const Exercise *ex, uint64_t seed);
void answer_free(Answer *ans);

/* A deterministic permutation of 0..n-1 from 'seed' (the matching column's order). 'out' has n entries. */
void answer_shuffle(uint64_t seed, int *out, size_t n);
/* A seed from text (e.g. pack id and item id). */
uint64_t answer_seed(const char *a, const char *b);
/* The order in which a matching exercise offers its right-hand sides for 'seed' (the same for the learner and on
   the lecture's projector). 'out' has n entries. */
void answer_match_order(uint64_t seed, int *out, size_t n);

/* A fill-in exercise's text with each {{id}} gap replaced by what 'gap' writes for blank i (i == n_blanks for a gap
   naming no blank). Caller frees; NULL when out of memory. */
typedef void (*AnswerGapFn)(void *user, StrBuf *out, size_t blank);
char *answer_gap_text(const Exercise *ex, AnswerGapFn gap, void *user);

/* The score in [0, 1], or -1 for types that are not scored (reflection, discussion) and for a scenario that has
   not reached an ending. */
double answer_score(const Exercise *ex, const Answer *ans);
/* Whether part i is right: option i (choice: chosen exactly when correct), pair i, position i, blank i. */
int answer_part_ok(const Exercise *ex, const Answer *ans, size_t i);
/* Whether the answer can be checked: something chosen, every pair matched, a blank filled, text written, an
   ending reached. */
int answer_ready(const Exercise *ex, const Answer *ans);
/* Whether 'typed' is one of the blank's accepted answers (trimmed, case ignored in any script). */
int answer_blank_ok(const ExBlank *b, const char *typed);
/* Words in a text: runs of non-space characters with a letter or digit in them (a dash or a bullet alone is none). */
size_t answer_words(const char *text);

/* Scenario: the node the learner is at, the ending reached (NULL when none), a step and a step back. */
const ExNode *answer_scenario_node(const Exercise *ex, const Answer *ans);
int answer_scenario_choose(const Exercise *ex, Answer *ans, size_t choice);
void answer_scenario_back(Answer *ans);
/* The choice taken to arrive at the current node (its feedback is shown there), or NULL at the start. */
const ExChoice *answer_scenario_last(const Exercise *ex, const Answer *ans);

/* Sets text slot i (copying 'text'). Returns 0 or -1 when out of memory. */
int answer_set_text(Answer *ans, size_t i, const char *text);

/* The stored form: JSON text (caller frees), and back. answer_from_json refuses (returns -1, 'ans' untouched)
   a text that does not fit the exercise: wrong counts, indices out of range, a path that leaves the graph. */
char *answer_to_json(const Answer *ans);
int answer_from_json(const Exercise *ex, const char *json, Answer *ans);

/* A hash of the exercise's structure (type, ids, counts, right answers), the same in every language: a stored
   answer applies to a newer version of the pack only while this is unchanged. 16 hex digits + NUL. */
void answer_shape(const Exercise *ex, char out[17]);

#endif
