/* fx_posix: fx_os on Linux. */
#include "fx_os.h"

#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

const int fx_windows = 0;

static size_t page_size(void)
{
    return (size_t)sysconf(_SC_PAGESIZE);
}

/* Whole pages for the data, then one guard page. */
static size_t data_pages(size_t len)
{
    size_t page = page_size();
    return (len + page - 1) / page * page;
}

char *fx_guarded(size_t len)
{
    size_t page = page_size(), data = data_pages(len);
    char *map = mmap(NULL, data + page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    if (map == MAP_FAILED)
        return NULL;
    if (mprotect(map + data, page, PROT_NONE) != 0) {
        munmap(map, data + page);
        return NULL;
    }
    return map + data - len;
}

void fx_guarded_free(char *p, size_t len)
{
    size_t data = data_pages(len);
    munmap(p + len - data, data + page_size());
}

/* open_memstream writes its buffer and size at fclose: kept here until then (one stream at a time). */
static char *mem_buf;
static size_t mem_len;

FILE *fx_memstream(void)
{
    mem_buf = NULL;
    return open_memstream(&mem_buf, &mem_len);
}

char *fx_memstream_close(FILE *f)
{
    return fclose(f) == 0 ? mem_buf : NULL;
}

int fx_symlink(const char *target, const char *path)
{
    return symlink(target, path);
}

int fx_truncate(const char *path, uint64_t len)
{
    return truncate(path, (off_t)len);
}

int fx_realpath(const char *path, char *out, size_t size)
{
    char *r = realpath(path, NULL);
    if (!r)
        return -1;
    int n = snprintf(out, size, "%s", r);
    free(r);
    return n > 0 && (size_t)n < size ? 0 : -1;
}
