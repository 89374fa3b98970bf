/* view_audience: what the room sees: its state (the room's own copy of the item, laid out apart). */
#ifndef BESEDA_UI_VIEW_AUDIENCE_H
#define BESEDA_UI_VIEW_AUDIENCE_H

#include "core/doc.h"
#include "core/err.h"
#include "core/exercise.h"
#include "layout/layout.h"

/* What the room sees of the current item (view_audience.c): read and laid out apart from everything the lecturer
   sees, so notes and plans never pass through it. */
typedef struct {
    long item; /* the item 'doc' / 'ex' belong to, -1 for none */
    Doc *doc;
    Exercise *ex;
    Err err;
    unsigned gen; /* changes whenever what the audience sees must be laid out again */
    struct AudLayout {
        Layout l;
        int w, px;
        unsigned gen;
        int valid;
    } big, small;
    int w, h;   /* the audience window in pixels (one display: the main window) */
    int scroll; /* in big's pixels */
    int view;   /* the height the content had under the band in the last frame (0 before the first) */
    DisplayList frame;
    unsigned long built, drawn;
    int dirty;
} RoomView;

#endif
