/* text: which characters a text from a pack may hold, and a display copy with the others as U+FFFD. */
#include "text.h"

#include <string.h>
#include <unistr.h>

#include "err.h"

int text_char_allowed(uint32_t c)
{
    if (c < 0x20)
        return c == '\t' || c == '\n' || c == '\r';
    if (c >= 0x7F && c <= 0x9F)
        return 0;
    if (c >= 0xFDD0 && c <= 0xFDEF)
        return 0;
    return (c & 0xFFFE) != 0xFFFE;
}

size_t text_find_bad(const char *s, size_t n, uint32_t *c)
{
    const uint8_t *p = (const uint8_t *)s, *end = p + n;
    while (p < end) {
        if (*p >= 0x20 && *p < 0x7F) { /* ASCII text, the common case */
            p++;
            continue;
        }
        ucs4_t u;
        int k = u8_mbtouc(&u, p, (size_t)(end - p));
        if (k < 1)
            k = 1;
        /* u8_mbtouc answers U+FFFD for broken bytes, which is allowed: only real characters are judged */
        if (!text_char_allowed(u)) {
            if (c)
                *c = u;
            return (size_t)(p - (const uint8_t *)s);
        }
        p += k;
    }
    return (size_t)-1;
}

void text_line_col(const char *s, size_t off, int *line, int *col)
{
    int l = 1;
    size_t start = 0;
    for (size_t i = 0; i < off; i++)
        if (s[i] == '\n') {
            l++;
            start = i + 1;
        }
    *line = l;
    *col = 1 + (int)u8_mbsnlen((const uint8_t *)s + start, off - start);
}

const char *text_char_kind(uint32_t c)
{
    if (c == 0)
        return N_("a NUL character");
    if (c < 0x20 || (c >= 0x7F && c <= 0x9F))
        return N_("a control character");
    return N_("a noncharacter");
}

size_t text_sanitize(const char *s, size_t n, char *out)
{
    const uint8_t *p = (const uint8_t *)s, *end = p + n;
    size_t o = 0;
    while (p < end) {
        if (*p >= 0x20 && *p < 0x7F) {
            out[o++] = (char)*p++;
            continue;
        }
        ucs4_t u;
        int k = u8_mbtoucr(&u, p, (size_t)(end - p));
        if (k < 1 || !text_char_allowed(u)) {
            /* a broken byte, a sequence cut off at the end (-2: one replacement for the rest), a refused character */
            memcpy(out + o, "\xEF\xBF\xBD", 3);
            o += 3;
            p += k == -2 ? (size_t)(end - p) : k < 1 ? 1 : (size_t)k;
            continue;
        }
        memcpy(out + o, p, (size_t)k);
        o += (size_t)k;
        p += k;
    }
    out[o] = '\0';
    return o;
}

int text_needs_sanitize(const char *s, size_t n)
{
    return u8_check((const uint8_t *)s, n) != NULL || text_find_bad(s, n, NULL) != (size_t)-1;
}
