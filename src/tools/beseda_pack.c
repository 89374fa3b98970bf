/* beseda-pack: the authors' and translators' tool: validate, inspect and build lesson packs. */
#include <getopt.h>
#include <libgen.h>
#include <libintl.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/err.h"
#include "core/locale.h"
#include "core/manifest.h"
#include "core/pack.h"
#include "core/packbuild.h"
#include "core/validate.h"
#include "core/version.h"

#define _(s) gettext(s)

enum { EXIT_VALID = 0, EXIT_INVALID = 1, EXIT_USAGE = 2 };

static void usage(FILE *f)
{
    fprintf(f, _("Usage: beseda-pack COMMAND [OPTIONS] ...\n"
                 "\n"
                 "Commands:\n"
                 "  validate PACK...            check packs; lists every problem found\n"
                 "  info PACK                   show a pack's metadata, lessons, languages and sizes\n"
                 "  build FOLDER -o FILE.beseda validate a pack folder and write it as an archive\n"
                 "\n"
                 "Options:\n"
                 "  -q, --quiet                 validate: print problems only\n"
                 "  -h, --help                  show this help\n"
                 "  -V, --version               show the version\n"
                 "\n"
                 "Exit status: 0 valid, 1 invalid, 2 usage error.\n"
                 "The pack format is described in docs/pack-format.md.\n"));
}

static int usage_error(const char *fmt, const char *arg)
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
        printf(_("... and %zu more problems\n"), l->dropped);
}

static int cmd_validate(int argc, char **argv, int quiet)
{
    if (argc < 1)
        return usage_error("%s", _("validate needs at least one pack"));
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
            printf(
                _("%s: valid (%zu lessons, %zu items, %zu Markdown files, %zu exercises, %zu activities, %zu images, "
                  "%zu locales)\n"),
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
        return usage_error("%s", _("info takes exactly one pack"));
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
    for (size_t i = 0; i < nl; i++)
        printf(", %s", langs[i]);
    printf("\n");
    locale_list_free(langs, nl);
    char a[32], t[32];
    human_size(pack_archive_size(p), a, sizeof a);
    human_size(pack_total_size(p), t, sizeof t);
    if (pack_is_folder(p))
        printf(_("  size:     %s in %zu files (folder)\n"), t, pack_entry_count(p));
    else
        printf(_("  size:     %s archive, %s in %zu files uncompressed\n"), a, t, pack_entry_count(p));
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

static int cmd_build(int argc, char **argv)
{
    const char *out = NULL, *dir = NULL;
    for (int i = 0; i < argc; i++) {
        if (strcmp(argv[i], "-o") == 0 || strcmp(argv[i], "--output") == 0) {
            if (++i >= argc)
                return usage_error("%s", _("-o needs a file name"));
            out = argv[i];
        } else if (!dir) {
            dir = argv[i];
        } else {
            return usage_error(_("unexpected argument '%s'"), argv[i]);
        }
    }
    if (!dir || !out)
        return usage_error("%s", _("build needs a pack folder and -o FILE.beseda"));
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
    Err e;
    err_clear(&e);
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

/* Translations are found next to the program (portable): <dir>/locale or <dir>/../share/locale. */
static void init_i18n(void)
{
    setlocale(LC_ALL, "");
    char exe[PATH_MAX];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n > 0) {
        exe[n] = '\0';
        char dir[PATH_MAX + 16];
        snprintf(dir, sizeof dir, "%s/locale", dirname(exe));
        bindtextdomain("beseda", dir);
    }
    textdomain("beseda");
}

int main(int argc, char **argv)
{
    pack_process_init();
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
    if (strcmp(cmd, "help") == 0) {
        usage(stdout);
        return EXIT_VALID;
    }
    return usage_error(_("unknown command '%s'"), cmd);
}
