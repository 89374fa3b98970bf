/* Unit tests for core/markdown: the one parser set-up (extensions), trees that share nodes, and the bounds on
   what a parse may take. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <cmark-gfm-core-extensions.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/markdown.h"

static cmark_node *parse(const char *md, MarkdownStatus *st)
{
    return markdown_parse(md, strlen(md), st);
}

/* Tables, strikethrough and autolinks are on, and their nodes are told apart without type numbers. */
static void extensions_are_on(void **state)
{
    (void)state;
    MarkdownStatus st;
    cmark_node *doc = parse("| a |\n|---|\n| ~~b~~ www.example.org |\n", &st);
    assert_non_null(doc);
    assert_int_equal(st, MARKDOWN_OK);
    cmark_node *table = cmark_node_first_child(doc);
    assert_int_equal(markdown_ext(table), MARKDOWN_TABLE);
    assert_int_equal(markdown_ext(doc), MARKDOWN_CORE);
    cmark_node *row = cmark_node_last_child(table), *cell = cmark_node_first_child(row);
    assert_int_equal(markdown_ext(cmark_node_first_child(table)), MARKDOWN_TABLE_ROW);
    assert_int_equal(markdown_ext(row), MARKDOWN_TABLE_ROW);
    assert_int_equal(markdown_ext(cell), MARKDOWN_TABLE_CELL);
    cmark_node *del = cmark_node_first_child(cell);
    assert_int_equal(markdown_ext(del), MARKDOWN_STRIKETHROUGH);
    cmark_node *link = cmark_node_last_child(cell);
    assert_int_equal(cmark_node_get_type(link), CMARK_NODE_LINK);
    assert_string_equal(cmark_node_get_url(link), "http://www.example.org");
    cmark_node_free(doc);
}

/* Nodes move between trees of two parses and nodes made by hand join them (as core/mdtrans does); a tree
   whose nodes went elsewhere is freed first (their text still points into its buffers, so only after the
   rendering), the other after it; a rendered string is freed with free(). */
static void trees_share_nodes(void **state)
{
    (void)state;
    MarkdownStatus st;
    cmark_node *a = parse("First *page*.\n", &st), *b = parse("Second **text**.\n", &st);
    assert_non_null(a);
    assert_non_null(b);
    cmark_node *pa = cmark_node_first_child(a), *pb = cmark_node_first_child(b);
    cmark_node *c;
    while ((c = cmark_node_first_child(pb)))
        assert_true(cmark_node_append_child(pa, c));
    cmark_node *t = cmark_node_new_with_mem(CMARK_NODE_TEXT, markdown_mem());
    assert_true(cmark_node_set_literal(t, " end"));
    assert_true(cmark_node_append_child(pa, t));
    char *s = cmark_render_commonmark_with_mem(a, 0, 0, cmark_get_default_mem_allocator());
    assert_string_equal(s, "First *page*.Second **text**. end\n");
    free(s);
    cmark_node_free(b);
    cmark_node_free(a);
}

static double cpu_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
    return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static char *repeat(const char *unit, size_t size, size_t *len)
{
    size_t u = strlen(unit), n = size / u;
    char *s = malloc(n * u + 1);
    assert_non_null(s);
    for (size_t i = 0; i < n; i++)
        memcpy(s + i * u, unit, u);
    s[n * u] = '\0';
    *len = n * u;
    return s;
}

/* More memory than the bound (1 MiB of "a_ " needs ~140 MB in cmark-gfm) or more time (a 1 MiB run of "![[]()"
   takes cmark-gfm 0.29.0.gfm.6 a minute) and the parse is abandoned with what it took freed (the sanitizer
   build checks for leaks), soon after the bound. Parses after it work. */
static void parses_over_their_bounds_are_abandoned(void **state)
{
    (void)state;
    MarkdownStatus st;
    size_t len;
    char *big = repeat("a_ ", 1 << 20, &len);
    assert_null(markdown_parse(big, len, &st));
    assert_int_equal(st, MARKDOWN_TOO_BIG);
    free(big);

    char *slow = repeat("![[]()", 1 << 20, &len);
    double t0 = cpu_ms();
    assert_null(markdown_parse(slow, len, &st));
    assert_int_equal(st, MARKDOWN_TOO_SLOW);
    assert_true(cpu_ms() - t0 < MARKDOWN_MAX_MS * 2);
    free(slow);

    cmark_node *doc = parse("Still *fine*.\n", &st);
    assert_non_null(doc);
    assert_int_equal(st, MARKDOWN_OK);
    cmark_node_free(doc);
    assert_true(markdown_mem_limit(1 << 20) >= (size_t)(MARKDOWN_MEM_BASE_MB + MARKDOWN_MEM_PER_BYTE) << 20);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(extensions_are_on),
        cmocka_unit_test(trees_share_nodes),
        cmocka_unit_test(parses_over_their_bounds_are_abandoned),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
