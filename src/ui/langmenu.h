/* langmenu: the language menu, an overlay under the "Language" button: the open pack's languages with their
   coverage (in the reader), then the interface languages. */
#ifndef BESEDA_LANGMENU_H
#define BESEDA_LANGMENU_H

#include <stddef.h>

#include "core/i18n.h"
#include "ui/screen.h"

typedef struct {
    long sel; /* keyboard selection: a row */
    struct MenuRow {
        int ui;             /* 1: an interface language; 0: a language of the open pack */
        char tag[I18N_TAG]; /* empty: the system's choice */
        int pct;            /* content languages: share of items translated */
    } rows[48];
    size_t n;
} LangMenu;

extern const ScreenOps LANG_MENU;

/* Opens the menu on the current choice, or closes it. */
void langmenu_toggle(App *a);

#endif
