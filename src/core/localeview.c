/* localeview: base pack + overlays + the user's languages -> the lessons and items to show. */
#include "localeview.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "entryname.h"
#include "version.h"

int lview_check_extends(const char *ext_id, const char *ext_range, const char *id, const char *version, Err *err)
{
    if (!ext_id || strcmp(ext_id, id) != 0)
        return err_set(err, ERR_LOCALE_NO_BASE, "pack.json", N_("this locale pack is for the pack '%s', not '%s'"),
                       ext_id ? ext_id : "?", id);
    Version v;
    if (version_parse(version, &v) != 0 || !ext_range || !version_in_range(&v, ext_range))
        return err_set(err, ERR_LOCALE_VERSION, "pack.json",
                       N_("this locale pack fits versions %s of its pack, but version %s is installed; get the "
                          "locale pack made for that version"),
                       ext_range ? ext_range : "?", version);
    return 0;
}

static const LviewOverlay *overlay_of(const LviewSet *s, const char *lang)
{
    for (size_t i = 0; i < s->n_ov; i++)
        if (strcmp(s->ov[i].loc->language, lang) == 0)
            return &s->ov[i];
    return NULL;
}

static int add_overlay(LviewSet *s, Pack *p, Locale *l, int own)
{
    LviewOverlay *g = realloc(s->ov, (s->n_ov + 1) * sizeof *g);
    if (!g)
        return -1;
    s->ov = g;
    s->ov[s->n_ov++] = (LviewOverlay){p, l, own};
    return 0;
}

int lview_set_open(Pack *base, const char *const *paths, size_t n_paths, LviewSet *set, Err *errs)
{
    memset(set, 0, sizeof *set);
    set->base = base;
    const Manifest *m = pack_manifest(base);
    char **langs;
    size_t n = locale_list(base, &langs);
    int rc = 0;
    for (size_t i = 0; i < n && rc == 0; i++) {
        Locale *l;
        /* an overlay with problems is left out; beseda-pack validate names them */
        if (locale_load(base, langs[i], m, NULL, &l, NULL) == 0 && !overlay_of(set, l->language) &&
            add_overlay(set, base, l, 0) != 0) {
            locale_free(l);
            rc = -(int)ERR_NOMEM;
        }
    }
    locale_list_free(langs, n);
    for (size_t i = 0; i < n_paths && rc == 0; i++) {
        Err e = {0};
        Pack *p = NULL;
        Locale *l = NULL;
        if (pack_open(paths[i], NULL, &p, &e) == 0 &&
            lview_check_extends(pack_manifest(p)->is_locale ? pack_manifest(p)->extends_id : NULL,
                                pack_manifest(p)->extends_versions, m->id, m->version, &e) == 0 &&
            locale_load(p, pack_manifest(p)->language, m, NULL, &l, &e) == 0) {
            if (overlay_of(set, l->language)) { /* the pack's own overlay wins */
                locale_free(l);
                pack_close(p);
            } else if (add_overlay(set, p, l, 1) != 0) {
                locale_free(l);
                pack_close(p);
                rc = -(int)ERR_NOMEM;
            }
        } else {
            if (!e.code)
                err_set(&e, ERR_LOCALE, NULL, N_("the locale pack's overlay has problems; run beseda-pack validate"));
            pack_close(p);
        }
        if (errs)
            errs[i] = e;
    }
    return rc;
}

void lview_set_close(LviewSet *set)
{
    for (size_t i = 0; i < set->n_ov; i++) {
        locale_free(set->ov[i].loc);
        if (set->ov[i].own)
            pack_close(set->ov[i].pack);
    }
    free(set->ov);
    memset(set, 0, sizeof *set);
}

size_t lview_languages(const LviewSet *set, const char **out, size_t max)
{
    size_t n = 0;
    if (max > 0)
        out[n++] = pack_manifest(set->base)->language;
    for (size_t i = 0; i < set->n_ov && n < max; i++)
        if (strcmp(set->ov[i].loc->language, out[0]) != 0)
            out[n++] = set->ov[i].loc->language;
    return n;
}

/* ---- building a view ---------------------------------------------------------------------------------------- */

/* The languages to try, in order: from the first one the pack has, then the pack's own language last. */
typedef struct {
    const char *lang[16];
    const LviewOverlay *ov[16]; /* NULL for the base language */
    size_t n;
} Chain;

static void chain_make(const LviewSet *s, const char *const *langs, size_t n_langs, Chain *c)
{
    const char *own = pack_manifest(s->base)->language;
    c->n = 0;
    for (size_t i = 0; i < n_langs && c->n + 1 < 16; i++) {
        const LviewOverlay *o = strcmp(langs[i], own) == 0 ? NULL : overlay_of(s, langs[i]);
        if (!o && strcmp(langs[i], own) != 0)
            continue;
        int dup = 0;
        for (size_t k = 0; k < c->n; k++)
            dup |= strcmp(c->lang[k], langs[i]) == 0;
        if (dup)
            continue;
        c->lang[c->n] = o ? o->loc->language : own;
        c->ov[c->n++] = o;
        if (!o)
            break; /* the base language has everything: nothing after it is needed */
    }
    if (c->n == 0 || c->ov[c->n - 1]) {
        c->lang[c->n] = own;
        c->ov[c->n++] = NULL;
    }
}

static const LocaleText *text_for(const LocaleText *t, size_t n, const char *id)
{
    for (size_t i = 0; i < n; i++)
        if (t[i].id && strcmp(t[i].id, id) == 0)
            return &t[i];
    return NULL;
}

/* The first translation along the chain of a title ('which' 0) or summary (1) of a lesson (items: 0) or item;
   'base' is the original. *lang gets the language found. */
static const char *chain_text(const Chain *c, int lesson, int which, const char *id, const char *base,
                              const char **lang)
{
    for (size_t k = 0; k < c->n; k++) {
        if (!c->ov[k]) {
            *lang = c->lang[k];
            return base;
        }
        const Locale *l = c->ov[k]->loc;
        const LocaleText *t = lesson ? text_for(l->lessons, l->n_lessons, id) : text_for(l->items, l->n_items, id);
        const char *s = t ? (which ? t->summary : t->title) : NULL;
        if (s) {
            *lang = c->lang[k];
            return s;
        }
    }
    *lang = c->lang[c->n - 1];
    return base;
}

/* The file that shows 'file' first along the chain: *pack and the entry name into 'out'. */
static const char *chain_file(const LviewSet *s, const Chain *c, const char *file, Pack **pack, char *out, size_t size)
{
    for (size_t k = 0; k < c->n; k++) {
        if (c->ov[k] && locale_file(c->ov[k]->pack, c->lang[k], file, out, size)) {
            *pack = c->ov[k]->pack;
            return c->lang[k];
        }
        if (!c->ov[k])
            break;
    }
    snprintf(out, size, "%s", file);
    *pack = s->base;
    return c->lang[c->n - 1];
}

/* A slot of the item list being adapted: a base item or one the locale adds. */
typedef struct {
    const Item *it;
    int added;
} Slot;

typedef struct {
    Slot *v;
    size_t n, cap;
} SlotList;

static int slot_insert(SlotList *l, size_t at, Slot s)
{
    if (l->n == l->cap) {
        Slot *g = realloc(l->v, (l->cap = l->cap ? l->cap * 2 : 8) * sizeof *g);
        if (!g)
            return -1;
        l->v = g;
    }
    memmove(&l->v[at + 1], &l->v[at], (l->n - at) * sizeof *l->v);
    l->v[at] = s;
    l->n++;
    return 0;
}

static int slot_find(SlotList *ls, size_t n_lessons, const char *id, size_t *lesson, size_t *idx)
{
    for (size_t l = 0; l < n_lessons; l++)
        for (size_t i = 0; i < ls[l].n; i++)
            if (strcmp(ls[l].v[i].it->id, id) == 0) {
                *lesson = l;
                *idx = i;
                return 1;
            }
    return 0;
}

/* Applies the adaptation operations of the view's language to the base's items. */
static int adapt(const Manifest *m, const Locale *loc, SlotList *ls)
{
    for (size_t l = 0; l < m->n_lessons; l++)
        for (size_t i = 0; i < m->lessons[l].n_items; i++)
            if (slot_insert(&ls[l], ls[l].n, (Slot){&m->lessons[l].items[i], 0}) != 0)
                return -1;
    for (size_t o = 0; loc && o < loc->n_ops; o++) {
        const LocaleOp *op = &loc->ops[o];
        size_t l, i;
        if (op->kind == LOCALE_OP_INSERT && op->lesson) {
            for (l = 0; l < m->n_lessons && strcmp(m->lessons[l].id, op->lesson) != 0; l++)
                ;
            if (l < m->n_lessons && slot_insert(&ls[l], 0, (Slot){&op->item, 1}) != 0)
                return -1;
        } else if (op->target && slot_find(ls, m->n_lessons, op->target, &l, &i)) {
            if (op->kind == LOCALE_OP_REPLACE)
                ls[l].v[i] = (Slot){&op->item, 1};
            else if (op->kind == LOCALE_OP_REMOVE)
                memmove(&ls[l].v[i], &ls[l].v[i + 1], (--ls[l].n - i) * sizeof *ls[l].v);
            else if (slot_insert(&ls[l], i + 1, (Slot){&op->item, 1}) != 0)
                return -1;
        }
    }
    return 0;
}

static char *dup_str(const char *s, int *nomem)
{
    char *d = s ? strdup(s) : NULL;
    if (s && !d)
        *nomem = 1;
    return d;
}

/* Fills view item k and its manifest item from slot 's'. */
static void fill_item(const LviewSet *set, const Chain *c, const LviewOverlay *first, Slot s, Item *out, LviewItem *vi,
                      int *nomem)
{
    const Item *it = s.it;
    char path[600];
    out->id = dup_str(it->id, nomem);
    out->kind = it->kind;
    out->duration = it->duration;
    out->optional = it->optional;
    out->handout = it->handout;
    if (s.added) {
        *vi = (LviewItem){.pack = first->pack, .notes_pack = first->pack, .lang = c->lang[0], .added = 1};
        out->title = dup_str(it->title, nomem);
        out->file = dup_str(it->file, nomem);
        out->notes = dup_str(it->notes, nomem);
        return;
    }
    const char *tlang;
    out->title = dup_str(chain_text(c, 0, 0, it->id, it->title, &tlang), nomem);
    vi->lang = chain_file(set, c, it->file, &vi->pack, path, sizeof path);
    out->file = dup_str(path, nomem);
    vi->base_file = dup_str(it->file, nomem);
    vi->fallback = strcmp(vi->lang, c->lang[0]) != 0 || strcmp(tlang, c->lang[0]) != 0;
    vi->notes_pack = set->base;
    if (it->notes) {
        chain_file(set, c, it->notes, &vi->notes_pack, path, sizeof path);
        out->notes = dup_str(path, nomem);
    }
}

static int build_lessons(const LviewSet *set, const Chain *c, Lview *v, int *nomem)
{
    const Manifest *m = pack_manifest(set->base);
    SlotList *ls = calloc(m->n_lessons ? m->n_lessons : 1, sizeof *ls);
    v->m->lessons = calloc(m->n_lessons ? m->n_lessons : 1, sizeof *v->m->lessons);
    if (!ls || !v->m->lessons || adapt(m, c->ov[0] ? c->ov[0]->loc : NULL, ls) != 0) {
        *nomem = 1;
        goto done;
    }
    size_t total = 0;
    for (size_t l = 0; l < m->n_lessons; l++)
        total += ls[l].n;
    if (!(v->items = calloc(total ? total : 1, sizeof *v->items))) {
        *nomem = 1;
        goto done;
    }
    for (size_t l = 0; l < m->n_lessons; l++) {
        if (ls[l].n == 0)
            continue; /* every item of the lesson was removed: so is the lesson */
        Lesson *out = &v->m->lessons[v->m->n_lessons++];
        const char *lang;
        out->id = dup_str(m->lessons[l].id, nomem);
        out->title = dup_str(chain_text(c, 1, 0, m->lessons[l].id, m->lessons[l].title, &lang), nomem);
        out->summary = dup_str(chain_text(c, 1, 1, m->lessons[l].id, m->lessons[l].summary, &lang), nomem);
        out->duration = m->lessons[l].duration;
        if (!(out->items = calloc(ls[l].n, sizeof *out->items))) {
            *nomem = 1;
            goto done;
        }
        for (size_t i = 0; i < ls[l].n; i++) {
            LviewItem *vi = &v->items[v->n_items++];
            Item *shown = &out->items[out->n_items++];
            fill_item(set, c, c->ov[0], ls[l].v[i], shown, vi, nomem);
            vi->item = shown;
            v->translated += !vi->fallback;
        }
    }
done:
    for (size_t l = 0; ls && l < m->n_lessons; l++)
        free(ls[l].v);
    free(ls);
    return *nomem ? -1 : 0;
}

int lview_build(const LviewSet *set, const char *const *langs, size_t n_langs, Lview **out, Err *err)
{
    *out = NULL;
    const Manifest *m = pack_manifest(set->base);
    Chain c;
    chain_make(set, langs, n_langs, &c);
    Lview *v = calloc(1, sizeof *v);
    int nomem = !v || !(v->m = calloc(1, sizeof *v->m));
    if (!nomem) {
        v->set = set;
        const char *lang;
        v->lang = dup_str(c.lang[0], &nomem);
        Manifest *vm = v->m;
        vm->format = m->format;
        vm->id = dup_str(m->id, &nomem);
        vm->version = dup_str(m->version, &nomem);
        vm->title = dup_str(c.ov[0] && c.ov[0]->loc->title ? c.ov[0]->loc->title : m->title, &nomem);
        vm->description =
            dup_str(c.ov[0] && c.ov[0]->loc->description ? c.ov[0]->loc->description : m->description, &nomem);
        vm->language = dup_str(c.lang[0], &nomem);
        vm->license = dup_str(m->license, &nomem);
        vm->cover = dup_str(m->cover, &nomem);
        (void)lang;
        build_lessons(set, &c, v, &nomem);
    }
    if (nomem) {
        lview_free(v);
        return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
    }
    *out = v;
    return 0;
}

void lview_free(Lview *v)
{
    if (!v)
        return;
    for (size_t i = 0; i < v->n_items; i++)
        free(v->items[i].base_file);
    free(v->items);
    manifest_free(v->m);
    free(v->lang);
    free(v);
}

int lview_coverage(const LviewSet *set, const char *lang)
{
    Lview *v;
    Err e;
    if (lview_build(set, &lang, 1, &v, &e) != 0)
        return 0;
    int pct = strcmp(v->lang, lang) != 0 ? 0 : v->n_items ? (int)(v->translated * 100 / v->n_items) : 100;
    lview_free(v);
    return pct;
}

int lview_image(const Lview *v, size_t k, const char *href, Pack **pack, char *entry, size_t size)
{
    if (k >= v->n_items || entryname_resolve(v->items[k].item->file, href, entry, size) != 0)
        return -1;
    *pack = v->items[k].pack;
    if (pack_find(*pack, entry) >= 0)
        return 0;
    const char *base = locale_base_path(entry); /* locales/<lang>/x/z.png -> x/z.png in the base pack */
    if (base && pack_find(v->set->base, base) >= 0) {
        memmove(entry, base, strlen(base) + 1);
        *pack = v->set->base;
        return 0;
    }
    return 1;
}
