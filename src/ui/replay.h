/* replay: runs a text script of input and assertions against the app, deterministically (a virtual clock).
   The script language is documented in docs/architecture.md ("Replays"). */
#ifndef BESEDA_REPLAY_H
#define BESEDA_REPLAY_H

#include <stdio.h>

#include "ui/app.h"

/* Takes a screenshot of the current frame into 'path'. */
typedef int (*ReplayShot)(void *user, const char *path, Err *err);
/* Changes the frame size in pixels (and the display scale). */
typedef int (*ReplayResize)(void *user, int w, int h, float scale, Err *err);

/* Runs the script in file 'path'. 'shot' takes the main window's picture, 'audience_shot' the audience window's
   (lecturer mode). Messages about failed expectations and bad lines go to 'log' as "script:line: ...". Returns 0
   when every line ran and every expectation held, 1 otherwise. */
int replay_run(const char *path, App *a, ReplayShot shot, ReplayShot audience_shot, ReplayResize resize, void *user,
               FILE *log);

#endif
