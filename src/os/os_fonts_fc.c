/* os_fonts_fc: fallback fonts through fontconfig (Linux). */
#include "os_fonts.h"

#include <fontconfig/fontconfig.h>
#include <stdio.h>

static int ready; /* 0 not yet asked, 1 ready, -1 fontconfig failed */

int os_font_candidates(uint32_t c, char out[][OS_FONT_PATH], int max)
{
    if (!ready)
        ready = FcInit() ? 1 : -1;
    if (ready < 0 || max < 1)
        return 0;
    int n = 0;
    FcPattern *pat = FcPatternCreate();
    FcCharSet *cs = FcCharSetCreate();
    if (pat && cs && FcCharSetAddChar(cs, c) && FcPatternAddCharSet(pat, FC_CHARSET, cs) &&
        FcPatternAddBool(pat, FC_SCALABLE, FcTrue)) {
        FcConfigSubstitute(NULL, pat, FcMatchPattern);
        FcDefaultSubstitute(pat);
        FcResult res;
        FcPattern *m = FcFontMatch(NULL, pat, &res);
        FcChar8 *file = NULL;
        FcCharSet *mcs = NULL;
        if (m && FcPatternGetString(m, FC_FILE, 0, &file) == FcResultMatch &&
            FcPatternGetCharSet(m, FC_CHARSET, 0, &mcs) == FcResultMatch && FcCharSetHasChar(mcs, c)) {
            int len = snprintf(out[0], OS_FONT_PATH, "%s", (const char *)file);
            n = len > 0 && len < OS_FONT_PATH;
        }
        if (m)
            FcPatternDestroy(m);
    }
    if (cs)
        FcCharSetDestroy(cs);
    if (pat)
        FcPatternDestroy(pat);
    return n;
}
