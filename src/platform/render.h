/* render: draws a display list with an SDL_Renderer (a window's, or a software renderer on a surface for the
   headless modes). Text comes from an atlas of shaped runs, so a frame whose text was drawn before makes no
   TTF_Render* call; images are decoded with SDL2_image's PNG and JPEG loaders and cached as textures. */
#ifndef BESEDA_RENDER_H
#define BESEDA_RENDER_H

#include <SDL2/SDL.h>
#include <stddef.h>
#include <stdint.h>

#include "core/err.h"
#include "layout/layout.h"

typedef struct Render Render;

/* Supplies the bytes of an image named by a DL_IMAGE key (the caller frees *data). */
typedef int (*ImageFetch)(void *user, const char *key, char **data, size_t *len, Err *err);

Render *render_new(SDL_Renderer *r, Fonts *fonts, ImageFetch fetch, void *user);
void render_free(Render *r);

/* Draws 'dl' with colours 'palette' (0xRRGGBB per ColorRole). When 'generation' differs from the last call,
   cached images are dropped first (another pack is open). */
void render_frame(Render *r, const DisplayList *dl, const uint32_t *palette, unsigned generation);

typedef struct {
    unsigned long text_renders; /* TTF_Render* calls so far */
    unsigned long uncached;     /* of which for runs too large for the atlas */
    unsigned long atlas_resets;
    unsigned long images_decoded;
    unsigned long image_failures;
} RenderStats;
const RenderStats *render_stats(const Render *r);

/* Writes what the renderer holds (w x h pixels) to a PNG file; 'target' is the surface of a software renderer
   (written directly) or NULL (the pixels are read back). */
int render_save_png(SDL_Renderer *r, SDL_Surface *target, int w, int h, const char *path, Err *err);

#endif
