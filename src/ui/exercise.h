/* exercise: the state of the exercise on the page and its controls (exercise.c draws and runs them; the reader, the
 * progress page and the console read it). */
#ifndef BESEDA_UI_EXERCISE_H
#define BESEDA_UI_EXERCISE_H

#include <stddef.h>
#include <stdint.h>

#include "core/answer.h"
#include "core/err.h"
#include "core/exercise.h"
#include "ui/textedit.h"

/* The controls of an exercise, in page coordinates; their order is the keyboard's (Tab, arrows). */
typedef enum {
    CTL_OPTION,  /* idx: a choice option, or 0 true / 1 false */
    CTL_MATCH,   /* idx: a left-hand row of a matching exercise */
    CTL_ORDER,   /* idx: a position of an ordering exercise */
    CTL_UP,      /* idx: move the item at that position up */
    CTL_DOWN,    /* idx: ... down */
    CTL_FIELD,   /* idx: a text field (blank, reflection, notes) */
    CTL_CHECK,   /* check the answer */
    CTL_RETRY,   /* try again */
    CTL_CHOICE,  /* idx: a scenario choice */
    CTL_BACK,    /* scenario: one step back */
    CTL_RESTART, /* scenario: from the start */
    CTL_DONE,    /* reflection, discussion: mark as done */
    CTL_PICK     /* idx: matching row * 64 + the offered position (letter) of a right-hand side */
} CtlKind;

typedef struct {
    int kind, idx, x, y, w, h;
} ExCtl;

/* The exercise on the page: its answer as it is being given, and the controls drawn last time. */
typedef struct {
    long item; /* the flat item it belongs to, -1 for none */
    Exercise *ex;
    Err err; /* why it cannot be shown, when ex is NULL */
    Answer ans;
    int attempts;
    double best;
    int *order; /* matching: the order the right-hand sides are offered in */
    TextEdit *edit;
    size_t n_edit;
    ExCtl *ctl;
    size_t n_ctl, cap_ctl;
    long focus;     /* index into ctl, -1 for none */
    int focus_kind; /* the focused control, kept across layouts by kind and idx */
    int focus_idx;
    int reveal;        /* scroll the focused control into view after the next layout */
    int text_dirty;    /* typed text not saved yet */
    int dragging;      /* the mouse button went down in a text field (moving selects) or on an item to order */
    int grab;          /* ordering: the position of the item the mouse holds, -1 for none */
    int grab_y;        /* where the mouse went down on it (window y) */
    int lifted;        /* the mouse has moved far enough that the item follows it */
    int rep_x, rep_y;  /* where the last Up or Down click was, -1 for none: a click there again (the mouse not
                          moved) moves on the item the focus followed */
    uint32_t save_at;  /* when to save it */
    char compose[256]; /* an input method's unfinished text */
} ExState;

#endif
