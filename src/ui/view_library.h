/* view_library: the library screen's state and the screen. */
#ifndef BESEDA_UI_VIEW_LIBRARY_H
#define BESEDA_UI_VIEW_LIBRARY_H

#include "ui/screen.h"

/* The library screen's own state (view_library.c). */
typedef struct {
    int scroll, content_h;
    int cols; /* cards per row in the last frame (arrow keys move by it) */
} LibraryView;
extern const ScreenOps LIBRARY_SCREEN;

#endif
