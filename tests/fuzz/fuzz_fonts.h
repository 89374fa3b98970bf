/* fuzz_fonts: the bundled fonts for harnesses above the core, found beside the harness as the reader finds them
   beside itself; and libFuzzer's entry points, declared once. */
#ifndef BESEDA_FUZZ_FONTS_H
#define BESEDA_FUZZ_FONTS_H

#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "layout/font.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);
int LLVMFuzzerInitialize(int *argc, char ***argv);

static Fonts *fonts;

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    char exe[PATH_MAX], dir[PATH_MAX + 32];
    ssize_t n = readlink("/proc/self/exe", exe, sizeof exe - 1);
    if (n <= 0)
        abort();
    exe[n] = '\0';
    *strrchr(exe, '/') = '\0';
    snprintf(dir, sizeof dir, "%s/assets/fonts", exe);
    Err e;
    if (fonts_open(dir, &fonts, &e) != 0) {
        fprintf(stderr, "%s: %s\n", exe, e.msg);
        abort();
    }
    return 0;
}

#endif
