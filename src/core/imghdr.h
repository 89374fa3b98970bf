/* imghdr: reads an image's format and pixel size from its PNG or JPEG header, without decoding it. */
#ifndef BESEDA_IMGHDR_H
#define BESEDA_IMGHDR_H

#include <stdint.h>

#include "err.h"
#include "pack.h"

typedef enum { IMG_UNKNOWN, IMG_PNG, IMG_JPEG } ImgFormat;

typedef struct {
    ImgFormat format;
    uint32_t width, height;
    /* How many of its pixels stand for one pixel of the page at 100%: 2 or 3 for a PNG drawn for sharp screens and
       projectors and marked so by its pHYs chunk (192 or 288 pixels per inch, to 1%); 1 for every other image.
       Only those two marks count: a scan's "300 dpi" or a "72 dpi" says nothing about how it should look. */
    unsigned density;
} ImgInfo;

/* The size of 'info's picture in page pixels at 100%: its pixel size divided by its density, at least 1. */
void imghdr_shown_size(const ImgInfo *info, int *w, int *h);

/* Reads the header of pack entry 'name' (streaming, only as far as the size is known: for JPEG, up to the
   start-of-frame marker) and checks the size against the pack's limits. Returns 0 or a negative code:
   ERR_IMAGE_FORMAT (not PNG or JPEG, or a broken header), ERR_IMAGE_DIMENSIONS, or a read error. */
int imghdr_read(Pack *p, const char *name, ImgInfo *info, Err *err);

/* The same on bytes in memory (for tests and fuzzing); 'entry' names them in messages. */
int imghdr_parse(const unsigned char *data, size_t len, const PackLimits *lim, const char *entry, ImgInfo *info,
                 Err *err);

/* Checks that a whole PNG file in memory is complete before it is given to a decoder: chunk after chunk from
   IHDR to IEND, each inside the data. (SDL_image 2.6 ignores short reads, and libpng then loops for ever on a
   truncated file.) Returns 0, or ERR_IMAGE_FORMAT with a message naming 'entry'. */
int imghdr_png_complete(const unsigned char *data, size_t len, const char *entry, Err *err);

/* Reads entry 'name' whole, so that data failing its CRC-32 or declared size says so (instead of what a damaged
   header seems to say), then checks it as the renderer will: its header within the pack's limits and, for a PNG,
   imghdr_png_complete. Returns 0 with 'info' filled, or a negative code with 'err' filled. */
int imghdr_check_whole(Pack *p, const char *name, ImgInfo *info, Err *err);

#endif
