/* libFuzzer harness: pages through core/doc and layout_doc with the bundled fonts, at a width and text size
   taken from the first two bytes. Checks that nothing is placed left of or above the column. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/doc.h"
#include "layout/layout.h"

#include "fuzz_fonts.h"

static int image_size(void *user, const char *href, char *entry, size_t es, int *w, int *h, char *why, size_t ws)
{
    (void)user;
    (void)why;
    (void)ws;
    snprintf(entry, es, "p:%s", href);
    *w = (int)(strlen(href) * 97 % 3000) + 1;
    *h = (int)(strlen(href) * 31 % 2000) + 1;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 2)
        return 0;
    int width = 8 + data[0] * 4, px = 6 + data[1] % 64;
    PackLimits lim;
    pack_limits_default(&lim);
    Doc *d = NULL;
    if (doc_parse((const char *)data + 2, size - 2, &lim, "fuzz.md", &d, NULL) != 0)
        return 0;
    LayoutParams p = {fonts, "ru", width, px, image_size, NULL, NULL};
    Layout l;
    if (layout_doc(d, &p, &l, NULL) == 0) {
        for (size_t i = 0; i < l.dl.n; i++)
            if (l.dl.v[i].x < 0 || l.dl.v[i].y < 0)
                abort();
        layout_free(&l);
    }
    doc_free(d);
    return 0;
}
