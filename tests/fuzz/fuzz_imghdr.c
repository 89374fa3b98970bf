/* libFuzzer harness: image headers through core/imghdr. */
#include <stdint.h>

#include "core/imghdr.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    PackLimits lim;
    pack_limits_default(&lim);
    ImgInfo info;
    if (imghdr_parse(data, size, &lim, "fuzz.png", &info, NULL) == 0 && info.format == IMG_PNG)
        imghdr_png_complete(data, size, "fuzz.png", NULL);
    return 0;
}
