/* presenter: the state of a lecture, apart from any drawing: which item the room sees, a black or white screen,
   answers revealed per item, time spent per item against its plan, a group timer, show-of-hands counts, and which
   display is the audience's. Every call takes the clock ('now', milliseconds) from its caller, so tests drive it
   with an injected clock. */
#ifndef BESEDA_PRESENTER_H
#define BESEDA_PRESENTER_H

#include <stddef.h>
#include <stdint.h>

typedef enum { PRES_SHOW, PRES_BLACK, PRES_WHITE } PresScreen;

enum { PRES_MAX_OPTIONS = 64, PRES_MAX_DISPLAYS = 8 };

typedef struct {
    size_t n_items;
    size_t item;         /* the item on the audience screen */
    size_t lesson_first; /* the current lesson's items: [lesson_first, lesson_end) */
    size_t lesson_end;
    int lesson_plan;         /* the lesson's planned minutes; 0: the sum of its items' */
    PresScreen screen;       /* what the audience sees: the item, or a black or white screen */
    int audience_display;    /* the display the audience window is on */
    int n_displays;          /* displays the platform reported (1: notes beside the content) */
    int audience_only;       /* one display: show only what the audience sees (mirrored projector) */
    uint64_t since;          /* when the current item came on */
    uint64_t *spent;         /* ms spent on each item before it came on this time */
    int *planned;            /* planned minutes of each item (0: none) */
    unsigned char *revealed; /* answers shown to the audience, per item */
    int *hands;              /* show-of-hands counts: n_items x PRES_MAX_OPTIONS */
    /* the group timer (discussions): counts down from 'minutes' while running; it belongs to one item and the room
       sees it on that item only, unless the lecturer keeps it on screen */
    int timer_running;
    int timer_minutes; /* 0: no timer */
    uint64_t timer_start, timer_paused_left;
    size_t timer_item;
    int timer_kept;
} Presenter;

/* Starts a lecture of 'n' items at item 'start'; planned[i] are minutes (copied). Returns 0 or -1 (memory). */
int pres_init(Presenter *p, size_t n, const int *planned, size_t start, uint64_t now);
void pres_free(Presenter *p);

/* Shows item i (the time on the previous one is kept); a blank screen stays blank until asked otherwise. */
void pres_go(Presenter *p, size_t i, uint64_t now);
/* The current lesson's items, for its total time against its plan: 'planned' minutes (the lesson's own, which
   leaves out its optional items), or with 0 the sum of its items' plans. */
void pres_set_lesson(Presenter *p, size_t first, size_t end, int planned);

/* B / '.' and W: toggles a black or white screen (the other one is replaced). */
void pres_toggle_screen(Presenter *p, PresScreen s);
/* Reveals or hides the current item's answers on the audience screen. */
void pres_toggle_reveal(Presenter *p);
int pres_revealed(const Presenter *p, size_t i);

/* Time on item i (ms), with the running part when it is current; planned ms (0: none); over the plan. */
uint64_t pres_item_elapsed(const Presenter *p, size_t i, uint64_t now);
uint64_t pres_item_planned(const Presenter *p, size_t i);
int pres_item_over(const Presenter *p, size_t i, uint64_t now);
/* The current lesson: time spent on its items, and its plan. */
uint64_t pres_lesson_elapsed(const Presenter *p, uint64_t now);
uint64_t pres_lesson_planned(const Presenter *p);

/* The group timer: starts (or restarts) a countdown for the current item, pauses/resumes it, and the ms left
   (negative when over). */
void pres_timer_start(Presenter *p, int minutes, uint64_t now);
void pres_timer_pause(Presenter *p, uint64_t now);
int64_t pres_timer_left(const Presenter *p, uint64_t now);
/* T, the one rule: on the item the timer belongs to, pauses or resumes it; on any other item (or with no timer),
   starts a fresh one with this item's 'minutes'. */
void pres_timer_key(Presenter *p, int minutes, uint64_t now);
/* K: keeps the timer on the room's screen on other items too, or stops keeping it. */
void pres_timer_keep(Presenter *p);
/* There is a timer; the room sees it now (on its own item, or kept). */
int pres_timer_exists(const Presenter *p);
int pres_timer_shown(const Presenter *p);

/* Show of hands for option k of the current item: adds delta (not below 0); the count. */
void pres_hands_add(Presenter *p, size_t k, int delta);
/* Sets the count for option k of item i (counts kept from an earlier lecture). */
void pres_hands_set(Presenter *p, size_t i, size_t k, int count);
int pres_hands(const Presenter *p, size_t i, size_t k);

/* Displays: how many there are now, and swapping the audience to the next one. */
void pres_set_displays(Presenter *p, int n);
void pres_swap_display(Presenter *p);

/* "12:05" (or "-1:30" when negative) for 'ms'. */
void pres_format_time(int64_t ms, char *out, size_t size);

#endif
