/* Unit tests for core/l10n, core/mdtrans and core/localeview: the PO round trip over the whole sample pack,
   Markdown structure checks at their PO line, refused characters at their PO line, bad PO files, adaptation operations,
   per-item fallback and coverage, locale-only images, locale packs whose base is missing or of another version, and
   the translator a locale pack credits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <jansson.h>
#include <gettext-po.h>
#include <limits.h>
#include <string.h>
#include <unistd.h>

#include "core/l10n.h"
#include "core/library.h"
#include "core/localeview.h"
#include "core/mdtrans.h"
#include "core/userdir.h"
#include "fixture.h"

#define MARK "\xc2\xa4 " /* "¤ ": every translated string starts with it */

static char sample[PATH_MAX + 64];

static void find_sample(void)
{
    fx_sample_pack(sample, sizeof sample);
}

static void no_error(const char *file, size_t line, size_t col, const char *msg)
{
    (void)col;
    fail_msg("libgettextpo: %s:%zu: %s", file ? file : "?", line, msg);
}
static void xerror(int sev, po_message_t m, const char *f, size_t l, size_t c, int ml, const char *t)
{
    (void)m, (void)ml;
    if (sev != PO_SEVERITY_WARNING)
        no_error(f, l, c, t);
}
static void xerror2(int sev, po_message_t m1, const char *f1, size_t l1, size_t c1, int ml1, const char *t1,
                    po_message_t m2, const char *f2, size_t l2, size_t c2, int ml2, const char *t2)
{
    (void)m2, (void)f2, (void)l2, (void)c2, (void)ml2, (void)t2;
    xerror(sev, m1, f1, l1, c1, ml1, t1);
}
static const struct po_xerror_handler handler = {xerror, xerror2};

/* Writes 'po': the POT of 'p' with every string translated as MARK + the original, in language 'lang' for
   the pack 'pack_id'; 'broken', when set, replaces the translation of the string starting with it. */
static void write_marked_po(Pack *p, const char *po, const char *lang, const char *pack_id, const char *broken,
                            const char *broken_tr)
{
    Err e = {0};
    assert_int_equal(l10n_write_pot(p, po, &e), 0);
    po_file_t f = po_file_read(po, &handler);
    assert_non_null(f);
    po_message_iterator_t it = po_message_iterator(f, NULL);
    po_message_t m;
    while ((m = po_next_message(it))) {
        const char *id = po_message_msgid(m);
        if (!id[0]) {
            char *h = po_header_set_field(po_message_msgstr(m), "Language", lang);
            char *h2 = po_header_set_field(h, "X-Beseda-Pack", pack_id);
            po_message_set_msgstr(m, h2);
            po_message_set_fuzzy(m, 0);
            free(h);
            free(h2);
            continue;
        }
        char buf[8192];
        if (broken && strncmp(id, broken, strlen(broken)) == 0)
            snprintf(buf, sizeof buf, "%s", broken_tr);
        else
            snprintf(buf, sizeof buf, MARK "%s", id);
        po_message_set_msgstr(m, buf);
    }
    po_message_iterator_free(it);
    assert_non_null(po_file_write(f, po, &handler));
    po_file_free(f);
}

/* Sets the header field 'field' of the PO file 'po' to 'value'. */
static void set_po_header(const char *po, const char *field, const char *value)
{
    po_file_t f = po_file_read(po, &handler);
    assert_non_null(f);
    po_message_iterator_t it = po_message_iterator(f, NULL);
    po_message_t m;
    while ((m = po_next_message(it)))
        if (!po_message_msgid(m)[0]) {
            char *h = po_header_set_field(po_message_msgstr(m), field, value);
            po_message_set_msgstr(m, h);
            free(h);
        }
    po_message_iterator_free(it);
    assert_non_null(po_file_write(f, po, &handler));
    po_file_free(f);
}

/* ---- the sample pack, translated string by string ------------------------------------------------------ */

static int all_marked;
static void check_md_unit(void *ud, MdUnitKind kind, const char *text, int line, const char *extra)
{
    (void)kind, (void)extra;
    if (strncmp(text, MARK, strlen(MARK)) != 0) {
        all_marked = 0;
        print_error("%s:%d: not translated: %s\n", (const char *)ud, line, text);
    }
}

static void check_json_value_marked(json_t *c, const char *k)
{
    static const char *const structural[] = {"type", "id", "goto", "start", "ending", "kind", "file", "notes"};
    for (size_t i = 0; k && i < sizeof structural / sizeof *structural; i++)
        if (strcmp(k, structural[i]) == 0)
            return;
    if (json_is_string(c) && strncmp(json_string_value(c), MARK, strlen(MARK)) != 0) {
        all_marked = 0;
        print_error("JSON text not translated: %s\n", json_string_value(c));
    }
    size_t i;
    const char *key;
    json_t *x;
    json_array_foreach(c, i, x) check_json_value_marked(x, k);
    json_object_foreach(c, key, x) check_json_value_marked(x, key);
}

static void test_round_trip_whole_sample(void **state)
{
    (void)state;
    char po[1200], out[1200];
    snprintf(po, sizeof po, "%s/marked.po", fx_dir);
    snprintf(out, sizeof out, "%s/ru-pack", fx_dir);
    Pack *base;
    assert_int_equal(pack_open(sample, NULL, &base, NULL), 0);
    write_marked_po(base, po, "ru", pack_manifest(base)->id, NULL, NULL);
    ErrList *l = malloc(sizeof *l);
    errlist_init(l);
    L10nStats st;
    L10nBuild b = {"ru", po, NULL, 80};
    assert_int_equal(l10n_build_locale(base, &b, out, &st, l), 0);
    assert_int_equal(l->count, 0);
    assert_true(st.strings > 100);
    assert_int_equal(st.translated, st.strings);
    assert_int_equal(st.files_translated, st.files);

    const char *paths[] = {out};
    LviewSet set;
    Err errs[1];
    assert_int_equal(lview_set_open(base, paths, 1, &set, errs), 0);
    assert_int_equal(errs[0].code, ERR_OK);
    const char *langs[] = {"ru", "en"};
    Lview *v;
    assert_int_equal(lview_build(&set, langs, 2, &v, NULL), 0);
    assert_string_equal(v->lang, "ru");
    assert_int_equal(v->n_items, manifest_item_count(pack_manifest(base)));
    assert_int_equal(v->translated, v->n_items); /* nothing falls back */
    assert_int_equal(strncmp(v->m->title, MARK, strlen(MARK)), 0);
    all_marked = 1;
    size_t k = 0;
    for (size_t li = 0; li < v->m->n_lessons; li++) {
        assert_int_equal(strncmp(v->m->lessons[li].title, MARK, strlen(MARK)), 0);
        for (size_t i = 0; i < v->m->lessons[li].n_items; i++, k++) {
            const Item *it = &v->m->lessons[li].items[i];
            assert_false(v->items[k].fallback);
            assert_int_equal(strncmp(it->title, MARK, strlen(MARK)), 0);
            assert_int_equal(strncmp(it->file, "locales/ru/", 11), 0);
            char *data;
            size_t len;
            assert_int_equal(pack_read(v->items[k].pack, it->file, 1 << 22, &data, &len, NULL), 0);
            if (it->kind == ITEM_PAGE) {
                assert_int_equal(mdtrans_extract(data, len, check_md_unit, (void *)it->file), 0);
            } else {
                json_t *root = json_loadb(data, len, JSON_REJECT_DUPLICATES, NULL);
                assert_non_null(root);
                check_json_value_marked(root, NULL);
                json_decref(root);
            }
            free(data);
        }
    }
    assert_true(all_marked);
    assert_int_equal(lview_coverage(&set, "ru"), 100);
    lview_free(v);
    lview_set_close(&set);
    free(l);
    pack_close(base);
}

/* A translation that drops a link is refused at its msgstr line, and the build reports failure. */
static void test_broken_markup_names_po_line(void **state)
{
    (void)state;
    char po[1200], out[1200];
    snprintf(po, sizeof po, "%s/broken.po", fx_dir);
    snprintf(out, sizeof out, "%s/broken-pack", fx_dir);
    Pack *base;
    assert_int_equal(pack_open(sample, NULL, &base, NULL), 0);
    write_marked_po(base, po, "ru", pack_manifest(base)->id, "Test yourself in the", "Проверьте себя.");
    ErrList *l = malloc(sizeof *l);
    errlist_init(l);
    L10nStats st;
    L10nBuild b = {"ru", po, NULL, 80};
    assert_int_equal(l10n_build_locale(base, &b, out, &st, l), -(int)ERR_PO_MARKUP);
    assert_int_equal(l->count, 1);
    assert_int_equal(l->items[0].code, ERR_PO_MARKUP);
    assert_string_equal(l->items[0].entry, "broken.po");
    assert_non_null(strstr(l->items[0].msg, "item:what-quiz"));
    /* the line named is the msgstr of that entry */
    FILE *f = fopen(po, "r");
    char line[4096];
    int n = 0, found = 0;
    while (fgets(line, sizeof line, f))
        if (++n == l->items[0].line)
            found = strncmp(line, "msgstr \"Проверьте себя.\"", 20) == 0;
    fclose(f);
    assert_true(found);
    assert_int_equal(st.broken, 1);
    free(l);
    pack_close(base);
}

/* The translator the PO file's Last-Translator names is credited first among the locale pack's authors, without the
   address; what msginit and xgettext write there until a person fills it in names no one, and then the pack's own
   authors are all there is. 'stats' says whom it would credit. */
static void test_translator_in_authors(void **state)
{
    (void)state;
    static const struct {
        const char *header, *credited;
    } cases[] = {
        {"Automatically generated", ""},   /* msginit --no-translator */
        {"FULL NAME <EMAIL@ADDRESS>", ""}, /* xgettext's POT, as beseda-pack pot writes it */
        {"LANGUAGE <LL@li.org>", ""},      /* the POT's Language-Team, copied */
        {"none", ""},                      /* msginit's Language-Team with --no-translator, copied */
        {"  <anna@example.org>", ""},      /* an address is not a name, and is not made public */
        {"", ""},
        {"Анна Петрова <anna@example.org>", "Анна Петрова"},
        {"Anna <EMAIL@ADDRESS>", "Anna"}, /* msginit when it knows a name but no address */
    };
    Pack *base;
    assert_int_equal(pack_open(sample, NULL, &base, NULL), 0);
    const Manifest *bm = pack_manifest(base);
    ErrList *l = malloc(sizeof *l);
    char po[1200], out[1200];
    snprintf(po, sizeof po, "%s/translator.po", fx_dir);
    write_marked_po(base, po, "ru", bm->id, NULL, NULL);
    for (size_t c = 0; c < sizeof cases / sizeof *cases; c++) {
        set_po_header(po, "Last-Translator", cases[c].header);
        snprintf(out, sizeof out, "%s/translator-pack-%zu", fx_dir, c);
        errlist_init(l);
        L10nStats st;
        L10nBuild b = {"ru", po, NULL, 80};
        assert_int_equal(l10n_build_locale(base, &b, out, &st, l), 0);
        assert_string_equal(st.translator, cases[c].credited);
        Pack *lp;
        assert_int_equal(pack_open(out, NULL, &lp, NULL), 0);
        const Manifest *m = pack_manifest(lp);
        size_t first = cases[c].credited[0] ? 1 : 0;
        assert_int_equal(m->n_authors, first + bm->n_authors);
        if (first)
            assert_string_equal(m->authors[0], cases[c].credited);
        for (size_t i = 0; i < bm->n_authors; i++)
            assert_string_equal(m->authors[first + i], bm->authors[i]);
        pack_close(lp);
        memset(&st, 0, sizeof st);
        errlist_init(l);
        assert_int_equal(l10n_po_stats(base, "ru", po, &st, l), 0);
        assert_string_equal(st.translator, cases[c].credited);
    }
    free(l);
    pack_close(base);
}

/* The text of line 'n' of 'path' (empty when there is none). */
static void line_of(const char *path, int n, char *out, size_t size)
{
    FILE *f = fopen(path, "r");
    int k = 0;
    out[0] = '\0';
    while (f && fgets(out, (int)size, f) && ++k < n)
        out[0] = '\0';
    if (k < n)
        out[0] = '\0';
    if (f)
        fclose(f);
}

static void test_po_refused_characters(void **state)
{
    (void)state;
    char po[1200], out[1200], text[4096];
    Pack *base;
    assert_int_equal(pack_open(sample, NULL, &base, NULL), 0);
    ErrList *l = malloc(sizeof *l);
    L10nStats st;
    /* a noncharacter written out */
    snprintf(po, sizeof po, "%s/nonchar.po", fx_dir);
    snprintf(out, sizeof out, "%s/nonchar-pack", fx_dir);
    write_marked_po(base, po, "ru", pack_manifest(base)->id, "Test yourself in the", "Проверьте \xef\xbf\xbf себя.");
    errlist_init(l);
    L10nBuild b = {"ru", po, NULL, 80};
    assert_int_equal(l10n_build_locale(base, &b, out, &st, l), -(int)ERR_TEXT_BAD_CHAR);
    assert_int_equal(l->count, 1);
    assert_int_equal(l->items[0].code, ERR_TEXT_BAD_CHAR);
    assert_string_equal(l->items[0].entry, "nonchar.po");
    assert_non_null(strstr(l->items[0].msg, "U+FFFF"));
    line_of(po, l->items[0].line, text, sizeof text);
    assert_non_null(strstr(text, "msgstr \"Проверьте \xef\xbf\xbf"));
    assert_int_equal(st.broken, 1); /* never used */
    l10n_remove_tree(out);
    /* a control character as an escape, on the third line of a long translation */
    snprintf(po, sizeof po, "%s/bell.po", fx_dir);
    write_marked_po(base, po, "ru", pack_manifest(base)->id, "Test yourself in the",
                    "Проверьте себя. Проверьте себя. Проверьте себя. Проверьте себя. Проверьте себя. Проверьте "
                    "себя. Проверьте себя. Проверьте себя. Проверьте себя. Проверьте себя. Звонок\a.");
    errlist_init(l);
    b.po = po;
    assert_int_equal(l10n_po_stats(base, "ru", po, &st, l), -(int)ERR_TEXT_BAD_CHAR);
    assert_int_equal(l->count, 1);
    assert_non_null(strstr(l->items[0].msg, "U+0007"));
    line_of(po, l->items[0].line, text, sizeof text);
    assert_non_null(strstr(text, "\\a"));
    assert_null(strstr(text, "msgstr")); /* not the line of the keyword: the line that holds it */
    assert_int_equal(st.broken, 1);
    /* in a msgctxt, which comes before its msgid: reported at its own line */
    snprintf(po, sizeof po, "%s/ctx.po", fx_dir);
    FILE *in = fopen("../lessons/basics.ru/ru.po", "r"), *o = fopen(po, "w");
    assert_non_null(in);
    assert_non_null(o);
    int n = 0, at = 0;
    while (fgets(text, sizeof text, in)) {
        n++;
        if (!at && strcmp(text, "msgctxt \"accepted answer\"\n") == 0) {
            strcpy(text, "msgctxt \"accepted\\b answer\"\n");
            at = n;
        }
        fputs(text, o);
    }
    fclose(in);
    fclose(o);
    assert_true(at > 0);
    errlist_init(l);
    assert_int_equal(l10n_po_stats(base, "ru", po, &st, l), -(int)ERR_TEXT_BAD_CHAR);
    assert_int_equal(l->items[0].line, at);
    assert_non_null(strstr(l->items[0].msg, "msgctxt"));
    free(l);
    pack_close(base);
}

static void test_bad_po_files(void **state)
{
    (void)state;
    char po[1200], out[1200];
    Pack *base;
    assert_int_equal(pack_open(sample, NULL, &base, NULL), 0);
    ErrList *l = malloc(sizeof *l);
    L10nStats st;

    snprintf(po, sizeof po, "%s/syntax.po", fx_dir);
    assert_int_equal(fx_write(fx_dir, "syntax.po", "msgid \"a\"\nmsgstr \"b\n", (size_t)-1), 0);
    snprintf(out, sizeof out, "%s/syntax-pack", fx_dir);
    errlist_init(l);
    L10nBuild b = {"ru", po, NULL, 80};
    assert_int_equal(l10n_build_locale(base, &b, out, &st, l), -(int)ERR_PO_SYNTAX);
    assert_true(l->count >= 1);
    assert_int_equal(l->items[0].code, ERR_PO_SYNTAX);
    /* libgettextpo notices the unterminated string on line 2 when it reads that line's end */
    assert_in_range(l->items[0].line, 2, 3);
    assert_int_equal(access(out, F_OK), -1); /* nothing written */

    snprintf(po, sizeof po, "%s/other.po", fx_dir);
    write_marked_po(base, po, "ru", "org.example.other", NULL, NULL);
    errlist_init(l);
    b.po = po;
    assert_int_equal(l10n_build_locale(base, &b, out, &st, l), -(int)ERR_PO_MISMATCH);
    assert_non_null(strstr(l->items[0].msg, "org.example.other"));

    snprintf(po, sizeof po, "%s/nl.po", fx_dir);
    write_marked_po(base, po, "nl", pack_manifest(base)->id, NULL, NULL);
    errlist_init(l);
    b.po = po;
    assert_int_equal(l10n_build_locale(base, &b, out, &st, l), -(int)ERR_PO_MISMATCH);

    /* no X-Beseda-Pack header, and not one string of this pack: the PO file of another pack */
    assert_int_equal(fx_write(fx_dir, "foreign.po",
                              "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\nLanguage: ru\\n\"\n\n"
                              "msgid \"Freedom of thought\"\nmsgstr \"Свобода мысли\"\n",
                              (size_t)-1),
                     0);
    snprintf(po, sizeof po, "%s/foreign.po", fx_dir);
    errlist_init(l);
    b.po = po;
    assert_int_equal(l10n_build_locale(base, &b, out, &st, l), -(int)ERR_PO_MISMATCH);
    assert_non_null(strstr(l->items[0].msg, "none of the translations in this PO file (1 in all)"));
    assert_int_equal(access(out, F_OK), -1);

    /* a PO file in another encoding would put bytes the reader refuses into the pack */
    assert_int_equal(fx_write(fx_dir, "koi8.po",
                              "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=KOI8-R\\nLanguage: ru\\n\"\n",
                              (size_t)-1),
                     0);
    snprintf(po, sizeof po, "%s/koi8.po", fx_dir);
    errlist_init(l);
    b.po = po;
    assert_int_equal(l10n_build_locale(base, &b, out, &st, l), -(int)ERR_PO_SYNTAX);
    assert_non_null(strstr(l->items[0].msg, "UTF-8"));

    /* an adaptation whose adapt.json does not parse: the error names its line */
    char adapt[700];
    snprintf(adapt, sizeof adapt, "%s/adapt-bad", fx_dir);
    assert_int_equal(fx_write(adapt, "adapt.json", "{\"adapt\": [\n  {\"op\": \"remove\",}\n]}\n", (size_t)-1), 0);
    snprintf(po, sizeof po, "%s/marked.po", fx_dir);
    L10nBuild ba = {"ru", po, adapt, 80};
    errlist_init(l);
    assert_int_equal(l10n_build_locale(base, &ba, out, &st, l), -(int)ERR_JSON_SYNTAX);
    assert_string_equal(l->items[l->count - 1].entry, "adapt.json");
    assert_int_equal(l->items[l->count - 1].line, 2);
    l10n_remove_tree(out);
    /* what adapt.json adds goes into the locale pack: its characters are checked as validate would */
    snprintf(adapt, sizeof adapt, "%s/adapt-char", fx_dir);
    assert_int_equal(fx_write(adapt, "adapt.json",
                              "{\"adapt\": [\n  {\"op\": \"remove\", \"item\": \"x\xef\xb7\x90\"}\n]}\n", (size_t)-1),
                     0);
    L10nBuild bc = {"ru", po, adapt, 80};
    errlist_init(l);
    assert_int_equal(l10n_build_locale(base, &bc, out, &st, l), -(int)ERR_TEXT_BAD_CHAR);
    assert_string_equal(l->items[l->count - 1].entry, "adapt.json");
    assert_string_equal(l->items[l->count - 1].field, "adapt[0].item");
    assert_int_equal(l->items[l->count - 1].line, 2);
    assert_int_equal(l->items[l->count - 1].col, 30);
    l10n_remove_tree(out);

    snprintf(po, sizeof po, "%s/missing.po", fx_dir);
    errlist_init(l);
    b.po = po;
    assert_int_equal(l10n_build_locale(base, &b, out, &st, l), -(int)ERR_NOT_FOUND);
    free(l);
    pack_close(base);
}

static void test_structure_check(void **state)
{
    (void)state;
    const char *why;
    char arg[128];
    assert_true(mdtrans_check("See [x](item:a) and *b*", "См. *б* и [x](item:a)", &why, arg, sizeof arg));
    assert_false(mdtrans_check("See [x](item:a)", "См. x", &why, arg, sizeof arg));
    assert_string_equal(arg, "item:a");
    assert_false(mdtrans_check("![A map](map.png)", "![Карта](other.png)", &why, arg, sizeof arg));
    assert_false(mdtrans_check("plain *em*", "просто em", &why, arg, sizeof arg));
    assert_false(mdtrans_check("A sentence.", "- Предложение.", &why, arg, sizeof arg)); /* would become a list */
    assert_false(mdtrans_check("In {{year}} in {{city}}", "В {{city}} в {{yr}}", &why, arg, sizeof arg));
    assert_true(mdtrans_check("In {{year}} in {{city}}", "В {{city}} в {{year}}", &why, arg, sizeof arg));
    assert_true(mdtrans_check("**Bold.** rest", "**Жирно.** остальное", &why, arg, sizeof arg));
}

static void first_unit(void *ud, MdUnitKind kind, const char *text, int line, const char *extra)
{
    (void)kind, (void)line, (void)extra;
    char **out = ud;
    if (!*out)
        *out = strdup(text);
}

static const char *autolink_lookup(void *ud, const char *text, int line)
{
    (void)text, (void)line;
    return ud;
}

/* Addresses the autolink extension finds (www., https://, e-mail) are links for the translation tools as for
   the reader: the unit writes them as links, a translation may keep them bare, and one that drops one is refused
   with the address it lacks. */
static void test_autolinks_in_units(void **state)
{
    (void)state;
    const char *md = "Read www.ohchr.org/en or https://www.un.org/ru, or write to info@example.org.\n";
    char *unit = NULL;
    assert_int_equal(mdtrans_extract(md, strlen(md), first_unit, &unit), 0);
    assert_string_equal(unit, "Read [www.ohchr.org/en](http://www.ohchr.org/en) or <https://www.un.org/ru>, or "
                              "write to <info@example.org>.");
    const char *why;
    char arg[128];
    const char *bare = "Читайте www.ohchr.org/en или https://www.un.org/ru, или пишите на info@example.org.";
    assert_true(mdtrans_check(unit, bare, &why, arg, sizeof arg));
    assert_false(mdtrans_check(unit, "Читайте сайт или https://www.un.org/ru, или пишите на info@example.org.", &why,
                               arg, sizeof arg));
    assert_string_equal(arg, "http://www.ohchr.org/en");
    char *out = NULL;
    size_t units, done;
    assert_int_equal(mdtrans_apply(md, strlen(md), autolink_lookup, (void *)bare, &out, &units, &done), 0);
    assert_int_equal(done, 1);
    assert_string_equal(out, "Читайте [www.ohchr.org/en](http://www.ohchr.org/en) или <https://www.un.org/ru>, или "
                             "пишите на <info@example.org>.\n");
    free(out);
    free(unit);
}

/* ---- adaptation operations, fallback, coverage, images ----------------------------------------------------- */

static const char BASE_JSON[] =
    "{\"format\":1,\"id\":\"org.example.ops\",\"version\":\"1.2.0\",\"title\":\"Ops\",\"language\":\"en\","
    "\"license\":\"CC0-1.0\",\"authors\":[\"A\"],\"lessons\":["
    "{\"id\":\"l1\",\"title\":\"One\",\"items\":["
    "{\"id\":\"a\",\"kind\":\"page\",\"title\":\"A\",\"file\":\"p/a.md\"},"
    "{\"id\":\"b\",\"kind\":\"page\",\"title\":\"B\",\"file\":\"p/b.md\"},"
    "{\"id\":\"c\",\"kind\":\"page\",\"title\":\"C\",\"file\":\"p/c.md\"}]},"
    "{\"id\":\"l2\",\"title\":\"Two\",\"items\":["
    "{\"id\":\"d\",\"kind\":\"page\",\"title\":\"D\",\"file\":\"p/d.md\"}]}]}";

static const char OVERLAY_JSON[] =
    "{\"language\":\"ru\",\"title\":\"Операции\",\"items\":{\"c\":{\"title\":\"В\"}},"
    "\"lessons\":{\"l1\":{\"title\":\"Один\"}},\"adapt\":["
    "{\"op\":\"replace\",\"item\":\"b\",\"with\":{\"id\":\"b-ru\",\"kind\":\"page\",\"title\":\"Б\","
    "\"file\":\"locales/ru/p/b-ru.md\"}},"
    "{\"op\":\"insert\",\"after\":\"c\",\"item\":{\"id\":\"n1\",\"kind\":\"page\",\"title\":\"Н1\","
    "\"file\":\"locales/ru/p/n1.md\"}},"
    "{\"op\":\"insert\",\"lesson\":\"l2\",\"item\":{\"id\":\"n0\",\"kind\":\"page\",\"title\":\"Н0\","
    "\"file\":\"locales/ru/p/n0.md\"}},"
    "{\"op\":\"remove\",\"item\":\"a\"}]}";

static char *ops_dir;

static void make_ops_pack(void)
{
    char sub[1200];
    snprintf(sub, sizeof sub, "%s/ops", fx_dir);
    ops_dir = strdup(sub);
    unsigned char png[45];
    size_t n = fx_png(png, 4, 4);
    assert_int_equal(fx_write(ops_dir, "pack.json", BASE_JSON, (size_t)-1), 0);
    assert_int_equal(fx_write(ops_dir, "p/a.md", "# A\n", (size_t)-1), 0);
    assert_int_equal(fx_write(ops_dir, "p/b.md", "# B\n", (size_t)-1), 0);
    assert_int_equal(fx_write(ops_dir, "p/c.md", "# C\n\n![x](../img/x.png)\n\n![y](../img/y.png)\n", (size_t)-1), 0);
    assert_int_equal(fx_write(ops_dir, "p/d.md", "# D\n", (size_t)-1), 0);
    assert_int_equal(fx_write(ops_dir, "img/x.png", png, n), 0);
    assert_int_equal(fx_write(ops_dir, "img/y.png", png, n), 0);
    assert_int_equal(fx_write(ops_dir, "locales/ru/locale.json", OVERLAY_JSON, (size_t)-1), 0);
    assert_int_equal(
        fx_write(ops_dir, "locales/ru/p/c.md", "# В\n\n![x](../img/x.png)\n\n![y](../img/y.png)\n", (size_t)-1), 0);
    assert_int_equal(fx_write(ops_dir, "locales/ru/img/x.png", png, n), 0); /* a locale-only picture */
    assert_int_equal(fx_write(ops_dir, "locales/ru/p/b-ru.md", "# Б\n", (size_t)-1), 0);
    assert_int_equal(fx_write(ops_dir, "locales/ru/p/n1.md", "# Н1\n", (size_t)-1), 0);
    assert_int_equal(fx_write(ops_dir, "locales/ru/p/n0.md", "# Н0\n", (size_t)-1), 0);
}

static void test_operations_fallback_and_images(void **state)
{
    (void)state;
    make_ops_pack();
    Pack *p;
    assert_int_equal(pack_open(ops_dir, NULL, &p, NULL), 0);
    LviewSet set;
    assert_int_equal(lview_set_open(p, NULL, 0, &set, NULL), 0);
    const char *langs[] = {"de", "ru", "en"}; /* no German: Russian is the first the pack has */
    Lview *v;
    assert_int_equal(lview_build(&set, langs, 3, &v, NULL), 0);
    assert_string_equal(v->lang, "ru");
    assert_string_equal(v->m->title, "Операции");
    assert_int_equal(v->m->n_lessons, 2);
    const Lesson *l1 = &v->m->lessons[0], *l2 = &v->m->lessons[1];
    assert_string_equal(l1->title, "Один");
    assert_string_equal(l2->title, "Two"); /* untranslated lesson title: the original */
    /* remove a, replace b, insert n1 after c, insert n0 at the start of l2 */
    assert_int_equal(l1->n_items, 3);
    assert_string_equal(l1->items[0].id, "b-ru");
    assert_string_equal(l1->items[1].id, "c");
    assert_string_equal(l1->items[2].id, "n1");
    assert_int_equal(l2->n_items, 2);
    assert_string_equal(l2->items[0].id, "n0");
    assert_string_equal(l2->items[1].id, "d");
    assert_true(v->items[0].added && !v->items[0].fallback);
    assert_string_equal(l1->items[1].file, "locales/ru/p/c.md");
    assert_string_equal(l1->items[1].title, "В");
    assert_false(v->items[1].fallback);
    /* d has neither a translated file nor title: shown in English, marked */
    assert_true(v->items[4].fallback);
    assert_string_equal(v->items[4].lang, "en");
    assert_string_equal(l2->items[1].file, "p/d.md");
    assert_int_equal(v->translated, 4);
    assert_int_equal(lview_coverage(&set, "ru"), 80);
    /* images of the translated page: its own copy first, then the base pack's */
    Pack *ip;
    char entry[512];
    assert_int_equal(lview_image(v, 1, "../img/x.png", &ip, entry, sizeof entry), 0);
    assert_string_equal(entry, "locales/ru/img/x.png");
    assert_int_equal(lview_image(v, 1, "../img/y.png", &ip, entry, sizeof entry), 0);
    assert_string_equal(entry, "img/y.png");
    assert_int_equal(lview_image(v, 1, "../img/z.png", &ip, entry, sizeof entry), 1);
    assert_int_equal(lview_image(v, 1, "../../../../z.png", &ip, entry, sizeof entry), -1);
    lview_free(v);
    /* asked for English: the base as it is, nothing marked */
    const char *en[] = {"en"};
    assert_int_equal(lview_build(&set, en, 1, &v, NULL), 0);
    assert_int_equal(v->n_items, 4);
    assert_int_equal(v->translated, 4);
    assert_string_equal(v->m->lessons[0].items[0].id, "a");
    lview_free(v);
    lview_set_close(&set);
    pack_close(p);
}

/* Locale packs in the library: joined to their base; without it, or for another version, listed with why. */
static void test_locale_pack_without_base(void **state)
{
    (void)state;
    char lib_dir[600], po[700], out[700];
    snprintf(lib_dir, sizeof lib_dir, "%s/lib", fx_dir);
    snprintf(po, sizeof po, "%s/lib-ru.po", fx_dir);
    snprintf(out, sizeof out, "%s/basics.ru", lib_dir);
    Pack *base;
    assert_int_equal(pack_open(sample, NULL, &base, NULL), 0);
    write_marked_po(base, po, "ru", pack_manifest(base)->id, NULL, NULL);
    ErrList *l = malloc(sizeof *l);
    errlist_init(l);
    L10nStats st;
    L10nBuild b = {"ru", po, NULL, 80};
    assert_int_equal(userdir_mkdirs(lib_dir, NULL), 0);
    assert_int_equal(l10n_build_locale(base, &b, out, &st, l), 0);
    pack_close(base);
    free(l);

    Library lib = {0};
    assert_int_equal(library_scan(&lib, lib_dir, LIB_USER), 1);
    assert_int_equal(library_link(&lib), 0);
    assert_false(lib.v[0].ok);
    assert_int_equal(lib.v[0].error.code, ERR_LOCALE_NO_BASE);
    assert_non_null(strstr(lib.v[0].error.msg, "org.beseda.samples.basics"));
    library_free(&lib);

    /* with its base: joined, and the base lists Russian at 100% */
    assert_true(library_add(&lib, sample, LIB_ARGUMENT) >= 0);
    assert_int_equal(library_scan(&lib, lib_dir, LIB_USER), 1);
    assert_int_equal(library_link(&lib), 0);
    assert_true(lib.v[1].ok);
    assert_int_equal(lib.v[1].base, 0);
    assert_int_equal(lib.v[0].n_langs, 1); /* linking opens no pack: the languages wait for library_describe */
    assert_false(lib.v[0].described);
    assert_int_equal(library_describe(&lib), 0);
    assert_true(lib.v[0].described);
    assert_int_equal(lib.v[0].n_langs, 2);
    assert_string_equal(lib.v[0].langs[1], "ru");
    assert_int_equal(lib.v[0].coverage[1], 100);
    /* the card's title follows the reader's language where the translation has one */
    assert_string_equal(library_title_in(&lib.v[0], "en"), lib.v[0].title);
    assert_string_equal(library_title_in(&lib.v[0], "nl"), lib.v[0].title);
    assert_string_equal(library_title_in(&lib.v[0], NULL), lib.v[0].title);
    assert_true(strncmp(library_title_in(&lib.v[0], "ru"), MARK, strlen(MARK)) == 0);
    assert_string_equal(library_title_in(&lib.v[0], "ru-RU"), library_title_in(&lib.v[0], "ru"));
    assert_string_equal(library_title_in(&lib.v[0], "rus"), lib.v[0].title);
    library_free(&lib);

    /* for another major version of the base */
    char pj[800];
    snprintf(pj, sizeof pj, "%s/pack.json", out);
    FILE *f = fopen(pj, "r");
    char json[4096];
    size_t n = fread(json, 1, sizeof json - 1, f);
    fclose(f);
    json[n] = '\0';
    char *r = strstr(json, ">=1.0.0 <2.0.0");
    assert_non_null(r);
    memcpy(r, ">=2.0.0 <3.0.0", 14);
    assert_int_equal(fx_write(lib_dir, "basics.ru/pack.json", json, n), 0);
    assert_true(library_add(&lib, sample, LIB_ARGUMENT) >= 0);
    library_scan(&lib, lib_dir, LIB_USER);
    assert_int_equal(library_link(&lib), 0);
    assert_int_equal(library_describe(&lib), 0);
    assert_false(lib.v[1].ok);
    assert_int_equal(lib.v[1].error.code, ERR_LOCALE_VERSION);
    assert_int_equal(lib.v[0].n_langs, 1);
    library_free(&lib);
}

static const char *cell_lookup(void *ud, const char *text, int line)
{
    (void)ud, (void)line;
    return strcmp(text, "one") == 0 ? "uno\ndos" : NULL;
}

/* A table cell cannot hold a line break: a translation with one gets a space there, and nothing is lost or leaked
   (fuzz_mdtrans found the node that was dropped and never freed). */
static void test_line_break_in_a_translated_cell(void **state)
{
    (void)state;
    const char *md = "| A | B |\n|---|---|\n| one | two |\n";
    char *out = NULL;
    size_t units, done;
    assert_int_equal(mdtrans_apply(md, strlen(md), cell_lookup, NULL, &out, &units, &done), 0);
    assert_int_equal(done, 1);
    assert_non_null(strstr(out, "uno dos"));
    assert_non_null(strstr(out, "two"));
    free(out);
}

int main(void)
{
    find_sample();
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_round_trip_whole_sample),
        cmocka_unit_test(test_broken_markup_names_po_line),
        cmocka_unit_test(test_translator_in_authors),
        cmocka_unit_test(test_po_refused_characters),
        cmocka_unit_test(test_bad_po_files),
        cmocka_unit_test(test_structure_check),
        cmocka_unit_test(test_autolinks_in_units),
        cmocka_unit_test(test_operations_fallback_and_images),
        cmocka_unit_test(test_locale_pack_without_base),
        cmocka_unit_test(test_line_break_in_a_translated_cell),
    };
    int rc = cmocka_run_group_tests(tests, fx_group_setup, fx_group_teardown);
    free(ops_dir);
    return rc;
}
