/* fx_os: what the unit tests do that Linux and Windows do differently (fx_posix.c, fx_win32.c; the build picks
   one). A call the system cannot make returns -1 with errno ENOSYS, and the test says what it skips. */
#ifndef BESEDA_TEST_FX_OS_H
#define BESEDA_TEST_FX_OS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* 1 in the Windows build: for the few expectations that differ by system (folder names). */
extern const int fx_windows;

/* 'len' writable bytes that end exactly where an inaccessible page starts, so reading one byte past them
   crashes. Free with fx_guarded_free(result, len). NULL on failure. */
char *fx_guarded(size_t len);
void fx_guarded_free(char *p, size_t len);

/* A stream whose contents end up in memory: open_memstream where the C library has it. fx_memstream_close
   closes it and gives the contents (NUL-terminated; free them), or NULL. */
FILE *fx_memstream(void);
char *fx_memstream_close(FILE *f);

/* A copy of the first 'n' bytes of 's' (strndup, which Windows lacks). */
static inline char *fx_strndup(const char *s, size_t n)
{
    size_t len = 0;
    while (len < n && s[len])
        len++;
    char *c = malloc(len + 1);
    if (c) {
        memcpy(c, s, len);
        c[len] = '\0';
    }
    return c;
}

/* A symbolic link at 'path' to 'target'. */
int fx_symlink(const char *target, const char *path);

/* Cuts the file at 'path' to 'len' bytes. */
int fx_truncate(const char *path, uint64_t len);

/* The absolute path of 'path' with links resolved, into 'out'. */
int fx_realpath(const char *path, char *out, size_t size);

#endif
