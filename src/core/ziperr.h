/* ziperr: libzip's error codes in our own words (libzip's English strings never reach the user). */
#ifndef BESEDA_ZIPERR_H
#define BESEDA_ZIPERR_H

#include "err.h"

/* Fills 'err' with our own code and sentence for libzip error 'ze' (ZIP_ER_*), never libzip's English text;
   'sys' is the errno that came with it (0 when none) and 'entry' the file it is about (NULL: the archive).
   Returns the negative code. */
int ziperr_set(Err *err, const char *entry, int ze, int sys);

#endif
