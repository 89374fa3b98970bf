/* screen: the screens and overlays of the reader. Each is a module that owns its state and answers the same few
   calls; App keeps a stack of the open ones: the base screen at the bottom (the library, the reader or the
   lecturer's console), overlays above it (the language menu, a dialog, the lecturer's list of items). An event goes
   to the top of the stack and down until a screen takes it; a frame is built from the bottom up, so an overlay draws
   over what is under it, and a click goes to the screen that drew the target (Hit.owner). */
#ifndef BESEDA_SCREEN_H
#define BESEDA_SCREEN_H

typedef struct App App;
struct Hit;

/* What a key handler says: taken; not mine (the screen below may take it); or not for the screens below, only
   for the reader's own keys (Ctrl+Q, Ctrl+T, F11...), as a modal overlay says of the keys it leaves alone. */
enum { SCR_PASS = 0, SCR_TAKEN = 1, SCR_APP_ONLY = -1 };

typedef struct ScreenOps {
    const char *name;
    int (*key)(App *a, int key, unsigned mods);               /* SCR_*; NULL passes every key */
    int (*text)(App *a, const char *text);                    /* typed or pasted text: 1 when taken */
    void (*press)(App *a, const struct Hit *h, int x, int y); /* a press on one of its own click targets */
    int (*frame)(App *a);                                     /* draws itself; base screens: 1 for the status line */
} ScreenOps;

/* Opens an overlay over the others (a second push of one already open does nothing). */
void app_push(App *a, const ScreenOps *s);
/* Closes 's' and whatever is open above it. */
void app_pop(App *a, const ScreenOps *s);
int app_is_open(const App *a, const ScreenOps *s);

#endif
