/* Unit tests for core/doc: golden files (Markdown, '.', expected model dump) and the parser's limits. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "core/doc.h"

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
    char *out = NULL;
    size_t outlen = 0;
    FILE *f = open_memstream(&out, &outlen);
    doc_dump(d, f);
    fclose(f);
    doc_free(d);
    return out;
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
        char *expected = strndup(dot + 3, (size_t)(end - dot - 3));
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

/* Inputs the fuzzer found, parsed from the very end of a page followed by an unmapped page, so that any read
   past the input crashes here instead of passing by luck. */
static void fuzz_regressions(void **state)
{
    (void)state;
    size_t len;
    char *text = read_file("fuzz/regressions/md4c-overread-link.md", &len);
    assert_non_null(text);
    size_t page = (size_t)sysconf(_SC_PAGESIZE);
    assert_true(len <= page);
    char *map = mmap(NULL, 2 * page, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
    assert_true(map != MAP_FAILED);
    assert_int_equal(mprotect(map + page, page, PROT_NONE), 0);
    char *exact = map + page - len;
    memcpy(exact, text, len);
    free(text);
    char *got = dump(exact, len);
    assert_non_null(got);
    assert_non_null(strstr(got, "heading level=1\n  text \"A rn.\"\nparagraph\n"));
    free(got);
    munmap(map, 2 * page);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(golden_files),          cmocka_unit_test(nesting_deeper_than_the_limit_is_refused),
        cmocka_unit_test(size_and_block_limits), cmocka_unit_test(runs_know_their_lines),
        cmocka_unit_test(fuzz_regressions),      cmocka_unit_test(pages_must_be_utf8),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
