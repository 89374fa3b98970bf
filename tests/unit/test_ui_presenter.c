/* Tests for ui/presenter: the lecture's state machine with an injected clock: items and the time spent on each
   against its plan, the lesson's total, black and white screens, answers revealed per item, the group timer with
   a pause, show-of-hands counts, and displays coming and going. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "ui/presenter.h"

enum { MIN = 60000 };

static void time_per_item_against_its_plan(void **state)
{
    (void)state;
    Presenter p;
    int plan[4] = {10, 5, 0, 20};
    assert_int_equal(pres_init(&p, 4, plan, 0, 1000), 0);
    pres_set_lesson(&p, 0, 3, 0);
    assert_int_equal(pres_item_elapsed(&p, 0, 1000 + 3 * MIN), 3 * MIN);
    assert_false(pres_item_over(&p, 0, 1000 + 10 * MIN));
    assert_true(pres_item_over(&p, 0, 1000 + 10 * MIN + 1));
    pres_go(&p, 1, 1000 + 4 * MIN);                                       /* 4 minutes on item 0 */
    assert_int_equal(pres_item_elapsed(&p, 0, 1000 + 50 * MIN), 4 * MIN); /* stopped when left */
    assert_int_equal(pres_item_elapsed(&p, 1, 1000 + 6 * MIN), 2 * MIN);
    pres_go(&p, 0, 1000 + 7 * MIN); /* back: time adds up */
    assert_int_equal(pres_item_elapsed(&p, 0, 1000 + 8 * MIN), 5 * MIN);
    assert_int_equal(pres_item_elapsed(&p, 1, 1000 + 8 * MIN), 3 * MIN);
    assert_int_equal(pres_lesson_elapsed(&p, 1000 + 8 * MIN), 8 * MIN);
    assert_int_equal(pres_lesson_planned(&p), 15 * MIN); /* item 3 is in the next lesson */
    pres_set_lesson(&p, 0, 3, 12); /* the lesson's own plan wins (its optional items are not in it) */
    assert_int_equal(pres_lesson_planned(&p), 12 * MIN);
    pres_go(&p, 2, 1000 + 8 * MIN);
    assert_false(pres_item_over(&p, 2, 1000 + 500 * MIN)); /* no plan: never over */
    pres_go(&p, 9, 1000 + 9 * MIN);                        /* no such item: nothing changes */
    assert_int_equal(p.item, 2);
    pres_free(&p);
}

static void screens_and_reveals(void **state)
{
    (void)state;
    Presenter p;
    assert_int_equal(pres_init(&p, 3, NULL, 1, 0), 0);
    assert_int_equal(p.screen, PRES_SHOW);
    pres_toggle_screen(&p, PRES_BLACK);
    assert_int_equal(p.screen, PRES_BLACK);
    pres_toggle_screen(&p, PRES_WHITE); /* white replaces black */
    assert_int_equal(p.screen, PRES_WHITE);
    pres_go(&p, 2, 10);
    assert_int_equal(p.screen, PRES_WHITE); /* a blank screen stays blank while the lecturer moves on */
    pres_toggle_screen(&p, PRES_WHITE);
    assert_int_equal(p.screen, PRES_SHOW);
    assert_false(pres_revealed(&p, 2));
    pres_toggle_reveal(&p);
    assert_true(pres_revealed(&p, 2));
    assert_false(pres_revealed(&p, 1)); /* per item */
    pres_go(&p, 1, 20);
    assert_false(pres_revealed(&p, 1));
    pres_go(&p, 2, 30);
    assert_true(pres_revealed(&p, 2)); /* kept when coming back */
    pres_toggle_reveal(&p);
    assert_false(pres_revealed(&p, 2));
    pres_free(&p);
}

static void group_timer_counts_down_and_pauses(void **state)
{
    (void)state;
    Presenter p;
    pres_init(&p, 1, NULL, 0, 0);
    pres_timer_start(&p, 10, 5000);
    assert_int_equal(pres_timer_left(&p, 5000 + 3 * MIN), 7 * MIN);
    pres_timer_pause(&p, 5000 + 3 * MIN);
    assert_int_equal(pres_timer_left(&p, 5000 + 9 * MIN), 7 * MIN); /* paused */
    pres_timer_pause(&p, 5000 + 9 * MIN);                           /* resumed */
    assert_int_equal(pres_timer_left(&p, 5000 + 10 * MIN), 6 * MIN);
    assert_true(pres_timer_left(&p, 5000 + 20 * MIN) < 0); /* over time: negative */
    char buf[32];
    pres_format_time(pres_timer_left(&p, 5000 + 17 * MIN + 30000), buf, sizeof buf);
    assert_string_equal(buf, "-1:30");
    pres_format_time(75 * MIN + 5000, buf, sizeof buf);
    assert_string_equal(buf, "1:15:05");
    pres_format_time(0, buf, sizeof buf);
    assert_string_equal(buf, "0:00");
    pres_free(&p);
}

/* Review B5: one timer for the whole lesson ran on into the next item, T there paused it instead of starting the
   discussion's own minutes, and a paused timer stayed on the room's screen for every later item. */
static void group_timer_belongs_to_its_item(void **state)
{
    (void)state;
    Presenter p;
    pres_init(&p, 3, NULL, 0, 0);
    assert_false(pres_timer_exists(&p));
    assert_false(pres_timer_shown(&p));
    pres_timer_key(&p, 10, 0); /* T on item 0: its ten minutes */
    assert_true(pres_timer_shown(&p));
    pres_timer_key(&p, 10, 2 * MIN); /* T again on the same item: pauses */
    assert_false(p.timer_running);
    assert_int_equal(pres_timer_left(&p, 5 * MIN), 8 * MIN);
    pres_go(&p, 1, 3 * MIN); /* moving on: the room no longer sees it, the console still knows it */
    assert_true(pres_timer_exists(&p));
    assert_false(pres_timer_shown(&p));
    pres_timer_key(&p, 15, 4 * MIN); /* T on the next item: a fresh timer with this item's fifteen minutes */
    assert_true(p.timer_running);
    assert_true(pres_timer_shown(&p));
    assert_int_equal(pres_timer_left(&p, 4 * MIN), 15 * MIN);
    pres_timer_keep(&p); /* K: shown on the following items too */
    pres_go(&p, 2, 5 * MIN);
    assert_true(pres_timer_shown(&p));
    assert_int_equal(pres_timer_left(&p, 6 * MIN), 13 * MIN); /* and still counting */
    pres_timer_keep(&p);                                      /* K again: back on its own item only */
    assert_false(pres_timer_shown(&p));
    pres_go(&p, 1, 7 * MIN);
    assert_true(pres_timer_shown(&p));
    pres_timer_keep(&p);
    pres_go(&p, 0, 7 * MIN); /* kept: the room sees item 1's timer on item 0 ... */
    assert_true(pres_timer_shown(&p));
    pres_timer_key(&p, 5, 8 * MIN); /* ... until T there starts item 0's own, which is not kept */
    assert_int_equal(pres_timer_left(&p, 8 * MIN), 5 * MIN);
    pres_go(&p, 2, 8 * MIN);
    assert_false(pres_timer_shown(&p));
    pres_free(&p);
}

static void hands_and_displays(void **state)
{
    (void)state;
    Presenter p;
    pres_init(&p, 2, NULL, 0, 0);
    pres_hands_add(&p, 1, 5);
    pres_hands_add(&p, 1, -2);
    pres_hands_add(&p, 0, -1); /* not below zero */
    pres_hands_add(&p, PRES_MAX_OPTIONS, 1);
    assert_int_equal(pres_hands(&p, 0, 1), 3);
    assert_int_equal(pres_hands(&p, 0, 0), 0);
    pres_go(&p, 1, 1);
    assert_int_equal(pres_hands(&p, 1, 1), 0); /* per item */
    assert_int_equal(p.n_displays, 1);
    assert_int_equal(p.audience_display, 0);
    pres_swap_display(&p); /* one display: nothing to swap */
    assert_int_equal(p.audience_display, 0);
    pres_set_displays(&p, 2); /* a projector: the audience goes to the second display */
    assert_int_equal(p.audience_display, 1);
    pres_swap_display(&p);
    assert_int_equal(p.audience_display, 0);
    pres_set_displays(&p, 2); /* told again: the lecturer's choice stays */
    assert_int_equal(p.audience_display, 0);
    pres_swap_display(&p);
    pres_set_displays(&p, 1); /* unplugged */
    assert_int_equal(p.audience_display, 0);
    pres_free(&p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(time_per_item_against_its_plan),
        cmocka_unit_test(screens_and_reveals),
        cmocka_unit_test(group_timer_counts_down_and_pauses),
        cmocka_unit_test(group_timer_belongs_to_its_item),
        cmocka_unit_test(hands_and_displays),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
