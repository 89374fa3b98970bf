/* vec: growth of the plain (items, count, cap) arrays the core keeps. */
#ifndef BESEDA_VEC_H
#define BESEDA_VEC_H

#include <stdlib.h>

/* Makes room for one more element in *items (count used, *cap allocated, elements of 'size' bytes), doubling
   the allocation when full. Returns 0, or -1 when out of memory (then *items and *cap are unchanged). */
static inline int vec_reserve(void **items, size_t *cap, size_t count, size_t size)
{
    if (count < *cap)
        return 0;
    size_t n = *cap ? *cap * 2 : 4;
    if (n > ((size_t)-1) / size)
        return -1;
    void *grown = realloc(*items, n * size);
    if (!grown)
        return -1;
    *items = grown;
    *cap = n;
    return 0;
}

#endif
