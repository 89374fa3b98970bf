/* Tests for core/lessonplan: the printable plan of each sample lesson has its timetable, the activity's
   instructions, the exercises with their answers, the pack's lecturer notes and the lecturer's own and imported
   notes; text from a pack or a note can never inject markup into the page. */
#include <limits.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/lessonplan.h"
#include "fixture.h"

static char sample[PATH_MAX + 64];

static int setup(void **state)
{
    fx_sample_pack(sample, sizeof sample);
    return fx_group_setup(state);
}

static void plans_of_the_sample_lessons(void **state)
{
    (void)state;
    PackLimits lim;
    pack_limits_default(&lim);
    Pack *pk;
    Err e;
    err_clear(&e);
    assert_int_equal(pack_open(sample, &lim, &pk, &e), 0);
    LviewSet set;
    assert_int_equal(lview_set_open(pk, NULL, 0, &set, NULL), 0);
    const char *langs[] = {"en"};
    Lview *v;
    assert_int_equal(lview_build(&set, langs, 1, &v, NULL), 0);
    char db[600];
    snprintf(db, sizeof db, "%s/plan.db", fx_dir);
    Progress *p;
    assert_int_equal(progress_open(db, NULL, 0, &p, &e), 0);
    progress_set_note(p, v->m->id, "everyday-activity",
                      "Bring **coloured** cards, ~~glue~~.\n\n| Group | Right |\n|---|---|\n| A | www.ohchr.org |\n",
                      &e);
    progress_add_imported(p, v->m->id, "everyday-activity", "Anna <b>P</b>",
                          "<script>alert(1)</script> Works well with <img src=x onerror=alert(2)> pairs.", &e);

    char *html;
    assert_int_equal(plan_html(v, 1, p, &html, &e), 0);
    assert_non_null(strstr(html, "<h1>Rights in everyday life</h1>"));
    assert_non_null(strstr(html, "planned: 115 minutes"));
    assert_non_null(strstr(html, "<td>A day in the life</td><td>Activity</td><td class=\"n\">60</td>"));
    assert_non_null(strstr(html, "<h3>Instructions</h3>\n<ol>"));
    assert_non_null(strstr(html, "<h3>Debriefing and evaluation</h3>"));
    assert_non_null(strstr(html, "prepare the cards; 12 rights are enough")); /* the pack's lecturer notes */
    assert_non_null(strstr(html, "Bring <strong>coloured</strong> cards, <del>glue</del>.")); /* my notes */
    /* read as the reader reads them: a table, an address as a link */
    assert_non_null(strstr(html, "<td>A</td>\n<td><a href=\"http://www.ohchr.org\">www.ohchr.org</a></td>"));
    assert_non_null(strstr(html, "Notes from Anna &lt;b&gt;P&lt;/b&gt;")); /* a colleague's, named */
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<img"));
    assert_null(strstr(html, "<b>"));
    assert_non_null(strstr(html, "A good ending."));                   /* the scenario's endings */
    assert_non_null(strstr(html, "Who should decide, and how would")); /* the discussion's questions */
    free(html);

    assert_int_equal(plan_html(v, 0, NULL, &html, &e), 0);
    assert_non_null(strstr(html, "A shared statement of aims adopted by the UN General Assembly <strong>(right)"));
    assert_non_null(strstr(html, "<li>(2) 1948</li>"));
    assert_non_null(strstr(html, "<td class=\"n\">0:00</td>")); /* the first item starts at minute 0 */
    assert_non_null(strstr(html, "</html>"));
    free(html);
    assert_int_not_equal(plan_html(v, 7, NULL, &html, &e), 0);
    assert_null(html);

    progress_close(p);
    lview_free(v);
    lview_set_close(&set);
    pack_close(pk);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plans_of_the_sample_lessons),
    };
    return cmocka_run_group_tests(tests, setup, fx_group_teardown);
}
