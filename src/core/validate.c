/* validate: checks a whole pack (every file, reference, image header, page, exercise, activity and locale). */
#include "validate.h"

#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "activity.h"
#include "doc.h"
#include "entryname.h"
#include "exercise.h"
#include "imghdr.h"
#include "locale.h"
#include "text.h"

typedef struct {
    Err err;
    ImgInfo info;
} BadImage;

typedef struct {
    Pack *pack;
    const Manifest *m;
    ErrList *all;
    ValidateStats *st;
    const char *entry;     /* the page whose runs are being checked */
    uint32_t raw_bad[160]; /* the refused characters that page holds as such (there are 132 in all) */
    size_t n_raw_bad;
    const char *lang;          /* locale of that page, NULL for the base */
    const Locale *loc;         /* that locale's overlay, whose added items links may name */
    BadImage **bad_images;     /* by entry index: the problem of each broken image, NULL for good ones */
    unsigned char *image_used; /* by entry index: a page reported this image's problem already */
    unsigned char *read;       /* by entry index: its data was read (and so checked against its CRC-32) */
} Ctx;

static void add(Ctx *c, ErrCode code, const char *entry, int line, const char *fmt, ...)
    __attribute__((format(BESEDA_PRINTF_FORMAT, 5, 6)));
static void add(Ctx *c, ErrCode code, const char *entry, int line, const char *fmt, ...)
{
    Err e;
    pack_err_init(c->pack, &e);
    va_list ap;
    va_start(ap, fmt);
    err_setv(&e, code, entry, fmt, ap);
    va_end(ap);
    e.line = line;
    errlist_add(c->all, &e);
}

static int has_scheme(const char *href)
{
    /* scheme ":" as in RFC 3986: a letter, then letters, digits, '+', '-', '.' */
    const char *p = href;
    if (!((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z')))
        return 0;
    while ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') || *p == '+' || *p == '-' ||
           *p == '.')
        p++;
    return *p == ':';
}

/* Looks a page-relative path up in the pack: in a locale page, the locale copy is tried before the base. */
static int resolve(Ctx *c, const char *ref, char *out, size_t size)
{
    if (entryname_resolve(c->entry, ref, out, size) != 0)
        return -1;
    if (pack_find(c->pack, out) >= 0)
        return 0;
    const char *base = c->lang ? locale_base_path(out) : NULL;
    if (base) {
        /* locales/<lang>/x/y.md refers to z.png: try locales/<lang>/x/z.png (above), then x/z.png */
        if (pack_find(c->pack, base) >= 0) {
            memmove(out, base, strlen(base) + 1);
            return 0;
        }
        /* a locale pack reuses its base pack's files, which are not at hand here: checked when applied */
        if (c->m && c->m->is_locale)
            return 2;
    }
    return 1;
}

/* Items a link may name: the pack's own, and in a locale page also those its overlay adds. */
static int item_exists(const Ctx *c, const char *id)
{
    if (c->m->is_locale)
        return 1; /* the base pack's items are not at hand; the reader checks links when it follows them */
    if (manifest_find_item(c->m, id, NULL))
        return 1;
    for (size_t i = 0; c->loc && i < c->loc->n_ops; i++)
        if (c->loc->ops[i].item.id && strcmp(c->loc->ops[i].item.id, id) == 0)
            return 1;
    return 0;
}

static int is_page_file(const Item *it, const char *file)
{
    return it->kind == ITEM_PAGE && it->file && strcmp(it->file, file) == 0;
}

static int is_page(const Ctx *c, const char *file)
{
    for (size_t i = 0; i < c->m->n_lessons; i++)
        for (size_t j = 0; j < c->m->lessons[i].n_items; j++)
            if (is_page_file(&c->m->lessons[i].items[j], file))
                return 1;
    for (size_t i = 0; c->loc && i < c->loc->n_ops; i++)
        if (is_page_file(&c->loc->ops[i].item, file))
            return 1;
    return 0;
}

/* A broken image is reported where a page uses it, e.g. "lessons/02.md:7: image 'map.png' is 30000x30000
   pixels; ...", so the author sees which picture in which page; unused broken images at their own entry. */
static void report_image_use(Ctx *c, const char *path, const DocRun *r)
{
    long i = pack_find(c->pack, path);
    if (i < 0 || !c->bad_images || !c->bad_images[i])
        return;
    const BadImage *bad = c->bad_images[i];
    const PackLimits *l = pack_limits(c->pack);
    if (bad->err.code == ERR_IMAGE_DIMENSIONS)
        add(c, bad->err.code, c->entry, r->line,
            N_("image '%s' is %ux%u pixels; the limit is %ux%u and %llu pixels in all"), r->href, bad->info.width,
            bad->info.height, l->max_image_side, l->max_image_side, (unsigned long long)l->max_image_pixels);
    else
        add(c, bad->err.code, c->entry, r->line, N_("image '%s' cannot be shown: %s"), r->href, bad->err.msg);
    c->image_used[i] = 1;
}

enum { TEXT_REPORTS_PER_FILE = 20 }; /* the file is refused after the first; a few more help, hundreds do not */

static int raw_bad_has(const Ctx *c, uint32_t ch)
{
    for (size_t i = 0; i < c->n_raw_bad; i++)
        if (c->raw_bad[i] == ch)
            return 1;
    return 0;
}

/* Refused characters written as such in a page: the first few each at its line and column, and every one
   remembered, so that check_text_decoded knows which came from a character reference instead. */
static void check_text_raw(Ctx *c, const char *file, const char *s, size_t n)
{
    size_t off = 0, at;
    uint32_t ch;
    c->n_raw_bad = 0;
    for (int k = 0; off < n && (at = text_find_bad(s + off, n - off, &ch)) != (size_t)-1; k++) {
        at += off;
        if (!raw_bad_has(c, ch) && c->n_raw_bad < sizeof c->raw_bad / sizeof *c->raw_bad)
            c->raw_bad[c->n_raw_bad++] = ch;
        if (k < TEXT_REPORTS_PER_FILE) {
            Err e;
            pack_err_init(c->pack, &e);
            err_set(&e, ERR_TEXT_BAD_CHAR, file,
                    N_("U+%04X (%s) is not allowed in text; delete it (broken copying often leaves such characters)"),
                    (unsigned)ch, gettext(text_char_kind(ch)));
            text_line_col(s, at, &e.line, &e.col);
            errlist_add(c->all, &e);
        }
        int k8 = u8_mblen((const uint8_t *)s + at, n - at);
        off = at + (k8 > 0 ? (size_t)k8 : 1);
    }
}

/* A refused character in a run's text, link or image path that the page does not hold as such came from a
   character reference (&#xFFFF;, &#x85;): reported once, at the run's line. */
static void check_text_decoded(Ctx *c, int line, const char *s, size_t n)
{
    uint32_t ch;
    for (size_t off = 0, at; off < n && (at = text_find_bad(s + off, n - off, &ch)) != (size_t)-1;) {
        if (!raw_bad_has(c, ch)) {
            add(c, ERR_TEXT_BAD_CHAR, c->entry, line,
                N_("a character reference here stands for U+%04X (%s), which is not allowed in text; delete it"),
                (unsigned)ch, gettext(text_char_kind(ch)));
            return;
        }
        int k8 = u8_mblen((const uint8_t *)s + off + at, n - off - at);
        off += at + (k8 > 0 ? (size_t)k8 : 1);
    }
}

static int check_run(const DocRun *r, void *user)
{
    Ctx *c = user;
    char path[1024];
    int rc;
    const char *texts[] = {r->text, r->href, r->link};
    for (size_t k = 0; k < 3; k++)
        if (texts[k])
            check_text_decoded(c, r->line, texts[k], strlen(texts[k]));
    if (r->kind == DOC_RUN_IMAGE) {
        c->st->images_referenced++;
        if (has_scheme(r->href))
            add(c, ERR_MISSING_FILE, c->entry, r->line,
                N_("image '%s' is not in the pack; Beseda works offline, so images must be files in the pack"),
                r->href);
        else if ((rc = resolve(c, r->href, path, sizeof path)) == 1 || rc < 0)
            add(c, ERR_MISSING_FILE, c->entry, r->line, N_("image '%s' is not in the pack"), r->href);
        else if (rc == 2) { /* in the base pack */
        } else if (!manifest_is_image_name(path))
            add(c, ERR_IMAGE_FORMAT, c->entry, r->line, N_("image '%s' must be a .png, .jpg or .jpeg file"), r->href);
        else
            report_image_use(c, path, r);
    }
    const char *href = r->kind == DOC_RUN_IMAGE ? r->link : r->href;
    if (!href || !c->m)
        return 0;
    c->st->links++;
    if (strncmp(href, "item:", 5) == 0) {
        if (!item_exists(c, href + 5))
            add(c, ERR_UNKNOWN_ITEM, c->entry, r->line, N_("link to '%s': the pack has no item with that id"), href);
        return 0;
    }
    if (has_scheme(href) || href[0] == '#')
        return 0; /* external address (shown, never fetched) or an anchor on the page */
    char target[1024];
    snprintf(target, sizeof target, "%.*s", (int)strcspn(href, "#"), href);
    if (!target[0])
        return 0;
    int found = resolve(c, target, path, sizeof path);
    if (found == 2)
        return 0; /* a page of the base pack */
    if (found != 0)
        add(c, ERR_MISSING_FILE, c->entry, r->line, N_("link to '%s': no such file in the pack"), href);
    else if (strlen(path) > 3 && strcmp(path + strlen(path) - 3, ".md") == 0 && !is_page(c, path))
        add(c, ERR_UNKNOWN_ITEM, c->entry, r->line, N_("link to '%s': that file is not a page of any lesson"), href);
    return 0;
}

/* Reads an entry for checking within the limit for its kind; an over-long one gets that kind's code. */
static char *read_for_check(Ctx *c, const char *file, uint64_t limit, ErrCode too_big, size_t *len)
{
    Err e;
    pack_err_init(c->pack, &e);
    char *text;
    long i = pack_find(c->pack, file);
    if (i >= 0 && c->read)
        c->read[i] = 1;
    if (pack_read(c->pack, file, limit, &text, len, &e) == 0)
        return text;
    if (e.code == ERR_ENTRY_SIZE)
        e.code = too_big;
    errlist_add(c->all, &e);
    return NULL;
}

static void check_page(Ctx *c, const char *file, const char *lang)
{
    const PackLimits *lim = pack_limits(c->pack);
    size_t len;
    char *md = read_for_check(c, file, lim->max_markdown_size, ERR_MARKDOWN_SIZE, &len);
    if (!md)
        return;
    Err e;
    pack_err_init(c->pack, &e);
    Doc *d;
    if (doc_parse(md, len, lim, file, &d, &e) != 0) {
        errlist_add(c->all, &e);
    } else {
        c->st->pages++;
        c->entry = file;
        c->lang = lang;
        check_text_raw(c, file, md, len);
        doc_each_run(d, check_run, c);
        doc_free(d);
    }
    free(md);
}

static void check_json(Ctx *c, const char *file, ItemKind kind)
{
    const PackLimits *lim = pack_limits(c->pack);
    size_t len;
    char *json = read_for_check(c, file, lim->max_json_size, ERR_MANIFEST_SIZE, &len);
    if (!json)
        return;
    Err label;
    pack_err_init(c->pack, &label);
    if (kind == ITEM_EXERCISE) {
        Exercise *ex;
        if (exercise_parse(json, len, lim, &label, file, c->all, &ex, NULL) == 0)
            c->st->exercises++;
        exercise_free(ex);
    } else {
        Activity *a;
        if (activity_parse(json, len, lim, &label, file, c->all, &a, NULL) == 0)
            c->st->activities++;
        activity_free(a);
    }
    free(json);
}

static void check_file(Ctx *c, const char *file, ItemKind kind, const char *lang)
{
    if (pack_find(c->pack, file) < 0)
        return; /* a missing file was reported with the manifest or overlay that names it */
    if (kind == ITEM_PAGE)
        check_page(c, file, lang);
    else
        check_json(c, file, kind);
}

/* Checks an item's file and notes as shown in 'lang' (NULL: the pack's own language). With 'overlaid_only', only
   the files the overlay translates (locales/<lang>/<file>) are checked: the rest were checked as the base. */
static void check_item(Ctx *c, const Item *it, const char *lang, int overlaid_only)
{
    char file[600];
    if (it->file && (!overlaid_only || locale_file(c->pack, lang, it->file, file, sizeof file)))
        check_file(c, overlaid_only ? file : it->file, it->kind, lang);
    if (it->notes && (!overlaid_only || locale_file(c->pack, lang, it->notes, file, sizeof file)))
        check_file(c, overlaid_only ? file : it->notes, ITEM_PAGE, lang);
}

/* Every image in the pack, referenced or not, must be a PNG or JPEG within the pixel limits. Runs before the
   pages so that their image references can name the problem. */
static void check_images(Ctx *c)
{
    size_t n = pack_entry_count(c->pack);
    c->bad_images = calloc(n ? n : 1, sizeof *c->bad_images);
    c->image_used = calloc(n ? n : 1, 1);
    for (size_t i = 0; i < n; i++) {
        const char *name = pack_entry_name(c->pack, i);
        if (!manifest_is_image_name(name))
            continue;
        BadImage b = {.info = {.format = IMG_UNKNOWN}};
        pack_err_init(c->pack, &b.err);
        int ok = imghdr_check_whole(c->pack, name, &b.info, &b.err) == 0;
        if (c->read)
            c->read[i] = 1;
        if (ok)
            c->st->images++;
        else if (c->bad_images && c->image_used && (c->bad_images[i] = malloc(sizeof b)))
            *c->bad_images[i] = b;
        else
            errlist_add(c->all, &b.err); /* out of memory: report it here and now */
    }
}

/* Broken images no page uses are reported at their own entry; then the table goes. */
static void finish_images(Ctx *c)
{
    for (size_t i = 0; c->bad_images && i < pack_entry_count(c->pack); i++) {
        if (c->bad_images[i] && !c->image_used[i])
            errlist_add(c->all, &c->bad_images[i]->err);
        free(c->bad_images[i]);
    }
    free(c->bad_images);
    free(c->image_used);
}

/* Files nothing above read (files no item names, and pack.json and locale files, which their own modules read)
   are read through too, so that damaged data anywhere in the pack is reported at its entry, once. */
static void check_unread(Ctx *c)
{
    enum { CHUNK = 64 * 1024 };
    char *buf = malloc(CHUNK);
    if (!buf || !c->read) { /* which files were read is unknown, or nothing to read with: said, not skipped */
        add(c, ERR_NOMEM, NULL, 0, N_("out of memory: the files no item names could not be checked"));
        free(buf);
        return;
    }
    for (size_t i = 0; i < pack_entry_count(c->pack); i++) {
        const char *name = pack_entry_name(c->pack, i);
        if (c->read[i])
            continue;
        Err e;
        pack_err_init(c->pack, &e);
        PackStream *s = NULL;
        ssize_t r = pack_stream_open(c->pack, name, &s, &e);
        while (r >= 0 && (r = pack_stream_read(s, buf, CHUNK, &e)) > 0)
            ;
        pack_stream_close(s);
        if (r >= 0)
            continue;
        int told = 0; /* the module that read it (pack.json, locale.json) may have reported it already */
        for (size_t k = 0; k < c->all->count && !told; k++)
            told = c->all->items[k].code == e.code && strcmp(c->all->items[k].entry, name) == 0;
        if (!told)
            errlist_add(c->all, &e);
    }
    free(buf);
}

/* Overlays: the locale file itself, then each translated or inserted page and exercise. */
static void check_locales(Ctx *c)
{
    char **langs;
    size_t n = locale_list(c->pack, &langs);
    for (size_t i = 0; i < n; i++) {
        Locale *l;
        c->st->locales++;
        if (c->m->is_locale && c->m->language && strcmp(langs[i], c->m->language) != 0)
            add(c, ERR_LOCALE, langs[i], 0,
                N_("a locale pack for '%s' carries only locales/%s/; move or remove this folder"), c->m->language,
                c->m->language);
        if (locale_load(c->pack, langs[i], c->m->is_locale ? NULL : c->m, c->all, &l, NULL) != 0)
            continue;
        c->loc = l;
        for (size_t li = 0; li < c->m->n_lessons; li++)
            for (size_t ii = 0; ii < c->m->lessons[li].n_items; ii++)
                check_item(c, &c->m->lessons[li].items[ii], langs[i], 1);
        for (size_t k = 0; k < l->n_ops; k++)
            if (l->ops[k].kind != LOCALE_OP_REMOVE)
                check_item(c, &l->ops[k].item, langs[i], 0); /* added items name their files in full */
        c->loc = NULL;
        locale_free(l);
    }
    locale_list_free(langs, n);
}

int validate_pack(const char *path, const PackLimits *lim, ErrList *all, ValidateStats *st)
{
    ValidateStats local;
    if (!st)
        st = &local;
    memset(st, 0, sizeof *st);
    size_t before = all->count + all->dropped;
    Pack *p;
    if (pack_open_collect(path, lim, &p, all) != 0)
        return -1;
    Ctx c = {.pack = p, .all = all, .st = st};
    c.read = calloc(pack_entry_count(p) + 1, 1);
    Manifest *m = NULL;
    manifest_load(p, all, &m, NULL);
    check_images(&c); /* even when pack.json is broken: every problem is listed */
    if (m) {
        c.m = m;
        for (size_t i = 0; i < m->n_lessons; i++)
            for (size_t j = 0; j < m->lessons[i].n_items; j++)
                check_item(&c, &m->lessons[i].items[j], NULL, 0);
        check_locales(&c);
        st->lessons = m->n_lessons;
        st->items = manifest_item_count(m);
    }
    finish_images(&c);
    check_unread(&c);
    free(c.read);
    manifest_free(m);
    pack_close(p);
    return all->count + all->dropped > before ? -1 : 0;
}
