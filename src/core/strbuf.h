/* strbuf: a growing NUL-terminated text (HTML and Markdown documents the program writes). A failed allocation
   sets 'failed' and later appends do nothing, so a writer checks once at the end. */
#ifndef BESEDA_STRBUF_H
#define BESEDA_STRBUF_H

#include <stddef.h>

#include "err.h"

typedef struct {
    char *s; /* NULL until something is appended */
    size_t len, cap;
    int failed;
} StrBuf;

void sb_put_n(StrBuf *b, const char *s, size_t n);
void sb_put(StrBuf *b, const char *s);
void sb_putf(StrBuf *b, const char *fmt, ...) __attribute__((format(BESEDA_PRINTF_FORMAT, 2, 3)));
/* The text (caller frees), or NULL after a failed allocation (then the buffer is freed). */
char *sb_take(StrBuf *b);

#endif
