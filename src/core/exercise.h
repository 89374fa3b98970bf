/* exercise: exercise JSON files (nine types) parsed and checked for structural sense. */
#ifndef BESEDA_EXERCISE_H
#define BESEDA_EXERCISE_H

#include <jansson.h>
#include <stddef.h>

#include "err.h"
#include "pack.h"

typedef enum {
    EX_SINGLE_CHOICE,
    EX_MULTIPLE_CHOICE,
    EX_TRUE_FALSE,
    EX_MATCHING,
    EX_ORDERING,
    EX_FILL_BLANKS,
    EX_REFLECTION,
    EX_DISCUSSION,
    EX_SCENARIO,
    EX_TYPE_COUNT
} ExerciseType;

/* All strings point into the parsed JSON owned by the Exercise; they live until exercise_free. Texts are
   inline Markdown. */
typedef struct {
    const char *id;
    const char *text;     /* choice text, ordering step, matching left side */
    const char *match;    /* matching: the right side */
    int correct;          /* choice: part of the right answer */
    const char *feedback; /* shown after answering, may be NULL */
} ExOption;

typedef struct {
    const char *id;
    const char **answers; /* accepted answers, compared case-insensitively after trimming */
    size_t n_answers;
    const char *feedback;
} ExBlank;

typedef struct {
    const char *text;
    const char *target; /* node id */
    const char *feedback;
} ExChoice;

typedef struct {
    const char *id;
    const char *text;
    ExChoice *choices;
    size_t n_choices;
    const char *ending; /* "good", "neutral" or "bad" for an ending node, NULL otherwise */
} ExNode;

typedef struct {
    json_t *root;
    ExerciseType type;
    const char *prompt;
    const char *explanation;
    ExOption *options; /* choices, ordering steps (in the right order), matching pairs */
    size_t n_options;
    int answer; /* true_false */
    const char *feedback_true, *feedback_false;
    const char *text; /* fill_blanks: text with {{id}} gaps */
    ExBlank *blanks;
    size_t n_blanks;
    const char **questions; /* discussion */
    size_t n_questions;
    int minutes;       /* discussion: suggested group time */
    int min_words;     /* reflection */
    const char *start; /* scenario */
    ExNode *nodes;
    size_t n_nodes;
} Exercise;

/* Parses exercise JSON from pack entry 'entry'. Every problem goes into 'all' (when non-NULL), the first into
   'err'; 'label' primes the pack name. On failure *out is NULL. */
int exercise_parse(const char *json, size_t len, const PackLimits *lim, const Err *label, const char *entry,
                   ErrList *all, Exercise **out, Err *err);
void exercise_free(Exercise *ex);
const char *exercise_type_name(ExerciseType t);
/* "A good ending." and so on for a scenario ending's kind, untranslated (N_): pass it through gettext. */
const char *exercise_ending_label(const char *ending);

#endif
