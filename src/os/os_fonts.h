/* os_fonts: where the system keeps fonts for characters Beseda's own fonts lack (fontconfig on Linux, the
   Windows fonts folder on Windows). Part of the OS layer, linked into the reader only. */
#ifndef BESEDA_OS_FONTS_H
#define BESEDA_OS_FONTS_H

#include <stddef.h>
#include <stdint.h>

enum { OS_FONT_PATH = 1024 };

/* Font files that may have a glyph for 'c', best first (UTF-8 paths; the caller checks the glyph). Returns how
   many were written to 'out' (at most 'max'). */
int os_font_candidates(uint32_t c, char out[][OS_FONT_PATH], int max);

#endif
