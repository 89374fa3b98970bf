/* i18n: the interface language: gettext set up relative to the program, the system's languages, and a language
   chosen in the settings switched at once, with no restart. */
#ifndef BESEDA_I18N_H
#define BESEDA_I18N_H

#include <stddef.h>

enum { I18N_TAG = 24 };

/* Sets the locale from the environment, binds the "beseda" domain to 'localedir' (the program's own locale
   folder, so a portable copy finds its translations) and keeps the system's language list. When the system
   locale is C (no locale configured), messages use C.UTF-8, so a language chosen later still applies. */
void i18n_init(const char *localedir);

/* The system's languages, most wanted first (from LANGUAGE, else LC_ALL, LC_MESSAGES, LANG), as tags such as
   "ru" or "pt-BR". Returns the count. */
size_t i18n_system_languages(char out[][I18N_TAG], size_t max);

/* Uses 'lang' for the interface from now on; NULL or "" returns to the system's choice. Strings fetched after
   the call are in the new language. */
void i18n_set_language(const char *lang);
/* The interface language in effect ("en" when nothing else is). */
const char *i18n_language(void);

/* Interface languages installed beside the program ('localedir'/<lang>/LC_MESSAGES/beseda.mo), "en" first.
   Returns the count. */
size_t i18n_available(const char *localedir, char out[][I18N_TAG], size_t max);

/* A language's own name for itself ("Русский" for "ru"); the tag itself when unknown. */
const char *i18n_language_name(const char *tag);

#endif
