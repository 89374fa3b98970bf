/* manifest: pack.json parsed into structs, with every field and reference checked. */
#include "manifest.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "entryname.h"
#include "jsonread.h"
#include "version.h"

static const char *const kind_names[] = {"page", "exercise", "activity"};

int manifest_lesson_minutes(const Lesson *l)
{
    if (l->duration > 0)
        return l->duration;
    int total = 0;
    for (size_t i = 0; i < l->n_items; i++)
        total += l->items[i].optional ? 0 : l->items[i].duration;
    return total;
}

const char *manifest_kind_name(ItemKind k)
{
    return (unsigned)k < 3 ? kind_names[k] : "?";
}

static char *dup_or_null(const char *s, int *nomem)
{
    if (!s)
        return NULL;
    char *d = strdup(s);
    if (!d)
        *nomem = 1;
    return d;
}

int manifest_valid_pack_id(const char *s)
{
    /* Reverse-DNS: two or more labels of [a-z0-9-] joined by dots, none empty, at most 128 bytes. */
    size_t n = strlen(s), label = 0;
    int dots = 0;
    if (n == 0 || n > 128)
        return 0;
    for (size_t i = 0; i < n; i++) {
        char ch = s[i];
        if (ch == '.') {
            if (label == 0)
                return 0;
            dots++;
            label = 0;
        } else if ((ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || (ch == '-' && label > 0)) {
            label++;
        } else {
            return 0;
        }
    }
    return dots >= 1 && label > 0;
}

int manifest_valid_language(const char *s)
{
    /* BCP 47 in the common shape: a 2-3 letter language, then subtags of 2-8 letters or digits. */
    size_t i = 0, n = strlen(s);
    while (i < n && ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z')))
        i++;
    if (i < 2 || i > 3)
        return 0;
    while (i < n) {
        if (s[i++] != '-')
            return 0;
        size_t start = i;
        while (i < n && s[i] != '-' &&
               ((s[i] >= 'a' && s[i] <= 'z') || (s[i] >= 'A' && s[i] <= 'Z') || (s[i] >= '0' && s[i] <= '9')))
            i++;
        if (i - start < 1 || i - start > 8 || (i < n && s[i] != '-'))
            return 0;
    }
    return 1;
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), k = strlen(suffix);
    return n >= k && strcasecmp(s + n - k, suffix) == 0;
}

int manifest_is_image_name(const char *name)
{
    return ends_with(name, ".png") || ends_with(name, ".jpg") || ends_with(name, ".jpeg");
}

/* Checks that 'file' is a safe name of an existing entry with one of the allowed endings. */
static void check_file(JsonCtx *c, const Pack *p, const char *file, const char *field, const char *what)
{
    Err tmp;
    if (entryname_check(file, strlen(file), pack_limits(p)->max_name_len, &tmp) != 0) {
        jr_fail(c, tmp.code, field, N_("'%s' is not a valid file name: %s"), file, tmp.msg);
        return;
    }
    int ok = strcmp(what, "md") == 0     ? ends_with(file, ".md")
             : strcmp(what, "json") == 0 ? ends_with(file, ".json")
                                         : manifest_is_image_name(file);
    if (!ok) {
        jr_fail(c, ERR_JSON_VALUE, field, N_("'%s' must be a %s file"), file,
                strcmp(what, "image") == 0 ? "PNG or JPEG" : what);
        return;
    }
    if (pack_find(p, file) < 0)
        jr_fail(c, ERR_MISSING_FILE, field, N_("refers to '%s', which is not in the pack"), file);
}

static int parse_kind(const char *s, ItemKind *k)
{
    for (int i = 0; i < 3; i++)
        if (strcmp(s, kind_names[i]) == 0) {
            *k = (ItemKind)i;
            return 0;
        }
    return -1;
}

void manifest_parse_item(JsonCtx *c, const Pack *p, const json_t *jo, const char *path, Item *it, int *nomem)
{
    char f[128];
    const char *id = jr_string(c, jo, path, "id", 1);
    if (id && !jr_valid_id(id))
        jr_fail(c, ERR_BAD_ID, jr_path(f, sizeof f, path, "id"),
                N_("'%s' is not a valid id: use 1-64 lower-case letters, digits, '.', '-' or '_'"), id);
    const char *kind = jr_string(c, jo, path, "kind", 1);
    if (kind && parse_kind(kind, &it->kind) != 0)
        jr_fail(c, ERR_JSON_VALUE, jr_path(f, sizeof f, path, "kind"),
                N_("unknown kind '%s'; use page, exercise or activity"), kind);
    const char *title = jr_string(c, jo, path, "title", 1);
    const char *file = jr_string(c, jo, path, "file", 1);
    if (file && kind)
        check_file(c, p, file, jr_path(f, sizeof f, path, "file"), it->kind == ITEM_PAGE ? "md" : "json");
    const char *notes = jr_string(c, jo, path, "notes", 0);
    if (notes)
        check_file(c, p, notes, jr_path(f, sizeof f, path, "notes"), "md");
    it->duration = (int)jr_int(c, jo, path, "duration", 0, 0, 1440, 0);
    it->optional = jr_bool(c, jo, path, "optional", 0, 0);
    it->handout = jr_bool(c, jo, path, "handout", 0, 0);
    if (it->handout && kind && it->kind != ITEM_PAGE)
        jr_fail(c, ERR_JSON_VALUE, jr_path(f, sizeof f, path, "handout"),
                N_("only a page can be a handout; make the handout a page of its own after this item"));
    it->id = dup_or_null(id, nomem);
    it->title = dup_or_null(title, nomem);
    it->file = dup_or_null(file, nomem);
    it->notes = dup_or_null(notes, nomem);
}

static void parse_lesson(JsonCtx *c, const Pack *p, const json_t *jo, const char *path, Lesson *l, int *nomem)
{
    char f[128];
    const char *id = jr_string(c, jo, path, "id", 1);
    if (id && !jr_valid_id(id))
        jr_fail(c, ERR_BAD_ID, jr_path(f, sizeof f, path, "id"),
                N_("'%s' is not a valid id: use 1-64 lower-case letters, digits, '.', '-' or '_'"), id);
    l->id = dup_or_null(id, nomem);
    l->title = dup_or_null(jr_string(c, jo, path, "title", 1), nomem);
    l->summary = dup_or_null(jr_string(c, jo, path, "summary", 0), nomem);
    l->duration = (int)jr_int(c, jo, path, "duration", 0, 0, 1440, 0);
    const json_t *items = jr_array(c, jo, path, "items", 1);
    int n = jr_size(items);
    char ipath[128];
    jr_path(ipath, sizeof ipath, path, "items");
    if (items && n == 0)
        jr_fail(c, ERR_JSON_VALUE, ipath, N_("a lesson needs at least one item"));
    if (n > 0 && !(l->items = calloc((size_t)n, sizeof *l->items))) {
        *nomem = 1;
        return;
    }
    for (int i = 0; i < n; i++) {
        const json_t *jo_item = jr_object_at(c, items, ipath, i);
        if (!jo_item)
            continue;
        char ip[128];
        manifest_parse_item(c, p, jo_item, jr_index(ip, sizeof ip, ipath, i), &l->items[l->n_items++], nomem);
    }
}

static int cmp_idref(const void *a, const void *b)
{
    return strcmp(**(char **const *)a, **(char **const *)b);
}

/* Item ids are unique in the whole pack (progress keys on them); lesson ids among lessons. */
static void check_unique_ids(JsonCtx *c, Manifest *m, int *nomem)
{
    size_t n = manifest_item_count(m);
    char ***ids = calloc(n + m->n_lessons + 1, sizeof *ids);
    if (!ids) {
        *nomem = 1;
        return;
    }
    size_t k = 0;
    for (size_t li = 0; li < m->n_lessons; li++)
        for (size_t ii = 0; ii < m->lessons[li].n_items; ii++)
            if (m->lessons[li].items[ii].id)
                ids[k++] = &m->lessons[li].items[ii].id;
    qsort(ids, k, sizeof *ids, cmp_idref);
    for (size_t i = 1; i < k; i++)
        if (strcmp(*ids[i - 1], *ids[i]) == 0)
            jr_fail(c, ERR_DUPLICATE_ID, "lessons", N_("two items have the id '%s'; item ids must be unique"), *ids[i]);
    k = 0;
    for (size_t li = 0; li < m->n_lessons; li++)
        if (m->lessons[li].id)
            ids[k++] = &m->lessons[li].id;
    qsort(ids, k, sizeof *ids, cmp_idref);
    for (size_t i = 1; i < k; i++)
        if (strcmp(*ids[i - 1], *ids[i]) == 0)
            jr_fail(c, ERR_DUPLICATE_ID, "lessons", N_("two lessons have the id '%s'; lesson ids must be unique"),
                    *ids[i]);
    free(ids);
}

static void parse_header(JsonCtx *c, const Pack *p, const json_t *root, Manifest *m, int *nomem)
{
    m->format = (int)jr_int(c, root, "", "format", 1, 0, 1000000, 0);
    if (m->format != 0 && m->format != 1)
        jr_fail(c, ERR_FORMAT_VERSION, "format",
                N_("pack format %d is not known to this reader (it reads format 1); get a newer Beseda"), m->format);
    const char *kind = jr_string(c, root, "", "kind", 0);
    if (kind && strcmp(kind, "locale") != 0 && strcmp(kind, "lessons") != 0)
        jr_fail(c, ERR_JSON_VALUE, "kind", N_("unknown pack kind '%s'; use lessons or locale"), kind);
    m->is_locale = kind && strcmp(kind, "locale") == 0;

    const char *id = jr_string(c, root, "", "id", 1);
    if (id && !manifest_valid_pack_id(id))
        jr_fail(c, ERR_BAD_ID, "id", N_("'%s' is not a reverse-DNS id such as org.example.rights"), id);
    const char *version = jr_string(c, root, "", "version", 1);
    Version v;
    if (version && version_parse(version, &v) != 0)
        jr_fail(c, ERR_JSON_VALUE, "version", N_("'%s' is not a version such as 1.0.0"), version);
    const char *lang = jr_string(c, root, "", "language", 1);
    if (lang && !manifest_valid_language(lang))
        jr_fail(c, ERR_JSON_VALUE, "language", N_("'%s' is not a language tag such as en, ru or pt-BR"), lang);
    const char *min_reader = jr_string(c, root, "", "min_reader", 0);
    Version mr, ours;
    version_parse(BESEDA_VERSION, &ours);
    if (min_reader && version_parse(min_reader, &mr) != 0)
        jr_fail(c, ERR_JSON_VALUE, "min_reader", N_("'%s' is not a version such as 1.0.0"), min_reader);
    else if (min_reader && version_cmp(&mr, &ours) > 0)
        jr_fail(c, ERR_READER_VERSION, "min_reader", N_("this pack needs Beseda %s or newer; this is Beseda %s"),
                min_reader, BESEDA_VERSION);
    const char *cover = jr_string(c, root, "", "cover", 0);
    if (cover)
        check_file(c, p, cover, "cover", "image");

    m->id = dup_or_null(id, nomem);
    m->version = dup_or_null(version, nomem);
    m->language = dup_or_null(lang, nomem);
    m->min_reader = dup_or_null(min_reader, nomem);
    m->cover = dup_or_null(cover, nomem);
    m->title = dup_or_null(jr_string(c, root, "", "title", 1), nomem);
    m->description = dup_or_null(jr_string(c, root, "", "description", 0), nomem);
    m->license = dup_or_null(jr_string(c, root, "", "license", 1), nomem);

    const json_t *authors = jr_array(c, root, "", "authors", 1);
    int na = jr_size(authors);
    if (authors && na == 0)
        jr_fail(c, ERR_JSON_VALUE, "authors", N_("name at least one author"));
    if (na > 0 && !(m->authors = calloc((size_t)na, sizeof *m->authors)))
        *nomem = 1;
    for (int i = 0; i < na && m->authors; i++) {
        const char *a = jr_string_at(c, authors, "authors", i);
        if (a)
            m->authors[m->n_authors++] = dup_or_null(a, nomem);
    }
}

static void parse_extends(JsonCtx *c, const json_t *root, Manifest *m, int *nomem)
{
    const json_t *ext = jr_object(c, root, "", "extends", m->is_locale);
    if (ext && !m->is_locale)
        jr_fail(c, ERR_JSON_VALUE, "extends", N_("only locale packs (\"kind\": \"locale\") extend another pack"));
    if (!ext)
        return;
    const char *id = jr_string(c, ext, "extends", "id", 1);
    if (id && !manifest_valid_pack_id(id))
        jr_fail(c, ERR_BAD_ID, "extends.id", N_("'%s' is not a reverse-DNS id such as org.example.rights"), id);
    const char *range = jr_string(c, ext, "extends", "versions", 1);
    if (range && version_range_check(range) != 0)
        jr_fail(c, ERR_JSON_VALUE, "extends.versions", N_("'%s' is not a version range such as \">=1.0.0 <2.0.0\""),
                range);
    m->extends_id = dup_or_null(id, nomem);
    m->extends_versions = dup_or_null(range, nomem);
}

int manifest_parse(const Pack *p, const char *json, size_t len, ErrList *all, Manifest **out, Err *err)
{
    *out = NULL;
    Err label;
    pack_err_init(p, &label);
    JsonCtx c;
    jr_init(&c, &label, pack_limits(p), "pack.json", all);
    json_t *root = jr_parse(&c, json, len);
    Manifest *m = calloc(1, sizeof *m);
    int nomem = !m;
    if (root && m) {
        parse_header(&c, p, root, m, &nomem);
        parse_extends(&c, root, m, &nomem);
        const json_t *lessons = jr_array(&c, root, "", "lessons", !m->is_locale);
        int n = jr_size(lessons);
        if (lessons && n == 0 && !m->is_locale)
            jr_fail(&c, ERR_JSON_VALUE, "lessons", N_("a pack needs at least one lesson"));
        if (lessons && m->is_locale)
            jr_fail(&c, ERR_JSON_VALUE, "lessons",
                    N_("a locale pack carries no lessons of its own; put them under locales/<language>/"));
        if (n > 0 && !m->is_locale && !(m->lessons = calloc((size_t)n, sizeof *m->lessons)))
            nomem = 1;
        for (int i = 0; i < n && m->lessons; i++) {
            const json_t *jl = jr_object_at(&c, lessons, "lessons", i);
            char path[64];
            if (jl)
                parse_lesson(&c, p, jl, jr_index(path, sizeof path, "lessons", i), &m->lessons[m->n_lessons++], &nomem);
        }
        if (!nomem)
            check_unique_ids(&c, m, &nomem);
    }
    json_decref(root);
    if (nomem && !c.failed)
        jr_fail(&c, ERR_NOMEM, NULL, N_("out of memory"));
    if (c.failed) {
        if (err)
            *err = c.first;
        /* Collecting: hand back what could be read so the caller can go on checking the pages. */
        if (all && root && !nomem)
            *out = m;
        else
            manifest_free(m);
        return c.failed;
    }
    *out = m;
    return 0;
}

int manifest_load(Pack *p, ErrList *all, Manifest **out, Err *err)
{
    *out = NULL;
    char *json;
    size_t len;
    Err e;
    pack_err_init(p, &e);
    int rc = pack_read(p, "pack.json", pack_limits(p)->max_json_size, &json, &len, &e);
    if (rc == -(int)ERR_MISSING_FILE)
        err_set(&e, ERR_MISSING_FILE, "pack.json",
                N_("the pack has no pack.json at its top level, so it is not a lesson pack"));
    else if (rc == -(int)ERR_ENTRY_SIZE)
        err_set(&e, ERR_MANIFEST_SIZE, "pack.json", N_("pack.json is larger than the limit of %llu bytes"),
                (unsigned long long)pack_limits(p)->max_json_size);
    if (rc) {
        if (all)
            errlist_add(all, &e);
        if (err)
            *err = e;
        return -(int)e.code;
    }
    rc = manifest_parse(p, json, len, all, out, err);
    free(json);
    return rc;
}

void manifest_item_free(Item *it)
{
    free(it->id);
    free(it->title);
    free(it->file);
    free(it->notes);
}

void manifest_free(Manifest *m)
{
    if (!m)
        return;
    for (size_t i = 0; i < m->n_lessons; i++) {
        Lesson *l = &m->lessons[i];
        for (size_t j = 0; j < l->n_items; j++)
            manifest_item_free(&l->items[j]);
        free(l->items);
        free(l->id);
        free(l->title);
        free(l->summary);
    }
    free(m->lessons);
    for (size_t i = 0; i < m->n_authors; i++)
        free(m->authors[i]);
    free(m->authors);
    free(m->id);
    free(m->version);
    free(m->title);
    free(m->description);
    free(m->language);
    free(m->license);
    free(m->cover);
    free(m->min_reader);
    free(m->extends_id);
    free(m->extends_versions);
    free(m);
}

const Item *manifest_find_item(const Manifest *m, const char *id, size_t *lesson_index)
{
    for (size_t i = 0; i < m->n_lessons; i++)
        for (size_t j = 0; j < m->lessons[i].n_items; j++)
            if (m->lessons[i].items[j].id && strcmp(m->lessons[i].items[j].id, id) == 0) {
                if (lesson_index)
                    *lesson_index = i;
                return &m->lessons[i].items[j];
            }
    return NULL;
}

size_t manifest_item_count(const Manifest *m)
{
    size_t n = 0;
    for (size_t i = 0; i < m->n_lessons; i++)
        n += m->lessons[i].n_items;
    return n;
}
