/* view_course: a course overview (core/course) in the library: its card above the packs', and its sessions in an
   overlay, each lesson a link that opens its pack there; a lesson whose pack is not in the library says so. */
#ifndef BESEDA_UI_VIEW_COURSE_H
#define BESEDA_UI_VIEW_COURSE_H

#include "ui/screen.h"

typedef struct {
    long course; /* the library's course shown */
    int scroll;  /* of the list of sessions, in pixels */
    int content_h;
} CourseView;

extern const ScreenOps COURSE_VIEW;

/* Draws the library's course cards from y across w; returns their height (0 without courses). */
int course_cards(App *a, int x, int y, int w);
/* Opens the overview of the library's course 'i'. */
void course_open(App *a, long i);

#endif
