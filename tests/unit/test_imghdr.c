/* Unit tests for core/imghdr: sizes from PNG and JPEG headers, limits, broken headers. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdint.h>
#include <string.h>

#include "core/imghdr.h"
#include "fixture.h"

static int parse(const unsigned char *d, size_t n, ImgInfo *info)
{
    PackLimits lim;
    pack_limits_default(&lim);
    Err e;
    memset(&e, 0, sizeof e);
    int rc = imghdr_parse(d, n, &lim, "x", info, &e);
    return rc ? (int)e.code : 0;
}

static void png_size(void **state)
{
    (void)state;
    unsigned char png[45];
    ImgInfo info;
    fx_png(png, 640, 480);
    assert_int_equal(parse(png, sizeof png, &info), 0);
    assert_int_equal(info.format, IMG_PNG);
    assert_int_equal(info.width, 640);
    assert_int_equal(info.height, 480);
    fx_png(png, 30000, 30000);
    assert_int_equal(parse(png, sizeof png, &info), ERR_IMAGE_DIMENSIONS);
    fx_png(png, 8192, 8192); /* within each side but over the pixel budget */
    assert_int_equal(parse(png, sizeof png, &info), ERR_IMAGE_DIMENSIONS);
    fx_png(png, 0, 10);
    assert_int_equal(parse(png, sizeof png, &info), ERR_IMAGE_FORMAT);
    fx_png(png, 10, 10);
    assert_int_equal(parse(png, 20, &info), ERR_IMAGE_FORMAT); /* truncated */
    png[13] = 'X';                                             /* not IHDR */
    assert_int_equal(parse(png, sizeof png, &info), ERR_IMAGE_FORMAT);
}

static void put32(unsigned char *p, uint32_t v)
{
    p[0] = (unsigned char)(v >> 24), p[1] = (unsigned char)(v >> 16), p[2] = (unsigned char)(v >> 8);
    p[3] = (unsigned char)v;
}

/* A 400x200 PNG with a chunk 'type' of 9 bytes (a pHYs: x and y pixels per unit, the unit) after 'before' (a
   tEXt chunk of 5 bytes, or none); returns its length. */
static size_t png_with(unsigned char *out, const char *type, uint32_t px, uint32_t py, unsigned char unit, int before)
{
    unsigned char base[45];
    fx_png(base, 400, 200);
    memcpy(out, base, 33); /* signature and IHDR */
    size_t n = 33;
    if (before) {
        put32(out + n, 5);
        memcpy(out + n + 4, "tEXtabcde\0\0\0\0", 13);
        n += 17;
    }
    put32(out + n, 9);
    memcpy(out + n + 4, type, 4);
    put32(out + n + 8, px);
    put32(out + n + 12, py);
    out[n + 16] = unit;
    memset(out + n + 17, 0, 4); /* the CRC is not read here */
    n += 21;
    memcpy(out + n, base + 33, 12); /* IEND */
    return n + 12;
}

/* A PNG marked 192 or 288 pixels per inch is drawn for sharp screens: it takes the place of half or a third of its
   pixels; no other mark changes the size (review: pictures enlarged and soft on the room's screen). */
static void png_density_from_phys(void **state)
{
    (void)state;
    unsigned char png[96];
    ImgInfo info;
    int w, h;
    size_t n = png_with(png, "pHYs", 7559, 7559, 1, 0); /* 192 per inch */
    assert_int_equal(parse(png, n, &info), 0);
    assert_int_equal(info.width, 400);
    assert_int_equal(info.density, 2);
    imghdr_shown_size(&info, &w, &h);
    assert_int_equal(w, 200);
    assert_int_equal(h, 100);
    n = png_with(png, "pHYs", 11339, 11339, 1, 1); /* 288 per inch, after another chunk */
    assert_int_equal(parse(png, n, &info), 0);
    assert_int_equal(info.density, 3);
    static const uint32_t plain[][3] = {{2835, 2835, 1},   /* 72 per inch */
                                        {11811, 11811, 1}, /* a scan's 300 per inch */
                                        {7559, 7559, 0},   /* an aspect ratio, not a density */
                                        {7559, 3780, 1}};
    for (size_t i = 0; i < sizeof plain / sizeof *plain; i++) {
        n = png_with(png, "pHYs", plain[i][0], plain[i][1], (unsigned char)plain[i][2], 0);
        assert_int_equal(parse(png, n, &info), 0);
        assert_int_equal(info.density, 1);
        imghdr_shown_size(&info, &w, &h);
        assert_int_equal(w, 400);
    }
    n = png_with(png, "IDAT", 7559, 7559, 1, 0); /* a pHYs after the image data would be too late */
    assert_int_equal(parse(png, n, &info), 0);
    assert_int_equal(info.density, 1);
    n = png_with(png, "pHYs", 7559, 7559, 1, 0);
    assert_int_equal(parse(png, 40, &info), 0); /* cut inside the chunk: the size is known, the density plain */
    assert_int_equal(info.density, 1);
    /* a pHYs behind a chunk longer than the 64 KiB the reader skips to find it is not looked for */
    static unsigned char big[33 + 12 + (70 << 10) + 21 + 12];
    memcpy(big, png, 33);
    put32(big + 33, 70 << 10);
    memcpy(big + 37, "tEXt", 4);
    size_t at = 33 + 12 + (70 << 10);
    memcpy(big + at, png + 33, 21); /* the pHYs of 'png' */
    memcpy(big + at + 21, png + 54, 12);
    assert_int_equal(parse(big, sizeof big, &info), 0);
    assert_int_equal(info.density, 1);
}

static void jpeg_size_after_app_segments(void **state)
{
    (void)state;
    /* SOI, APP0 (16 bytes), a COM segment, fill bytes, SOF2 (progressive) with 300x200 */
    const unsigned char jpg[] = {0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, 'J',  'F',  'I',  'F',  0,    1,
                                 1,    0,    0,    1,    0,    1,    0,    0,    0xFF, 0xFE, 0x00, 0x05,
                                 'h',  'i',  '!',  0xFF, 0xFF, 0xC2, 0x00, 0x11, 0x08, 0x00, 0xC8, 0x01,
                                 0x2C, 0x03, 1,    0x22, 0,    2,    0x11, 1,    3,    0x11, 1};
    ImgInfo info;
    assert_int_equal(parse(jpg, sizeof jpg, &info), 0);
    assert_int_equal(info.format, IMG_JPEG);
    assert_int_equal(info.width, 300);
    assert_int_equal(info.height, 200);
    /* DHT (0xC4) is not a frame header even though it is in the 0xC0-0xCF range */
    const unsigned char dht_then_sof[] = {0xFF, 0xD8, 0xFF, 0xC4, 0x00, 0x04, 0, 0, 0xFF, 0xC0, 0x00,
                                          0x0B, 0x08, 0x7F, 0xFF, 0x7F, 0xFF, 1, 1, 0x11, 0};
    assert_int_equal(parse(dht_then_sof, sizeof dht_then_sof, &info), ERR_IMAGE_DIMENSIONS);
    const unsigned char no_frame[] = {0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02};
    assert_int_equal(parse(no_frame, sizeof no_frame, &info), ERR_IMAGE_FORMAT);
    const unsigned char bad_len[] = {0xFF, 0xD8, 0xFF, 0xE1, 0x00, 0x01};
    assert_int_equal(parse(bad_len, sizeof bad_len, &info), ERR_IMAGE_FORMAT);
    const unsigned char runs_out[] = {0xFF, 0xD8, 0xFF, 0xE1, 0x10, 0x00, 1, 2, 3};
    assert_int_equal(parse(runs_out, sizeof runs_out, &info), ERR_IMAGE_FORMAT);
}

static void other_formats_are_refused(void **state)
{
    (void)state;
    ImgInfo info;
    assert_int_equal(parse((const unsigned char *)"GIF89a....", 10, &info), ERR_IMAGE_FORMAT);
    assert_int_equal(parse((const unsigned char *)"<svg", 4, &info), ERR_IMAGE_FORMAT);
    assert_int_equal(parse((const unsigned char *)"", 0, &info), ERR_IMAGE_FORMAT);
}

static void reads_from_a_pack_stream(void **state)
{
    (void)state;
    char *dir = fx_tmpdir();
    unsigned char png[45];
    fx_png(png, 100, 50);
    assert_int_equal(fx_write(dir, "a.png", png, sizeof png), 0);
    Pack *p;
    assert_int_equal(pack_open_archive(dir, NULL, &p, NULL), 0);
    ImgInfo info;
    assert_int_equal(imghdr_read(p, "a.png", &info, NULL), 0);
    assert_int_equal(info.width, 100);
    assert_int_equal(imghdr_read(p, "missing.png", &info, NULL), -(int)ERR_MISSING_FILE);
    pack_close(p);
    fx_cleanup(dir);
}

static void png_must_be_whole_before_decoding(void **state)
{
    (void)state;
    unsigned char png[45];
    size_t n = fx_png(png, 10, 10);
    Err e;
    assert_int_equal(imghdr_png_complete(png, n, "a.png", &e), 0);
    /* cut anywhere before the end of IEND */
    for (size_t cut = 0; cut < n; cut++) {
        err_clear(&e);
        assert_int_equal(imghdr_png_complete(png, cut, "a.png", &e), -ERR_IMAGE_FORMAT);
        assert_string_equal(e.entry, "a.png");
    }
    /* a chunk length running past the end, or far past it (no overflow) */
    unsigned char bad[45];
    memcpy(bad, png, n);
    bad[33] = 0x7f;
    assert_int_equal(imghdr_png_complete(bad, n, "a.png", &e), -ERR_IMAGE_FORMAT);
    bad[33] = 0xff;
    assert_int_equal(imghdr_png_complete(bad, n, "a.png", &e), -ERR_IMAGE_FORMAT);
    /* IEND first, no IHDR */
    memcpy(bad, png, 8);
    memcpy(bad + 8, png + 33, 12);
    assert_int_equal(imghdr_png_complete(bad, 20, "a.png", &e), -ERR_IMAGE_FORMAT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(png_size),
        cmocka_unit_test(png_density_from_phys),
        cmocka_unit_test(png_must_be_whole_before_decoding),
        cmocka_unit_test(jpeg_size_after_app_segments),
        cmocka_unit_test(other_formats_are_refused),
        cmocka_unit_test(reads_from_a_pack_stream),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
