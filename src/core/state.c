/* state: key-value settings file with atomic saves. */
#include "state.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/os.h"
#include "userdir.h"

static int clean(const char *s)
{
    return s && !strpbrk(s, "\t\r\n");
}

static int set_owned(State *s, char *key, char *value)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i].key, key) == 0) {
            free(key);
            free(s->v[i].value);
            s->v[i].value = value;
            return 0;
        }
    if (s->n >= STATE_MAX_ENTRIES) {
        free(key);
        free(value);
        return -ERR_ARRAY_SIZE;
    }
    if (s->n == s->cap) {
        size_t cap = s->cap ? s->cap * 2 : 32;
        StateEntry *v = realloc(s->v, cap * sizeof *v);
        if (!v) {
            free(key);
            free(value);
            return -ERR_NOMEM;
        }
        s->v = v;
        s->cap = cap;
    }
    s->v[s->n++] = (StateEntry){key, value};
    return 0;
}

/* Moves a broken file aside so that nothing is lost, and says so. */
static void keep_aside(State *s, Err *err, const char *why)
{
    char aside[USERDIR_PATH + 16];
    snprintf(aside, sizeof aside, "%s.broken", s->path);
    if (os_replace(s->path, aside) == 0)
        err_set(err, ERR_IO, NULL, N_("the settings file '%s' %s; it was kept as '%s' and defaults are used"), s->path,
                why, aside);
    else
        err_set(err, ERR_IO, NULL, N_("the settings file '%s' %s and could not be moved aside (%s); defaults are used"),
                s->path, why, strerror(errno));
}

int state_load(const char *path, State *s, Err *err)
{
    memset(s, 0, sizeof *s);
    if (!(s->path = strdup(path)))
        return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
    FILE *f = os_fopen(path, "rb");
    if (!f) {
        if (errno != ENOENT)
            err_set(err, ERR_IO, NULL, N_("cannot read the settings file '%s': %s; defaults are used"), path,
                    strerror(errno));
        return 0;
    }
    char *buf = malloc(STATE_MAX_FILE + 1);
    size_t len = buf ? fread(buf, 1, STATE_MAX_FILE + 1, f) : 0;
    fclose(f);
    if (!buf)
        return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
    if (len > STATE_MAX_FILE) {
        free(buf);
        keep_aside(s, err, N_("is larger than 4 MiB"));
        return 0;
    }
    buf[len] = '\0';
    int broken = memchr(buf, '\0', len) != NULL;
    for (char *line = buf; !broken && *line;) {
        char *nl = strchr(line, '\n');
        if (!nl) {
            broken = 1; /* a cut-off last line: the file was not written by us in one piece */
            break;
        }
        *nl = '\0';
        char *tab = strchr(line, '\t');
        if (!tab || tab == line) {
            broken = 1;
            break;
        }
        *tab = '\0';
        char *k = strdup(line), *v = strdup(tab + 1);
        if (!k || !v) {
            free(k);
            free(v);
            free(buf);
            return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
        }
        if (set_owned(s, k, v) != 0) {
            broken = 1;
            break;
        }
        line = nl + 1;
    }
    free(buf);
    if (broken) {
        for (size_t i = 0; i < s->n; i++) {
            free(s->v[i].key);
            free(s->v[i].value);
        }
        s->n = 0;
        keep_aside(s, err, N_("is damaged"));
    }
    return 0;
}

void state_free(State *s)
{
    for (size_t i = 0; i < s->n; i++) {
        free(s->v[i].key);
        free(s->v[i].value);
    }
    free(s->v);
    free(s->path);
    memset(s, 0, sizeof *s);
}

const char *state_get(const State *s, const char *key)
{
    for (size_t i = 0; i < s->n; i++)
        if (strcmp(s->v[i].key, key) == 0)
            return s->v[i].value;
    return NULL;
}

int state_get_int(const State *s, const char *key, int fallback)
{
    const char *v = state_get(s, key);
    if (!v)
        return fallback;
    char *end;
    errno = 0;
    long n = strtol(v, &end, 10);
    if (errno || end == v || *end || n < -1000000000L || n > 1000000000L)
        return fallback;
    return (int)n;
}

int state_set(State *s, const char *key, const char *value)
{
    if (!clean(key) || !key[0] || (value && !clean(value)))
        return -ERR_USAGE;
    if (!value) {
        for (size_t i = 0; i < s->n; i++)
            if (strcmp(s->v[i].key, key) == 0) {
                free(s->v[i].key);
                free(s->v[i].value);
                s->v[i] = s->v[--s->n];
                s->dirty = 1;
                return 0;
            }
        return 0;
    }
    const char *old = state_get(s, key);
    if (old && strcmp(old, value) == 0)
        return 0;
    char *k = strdup(key), *v = strdup(value);
    if (!k || !v) {
        free(k);
        free(v);
        return -ERR_NOMEM;
    }
    int rc = set_owned(s, k, v);
    if (rc == 0)
        s->dirty = 1;
    return rc;
}

int state_set_int(State *s, const char *key, int value)
{
    char buf[32];
    snprintf(buf, sizeof buf, "%d", value);
    return state_set(s, key, buf);
}

static int by_key(const void *a, const void *b)
{
    return strcmp(((const StateEntry *)a)->key, ((const StateEntry *)b)->key);
}

int state_save(State *s, Err *err)
{
    if (!s->dirty)
        return 0;
    qsort(s->v, s->n, sizeof *s->v, by_key);
    size_t len = 0;
    for (size_t i = 0; i < s->n; i++)
        len += strlen(s->v[i].key) + strlen(s->v[i].value) + 2;
    char *buf = malloc(len + 1), *p = buf;
    if (!buf)
        return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
    for (size_t i = 0; i < s->n; i++)
        p += sprintf(p, "%s\t%s\n", s->v[i].key, s->v[i].value);
    int rc = userdir_write_atomic(s->path, buf, len, err);
    free(buf);
    if (rc == 0)
        s->dirty = 0;
    return rc;
}
