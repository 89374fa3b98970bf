/* state: a small key-value file for settings, saved atomically (userdir_write_atomic).
   One "key<TAB>value" per line. (Reading positions, once kept in such a file, are in core/progress now.) */
#ifndef BESEDA_STATE_H
#define BESEDA_STATE_H

#include <stddef.h>

#include "err.h"

enum { STATE_MAX_FILE = 4 << 20, STATE_MAX_ENTRIES = 20000 };

typedef struct {
    char *key, *value;
} StateEntry;

typedef struct {
    char *path;
    StateEntry *v;
    size_t n, cap;
    int dirty;
} State;

/* Reads 'path' into 's'. A missing file is an empty state. A file that is too large or has broken lines is
   kept aside as 'path'.broken (never deleted) and an empty state is started; 'err' then says so and the
   call still returns 0, so the caller can show the message and go on. Negative only when out of memory. */
int state_load(const char *path, State *s, Err *err);
void state_free(State *s);

/* The value of 'key', or NULL. The pointer stays valid until the key is set again or the state is freed. */
const char *state_get(const State *s, const char *key);
int state_get_int(const State *s, const char *key, int fallback);

/* Sets (value non-NULL) or removes (NULL) a key. Keys and values may not contain tabs or line ends. */
int state_set(State *s, const char *key, const char *value);
int state_set_int(State *s, const char *key, int value);

/* Writes the state when it changed since the last save. */
int state_save(State *s, Err *err);

#endif
