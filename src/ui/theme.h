/* theme: the colour of every role (layout.h ColorRole) in the light, dark and high-contrast themes. */
#ifndef BESEDA_THEME_H
#define BESEDA_THEME_H

#include <stdint.h>

#include "layout/layout.h"

typedef enum { THEME_LIGHT, THEME_DARK, THEME_CONTRAST, THEME_COUNT } ThemeId;

/* 0xRRGGBB for each role. */
const uint32_t *theme_colors(ThemeId t);
/* Stable name for settings and the command line ("light", "dark", "contrast"); NULL for a bad id. */
const char *theme_name(ThemeId t);
/* The translated name for the interface. */
const char *theme_label(ThemeId t);
/* Theme by name, or -1. */
int theme_from_name(const char *name);

#endif
