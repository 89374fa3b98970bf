/* locale: locale overlays (locales/<lang>/locale.json) inside a pack or a locale pack, parsed and checked. */
#include "locale.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonread.h"

static const char PREFIX[] = "locales/";
static const char SUFFIX[] = "/locale.json";

size_t locale_list(const Pack *p, char ***langs)
{
    *langs = NULL;
    size_t n = 0, count = pack_entry_count(p);
    /* Entries are sorted, so the overlays come out sorted by language. */
    for (int pass = 0; pass < 2; pass++) {
        n = 0;
        for (size_t i = 0; i < count; i++) {
            const char *name = pack_entry_name(p, i);
            size_t len = strlen(name);
            if (strncmp(name, PREFIX, sizeof PREFIX - 1) != 0 || len <= sizeof PREFIX - 1 + sizeof SUFFIX - 1 ||
                strcmp(name + len - (sizeof SUFFIX - 1), SUFFIX) != 0)
                continue;
            const char *lang = name + sizeof PREFIX - 1;
            size_t ll = len - (sizeof PREFIX - 1) - (sizeof SUFFIX - 1);
            if (memchr(lang, '/', ll))
                continue; /* deeper than locales/<lang>/locale.json */
            if (pass == 1) {
                if (!((*langs)[n] = malloc(ll + 1))) {
                    locale_list_free(*langs, n);
                    *langs = NULL;
                    return 0;
                }
                memcpy((*langs)[n], lang, ll);
                (*langs)[n][ll] = '\0';
            }
            n++;
        }
        if (pass == 0 && (n == 0 || !(*langs = calloc(n, sizeof **langs))))
            return 0;
    }
    return n;
}

void locale_list_free(char **langs, size_t n)
{
    for (size_t i = 0; langs && i < n; i++)
        free(langs[i]);
    free(langs);
}

int locale_file(const Pack *p, const char *lang, const char *file, char *out, size_t size)
{
    int n = snprintf(out, size, "%s%s/%s", PREFIX, lang, file);
    if (n > 0 && (size_t)n < size && pack_find(p, out) >= 0)
        return 1;
    snprintf(out, size, "%s", file);
    return 0;
}

const char *locale_base_path(const char *entry)
{
    if (strncmp(entry, PREFIX, sizeof PREFIX - 1) != 0)
        return NULL;
    const char *slash = strchr(entry + sizeof PREFIX - 1, '/');
    return slash && slash[1] ? slash + 1 : NULL;
}

/* Reads { "<id>": { "title": ..., "summary": ... } } maps, checking ids against the base when known. */
static LocaleText *read_texts(JsonCtx *c, const json_t *root, const char *key, const Manifest *base, int lessons,
                              size_t *count, int *nomem)
{
    /* jansson iterates only a mutable object; nothing here changes it */
    json_t *obj = (json_t *)jr_object(c, root, "", key, 0);
    int n = jr_size(obj);
    *count = 0;
    if ((unsigned)n > c->lim->max_array_len) {
        jr_fail(c, ERR_ARRAY_SIZE, key, N_("has %d entries; the limit is %u"), n, c->lim->max_array_len);
        return NULL;
    }
    LocaleText *t = n > 0 ? calloc((size_t)n, sizeof *t) : NULL;
    if (n > 0 && !t) {
        *nomem = 1;
        return NULL;
    }
    const char *id;
    json_t *e;
    json_object_foreach(obj, id, e)
    {
        char path[128];
        jr_path(path, sizeof path, key, id);
        if (!json_is_object(e)) {
            jr_fail(c, ERR_JSON_TYPE, path, N_("must be an object { ... }"));
            continue;
        }
        int known = !base;
        for (size_t i = 0; base && lessons && i < base->n_lessons; i++)
            known |= base->lessons[i].id && strcmp(base->lessons[i].id, id) == 0;
        if (base && !lessons)
            known = manifest_find_item(base, id, NULL) != NULL;
        if (!known)
            jr_fail(c, ERR_UNKNOWN_ITEM, path,
                    lessons ? N_("the pack has no lesson with the id '%s'")
                            : N_("the pack has no item with the id '%s'"),
                    id);
        LocaleText *lt = &t[(*count)++];
        const char *title = jr_string(c, e, path, "title", 0), *summary = jr_string(c, e, path, "summary", 0);
        if ((!(lt->id = strdup(id))) || (title && !(lt->title = strdup(title))) ||
            (summary && !(lt->summary = strdup(summary))))
            *nomem = 1;
    }
    return t;
}

static void read_ops(JsonCtx *c, const Pack *p, const json_t *root, const Manifest *base, Locale *l, int *nomem)
{
    const json_t *arr = jr_array(c, root, "", "adapt", 0);
    int n = jr_size(arr);
    if (n > 0 && !(l->ops = calloc((size_t)n, sizeof *l->ops))) {
        *nomem = 1;
        return;
    }
    for (int i = 0; i < n; i++) {
        char path[64], f[96];
        jr_index(path, sizeof path, "adapt", i);
        const json_t *o = jr_object_at(c, arr, "adapt", i);
        if (!o)
            continue;
        LocaleOp *op = &l->ops[l->n_ops++];
        const char *kind = jr_string(c, o, path, "op", 1);
        const char *target = NULL;
        if (!kind)
            continue;
        if (strcmp(kind, "replace") == 0 || strcmp(kind, "remove") == 0) {
            op->kind = kind[2] == 'p' ? LOCALE_OP_REPLACE : LOCALE_OP_REMOVE;
            target = jr_string(c, o, path, "item", 1);
        } else if (strcmp(kind, "insert") == 0) {
            op->kind = LOCALE_OP_INSERT;
            target = jr_string(c, o, path, "after", 0);
            const char *lesson = jr_string(c, o, path, "lesson", 0);
            if (!target == !lesson)
                jr_fail(c, ERR_LOCALE, path,
                        N_("an insert names either \"after\" (an item id) or \"lesson\" (to insert "
                           "at the start of a lesson), not both"));
            if (lesson && !(op->lesson = strdup(lesson)))
                *nomem = 1;
            int found = !base || !lesson;
            for (size_t k = 0; base && lesson && k < base->n_lessons; k++)
                found |= base->lessons[k].id && strcmp(base->lessons[k].id, lesson) == 0;
            if (!found)
                jr_fail(c, ERR_UNKNOWN_ITEM, jr_path(f, sizeof f, path, "lesson"),
                        N_("the pack has no lesson with the id '%s'"), lesson);
        } else {
            jr_fail(c, ERR_LOCALE, jr_path(f, sizeof f, path, "op"),
                    N_("unknown operation '%s'; use replace, insert or remove"), kind);
            continue;
        }
        if (target && base && !manifest_find_item(base, target, NULL))
            jr_fail(c, ERR_UNKNOWN_ITEM, path, N_("the pack has no item with the id '%s'"), target);
        if (target && !(op->target = strdup(target)))
            *nomem = 1;
        if (op->kind != LOCALE_OP_REMOVE) {
            const json_t *item = jr_object(c, o, path, op->kind == LOCALE_OP_REPLACE ? "with" : "item", 1);
            if (item)
                manifest_parse_item(c, p, item,
                                    jr_path(f, sizeof f, path, op->kind == LOCALE_OP_REPLACE ? "with" : "item"),
                                    &op->item, nomem);
            /* Added items have ids of their own: progress for them must not mix with a base item's. */
            const char *id = op->item.id;
            int taken = id && base && manifest_find_item(base, id, NULL);
            for (size_t k = 0; id && k + 1 < l->n_ops; k++)
                taken |= l->ops[k].item.id && strcmp(l->ops[k].item.id, id) == 0;
            if (taken)
                jr_fail(c, ERR_DUPLICATE_ID, path,
                        N_("the item id '%s' is already used; an added or replacing item needs an id of its own"), id);
        }
    }
}

int locale_load(Pack *p, const char *lang, const Manifest *base, ErrList *all, Locale **out, Err *err)
{
    *out = NULL;
    char entry[300];
    snprintf(entry, sizeof entry, "%s%s%s", PREFIX, lang, SUFFIX);
    Err label;
    pack_err_init(p, &label);
    JsonCtx c;
    jr_init(&c, &label, pack_limits(p), entry, all);
    char *json = NULL;
    size_t len = 0;
    Err rerr = label;
    if (pack_read(p, entry, pack_limits(p)->max_json_size, &json, &len, &rerr) != 0) {
        if (all)
            errlist_add(all, &rerr);
        if (err)
            *err = rerr;
        return -(int)rerr.code;
    }
    Locale *l = calloc(1, sizeof *l);
    int nomem = !l;
    json_t *root = l ? jr_parse(&c, json, len) : NULL;
    if (root) {
        const char *language = jr_string(&c, root, "", "language", 1);
        size_t dirlen = strcspn(lang, "/");
        if (language && (strlen(language) != dirlen || strncmp(language, lang, dirlen) != 0))
            jr_fail(&c, ERR_LOCALE, "language", N_("says '%s' but the folder is locales/%.*s/"), language, (int)dirlen,
                    lang);
        else if (language && !manifest_valid_language(language))
            jr_fail(&c, ERR_JSON_VALUE, "language", N_("'%s' is not a language tag such as en, ru or pt-BR"), language);
        const char *title = jr_string(&c, root, "", "title", 0), *desc = jr_string(&c, root, "", "description", 0);
        if ((language && !(l->language = strdup(language))) || (title && !(l->title = strdup(title))) ||
            (desc && !(l->description = strdup(desc))))
            nomem = 1;
        l->lessons = read_texts(&c, root, "lessons", base, 1, &l->n_lessons, &nomem);
        l->items = read_texts(&c, root, "items", base, 0, &l->n_items, &nomem);
        read_ops(&c, p, root, base, l, &nomem);
    }
    json_decref(root);
    free(json);
    if (nomem && !c.failed)
        jr_fail(&c, ERR_NOMEM, NULL, N_("out of memory"));
    if (c.failed) {
        if (err)
            *err = c.first;
        locale_free(l);
        return c.failed;
    }
    *out = l;
    return 0;
}

static void free_texts(LocaleText *t, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        free(t[i].id);
        free(t[i].title);
        free(t[i].summary);
    }
    free(t);
}

void locale_free(Locale *l)
{
    if (!l)
        return;
    free_texts(l->lessons, l->n_lessons);
    free_texts(l->items, l->n_items);
    for (size_t i = 0; i < l->n_ops; i++) {
        free(l->ops[i].target);
        free(l->ops[i].lesson);
        manifest_item_free(&l->ops[i].item);
    }
    free(l->ops);
    free(l->language);
    free(l->title);
    free(l->description);
    free(l);
}
