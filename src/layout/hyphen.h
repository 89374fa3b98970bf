/* hyphen: where a word may break at the end of a line with a visible hyphen, by libhyphen and the TeX pattern
   dictionaries Debian ships (hyphen-en-us, hyphen-ru, hyphen-nl), bundled as <dir>/hyph_<lang>.dic in UTF-8 and
   loaded when a language first needs one. Needs no window. */
#ifndef BESEDA_HYPHEN_H
#define BESEDA_HYPHEN_H

#include <stddef.h>

typedef struct Hyphens Hyphens;

/* The dictionaries of folder 'dir'. A missing folder or dictionary only means no hyphenation for that language.
   NULL when out of memory. */
Hyphens *hyphens_open(const char *dir);
void hyphens_close(Hyphens *h);

/* Hyphenation points of the text s[0..n) in language 'lang' (a tag such as "ru" or "nl-BE"; its first part picks
   the dictionary): after[i] is set to 1 when a line may end after byte i with a hyphen added, 0 elsewhere.
   Each run of letters is hyphenated alone, so punctuation around a word is left whole; runs shorter than five
   letters or longer than HYPHENS_MAX_RUN are not broken, nor is the first letter or the last two.
   Returns the number of points: 0 when the language has no dictionary (or 'h' is NULL). */
enum { HYPHENS_MAX_RUN = 64 };
int hyphens_points(Hyphens *h, const char *lang, const char *s, size_t n, char *after);

#endif
