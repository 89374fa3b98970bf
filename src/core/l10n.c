/* l10n: translatable strings of a pack, PO files (libgettextpo) and locale packs built from them. */
#include "l10n.h"

#include <errno.h>
#include <gettext-po.h>
#include <libintl.h>
#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "jsonread.h"
#include "manifest.h"
#include "markdown.h"
#include "mdtrans.h"
#include "os/os.h"
#include "text.h"
#include "userdir.h"
#include "version.h"

/* ---- extraction --------------------------------------------------------------------------------------------- */

/* JSON keys whose values are structure, not text: never offered for translation. */
static int structural_key(const char *key)
{
    static const char *const keys[] = {"type", "id", "goto", "start", "ending", "kind", "file", "notes"};
    for (size_t i = 0; key && i < sizeof keys / sizeof *keys; i++)
        if (strcmp(key, keys[i]) == 0)
            return 1;
    return 0;
}

/* The msgctxt of a JSON text: accepted answers are words to match, not sentences, and may need other forms. */
static const char *json_ctx(const char *key)
{
    return key && strcmp(key, "answers") == 0 ? "accepted answer" : NULL;
}

typedef struct {
    L10nStringFn fn;
    void *ud;
    const char *file;
} Emit;

static void emit(Emit *e, const char *ctx, const char *id, int line, const char *comment)
{
    if (!id || !id[0])
        return;
    L10nString s = {ctx, id, e->file, line, comment};
    e->fn(e->ud, &s);
}

/* Visits every text of a JSON file; with 'tr' set, replaces each text 'tr' translates (returns NULL: keep). */
typedef const char *(*JsonTr)(void *ud, const char *ctx, const char *id);
typedef struct {
    Emit *e;
    JsonTr tr;
    void *trud;
    size_t *units, *done;
} JsonVisit;

static void json_walk(JsonVisit *jv, json_t *node, const char *path, const char *key);

/* Visits 'v', found at 'path' under the key 'k' (an array's elements have the array's key). */
static void json_visit(JsonVisit *jv, json_t *v, const char *path, const char *k)
{
    if (structural_key(k))
        return;
    if (json_is_string(v) && json_string_value(v)[0]) {
        if (jv->e)
            emit(jv->e, json_ctx(k), json_string_value(v), 0, path);
        if (jv->tr) {
            (*jv->units)++;
            const char *t = jv->tr(jv->trud, json_ctx(k), json_string_value(v));
            if (t && json_string_set(v, t) == 0)
                (*jv->done)++;
        }
    } else if (json_is_array(v) || json_is_object(v)) {
        json_walk(jv, v, path, k);
    }
}

/* Visits every text of a JSON file in its order; with 'tr' set, replaces each text 'tr' translates. */
static void json_walk(JsonVisit *jv, json_t *node, const char *path, const char *key)
{
    char sub[256];
    if (json_is_array(node)) {
        size_t i;
        json_t *c;
        json_array_foreach(node, i, c)
        {
            snprintf(sub, sizeof sub, "%s[%zu]", path, i);
            json_visit(jv, c, sub, key);
        }
        return;
    }
    const char *k;
    json_t *c;
    json_object_foreach(node, k, c)
    {
        snprintf(sub, sizeof sub, "%s%s%s", path, path[0] ? "." : "", k);
        json_visit(jv, c, sub, k);
    }
}

/* Parses a JSON file of a pack (checked when the pack was opened) for extraction or translation. */
static json_t *parse_file(Pack *p, const char *file, const char *data, size_t len, Err *err)
{
    Err label;
    pack_err_init(p, &label);
    JsonCtx c;
    jr_init(&c, &label, pack_limits(p), file, NULL);
    json_t *root = jr_parse(&c, data, len);
    if (!root)
        *err = c.first;
    return root;
}

static const char *unit_comment(MdUnitKind k)
{
    static const char *const names[] = {"Heading", "Paragraph", "Table cell", "Alt text of the image"};
    return names[k];
}

static void md_unit(void *ud, MdUnitKind kind, const char *text, int line, const char *extra)
{
    char comment[512];
    if (extra)
        snprintf(comment, sizeof comment, "%s %s", unit_comment(kind), extra);
    emit(ud, NULL, text, line, extra ? comment : unit_comment(kind));
}

static int extract_file(Pack *p, const char *file, Emit *e, Err *err)
{
    char *data = NULL;
    size_t len = 0;
    int is_md = strlen(file) > 3 && strcmp(file + strlen(file) - 3, ".md") == 0;
    const PackLimits *lim = pack_limits(p);
    int rc = pack_read(p, file, is_md ? lim->max_markdown_size : lim->max_json_size, &data, &len, err);
    if (rc)
        return rc;
    e->file = file;
    if (is_md) {
        MarkdownStatus st = (MarkdownStatus)mdtrans_extract(data, len, md_unit, e);
        if (st != MARKDOWN_OK)
            rc = markdown_error(err, file, st, len);
    } else {
        json_t *root = parse_file(p, file, data, len, err);
        JsonVisit jv = {e, NULL, NULL, NULL, NULL};
        if (!root)
            rc = -(int)err->code;
        else
            json_walk(&jv, root, "", NULL);
        json_decref(root);
    }
    free(data);
    return rc;
}

int l10n_extract(Pack *p, L10nStringFn fn, void *ud, Err *err)
{
    const Manifest *m = pack_manifest(p);
    if (!m || m->is_locale)
        return err_set(err, ERR_USAGE, "pack.json", N_("strings are taken from a lesson pack, not a locale pack"));
    Emit e = {fn, ud, "pack.json"};
    char path[128];
    emit(&e, NULL, m->title, 0, "title");
    emit(&e, NULL, m->description, 0, "description");
    for (size_t l = 0; l < m->n_lessons; l++) {
        const Lesson *ls = &m->lessons[l];
        snprintf(path, sizeof path, "lessons[%zu].title", l);
        emit(&e, NULL, ls->title, 0, path);
        snprintf(path, sizeof path, "lessons[%zu].summary", l);
        emit(&e, NULL, ls->summary, 0, path);
        for (size_t i = 0; i < ls->n_items; i++) {
            snprintf(path, sizeof path, "lessons[%zu].items[%zu].title", l, i);
            e.file = "pack.json";
            emit(&e, NULL, ls->items[i].title, 0, path);
        }
    }
    for (size_t l = 0; l < m->n_lessons; l++)
        for (size_t i = 0; i < m->lessons[l].n_items; i++) {
            const Item *it = &m->lessons[l].items[i];
            int rc = extract_file(p, it->file, &e, err);
            if (rc == 0 && it->notes)
                rc = extract_file(p, it->notes, &e, err);
            if (rc)
                return rc;
        }
    return 0;
}

/* ---- the strings of a pack, once each ---------------------------------------------------------------------- */

typedef struct {
    char *ctx, *id, *comment;
    size_t order;
    char **refs; /* "file" or "file:line" */
    size_t n_refs;
} Str;

typedef struct {
    Str *v;
    size_t n, cap;
    int nomem;
} StrSet;

/* Orders by (context, text): a string without context differs from one with an empty context. */
static int key_cmp(const Str *x, const Str *y)
{
    int c = strcmp(x->ctx ? x->ctx : "", y->ctx ? y->ctx : "");
    if (!c)
        c = (x->ctx != NULL) - (y->ctx != NULL);
    return c ? c : strcmp(x->id, y->id);
}

static int str_cmp(const void *a, const void *b)
{
    const Str *x = a, *y = b;
    int c = key_cmp(x, y);
    return c ? c : (x->order > y->order) - (x->order < y->order);
}

static int order_cmp(const void *a, const void *b)
{
    const Str *x = a, *y = b;
    return (x->order > y->order) - (x->order < y->order);
}

static void collect_str(void *ud, const L10nString *s)
{
    StrSet *set = ud;
    if (set->nomem)
        return;
    if (set->n == set->cap) {
        Str *g = realloc(set->v, (set->cap = set->cap ? set->cap * 2 : 64) * sizeof *g);
        if (!g) {
            set->nomem = 1;
            return;
        }
        set->v = g;
    }
    Str *x = &set->v[set->n];
    *x = (Str){.order = set->n};
    char ref[600];
    if (s->line > 0)
        snprintf(ref, sizeof ref, "%s:%d", s->file, s->line);
    else
        snprintf(ref, sizeof ref, "%s", s->file);
    x->id = strdup(s->id);
    x->ctx = s->ctx ? strdup(s->ctx) : NULL;
    x->comment = strdup(s->comment ? s->comment : "");
    x->refs = malloc(sizeof *x->refs);
    if (x->refs && (x->refs[0] = strdup(ref)))
        x->n_refs = 1;
    set->n++;
    if (!x->id || (s->ctx && !x->ctx) || !x->comment || !x->n_refs)
        set->nomem = 1;
}

static void strset_free(StrSet *set)
{
    for (size_t i = 0; i < set->n; i++) {
        free(set->v[i].ctx);
        free(set->v[i].id);
        free(set->v[i].comment);
        for (size_t r = 0; r < set->v[i].n_refs; r++)
            free(set->v[i].refs[r]);
        free(set->v[i].refs);
    }
    free(set->v);
}

/* Collects the pack's strings, merges repeats into their first place (keeping every reference) and leaves
   them in the order they first occur. */
static int strset_load(Pack *p, StrSet *set, Err *err)
{
    memset(set, 0, sizeof *set);
    int rc = l10n_extract(p, collect_str, set, err);
    if (!rc && set->nomem)
        rc = err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
    if (rc)
        return rc;
    if (set->n)
        qsort(set->v, set->n, sizeof *set->v, str_cmp);
    size_t w = 0;
    for (size_t i = 0; i < set->n; i++) {
        Str *x = &set->v[i];
        char **g = NULL;
        if (w > 0 && key_cmp(x, &set->v[w - 1]) == 0 &&
            !(g = realloc(set->v[w - 1].refs, (set->v[w - 1].n_refs + x->n_refs) * sizeof *g)))
            set->nomem = 1; /* kept as an entry of its own, so that it is freed; the load fails */
        if (g) {
            Str *first = &set->v[w - 1];
            first->refs = g;
            memcpy(first->refs + first->n_refs, x->refs, x->n_refs * sizeof *x->refs);
            first->n_refs += x->n_refs;
            x->n_refs = 0;
            free(x->ctx);
            free(x->id);
            free(x->comment);
            free(x->refs);
            continue;
        }
        set->v[w++] = *x;
    }
    set->n = w;
    if (set->n)
        qsort(set->v, set->n, sizeof *set->v, order_cmp);
    return set->nomem ? err_set(err, ERR_NOMEM, NULL, N_("out of memory")) : 0;
}

/* ---- POT ---------------------------------------------------------------------------------------------------- */

/* libgettextpo reports problems through a handler that must not return on a fatal error: it jumps back. */
typedef struct {
    ErrList *all;
    Err first;
    int failed;
    const char *label;
    jmp_buf fatal;
} PoErrors;
static PoErrors *po_errors; /* the read in progress; libgettextpo's handler has no user pointer */

static void po_xerror(int severity, po_message_t message, const char *filename, size_t lineno, size_t column,
                      int multiline_p, const char *text)
{
    (void)message, (void)column, (void)multiline_p;
    PoErrors *pe = po_errors;
    if (severity == PO_SEVERITY_WARNING || !pe)
        return;
    Err e = {0};
    const char *base = filename ? strrchr(filename, '/') : NULL;
    snprintf(e.entry, sizeof e.entry, "%s", base ? base + 1 : filename ? filename : pe->label);
    e.code = ERR_PO_SYNTAX;
    e.line = filename && lineno != (size_t)-1 ? (int)lineno : 0;
    snprintf(e.msg, sizeof e.msg, "%.*s", (int)strcspn(text, "\n"), text);
    if (!pe->failed || (pe->first.line == 0 && e.line > 0))
        pe->first = e;
    pe->failed = 1;
    /* The final "found N fatal errors" repeats what was said: keep the list to the real problems. */
    if (severity != PO_SEVERITY_FATAL_ERROR || e.line > 0 || !pe->all || pe->all->count == 0) {
        if (pe->all)
            errlist_add(pe->all, &e);
    }
    if (severity == PO_SEVERITY_FATAL_ERROR)
        longjmp(pe->fatal, 1);
}

static void po_xerror2(int severity, po_message_t m1, const char *f1, size_t l1, size_t c1, int ml1, const char *t1,
                       po_message_t m2, const char *f2, size_t l2, size_t c2, int ml2, const char *t2)
{
    (void)m2, (void)f2, (void)l2, (void)c2, (void)ml2, (void)t2;
    po_xerror(severity == PO_SEVERITY_FATAL_ERROR ? PO_SEVERITY_ERROR : severity, m1, f1, l1, c1, ml1, t1);
    if (severity == PO_SEVERITY_FATAL_ERROR)
        longjmp(po_errors->fatal, 1);
}

static const struct po_xerror_handler po_handler = {po_xerror, po_xerror2};

/* Runs a read (path, NULL file) or a write (path, file) with 'pe' receiving the problems. */
static po_file_t po_guarded(const char *path, po_file_t file, PoErrors *pe)
{
    po_file_t volatile result = NULL;
    char narrow[4096];
    const char *name = os_narrow_path(path, narrow, sizeof narrow);
    po_errors = pe;
    if (setjmp(pe->fatal) == 0)
        result = file ? po_file_write(file, name, &po_handler) : po_file_read(name, &po_handler);
    po_errors = NULL;
    return result;
}

int l10n_write_pot(Pack *p, const char *path, Err *err)
{
    StrSet set;
    int rc = strset_load(p, &set, err);
    if (rc) {
        strset_free(&set);
        return rc;
    }
    const Manifest *m = pack_manifest(p);
    po_file_t f = po_file_create();
    po_message_iterator_t it = po_message_iterator(f, NULL);
    po_message_t h = po_message_create();
    char header[1024];
    snprintf(header, sizeof header,
             "Project-Id-Version: %s %s\n"
             "Last-Translator: FULL NAME <EMAIL@ADDRESS>\n"
             "Language-Team: LANGUAGE <LL@li.org>\n"
             "Language: \n"
             "MIME-Version: 1.0\n"
             "Content-Type: text/plain; charset=UTF-8\n"
             "Content-Transfer-Encoding: 8bit\n"
             "X-Beseda-Pack: %s\n"
             "X-Beseda-Version: %s\n",
             m->id, m->version, m->id, m->version);
    po_message_set_msgid(h, "");
    po_message_set_msgstr(h, header);
    po_message_set_fuzzy(h, 1);
    po_message_insert(it, h);
    for (size_t i = 0; i < set.n; i++) {
        Str *x = &set.v[i];
        po_message_t msg = po_message_create();
        if (x->ctx)
            po_message_set_msgctxt(msg, x->ctx);
        po_message_set_msgid(msg, x->id);
        po_message_set_msgstr(msg, "");
        po_message_set_extracted_comments(msg, x->comment);
        for (size_t r = 0; r < x->n_refs; r++) {
            char *colon = strrchr(x->refs[r], ':');
            if (colon && colon[1] >= '0' && colon[1] <= '9') {
                *colon = '\0';
                po_message_add_filepos(msg, x->refs[r], (size_t)atol(colon + 1));
                *colon = ':';
            } else {
                po_message_add_filepos(msg, x->refs[r], (size_t)-1);
            }
        }
        po_message_insert(it, msg);
    }
    po_message_iterator_free(it);
    PoErrors pe = {.label = path};
    po_guarded(path, f, &pe);
    po_file_free(f);
    strset_free(&set);
    if (pe.failed) {
        if (err)
            *err = pe.first;
        return -(int)pe.first.code;
    }
    return 0;
}

/* ---- PO files ----------------------------------------------------------------------------------------------- */

typedef struct {
    const char *ctx, *id, *str; /* into the po_file_t */
    int fuzzy, line, used;
    int bad; /* holds what pack text may not (reported when read): never used */
} PoMsg;

typedef struct {
    po_file_t file;
    PoMsg *v;
    size_t n;
    size_t bad;     /* messages refused for their characters */
    char name[256]; /* base name, for messages */
} Po;

static int pomsg_cmp(const void *a, const void *b)
{
    const PoMsg *x = a, *y = b;
    int c = (x->ctx != NULL) - (y->ctx != NULL);
    if (!c && x->ctx)
        c = strcmp(x->ctx, y->ctx);
    return c ? c : strcmp(x->id, y->id);
}

typedef struct {
    int msgctxt, msgid, msgstr; /* lines of the keywords (0 when absent) */
    int bad[3];                 /* the first line of msgctxt, msgid, msgstr holding what pack text may not, or 0 */
} PoLines;

/* True when a line of a PO file holds broken UTF-8 or a character pack text may not hold, written out or as an
   escape (\a \b \f \v, octal or hex). */
static int bad_piece(const char *buf, size_t n)
{
    if (u8_check((const uint8_t *)buf, n) || text_find_bad(buf, n, NULL) != (size_t)-1)
        return 1;
    for (size_t i = 0; i + 1 < n; i++)
        if (buf[i] == '\\' && strchr("abfvx01234567", buf[++i]))
            return 1;
    return 0;
}

/* Lines of each message's keywords, and of the first piece of each text that holds what pack text may not, in
   one pass in file order: the k-th active "msgid" belongs to the k-th message libgettextpo returns (obsolete "#~"
   entries are skipped by both). */
static PoLines *msg_lines(const char *path, size_t *n)
{
    *n = 0;
    FILE *f = os_fopen(path, "rb");
    if (!f)
        return NULL;
    size_t cap = 64;
    PoLines *v = malloc(cap * sizeof *v);
    PoLines cur = {0};
    int line = 0, part = -1; /* part: 0 msgctxt, 1 msgid, 2 msgstr (of v[*n - 1]), -1 none */
    char buf[4096];
    int at_start = 1;
    while (v && fgets(buf, sizeof buf, f)) {
        int start = at_start, here = line + 1;
        size_t len = strlen(buf);
        at_start = len > 0 && buf[len - 1] == '\n';
        line += at_start;
        if (start) {
            if (strncmp(buf, "msgctxt", 7) == 0) {
                cur = (PoLines){.msgctxt = here};
                part = 0;
            } else if (strncmp(buf, "msgid_plural", 12) == 0) {
                part = 1;
            } else if (strncmp(buf, "msgid", 5) == 0) {
                if (part != 0)
                    cur = (PoLines){0};
                cur.msgid = here;
                part = 1;
            } else if (strncmp(buf, "msgstr", 6) == 0) {
                if (part == 0 || part == 1) {
                    if (*n == cap) {
                        PoLines *g = realloc(v, (cap *= 2) * sizeof *v);
                        if (!g)
                            break;
                        v = g;
                    }
                    cur.msgstr = here;
                    v[(*n)++] = cur;
                }
                part = 2;
            } else if (buf[0] != '"') {
                part = -1;
            }
        }
        int *bad = part == 2 && *n > 0 ? &v[*n - 1].bad[2] : part >= 0 && part < 2 ? &cur.bad[part] : NULL;
        if (bad && !*bad && bad_piece(buf, len))
            *bad = here;
    }
    fclose(f);
    return v;
}

static void po_close(Po *po)
{
    if (!po)
        return;
    if (po->file)
        po_file_free(po->file);
    free(po->v);
    free(po);
}

static char *header_value(const char *header, const char *field)
{
    char *v = header ? po_header_field(header, field) : NULL;
    if (v && !v[0]) {
        free(v);
        v = NULL;
    }
    return v;
}

/* Who the PO file's Last-Translator header names, without the address (a locale pack's authors are public), into
   'out'; "" when it names no one: empty, or still what msginit and xgettext write until a person fills it in
   ("Automatically generated", "FULL NAME <EMAIL@ADDRESS>"; Language-Team's "LANGUAGE <LL@li.org>" or "none" when
   copied there). A name too long for 'out' is cut at a character's start. */
static void po_translator(const Po *po, char *out, size_t size)
{
    static const char *const placeholders[] = {"Automatically generated", "FULL NAME", "LANGUAGE", "none"};
    char *header = (char *)po_file_domain_header(po->file, NULL); /* a copy to free, though declared const */
    char *v = header_value(header, "Last-Translator");
    free(header);
    out[0] = '\0';
    if (!v)
        return;
    size_t start = strspn(v, " \t"), end = start + strcspn(v + start, "<");
    while (end > start && (v[end - 1] == ' ' || v[end - 1] == '\t'))
        end--;
    int named = end > start;
    for (size_t i = 0; named && i < sizeof placeholders / sizeof *placeholders; i++)
        if (end - start == strlen(placeholders[i]) && strncasecmp(v + start, placeholders[i], end - start) == 0)
            named = 0;
    if (named) {
        if (end - start >= size)
            for (end = start + size - 1; end > start && ((unsigned char)v[end] & 0xC0) == 0x80;)
                end--;
        snprintf(out, size, "%.*s", (int)(end - start), v + start);
    }
    free(v);
}

/* A message whose texts hold broken UTF-8 or a character pack text may not hold (core/text) is reported
   (text-not-utf8, text-bad-char) at the line of that text, once. Returns 1 for such a message. */
static int po_check_text(Po *po, po_message_t msg, const PoLines *at, ErrList *all)
{
    const char *texts[] = {po_message_msgctxt(msg), po_message_msgid(msg), po_message_msgstr(msg)};
    static const char *const keywords[] = {"msgctxt", "msgid", "msgstr"};
    for (int i = 0; i < 3; i++) {
        const char *s = texts[i];
        size_t n = s ? strlen(s) : 0;
        uint32_t ch = 0;
        Err e = {0};
        if (n && u8_check((const uint8_t *)s, n))
            err_set(&e, ERR_NOT_UTF8, po->name, N_("the %s is not valid UTF-8; save the PO file as UTF-8"),
                    keywords[i]);
        else if (n && text_find_bad(s, n, &ch) != (size_t)-1)
            err_set(&e, ERR_TEXT_BAD_CHAR, po->name,
                    N_("the %s holds U+%04X (%s), which pack text may not hold; remove it"), keywords[i], (unsigned)ch,
                    gettext(text_char_kind(ch)));
        else
            continue;
        int keyword[] = {at ? at->msgctxt : 0, at ? at->msgid : 0, at ? at->msgstr : 0};
        e.line = at && at->bad[i] ? at->bad[i] : keyword[i];
        if (all)
            errlist_add(all, &e);
        po->bad++;
        return 1;
    }
    return 0;
}

/* libgettextpo reads a whole file into memory (and exits when memory runs out): refuse a PO file no pack could
   need before it starts. The largest pack's strings are far below this. */
enum { PO_MAX_SIZE = 64 << 20 };

/* Reads 'path'. Problems go into 'all' with their lines; returns NULL after any. */
static Po *po_open(const char *path, ErrList *all, Err *first)
{
    Po *po = calloc(1, sizeof *po);
    if (!po) {
        err_set(first, ERR_NOMEM, NULL, N_("out of memory"));
        return NULL;
    }
    snprintf(po->name, sizeof po->name, "%s", os_path_base(path));
    OsStat sb;
    errno = 0;
    if (os_stat(path, &sb) != 0 || sb.type != OS_FILE_REG) {
        Err e = {0};
        err_set(&e, ERR_NOT_FOUND, po->name, N_("cannot read the PO file: %s"), strerror(errno ? errno : EISDIR));
        if (all)
            errlist_add(all, &e);
        *first = e;
        po_close(po);
        return NULL;
    }
    if (sb.size > PO_MAX_SIZE) {
        Err e = {0};
        err_set(&e, ERR_PO_SYNTAX, po->name, N_("the PO file is %lld bytes; a pack's translation is at most %d MiB"),
                (long long)sb.size, PO_MAX_SIZE >> 20);
        if (all)
            errlist_add(all, &e);
        *first = e;
        po_close(po);
        return NULL;
    }
    PoErrors pe = {.all = all, .label = po->name};
    po->file = po_guarded(path, NULL, &pe);
    if (pe.failed || !po->file) {
        *first = pe.first;
        if (!pe.failed)
            err_set(first, ERR_PO_SYNTAX, po->name, N_("cannot be read as a PO file"));
        po_close(po); /* after a fatal jump libgettextpo's half-read catalog is lost, not freed */
        return NULL;
    }
    size_t n_lines = 0;
    PoLines *lines = msg_lines(path, &n_lines);
    size_t cap = 0, k = 0;
    po_message_iterator_t it = po_message_iterator(po->file, NULL);
    po_message_t msg;
    while ((msg = po_next_message(it))) {
        if (po_message_is_obsolete(msg))
            continue;
        const PoLines *at = lines && k < n_lines ? &lines[k] : NULL;
        k++;
        int bad = po_check_text(po, msg, at, all);
        if (!po_message_msgid(msg)[0])
            continue; /* the header */
        if (po->n == cap) {
            PoMsg *g = realloc(po->v, (cap = cap ? cap * 2 : 256) * sizeof *g);
            if (!g)
                break;
            po->v = g;
        }
        po->v[po->n++] = (PoMsg){po_message_msgctxt(msg),
                                 po_message_msgid(msg),
                                 po_message_msgstr(msg),
                                 po_message_is_fuzzy(msg),
                                 at ? at->msgstr : 0,
                                 0,
                                 bad};
    }
    po_message_iterator_free(it);
    free(lines);
    if (po->n) /* a PO file with only its header has no array to sort */
        qsort(po->v, po->n, sizeof *po->v, pomsg_cmp);
    return po;
}

/* The translation for checking: 'lang' must match the PO's Language and 'pack_id' its X-Beseda-Pack. */
static int po_check_target(Po *po, const char *pack_id, const char *lang, ErrList *all, Err *first)
{
    char *header = (char *)po_file_domain_header(po->file, NULL); /* a copy to free, though declared const */
    char *pid = header_value(header, "X-Beseda-Pack"), *plang = header_value(header, "Language");
    Err e = {0};
    if (pid && strcmp(pid, pack_id) != 0)
        err_set(&e, ERR_PO_MISMATCH, po->name,
                N_("this PO file translates the pack '%s', not '%s'; use the PO file made for this pack, or "
                   "start one with beseda-pack pot"),
                pid, pack_id);
    else if (plang && lang) {
        /* the primary language must agree: "ru", "ru_RU" and "ru-RU" all translate into "ru" */
        size_t pl = strcspn(plang, "_-.@"), ll = strcspn(lang, "-");
        if (pl != ll || strncasecmp(plang, lang, ll) != 0)
            err_set(&e, ERR_PO_MISMATCH, po->name,
                    N_("this PO file is in the language '%s', not '%s'; check --lang or the Language header"), plang,
                    lang);
    }
    char *type = e.code ? NULL : header_value(header, "Content-Type");
    const char *cs = type ? strstr(type, "charset=") : NULL;
    if (cs && strncasecmp(cs + 8, "UTF-8", 5) != 0 && strncasecmp(cs + 8, "CHARSET", 7) != 0)
        err_set(&e, ERR_PO_SYNTAX, po->name,
                N_("this PO file is saved as %s; save it as UTF-8 (in Poedit: Catalog, Properties, Source code "
                   "charset) or convert it with msgconv --to-code=UTF-8"),
                cs + 8);
    free(type);
    free(pid);
    free(plang);
    free(header);
    if (e.code) {
        if (all)
            errlist_add(all, &e);
        *first = e;
        return -1;
    }
    return 0;
}

static PoMsg *po_find(Po *po, const char *ctx, const char *id)
{
    PoMsg key = {ctx, id, NULL, 0, 0, 0, 0};
    return po->n ? bsearch(&key, po->v, po->n, sizeof *po->v, pomsg_cmp) : NULL;
}

typedef struct {
    Po *po;
    ErrList *all;
    int failed;
} Tr;

/* The checked translation of (ctx, id), or NULL. A translation that breaks the Markdown is reported once. */
static const char *tr_lookup(Tr *t, const char *ctx, const char *id, int *state)
{
    PoMsg *m = po_find(t->po, ctx, id);
    *state = 0;
    if (!m || !m->str || !m->str[0])
        return NULL;
    if (m->bad) { /* reported when the file was read */
        m->used = 1;
        *state = 2;
        return NULL;
    }
    if (m->fuzzy) {
        m->used = 1; /* the pack has this text; the translation waits for review */
        *state = 1;
        return NULL;
    }
    const char *why;
    char arg[256];
    if (!mdtrans_check(id, m->str, &why, arg, sizeof arg)) {
        *state = 2;
        if (!m->used) {
            Err e = {0};
            char reason[400], shown[64];
            snprintf(reason, sizeof reason, gettext(why), arg);
            size_t cut = 40;
            while (cut < strlen(id) && (id[cut] & 0xC0) == 0x80)
                cut++;
            snprintf(shown, sizeof shown, "%.*s%s", (int)cut, id, strlen(id) > cut ? "..." : "");
            err_set(&e, ERR_PO_MARKUP, t->po->name, N_("the translation of \"%s\" %s"), shown, reason);
            e.line = m->line;
            if (t->all)
                errlist_add(t->all, &e);
            t->failed = 1;
        }
        m->used = 1;
        return NULL;
    }
    m->used = 1;
    *state = 3;
    return m->str;
}

static const char *tr_md(void *ud, const char *text, int line)
{
    (void)line;
    int state;
    return tr_lookup(ud, NULL, text, &state);
}

static const char *tr_json(void *ud, const char *ctx, const char *id)
{
    int state;
    return tr_lookup(ud, ctx, id, &state);
}

/* Fills the counts of strings of 'set' for the catalogue in 't'. */
static void count_strings(Tr *t, const StrSet *set, L10nStats *st)
{
    st->strings = set->n;
    for (size_t i = 0; i < set->n; i++) {
        int state;
        tr_lookup(t, set->v[i].ctx, set->v[i].id, &state);
        st->translated += state == 3;
        st->fuzzy += state == 1;
        st->broken += state == 2;
        st->untranslated += state == 0;
    }
    for (size_t i = 0; i < t->po->n; i++)
        st->unused += !t->po->v[i].used && t->po->v[i].str && t->po->v[i].str[0];
}

/* ---- locale packs ------------------------------------------------------------------------------------------- */

static int write_file(const char *dir, const char *rel, const char *data, size_t len, Err *err)
{
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    char *slash = strrchr(path, '/');
    *slash = '\0';
    int rc = userdir_mkdirs(path, err);
    *slash = '/';
    if (rc)
        return rc;
    FILE *f = os_fopen(path, "wb");
    if (!f)
        return err_set(err, ERR_IO, rel, N_("cannot write the file: %s"), strerror(errno));
    size_t w = fwrite(data, 1, len, f);
    if (fclose(f) != 0 || w != len)
        return err_set(err, ERR_IO, rel, N_("cannot write the file: %s"), strerror(errno));
    return 0;
}

/* Translates one file of the base into locales/<lang>/<file> when enough of it is translated. */
static int translate_file(Pack *p, const char *file, const L10nBuild *b, Tr *t, const char *out_dir, L10nStats *st,
                          Err *err)
{
    char *data = NULL, *out = NULL;
    size_t len = 0, units = 0, done = 0;
    int is_md = strlen(file) > 3 && strcmp(file + strlen(file) - 3, ".md") == 0;
    const PackLimits *lim = pack_limits(p);
    int rc = pack_read(p, file, is_md ? lim->max_markdown_size : lim->max_json_size, &data, &len, err);
    if (rc)
        return rc;
    if (is_md) {
        MarkdownStatus ms = (MarkdownStatus)mdtrans_apply(data, len, tr_md, t, &out, &units, &done);
        if (ms != MARKDOWN_OK)
            rc = markdown_error(err, file, ms, len);
    } else {
        json_t *root = parse_file(p, file, data, len, err);
        JsonVisit jv = {NULL, tr_json, t, &units, &done};
        if (!root)
            rc = -(int)err->code;
        else {
            json_walk(&jv, root, "", NULL);
            if (!(out = json_dumps(root, JSON_INDENT(2))))
                rc = err_set(err, ERR_NOMEM, file, N_("out of memory"));
        }
        json_decref(root);
    }
    free(data);
    st->files++;
    if (rc == 0 && units > 0 && done * 100 >= units * (size_t)b->keep_percent) {
        char rel[600];
        snprintf(rel, sizeof rel, "locales/%s/%s", b->lang, file);
        rc = write_file(out_dir, rel, out, strlen(out), err);
        st->files_translated += rc == 0;
    }
    free(out);
    return rc;
}

/* Sets obj[key] to a new value 'v' (taken even on failure); a failure marks *failed (memory ran out). */
static void put(json_t *obj, const char *key, json_t *v, int *failed)
{
    if (json_object_set_new(obj, key, v) != 0)
        *failed = 1;
}

static void add_text(json_t *obj, const char *key, Tr *t, const char *id, int *failed)
{
    const char *s = id ? tr_json(t, NULL, id) : NULL;
    if (s)
        put(obj, key, json_string(s), failed);
}

/* locales/<lang>/locale.json: translated titles, and the adaptation's operations ('adapt' is taken) when there
   are any. NULL when memory runs out. */
static json_t *locale_json(const Manifest *m, const L10nBuild *b, Tr *t, json_t *adapt)
{
    json_t *root = json_object(), *lessons = json_object(), *items = json_object();
    int failed = !root;
    put(root, "language", json_string(b->lang), &failed);
    add_text(root, "title", t, m->title, &failed);
    add_text(root, "description", t, m->description, &failed);
    for (size_t l = 0; l < m->n_lessons; l++) {
        json_t *o = json_object();
        add_text(o, "title", t, m->lessons[l].title, &failed);
        add_text(o, "summary", t, m->lessons[l].summary, &failed);
        if (json_object_size(o))
            put(lessons, m->lessons[l].id, o, &failed);
        else
            json_decref(o);
        for (size_t i = 0; i < m->lessons[l].n_items; i++) {
            json_t *io = json_object();
            add_text(io, "title", t, m->lessons[l].items[i].title, &failed);
            if (json_object_size(io))
                put(items, m->lessons[l].items[i].id, io, &failed);
            else
                json_decref(io);
        }
    }
    put(root, "lessons", lessons, &failed);
    put(root, "items", items, &failed);
    if (adapt)
        put(root, "adapt", adapt, &failed);
    if (failed) {
        json_decref(root);
        return NULL;
    }
    return root;
}

/* The locale pack's pack.json: its authors are the translator ("" when the PO file names no one), then the pack's. */
static json_t *locale_pack_json(const Manifest *m, const L10nBuild *b, Tr *t, const char *translator)
{
    Version v = {0};
    version_parse(m->version, &v);
    char id[200], range[96], title[600];
    snprintf(id, sizeof id, "%s.%s", m->id, b->lang);
    for (char *s = id; *s; s++)
        *s = *s >= 'A' && *s <= 'Z' ? (char)(*s - 'A' + 'a') : *s;
    snprintf(range, sizeof range, ">=%ld.%ld.%ld <%ld.0.0", v.major, v.minor, v.patch, v.major + 1);
    const char *tt = tr_json(t, NULL, m->title);
    snprintf(title, sizeof title, "%s (%s)", tt ? tt : m->title, b->lang);
    json_t *root = json_object(), *ext = json_object(), *authors = json_array();
    int failed = !root;
    put(root, "format", json_integer(1), &failed);
    put(root, "kind", json_string("locale"), &failed);
    put(root, "id", json_string(id), &failed);
    put(root, "version", json_string(m->version), &failed);
    put(root, "title", json_string(title), &failed);
    put(root, "language", json_string(b->lang), &failed);
    put(root, "license", json_string(m->license), &failed);
    if (translator[0] && json_array_append_new(authors, json_string(translator)) != 0)
        failed = 1;
    for (size_t i = 0; i < m->n_authors; i++)
        if (json_array_append_new(authors, json_string(m->authors[i])) != 0)
            failed = 1;
    put(root, "authors", authors, &failed);
    put(ext, "id", json_string(m->id), &failed);
    put(ext, "versions", json_string(range), &failed);
    put(root, "extends", ext, &failed);
    if (failed) {
        json_decref(root);
        return NULL;
    }
    return root;
}

/* Copies one file of the adaptation folder into the locale pack's folder (os_walk callback). */
typedef struct {
    const char *src, *dest;
    Err *err;
    int rc;
} CopyJob;

static int copy_one(const char *path, const OsStat *st, int post, void *ctx)
{
    CopyJob *job = ctx;
    size_t sl = strlen(job->src);
    if (post || strlen(path) <= sl || st->type == OS_FILE_DIR)
        return 0;
    const char *rel = path + sl + 1;
    if (rel[0] == '.' || strstr(rel, "/."))
        return 0; /* hidden files are not part of a pack */
    if (st->type != OS_FILE_REG) {
        job->rc = err_set(job->err, ERR_SYMLINK, rel,
                          N_("is not a plain file; the adaptation folder may hold only files and folders"));
        return 1;
    }
    if (strcmp(rel, "adapt.json") == 0)
        return 0;
    char dest[4096];
    snprintf(dest, sizeof dest, "%s/%s", job->dest, rel);
    char *slash = strrchr(dest, '/');
    *slash = '\0';
    if ((job->rc = userdir_mkdirs(dest, job->err)) != 0)
        return 1;
    *slash = '/';
    return (job->rc = userdir_copy_atomic(path, dest, job->err)) != 0;
}

/* The "adapt" operations of DIR/adapt.json (none when there is no such file), read within the JSON limits. */
static int read_adapt(const L10nBuild *b, json_t **ops, Err *err)
{
    *ops = NULL;
    char path[4096];
    snprintf(path, sizeof path, "%s/adapt.json", b->adapt_dir);
    OsStat sb;
    if (os_stat(path, &sb) != 0)
        return errno == ENOENT ? 0
                               : err_set(err, ERR_IO, "adapt.json", N_("cannot read the file: %s"), strerror(errno));
    PackLimits lim;
    pack_limits_default(&lim);
    if (sb.size > lim.max_json_size)
        return err_set(err, ERR_MANIFEST_SIZE, "adapt.json", N_("JSON file is %zu bytes; the limit is %llu"),
                       (size_t)sb.size, (unsigned long long)lim.max_json_size);
    FILE *f = os_fopen(path, "rb");
    char *buf = f ? malloc((size_t)sb.size + 1) : NULL;
    size_t n = buf ? fread(buf, 1, (size_t)sb.size, f) : 0;
    if (f)
        fclose(f);
    if (!buf)
        return err_set(err, ERR_IO, "adapt.json", N_("cannot read the file: %s"), strerror(errno ? errno : ENOMEM));
    JsonCtx c;
    Err label = {0};
    jr_init(&c, &label, &lim, "adapt.json", NULL);
    c.strict_text = 1;                   /* what it adds goes into the locale pack, which validate would refuse */
    json_t *root = jr_parse(&c, buf, n); /* a problem is reported with its line and column */
    free(buf);
    /* the list outlives the rest of the file: a reference of its own */
    json_t *ops_list = root ? json_incref((json_t *)jr_array(&c, root, "", "adapt", 1)) : NULL;
    json_decref(root);
    if (c.failed) {
        json_decref(ops_list);
        *err = c.first;
        return c.failed;
    }
    *ops = ops_list;
    return 0;
}

/* 1 when the adaptation 'ops' removes item 'id' from the locale's view. (A replaced item's translated files stay:
   its replacement may use them, as a replaced page keeps its notes.) */
static int dropped(const json_t *ops, const char *id)
{
    size_t i;
    const json_t *op;
    json_array_foreach((json_t *)ops, i, op)
    {
        const char *kind = json_string_value(json_object_get(op, "op"));
        const char *item = json_string_value(json_object_get(op, "item"));
        if (kind && item && strcmp(item, id) == 0 && strcmp(kind, "remove") == 0)
            return 1;
    }
    return 0;
}

/* 1 when an item the locale keeps uses 'file' (as its file or its notes): the files of items its adaptation removes
   are left out of the locale pack, so that a translation an edition leaves out (for its readers' safety, say) is
   not in the file either. */
static int file_needed(const Manifest *m, const json_t *ops, const char *file)
{
    if (!ops || !file)
        return 1;
    for (size_t l = 0; l < m->n_lessons; l++)
        for (size_t i = 0; i < m->lessons[l].n_items; i++) {
            const Item *it = &m->lessons[l].items[i];
            if (((it->file && strcmp(it->file, file) == 0) || (it->notes && strcmp(it->notes, file) == 0)) &&
                !dropped(ops, it->id))
                return 1;
        }
    return 0;
}

static int report(ErrList *all, Err *e, int rc)
{
    if (rc && all)
        errlist_add(all, e);
    return rc;
}

/* Opens the PO file for 'p' and checks it is for this pack and language. */
static int open_for(Pack *p, const char *lang, const char *path, ErrList *all, Po **out)
{
    Err e = {0};
    *out = po_open(path, all, &e);
    if (!*out)
        return -(int)(e.code ? e.code : ERR_PO_SYNTAX);
    if (po_check_target(*out, pack_manifest(p)->id, lang, all, &e) != 0) {
        po_close(*out);
        *out = NULL;
        return -(int)e.code;
    }
    return 0;
}

/* The outcome of a use of a PO file: the first failure 'rc', else the code of its refused messages. */
static int po_result(const Po *po, const Tr *t, int rc)
{
    return rc ? rc : po->bad ? -(int)ERR_TEXT_BAD_CHAR : t->failed ? -(int)ERR_PO_MARKUP : 0;
}

int l10n_po_stats(Pack *p, const char *lang, const char *po_path, L10nStats *st, ErrList *all)
{
    memset(st, 0, sizeof *st);
    Po *po;
    int rc = open_for(p, lang, po_path, all, &po);
    if (rc)
        return rc;
    po_translator(po, st->translator, sizeof st->translator);
    StrSet set;
    Err e = {0};
    rc = report(all, &e, strset_load(p, &set, &e));
    Tr t = {po, all, 0};
    if (!rc)
        count_strings(&t, &set, st);
    strset_free(&set);
    rc = po_result(po, &t, rc);
    po_close(po);
    return rc;
}

int l10n_build_locale(Pack *base, const L10nBuild *b, const char *out_dir, L10nStats *st, ErrList *all)
{
    memset(st, 0, sizeof *st);
    const Manifest *m = pack_manifest(base);
    Err e = {0};
    if (!manifest_valid_language(b->lang))
        return report(all, &e,
                      err_set(&e, ERR_USAGE, NULL, N_("'%s' is not a language tag such as en, ru or pt-BR"), b->lang));
    if (!m || m->is_locale)
        return report(all, &e, err_set(&e, ERR_USAGE, "pack.json", N_("a locale pack is built from a lesson pack")));
    Po *po;
    int rc = open_for(base, b->lang, b->po, all, &po);
    if (rc)
        return rc;
    po_translator(po, st->translator, sizeof st->translator);
    StrSet set;
    Tr t = {po, all, 0};
    json_t *adapt = NULL;
    rc = report(all, &e, strset_load(base, &set, &e));
    if (!rc)
        count_strings(&t, &set, st);
    strset_free(&set);
    if (!rc && st->translated + st->fuzzy + st->broken == 0 && st->unused > 0) /* no X-Beseda-Pack header to tell */
        rc = report(all, &e,
                    err_set(&e, ERR_PO_MISMATCH, po->name,
                            /* TRANSLATORS: the count stands alone ("1 in all"): err_set has no plural forms */
                            N_("none of the translations in this PO file (%zu in all) is for a text of this pack; is "
                               "it the PO file of another pack?"),
                            st->unused));
    if (!rc && os_mkdir(out_dir, 0) != 0)
        rc = report(all, &e, err_set(&e, ERR_IO, out_dir, N_("cannot create the folder: %s"), strerror(errno)));
    if (!rc && b->adapt_dir) /* first: what it removes is not translated into the locale pack at all */
        rc = report(all, &e, read_adapt(b, &adapt, &e));
    for (size_t l = 0; !rc && l < m->n_lessons; l++)
        for (size_t i = 0; !rc && i < m->lessons[l].n_items; i++) {
            const Item *it = &m->lessons[l].items[i];
            if (file_needed(m, adapt, it->file))
                rc = translate_file(base, it->file, b, &t, out_dir, st, &e);
            if (!rc && it->notes && file_needed(m, adapt, it->notes))
                rc = translate_file(base, it->notes, b, &t, out_dir, st, &e);
            report(all, &e, rc);
        }
    if (!rc && b->adapt_dir) {
        char dest[4096];
        snprintf(dest, sizeof dest, "%s/locales/%s", out_dir, b->lang);
        CopyJob job = {b->adapt_dir, dest, &e, 0};
        if (userdir_mkdirs(dest, &e) != 0 || os_walk(b->adapt_dir, copy_one, &job) != 0)
            rc = job.rc ? job.rc : err_set(&e, ERR_IO, b->adapt_dir, N_("cannot read the folder: %s"), strerror(errno));
        report(all, &e, rc);
    }
    if (!rc) {
        json_t *lj = locale_json(m, b, &t, adapt), *pj = locale_pack_json(m, b, &t, st->translator);
        adapt = NULL;
        char *ls = lj ? json_dumps(lj, JSON_INDENT(2)) : NULL, *ps = pj ? json_dumps(pj, JSON_INDENT(2)) : NULL;
        char rel[300];
        snprintf(rel, sizeof rel, "locales/%s/locale.json", b->lang);
        if (!ls || !ps)
            rc = err_set(&e, ERR_NOMEM, NULL, N_("out of memory"));
        else if ((rc = write_file(out_dir, rel, ls, strlen(ls), &e)) == 0)
            rc = write_file(out_dir, "pack.json", ps, strlen(ps), &e);
        report(all, &e, rc);
        free(ls);
        free(ps);
        json_decref(lj);
        json_decref(pj);
    }
    json_decref(adapt);
    rc = po_result(po, &t, rc);
    po_close(po);
    return rc;
}

static int remove_one(const char *path, const OsStat *st, int post, void *ctx)
{
    (void)ctx;
    if (st->type == OS_FILE_DIR)
        return post ? os_rmdir(path) : 0;
    return os_remove(path);
}

void l10n_remove_tree(const char *dir)
{
    os_walk(dir, remove_one, NULL);
}
