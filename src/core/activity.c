/* activity: facilitated classroom activities, with the structured fields of the Compass template. */
#include "activity.h"

#include <stdlib.h>

#include "jsonread.h"

/* Reads a list of strings; 'required' lists must hold at least one. */
static void read_list(JsonCtx *c, const json_t *root, const char *key, int required, StrList *out)
{
    const json_t *arr = jr_array(c, root, "", key, required);
    int n = jr_size(arr);
    if (arr && required && n == 0)
        jr_fail(c, ERR_JSON_VALUE, key, N_("an activity needs at least one entry here"));
    if (n > 0 && !(out->v = calloc((size_t)n, sizeof *out->v))) {
        jr_fail(c, ERR_NOMEM, key, N_("out of memory"));
        return;
    }
    for (int i = 0; i < n; i++)
        if ((out->v[out->n] = jr_string_at(c, arr, key, i)))
            out->n++;
}

int activity_parse(const char *json, size_t len, const PackLimits *lim, const Err *label, const char *entry,
                   ErrList *all, Activity **out, Err *err)
{
    *out = NULL;
    JsonCtx c;
    jr_init(&c, label, lim, entry, all);
    Activity *a = calloc(1, sizeof *a);
    if (!a)
        return err_set(err, ERR_NOMEM, entry, N_("out of memory"));
    a->root = jr_parse(&c, json, len);
    if (a->root) {
        const json_t *r = a->root;
        a->overview = jr_string(&c, r, "", "overview", 1);
        a->complexity = (int)jr_int(&c, r, "", "complexity", 1, 1, 4, 1);
        a->minutes = (int)jr_int(&c, r, "", "time", 1, 1, 1440, 0);
        const json_t *g = jr_object(&c, r, "", "group_size", 1);
        if (g) {
            a->group_min = (int)jr_int(&c, g, "group_size", "min", 1, 1, 10000, 1);
            a->group_max = (int)jr_int(&c, g, "group_size", "max", 1, 1, 10000, 1);
            if (a->group_max < a->group_min)
                jr_fail(&c, ERR_JSON_VALUE, "group_size", N_("max (%d) is smaller than min (%d)"), a->group_max,
                        a->group_min);
        }
        read_list(&c, r, "themes", 1, &a->themes);
        read_list(&c, r, "related_rights", 0, &a->related_rights);
        read_list(&c, r, "objectives", 1, &a->objectives);
        read_list(&c, r, "materials", 0, &a->materials);
        read_list(&c, r, "preparation", 0, &a->preparation);
        read_list(&c, r, "instructions", 1, &a->instructions);
        read_list(&c, r, "debriefing", 1, &a->debriefing);
        read_list(&c, r, "tips", 0, &a->tips);
        read_list(&c, r, "variations", 0, &a->variations);
        read_list(&c, r, "follow_up", 0, &a->follow_up);
    }
    if (c.failed) {
        if (err)
            *err = c.first;
        activity_free(a);
        return c.failed;
    }
    *out = a;
    return 0;
}

void activity_free(Activity *a)
{
    if (!a)
        return;
    StrList *lists[] = {&a->themes,       &a->related_rights, &a->objectives, &a->materials,  &a->preparation,
                        &a->instructions, &a->debriefing,     &a->tips,       &a->variations, &a->follow_up};
    for (size_t i = 0; i < sizeof lists / sizeof lists[0]; i++)
        free(lists[i]->v);
    json_decref(a->root);
    free(a);
}
