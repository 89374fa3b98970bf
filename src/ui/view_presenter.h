/* view_presenter: the lecturer's console and its list of items: their state and screens. */
#ifndef BESEDA_UI_VIEW_PRESENTER_H
#define BESEDA_UI_VIEW_PRESENTER_H

#include <stdint.h>

#include "ui/screen.h"
#include "ui/textedit.h"

struct Activity;

/* The lecturer's console (view_presenter.c): the notes and plan read for the item, the notes panel, the lecturer's
   own note being written. */
typedef struct {
    uint32_t second;      /* the second the last frame showed (timers tick) */
    long notes_item;      /* the item 'notes' and 'act' were read for, -1 for none */
    char *notes;          /* its lecturer notes (Markdown), NULL when none */
    struct Activity *act; /* its activity plan, NULL when not an activity */
    int notes_zoom;       /* percent, for the notes panel */
    int notes_scroll, notes_h, notes_view_h;
    int note_editing; /* the lecturer's own note is being written */
    TextEdit note_edit;
    uint64_t wall_base; /* replays: a fixed time of day, so pictures do not change */
} Console;
extern const ScreenOps CONSOLE_SCREEN; /* over the reader while presenting */

/* The lecturer's list of items (G): the keyboard's row, and how far it is scrolled. */
typedef struct {
    long sel;
    int scroll;
} JumpList;
extern const ScreenOps JUMP_LIST;

#endif
