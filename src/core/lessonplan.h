/* lessonplan: a printable plan of one lesson (a self-contained HTML page) for lecturers who prepare on paper:
   timings, and for each item what it is, the activity's materials, instructions and debriefing questions, the
   exercises with their answers, the pack's lecturer notes, the lecturer's own notes and notes from colleagues. */
#ifndef BESEDA_LESSONPLAN_H
#define BESEDA_LESSONPLAN_H

#include "err.h"
#include "localeview.h"
#include "progress.h"

/* The plan of lesson 'lesson' of view 'v' (its language, its files); 'p' (may be NULL) adds the lecturer's own and
   imported notes; 'course' (may be NULL) is a line saying where the lesson stands in a course ("Course “…”,
   session 3 of 12: …"), shown under the title. *out is a NUL-terminated HTML document (caller frees). Markdown is
   rendered by cmark-gfm with raw HTML left out, so nothing in a pack can put script into the page. */
int plan_html(const Lview *v, size_t lesson, Progress *p, const char *course, char **out, Err *err);

#endif
