/* strbuf: a growing NUL-terminated text (HTML and Markdown documents the program writes), and plain text written
   into Markdown so that it shows as typed. A failed allocation sets 'failed' and later appends do nothing, so a
   writer checks once at the end. */
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
/* Appends the plain text s[0..n), one line (no line ends), as Markdown that shows it literally: without the
   spaces and tabs around it, and with a backslash before every character Markdown could take as a mark, anywhere
   (emphasis, code, links, HTML, entities, strikethrough, tables) or at the line's start (a heading's #, a list's
   -, + or 1., a quote's >, a setext underline's = or -). For what a person typed, such as a reflection. */
void sb_put_md_text(StrBuf *b, const char *s, size_t n);

/* Appends the plain text 'text' (lines ended by \n, \r\n or \r) as a Markdown block quote that shows it
   literally (sb_put_md_text): each line stays a line of its own (a backslash hard break ends every line but a
   paragraph's last), blank lines become one paragraph break, and a blank line ends the quote. Returns 0, writing
   nothing, when the text has no line with something on it. */
int sb_put_md_quote(StrBuf *b, const char *text);

/* The text (caller frees), or NULL after a failed allocation (then the buffer is freed). */
char *sb_take(StrBuf *b);

#endif
