/* i18n: gettext for the interface, with a language that can change while the program runs. */
#include "i18n.h"

#include <libintl.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/os.h"

/* gettext caches translations by locale, not by LANGUAGE: this counter, which GNU gettext documents for the
   purpose, tells it to look again after LANGUAGE changes. */
extern int _nl_msg_cat_cntr;

static char system_language[256]; /* LANGUAGE as the program found it */
static int had_language;
static char current[I18N_TAG] = "en";

/* "ru_RU.UTF-8" -> "ru", "pt_BR" -> "pt-BR"; empty for C and POSIX. */
static void tag_from_locale(const char *loc, char *out, size_t size)
{
    out[0] = '\0';
    if (!loc || !loc[0] || strcmp(loc, "C") == 0 || strcmp(loc, "POSIX") == 0 || strncmp(loc, "C.", 2) == 0)
        return;
    size_t n = strcspn(loc, ".@:");
    snprintf(out, size, "%.*s", (int)(n < size ? n : size - 1), loc);
    for (char *s = out; *s; s++)
        if (*s == '_')
            *s = '-';
}

size_t i18n_system_languages(char out[][I18N_TAG], size_t max)
{
    size_t n = 0;
    if (had_language && system_language[0]) {
        char copy[sizeof system_language];
        snprintf(copy, sizeof copy, "%s", system_language);
        char *save = NULL;
        for (char *t = strtok_r(copy, ":", &save); t && n < max; t = strtok_r(NULL, ":", &save)) {
            tag_from_locale(t, out[n], I18N_TAG);
            if (out[n][0])
                n++;
        }
        if (n)
            return n;
    }
    char sys[8][64];
    size_t k = os_ui_languages(sys, 8);
    for (size_t i = 0; i < k && n < max; i++) {
        tag_from_locale(sys[i], out[n], I18N_TAG);
        if (out[n][0])
            n++;
    }
    return n;
}

static void update_current(void)
{
    char langs[1][I18N_TAG];
    const char *l = getenv("LANGUAGE");
    char first[I18N_TAG] = "";
    if (l && l[0]) {
        char copy[I18N_TAG];
        snprintf(copy, sizeof copy, "%.*s", (int)strcspn(l, ":"), l);
        tag_from_locale(copy, first, sizeof first);
    } else if (i18n_system_languages(langs, 1) == 1) {
        snprintf(first, sizeof first, "%s", langs[0]);
    }
    snprintf(current, sizeof current, "%s", first[0] ? first : "en");
}

void i18n_init(const char *localedir)
{
    setlocale(LC_ALL, "");
    const char *msg = setlocale(LC_MESSAGES, NULL);
    if (!msg || strcmp(msg, "C") == 0 || strcmp(msg, "POSIX") == 0) {
        /* In the C locale gettext ignores LANGUAGE; C.UTF-8 (built into glibc) translates and keeps UTF-8. */
        setlocale(LC_MESSAGES, "C.UTF-8");
        setlocale(LC_CTYPE, "C.UTF-8");
    }
    const char *l = getenv("LANGUAGE");
    had_language = l != NULL;
    snprintf(system_language, sizeof system_language, "%s", l ? l : "");
    os_bindtextdomain("beseda", localedir);
    bind_textdomain_codeset("beseda", "UTF-8");
    textdomain("beseda");
    i18n_set_language(NULL);
}

void i18n_set_language(const char *lang)
{
    if (lang && lang[0]) {
        char v[64];
        /* the chosen language, then English rather than the system's other languages */
        snprintf(v, sizeof v, "%s", lang);
        for (char *s = v; *s; s++)
            if (*s == '-')
                *s = '_';
        os_setenv("LANGUAGE", v);
    } else if (had_language) {
        os_setenv("LANGUAGE", system_language);
    } else {
        /* LANG=ru_RU.UTF-8 must give Russian even where that locale is not generated (setlocale fails then) */
        char sys[1][I18N_TAG];
        if (i18n_system_languages(sys, 1) == 1) {
            for (char *s = sys[0]; *s; s++)
                if (*s == '-')
                    *s = '_';
            os_setenv("LANGUAGE", sys[0]);
        } else {
            os_setenv("LANGUAGE", NULL);
        }
    }
    ++_nl_msg_cat_cntr;
    update_current();
}

const char *i18n_language(void)
{
    return current;
}

static int tag_cmp(const void *a, const void *b)
{
    return strcmp(a, b);
}

size_t i18n_available(const char *localedir, char out[][I18N_TAG], size_t max)
{
    size_t n = 0;
    if (max == 0)
        return 0;
    snprintf(out[n++], I18N_TAG, "en");
    OsDir *d = os_dir_open(localedir);
    const char *name;
    while (d && n < max && os_dir_next(d, &name, NULL) == 1) {
        char mo[4096];
        OsStat sb;
        if (name[0] == '.' || strlen(name) >= I18N_TAG)
            continue;
        snprintf(mo, sizeof mo, "%s/%s/LC_MESSAGES/beseda.mo", localedir, name);
        if (os_stat(mo, &sb) == 0 && sb.type == OS_FILE_REG && strcmp(name, "en") != 0)
            tag_from_locale(name, out[n++], I18N_TAG);
    }
    os_dir_close(d);
    qsort(out + 1, n - 1, sizeof *out, tag_cmp);
    return n;
}

const char *i18n_language_name(const char *tag)
{
    static const char *const names[][2] = {
        {"en", "English"}, {"ru", "Русский"},  {"nl", "Nederlands"}, {"uk", "Українська"}, {"be", "Беларуская"},
        {"kk", "Қазақша"}, {"de", "Deutsch"},  {"fr", "Français"},   {"es", "Español"},    {"pt", "Português"},
        {"pl", "Polski"},  {"hy", "Հայերեն"},  {"ka", "ქართული"},    {"az", "Azərbaycan"}, {"ro", "Română"},
        {"tt", "Татарча"}, {"ky", "Кыргызча"}, {"uz", "Oʻzbekcha"},  {"it", "Italiano"},   {"cs", "Čeština"},
    };
    size_t n = strcspn(tag, "-_");
    for (size_t i = 0; i < sizeof names / sizeof *names; i++)
        if (strlen(names[i][0]) == n && strncmp(names[i][0], tag, n) == 0)
            return names[i][1];
    return tag;
}
