/* view_course: the library's course cards and a course's overview (view_course.h). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui/app_impl.h"

/* The lesson 'l' of a course session in the library: its entry and the lesson's index there; -1 when the pack or
   the lesson is not in the library. */
static long find_lesson(const App *a, const CourseLesson *l, size_t *lesson)
{
    long e = library_find_pack(&a->lib, l->pack);
    if (e < 0)
        return -1;
    const LibEntry *en = &a->lib.v[e];
    for (size_t i = 0; en->lesson_ids && i < en->n_lessons; i++)
        if (en->lesson_ids[i] && strcmp(en->lesson_ids[i], l->lesson) == 0) {
            *lesson = i;
            return e;
        }
    return -1;
}

/* How many of a course's packs are in the library, of how many. */
static void packs_present(const App *a, const Course *c, int *have, int *all)
{
    const char *seen[COURSE_MAX_SESSIONS * COURSE_MAX_LESSONS];
    int n = 0;
    *have = 0;
    for (size_t s = 0; s < c->n_sessions; s++)
        for (size_t l = 0; l < c->sessions[s].n_lessons; l++) {
            const char *p = c->sessions[s].lessons[l].pack;
            int dup = 0;
            for (int k = 0; k < n; k++)
                dup |= strcmp(seen[k], p) == 0;
            if (dup)
                continue;
            seen[n++] = p;
            *have += library_find_pack(&a->lib, p) >= 0;
        }
    *all = n;
}

int course_cards(App *a, int x, int y, int w)
{
    int ui = app_ui_px(a), h = 0;
    DisplayList *dl = &a->frame;
    for (size_t i = 0; i < a->lib.n_courses; i++) {
        const LibCourse *lc = &a->lib.courses[i];
        char line1[600], line2[400];
        int ch = (int)(ui * 5.2f), cy = y + h;
        dl_rect(dl, x, cy, w, ch, COL_CARD);
        dl_frame(dl, x, cy, w, ch, 1, lc->course ? COL_RULE : COL_ERROR);
        SpanStyle st = {.fonts = a->fonts, .line_height = 1.3f, .max_lines = 1, .align = ALIGN_LEFT};
        if (lc->course) {
            const Course *c = lc->course;
            int minutes = 0, have, all;
            for (size_t s = 0; s < c->n_sessions; s++)
                minutes += c->sessions[s].minutes;
            packs_present(a, c, &have, &all);
            snprintf(line1, sizeof line1, _("Course: %s"), course_text(c, &c->title, i18n_language()));
            snprintf(line2, sizeof line2,
                     ngettext("%zu session, %d hours %d min \xc2\xb7 %d of %d packs in your library \xc2\xb7 "
                              "the plan (C)",
                              "%zu sessions, %d hours %d min \xc2\xb7 %d of %d packs in your library \xc2\xb7 "
                              "the plan (C)",
                              c->n_sessions),
                     c->n_sessions, minutes / 60, minutes % 60, have, all);
            app_hit(a, x, cy, w, ch, ACT_COURSE, (long)i);
        } else {
            snprintf(line1, sizeof line1, "%s", _("A course overview that cannot be read"));
            snprintf(line2, sizeof line2, "%s", lc->error.msg);
        }
        Span t = {line1, strlen(line1), FACE_SANS_BOLD, (int)(ui * 1.15f), COL_TEXT, 0};
        Span s = {line2, strlen(line2), FACE_SANS, ui, lc->course ? COL_MUTED : COL_ERROR, 0};
        int ty = cy + ui;
        ty += layout_spans(&st, &t, 1, x + ui, ty, w - 2 * ui, dl) + ui / 3;
        layout_spans(&st, &s, 1, x + ui, ty, w - 2 * ui, dl);
        h += ch + ui;
    }
    return h;
}

void course_open(App *a, long i)
{
    if (i < 0 || (size_t)i >= a->lib.n_courses || !a->lib.courses[i].course)
        return;
    library_describe(&a->lib);
    a->coursev.course = i;
    a->coursev.scroll = 0;
    app_push(a, &COURSE_VIEW);
    a->dirty = 1;
}

static int course_frame(App *a)
{
    const Course *c = a->lib.courses[a->coursev.course].course;
    int ui = app_ui_px(a);
    DisplayList *dl = &a->frame;
    app_hit(a, 0, 0, a->w, a->h, ACT_NOTHING, 0);
    dl_rect(dl, 0, 0, a->w, a->h, COL_SHADE);
    int w = ui * 44 < a->w - 2 * ui ? ui * 44 : a->w - 2 * ui, x = (a->w - w) / 2;
    int y = ui, h = a->h - 2 * ui, bh = (int)(ui * 2.4f);
    dl_rect(dl, x - 1, y - 1, w + 2, h + 2, COL_RULE);
    dl_rect(dl, x, y, w, h, COL_CARD);
    const char *lang = i18n_language();
    /* the list, laid out aside, then shown clipped and scrolled between the heading and the buttons */
    DisplayList body = {0};
    SpanStyle st = {.fonts = a->fonts, .line_height = 1.35f, .max_lines = 0, .align = ALIGN_LEFT};
    const char *title = course_text(c, &c->title, lang), *desc = course_text(c, &c->description, lang);
    Span hs[3] = {{title, strlen(title), FACE_SANS_BOLD, (int)(ui * 1.3f), COL_TEXT, 0},
                  {"\n", 1, FACE_SANS, ui, COL_TEXT, 0},
                  {desc, strlen(desc), FACE_SANS, ui, COL_MUTED, 0}};
    int by = layout_spans(&st, hs, desc[0] ? 3 : 1, 0, 0, w - 2 * ui, &body) + ui;
    int top = y + ui, room = h - 3 * ui - bh;
    for (size_t s = 0; s < c->n_sessions; s++) {
        const CourseSession *se = &c->sessions[s];
        char head[700];
        snprintf(head, sizeof head, _("%zu. %s \xc2\xb7 %d min"), s + 1, course_text(c, &se->title, lang), se->minutes);
        Span sh = {head, strlen(head), FACE_SANS_BOLD, ui, COL_TEXT, 0};
        by += layout_spans(&st, &sh, 1, 0, by, w - 2 * ui, &body) + ui / 4;
        for (size_t l = 0; l < se->n_lessons; l++) {
            size_t li = 0;
            long e = find_lesson(a, &se->lessons[l], &li);
            char line[700];
            const char *lesson_title = "";
            if (e >= 0) { /* the pack, then the lesson as the link (a run of its own) */
                snprintf(line, sizeof line, "%s \xe2\x80\x94 ", library_title_in(&a->lib.v[e], lang));
                lesson_title = a->lib.v[e].lesson_titles[li] ? a->lib.v[e].lesson_titles[li] : se->lessons[l].lesson;
            } else {
                snprintf(line, sizeof line, _("%s, lesson %s: not in your library"), se->lessons[l].pack,
                         se->lessons[l].lesson);
            }
            Span ls[2] = {{line, strlen(line), FACE_SANS, ui, COL_MUTED, 0},
                          {lesson_title, strlen(lesson_title), FACE_SANS_BOLD, ui, COL_LINK, 0}};
            int lh = layout_spans(&st, ls, e >= 0 ? 2 : 1, ui, by, w - 3 * ui, &body);
            int sy = top + by - a->coursev.scroll;
            if (e >= 0 && sy >= top && sy + lh <= top + room)
                app_hit(a, x + 2 * ui, sy, w - 3 * ui, lh, ACT_COURSE_LESSON, (long)(s * 16 + l));
            by += lh;
        }
        by += ui / 2;
    }
    a->coursev.content_h = by;
    int max = by - room > 0 ? by - room : 0;
    if (a->coursev.scroll > max)
        a->coursev.scroll = max;
    if (a->coursev.scroll < 0)
        a->coursev.scroll = 0;
    dl_clip(dl, x + ui, top, w - 2 * ui, room);
    dl_append(dl, &body, x + ui, top - a->coursev.scroll, INT_MIN / 2, INT_MAX / 2, 0);
    dl_clip(dl, 0, 0, 0, 0);
    dl_free(&body);
    const char *close = _("Close");
    int cw = view_button_width(a, close);
    view_button(a, x + w - ui - cw, y + h - ui - bh, bh, close, ACT_TRUST_CLOSE, 0, 0);
    return 0;
}

static void open_lesson(App *a, long arg)
{
    const Course *c = a->lib.courses[a->coursev.course].course;
    size_t s = (size_t)arg / 16, l = (size_t)arg % 16, li = 0;
    if (s >= c->n_sessions || l >= c->sessions[s].n_lessons)
        return;
    long e = find_lesson(a, &c->sessions[s].lessons[l], &li);
    if (e < 0)
        return;
    app_pop(a, &COURSE_VIEW);
    app_open(a, (size_t)e, a->lib.v[e].lesson_first[li]);
}

static int course_key(App *a, int key, unsigned mods)
{
    if (app_own_key(key, mods))
        return SCR_APP_ONLY;
    int ui = app_ui_px(a);
    if (key == KEY_ESCAPE || key == 'c')
        app_pop(a, &COURSE_VIEW);
    else if (key == KEY_DOWN || key == KEY_PAGEDOWN)
        a->coursev.scroll += key == KEY_DOWN ? 3 * ui : a->h / 2;
    else if (key == KEY_UP || key == KEY_PAGEUP)
        a->coursev.scroll -= key == KEY_UP ? 3 * ui : a->h / 2;
    a->dirty = 1;
    return SCR_TAKEN;
}

static int course_press(App *a, const Hit *h, int x, int y)
{
    (void)x, (void)y;
    if (h->action == ACT_COURSE_LESSON)
        open_lesson(a, h->arg);
    else if (h->action == ACT_TRUST_CLOSE)
        app_pop(a, &COURSE_VIEW);
    a->dirty = 1;
    return 1;
}

static int course_wheel(App *a, int x, int y, int dy)
{
    (void)x, (void)y;
    a->coursev.scroll -= dy * app_ui_px(a) * 4;
    a->dirty = 1;
    return 1;
}

static int course_text_in(App *a, const char *text)
{
    (void)a, (void)text;
    return 1;
}

const ScreenOps COURSE_VIEW = {.name = "course",
                               .key = course_key,
                               .text = course_text_in,
                               .press = course_press,
                               .frame = course_frame,
                               .wheel = course_wheel};
