/* view_reader: the reader screen's own state and the screen itself. */
#ifndef BESEDA_UI_VIEW_READER_H
#define BESEDA_UI_VIEW_READER_H

#include "ui/screen.h"

/* The reader screen's own state (view_reader.c): the contents panel and dragging the scroll bar. */
typedef struct {
    int toc_scroll, toc_h;
    int show_toc;    /* contents beside the page (a setting) */
    int narrow;      /* the window is too narrow for contents beside the page: they open over it instead */
    int toc_overlay; /* contents open over the page in a narrow window */
    int panel_w;     /* width of the contents panel, beside or over the page */
    int drag_sb, drag_from_y, drag_from_scroll;
} ReaderView;
extern const ScreenOps READER_SCREEN;

#endif
