/* libFuzzer harness: a page and a translation (split at the first NUL byte) through core/mdtrans: units extracted,
   the translation checked against each, and the page rebuilt with it wherever the check lets it through. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/mdtrans.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

typedef struct {
    const char *translation;
    size_t units;
} Ctx;

static void unit(void *ud, MdUnitKind kind, const char *text, int line, const char *extra)
{
    (void)kind, (void)line, (void)extra;
    Ctx *c = ud;
    c->units++;
    const char *why;
    char arg[256];
    mdtrans_check(text, c->translation, &why, arg, sizeof arg);
}

/* As the locale builder does: a translation is used only where the structure check lets it through. */
static const char *lookup(void *ud, const char *text, int line)
{
    (void)line;
    const char *why;
    char arg[256];
    const char *tr = ((Ctx *)ud)->translation;
    return mdtrans_check(text, tr, &why, arg, sizeof arg) ? tr : NULL;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const uint8_t *nul = memchr(data, 0, size);
    size_t plen = nul ? (size_t)(nul - data) : size;
    char *page = malloc(plen + 1), *tr = strndup(nul ? (const char *)nul + 1 : "", nul ? size - plen - 1 : 0);
    if (!page || !tr) {
        free(page);
        free(tr);
        return 0;
    }
    memcpy(page, data, plen);
    page[plen] = '\0';
    Ctx c = {tr, 0};
    mdtrans_extract(page, plen, unit, &c);
    char *out = NULL;
    size_t units, done;
    if (mdtrans_apply(page, plen, lookup, &c, &out, &units, &done) == 0)
        free(out);
    free(page);
    free(tr);
    return 0;
}
