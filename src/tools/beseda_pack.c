/* beseda-pack: the authors' and translators' tool: validate, inspect and build lesson packs. */
#include <errno.h>
#include <getopt.h>
#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <uniwidth.h>

#include "core/err.h"
#include "core/i18n.h"
#include "core/l10n.h"
#include "core/localeview.h"
#include "core/locale.h"
#include "core/manifest.h"
#include "core/pack.h"
#include "core/sign.h"
#include "core/packbuild.h"
#include "core/userdir.h"
#include "core/validate.h"
#include "core/version.h"
#include "os/os.h"
#include "tool.h"

#define _(s) gettext(s)

static void usage(FILE *f)
{
    fprintf(f, _("Usage: beseda-pack COMMAND [OPTIONS] ...\n"
                 "\n"
                 "Commands:\n"
                 "  validate PACK...            check packs; lists every problem found\n"
                 "  info PACK                   show a pack's metadata, lessons, languages and sizes\n"
                 "  build FOLDER -o FILE.beseda [--sign FILE.key]\n"
                 "                              validate a pack folder and write it as an archive\n"
                 "\n"
                 "Translating (see docs/translating.md):\n"
                 "  pot PACK -o FILE.pot        extract every translatable string of a pack\n"
                 "  locale PACK --lang LANG --po FILE.po [--adapt DIR] [--keep PERCENT] [--sign FILE.key]\n"
                 "         -o FILE.beseda       build a locale pack from a translation (and an adaptation)\n"
                 "  update-po PACK FILE.po      bring a PO file up to date with a changed pack (msgmerge)\n"
                 "  stats PACK [LOCALE-PACK|FILE.po]...\n"
                 "                              show how much of a pack each language covers\n"
                 "\n"
                 "Signing (minisign keys and signatures; see docs/pack-format.md):\n"
                 "  keygen -p FILE.pub -s FILE.key [--no-password] [-f]\n"
                 "                              make a key pair (the passphrase is asked for; -f replaces one)\n"
                 "  sign -s FILE.key [-c COMMENT] [-t UNTRUSTED-COMMENT] PACK...\n"
                 "                              sign packs, writing PACK.minisig beside each\n"
                 "  verify (-p FILE.pub | -P KEY) [-x FILE.minisig] PACK\n"
                 "                              check a pack's signature (0: it matches, 1: it does not)\n"
                 "\n"
                 "Options:\n"
                 "  -q, --quiet                 validate: print problems only\n"
                 "  -h, --help                  show this help\n"
                 "  -V, --version               show the version\n"
                 "\n"
                 "Exit status: 0 valid, 1 invalid, 2 usage error.\n"
                 "The pack format is described in docs/pack-format.md.\n"));
}

int tool_usage_error(const char *fmt, const char *arg)
{
    fprintf(stderr, "beseda-pack: ");
    fprintf(stderr, fmt, arg);
    fprintf(stderr, "\n%s\n", _("Try 'beseda-pack --help'."));
    return EXIT_USAGE;
}

static void print_errors(const ErrList *l)
{
    char line[1400];
    for (size_t i = 0; i < l->count; i++) {
        err_format(&l->items[i], line, sizeof line);
        printf("%s\n", line);
    }
    if (l->dropped)
        printf(ngettext("... and %zu more problem\n", "... and %zu more problems\n", l->dropped), l->dropped);
}

static int cmd_validate(int argc, char **argv, int quiet)
{
    if (argc < 1)
        return tool_usage_error("%s", _("validate needs at least one pack"));
    int status = EXIT_VALID;
    ErrList *l = malloc(sizeof *l);
    if (!l)
        return EXIT_INVALID;
    for (int i = 0; i < argc; i++) {
        errlist_init(l);
        ValidateStats st;
        int rc = validate_pack(argv[i], NULL, l, &st);
        print_errors(l);
        if (rc != 0) {
            status = EXIT_INVALID;
            size_t n = l->count + l->dropped;
            printf(ngettext("%s: invalid, %zu problem\n", "%s: invalid, %zu problems\n", n), argv[i], n);
        } else if (!quiet) {
            /* counts as "name: number", which reads right for any number in any language ("1 activities" did not) */
            printf(_("%s: valid (lessons: %zu, items: %zu, Markdown files: %zu, exercises: %zu, activities: %zu, "
                     "images: %zu, locales: %zu)\n"),
                   argv[i], st.lessons, st.items, st.pages, st.exercises, st.activities, st.images, st.locales);
        }
    }
    free(l);
    return status;
}

static void human_size(unsigned long long n, char *buf, size_t size)
{
    if (n >= 10ULL << 20)
        snprintf(buf, size, "%llu MiB", n >> 20);
    else if (n >= 10ULL << 10)
        snprintf(buf, size, "%llu KiB", n >> 10);
    else
        snprintf(buf, size, "%llu B", n);
}

static int cmd_info(int argc, char **argv)
{
    if (argc != 1)
        return tool_usage_error("%s", _("info takes exactly one pack"));
    Pack *p;
    Err e;
    if (pack_open(argv[0], NULL, &p, &e) != 0) {
        char line[1400];
        err_format(&e, line, sizeof line);
        fprintf(stderr, "%s\n", line);
        return EXIT_INVALID;
    }
    const Manifest *m = pack_manifest(p);
    printf("%s\n", m->title);
    if (m->description)
        printf("  %s\n", m->description);
    printf(_("  id:       %s\n  version:  %s (format %d)\n  language: %s\n  license:  %s\n"), m->id, m->version,
           m->format, m->language, m->license);
    printf("%s", _("  authors:  "));
    for (size_t i = 0; i < m->n_authors; i++)
        printf("%s%s", i ? ", " : "", m->authors[i]);
    printf("\n");
    if (m->is_locale)
        printf(_("  locale pack for %s %s\n"), m->extends_id, m->extends_versions);
    char **langs;
    size_t nl = locale_list(p, &langs);
    printf("%s%s", _("  languages: "), m->language);
    for (size_t i = 0; i < nl; i++) /* a locale pack's overlay is in its own language: named once */
        if (strcmp(langs[i], m->language) != 0)
            printf(", %s", langs[i]);
    printf("\n");
    locale_list_free(langs, nl);
    char a[32], t[32];
    human_size(pack_archive_size(p), a, sizeof a);
    human_size(pack_total_size(p), t, sizeof t);
    if (pack_is_folder(p))
        printf(ngettext("  size:     %s in %zu file (folder)\n", "  size:     %s in %zu files (folder)\n",
                        pack_entry_count(p)),
               t, pack_entry_count(p));
    else
        printf(ngettext("  size:     %s archive, %s in %zu file uncompressed\n",
                        "  size:     %s archive, %s in %zu files uncompressed\n", pack_entry_count(p)),
               a, t, pack_entry_count(p));
    if (m->is_locale) /* it has no lessons of its own: it translates (and may adapt) its pack's */
        printf(_("The lessons are those of %s, translated; 'beseda-pack stats PACK %s' shows how many of its items "
                 "this pack translates and adds.\n"),
               m->extends_id, argv[0]);
    else
        printf(ngettext("%zu lesson\n", "%zu lessons\n", m->n_lessons), m->n_lessons);
    for (size_t i = 0; i < m->n_lessons; i++) {
        const Lesson *l = &m->lessons[i];
        printf("  %zu. %s [%s]", i + 1, l->title, l->id);
        if (l->duration)
            printf(_(" %d min"), l->duration);
        printf("\n");
        for (size_t j = 0; j < l->n_items; j++) {
            const Item *it = &l->items[j];
            printf("     - %-8s %s [%s]%s\n", manifest_kind_name(it->kind), it->title, it->id,
                   it->notes ? _(" +notes") : "");
        }
    }
    pack_close(p);
    return EXIT_VALID;
}

/* After building 'out' (status 'built'): signs it with 'key' (NULL: none), then wipes the key. Without a key, a
   signature left beside 'out' by an earlier build is removed: it would not match the new pack. */
static int signed_output(SignSecretKey *key, const char *out, int built)
{
    if (built == EXIT_VALID)
        built = key ? pack_sign_with(key, out, NULL) : pack_sign_drop_stale(out);
    if (key)
        sign_secret_key_wipe(key);
    return built;
}

/* Validates the folder 'dir' and writes it as the archive 'out'. */
static int build_folder(const char *dir, const char *out)
{
    ErrList *l = malloc(sizeof *l);
    if (!l)
        return EXIT_INVALID;
    errlist_init(l);
    int rc = validate_pack(dir, NULL, l, NULL);
    print_errors(l);
    free(l);
    if (rc != 0) {
        fprintf(stderr, _("%s: not built, the folder has problems (listed above)\n"), dir);
        return EXIT_INVALID;
    }
    Err e = {0};
    err_set_pack(&e, dir);
    if (packbuild_write(dir, out, NULL, &e) != 0) {
        char line[1400];
        err_format(&e, line, sizeof line);
        fprintf(stderr, "%s\n", line);
        return EXIT_INVALID;
    }
    printf(_("%s: built %s\n"), dir, out);
    return EXIT_VALID;
}

static int cmd_build(int argc, char **argv)
{
    const char *out = NULL, *dir = NULL, *key = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) {
            if (++i >= argc)
                return tool_usage_error("%s", _("-o needs a file name"));
            out = argv[i];
        } else if (strcmp(argv[i], "--sign") == 0) {
            if (++i >= argc)
                return tool_usage_error("%s", _("--sign needs a secret key file"));
            key = argv[i];
        } else if (!dir) {
            dir = argv[i];
        } else {
            return tool_usage_error(_("unexpected argument '%s'"), argv[i]);
        }
    }
    if (!dir || !out)
        return tool_usage_error("%s", _("build needs a pack folder and -o FILE.beseda"));
    SignSecretKey sk; /* read, and its passphrase asked for, before anything is built */
    if (key && pack_sign_load(key, &sk) != EXIT_VALID)
        return EXIT_INVALID;
    return signed_output(key ? &sk : NULL, out, build_folder(dir, out));
}

int tool_print_err(const Err *e)
{
    char line[1400];
    err_format(e, line, sizeof line);
    fprintf(stderr, "%s\n", line);
    return EXIT_INVALID;
}

/* Opens the lesson pack the translating commands work on, after checking it whole: strings are taken only from
   a pack the reader would accept (valid UTF-8, sizes within the limits, files that parse). */
static int open_lesson_pack(const char *path, Pack **p)
{
    Err e;
    ErrList *l = malloc(sizeof *l);
    if (!l)
        return EXIT_INVALID;
    errlist_init(l);
    int rc = validate_pack(path, NULL, l, NULL);
    print_errors(l);
    free(l);
    if (rc != 0) {
        fprintf(stderr, _("%s: the pack has problems (listed above); fix them first\n"), path);
        return EXIT_INVALID;
    }
    if (pack_open(path, NULL, p, &e) != 0)
        return tool_print_err(&e);
    if (pack_manifest(*p)->is_locale) {
        err_set(&e, ERR_USAGE, "pack.json", N_("this is a locale pack; give the lesson pack it translates"));
        err_set_pack(&e, path);
        pack_close(*p);
        return tool_print_err(&e);
    }
    return 0;
}

/* "-o FILE" and positional arguments; returns -1 after printing a usage error. */
static int take_output(int argc, char **argv, const char **out, const char **pos, int max_pos, int *n_pos)
{
    *n_pos = 0;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) {
            if (++i >= argc) {
                tool_usage_error("%s", _("-o needs a file name"));
                return -1;
            }
            *out = argv[i];
        } else if (*n_pos < max_pos) {
            pos[(*n_pos)++] = argv[i];
        } else {
            tool_usage_error(_("unexpected argument '%s'"), argv[i]);
            return -1;
        }
    }
    return 0;
}

static int cmd_pot(int argc, char **argv)
{
    const char *out = NULL, *pos[1] = {NULL};
    int n;
    if (take_output(argc, argv, &out, pos, 1, &n) != 0)
        return EXIT_USAGE;
    if (n != 1 || !out)
        return tool_usage_error("%s", _("pot needs a pack and -o FILE.pot"));
    Pack *p;
    if (open_lesson_pack(pos[0], &p) != 0)
        return EXIT_INVALID;
    Err e = {0};
    err_set_pack(&e, pos[0]);
    int rc = l10n_write_pot(p, out, &e);
    pack_close(p);
    if (rc)
        return tool_print_err(&e);
    printf(_("%s: wrote %s\n"), pos[0], out);
    return EXIT_VALID;
}

/* What keeps the original and what the pack no longer has, after a PO file's count of translated strings. */
static void print_coverage_rest(const L10nStats *st)
{
    size_t rest = st->fuzzy + st->untranslated + st->broken;
    if (rest)
        printf(_("; %zu fuzzy, %zu untranslated and %zu broken keep the original"), st->fuzzy, st->untranslated,
               st->broken);
    if (st->unused)
        printf(ngettext("; %zu translation is for text the pack no longer has",
                        "; %zu translations are for text the pack no longer has", st->unused),
               st->unused);
    printf("\n");
}

static unsigned percent(size_t part, size_t whole)
{
    return whole ? (unsigned)(part * 100 / whole) : 100;
}

static void print_coverage(const char *po, const L10nStats *st)
{
    printf(ngettext("%s: %zu of %zu string translated (%u%%)", "%s: %zu of %zu strings translated (%u%%)", st->strings),
           po, st->translated, st->strings, percent(st->translated, st->strings));
    print_coverage_rest(st);
}

/* A locale pack credits its translator from the PO file's Last-Translator header: say what to do when that names
   no one (msginit leaves "Automatically generated" there). */
static void print_translator_note(const char *po, const L10nStats *st)
{
    if (!st->translator[0])
        printf(_("%s: the translator is not named (Last-Translator is empty or a placeholder such as 'Automatically "
                 "generated'); to be credited among the locale pack's authors, write a name or pseudonym there\n"),
               po);
}

/* Builds the locale pack 'out' of 'pack' from the translation and adaptation 'b' names. */
static int build_locale(const char *pack, L10nBuild b, const char *out)
{
    Pack *p;
    if (open_lesson_pack(pack, &p) != 0)
        return EXIT_INVALID;
    char tmp[4200], dir[4300];
    snprintf(tmp, sizeof tmp, "%s.tmp-XXXXXX", out);
    if (os_mkdtemp(tmp) != 0) {
        pack_close(p);
        fprintf(stderr, _("beseda-pack: cannot create a folder beside %s: %s\n"), out, strerror(errno));
        return EXIT_INVALID;
    }
    snprintf(dir, sizeof dir, "%s/pack", tmp);
    ErrList *l = malloc(sizeof *l);
    if (!l) {
        pack_close(p);
        l10n_remove_tree(tmp);
        return EXIT_INVALID;
    }
    errlist_init(l);
    L10nStats st;
    int rc = l10n_build_locale(p, &b, dir, &st, l);
    if (rc == 0) { /* the folder as a pack of its own, then its overlay against this base */
        rc = validate_pack(dir, NULL, l, NULL);
        Pack *lp = NULL;
        Locale *loc = NULL;
        Err e = {0};
        if (rc == 0 && pack_open(dir, NULL, &lp, &e) == 0)
            rc = locale_load(lp, b.lang, pack_manifest(p), l, &loc, NULL);
        locale_free(loc);
        pack_close(lp);
    }
    print_errors(l);
    if (rc == 0) {
        Err e = {0};
        err_set_pack(&e, out);
        if ((rc = packbuild_write(dir, out, NULL, &e)) != 0)
            tool_print_err(&e);
    }
    l10n_remove_tree(tmp);
    free(l);
    pack_close(p);
    if (rc != 0) {
        fprintf(stderr, _("%s: not built (the problems are listed above)\n"), out);
        return EXIT_INVALID;
    }
    print_coverage(b.po, &st);
    print_translator_note(b.po, &st);
    printf(ngettext("%s: built, %zu of %zu file translated\n", "%s: built, %zu of %zu files translated\n", st.files),
           out, st.files_translated, st.files);
    return EXIT_VALID;
}

static int cmd_locale(int argc, char **argv)
{
    L10nBuild b = {NULL, NULL, NULL, 80};
    const char *out = NULL, *pack = NULL, *key = NULL;
    for (int i = 0; i < argc; i++) {
        const char *o = argv[i];
        int has_value = strcmp(o, "--lang") == 0 || strcmp(o, "--po") == 0 || strcmp(o, "--adapt") == 0 ||
                        strcmp(o, "--keep") == 0 || strcmp(o, "-o") == 0 || strcmp(o, "--output") == 0 ||
                        strcmp(o, "--sign") == 0;
        if (has_value && i + 1 >= argc)
            return tool_usage_error(_("%s needs a value"), o);
        if (strcmp(o, "--lang") == 0)
            b.lang = argv[++i];
        else if (strcmp(o, "--po") == 0)
            b.po = argv[++i];
        else if (strcmp(o, "--adapt") == 0)
            b.adapt_dir = argv[++i];
        else if (strcmp(o, "--keep") == 0) {
            char *end;
            long k = strtol(argv[++i], &end, 10);
            if (*end || k < 1 || k > 100)
                return tool_usage_error(_("--keep takes a percentage from 1 to 100, not '%s'"), argv[i]);
            b.keep_percent = (int)k;
        } else if (strcmp(o, "-o") == 0 || strcmp(o, "--output") == 0)
            out = argv[++i];
        else if (strcmp(o, "--sign") == 0)
            key = argv[++i];
        else if (!pack)
            pack = o;
        else
            return tool_usage_error(_("unexpected argument '%s'"), o);
    }
    if (!pack || !b.lang || !b.po || !out)
        return tool_usage_error("%s", _("locale needs a pack, --lang LANG, --po FILE.po and -o FILE.beseda"));
    SignSecretKey sk; /* read, and its passphrase asked for, before anything is built */
    if (key && pack_sign_load(key, &sk) != EXIT_VALID)
        return EXIT_INVALID;
    return signed_output(key ? &sk : NULL, out, build_locale(pack, b, out));
}

/* The language of a PO file, from its name (ru.po, basics.pt-BR.po). */
static void po_language(const char *path, char *lang, size_t size)
{
    const char *base = os_path_base(path);
    size_t len = strlen(base);
    if (len > 3 && strcmp(base + len - 3, ".po") == 0)
        len -= 3;
    const char *start = base;
    for (size_t i = len; i > 0; i--)
        if (base[i - 1] == '.') {
            start = base + i;
            break;
        }
    snprintf(lang, size, "%.*s", (int)(len - (size_t)(start - base)), start);
}

static int cmd_update_po(int argc, char **argv)
{
    if (argc != 2)
        return tool_usage_error("%s", _("update-po takes a pack and a PO file"));
    Pack *p;
    if (open_lesson_pack(argv[0], &p) != 0)
        return EXIT_INVALID;
    char tmp[4200];
    snprintf(tmp, sizeof tmp, "%s.pot-XXXXXX", argv[1]);
    int fd = os_mkstemp(tmp);
    if (fd >= 0)
        os_close(fd); /* l10n_write_pot writes it by name (Windows cannot share an open file for that) */
    Err e = {0};
    err_set_pack(&e, argv[0]);
    int rc =
        fd < 0 ? err_set(&e, ERR_IO, NULL, N_("cannot create a file beside %s"), argv[1]) : l10n_write_pot(p, tmp, &e);
    pack_close(p);
    if (rc) {
        if (fd >= 0)
            os_remove(tmp);
        return tool_print_err(&e);
    }
    const char *const args[] = {"msgmerge", "--quiet", "--update", "--backup=none", argv[1], tmp, NULL};
    int status = 0;
    rc = os_run(args, &status) != 0 ? errno : 0;
    os_remove(tmp);
    if (rc != 0) {
        fprintf(stderr, _("beseda-pack: cannot run msgmerge (from the gettext package): %s\n"), strerror(rc));
        return EXIT_INVALID;
    }
    if (status != 0) {
        fprintf(stderr, _("beseda-pack: msgmerge could not update %s (its message is above)\n"), argv[1]);
        return EXIT_INVALID;
    }
    printf(_("%s: updated from %s\n"), argv[1], argv[0]);
    return EXIT_VALID;
}

/* The coverage of one PO file into 'st' (problems printed); EXIT_INVALID when it could not be counted whole. */
static int stats_po(Pack *p, const char *po, L10nStats *st, int *shown)
{
    char lang[64];
    po_language(po, lang, sizeof lang);
    ErrList *l = malloc(sizeof *l);
    if (!l)
        return EXIT_INVALID;
    errlist_init(l);
    int rc = l10n_po_stats(p, manifest_valid_language(lang) ? lang : NULL, po, st, l);
    print_errors(l);
    free(l);
    *shown = rc == 0 || rc == -(int)ERR_PO_MARKUP; /* broken strings are counted, and keep the original */
    return rc ? EXIT_INVALID : EXIT_VALID;
}

static size_t count_added(const Lview *v)
{
    size_t n = 0;
    for (size_t k = 0; k < v->n_items; k++)
        n += v->items[k].added;
    return n;
}

/* Columns a label takes on a terminal (a path may hold Cyrillic or CJK). */
static size_t label_width(const char *label)
{
    int w = u8_strwidth((const uint8_t *)label, "UTF-8");
    return w < 0 ? strlen(label) : (size_t)w;
}

/* The start of a row of the stats table: the label in a column 'width' characters wide, then the percentage
   ('pct' < 0: none); the row's text follows. */
static void stats_row(const char *label, size_t width, int pct)
{
    size_t w = label_width(label);
    printf("  %s%*s", label, (int)(width > w ? width - w : 0), "");
    if (pct < 0)
        printf("      ");
    else
        printf("  %3d%%", pct);
    printf("  ");
}

typedef struct {
    const char *path;
    L10nStats st;
    int shown;
} PoStats;

/* A table with a row per language of the pack and its locale packs (how many items a learner sees in it) and a row
   per PO file (how many strings are translated), problems first. */
static int cmd_stats(int argc, char **argv)
{
    if (argc < 1)
        return tool_usage_error("%s", _("stats needs a pack"));
    Pack *p;
    if (open_lesson_pack(argv[0], &p) != 0)
        return EXIT_INVALID;
    int status = EXIT_VALID;
    const char *locale_paths[64];
    size_t n_loc = 0, n_po = 0;
    PoStats *pos = calloc((size_t)argc, sizeof *pos);
    if (!pos) {
        pack_close(p);
        return EXIT_INVALID;
    }
    for (int i = 1; i < argc; i++) {
        size_t len = strlen(argv[i]);
        if (len > 3 && strcmp(argv[i] + len - 3, ".po") == 0) {
            pos[n_po].path = argv[i];
            status |= stats_po(p, argv[i], &pos[n_po].st, &pos[n_po].shown);
            n_po++;
        } else if (n_loc < 64) {
            locale_paths[n_loc++] = argv[i];
        }
    }
    LviewSet set;
    Err errs[64];
    if (lview_set_open(p, locale_paths, n_loc, &set, errs) != 0) {
        free(pos);
        pack_close(p);
        return EXIT_INVALID;
    }
    for (size_t i = 0; i < n_loc; i++)
        if (errs[i].code) {
            err_set_pack(&errs[i], locale_paths[i]);
            tool_print_err(&errs[i]);
            status = EXIT_INVALID;
        }
    const Manifest *m = pack_manifest(p);
    size_t items = manifest_item_count(m);
    printf(ngettext("%s (%s %s): %zu item\n", "%s (%s %s): %zu items\n", items), argv[0], m->id, m->version, items);
    const char *langs[64];
    size_t n = lview_languages(&set, langs, 64), width = 0;
    for (size_t i = 0; i < n; i++)
        if (label_width(langs[i]) > width)
            width = label_width(langs[i]);
    for (size_t i = 0; i < n_po; i++)
        if (pos[i].shown && label_width(pos[i].path) > width)
            width = label_width(pos[i].path);
    for (size_t i = 0; i < n; i++) {
        Lview *v;
        Err e;
        if (lview_build(&set, &langs[i], 1, &v, &e) != 0)
            continue;
        if (i == 0) {
            stats_row(langs[i], width, -1);
            printf("%s\n", _("the pack's own language"));
        } else {
            stats_row(langs[i], width, (int)percent(v->translated, v->n_items));
            printf(ngettext("%zu of %zu item translated", "%zu of %zu items translated", v->n_items), v->translated,
                   v->n_items);
            size_t added = count_added(v);
            if (added)
                printf(_(", %zu added by the adaptation"), added);
            printf("\n");
        }
        lview_free(v);
    }
    for (size_t i = 0; i < n_po; i++)
        if (pos[i].shown) {
            const L10nStats *st = &pos[i].st;
            stats_row(pos[i].path, width, (int)percent(st->translated, st->strings));
            printf(ngettext("%zu of %zu string translated", "%zu of %zu strings translated", st->strings),
                   st->translated, st->strings);
            print_coverage_rest(st);
        }
    for (size_t i = 0; i < n_po; i++)
        if (pos[i].shown)
            print_translator_note(pos[i].path, &pos[i].st);
    free(pos);
    lview_set_close(&set);
    pack_close(p);
    return status;
}

/* Translations are found next to the program (portable), or in PREFIX/share/locale when installed. */
static void init_i18n(void)
{
    char exe[USERDIR_PATH], dir[USERDIR_PATH + 16] = "locale";
    Err e = {0};
    if (userdir_exe_dir(exe, sizeof exe, &e) == 0)
        userdir_locale_dir(exe, dir, sizeof dir);
    i18n_init(dir);
}

int main(int argc, char **argv)
{
    os_process_init(&argc, &argv);
    init_i18n();
    static const struct option opts[] = {{"help", no_argument, NULL, 'h'},
                                         {"version", no_argument, NULL, 'V'},
                                         {"quiet", no_argument, NULL, 'q'},
                                         {NULL, 0, NULL, 0}};
    int quiet = 0, c;
    /* '+' stops at the command, so each command parses its own arguments. */
    while ((c = getopt_long(argc, argv, "+hVq", opts, NULL)) != -1) {
        switch (c) {
        case 'h':
            usage(stdout);
            return EXIT_VALID;
        case 'V':
            printf("beseda-pack %s\n", BESEDA_VERSION);
            return EXIT_VALID;
        case 'q':
            quiet = 1;
            break;
        default:
            fprintf(stderr, "%s\n", _("Try 'beseda-pack --help'."));
            return EXIT_USAGE;
        }
    }
    if (optind >= argc) {
        usage(stderr);
        return EXIT_USAGE;
    }
    const char *cmd = argv[optind];
    int rest = argc - optind - 1;
    char **args = argv + optind + 1;
    /* "beseda-pack validate --help": the help, not a pack named --help */
    for (int i = 0; i < rest; i++)
        if (strcmp(args[i], "--help") == 0 || strcmp(args[i], "-h") == 0) {
            usage(stdout);
            return EXIT_VALID;
        }
    if (strcmp(cmd, "validate") == 0) {
        int first = 0;
        for (; first < rest && (strcmp(args[first], "-q") == 0 || strcmp(args[first], "--quiet") == 0); first++)
            quiet = 1;
        return cmd_validate(rest - first, args + first, quiet);
    }
    if (strcmp(cmd, "info") == 0)
        return cmd_info(rest, args);
    if (strcmp(cmd, "build") == 0)
        return cmd_build(rest, args);
    if (strcmp(cmd, "pot") == 0)
        return cmd_pot(rest, args);
    if (strcmp(cmd, "locale") == 0)
        return cmd_locale(rest, args);
    if (strcmp(cmd, "update-po") == 0)
        return cmd_update_po(rest, args);
    if (strcmp(cmd, "stats") == 0)
        return cmd_stats(rest, args);
    if (strcmp(cmd, "keygen") == 0)
        return pack_cmd_keygen(rest, args);
    if (strcmp(cmd, "sign") == 0)
        return pack_cmd_sign(rest, args);
    if (strcmp(cmd, "verify") == 0)
        return pack_cmd_verify(rest, args);
    if (strcmp(cmd, "help") == 0) {
        usage(stdout);
        return EXIT_VALID;
    }
    return tool_usage_error(_("unknown command '%s'"), cmd);
}
