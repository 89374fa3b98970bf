/* Unit tests for core/doc: golden files (Markdown, '.', expected model dump) and the parser's limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "core/doc.h"
#include "fx_os.h"

#define FENCE "````````````````````````````````"

static char *read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long n = ftell(f);
    rewind(f);
    char *s = malloc((size_t)n + 1);
    if (s && fread(s, 1, (size_t)n, f) != (size_t)n) {
        free(s);
        s = NULL;
    }
    fclose(f);
    if (s) {
        s[n] = '\0';
        *len = (size_t)n;
    }
    return s;
}

/* Every run's recorded length matches its text (layout relies on it). */
static int check_len(const DocRun *r, void *user)
{
    (void)user;
    return r->len != strlen(r->text);
}

static char *dump(const char *md, size_t len)
{
    PackLimits lim;
    pack_limits_default(&lim);
    Doc *d;
    Err e;
    memset(&e, 0, sizeof e);
    if (doc_parse(md, len, &lim, "golden.md", &d, &e) != 0) {
        fprintf(stderr, "parse failed: %s\n", e.msg);
        return NULL;
    }
    assert_int_equal(doc_each_run(d, check_len, NULL), 0);
    FILE *f = fx_memstream();
    assert_non_null(f);
    doc_dump(d, f);
    doc_free(d);
    return fx_memstream_close(f);
}

/* Runs every example of one golden file: FENCE example / markdown / "." / expected / FENCE. The markdown uses
   '→' for a tab, as the CommonMark spec does. */
static int run_golden_file(const char *path)
{
    size_t len;
    char *text = read_file(path, &len);
    assert_non_null(text);
    int failures = 0, examples = 0;
    char *p = text;
    while ((p = strstr(p, FENCE " example\n"))) {
        p += strlen(FENCE " example\n");
        char *dot = strstr(p, "\n.\n");
        char *end = dot ? strstr(dot + 3, FENCE) : NULL;
        assert_non_null(end);
        size_t mdlen = (size_t)(dot - p) + 1;
        char *md = calloc(1, mdlen + 1);
        size_t o = 0;
        for (size_t i = 0; i < mdlen; i++) {
            if (strncmp(p + i, "\xe2\x86\x92", 3) == 0) {
                md[o++] = '\t';
                i += 2;
            } else {
                md[o++] = p[i];
            }
        }
        char *expected = fx_strndup(dot + 3, (size_t)(end - dot - 3));
        char *got = dump(md, o);
        examples++;
        if (!got || strcmp(got, expected) != 0) {
            failures++;
            int line = 1;
            for (char *q = text; q < p; q++)
                line += *q == '\n';
            fprintf(stderr, "%s:%d: model differs\n--- expected\n%s--- got\n%s", path, line, expected,
                    got ? got : "(parse failed)\n");
        }
        free(md);
        free(expected);
        free(got);
        p = end;
    }
    free(text);
    assert_true(examples > 0);
    return failures;
}

static void golden_files(void **state)
{
    (void)state;
    DIR *d = opendir("golden");
    assert_non_null(d);
    struct dirent *de;
    int failures = 0, files = 0;
    while ((de = readdir(d))) {
        size_t n = strlen(de->d_name);
        if (n < 4 || strcmp(de->d_name + n - 4, ".txt") != 0)
            continue;
        char path[512];
        snprintf(path, sizeof path, "golden/%s", de->d_name);
        failures += run_golden_file(path);
        files++;
    }
    closedir(d);
    assert_true(files > 0);
    assert_int_equal(failures, 0);
}

static int parse_code(const char *md, size_t len, const PackLimits *lim, int *line)
{
    Doc *d = NULL;
    Err e;
    memset(&e, 0, sizeof e);
    int rc = doc_parse(md, len, lim, "x.md", &d, &e);
    doc_free(d);
    if (line)
        *line = e.line;
    return rc ? (int)e.code : 0;
}

static void nesting_deeper_than_the_limit_is_refused(void **state)
{
    (void)state;
    PackLimits lim;
    pack_limits_default(&lim);
    char md[4096];
    size_t n = 0;
    n += (size_t)snprintf(md, sizeof md, "Intro\n\n");
    for (unsigned i = 0; i < lim.max_markdown_depth + 1; i++)
        md[n++] = '>';
    n += (size_t)snprintf(md + n, sizeof md - n, " deep\n");
    int line = 0;
    assert_int_equal(parse_code(md, n, &lim, &line), ERR_MARKDOWN_DEPTH);
    /* exactly at the limit is fine */
    n = 0;
    for (unsigned i = 0; i < lim.max_markdown_depth; i++)
        md[n++] = '>';
    n += (size_t)snprintf(md + n, sizeof md - n, " deep\n");
    assert_int_equal(parse_code(md, n, &lim, NULL), 0);
    /* nested lists count too */
    n = 0;
    for (unsigned i = 0; i < lim.max_markdown_depth + 1; i++)
        n += (size_t)snprintf(md + n, sizeof md - n, "%*s- x\n", (int)(i * 2), "");
    assert_int_equal(parse_code(md, n, &lim, NULL), ERR_MARKDOWN_DEPTH);
}

static void size_and_block_limits(void **state)
{
    (void)state;
    PackLimits lim;
    pack_limits_default(&lim);
    lim.max_markdown_size = 10;
    assert_int_equal(parse_code("# far too long", 14, &lim, NULL), ERR_MARKDOWN_SIZE);
    pack_limits_default(&lim);
    /* 30,000 list items exceed the block budget long before memory does */
    size_t len = 30000 * 4;
    char *md = malloc(len);
    for (size_t i = 0; i < len; i += 4)
        memcpy(md + i, "- a\n", 4);
    assert_int_equal(parse_code(md, len, &lim, NULL), ERR_MARKDOWN_SIZE);
    free(md);
}

static void pages_must_be_utf8(void **state)
{
    (void)state;
    PackLimits lim;
    pack_limits_default(&lim);
    Doc *d = NULL;
    Err e;
    err_clear(&e);
    const char *cp1251 = "# Title\n\nline two\n\xcf\xf0\xe0\xe2\xe0\n"; /* "Права" in Windows-1251 */
    assert_int_equal(doc_parse(cp1251, strlen(cp1251), &lim, "a.md", &d, &e), -ERR_NOT_UTF8);
    assert_null(d);
    assert_int_equal(e.line, 4);
    assert_string_equal(e.entry, "a.md");
    assert_non_null(strstr(e.msg, "UTF-8"));
    const char *ok = "# Права\n";
    assert_int_equal(doc_parse(ok, strlen(ok), &lim, "a.md", &d, &e), 0);
    doc_free(d);
    /* the model is UTF-8 too: cmark-gfm 0.29 writes &#xFFFF; and &#xFFFE; as lone 0xFF and 0xFE bytes, in text and
       in link targets, which doc puts back as U+FFFF and U+FFFE (the validator refuses them by name, the reader
       draws U+FFFD) */
    const char *ref = "a &#xFFFF; b ![x &#xFFFE;](p&#xFFFF;.png) [c](d&#xFFFE;)\n";
    assert_int_equal(doc_parse(ref, strlen(ref), &lim, "a.md", &d, &e), 0);
    const DocBlock *p = &d->root.children[0];
    assert_string_equal(p->runs[0].text, "a \xEF\xBF\xBF b ");
    assert_string_equal(p->runs[1].text, "x \xEF\xBF\xBE");
    assert_string_equal(p->runs[1].href, "p\xEF\xBF\xBF.png");
    assert_string_equal(p->runs[3].href, "d\xEF\xBF\xBE");
    doc_free(d);
}

static void runs_know_their_lines(void **state)
{
    (void)state;
    PackLimits lim;
    pack_limits_default(&lim);
    const char *md = "# Title\n\nPara one\n\n![alt](img/x.png)\n\n[link](item:b)\n";
    Doc *d;
    assert_int_equal(doc_parse(md, strlen(md), &lim, "x.md", &d, NULL), 0);
    assert_int_equal(d->root.n_children, 4);
    assert_int_equal(d->root.children[0].line, 1);
    assert_int_equal(d->root.children[1].line, 3);
    assert_int_equal(d->root.children[2].runs[0].kind, DOC_RUN_IMAGE);
    assert_int_equal(d->root.children[2].runs[0].line, 5);
    assert_string_equal(d->root.children[3].runs[0].href, "item:b");
    assert_int_equal(d->root.children[3].runs[0].line, 7);
    doc_free(d);
}

/* Collects the line of every run by the words starting with 'X' in its text, or in its link target or image
   path (the validator reports a missing image or a bad link at its run's line). */
typedef struct {
    int lines[32];
    char names[32][16];
    size_t n;
} Marked;

static int collect_marked(const DocRun *r, void *user)
{
    Marked *m = user;
    const char *s = r->kind == DOC_RUN_IMAGE ? r->href : r->href ? r->href : r->text;
    for (const char *p = s; (p = strchr(p, 'X')) && m->n < 32; p++) {
        snprintf(m->names[m->n], sizeof m->names[0], "%.*s", (int)strcspn(p, " |"), p);
        m->lines[m->n++] = r->line;
    }
    return 0;
}

static int line_of(const Marked *m, const char *name)
{
    for (size_t i = 0; i < m->n; i++)
        if (strcmp(m->names[i], name) == 0)
            return m->lines[i];
    return -1;
}

/* Lines of runs inside multi-line paragraphs, lists, quotes and tables, after a code span that crosses a line
   end, and after link reference definitions (which cmark-gfm takes off a paragraph's start). */
static void runs_know_their_lines_in_containers(void **state)
{
    (void)state;
    PackLimits lim;
    pack_limits_default(&lim);
    const char *md = "Para line one\n"            /* 1 */
                     "two ![a](X2.png) `code\n"   /* 2 */
                     "span` then [b](X3.md)\n"    /* 3 */
                     "\n"                         /* 4 */
                     "- item one\n"               /* 5 */
                     "  more ![c](X6.png)\n"      /* 6 */
                     "\n"                         /* 7 */
                     "  second para [d](X8.md)\n" /* 8 */
                     "> quoted\n"                 /* 9 */
                     "> ![e](X10.png)\n"          /* 10 */
                     "\n"                         /* 11 */
                     "| A | B |\n"                /* 12 */
                     "|---|---|\n"                /* 13 */
                     "| x | y |\n"                /* 14 */
                     "| z | ![f](X15.png) |\n"    /* 15 */
                     "\n"                         /* 16 */
                     "[ref]: /url\n"              /* 17 */
                     "[ref2]: /other\n"           /* 18 */
                     "After refs ![g](X19.png)\n" /* 19 */
                     "[next](X20.md) line\n"      /* 20 */
                     "\n"                         /* 21 */
                     "<div>\n"                    /* 22 */
                     "X23 raw\n"                  /* 23 */
                     "</div>\n";                  /* 24 */
    Doc *d;
    assert_int_equal(doc_parse(md, strlen(md), &lim, "x.md", &d, NULL), 0);
    Marked m = {0};
    doc_each_run(d, collect_marked, &m);
    static const char *const names[] = {"X2.png",  "X3.md",   "X6.png", "X8.md", "X10.png",
                                        "X15.png", "X19.png", "X20.md", "X23"};
    static const int want[] = {2, 3, 6, 8, 10, 15, 19, 20, 23};
    for (size_t i = 0; i < sizeof want / sizeof *want; i++) {
        if (line_of(&m, names[i]) != want[i])
            fprintf(stderr, "%s: line %d, want %d\n", names[i], line_of(&m, names[i]), want[i]);
        assert_int_equal(line_of(&m, names[i]), want[i]);
    }
    /* blocks: the list and its items where they start, the paragraph after the definitions at its text */
    assert_int_equal(d->root.children[1].type, DOC_LIST);
    assert_int_equal(d->root.children[1].line, 5);
    assert_int_equal(d->root.children[3].type, DOC_TABLE);
    assert_int_equal(d->root.children[3].children[2].line, 15);
    assert_int_equal(d->root.children[4].line, 19);
    doc_free(d);
}

/* NUL bytes and numeric references to nothing (U+0000, surrogates, past U+10FFFF) become U+FFFD. */
static void nul_bytes_become_replacement_characters(void **state)
{
    (void)state;
    static const char md[] = "a\0b &#0; &#xD800;\n";
    char *got = dump(md, sizeof md - 1);
    assert_non_null(got);
    assert_string_equal(got, "paragraph\n  text \"a\xef\xbf\xbd"
                             "b \xef\xbf\xbd \xef\xbf\xbd\"\n");
    free(got);
}

/* A page that would make the parser take memory or time without bound is refused with a message, quickly:
   a table header of 1,000 columns makes every later line a row of 1,000 cells (gigabytes from 44 KB). */
static void pages_too_complex_for_the_parser_are_refused(void **state)
{
    (void)state;
    PackLimits lim;
    pack_limits_default(&lim);
    size_t cap = 64 << 10, n = 0;
    char *md = malloc(cap);
    n += (size_t)snprintf(md, cap, "# Wide\n\n|");
    for (int i = 0; i < 1000; i++)
        n += (size_t)snprintf(md + n, cap - n, "a|");
    n += (size_t)snprintf(md + n, cap - n, "\n|");
    for (int i = 0; i < 1000; i++)
        n += (size_t)snprintf(md + n, cap - n, "-|");
    n += (size_t)snprintf(md + n, cap - n, "\n");
    while (n + 2 < cap) {
        md[n++] = 'a';
        md[n++] = '\n';
    }
    Doc *d = NULL;
    Err e;
    err_clear(&e);
    assert_int_equal(doc_parse(md, n, &lim, "wide.md", &d, &e), -ERR_MARKDOWN_PARSE);
    assert_null(d);
    assert_string_equal(e.entry, "wide.md");
    assert_non_null(strstr(e.msg, "too complex"));
    free(md);
}

/* Inputs the fuzzer found, parsed from the very end of a page followed by an unmapped page, so that any read
   past the input crashes here instead of passing by luck (md4c, the parser before cmark-gfm, read past an
   unfinished link destination at the very end of this one). */
static void fuzz_regressions(void **state)
{
    (void)state;
    size_t len;
    char *text = read_file("fuzz/regressions/overread-link.md", &len);
    assert_non_null(text);
    char *exact = fx_guarded(len); /* a read past the text crashes */
    assert_non_null(exact);
    memcpy(exact, text, len);
    free(text);
    char *got = dump(exact, len);
    assert_non_null(got);
    assert_non_null(strstr(got, "heading level=1\n  text \"A rn.\"\nparagraph\n"));
    free(got);
    fx_guarded_free(exact, len);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(golden_files),
        cmocka_unit_test(nesting_deeper_than_the_limit_is_refused),
        cmocka_unit_test(size_and_block_limits),
        cmocka_unit_test(runs_know_their_lines),
        cmocka_unit_test(fuzz_regressions),
        cmocka_unit_test(pages_must_be_utf8),
        cmocka_unit_test(runs_know_their_lines_in_containers),
        cmocka_unit_test(nul_bytes_become_replacement_characters),
        cmocka_unit_test(pages_too_complex_for_the_parser_are_refused),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
