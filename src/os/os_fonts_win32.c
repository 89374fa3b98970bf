/* os_fonts_win32: fallback fonts from the Windows fonts folder, for characters the fonts Beseda carries lack.
   There is no fontconfig on Windows: a short list of fonts every Windows since 7 has, chosen by script. */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include <stdio.h>
#include <string.h>

#include "os_fonts.h"

typedef struct {
    uint32_t first, last;
    const char *files[3];
} ScriptFonts;

/* Most specific first; the general list below is tried after these. */
static const ScriptFonts SCRIPTS[] = {
    {0x0590, 0x06FF, {"segoeui.ttf", "arial.ttf", "tahoma.ttf"}}, /* Hebrew, Arabic */
    {0x0900, 0x0DFF, {"Nirmala.ttf", "mangal.ttf", NULL}},        /* Indic scripts */
    {0x0E00, 0x0E7F, {"LeelawUI.ttf", "tahoma.ttf", NULL}},       /* Thai */
    {0x10A0, 0x10FF, {"sylfaen.ttf", "segoeui.ttf", NULL}},       /* Georgian */
    {0x1200, 0x139F, {"ebrima.ttf", "nyala.ttf", NULL}},          /* Ethiopic */
    {0x2E80, 0x9FFF, {"msyh.ttc", "simsun.ttc", "msgothic.ttc"}}, /* CJK */
    {0xAC00, 0xD7AF, {"malgun.ttf", "gulim.ttc", NULL}},          /* Hangul */
    {0xF900, 0xFAFF, {"msyh.ttc", "simsun.ttc", NULL}},           /* CJK compatibility */
    {0x1F000, 0x1FAFF, {"seguiemj.ttf", "seguisym.ttf", NULL}},   /* emoji and pictographs */
};
static const char *const GENERAL[] = {"segoeui.ttf", "seguisym.ttf", "arial.ttf", "cambria.ttc", "times.ttf"};

/* Adds 'name' when the fonts folder has it. */
static int add(const wchar_t *dir, const char *name, char out[][OS_FONT_PATH], int n, int max)
{
    if (!name || n >= max)
        return n;
    wchar_t w[MAX_PATH];
    if (_snwprintf(w, MAX_PATH, L"%ls\\%hs", dir, name) < 0 || GetFileAttributesW(w) == INVALID_FILE_ATTRIBUTES)
        return n;
    if (WideCharToMultiByte(CP_UTF8, 0, w, -1, out[n], OS_FONT_PATH, NULL, NULL) <= 0)
        return n;
    for (char *s = out[n]; *s; s++)
        if (*s == '\\')
            *s = '/';
    for (int i = 0; i < n; i++)
        if (strcmp(out[i], out[n]) == 0)
            return n; /* listed for the script already */
    return n + 1;
}

int os_font_candidates(uint32_t c, char out[][OS_FONT_PATH], int max)
{
    wchar_t dir[MAX_PATH];
    UINT len = GetWindowsDirectoryW(dir, MAX_PATH - 8);
    if (len == 0 || len >= MAX_PATH - 8)
        return 0;
    wcscat(dir, L"\\Fonts");
    int n = 0;
    for (size_t i = 0; i < sizeof SCRIPTS / sizeof SCRIPTS[0]; i++)
        if (c >= SCRIPTS[i].first && c <= SCRIPTS[i].last)
            for (int k = 0; k < 3; k++)
                n = add(dir, SCRIPTS[i].files[k], out, n, max);
    for (size_t i = 0; i < sizeof GENERAL / sizeof GENERAL[0]; i++)
        n = add(dir, GENERAL[i], out, n, max);
    return n;
}
