/* screen: the screens and overlays of the reader. Each is a module that owns its state and answers the same few
   calls; App keeps a stack of the open ones: the base screen at the bottom (the library, the reader or the
   lecturer's console), overlays above it (the language menu, a dialog, the lecturer's list of items). An event goes
   to the top of the stack and down until a screen takes it (a click first to the screen that drew the target,
   Hit.owner); a frame is built from the bottom up, from the highest opaque screen, so an overlay draws over what is
   under it. The lecturer's console is an opaque screen over the reader: what it does not take, the reader does. */
#ifndef BESEDA_SCREEN_H
#define BESEDA_SCREEN_H

typedef struct App App;
struct Hit;

/* What a key handler says: taken; not mine (the screen below may take it); or not for the screens below, only
   for the reader's own keys (Ctrl+Q, Ctrl+T, F11...), as a modal overlay says of the keys it leaves alone. */
enum { SCR_PASS = 0, SCR_TAKEN = 1, SCR_APP_ONLY = -1 };

typedef struct ScreenOps {
    const char *name;
    int (*key)(App *a, int key, unsigned mods);              /* SCR_*; NULL passes every key */
    int (*text)(App *a, const char *text);                   /* typed or pasted text: 1 when taken */
    int (*press)(App *a, const struct Hit *h, int x, int y); /* a press on a click target: 1 when taken */
    int (*frame)(App *a);                                    /* draws itself; base screens: 1 for the status line */
    int (*wheel)(App *a, int x, int y, int dy);              /* dy notches away from the user: 1 when taken */
    int (*drag)(App *a, int x, int y, int done);             /* the mouse moved with the button down, or was let go */
    void (*closed)(App *a);                                  /* it was taken off the stack (its own state ends there) */
    int opaque; /* it covers the whole window: the screens under it are not drawn */
} ScreenOps;

/* Opens an overlay over the others (a second push of one already open does nothing). */
void app_push(App *a, const ScreenOps *s);
/* Closes 's' and whatever is open above it. */
void app_pop(App *a, const ScreenOps *s);
/* Closes every screen over the base screen. */
void app_pop_all(App *a);
int app_is_open(const App *a, const ScreenOps *s);

#endif
