/* os_walk: what the OS layer does the same way on every system: a tree walk over its folder listing, and the
   last component of a path. */
#include "os.h"

#include <errno.h>
#include <stdlib.h>
#include <string.h>

enum { WALK_PATH = 4096, WALK_DEPTH = 64 };

static int walk(char *path, size_t len, const OsStat *st, OsWalkFn fn, void *ctx, int depth)
{
    int rc = fn(path, st, 0, ctx);
    if (rc || st->type != OS_FILE_DIR)
        return rc;
    if (depth >= WALK_DEPTH) {
        errno = ELOOP;
        return -1;
    }
    OsDir *d = os_dir_open(path);
    if (!d)
        return -1;
    const char *name;
    OsStat child;
    int more;
    while ((more = os_dir_next(d, &name, &child)) == 1) {
        size_t n = strlen(name);
        if (len + 1 + n >= WALK_PATH) {
            errno = ENAMETOOLONG;
            rc = -1;
            break;
        }
        path[len] = '/';
        memcpy(path + len + 1, name, n + 1);
        rc = walk(path, len + 1 + n, &child, fn, ctx, depth + 1);
        path[len] = '\0';
        if (rc)
            break;
    }
    os_dir_close(d);
    if (!rc && more < 0)
        return -1;
    return rc ? rc : fn(path, st, 1, ctx);
}

const char *os_path_base(const char *path)
{
    const char *base = path;
    for (const char *c = path; *c; c++)
        if (os_is_separator(*c))
            base = c + 1;
    return base;
}

int os_walk(const char *dir, OsWalkFn fn, void *ctx)
{
    char *path = malloc(WALK_PATH);
    if (!path) {
        errno = ENOMEM;
        return -1;
    }
    size_t len = strlen(dir);
    OsStat st;
    int rc;
    if (len >= WALK_PATH) {
        errno = ENAMETOOLONG;
        rc = -1;
    } else if (os_lstat(dir, &st) != 0) {
        rc = -1;
    } else {
        memcpy(path, dir, len + 1);
        rc = walk(path, len, &st, fn, ctx, 0);
    }
    free(path);
    return rc;
}
