/* Unit tests for core/strbuf: plain text written into Markdown (the answers file's reflections) shows as typed when
   rendered by cmark-gfm, the parser the reader and the translation tools use: line by line, paragraph by
   paragraph, and no character taken as a mark. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/markdown.h"
#include "core/strbuf.h"

/* 'text' as sb_put_md_quote writes it (caller frees). */
static char *quoted(const char *text, int *written)
{
    StrBuf b = {0};
    *written = sb_put_md_quote(&b, text);
    char *s = sb_take(&b);
    assert_non_null(s);
    return s;
}

/* 'md' rendered as HTML by the program's cmark-gfm set-up (tables, strikethrough and autolinks on). */
static char *html_of(const char *md)
{
    MarkdownStatus st;
    cmark_node *doc = markdown_parse(md, strlen(md), &st);
    assert_non_null(doc);
    char *html = cmark_render_html_with_mem(doc, CMARK_OPT_DEFAULT, NULL, cmark_get_default_mem_allocator());
    cmark_node_free(doc);
    assert_non_null(html);
    return html;
}

/* A reflection of several lines and a blank line: each line its own line in the quote (the review found them run
   together), the blank line a paragraph break, \r\n as good as \n. */
static void test_quote_keeps_lines_and_paragraphs(void **state)
{
    (void)state;
    int written;
    char *md =
        quoted("Сегодня я ехала в университет на электричке.\nSecond line\n\nA new paragraph\r\nits end\n", &written);
    assert_true(written);
    assert_string_equal(md, "> Сегодня я ехала в университет на электричке.\\\n"
                            "> Second line\n"
                            ">\n"
                            "> A new paragraph\\\n"
                            "> its end\n\n");
    char *html = html_of(md);
    assert_string_equal(html, "<blockquote>\n"
                              "<p>Сегодня я ехала в университет на электричке.<br />\n"
                              "Second line</p>\n"
                              "<p>A new paragraph<br />\n"
                              "its end</p>\n"
                              "</blockquote>\n");
    free(html);
    free(md);
}

/* Blank lines before, between and after: one paragraph break between, none outside; a reflection of nothing but
   spaces and line ends writes nothing (the caller says "Nothing written."). A lone \r ends a line too. */
static void test_quote_blank_lines(void **state)
{
    (void)state;
    int written;
    char *md = quoted("\n  \nA\n\n \t\n\nB  \rC\n\n", &written);
    assert_true(written);
    assert_string_equal(md, "> A\n>\n> B\\\n> C\n\n");
    free(md);
    md = quoted(" \n\t\r\n", &written);
    assert_false(written);
    assert_string_equal(md, "");
    free(md);
}

/* What Markdown would take as a mark, at a line's start or anywhere, shows as typed: the rendered quote is one
   paragraph of the lines themselves (HTML-escaped) and nothing else. */
static void test_quote_marks_stay_text(void **state)
{
    (void)state;
    const char *lines[] = {
        "# not a heading",
        "- not a list",
        "+ nor this",
        "12. nor this",
        "3) nor this",
        "> not a quote",
        "*star* _under_ **bold** `code`",
        "[link](page.md) ![picture](x.png)",
        "<b>html</b> &amp; &copy;",
        "~~struck~~ a | b",
        "---",
        "===",
        "    four spaces",
        "back\\slash\\",
    };
    const char *shown[] = {
        "# not a heading",
        "- not a list",
        "+ nor this",
        "12. nor this",
        "3) nor this",
        "&gt; not a quote",
        "*star* _under_ **bold** `code`",
        "[link](page.md) ![picture](x.png)",
        "&lt;b&gt;html&lt;/b&gt; &amp;amp; &amp;copy;",
        "~~struck~~ a | b",
        "---",
        "===",
        "four spaces",
        "back\\slash\\",
    };
    size_t n = sizeof lines / sizeof *lines;
    StrBuf text = {0}, want = {0};
    sb_put(&want, "<blockquote>\n<p>");
    for (size_t i = 0; i < n; i++) {
        sb_putf(&text, "%s\n", lines[i]);
        sb_putf(&want, "%s%s", shown[i], i + 1 < n ? "<br />\n" : "</p>\n</blockquote>\n");
    }
    char *t = sb_take(&text), *w = sb_take(&want);
    int written;
    char *md = quoted(t, &written);
    char *html = html_of(md);
    assert_string_equal(html, w);
    free(html);
    free(md);
    free(w);
    free(t);
}

/* One line of text: the spaces around it go, and only what could be a mark gets a backslash. */
static void test_text_escapes_only_marks(void **state)
{
    (void)state;
    StrBuf b = {0};
    sb_put_md_text(&b, "  1986. A year: -5 + 3 = 2 > 1 (right?)  ", 41);
    sb_put(&b, "|");
    sb_put_md_text(&b, "snake_case x*y", 14);
    char *s = sb_take(&b);
    assert_string_equal(s, "1986\\. A year: -5 + 3 = 2 > 1 (right?)|snake\\_case x\\*y");
    free(s);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_quote_keeps_lines_and_paragraphs),
        cmocka_unit_test(test_quote_blank_lines),
        cmocka_unit_test(test_quote_marks_stay_text),
        cmocka_unit_test(test_text_escapes_only_marks),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
