/* libFuzzer harness: a colleague's .beseda-notes file through core/notes, into a progress store in memory. */
#include <stdint.h>
#include <string.h>

#include "core/notes.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static Progress *p;
    Err e;
    err_clear(&e);
    if (!p && progress_open("/nonexistent/fuzz-notes.db", NULL, 1, &p, &e) != 0)
        return 0; /* read-only: a store in memory */
    char source[NOTES_MAX_SOURCE + 1];
    notes_import_text(p, (const char *)data, size, "fuzz.beseda-notes", "org.beseda.samples.basics", source,
                      sizeof source, &e);
    return 0;
}
