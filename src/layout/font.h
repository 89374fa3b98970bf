/* font: the reader's typefaces (SDL2_ttf, shaped by HarfBuzz) at any pixel size, text measurement with a cache,
   and fontconfig fallback for scripts the bundled fonts do not cover. Needs no window. */
#ifndef BESEDA_FONT_H
#define BESEDA_FONT_H

#include <SDL2/SDL_ttf.h>
#include <stddef.h>

#include "core/err.h"

/* Bundled faces (PT Serif, PT Sans, PT Mono); ids from FACE_BUNDLED up are fallback fonts found at run time. */
typedef enum {
    FACE_SERIF,
    FACE_SERIF_ITALIC,
    FACE_SERIF_BOLD,
    FACE_SERIF_BOLD_ITALIC,
    FACE_SANS,
    FACE_SANS_BOLD,
    FACE_MONO,
    FACE_BUNDLED
} FontFace;

enum { FONTS_MAX_FALLBACK = 16 };

typedef struct Fonts Fonts;

typedef struct {
    int ascent;  /* pixels above the baseline */
    int descent; /* pixels below it (positive) */
    int height;  /* ascent + descent */
} FontMetrics;

/* Opens the bundled font files in folder 'dir' (initialising SDL_ttf). On failure returns a negative code and
   fills 'err' with the missing or broken file. */
int fonts_open(const char *dir, Fonts **out, Err *err);
void fonts_close(Fonts *f);

/* The SDL_ttf font for 'face' at 'px' pixels, opened on first use and kept in a bounded cache. The pointer
   stays valid until the next fonts_get of a size not cached. NULL when it cannot be opened. */
TTF_Font *fonts_get(Fonts *f, int face, int px);

/* Width in pixels of 'len' bytes of UTF-8 in one face (shaped as one run). Cached. */
int fonts_width(Fonts *f, int face, int px, const char *s, size_t len);

void fonts_metrics(Fonts *f, int face, int px, FontMetrics *m);

/* The longest prefix of s[0..len) that one font can draw at 'px', starting with 'face'; *face_out gets that font
   (a fallback id when the face lacks the first character). Returns its length in bytes (>= 1 when len > 0). */
size_t fonts_span(Fonts *f, int face, int px, const char *s, size_t len, int *face_out);

/* Counters for tests and benchmarks. */
typedef struct {
    unsigned long measures; /* TTF_SizeUTF8 calls */
    unsigned long cache_hits;
    unsigned long opens; /* TTF_OpenFont calls */
    unsigned fallbacks;  /* fallback fonts loaded */
} FontStats;
const FontStats *fonts_stats(const Fonts *f);

#endif
