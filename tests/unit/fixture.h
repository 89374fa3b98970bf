/* fixture: helpers for unit tests that write small pack folders and archives in a temporary directory. */
#ifndef BESEDA_TEST_FIXTURE_H
#define BESEDA_TEST_FIXTURE_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zip.h>

#include "core/l10n.h"
#include "os/os.h"

/* A fresh directory under $TMPDIR (Windows: %TEMP%, or /tmp); removed by fx_cleanup. Through the OS layer, so
   the same tests run on Linux and, under Wine, on Windows. */
static inline char *fx_tmpdir(void)
{
    const char *base = os_getenv("TMPDIR");
    if (!base || !base[0])
        base = os_getenv("TEMP");
    char tmpl[512];
    snprintf(tmpl, sizeof tmpl, "%s/beseda-test-XXXXXX", base && base[0] ? base : "/tmp");
    return os_mkdtemp(tmpl) == 0 ? strdup(tmpl) : NULL;
}

/* Writes 'len' bytes (or strlen when len == (size_t)-1) to dir/rel, creating folders on the way. */
static inline int fx_write(const char *dir, const char *rel, const void *data, size_t len)
{
    char path[1024];
    snprintf(path, sizeof path, "%s/%s", dir, rel);
    for (char *s = path + os_path_root_len(path) + 1; (s = strchr(s, '/')); s++) {
        *s = '\0';
        if (os_mkdir(path, 0) != 0 && errno != EEXIST)
            return -1;
        *s = '/';
    }
    FILE *f = os_fopen(path, "wb");
    if (!f)
        return -1;
    if (len == (size_t)-1)
        len = strlen(data);
    size_t n = fwrite(data, 1, len, f);
    return fclose(f) == 0 && n == len ? 0 : -1;
}

/* The folder of the running test program (BUILD/tests), through the OS layer. */
static inline int fx_exe_dir(char *out, size_t size)
{
    if (os_exe_path(out, size) != 0)
        return -1;
    char *slash = strrchr(out, '/');
    if (!slash)
        return -1;
    *slash = '\0';
    return 0;
}

/* The sample pack of the build: BUILD/packs/basics.beseda, or the main build's for the sanitizer and Windows
   builds (BUILD/../packs). */
static inline void fx_sample_pack(char *out, size_t size)
{
    char dir[1024];
    if (fx_exe_dir(dir, sizeof dir) != 0) {
        snprintf(out, size, "build/packs/basics.beseda");
        return;
    }
    *strrchr(dir, '/') = '\0'; /* BUILD */
    snprintf(out, size, "%s/packs/basics.beseda", dir);
    if (!os_exists(out))
        snprintf(out, size, "%s/../packs/basics.beseda", dir);
}

static inline void fx_cleanup(char *dir);

/* A temporary directory for a whole test group: cmocka_run_group_tests(tests, fx_group_setup, fx_group_teardown)
   and the tests use fx_dir. */
static char *fx_dir;
static inline int fx_group_setup(void **state)
{
    (void)state;
    fx_dir = fx_tmpdir();
    return fx_dir == NULL;
}
static inline int fx_group_teardown(void **state)
{
    (void)state;
    fx_cleanup(fx_dir);
    return 0;
}

static inline void fx_cleanup(char *dir)
{
    if (!dir)
        return;
    l10n_remove_tree(dir);
    if (os_exists(dir))
        fprintf(stderr, "could not remove %s\n", dir);
    free(dir);
}

/* A PNG of the given size with only its IHDR and IEND chunks (complete as a file; no pixel data, which only a
   decoder would miss). */
static inline size_t fx_png(unsigned char out[45], unsigned w, unsigned h)
{
    static const unsigned char head[16] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n',
                                           0,    0,   0,   13,  'I',  'H',  'D',  'R'};
    memcpy(out, head, 16);
    unsigned char *p = out + 16;
    p[0] = (unsigned char)(w >> 24), p[1] = (unsigned char)(w >> 16), p[2] = (unsigned char)(w >> 8),
    p[3] = (unsigned char)w;
    p[4] = (unsigned char)(h >> 24), p[5] = (unsigned char)(h >> 16), p[6] = (unsigned char)(h >> 8),
    p[7] = (unsigned char)h;
    memset(out + 24, 0, 9);
    out[24] = 8; /* bit depth */
    out[25] = 6; /* RGBA */
    static const unsigned char iend[12] = {0, 0, 0, 0, 'I', 'E', 'N', 'D', 0xAE, 0x42, 0x60, 0x82};
    memcpy(out + 33, iend, 12);
    return 45;
}

/* A minimal valid pack folder with one lesson holding one page (lessons/a.md) and one exercise. */
static inline int fx_minimal_pack(const char *dir, const char *page_md)
{
    const char *manifest =
        "{\"format\":1,\"id\":\"org.example.test\",\"version\":\"1.0.0\",\"title\":\"T\",\"language\":\"en\","
        "\"license\":\"CC0-1.0\",\"authors\":[\"A\"],\"lessons\":[{\"id\":\"l1\",\"title\":\"L\",\"items\":["
        "{\"id\":\"p1\",\"kind\":\"page\",\"title\":\"P\",\"file\":\"lessons/a.md\"},"
        "{\"id\":\"q1\",\"kind\":\"exercise\",\"title\":\"Q\",\"file\":\"lessons/q.json\"}]}]}";
    const char *quiz = "{\"type\":\"true_false\",\"prompt\":\"Yes?\",\"answer\":true}";
    return fx_write(dir, "pack.json", manifest, (size_t)-1) || fx_write(dir, "lessons/a.md", page_md, (size_t)-1) ||
           fx_write(dir, "lessons/q.json", quiz, (size_t)-1);
}

/* Zips every file of 'dir' (given as relative names) into 'out' with libzip; returns 0 on success. */
static inline int fx_zip(const char *out, const char *dir, const char *const *names, size_t n)
{
    int ze;
    zip_t *za = zip_open(out, ZIP_CREATE | ZIP_TRUNCATE, &ze);
    if (!za)
        return -1;
    for (size_t i = 0; i < n; i++) {
        char path[1024];
        snprintf(path, sizeof path, "%s/%s", dir, names[i]);
        zip_source_t *s = zip_source_file(za, path, 0, -1);
        if (!s || zip_file_add(za, names[i], s, ZIP_FL_ENC_UTF_8) < 0) {
            zip_discard(za);
            return -1;
        }
    }
    return zip_close(za);
}

#endif
