/* presenter: the lecture's state machine, driven by an injected clock. */
#include "presenter.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int pres_init(Presenter *p, size_t n, const int *planned, size_t start, uint64_t now)
{
    memset(p, 0, sizeof *p);
    size_t cap = n ? n : 1;
    p->spent = calloc(cap, sizeof *p->spent);
    p->planned = calloc(cap, sizeof *p->planned);
    p->revealed = calloc(cap, 1);
    p->hands = calloc(cap * PRES_MAX_OPTIONS, sizeof *p->hands);
    if (!p->spent || !p->planned || !p->revealed || !p->hands) {
        pres_free(p);
        return -1;
    }
    p->n_items = n;
    for (size_t i = 0; planned && i < n; i++)
        p->planned[i] = planned[i] > 0 ? planned[i] : 0;
    p->item = start < n ? start : 0;
    p->since = now;
    p->n_displays = 1;
    p->lesson_end = n;
    return 0;
}

void pres_free(Presenter *p)
{
    free(p->spent);
    free(p->planned);
    free(p->revealed);
    free(p->hands);
    memset(p, 0, sizeof *p);
}

void pres_go(Presenter *p, size_t i, uint64_t now)
{
    if (i >= p->n_items || i == p->item)
        return;
    if (now > p->since)
        p->spent[p->item] += now - p->since;
    p->item = i;
    p->since = now;
}

void pres_set_lesson(Presenter *p, size_t first, size_t end, int planned)
{
    p->lesson_plan = planned > 0 ? planned : 0;
    p->lesson_first = first < p->n_items ? first : 0;
    p->lesson_end = end <= p->n_items && end > p->lesson_first ? end : p->n_items;
}

void pres_toggle_screen(Presenter *p, PresScreen s)
{
    p->screen = p->screen == s ? PRES_SHOW : s;
}

void pres_toggle_reveal(Presenter *p)
{
    if (p->item < p->n_items)
        p->revealed[p->item] = !p->revealed[p->item];
}

int pres_revealed(const Presenter *p, size_t i)
{
    return i < p->n_items && p->revealed[i];
}

uint64_t pres_item_elapsed(const Presenter *p, size_t i, uint64_t now)
{
    if (i >= p->n_items)
        return 0;
    uint64_t t = p->spent[i];
    if (i == p->item && now > p->since)
        t += now - p->since;
    return t;
}

uint64_t pres_item_planned(const Presenter *p, size_t i)
{
    return i < p->n_items ? (uint64_t)p->planned[i] * 60000u : 0;
}

int pres_item_over(const Presenter *p, size_t i, uint64_t now)
{
    uint64_t plan = pres_item_planned(p, i);
    return plan > 0 && pres_item_elapsed(p, i, now) > plan;
}

uint64_t pres_lesson_elapsed(const Presenter *p, uint64_t now)
{
    uint64_t t = 0;
    for (size_t i = p->lesson_first; i < p->lesson_end; i++)
        t += pres_item_elapsed(p, i, now);
    return t;
}

uint64_t pres_lesson_planned(const Presenter *p)
{
    if (p->lesson_plan > 0)
        return (uint64_t)p->lesson_plan * 60000u;
    uint64_t t = 0;
    for (size_t i = p->lesson_first; i < p->lesson_end; i++)
        t += pres_item_planned(p, i);
    return t;
}

void pres_timer_start(Presenter *p, int minutes, uint64_t now)
{
    p->timer_minutes = minutes > 0 ? minutes : 1;
    p->timer_start = now;
    p->timer_running = 1;
    p->timer_paused_left = 0;
    p->timer_item = p->item;
    p->timer_kept = 0;
}

int pres_timer_exists(const Presenter *p)
{
    return p->timer_minutes > 0;
}

int pres_timer_shown(const Presenter *p)
{
    return pres_timer_exists(p) && (p->timer_item == p->item || p->timer_kept);
}

void pres_timer_key(Presenter *p, int minutes, uint64_t now)
{
    if (pres_timer_exists(p) && p->timer_item == p->item)
        pres_timer_pause(p, now);
    else
        pres_timer_start(p, minutes, now);
}

void pres_timer_keep(Presenter *p)
{
    if (pres_timer_exists(p))
        p->timer_kept = !p->timer_kept;
}

int64_t pres_timer_left(const Presenter *p, uint64_t now)
{
    if (!p->timer_running)
        return (int64_t)p->timer_paused_left;
    return (int64_t)p->timer_minutes * 60000 - (int64_t)(now - p->timer_start);
}

void pres_timer_pause(Presenter *p, uint64_t now)
{
    if (p->timer_running) {
        p->timer_paused_left = (uint64_t)pres_timer_left(p, now);
        p->timer_running = 0;
    } else if (p->timer_minutes > 0) { /* resume: a start that leaves the same time */
        int64_t left = (int64_t)p->timer_paused_left;
        p->timer_start = now - (uint64_t)((int64_t)p->timer_minutes * 60000 - left);
        p->timer_running = 1;
    }
}

void pres_hands_set(Presenter *p, size_t i, size_t k, int count)
{
    if (i < p->n_items && k < PRES_MAX_OPTIONS)
        p->hands[i * PRES_MAX_OPTIONS + k] = count < 0 ? 0 : count > 9999 ? 9999 : count;
}

void pres_hands_add(Presenter *p, size_t k, int delta)
{
    pres_hands_set(p, p->item, k, pres_hands(p, p->item, k) + delta);
}

int pres_hands(const Presenter *p, size_t i, size_t k)
{
    return i < p->n_items && k < PRES_MAX_OPTIONS ? p->hands[i * PRES_MAX_OPTIONS + k] : 0;
}

void pres_set_displays(Presenter *p, int n)
{
    int old = p->n_displays;
    p->n_displays = n < 1 ? 1 : n > PRES_MAX_DISPLAYS ? PRES_MAX_DISPLAYS : n;
    /* a projector plugged in: it is usually the second display; one unplugged: back to what is left */
    if ((old <= 1 && p->n_displays > 1) || p->audience_display >= p->n_displays)
        p->audience_display = p->n_displays > 1 ? 1 : 0;
}

void pres_swap_display(Presenter *p)
{
    if (p->n_displays > 1)
        p->audience_display = (p->audience_display + 1) % p->n_displays;
}

void pres_format_time(int64_t ms, char *out, size_t size)
{
    int neg = ms < 0;
    uint64_t s = (uint64_t)(neg ? -ms : ms) / 1000;
    if (s >= 3600)
        snprintf(out, size, "%s%llu:%02llu:%02llu", neg ? "-" : "", (unsigned long long)(s / 3600),
                 (unsigned long long)(s / 60 % 60), (unsigned long long)(s % 60));
    else
        snprintf(out, size, "%s%llu:%02llu", neg ? "-" : "", (unsigned long long)(s / 60),
                 (unsigned long long)(s % 60));
}
