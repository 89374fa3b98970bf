/* font: bundled faces at any size, cached measurement, fallback fonts (bundled first, then the system's). */
#include "layout/font.h"

#include <errno.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "os/os.h"
#include "os/os_fonts.h"

static const char *const FACE_FILES[FACE_BUNDLED] = {
    "PTF55F.ttf", /* PT Serif */
    "PTF56F.ttf", /* PT Serif Italic */
    "PTF75F.ttf", /* PT Serif Bold */
    "PTF76F.ttf", /* PT Serif Bold Italic */
    "PTS55F.ttf", /* PT Sans */
    "PTS75F.ttf", /* PT Sans Bold */
    "PTM55F.ttf", /* PT Mono */
};

/* Fallback fonts that travel with the program, asked before the system's: Beseda's pages then look the same on
   every PC, and Greek, the rest of Latin and Cyrillic, and common symbols never depend on what it has installed. */
static const char *const BUNDLED_FALLBACK[] = {
    "DejaVuSans.ttf", /* DejaVu Sans: Latin, Greek, Cyrillic (extended), Armenian, Georgian, symbols, arrows */
};
enum { N_BUNDLED_FALLBACK = sizeof BUNDLED_FALLBACK / sizeof BUNDLED_FALLBACK[0] };

enum { COVER_CHARS = 0x530 };
enum { SIZE_CACHE = 48, WIDTH_SLOTS = 1 << 13, WIDTH_MAX_USED = WIDTH_SLOTS / 4 * 3 };

typedef struct {
    int face, px;
    unsigned long used; /* last use, for eviction */
    TTF_Font *font;
} SizedFont;

typedef struct {
    uint64_t hash; /* 0: empty */
    int face, px, width;
    uint32_t off, len; /* text in the cache's arena */
} WidthSlot;

struct Fonts {
    char *paths[FACE_BUNDLED + FONTS_MAX_FALLBACK];
    /* each font file mapped once: every size opens from memory, not with a stream of seeks and reads */
    void *map[FACE_BUNDLED + FONTS_MAX_FALLBACK];
    size_t map_len[FACE_BUNDLED + FONTS_MAX_FALLBACK];
    int n_fallback;
    SizedFont sized[SIZE_CACHE];
    unsigned long clock;
    WidthSlot *slots;
    size_t used;
    char *arena;
    size_t arena_len, arena_cap;
    /* Which of the first COVER_CHARS code points each bundled face has, asked once each (Latin, Greek and
       Cyrillic text asks for the same few hundred characters again and again). */
    uint8_t cover_known[FACE_BUNDLED][COVER_CHARS / 8], cover_has[FACE_BUNDLED][COVER_CHARS / 8];
    /* Code points no font has: asked once. */
    uint32_t missing[64];
    FontStats stats;
};

static char *path_join(const char *dir, const char *name)
{
    size_t n = strlen(dir) + strlen(name) + 2;
    char *p = malloc(n);
    if (p)
        snprintf(p, n, "%s/%s", dir, name);
    return p;
}

int fonts_open(const char *dir, Fonts **out, Err *err)
{
    *out = NULL;
    if (!TTF_WasInit() && TTF_Init() != 0)
        return err_set(err, ERR_IO, NULL, N_("cannot start the font engine: %s"), TTF_GetError());
    Fonts *f = calloc(1, sizeof *f);
    if (!f || !(f->slots = calloc(WIDTH_SLOTS, sizeof *f->slots))) {
        free(f);
        return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
    }
    /* every file must be there; the body face is also opened, which proves the engine can read them */
    for (int i = 0; i < FACE_BUNDLED; i++) {
        f->paths[i] = path_join(dir, FACE_FILES[i]);
        if (!f->paths[i]) {
            fonts_close(f);
            return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
        }
    }
    for (int i = 0; i < N_BUNDLED_FALLBACK; i++)
        if (!(f->paths[FACE_BUNDLED + f->n_fallback++] = path_join(dir, BUNDLED_FALLBACK[i]))) {
            fonts_close(f);
            return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
        }
    for (int i = 0; i < FACE_BUNDLED + N_BUNDLED_FALLBACK; i++) {
        OsStat st;
        int bad = os_stat(f->paths[i], &st) != 0 ? errno : st.type != OS_FILE_REG ? ENOENT : 0;
        if (bad) {
            err_set(err, ERR_IO, f->paths[i],
                    N_("this font is missing (%s); copy Beseda together with its assets folder, or run 'make' again"),
                    strerror(bad));
            fonts_close(f);
            return -ERR_IO;
        }
    }
    if (!fonts_get(f, FACE_SERIF, 20)) {
        err_set(err, ERR_IO, f->paths[FACE_SERIF], N_("cannot read this font (%s); copy it again or run 'make' again"),
                TTF_GetError());
        fonts_close(f);
        return -ERR_IO;
    }
    *out = f;
    return 0;
}

void fonts_close(Fonts *f)
{
    if (!f)
        return;
    for (int i = 0; i < SIZE_CACHE; i++)
        if (f->sized[i].font)
            TTF_CloseFont(f->sized[i].font);
    for (int i = 0; i < FACE_BUNDLED + FONTS_MAX_FALLBACK; i++) {
        free(f->paths[i]);
        os_unmap_file(f->map[i], f->map_len[i]);
    }
    free(f->slots);
    free(f->arena);
    free(f);
}

const FontStats *fonts_stats(const Fonts *f)
{
    return &f->stats;
}

TTF_Font *fonts_get(Fonts *f, int face, int px)
{
    if (face < 0 || face >= FACE_BUNDLED + f->n_fallback || px < 1)
        return NULL;
    if (px > 1000)
        px = 1000;
    int victim = 0;
    f->clock++;
    for (int i = 0; i < SIZE_CACHE; i++) {
        SizedFont *s = &f->sized[i];
        if (s->font && s->face == face && s->px == px) {
            s->used = f->clock;
            return s->font;
        }
        if (!s->font || (f->sized[victim].font && s->used < f->sized[victim].used))
            victim = i;
    }
    if (!f->map[face]) {
        f->map[face] = os_map_file(f->paths[face], 64 << 20, &f->map_len[face]);
        if (!f->map[face])
            return NULL;
    }
    SDL_RWops *rw = SDL_RWFromConstMem(f->map[face], (int)f->map_len[face]);
    TTF_Font *t = rw ? TTF_OpenFontRW(rw, 1, px) : NULL;
    f->stats.opens++;
    if (!t)
        return NULL;
    /* Light hinting keeps the designed shapes at reading sizes; kerning is on by default. */
    TTF_SetFontHinting(t, TTF_HINTING_LIGHT);
    SizedFont *s = &f->sized[victim];
    if (s->font)
        TTF_CloseFont(s->font);
    *s = (SizedFont){face, px, f->clock, t};
    return t;
}

void fonts_metrics(Fonts *f, int face, int px, FontMetrics *m)
{
    TTF_Font *t = fonts_get(f, face, px);
    if (!t) {
        *m = (FontMetrics){px, px / 4, px + px / 4};
        return;
    }
    m->ascent = TTF_FontAscent(t);
    m->descent = -TTF_FontDescent(t);
    if (m->descent < 0)
        m->descent = 0;
    m->height = m->ascent + m->descent;
}

static uint64_t hash_key(int face, int px, const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull;
    h = (h ^ (uint64_t)face) * 1099511628211ull;
    h = (h ^ (uint64_t)px) * 1099511628211ull;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h ? h : 1;
}

static int measure(Fonts *f, int face, int px, const char *s, size_t len)
{
    TTF_Font *t = fonts_get(f, face, px);
    if (!t || len == 0)
        return 0;
    char stack[512];
    char *buf = len < sizeof stack ? stack : malloc(len + 1);
    if (!buf)
        return 0;
    memcpy(buf, s, len);
    buf[len] = '\0';
    int w = 0, h = 0;
    f->stats.measures++;
    if (TTF_SizeUTF8(t, buf, &w, &h) != 0)
        w = 0;
    /* SDL_ttf's size includes the ink of the last glyph beyond its advance (an italic f leans out): words
       are placed by advance, or italic words would stand apart. */
    const uint8_t *end = (const uint8_t *)buf + len, *last = end - 1;
    while (last > (const uint8_t *)buf && (*last & 0xC0) == 0x80)
        last--;
    ucs4_t c;
    int minx, maxx, adv;
    if (w > 0 && u8_mbtouc(&c, last, (size_t)(end - last)) > 0 &&
        TTF_GlyphMetrics32(t, c, &minx, &maxx, NULL, NULL, &adv) == 0 && maxx > adv && maxx - adv < w)
        w -= maxx - adv;
    if (buf != stack)
        free(buf);
    return w;
}

/* Forgets every cached width (when the table or its arena is full). */
static void width_cache_clear(Fonts *f)
{
    memset(f->slots, 0, WIDTH_SLOTS * sizeof *f->slots);
    f->used = 0;
    f->arena_len = 0;
}

int fonts_width(Fonts *f, int face, int px, const char *s, size_t len)
{
    if (len == 0)
        return 0;
    if (len > 256) /* long runs (code lines) are rarely repeated */
        return measure(f, face, px, s, len);
    uint64_t h = hash_key(face, px, s, len);
    size_t i = h & (WIDTH_SLOTS - 1);
    for (;;) {
        WidthSlot *w = &f->slots[i];
        if (!w->hash)
            break;
        if (w->hash == h && w->face == face && w->px == px && w->len == len && memcmp(f->arena + w->off, s, len) == 0) {
            f->stats.cache_hits++;
            return w->width;
        }
        i = (i + 1) & (WIDTH_SLOTS - 1);
    }
    int width = measure(f, face, px, s, len);
    if (f->used >= WIDTH_MAX_USED || f->arena_len + len > (size_t)1 << 22)
        width_cache_clear(f);
    if (f->arena_len + len > f->arena_cap) {
        size_t cap = f->arena_cap ? f->arena_cap * 2 : 1 << 16;
        while (cap < f->arena_len + len)
            cap *= 2;
        char *a = realloc(f->arena, cap);
        if (!a)
            return width;
        f->arena = a;
        f->arena_cap = cap;
    }
    i = h & (WIDTH_SLOTS - 1);
    while (f->slots[i].hash)
        i = (i + 1) & (WIDTH_SLOTS - 1);
    memcpy(f->arena + f->arena_len, s, len);
    f->slots[i] = (WidthSlot){h, face, px, width, (uint32_t)f->arena_len, (uint32_t)len};
    f->arena_len += len;
    f->used++;
    return width;
}

static int provided(Fonts *f, int face, int px, ucs4_t c)
{
    int memo = face < FACE_BUNDLED && c < COVER_CHARS;
    uint8_t bit = (uint8_t)(1u << (c & 7));
    if (memo && (f->cover_known[face][c >> 3] & bit))
        return (f->cover_has[face][c >> 3] & bit) != 0;
    TTF_Font *t = fonts_get(f, face, px);
    int has = t && TTF_GlyphIsProvided32(t, c);
    if (memo && t) {
        f->cover_known[face][c >> 3] |= bit;
        if (has)
            f->cover_has[face][c >> 3] |= bit;
    }
    return has;
}

static int known_missing(const Fonts *f, ucs4_t c)
{
    for (size_t i = 0; i < sizeof f->missing / sizeof f->missing[0]; i++)
        if (f->missing[i] == c)
            return 1;
    return 0;
}

/* A font with a glyph for 'c': a loaded fallback (the bundled ones first), or one the system offers. -1 when none. */
static int fallback_for(Fonts *f, int px, ucs4_t c)
{
    for (int i = 0; i < f->n_fallback; i++)
        if (provided(f, FACE_BUNDLED + i, px, c))
            return FACE_BUNDLED + i;
    if (known_missing(f, c) || f->n_fallback >= FONTS_MAX_FALLBACK)
        return -1;
    int found = -1;
    char cand[4][OS_FONT_PATH];
    int n = os_font_candidates(c, cand, 4);
    for (int k = 0; k < n && found < 0 && f->n_fallback < FONTS_MAX_FALLBACK; k++) {
        int known = 0;
        for (int i = 0; i < f->n_fallback; i++)
            known |= strcmp(f->paths[FACE_BUNDLED + i], cand[k]) == 0;
        if (known) /* already asked above: it lacks 'c' */
            continue;
        int id = FACE_BUNDLED + f->n_fallback;
        if (!(f->paths[id] = strdup(cand[k])))
            break;
        f->n_fallback++;
        if (provided(f, id, px, c)) {
            found = id;
            f->stats.fallbacks++;
        } else { /* forget it wholly: the id goes to the next candidate */
            for (int i = 0; i < SIZE_CACHE; i++)
                if (f->sized[i].font && f->sized[i].face == id) {
                    TTF_CloseFont(f->sized[i].font);
                    f->sized[i].font = NULL;
                }
            os_unmap_file(f->map[id], f->map_len[id]);
            f->map[id] = NULL;
            free(f->paths[id]);
            f->paths[id] = NULL;
            f->n_fallback--;
        }
    }
    if (found < 0) {
        memmove(f->missing + 1, f->missing, sizeof f->missing - sizeof f->missing[0]);
        f->missing[0] = c;
    }
    return found;
}

/* Characters that need no glyph of their own decision: spaces and controls go with their neighbours. */
static int neutral(ucs4_t c)
{
    return c < 0x21 || c == 0x200B || c == 0x200D || c == 0xFE0F || (c >= 0x300 && c < 0x370);
}

size_t fonts_span(Fonts *f, int face, int px, const char *s, size_t len, int *face_out)
{
    const uint8_t *p = (const uint8_t *)s, *end = p + len;
    int cur = -1;
    while (p < end) {
        ucs4_t c;
        int n = u8_mbtouc(&c, p, (size_t)(end - p));
        if (n < 1)
            n = 1;
        if (!neutral(c)) {
            int want = provided(f, face, px, c) ? face : fallback_for(f, px, c);
            if (want < 0)
                want = face; /* nobody has it: the face draws its missing-glyph box */
            if (cur < 0)
                cur = want;
            else if (want != cur)
                break;
        }
        p += n;
    }
    *face_out = cur < 0 ? face : cur;
    size_t taken = (size_t)(p - (const uint8_t *)s);
    return taken ? taken : len;
}
