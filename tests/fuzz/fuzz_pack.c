/* libFuzzer harness: whole archives through core/validate (zipcheck's reading of the zip records, libzip's
   directory, manifest, pages, images, exercises, overlays). The input is written to an in-memory file and opened by
   its /proc path. */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static ErrList *all;
    if (!all && !(all = malloc(sizeof *all)))
        return 0;
    int fd = memfd_create("fuzz-pack", 0);
    if (fd < 0)
        return 0;
    if (write(fd, data, size) == (ssize_t)size) {
        char path[64];
        snprintf(path, sizeof path, "/proc/self/fd/%d", fd);
        errlist_init(all);
        validate_pack(path, NULL, all, NULL);
    }
    close(fd);
    return 0;
}
