/* hyphen: hyphenation points by libhyphen, one UTF-8 pattern dictionary per language, loaded on first use. */
#include "layout/hyphen.h"

#include <hyphen.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <unictype.h>
#include <unistr.h>

#include "os/os.h"

enum { MAX_LANGS = 8, LANG_LEN = 9, MIN_RUN = 5 };

typedef struct {
    char lang[LANG_LEN]; /* "" for a free slot */
    HyphenDict *dict;    /* NULL when the language has no dictionary */
} Slot;

struct Hyphens {
    char *dir;
    Slot slot[MAX_LANGS];
};

Hyphens *hyphens_open(const char *dir)
{
    Hyphens *h = calloc(1, sizeof *h);
    if (!h || !(h->dir = strdup(dir))) {
        free(h);
        return NULL;
    }
    return h;
}

void hyphens_close(Hyphens *h)
{
    if (!h)
        return;
    for (int i = 0; i < MAX_LANGS; i++)
        if (h->slot[i].dict)
            hnj_hyphen_free(h->slot[i].dict);
    free(h->dir);
    free(h);
}

/* The first part of a language tag in lower case ("nl-BE" -> "nl"); 0 when it is not 2-8 ASCII letters, which
   also keeps a tag from a pack out of the file name. */
static int primary_tag(const char *lang, char out[LANG_LEN])
{
    size_t n = 0;
    for (; lang[n] && lang[n] != '-' && lang[n] != '_'; n++) {
        char c = lang[n];
        if (n + 1 >= LANG_LEN || !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z')))
            return 0;
        out[n] = (char)(c | 0x20);
    }
    out[n] = '\0';
    return n >= 2;
}

/* The dictionary of 'lang', loading it the first time; NULL when there is none. Languages beyond MAX_LANGS
   share the last slot, so a long session that switches among many languages reloads instead of growing. */
static HyphenDict *dict_for(Hyphens *h, const char *lang)
{
    char tag[LANG_LEN];
    if (!lang || !primary_tag(lang, tag))
        return NULL;
    int i = 0;
    for (; i < MAX_LANGS && h->slot[i].lang[0]; i++)
        if (strcmp(h->slot[i].lang, tag) == 0)
            return h->slot[i].dict;
    if (i == MAX_LANGS) {
        i = MAX_LANGS - 1;
        if (h->slot[i].dict)
            hnj_hyphen_free(h->slot[i].dict);
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/hyph_%s.dic", h->dir, tag);
    memcpy(h->slot[i].lang, tag, sizeof tag);
    h->slot[i].dict = NULL;
    FILE *f = os_fopen(path, "rb"); /* a UTF-8 path: the program folder may have a Cyrillic name */
    if (f) {
        char head[16] = "";
        /* the program reads UTF-8 only: a dictionary in another charset would give wrong points */
        if (fgets(head, sizeof head, f) && strncmp(head, "UTF-8", 5) == 0) {
            rewind(f);
            h->slot[i].dict = hnj_hyphen_load_file(f);
        }
        fclose(f);
    }
    return h->slot[i].dict;
}

/* Points of one run of letters s[0..n) holding 'chars' characters, written to after[] (byte-indexed). */
static int run_points(HyphenDict *d, const char *s, size_t n, size_t chars, char *after)
{
    size_t ln = 0;
    uint8_t *mapped = u8_tolower((const uint8_t *)s, n, NULL, NULL, NULL, &ln);
    char *lower = mapped ? malloc(ln + 1) : NULL; /* libhyphen reads the word as a C string */
    if (lower) {
        memcpy(lower, mapped, ln);
        lower[ln] = '\0';
    }
    free(mapped);
    if (!lower)
        return 0;
    int found = 0;
    /* a letter whose lower case is longer (İ) would shift the character positions libhyphen answers in */
    if (u8_mbsnlen((const uint8_t *)lower, ln) == chars) {
        char *hy = calloc(ln + 5, 1);
        char **rep = NULL;
        int *pos = NULL, *cut = NULL;
        if (hy && hnj_hyphen_hyphenate3(d, lower, (int)ln, hy, NULL, &rep, &pos, &cut, 2, 3, 2, 2) == 0) {
            size_t o = 0;
            for (size_t c = 0; c + 1 < chars; c++) {
                int k = u8_mblen((const uint8_t *)s + o, n - o);
                o += k > 0 ? (size_t)k : 1;
                /* odd: a point; a replacement (Dutch "omaatje" style spelling changes) is not done, only plain points
                 */
                if ((hy[c] & 1) && !(rep && rep[c]) && c >= 1 && c + 3 <= chars) {
                    after[o - 1] = 1;
                    found++;
                }
            }
        }
        if (rep) {
            for (size_t c = 0; c < ln; c++)
                free(rep[c]);
            free(rep);
        }
        free(pos);
        free(cut);
        free(hy);
    }
    free(lower);
    return found;
}

int hyphens_points(Hyphens *h, const char *lang, const char *s, size_t n, char *after)
{
    memset(after, 0, n);
    HyphenDict *d = h ? dict_for(h, lang) : NULL;
    if (!d)
        return 0;
    int found = 0;
    size_t i = 0;
    while (i < n) {
        size_t start = i, chars = 0;
        ucs4_t c;
        int k;
        while (i < n && (k = u8_mbtouc(&c, (const uint8_t *)s + i, n - i)) > 0 && c != 0xfffd && uc_is_alpha(c)) {
            i += (size_t)k;
            chars++;
        }
        if (chars >= MIN_RUN && chars <= HYPHENS_MAX_RUN)
            found += run_points(d, s + start, i - start, chars, after + start);
        if (i == start) { /* not a letter: step over it */
            k = u8_mblen((const uint8_t *)s + i, n - i);
            i += k > 0 ? (size_t)k : 1;
        }
    }
    return found;
}
