/* Tests for core/lessonplan: the printable plan of a lesson has its timetable (optional items marked and left out
   of the planned time and the start times), the activity's instructions, the exercises with their answers, handouts
   printed whole (pictures as their alt text), the pack's lecturer notes and the lecturer's own and imported notes;
   text from a pack or a note can never inject markup into the page. The pack is written here, so the test does not
   change with the bundled lessons. */
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

static const char MANIFEST[] =
    "{\"format\":1,\"id\":\"org.example.plan\",\"version\":\"1.0.0\",\"title\":\"Plans\",\"language\":\"en\","
    "\"license\":\"CC0-1.0\",\"authors\":[\"A\"],\"lessons\":["
    "{\"id\":\"one\",\"title\":\"Rights in everyday life\",\"summary\":\"A *day*.\",\"duration\":90,\"items\":["
    "{\"id\":\"intro\",\"kind\":\"page\",\"title\":\"Rights you used today\",\"file\":\"a.md\",\"duration\":10},"
    "{\"id\":\"act\",\"kind\":\"activity\",\"title\":\"A day in the life\",\"file\":\"act.json\","
    "\"notes\":\"act-notes.md\",\"duration\":60},"
    "{\"id\":\"cards\",\"kind\":\"page\",\"title\":\"Handout: situation cards\",\"file\":\"cards.md\",\"handout\":true,"
    "\"duration\":0},"
    "{\"id\":\"extra\",\"kind\":\"exercise\",\"title\":\"More practice\",\"file\":\"q.json\",\"optional\":true,"
    "\"duration\":15},"
    "{\"id\":\"talk\",\"kind\":\"exercise\",\"title\":\"Talk\",\"file\":\"d.json\",\"duration\":20}]},"
    "{\"id\":\"two\",\"title\":\"Second\",\"items\":["
    "{\"id\":\"p2\",\"kind\":\"page\",\"title\":\"P\",\"file\":\"a.md\",\"duration\":5},"
    "{\"id\":\"p3\",\"kind\":\"page\",\"title\":\"More\",\"file\":\"a.md\",\"duration\":7,\"optional\":true},"
    "{\"id\":\"p4\",\"kind\":\"page\",\"title\":\"End\",\"file\":\"a.md\",\"duration\":4},"
    "{\"id\":\"read\",\"kind\":\"page\",\"title\":\"Reading\",\"file\":\"c.md\",\"duration\":0},"
    "{\"id\":\"gaps\",\"kind\":\"exercise\",\"title\":\"Gaps\",\"file\":\"g.json\",\"duration\":0},"
    "{\"id\":\"scen\",\"kind\":\"exercise\",\"title\":\"Scene\",\"file\":\"s.json\",\"duration\":0}]}]}";

static const char ACTIVITY[] =
    "{\"overview\":\"Groups follow a day.\",\"themes\":[\"Everyday\"],\"complexity\":2,"
    "\"group_size\":{\"min\":6,\"max\":30},\"time\":60,\"objectives\":[\"See rights\"],"
    "\"instructions\":[\"Hand out the **12** cards.\"],\"debriefing\":[\"How did you feel?\"]}";

static const char CARDS[] = "# Situation cards\n\n| Card | Time |\n|---|---|\n| 1. Breakfast | 07:30 |\n\n"
                            "![A clock showing half past seven](../images/clock.png)\n\nCut along the lines.\n";

static char pack[600];

static int setup(void **state)
{
    if (fx_group_setup(state) != 0)
        return -1;
    snprintf(pack, sizeof pack, "%s/plan-pack", fx_dir);
    unsigned char png[45];
    fx_png(png, 40, 30);
    return fx_write(pack, "pack.json", MANIFEST, (size_t)-1) ||
           fx_write(pack, "a.md", "# Today\n\nYou woke up.\n", (size_t)-1) ||
           fx_write(pack, "act.json", ACTIVITY, (size_t)-1) ||
           fx_write(pack, "act-notes.md", "Prepare the cards; 12 situations are enough.\n", (size_t)-1) ||
           fx_write(pack, "cards.md", CARDS, (size_t)-1) || fx_write(pack, "images/clock.png", png, sizeof png) ||
           fx_write(pack, "q.json",
                    "{\"type\":\"single_choice\",\"prompt\":\"What was it?\",\"options\":[{\"id\":\"t\",\"text\":"
                    "\"A treaty\"},{\"id\":\"d\",\"text\":\"A declaration\",\"correct\":true}],"
                    "\"explanation\":\"A declaration.\"}",
                    (size_t)-1) ||
           fx_write(pack, "c.md",
                    "# Reading\n\nOne two three.\n\n## First part\n\nFour five.\n\n```\n## not a heading\n```\n\n"
                    "### A detail\n\nSix.\n",
                    (size_t)-1) ||
           fx_write(pack, "g.json",
                    "{\"type\":\"fill_blanks\",\"prompt\":\"Fill in.\",\"text\":\"Adopted on {{day}} in {{city}}.\","
                    "\"blanks\":[{\"id\":\"day\",\"answers\":[\"10 December\"]},{\"id\":\"city\",\"answers\":"
                    "[\"Paris\",\"Paris, France\"]}]}",
                    (size_t)-1) ||
           fx_write(pack, "s.json",
                    "{\"type\":\"scenario\",\"prompt\":\"What now?\",\"start\":\"a\",\"nodes\":["
                    "{\"id\":\"b\",\"text\":\"They listen.\",\"ending\":\"good\"},"
                    "{\"id\":\"a\",\"text\":\"The dean calls.\",\"choices\":[{\"text\":\"Ask why\",\"goto\":\"b\"},"
                    "{\"text\":\"Say nothing\",\"goto\":\"c\"}]},"
                    "{\"id\":\"c\",\"text\":\"Nothing changes.\",\"ending\":\"neutral\"}]}",
                    (size_t)-1) ||
           fx_write(pack, "d.json",
                    "{\"type\":\"discussion\",\"prompt\":\"Who decides?\",\"minutes\":20,"
                    "\"questions\":[\"Who should decide, and how would they know?\"]}",
                    (size_t)-1);
}

static void plans_of_lessons(void **state)
{
    (void)state;
    PackLimits lim;
    pack_limits_default(&lim);
    Pack *pk;
    Err e;
    err_clear(&e);
    assert_int_equal(pack_open(pack, &lim, &pk, &e), 0);
    LviewSet set;
    assert_int_equal(lview_set_open(pk, NULL, 0, &set, NULL), 0);
    const char *langs[] = {"en"};
    Lview *v;
    assert_int_equal(lview_build(&set, langs, 1, &v, NULL), 0);
    char db[600];
    snprintf(db, sizeof db, "%s/plan.db", fx_dir);
    Progress *p;
    assert_int_equal(progress_open(db, NULL, 0, &p, &e), 0);
    progress_set_note(p, v->m->id, "act",
                      "Bring **coloured** cards, ~~glue~~.\n\n| Group | Right |\n|---|---|\n| A | www.ohchr.org |\n",
                      &e);
    progress_add_imported(p, v->m->id, "act", "Anna <b>P</b>",
                          "<script>alert(1)</script> Works well with <img src=x onerror=alert(2)> pairs.", &e);

    char *html;
    assert_int_equal(plan_html(v, 0, p,
                               "Course \xe2\x80\x9c"
                               "A & B\xe2\x80\x9d, session 2 of 12",
                               &html, &e),
                     0);
    assert_non_null(strstr(html, "<h1>Rights in everyday life</h1>"));
    assert_non_null(strstr(html, "<p class=\"facts\">Course \xe2\x80\x9c"
                                 "A &amp; B\xe2\x80\x9d, session 2 of 12</p>"));
    /* the lesson's planned time, and what its optional items add */
    assert_non_null(strstr(html, "planned: 90 minutes &middot; optional items: 15 minutes more"));
    assert_non_null(strstr(html, "<td>A day in the life</td><td>Activity</td><td class=\"n\">60</td>"));
    /* the timetable: an optional item is marked and does not move the start of the next */
    assert_non_null(strstr(html, "<td>More practice</td><td>Exercise, optional</td><td class=\"n\">15</td>"
                                 "<td class=\"n\">1:10</td>"));
    assert_non_null(strstr(html, "<td>Talk</td><td>Exercise</td><td class=\"n\">20</td><td class=\"n\">1:10</td>"));
    assert_non_null(strstr(html, "<td class=\"n\">0:00</td>")); /* the first item starts at minute 0 */
    /* a handout is printed whole, on a page of its own, its picture as the alt text */
    assert_non_null(strstr(html, "<section class=\"item handout\">\n<h2>3. Handout: situation cards"));
    assert_non_null(strstr(html, "<td>1. Breakfast</td>"));
    assert_non_null(strstr(html, "A clock showing half past seven"));
    assert_non_null(strstr(html, "Cut along the lines."));
    assert_non_null(strstr(html, "section.handout{break-before:page}"));
    assert_null(strstr(html, "clock.png"));
    assert_null(strstr(html, "You woke up.")); /* an ordinary page is not printed */
    assert_non_null(strstr(html, "<h3>Instructions</h3>\n<ol>"));
    assert_non_null(strstr(html, "Hand out the <strong>12</strong> cards."));
    assert_non_null(strstr(html, "<h3>Debriefing and evaluation</h3>"));
    assert_non_null(strstr(html, "Prepare the cards; 12 situations are enough.")); /* the pack's lecturer notes */
    assert_non_null(strstr(html, "Bring <strong>coloured</strong> cards, <del>glue</del>.")); /* my notes */
    /* read as the reader reads them: a table, an address as a link */
    assert_non_null(strstr(html, "<td>A</td>\n<td><a href=\"http://www.ohchr.org\">www.ohchr.org</a></td>"));
    assert_non_null(strstr(html, "Notes from Anna &lt;b&gt;P&lt;/b&gt;")); /* a colleague's, named */
    assert_null(strstr(html, "<script"));
    assert_null(strstr(html, "<img"));
    assert_null(strstr(html, "<b>"));
    assert_non_null(strstr(html, "<li class=\"right\">A declaration <strong>(right)")); /* the answer is marked */
    assert_non_null(strstr(html, "Who should decide, and how would"));                  /* the discussion's questions */
    assert_non_null(strstr(html, "</html>"));
    free(html);

    /* a lesson without a duration is planned as the sum of its required items */
    assert_int_equal(manifest_lesson_minutes(&v->m->lessons[1]), 9);
    assert_int_equal(manifest_lesson_minutes(&v->m->lessons[0]), 90);
    assert_int_equal(plan_html(v, 1, NULL, NULL, &html, &e), 0);
    assert_non_null(strstr(html, "planned: 9 minutes &middot; optional items: 7 minutes more</p>"));
    /* review B3: a page has its length and outline, not an empty section; a fill-in text its numbered gaps, never
       the raw {{day}}; a scenario every situation, each choice and where it leads */
    assert_non_null(strstr(html, "Read on screen: about 11 words."));
    assert_non_null(
        strstr(html, "<ul class=\"outline\">\n<li>First part</li>\n<li class=\"sub\">A detail</li>\n</ul>"));
    assert_null(strstr(html, "not a heading</li>"));
    assert_null(strstr(html, "{{"));
    assert_non_null(strstr(html, "Adopted on <strong>(1)</strong> ______ in <strong>(2)</strong> ______."));
    assert_non_null(strstr(html, "<li>(2) Paris / Paris, France</li>"));
    assert_non_null(strstr(html, "<li><p>The dean calls.</p>\n<ul>\n<li>Ask why &rarr; situation 2</li>\n"
                                 "<li>Say nothing &rarr; situation 3</li>"));
    assert_non_null(strstr(html, "<li><strong>A good ending.</strong> <p>They listen.</p>"));
    free(html);
    assert_int_not_equal(plan_html(v, 7, NULL, NULL, &html, &e), 0);
    assert_null(html);

    progress_close(p);
    lview_free(v);
    lview_set_close(&set);
    pack_close(pk);
}

/* "handout" belongs to pages: on an exercise it is refused with a message that says what to do. */
static void only_pages_are_handouts(void **state)
{
    (void)state;
    char dir[600];
    snprintf(dir, sizeof dir, "%s/bad-handout", fx_dir);
    const char *m = "{\"format\":1,\"id\":\"org.example.h\",\"version\":\"1.0.0\",\"title\":\"T\",\"language\":\"en\","
                    "\"license\":\"CC0-1.0\",\"authors\":[\"A\"],\"lessons\":[{\"id\":\"l\",\"title\":\"L\",\"items\":["
                    "{\"id\":\"q\",\"kind\":\"exercise\",\"title\":\"Q\",\"file\":\"q.json\",\"handout\":true},"
                    "{\"id\":\"r\",\"kind\":\"page\",\"title\":\"R\",\"file\":\"a.md\",\"optional\":\"yes\"}]}]}";
    assert_int_equal(fx_write(dir, "pack.json", m, (size_t)-1), 0);
    assert_int_equal(fx_write(dir, "a.md", "# A\n", (size_t)-1), 0);
    assert_int_equal(
        fx_write(dir, "q.json", "{\"type\":\"true_false\",\"prompt\":\"Yes?\",\"answer\":true}", (size_t)-1), 0);
    PackLimits lim;
    pack_limits_default(&lim);
    Pack *pk = NULL;
    Err e;
    err_clear(&e);
    assert_int_not_equal(pack_open(dir, &lim, &pk, &e), 0);
    char msg[1024];
    err_format(&e, msg, sizeof msg);
    assert_non_null(strstr(msg, "handout"));
    assert_non_null(strstr(msg, "only a page can be a handout"));
    pack_close(pk);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(plans_of_lessons),
        cmocka_unit_test(only_pages_are_handouts),
    };
    return cmocka_run_group_tests(tests, setup, fx_group_teardown);
}
