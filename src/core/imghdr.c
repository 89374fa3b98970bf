/* imghdr: reads an image's format and pixel size from its PNG or JPEG header, without decoding it. */
#include "imghdr.h"

#include <stdlib.h>
#include <string.h>

/* A byte source over either a pack stream or a memory buffer. */
typedef struct {
    PackStream *s;
    const unsigned char *mem;
    size_t mem_len, pos;
    Err *err;
    int failed;
} Src;

/* Reads exactly n bytes; returns 0, or -1 at the end or on error (s->failed keeps the code). */
static int src_read(Src *s, unsigned char *out, size_t n)
{
    if (s->mem) {
        if (s->mem_len - s->pos < n)
            return -1;
        if (out)
            memcpy(out, s->mem + s->pos, n);
        s->pos += n;
        return 0;
    }
    unsigned char scratch[512];
    while (n > 0) {
        size_t want = out ? n : (n < sizeof scratch ? n : sizeof scratch);
        ssize_t r = pack_stream_read(s->s, out ? out : scratch, want, s->err);
        if (r < 0) {
            s->failed = (int)r;
            return -1;
        }
        if (r == 0)
            return -1;
        n -= (size_t)r;
        if (out)
            out += r;
    }
    return 0;
}

static uint32_t be32(const unsigned char *p)
{
    return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static int broken(Src *s, const char *entry, const char *what)
{
    if (s->failed)
        return s->failed;
    return err_set(s->err, ERR_IMAGE_FORMAT, entry, N_("broken %s image header; save the image again"), what);
}

/* The density a PNG's pHYs chunk marks (see ImgInfo), read from just after IHDR's width and height: the chunks before
   the first IDAT, at most 32 of them and 64 KiB in all skipped. Anything unexpected means 1: the picture is drawn as
   before, and imghdr_png_complete judges the file. */
static unsigned png_density(Src *s)
{
    unsigned char ch[8], phys[9];
    if (src_read(s, NULL, 5 + 4) != 0) /* the rest of IHDR's data (depth, colour type...) and its CRC */
        return 1;
    size_t budget = 64 << 10; /* bytes skipped in all: a colour profile or a few texts, not a hostile padding */
    for (int n = 0; n < 32; n++) {
        if (src_read(s, ch, 8) != 0)
            return 1;
        uint32_t len = be32(ch);
        if (memcmp(ch + 4, "IDAT", 4) == 0 || memcmp(ch + 4, "IEND", 4) == 0 || len > budget)
            return 1;
        if (memcmp(ch + 4, "pHYs", 4) == 0) {
            if (len != 9 || src_read(s, phys, 9) != 0 || phys[8] != 1 || be32(phys) != be32(phys + 4))
                return 1;
            uint32_t ppm = be32(phys); /* pixels per metre; 96 per inch is 3779.5 */
            for (unsigned d = 2; d <= 3; d++) {
                double want = 96.0 * d / 0.0254;
                if (ppm > want * 0.99 && ppm < want * 1.01)
                    return d;
            }
            return 1;
        }
        if (src_read(s, NULL, (size_t)len + 4) != 0)
            return 1;
        budget -= len;
    }
    return 1;
}

void imghdr_shown_size(const ImgInfo *info, int *w, int *h)
{
    unsigned d = info->density > 1 ? info->density : 1;
    *w = (int)((info->width + d / 2) / d);
    *h = (int)((info->height + d / 2) / d);
    if (*w < 1)
        *w = 1;
    if (*h < 1)
        *h = 1;
}

static int parse(Src *s, const PackLimits *lim, const char *entry, ImgInfo *info)
{
    static const unsigned char png_sig[8] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};
    unsigned char h[24];
    memset(info, 0, sizeof *info);
    if (src_read(s, h, 2) != 0)
        return s->failed ? s->failed : err_set(s->err, ERR_IMAGE_FORMAT, entry, N_("image file is empty or too short"));
    if (h[0] == 0x89 && h[1] == 'P') {
        if (src_read(s, h + 2, 22) != 0 || memcmp(h, png_sig, 8) != 0 || memcmp(h + 12, "IHDR", 4) != 0 ||
            be32(h + 8) != 13)
            return broken(s, entry, "PNG");
        info->format = IMG_PNG;
        info->width = be32(h + 16);
        info->height = be32(h + 20);
        info->density = png_density(s);
    } else if (h[0] == 0xFF && h[1] == 0xD8) {
        /* Walk the JPEG segments up to a start-of-frame marker, which holds the size. */
        for (int segments = 0;; segments++) {
            unsigned char m[2];
            if (segments > 1000 || src_read(s, m, 2) != 0)
                return broken(s, entry, "JPEG");
            while (m[0] == 0xFF && m[1] == 0xFF) /* fill bytes */
                if (src_read(s, m + 1, 1) != 0)
                    return broken(s, entry, "JPEG");
            if (m[0] != 0xFF)
                return broken(s, entry, "JPEG");
            if (m[1] == 0x01 || (m[1] >= 0xD0 && m[1] <= 0xD7)) /* markers without a length */
                continue;
            if (m[1] == 0xD9 || m[1] == 0xDA) /* end of image or start of scan before any frame */
                return broken(s, entry, "JPEG");
            unsigned char l[2];
            if (src_read(s, l, 2) != 0)
                return broken(s, entry, "JPEG");
            size_t seglen = (size_t)(l[0] << 8 | l[1]);
            if (seglen < 2)
                return broken(s, entry, "JPEG");
            int sof = m[1] >= 0xC0 && m[1] <= 0xCF && m[1] != 0xC4 && m[1] != 0xC8 && m[1] != 0xCC;
            if (!sof) {
                if (src_read(s, NULL, seglen - 2) != 0)
                    return broken(s, entry, "JPEG");
                continue;
            }
            unsigned char f[5];
            if (seglen < 7 || src_read(s, f, 5) != 0)
                return broken(s, entry, "JPEG");
            info->format = IMG_JPEG;
            info->height = (uint32_t)(f[1] << 8 | f[2]);
            info->width = (uint32_t)(f[3] << 8 | f[4]);
            info->density = 1;
            break;
        }
    } else {
        return err_set(s->err, ERR_IMAGE_FORMAT, entry,
                       N_("image is neither PNG nor JPEG; convert it to one of those formats"));
    }
    if (info->width == 0 || info->height == 0)
        return err_set(s->err, ERR_IMAGE_FORMAT, entry, N_("image header says it is %ux%u pixels"), info->width,
                       info->height);
    if (info->width > lim->max_image_side || info->height > lim->max_image_side ||
        (uint64_t)info->width * info->height > lim->max_image_pixels)
        return err_set(s->err, ERR_IMAGE_DIMENSIONS, entry,
                       N_("image is %ux%u pixels; the limit is %ux%u and %llu pixels in all"), info->width,
                       info->height, lim->max_image_side, lim->max_image_side,
                       (unsigned long long)lim->max_image_pixels);
    return 0;
}

int imghdr_parse(const unsigned char *data, size_t len, const PackLimits *lim, const char *entry, ImgInfo *info,
                 Err *err)
{
    Src s = {.mem = data, .mem_len = len, .err = err};
    return parse(&s, lim, entry, info);
}

int imghdr_read(Pack *p, const char *name, ImgInfo *info, Err *err)
{
    Src s = {.err = err};
    int rc = pack_stream_open(p, name, &s.s, err);
    if (rc)
        return rc;
    rc = parse(&s, pack_limits(p), name, info);
    pack_stream_close(s.s);
    return rc;
}

int imghdr_png_complete(const unsigned char *data, size_t len, const char *entry, Err *err)
{
    size_t pos = 8;
    int first = 1;
    while (len >= 12 && pos <= len - 12) {
        uint32_t n = be32(data + pos);
        const unsigned char *type = data + pos + 4;
        if (n > 0x7FFFFFFFu || n > len - 12 - pos)
            break; /* the chunk runs past the end of the file */
        if (first && memcmp(type, "IHDR", 4) != 0)
            break;
        first = 0;
        pos += 12 + (size_t)n;
        if (memcmp(type, "IEND", 4) == 0)
            return 0;
    }
    return err_set(err, ERR_IMAGE_FORMAT, entry,
                   N_("the PNG image is cut short or damaged (it does not end properly); export it again"));
}

int imghdr_check_whole(Pack *p, const char *name, ImgInfo *info, Err *err)
{
    const PackLimits *lim = pack_limits(p);
    char *data = NULL;
    size_t len = 0;
    int rc = pack_read(p, name, lim->max_entry_size, &data, &len, err);
    if (rc == 0)
        rc = imghdr_parse((const unsigned char *)data, len, lim, name, info, err);
    if (rc == 0 && info->format == IMG_PNG)
        rc = imghdr_png_complete((const unsigned char *)data, len, name, err);
    free(data);
    return rc;
}
