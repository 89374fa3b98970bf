/* library: pack discovery, what the library screen shows, importing packs. */
#include "library.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "imghdr.h"
#include "locale.h"
#include "localeview.h"
#include "manifest.h"
#include "os/os.h"
#include "pack.h"
#include "packbuild.h"
#include "userdir.h"
#include "validate.h"
#include "version.h"

static void entry_free(LibEntry *e)
{
    free(e->path);
    free(e->name);
    free(e->id);
    free(e->title);
    free(e->version);
    free(e->language);
    free(e->cover);
    free(e->coverage);
    free(e->extends_id);
    free(e->extends_versions);
    for (size_t i = 0; i < e->n_langs; i++) {
        free(e->langs[i]);
        free(e->titles ? e->titles[i] : NULL);
    }
    free(e->langs);
    free(e->titles);
    for (size_t i = 0; i < e->n_lessons; i++) {
        free(e->lesson_ids ? e->lesson_ids[i] : NULL);
        free(e->lesson_titles ? e->lesson_titles[i] : NULL);
        free(e->lesson_first ? e->lesson_first[i] : NULL);
    }
    free(e->lesson_ids);
    free(e->lesson_titles);
    free(e->lesson_first);
    free(e->sig);
}

void library_free(Library *lib)
{
    for (size_t i = 0; i < lib->n_courses; i++) {
        free(lib->courses[i].path);
        course_free(lib->courses[i].course);
    }
    for (size_t i = 0; i < lib->n; i++)
        entry_free(&lib->v[i]);
    free(lib->v);
    memset(lib, 0, sizeof *lib);
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

/* A cover that cannot be shown keeps the reason for the library card (read whole and checked as the renderer will
   check it, so damaged data says so). */
static void check_cover(LibEntry *e, Pack *p, const char *cover)
{
    ImgInfo info;
    pack_err_init(p, &e->cover_err);
    if (imghdr_check_whole(p, cover, &info, &e->cover_err) == 0) {
        e->cover_w = (int)info.width;
        e->cover_h = (int)info.height;
        e->cover_err.code = ERR_OK;
    }
}

/* Copies what the library shows out of an open pack. */
static int describe(LibEntry *e, Pack *p)
{
    const Manifest *m = pack_manifest(p);
    int nomem = 0;
    e->id = dup_or_null(m->id, &nomem);
    e->title = dup_or_null(m->title, &nomem);
    e->version = dup_or_null(m->version, &nomem);
    e->language = dup_or_null(m->language, &nomem);
    e->cover = dup_or_null(m->cover, &nomem);
    if (m->cover)
        check_cover(e, p, m->cover);
    e->n_lessons = m->n_lessons;
    e->n_items = manifest_item_count(m);
    e->lesson_ids = calloc(m->n_lessons + 1, sizeof *e->lesson_ids); /* for courses (library_find_pack) */
    e->lesson_titles = calloc(m->n_lessons + 1, sizeof *e->lesson_titles);
    e->lesson_first = calloc(m->n_lessons + 1, sizeof *e->lesson_first);
    if (!e->lesson_ids || !e->lesson_titles || !e->lesson_first)
        return -ERR_NOMEM;
    for (size_t i = 0; i < m->n_lessons; i++) {
        e->lesson_ids[i] = dup_or_null(m->lessons[i].id, &nomem);
        e->lesson_titles[i] = dup_or_null(m->lessons[i].title, &nomem);
        e->lesson_first[i] = dup_or_null(m->lessons[i].n_items ? m->lessons[i].items[0].id : NULL, &nomem);
    }
    e->is_locale = m->is_locale;
    e->extends_id = dup_or_null(m->extends_id, &nomem);
    e->extends_versions = dup_or_null(m->extends_versions, &nomem);
    char **langs = NULL;
    size_t n = locale_list(p, &langs);
    e->langs = calloc(n + 1, sizeof *e->langs);
    if (!e->langs) {
        locale_list_free(langs, n);
        return -ERR_NOMEM;
    }
    if (m->language)
        e->langs[e->n_langs++] = dup_or_null(m->language, &nomem);
    for (size_t i = 0; i < n; i++)
        if (!m->language || strcmp(langs[i], m->language) != 0)
            e->langs[e->n_langs++] = dup_or_null(langs[i], &nomem);
    locale_list_free(langs, n);
    return nomem ? -ERR_NOMEM : 0;
}

/* Opens the pack of entry 'e' (its path, source and signature set) and fills what the library shows, or the
   reason it cannot be opened. A signature that does not match refuses the pack before anything in it is read. */
static int fill(const Library *lib, LibEntry *e, int sig_checked)
{
    err_clear(&e->error);
    e->ok = 0;
    if (lib->trust && !sig_checked) {
        if (!e->sig && !(e->sig = malloc(sizeof *e->sig)))
            return -ERR_NOMEM;
        trust_check_pack(lib->trust, e->path, e->sig);
    }
    if (e->sig && e->sig->state == PACKSIG_REFUSED) {
        e->error = e->sig->error;
        return 0;
    }
    PackLimits lim;
    pack_limits_default(&lim);
    Pack *p = NULL;
    if (pack_open(e->path, &lim, &p, &e->error) == 0) {
        int rc = describe(e, p);
        pack_close(p);
        if (rc != 0)
            return -ERR_NOMEM;
        e->ok = 1;
    }
    return 0;
}

long library_add(Library *lib, const char *path, LibSource src)
{
    for (size_t i = 0; i < lib->n; i++)
        if (strcmp(lib->v[i].path, path) == 0)
            return (long)i;
    if (lib->n == lib->cap) {
        size_t cap = lib->cap ? lib->cap * 2 : 16;
        LibEntry *v = realloc(lib->v, cap * sizeof *v);
        if (!v)
            return -ERR_NOMEM;
        lib->v = v;
        lib->cap = cap;
    }
    LibEntry *e = &lib->v[lib->n];
    memset(e, 0, sizeof *e);
    e->source = src;
    e->base = -1;
    const char *slash = strrchr(path, '/');
    e->path = strdup(path);
    e->name = strdup(slash && slash[1] ? slash + 1 : path);
    if (!e->path || !e->name || fill(lib, e, 0) != 0) {
        entry_free(e);
        return -ERR_NOMEM;
    }
    return (long)lib->n++;
}

PackSigState library_recheck(Library *lib, size_t i)
{
    if (i >= lib->n || !lib->trust)
        return PACKSIG_UNSIGNED;
    LibEntry *e = &lib->v[i];
    PackSig *now = malloc(sizeof *now);
    if (!now)
        return e->sig ? e->sig->state : PACKSIG_UNSIGNED;
    trust_check_pack(lib->trust, e->path, now);
    int again = !e->ok; /* refused before, or marked by library_link (its base was refused): opened again */
    free(e->sig);
    e->sig = now;
    if (now->state == PACKSIG_REFUSED) {
        e->ok = 0;
        e->error = now->error;
    } else if (again) { /* never described, or its link undone: open it now, as library_add would have */
        LibEntry fresh = {.path = e->path, .name = e->name, .source = e->source, .base = -1, .sig = now};
        e->path = e->name = NULL;
        e->sig = NULL;
        entry_free(e);
        *e = fresh;
        if (fill(lib, e, 1) != 0)
            e->error.code = ERR_NOMEM;
    }
    return now->state;
}

void library_recheck_all(Library *lib)
{
    for (size_t i = 0; i < lib->n; i++)
        library_recheck(lib, i);
}

static int by_name(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static int ends_with(const char *s, const char *suffix)
{
    size_t n = strlen(s), m = strlen(suffix);
    return n > m && strcmp(s + n - m, suffix) == 0;
}

long library_scan(Library *lib, const char *dir, LibSource src)
{
    OsDir *d = os_dir_open(dir);
    if (!d)
        return 0;
    char **names = NULL;
    size_t n = 0, cap = 0;
    const char *name;
    while (n < 10000 && os_dir_next(d, &name, NULL) == 1) {
        if (name[0] == '.')
            continue;
        char path[USERDIR_PATH], manifest[USERDIR_PATH + 16];
        snprintf(path, sizeof path, "%s/%s", dir, name);
        snprintf(manifest, sizeof manifest, "%s/pack.json", path);
        OsStat st;
        if (os_stat(path, &st) != 0)
            continue;
        int wanted =
            (st.type == OS_FILE_REG && ends_with(name, ".beseda")) || (st.type == OS_FILE_DIR && os_exists(manifest));
        if (!wanted)
            continue;
        if (n == cap) {
            cap = cap ? cap * 2 : 16;
            char **v = realloc(names, cap * sizeof *v);
            if (!v)
                break;
            names = v;
        }
        if ((names[n] = strdup(path)))
            n++;
    }
    os_dir_close(d);
    if (n > 0) /* names is NULL in a folder without packs (one with only a course, say) */
        qsort(names, n, sizeof *names, by_name);
    long added = 0;
    for (size_t i = 0; i < n; i++) {
        size_t before = lib->n;
        if (library_add(lib, names[i], src) >= 0 && lib->n > before)
            added++;
        free(names[i]);
    }
    free(names);
    return added;
}

long library_scan_courses(Library *lib, const char *dir)
{
    OsDir *d = os_dir_open(dir);
    if (!d)
        return 0;
    char *names[LIBRARY_MAX_COURSES];
    size_t n = 0;
    const char *name;
    OsStat st;
    while (n + lib->n_courses < LIBRARY_MAX_COURSES && os_dir_next(d, &name, &st) == 1)
        if (name[0] != '.' && st.type == OS_FILE_REG && ends_with(name, ".course.json")) {
            size_t len = strlen(dir) + strlen(name) + 2;
            if ((names[n] = malloc(len)))
                snprintf(names[n++], len, "%s/%s", dir, name);
        }
    os_dir_close(d);
    qsort(names, n, sizeof *names, by_name);
    long added = 0;
    for (size_t i = 0; i < n; i++) {
        int seen = 0;
        for (size_t j = 0; j < lib->n_courses; j++)
            seen |= strcmp(lib->courses[j].path, names[i]) == 0;
        if (seen) {
            free(names[i]);
            continue;
        }
        LibCourse *c = &lib->courses[lib->n_courses++];
        memset(c, 0, sizeof *c);
        c->path = names[i]; /* owned by the library now */
        err_clear(&c->error);
        err_set_pack(&c->error, c->path);
        course_load(c->path, &c->course, &c->error);
        added++;
    }
    return added;
}

long library_find_pack(const Library *lib, const char *pack_id)
{
    long best = -1;
    Version bv = {0}, v;
    for (size_t i = 0; i < lib->n; i++) {
        const LibEntry *e = &lib->v[i];
        if (!e->ok || e->is_locale || !e->id || strcmp(e->id, pack_id) != 0)
            continue;
        if (best < 0 || (e->version && version_parse(e->version, &v) == 0 && version_cmp(&v, &bv) > 0)) {
            best = (long)i;
            if (e->version && version_parse(e->version, &v) == 0)
                bv = v;
        }
    }
    return best;
}

int library_import(const char *src, const char *dir, char *dest, size_t dest_size, Err *err)
{
    ErrList all;
    errlist_init(&all);
    PackLimits lim;
    pack_limits_default(&lim);
    Err note;
    err_clear(&note);
    if (validate_pack(src, &lim, &all, NULL) != 0) {
        /* characters a pack may not hold are shown as U+FFFD by the reader, which opens such a pack anyway:
           alone, they do not keep it out of the library (the caller is told of the first) */
        for (size_t i = 0; i < all.count; i++)
            if (all.items[i].code != ERR_TEXT_BAD_CHAR) {
                *err = all.items[i];
                return -(int)err->code;
            }
        if (all.count == 0 || all.dropped > 0)
            return err_set(err, ERR_NOT_A_PACK, NULL, N_("'%s' is not a valid lesson pack"), src);
        note = all.items[0];
    }
    Pack *p = NULL;
    if (pack_open(src, &lim, &p, err) != 0)
        return -(int)err->code;
    const Manifest *m = pack_manifest(p);
    int n = snprintf(dest, dest_size, "%s/%s-%s.beseda", dir, m->id, m->version);
    int folder = pack_is_folder(p);
    pack_close(p);
    if (n < 0 || (size_t)n >= dest_size)
        return err_set(err, ERR_USAGE, NULL, N_("the folder name '%s' is too long"), dir);
    if (userdir_mkdirs(dir, err) != 0)
        return -ERR_IO;
    /* its signature goes with it: copied aside first, put in place once the pack is (a failed copy leaves the old
       pack and its signature as they were) */
    char sig_src[USERDIR_PATH + 16], sig_dest[USERDIR_PATH + 16], sig_new[USERDIR_PATH + 32];
    snprintf(sig_src, sizeof sig_src, "%s.minisig", src);
    snprintf(sig_dest, sizeof sig_dest, "%s.minisig", dest);
    snprintf(sig_new, sizeof sig_new, "%s.minisig.new", dest);
    int signed_pack = !folder && os_exists(sig_src);
    if (signed_pack && userdir_copy_atomic(sig_src, sig_new, err) != 0)
        return -(int)err->code;
    int rc = folder ? packbuild_write(src, dest, &lim, err) : userdir_copy_atomic(src, dest, err);
    if (rc != 0) {
        if (signed_pack)
            os_remove(sig_new);
        return rc;
    }
    if (signed_pack && os_replace(sig_new, sig_dest) != 0)
        return err_set(err, ERR_IO, NULL, N_("cannot save '%s': %s"), sig_dest, strerror(errno));
    if (!signed_pack)
        os_remove(sig_dest); /* an older copy's signature must not stand beside a new unsigned pack */
    if (err)
        *err = note;
    return 0;
}

/* 1 when locale entry 'l' extends base entry 'b' (its id, and a version in its range). */
static int extends(const LibEntry *l, const LibEntry *b)
{
    return l->ok && l->is_locale && b->ok && !b->is_locale && b->id && b->version &&
           lview_check_extends(l->extends_id, l->extends_versions, b->id, b->version, NULL) == 0;
}

size_t library_locales_of(const Library *lib, size_t base, const char **paths, size_t max)
{
    size_t n = 0;
    for (size_t i = 0; base < lib->n && i < lib->n && n < max; i++)
        if (extends(&lib->v[i], &lib->v[base]))
            paths[n++] = lib->v[i].path;
    return n;
}

/* Finds the base of locale entry 'e' (the newest fitting version when several are there), or marks 'e' as
   unusable with the reason. */
static void find_base(Library *lib, LibEntry *e)
{
    long same_id = -1;
    Version best = {0}, v;
    e->base = -1;
    for (size_t i = 0; i < lib->n; i++) {
        const LibEntry *b = &lib->v[i];
        if (!b->ok || b->is_locale || !b->id || !e->extends_id || strcmp(b->id, e->extends_id) != 0)
            continue;
        same_id = (long)i;
        if (extends(e, b) && version_parse(b->version, &v) == 0 && (e->base < 0 || version_cmp(&best, &v) < 0)) {
            e->base = (long)i;
            best = v;
        }
    }
    if (e->base >= 0)
        return;
    e->ok = 0;
    err_clear(&e->error);
    err_set_pack(&e->error, e->path);
    if (same_id >= 0) /* the pack is there, in a version outside the range */
        lview_check_extends(e->extends_id, e->extends_versions, lib->v[same_id].id, lib->v[same_id].version, &e->error);
    else
        err_set(&e->error, ERR_LOCALE_NO_BASE, "pack.json",
                N_("this locale pack translates the pack '%s', which is not in the library; add that pack first"),
                e->extends_id ? e->extends_id : "?");
}

/* Languages and coverage of base entry 'bi' with its own overlays and its locale packs. */
static int describe_languages(Library *lib, size_t bi)
{
    LibEntry *b = &lib->v[bi];
    const char *paths[64];
    size_t n_paths = library_locales_of(lib, bi, paths, 64);
    Pack *p = NULL;
    Err e = {0};
    if (pack_open(b->path, NULL, &p, &e) != 0)
        return 0; /* it opened a moment ago; if not now, its card keeps what it had */
    LviewSet set;
    Err errs[64];
    int rc = lview_set_open(p, paths, n_paths, &set, errs);
    for (size_t k = 0; k < n_paths && rc == 0; k++)
        for (size_t i = 0; errs[k].code && i < lib->n; i++)
            if (lib->v[i].path == paths[k]) {
                lib->v[i].ok = 0;
                lib->v[i].error = errs[k];
                err_set_pack(&lib->v[i].error, lib->v[i].path);
            }
    const char *langs[64];
    size_t n = rc == 0 ? lview_languages(&set, langs, 64) : 0;
    char **names = calloc(n + 1, sizeof *names), **titles = calloc(n + 1, sizeof *titles);
    int *cov = calloc(n + 1, sizeof *cov);
    int nomem = !names || !cov || !titles;
    for (size_t i = 0; i < n && !nomem; i++) {
        cov[i] = i == 0 ? 100 : lview_coverage(&set, langs[i]);
        names[i] = dup_or_null(langs[i], &nomem);
        Lview *v = NULL;
        Err ve = {0};
        /* the card's title in each language (a view of that language alone); the pack's own needs no copy */
        if (i > 0 && lview_build(&set, &langs[i], 1, &v, &ve) == 0 && v->m->title && b->title &&
            strcmp(v->m->title, b->title) != 0)
            titles[i] = dup_or_null(v->m->title, &nomem);
        lview_free(v);
    }
    if (!nomem && n > 0) {
        for (size_t i = 0; i < b->n_langs; i++) {
            free(b->langs[i]);
            free(b->titles ? b->titles[i] : NULL);
        }
        free(b->langs);
        free(b->titles);
        free(b->coverage);
        b->langs = names;
        b->titles = titles;
        b->coverage = cov;
        b->n_langs = n;
        names = titles = NULL;
        cov = NULL;
    }
    for (size_t i = 0; names && i < n; i++) {
        free(names[i]);
        free(titles ? titles[i] : NULL);
    }
    free(names);
    free(titles);
    free(cov);
    lview_set_close(&set);
    pack_close(p);
    return nomem || rc ? -ERR_NOMEM : 0;
}

const char *library_title_in(const LibEntry *e, const char *lang)
{
    size_t n = lang ? strcspn(lang, "-_") : 0;
    for (size_t i = 0; n && e->titles && i < e->n_langs; i++) {
        const char *l = e->langs[i];
        if (e->titles[i] && (strcmp(l, lang) == 0 || (strncmp(l, lang, n) == 0 && l[n] == '\0')))
            return e->titles[i];
    }
    return e->title ? e->title : e->name;
}

int library_link(Library *lib)
{
    for (size_t i = 0; i < lib->n; i++)
        if (lib->v[i].ok && lib->v[i].is_locale)
            find_base(lib, &lib->v[i]);
    return 0;
}

int library_describe(Library *lib)
{
    /* Entries are only ever added, so a base whose number of locale packs is unchanged since it was described
       needs no new look: adding one pack opens only the packs it concerns. */
    int rc = 0;
    for (size_t i = 0; i < lib->n && rc == 0; i++) {
        LibEntry *b = &lib->v[i];
        const char *paths[64];
        size_t n = b->ok && !b->is_locale ? library_locales_of(lib, i, paths, 64) : 0;
        if (b->ok && !b->is_locale && (!b->described || n != b->n_locales)) {
            rc = describe_languages(lib, i);
            b->described = 1;
            b->n_locales = n;
        }
    }
    return rc;
}
