/* libFuzzer harness: Markdown pages through core/doc (parse, dump, walk). */
#include <stdint.h>
#include <stdio.h>

#include "core/doc.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int count_run(const DocRun *r, void *user)
{
    (void)r;
    ++*(size_t *)user;
    return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static FILE *sink;
    if (!sink)
        sink = fopen("/dev/null", "w");
    PackLimits lim;
    pack_limits_default(&lim);
    Doc *d;
    if (doc_parse((const char *)data, size, &lim, "fuzz.md", &d, NULL) == 0) {
        size_t runs = 0;
        doc_each_run(d, count_run, &runs);
        doc_dump(d, sink);
        doc_free(d);
    }
    return 0;
}
