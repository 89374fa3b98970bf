/* Unit tests for core/validate: a whole pack is checked and every problem is listed with its location. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "core/validate.h"
#include "fixture.h"

static const Err *find(const ErrList *l, ErrCode code, const char *entry)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->items[i].code == code && strcmp(l->items[i].entry, entry) == 0)
            return &l->items[i];
    return NULL;
}

static void dump(const ErrList *l)
{
    char buf[1400];
    for (size_t i = 0; i < l->count; i++) {
        err_format(&l->items[i], buf, sizeof buf);
        fprintf(stderr, "  %s\n", buf);
    }
}

static void good_pack_with_links_images_and_locale(void **state)
{
    (void)state;
    char d[700];
    snprintf(d, sizeof d, "%s/good", fx_dir);
    unsigned char png[45];
    fx_png(png, 200, 100);
    assert_int_equal(fx_minimal_pack(d, "# Page\n\n![pic](../img/a.png)\n\n[quiz](item:q1) [self](a.md#top) "
                                        "[web](https://example.org) [anchor](#x)\n"),
                     0);
    fx_write(d, "img/a.png", png, sizeof png);
    fx_write(d, "locales/ru/locale.json", "{\"language\":\"ru\",\"items\":{\"p1\":{\"title\":\"С\"}}}", (size_t)-1);
    /* the Russian page uses the base image (fallback) and a locale-only one */
    fx_write(d, "locales/ru/lessons/a.md", "# С\n\n![a](../img/a.png) ![b](../img/ru.png)\n", (size_t)-1);
    fx_write(d, "locales/ru/img/ru.png", png, sizeof png);
    static ErrList l;
    errlist_init(&l);
    ValidateStats st;
    int rc = validate_pack(d, NULL, &l, &st);
    dump(&l);
    assert_int_equal(rc, 0);
    assert_int_equal(l.count, 0);
    assert_int_equal(st.lessons, 1);
    assert_int_equal(st.items, 2);
    assert_int_equal(st.pages, 2); /* base and Russian */
    assert_int_equal(st.exercises, 1);
    assert_int_equal(st.images, 2);
    assert_int_equal(st.locales, 1);
}

/* An overlay's pages may link to the items it adds; its translated notes are checked even when the page is not
   translated; the base pages are not checked twice. */
static void locale_overlays_are_checked(void **state)
{
    (void)state;
    char d[700];
    snprintf(d, sizeof d, "%s/overlay", fx_dir);
    assert_int_equal(fx_minimal_pack(d, "# Page\n"), 0);
    const char *manifest =
        "{\"format\":1,\"id\":\"org.example.test\",\"version\":\"1.0.0\",\"title\":\"T\",\"language\":\"en\","
        "\"license\":\"CC0-1.0\",\"authors\":[\"A\"],\"lessons\":[{\"id\":\"l1\",\"title\":\"L\",\"items\":["
        "{\"id\":\"p1\",\"kind\":\"page\",\"title\":\"P\",\"file\":\"lessons/a.md\",\"notes\":\"notes/a.md\"},"
        "{\"id\":\"q1\",\"kind\":\"exercise\",\"title\":\"Q\",\"file\":\"lessons/q.json\"}]}]}";
    fx_write(d, "pack.json", manifest, (size_t)-1);
    fx_write(d, "notes/a.md", "Notes.\n", (size_t)-1);
    fx_write(d, "locales/ru/locale.json",
             "{\"language\":\"ru\",\"adapt\":[{\"op\":\"insert\",\"after\":\"p1\",\"item\":{\"id\":\"ru-law\","
             "\"kind\":\"page\",\"title\":\"З\",\"file\":\"locales/ru/lessons/law.md\"}}]}",
             (size_t)-1);
    fx_write(d, "locales/ru/lessons/law.md", "# Закон\n\n[назад](item:p1) [сюда](law.md)\n", (size_t)-1);
    fx_write(d, "locales/ru/lessons/q.json", "{\"type\":\"true_false\",\"prompt\":\"Да?\",\"answer\":true}",
             (size_t)-1);
    fx_write(d, "locales/ru/notes/a.md", "Заметки: [закон](item:ru-law), [нет](item:ghost)\n", (size_t)-1);
    static ErrList l;
    errlist_init(&l);
    ValidateStats st;
    assert_int_not_equal(validate_pack(d, NULL, &l, &st), 0);
    dump(&l);
    assert_int_equal(l.count, 1); /* only the link to 'ghost' in the Russian notes */
    const Err *e = find(&l, ERR_UNKNOWN_ITEM, "locales/ru/notes/a.md");
    assert_non_null(e);
    assert_non_null(strstr(e->msg, "item:ghost"));
    assert_int_equal(st.pages, 4);     /* base page and notes, Russian notes and added page */
    assert_int_equal(st.exercises, 2); /* base and Russian */
}

static void every_problem_is_listed(void **state)
{
    (void)state;
    char d[700];
    snprintf(d, sizeof d, "%s/bad", fx_dir);
    unsigned char png[45];
    fx_png(png, 30000, 30000);
    assert_int_equal(fx_minimal_pack(d, "# Page\n\n![gone](missing.png)\n\n![big](map.png)\n\n"
                                        "[x](item:nowhere) [y](other.md) ![z](http://example.org/x.png)\n"),
                     0);
    fx_write(d, "lessons/map.png", png, sizeof png);
    fx_write(d, "lessons/fake.png", "GIF89a", (size_t)-1);
    fx_write(d, "lessons/q.json",
             "{\"type\":\"single_choice\",\"prompt\":\"P\",\"options\":[{\"id\":\"a\",\"text\":\"A\"},"
             "{\"id\":\"b\",\"text\":\"B\"}]}",
             (size_t)-1);
    static ErrList l;
    errlist_init(&l);
    assert_int_not_equal(validate_pack(d, NULL, &l, NULL), 0);
    dump(&l);
    const Err *e = find(&l, ERR_MISSING_FILE, "lessons/a.md");
    assert_non_null(e);
    assert_int_equal(e->line, 3);
    /* a broken image is reported where it is used, with the page's line */
    e = find(&l, ERR_IMAGE_DIMENSIONS, "lessons/a.md");
    assert_non_null(e);
    assert_int_equal(e->line, 5);
    assert_non_null(strstr(e->msg, "image 'map.png' is 30000x30000 pixels; the limit is 8192x8192"));
    assert_null(find(&l, ERR_IMAGE_DIMENSIONS, "lessons/map.png"));
    assert_non_null(find(&l, ERR_UNKNOWN_ITEM, "lessons/a.md"));
    assert_non_null(find(&l, ERR_IMAGE_FORMAT, "lessons/fake.png"));
    assert_non_null(find(&l, ERR_NO_CORRECT, "lessons/q.json"));
    /* missing.png, other.md, the web image; unknown item; map.png; fake.png; the exercise */
    assert_int_equal(l.count, 7);
}

static void broken_manifest_and_archive(void **state)
{
    (void)state;
    char d[700];
    snprintf(d, sizeof d, "%s/nomanifest", fx_dir);
    fx_write(d, "readme.md", "hi", (size_t)-1);
    fx_write(d, "img/broken.png", "not a png", (size_t)-1);
    static ErrList l;
    errlist_init(&l);
    assert_int_not_equal(validate_pack(d, NULL, &l, NULL), 0);
    /* no pack.json, and the broken image is still found */
    assert_int_equal(l.count, 2);
    assert_non_null(find(&l, ERR_MISSING_FILE, "pack.json"));
    assert_non_null(find(&l, ERR_IMAGE_FORMAT, "img/broken.png"));
    errlist_init(&l);
    snprintf(d, sizeof d, "%s/absent", fx_dir);
    assert_int_not_equal(validate_pack(d, NULL, &l, NULL), 0);
    assert_int_equal(l.items[0].code, ERR_NOT_FOUND);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(good_pack_with_links_images_and_locale),
        cmocka_unit_test(locale_overlays_are_checked),
        cmocka_unit_test(every_problem_is_listed),
        cmocka_unit_test(broken_manifest_and_archive),
    };
    return cmocka_run_group_tests(tests, fx_group_setup, fx_group_teardown);
}
