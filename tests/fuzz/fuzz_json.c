/* libFuzzer harness: exercise and activity JSON through core/exercise and core/activity. */
#include <stdint.h>
#include <string.h>

#include "core/activity.h"
#include "core/exercise.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    PackLimits lim;
    pack_limits_default(&lim);
    Err label;
    memset(&label, 0, sizeof label);
    static ErrList all;
    errlist_init(&all);
    Exercise *ex;
    exercise_parse((const char *)data, size, &lim, &label, "fuzz.json", &all, &ex, NULL);
    exercise_free(ex);
    Activity *a;
    activity_parse((const char *)data, size, &lim, &label, "fuzz.json", &all, &a, NULL);
    activity_free(a);
    return 0;
}
