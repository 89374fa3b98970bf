/* activity: facilitated classroom activities, with the structured fields of the Compass template. */
#ifndef BESEDA_ACTIVITY_H
#define BESEDA_ACTIVITY_H

#include <jansson.h>
#include <stddef.h>

#include "err.h"
#include "pack.h"

typedef struct {
    const char **v;
    size_t n;
} StrList;

/* Strings point into JSON owned by the Activity and live until activity_free. Texts are Markdown. */
typedef struct Activity {
    json_t *root;
    const char *overview;
    int complexity;           /* 1 (easy) to 4 (demanding) */
    int group_min, group_max; /* participants */
    int minutes;
    StrList themes, related_rights, objectives, materials, preparation, instructions, debriefing, tips, variations,
        follow_up;
} Activity;

/* Parses activity JSON from pack entry 'entry' (problems as for exercise_parse). */
int activity_parse(const char *json, size_t len, const PackLimits *lim, const Err *label, const char *entry,
                   ErrList *all, Activity **out, Err *err);
void activity_free(Activity *a);

#endif
