/* dialog: a modal dialog over the screen, an overlay: a title, a text, an optional file name field, Cancel and an
   action. It knows nothing of what the action does: whoever opens it passes the words and what to do. */
#ifndef BESEDA_DIALOG_H
#define BESEDA_DIALOG_H

#include <stddef.h>

#include "ui/screen.h"
#include "ui/textedit.h"

typedef struct {
    /* msgids (marked N_), translated when drawn, so the dialog follows a change of interface language */
    const char *title, *text, *action;
    int danger; /* the action deletes: it is red, and the keyboard starts on Cancel */
    int field;  /* asks for a file's name */
    /* runs the action with the field's text (or "" without a field); returns 1 when done (the dialog closes), 0 when
       the dialog stays open (the status line says why) */
    int (*confirm)(App *a, const char *path);
} DialogSpec;

typedef struct {
    DialogSpec spec;
    int sel; /* 0: Cancel, 1: the action */
    TextEdit edit;
    char detail[600]; /* words of this one dialog under its text (a key's id), already translated; "" for none */
    unsigned gen;     /* counts dialog_open: an action that opens the next dialog keeps it open */
} Dialog;

extern const ScreenOps DIALOG;

/* Opens the dialog; 'path' is the file name offered in the field (NULL without one). */
void dialog_open(App *a, const DialogSpec *spec, const char *path);
/* Sets the open dialog's words under its text (formatted, translated by the caller). */
void dialog_set_detail(App *a, const char *text);
/* Asks for a file: in the desktop's own chooser when the app may use one (app_set_file_chooser) and the desktop
   has one, which then runs spec->confirm with the chosen path (or nothing, when the user cancels); else in the dialog
   with 'path' typed in. 'save': where to save, else which file to open; 'kind' and 'pattern' ("*.md") filter the
   chooser's list. */
void dialog_ask_file(App *a, const DialogSpec *spec, const char *path, int save, const char *kind, const char *pattern);
/* 1 when an open dialog has a text field, which then has the keyboard. */
int dialog_typing(const App *a);
/* Where a file is offered: beside the program on a portable stick, else the Documents folder or home; 'name' is
   the file's name in that folder. */
void dialog_default_path(const App *a, const char *name, char *out, size_t size);

#endif
