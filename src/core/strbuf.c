/* strbuf: a growing text, and plain text written into Markdown. */
#include "strbuf.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int reserve(StrBuf *b, size_t extra)
{
    if (b->failed)
        return -1;
    if (b->len + extra + 1 <= b->cap)
        return 0;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *s = realloc(b->s, cap);
    if (!s) {
        b->failed = 1;
        return -1;
    }
    b->s = s;
    b->cap = cap;
    return 0;
}

void sb_put_n(StrBuf *b, const char *s, size_t n)
{
    if (reserve(b, n) != 0)
        return;
    memcpy(b->s + b->len, s, n);
    b->len += n;
    b->s[b->len] = '\0';
}

void sb_put(StrBuf *b, const char *s)
{
    sb_put_n(b, s, strlen(s));
}

void sb_putf(StrBuf *b, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || reserve(b, (size_t)n) != 0)
        return;
    va_start(ap, fmt);
    vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void sb_put_md_text(StrBuf *b, const char *s, size_t n)
{
    static const char anywhere[] = "\\`*_[]<&~|", at_start[] = "#-+=>";
    while (n && (*s == ' ' || *s == '\t'))
        s++, n--;
    while (n && (s[n - 1] == ' ' || s[n - 1] == '\t'))
        n--;
    size_t digits = 0; /* "1." or "1)" opens an ordered list */
    while (digits < n && s[digits] >= '0' && s[digits] <= '9')
        digits++;
    size_t run = 0; /* start of the characters not yet written */
    for (size_t i = 0; i < n; i++) {
        int mark = memchr(anywhere, s[i], sizeof anywhere - 1) ||
                   (i == 0 && memchr(at_start, s[i], sizeof at_start - 1)) ||
                   (i == digits && i > 0 && (s[i] == '.' || s[i] == ')'));
        if (mark) {
            sb_put_n(b, s + run, i - run);
            sb_put_n(b, "\\", 1);
            run = i;
        }
    }
    sb_put_n(b, s + run, n - run);
}

int sb_put_md_quote(StrBuf *b, const char *text)
{
    int lines = 0, blank = 0;
    for (const char *s = text; *s;) {
        size_t n = strcspn(s, "\r\n"), skip = s[n] == '\r' && s[n + 1] == '\n' ? 2 : s[n] ? 1 : 0;
        if (n > strspn(s, " \t")) { /* a line with something on it */
            /* the line before ends: in a hard break, or its paragraph with a quoted blank line */
            if (lines)
                sb_put(b, blank ? "\n>\n" : "\\\n");
            sb_put(b, "> ");
            sb_put_md_text(b, s, n);
            lines++;
            blank = 0;
        } else {
            blank = lines > 0;
        }
        s += n + skip;
    }
    if (lines)
        sb_put(b, "\n\n");
    return lines > 0;
}

char *sb_take(StrBuf *b)
{
    char *s = b->failed ? NULL : b->s;
    if (b->failed)
        free(b->s);
    if (s == NULL && !b->failed && (s = malloc(1)))
        s[0] = '\0';
    memset(b, 0, sizeof *b);
    return s;
}
