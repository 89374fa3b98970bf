/* fx_win32: fx_os on Windows (the unit tests under Wine). */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fx_os.h"

const int fx_windows = 1;

static size_t page_size(void)
{
    SYSTEM_INFO si;
    GetSystemInfo(&si);
    return si.dwPageSize;
}

static size_t data_pages(size_t len)
{
    size_t page = page_size();
    return (len + page - 1) / page * page;
}

char *fx_guarded(size_t len)
{
    size_t page = page_size(), data = data_pages(len);
    char *map = VirtualAlloc(NULL, data + page, MEM_RESERVE | MEM_COMMIT, PAGE_READWRITE);
    DWORD old;
    if (!map)
        return NULL;
    if (!VirtualProtect(map + data, page, PAGE_NOACCESS, &old)) {
        VirtualFree(map, 0, MEM_RELEASE);
        return NULL;
    }
    return map + data - len;
}

void fx_guarded_free(char *p, size_t len)
{
    VirtualFree(p + len - data_pages(len), 0, MEM_RELEASE);
}

/* No open_memstream: a temporary file, read back whole when closed. */
FILE *fx_memstream(void)
{
    return tmpfile();
}

char *fx_memstream_close(FILE *f)
{
    long n = ftell(f);
    char *buf = n >= 0 ? malloc((size_t)n + 1) : NULL;
    rewind(f);
    if (buf && fread(buf, 1, (size_t)n, f) != (size_t)n) {
        free(buf);
        buf = NULL;
    }
    if (buf)
        buf[n] = '\0';
    fclose(f);
    return buf;
}

int fx_symlink(const char *target, const char *path)
{
    (void)target, (void)path;
    errno = ENOSYS; /* creating one needs administrator rights or developer mode */
    return -1;
}

static wchar_t *wide(const char *s)
{
    int n = MultiByteToWideChar(CP_UTF8, 0, s, -1, NULL, 0);
    wchar_t *w = n > 0 ? malloc((size_t)n * sizeof *w) : NULL;
    if (w)
        MultiByteToWideChar(CP_UTF8, 0, s, -1, w, n);
    return w;
}

int fx_truncate(const char *path, uint64_t len)
{
    wchar_t *w = wide(path);
    HANDLE h = w ? CreateFileW(w, GENERIC_WRITE, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL,
                               OPEN_EXISTING, 0, NULL)
                 : INVALID_HANDLE_VALUE;
    free(w);
    if (h == INVALID_HANDLE_VALUE)
        return -1;
    LARGE_INTEGER at;
    at.QuadPart = (LONGLONG)len;
    int ok = SetFilePointerEx(h, at, NULL, FILE_BEGIN) && SetEndOfFile(h);
    CloseHandle(h);
    return ok ? 0 : -1;
}

int fx_realpath(const char *path, char *out, size_t size)
{
    wchar_t *w = wide(path), full[MAX_PATH * 4];
    DWORD n = w ? GetFullPathNameW(w, MAX_PATH * 4, full, NULL) : 0;
    free(w);
    if (n == 0 || n >= MAX_PATH * 4)
        return -1;
    if (WideCharToMultiByte(CP_UTF8, 0, full, -1, out, (int)size, NULL, NULL) <= 0)
        return -1;
    for (char *s = out; *s; s++)
        if (*s == '\\')
            *s = '/';
    return 0;
}
