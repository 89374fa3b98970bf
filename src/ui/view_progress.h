/* view_progress: the progress page's state and its screen. */
#ifndef BESEDA_UI_VIEW_PROGRESS_H
#define BESEDA_UI_VIEW_PROGRESS_H

#include "ui/screen.h"

/* The progress page, shown in the reader in place of the item while PROGRESS_PAGE is on the stack (view_progress.c:
   it takes Tab, Enter, P and Escape; the reader under it scrolls the page). */
typedef struct {
    long lesson;
    long focus;    /* the page target (button, exercise) the keyboard is on, -1 for none */
    int scroll_to; /* scroll to 'lesson' after the next layout */
} ProgressPage;
extern const ScreenOps PROGRESS_PAGE; /* over the reader while the progress page is shown */

#endif
