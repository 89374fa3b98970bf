/* text: which characters a text from a pack may hold (docs/pack-format.md, "Text"), finding the first one it
   may not, and a copy for display in which every such character (and broken UTF-8) is U+FFFD. */
#ifndef BESEDA_TEXT_H
#define BESEDA_TEXT_H

#include <stddef.h>
#include <stdint.h>

/* Refused: U+0000, the C0 controls other than tab, line feed and carriage return, U+007F, the C1 controls
   U+0080-U+009F, and the 66 noncharacters (U+FDD0-U+FDEF and the last two code points of every plane).
   Surrogates and values above U+10FFFF cannot occur in valid UTF-8. */
int text_char_allowed(uint32_t c);

/* The first refused character of the valid UTF-8 text s[0..n): returns its byte offset and stores the character
   in *c, or returns (size_t)-1 when there is none. Broken UTF-8 is skipped byte by byte (checked elsewhere). */
size_t text_find_bad(const char *s, size_t n, uint32_t *c);

/* 1-based line and column (counted in characters) of byte 'off' of s. */
void text_line_col(const char *s, size_t off, int *line, int *col);

/* What kind of refused character 'c' is, as an untranslated N_() string for messages. */
const char *text_char_kind(uint32_t c);

/* Copies s[0..n) to 'out' with every broken UTF-8 sequence and every refused character replaced by U+FFFD
   (3 bytes), NUL-terminates it and returns its length. 'out' must hold 3 * n + 1 bytes. */
size_t text_sanitize(const char *s, size_t n, char *out);

/* True when text_sanitize would change s[0..n). */
int text_needs_sanitize(const char *s, size_t n);

#endif
