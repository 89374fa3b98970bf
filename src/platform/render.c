/* render: text atlas, image cache and drawing of display lists. */
#include "platform/render.h"

#include <SDL2/SDL_image.h>
#include <SDL2/SDL_ttf.h>
#include <errno.h>
#include <png.h>
#include <setjmp.h>
#include <stdlib.h>
#include <string.h>

#include "core/imghdr.h"
#include "core/pack.h"
#include "os/os.h"

enum {
    ATLAS_SIZE = 1024, /* pages are ATLAS_SIZE wide and ATLAS_H high: small steps keep memory low */
    ATLAS_H = 256,
    ATLAS_PAGES = 16,
    ATLAS_SLOTS = 1 << 13,
    IMAGE_CACHE = 32,
};
#define IMAGE_BYTES_MAX ((size_t)96 << 20) /* decoded image textures kept at once */

typedef struct {
    uint64_t hash; /* 0: empty */
    uint8_t face, page;
    int px;
    uint16_t x, y, w, h;
    char *text;
} Glyphs;

typedef struct {
    char *key;
    int w, h;         /* the size it was scaled to */
    SDL_Texture *tex; /* NULL when the image failed: not tried again */
    size_t bytes;
    unsigned long used;
} CachedImage;

struct Render {
    SDL_Renderer *r;
    Fonts *fonts;
    ImageFetch fetch;
    void *user;
    SDL_Texture *pages[ATLAS_PAGES];
    int n_pages;
    int shelf_x, shelf_y, shelf_h; /* packing position in the last page */
    Glyphs *slots;
    size_t n_slots;
    CachedImage images[IMAGE_CACHE];
    size_t image_bytes;
    unsigned long clock;
    unsigned generation;
    RenderStats stats;
};

Render *render_new(SDL_Renderer *sr, Fonts *fonts, ImageFetch fetch, void *user)
{
    Render *r = calloc(1, sizeof *r);
    if (!r || !(r->slots = calloc(ATLAS_SLOTS, sizeof *r->slots))) {
        free(r);
        return NULL;
    }
    r->r = sr;
    r->fonts = fonts;
    r->fetch = fetch;
    r->user = user;
    return r;
}

static void clear_images(Render *r)
{
    for (int i = 0; i < IMAGE_CACHE; i++) {
        if (r->images[i].tex)
            SDL_DestroyTexture(r->images[i].tex);
        free(r->images[i].key);
        memset(&r->images[i], 0, sizeof r->images[i]);
    }
    r->image_bytes = 0;
}

static void clear_atlas(Render *r)
{
    for (size_t i = 0; i < ATLAS_SLOTS; i++)
        free(r->slots[i].text);
    memset(r->slots, 0, ATLAS_SLOTS * sizeof *r->slots);
    r->n_slots = 0;
    /* the pages are kept and written over: every run replaces its whole rectangle, and only those rectangles are
       ever drawn from, so nothing needs clearing */
    r->n_pages = r->n_pages ? 1 : 0;
    r->shelf_x = r->shelf_y = r->shelf_h = 0;
}

void render_free(Render *r)
{
    if (!r)
        return;
    clear_images(r);
    clear_atlas(r);
    for (int i = 0; i < ATLAS_PAGES; i++)
        if (r->pages[i])
            SDL_DestroyTexture(r->pages[i]);
    free(r->slots);
    free(r);
}

const RenderStats *render_stats(const Render *r)
{
    return &r->stats;
}

static uint64_t text_hash(int face, int px, const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ull ^ ((uint64_t)face << 32) ^ (uint64_t)px;
    for (size_t i = 0; i < len; i++)
        h = (h ^ (unsigned char)s[i]) * 1099511628211ull;
    return h ? h : 1;
}

static SDL_Texture *new_page(Render *r)
{
    SDL_Texture *t = SDL_CreateTexture(r->r, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, ATLAS_SIZE, ATLAS_H);
    if (t)
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
    return t;
}

/* Finds room for w x h in the atlas: shelves, left to right, top to bottom, page after page. */
static int atlas_place(Render *r, int w, int h, int *page, int *x, int *y)
{
    if (w > ATLAS_SIZE || h > ATLAS_H)
        return -1;
    if (r->n_pages == 0) {
        if (!r->pages[0] && !(r->pages[0] = new_page(r)))
            return -1;
        r->n_pages = 1;
    }
    if (r->shelf_x + w > ATLAS_SIZE) {
        r->shelf_y += r->shelf_h + 1;
        r->shelf_x = 0;
        r->shelf_h = 0;
    }
    if (r->shelf_y + h > ATLAS_H) {
        if (r->n_pages == ATLAS_PAGES)
            return -2; /* full */
        if (!r->pages[r->n_pages] && !(r->pages[r->n_pages] = new_page(r)))
            return -1;
        r->n_pages++;
        r->shelf_x = r->shelf_y = r->shelf_h = 0;
    }
    *page = r->n_pages - 1;
    *x = r->shelf_x;
    *y = r->shelf_y;
    r->shelf_x += w + 1;
    if (h > r->shelf_h)
        r->shelf_h = h;
    return 0;
}

/* The atlas entry of a text run, rendering it on first use. NULL when it cannot be drawn. */
static const Glyphs *text_glyphs(Render *r, const DlCmd *c, const char *s)
{
    uint64_t h = text_hash(c->face, c->px, s, c->len);
    size_t i = h & (ATLAS_SLOTS - 1);
    for (; r->slots[i].hash; i = (i + 1) & (ATLAS_SLOTS - 1)) {
        const Glyphs *g = &r->slots[i];
        if (g->hash == h && g->face == c->face && g->px == c->px && strcmp(g->text, s) == 0)
            return g;
    }
    if (c->w > ATLAS_SIZE - 16 || c->h > ATLAS_H - 16)
        return NULL;
    TTF_Font *font = fonts_get(r->fonts, c->face, c->px);
    if (!font)
        return NULL;
    SDL_Surface *surf = TTF_RenderUTF8_Blended(font, s, (SDL_Color){255, 255, 255, 255});
    r->stats.text_renders++;
    if (!surf)
        return NULL;
    int page, x, y;
    int rc = atlas_place(r, surf->w, surf->h, &page, &x, &y);
    if (rc == -2 || r->n_slots >= ATLAS_SLOTS / 2) { /* full: start again (this frame refills it) */
        clear_atlas(r);
        r->stats.atlas_resets++;
        rc = atlas_place(r, surf->w, surf->h, &page, &x, &y);
        i = h & (ATLAS_SLOTS - 1);
    }
    if (rc != 0) { /* too large for a page: the caller draws it alone */
        SDL_FreeSurface(surf);
        return NULL;
    }
    SDL_Rect dst = {x, y, surf->w, surf->h};
    SDL_Surface *conv = surf->format->format == SDL_PIXELFORMAT_ARGB8888
                            ? surf
                            : SDL_ConvertSurfaceFormat(surf, SDL_PIXELFORMAT_ARGB8888, 0);
    if (conv)
        SDL_UpdateTexture(r->pages[page], &dst, conv->pixels, conv->pitch);
    if (conv && conv != surf)
        SDL_FreeSurface(conv);
    SDL_FreeSurface(surf);
    while (r->slots[i].hash)
        i = (i + 1) & (ATLAS_SLOTS - 1);
    Glyphs *g = &r->slots[i];
    if (!(g->text = strdup(s)))
        return NULL;
    g->hash = h;
    g->face = c->face;
    g->px = c->px;
    g->page = (uint8_t)page;
    g->x = (uint16_t)x;
    g->y = (uint16_t)y;
    g->w = (uint16_t)dst.w;
    g->h = (uint16_t)dst.h;
    r->n_slots++;
    return g;
}

static void set_color(Render *r, const uint32_t *palette, int role)
{
    uint32_t c = palette[role < COL_COUNT ? role : COL_TEXT];
    Uint8 alpha = c >> 24 ? (Uint8)(c >> 24) : 255; /* a top byte is an opacity (shades); none: opaque */
    SDL_SetRenderDrawBlendMode(r->r, alpha < 255 ? SDL_BLENDMODE_BLEND : SDL_BLENDMODE_NONE);
    SDL_SetRenderDrawColor(r->r, (c >> 16) & 255, (c >> 8) & 255, c & 255, alpha);
}

/* A run too large for the atlas (a long word in very large type) is drawn from a texture of its own. */
static void draw_text_alone(Render *r, const DlCmd *c, const char *s, uint32_t col)
{
    TTF_Font *font = fonts_get(r->fonts, c->face, c->px);
    SDL_Surface *surf = font ? TTF_RenderUTF8_Blended(font, s, (SDL_Color){255, 255, 255, 255}) : NULL;
    r->stats.text_renders++;
    r->stats.uncached++;
    SDL_Texture *t = surf ? SDL_CreateTextureFromSurface(r->r, surf) : NULL;
    if (t) {
        SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
        SDL_SetTextureColorMod(t, (col >> 16) & 255, (col >> 8) & 255, col & 255);
        SDL_Rect dst = {c->x, c->y, surf->w, surf->h};
        SDL_RenderCopy(r->r, t, NULL, &dst);
        SDL_DestroyTexture(t);
    }
    if (surf)
        SDL_FreeSurface(surf);
}

static void draw_text(Render *r, const DlCmd *c, const char *s, const uint32_t *palette)
{
    uint32_t col = palette[c->color < COL_COUNT ? c->color : COL_TEXT];
    const Glyphs *g = text_glyphs(r, c, s);
    if (!g) {
        draw_text_alone(r, c, s, col);
        return;
    }
    SDL_Texture *t = r->pages[g->page];
    SDL_SetTextureColorMod(t, (col >> 16) & 255, (col >> 8) & 255, col & 255);
    SDL_Rect src = {g->x, g->y, g->w, g->h}, dst = {c->x, c->y, g->w, g->h};
    SDL_RenderCopy(r->r, t, &src, &dst);
}

/* Decodes an image with the loader its header names (never format sniffing by IMG_Load). */
static SDL_Texture *decode(Render *r, const char *key, int w, int h, size_t *bytes)
{
    char *data = NULL;
    size_t len = 0;
    Err e;
    err_clear(&e);
    if (r->fetch(r->user, key, &data, &len, &e) != 0)
        return NULL;
    PackLimits lim;
    pack_limits_default(&lim);
    ImgInfo info;
    SDL_Texture *t = NULL;
    if (imghdr_parse((const unsigned char *)data, len, &lim, key, &info, &e) == 0 &&
        (info.format != IMG_PNG || imghdr_png_complete((const unsigned char *)data, len, key, &e) == 0)) {
        SDL_RWops *rw = SDL_RWFromConstMem(data, (int)(len > INT32_MAX ? INT32_MAX : len));
        SDL_Surface *s = NULL;
        if (rw)
            s = info.format == IMG_PNG ? IMG_LoadPNG_RW(rw) : info.format == IMG_JPEG ? IMG_LoadJPG_RW(rw) : NULL;
        if (rw)
            SDL_RWclose(rw);
        /* the decoder must agree with the header that was checked against the limits */
        if (s && (uint32_t)s->w == info.width && (uint32_t)s->h == info.height) {
            /* scaled once, here, to the size it is shown at: drawing then copies pixels without scaling, and
               the texture holds no more pixels than the screen shows. The decoded picture is freed as soon as
               the scaled one exists, so that at most two copies are alive at once. */
            free(data);
            data = NULL;
            SDL_Surface *fit = NULL;
            if (s->format->BytesPerPixel != 4) { /* JPEG and RGB PNG: 32 bits for the scaler */
                SDL_Surface *c32 = SDL_ConvertSurfaceFormat(s, SDL_PIXELFORMAT_ARGB8888, 0);
                if (c32) {
                    SDL_FreeSurface(s);
                    s = c32;
                }
            }
            if ((s->w != w || s->h != h) && w > 0 && h > 0 && w <= 16384 && h <= 16384 &&
                s->format->BytesPerPixel == 4) {
                fit = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, s->format->format);
                if (fit && SDL_SoftStretchLinear(s, NULL, fit, NULL) != 0) {
                    SDL_FreeSurface(fit);
                    fit = NULL;
                }
                if (fit) {
                    SDL_FreeSurface(s);
                    s = fit;
                }
            }
            t = SDL_CreateTextureFromSurface(r->r, s);
            if (t) {
                SDL_SetTextureScaleMode(t, SDL_ScaleModeLinear);
                SDL_SetTextureBlendMode(t, SDL_BLENDMODE_BLEND);
                *bytes = (size_t)s->w * (size_t)s->h * 4;
            }
        }
        if (s)
            SDL_FreeSurface(s);
    }
    free(data);
    return t;
}

static void draw_image(Render *r, const DlCmd *c, const char *key, const uint32_t *palette)
{
    CachedImage *slot = NULL, *victim = &r->images[0];
    for (int i = 0; i < IMAGE_CACHE; i++) {
        CachedImage *ci = &r->images[i];
        if (ci->key && ci->w == c->w && ci->h == c->h && strcmp(ci->key, key) == 0) {
            slot = ci;
            break;
        }
        if (!ci->key || (victim->key && ci->used < victim->used))
            victim = ci;
    }
    if (!slot) {
        size_t bytes = 0;
        SDL_Texture *t = decode(r, key, c->w, c->h, &bytes);
        if (t)
            r->stats.images_decoded++;
        else
            r->stats.image_failures++;
        /* keep decoded images within IMAGE_BYTES_MAX, dropping the least recently drawn */
        while (r->image_bytes + bytes > IMAGE_BYTES_MAX) {
            CachedImage *old = NULL;
            for (int i = 0; i < IMAGE_CACHE; i++)
                if (r->images[i].tex && (!old || r->images[i].used < old->used))
                    old = &r->images[i];
            if (!old)
                break;
            SDL_DestroyTexture(old->tex);
            r->image_bytes -= old->bytes;
            free(old->key);
            memset(old, 0, sizeof *old);
            victim = old;
        }
        if (victim->tex) {
            SDL_DestroyTexture(victim->tex);
            r->image_bytes -= victim->bytes;
        }
        free(victim->key);
        victim->key = strdup(key);
        victim->w = c->w;
        victim->h = c->h;
        victim->tex = t;
        victim->bytes = t ? bytes : 0;
        r->image_bytes += victim->bytes;
        slot = victim;
    }
    slot->used = ++r->clock;
    SDL_Rect dst = {c->x, c->y, c->w, c->h};
    if (slot->tex) {
        SDL_RenderCopy(r->r, slot->tex, NULL, &dst);
    } else { /* it could not be decoded: a crossed box */
        set_color(r, palette, COL_RULE);
        SDL_RenderDrawRect(r->r, &dst);
        SDL_RenderDrawLine(r->r, dst.x, dst.y, dst.x + dst.w - 1, dst.y + dst.h - 1);
        SDL_RenderDrawLine(r->r, dst.x + dst.w - 1, dst.y, dst.x, dst.y + dst.h - 1);
    }
}

void render_frame(Render *r, const DisplayList *dl, const uint32_t *palette, unsigned generation)
{
    if (generation != r->generation) {
        clear_images(r);
        r->generation = generation;
    }
    SDL_RenderSetClipRect(r->r, NULL);
    set_color(r, palette, COL_BG);
    SDL_RenderClear(r->r);
    for (size_t i = 0; i < dl->n; i++) {
        const DlCmd *c = &dl->v[i];
        switch (c->kind) {
        case DL_RECT: {
            if (c->w <= 0 || c->h <= 0)
                break;
            SDL_Rect rc = {c->x, c->y, c->w, c->h};
            set_color(r, palette, c->color);
            SDL_RenderFillRect(r->r, &rc);
            break;
        }
        case DL_FRAME: {
            set_color(r, palette, c->color);
            int t = c->px;
            SDL_Rect e[4] = {{c->x, c->y, c->w, t},
                             {c->x, c->y + c->h - t, c->w, t},
                             {c->x, c->y, t, c->h},
                             {c->x + c->w - t, c->y, t, c->h}};
            SDL_RenderFillRects(r->r, e, 4);
            break;
        }
        case DL_CLIP: {
            SDL_Rect rc = {c->x, c->y, c->w, c->h};
            SDL_RenderSetClipRect(r->r, c->w > 0 ? &rc : NULL);
            break;
        }
        case DL_TEXT:
            draw_text(r, c, dl_str(dl, c), palette);
            break;
        case DL_IMAGE:
            draw_image(r, c, dl_str(dl, c), palette);
            if (palette[COL_IMAGE_DIM] >> 24) { /* dimmed in a dark theme */
                SDL_Rect rc = {c->x, c->y, c->w, c->h};
                set_color(r, palette, COL_IMAGE_DIM);
                SDL_RenderFillRect(r->r, &rc);
            }
            break;
        }
    }
    SDL_RenderSetClipRect(r->r, NULL);
}

/* Writes an ARGB8888 surface as an 8-bit RGB PNG with libpng, favouring speed (zlib level 1, Sub filter):
   IMG_SavePNG's default compression took 40 ms of a 90 ms screenshot. */
static int write_png(SDL_Surface *s, const char *path, Err *err)
{
    FILE *f = os_fopen(path, "wb");
    if (!f)
        return err_set(err, ERR_IO, NULL, N_("cannot write '%s': %s"), path, strerror(errno));
    png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, NULL, NULL, NULL);
    png_infop info = png ? png_create_info_struct(png) : NULL;
    unsigned char *row = malloc((size_t)s->w * 3);
    int rc = 0;
    if (!png || !info || !row) {
        rc = err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
    } else if (setjmp(png_jmpbuf(png))) {
        rc = err_set(err, ERR_IO, NULL, N_("cannot write '%s'"), path);
    } else {
        png_init_io(png, f);
        png_set_compression_level(png, 1);
        png_set_filter(png, 0, PNG_FILTER_SUB);
        png_set_compression_strategy(png, 3 /* Z_RLE: quick, and good on flat interface colours */);
        png_set_IHDR(png, info, (png_uint_32)s->w, (png_uint_32)s->h, 8, PNG_COLOR_TYPE_RGB, PNG_INTERLACE_NONE,
                     PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
        png_write_info(png, info);
        for (int y = 0; y < s->h; y++) {
            const uint32_t *px = (const uint32_t *)((const unsigned char *)s->pixels + (size_t)y * (size_t)s->pitch);
            for (int x = 0; x < s->w; x++) {
                row[3 * x] = (unsigned char)(px[x] >> 16);
                row[3 * x + 1] = (unsigned char)(px[x] >> 8);
                row[3 * x + 2] = (unsigned char)px[x];
            }
            png_write_row(png, row);
        }
        png_write_end(png, NULL);
    }
    if (png)
        png_destroy_write_struct(&png, info ? &info : NULL);
    free(row);
    if (fclose(f) != 0 && rc == 0)
        rc = err_set(err, ERR_IO, NULL, N_("cannot write '%s': %s"), path, strerror(errno));
    return rc;
}

int render_save_png(SDL_Renderer *sr, SDL_Surface *target, int w, int h, const char *path, Err *err)
{
    if (target && target->format->format == SDL_PIXELFORMAT_ARGB8888 && target->w == w && target->h == h)
        return write_png(target, path, err); /* a software renderer's own surface: no copy needed */
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    if (!s)
        return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
    int rc;
    if (SDL_RenderReadPixels(sr, NULL, SDL_PIXELFORMAT_ARGB8888, s->pixels, s->pitch) != 0)
        rc = err_set(err, ERR_IO, NULL, N_("cannot read the rendered picture: %s"), SDL_GetError());
    else
        rc = write_png(s, path, err);
    SDL_FreeSurface(s);
    return rc;
}
