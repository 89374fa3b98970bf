/* Unit tests for core/pack: folders and archives, lazy reads, streaming, and each directory limit. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "core/manifest.h"
#include "core/pack.h"
#include "fixture.h"
#include "fx_os.h"

static char *dir;
static char zip_path[600];
static const char *const NAMES[] = {"pack.json", "lessons/a.md", "lessons/q.json"};

static int setup(void **state)
{
    (void)state;
    dir = fx_tmpdir();
    char src[600];
    snprintf(src, sizeof src, "%s/src", dir);
    snprintf(zip_path, sizeof zip_path, "%s/p.beseda", dir);
    return fx_minimal_pack(src, "# Hello\n\nSome text.\n") || fx_zip(zip_path, src, NAMES, 3);
}

static int teardown(void **state)
{
    (void)state;
    fx_cleanup(dir);
    return 0;
}

static void opens_archive_and_folder_alike(void **state)
{
    (void)state;
    char src[600];
    snprintf(src, sizeof src, "%s/src", dir);
    const char *paths[] = {zip_path, src};
    for (int i = 0; i < 2; i++) {
        Pack *p;
        Err e;
        memset(&e, 0, sizeof e);
        assert_int_equal(pack_open(paths[i], NULL, &p, &e), 0);
        assert_int_equal(pack_is_folder(p), i);
        assert_int_equal(pack_entry_count(p), 3);
        assert_string_equal(pack_entry_name(p, 0), "lessons/a.md"); /* sorted */
        assert_true(pack_find(p, "pack.json") >= 0);
        assert_int_equal(pack_find(p, "nope"), -1);
        assert_string_equal(pack_manifest(p)->title, "T");
        char *text;
        size_t len;
        assert_int_equal(pack_read(p, "lessons/a.md", 1000, &text, &len, &e), 0);
        assert_string_equal(text, "# Hello\n\nSome text.\n");
        assert_int_equal(len, 20);
        free(text);
        assert_int_equal(pack_read(p, "lessons/a.md", 10, &text, &len, &e), -(int)ERR_ENTRY_SIZE);
        assert_null(text);
        assert_int_equal(pack_read(p, "missing.md", 10, &text, &len, &e), -(int)ERR_MISSING_FILE);
        /* streaming in small pieces gives the same bytes */
        PackStream *s;
        assert_int_equal(pack_stream_open(p, "lessons/a.md", &s, &e), 0);
        char buf[64];
        size_t got = 0;
        ssize_t r;
        while ((r = pack_stream_read(s, buf + got, 3, &e)) > 0)
            got += (size_t)r;
        assert_int_equal(r, 0);
        assert_int_equal(got, 20);
        assert_memory_equal(buf, "# Hello\n\nSome text.\n", 20);
        pack_stream_close(s);
        pack_close(p);
    }
}

static void not_a_pack(void **state)
{
    (void)state;
    char path[700];
    snprintf(path, sizeof path, "%s/plain.txt", dir);
    fx_write(dir, "plain.txt", "hello, I am not a zip archive at all", (size_t)-1);
    Pack *p;
    Err e;
    memset(&e, 0, sizeof e);
    assert_int_equal(pack_open(path, NULL, &p, &e), -(int)ERR_NOT_A_PACK);
    assert_null(p);
    assert_string_equal(e.pack, "plain.txt");
    snprintf(path, sizeof path, "%s/does-not-exist.beseda", dir);
    assert_int_equal(pack_open(path, NULL, &p, &e), -(int)ERR_NOT_FOUND);
    /* a device (Windows: NUL) */
    assert_int_equal(pack_open(fx_windows ? "NUL" : "/dev/null", NULL, &p, &e), -(int)ERR_NOT_A_PACK);
    /* a zip without pack.json */
    char src[700];
    snprintf(src, sizeof src, "%s/src", dir);
    snprintf(path, sizeof path, "%s/nomanifest.zip", dir);
    assert_int_equal(fx_zip(path, src, NAMES + 1, 2), 0);
    assert_int_equal(pack_open(path, NULL, &p, &e), -(int)ERR_MISSING_FILE);
    assert_string_equal(e.entry, "pack.json");
    assert_int_equal(pack_open_archive(path, NULL, &p, &e), 0); /* the directory alone is fine */
    pack_close(p);
}

static int open_code(const char *path, const PackLimits *lim)
{
    Pack *p;
    Err e;
    memset(&e, 0, sizeof e);
    int rc = pack_open(path, lim, &p, &e);
    if (rc == 0)
        pack_close(p);
    return rc ? (int)e.code : 0;
}

static void each_directory_limit(void **state)
{
    (void)state;
    PackLimits lim;
    pack_limits_default(&lim);
    lim.max_archive_size = 100;
    assert_int_equal(open_code(zip_path, &lim), ERR_ARCHIVE_SIZE);
    pack_limits_default(&lim);
    lim.max_entries = 2;
    assert_int_equal(open_code(zip_path, &lim), ERR_ENTRY_COUNT);
    pack_limits_default(&lim);
    lim.max_entry_size = 100;
    assert_int_equal(open_code(zip_path, &lim), ERR_ENTRY_SIZE);
    pack_limits_default(&lim);
    lim.max_total_size = 300;
    assert_int_equal(open_code(zip_path, &lim), ERR_TOTAL_SIZE);
    pack_limits_default(&lim);
    lim.max_name_len = 10;
    assert_int_equal(open_code(zip_path, &lim), ERR_NAME_LENGTH);
    pack_limits_default(&lim);
    lim.max_json_size = 50;
    assert_int_equal(open_code(zip_path, &lim), ERR_MANIFEST_SIZE);
    /* the same limits hold for folders */
    char src[700];
    snprintf(src, sizeof src, "%s/src", dir);
    pack_limits_default(&lim);
    lim.max_entries = 2;
    assert_int_equal(open_code(src, &lim), ERR_ENTRY_COUNT);
    pack_limits_default(&lim);
    lim.max_entry_size = 100;
    assert_int_equal(open_code(src, &lim), ERR_ENTRY_SIZE);
}

static void compression_ratio(void **state)
{
    (void)state;
    char d[700], path[700];
    snprintf(d, sizeof d, "%s/ratio", dir);
    size_t n = 2 << 20;
    char *zeros = calloc(1, n);
    assert_int_equal(fx_minimal_pack(d, "# x\n"), 0);
    assert_int_equal(fx_write(d, "big.txt", zeros, n), 0);
    free(zeros);
    snprintf(path, sizeof path, "%s/ratio.zip", dir);
    const char *names[] = {"pack.json", "lessons/a.md", "lessons/q.json", "big.txt"};
    assert_int_equal(fx_zip(path, d, names, 4), 0);
    assert_int_equal(open_code(path, NULL), ERR_RATIO);
    PackLimits lim;
    pack_limits_default(&lim);
    lim.max_ratio = 5000;
    assert_int_equal(open_code(path, &lim), 0);
}

static void folder_rules(void **state)
{
    (void)state;
    char d[700], path[800];
    snprintf(d, sizeof d, "%s/folder", dir);
    assert_int_equal(fx_minimal_pack(d, "# x\n"), 0);
    assert_int_equal(fx_write(d, ".git/config", "hidden", (size_t)-1), 0);
    assert_int_equal(open_code(d, NULL), 0); /* hidden files are not part of the pack */
    if (fx_windows) {                        /* its file names ignore case: Lessons/A.md would be lessons/a.md itself */
        print_message("skipped on Windows: two names that differ only in case in one folder\n");
    } else {
        assert_int_equal(fx_write(d, "Lessons/A.md", "x", (size_t)-1), 0);
        assert_int_equal(open_code(d, NULL), ERR_DUPLICATE_FOLDED);
        snprintf(path, sizeof path, "%s/Lessons/A.md", d);
        os_remove(path);
        snprintf(path, sizeof path, "%s/Lessons", d);
        os_rmdir(path);
    }
    snprintf(path, sizeof path, "%s/link.md", d);
    if (fx_symlink("/etc/passwd", path) == 0) {
        assert_int_equal(open_code(d, NULL), ERR_SYMLINK);
        os_remove(path);
    } else {
        print_message("skipped here: a symbolic link in a pack folder (this system needs administrator rights to "
                      "make one)\n");
    }
    if (!fx_windows) { /* Windows itself takes '\\' as a separator: such a name cannot be made there */
        snprintf(path, sizeof path, "%s/bad\\name.md", d);
        assert_int_equal(fx_write(d, "bad\\name.md", "x", (size_t)-1), 0);
        assert_int_equal(open_code(d, NULL), ERR_NAME_BACKSLASH);
        os_remove(path);
    }
    assert_int_equal(open_code(d, NULL), 0);
}

static void collect_lists_every_directory_problem(void **state)
{
    (void)state;
    char d[700], path[800];
    if (fx_windows) {
        print_message("skipped on Windows: its file names cannot hold '\\' or a tab, and a link needs "
                      "administrator rights\n");
        skip();
    }
    snprintf(d, sizeof d, "%s/many", dir);
    assert_int_equal(fx_minimal_pack(d, "# x\n"), 0);
    fx_write(d, "a\\b.md", "x", (size_t)-1);
    fx_write(d, "c\td.md", "x", (size_t)-1);
    snprintf(path, sizeof path, "%s/e.md", d);
    assert_int_equal(fx_symlink("pack.json", path), 0);
    static ErrList all;
    errlist_init(&all);
    Pack *p;
    assert_int_not_equal(pack_open_collect(d, NULL, &p, &all), 0);
    assert_int_equal(all.count, 3);
    assert_true(errlist_has(&all, ERR_NAME_BACKSLASH));
    assert_true(errlist_has(&all, ERR_NAME_CONTROL));
    assert_true(errlist_has(&all, ERR_SYMLINK));
}

/* A folder file that changes after the scan is noticed, not read past its checked size. */
static void folder_file_changed_after_open(void **state)
{
    (void)state;
    char d[700];
    snprintf(d, sizeof d, "%s/changing", dir);
    assert_int_equal(fx_minimal_pack(d, "# short\n"), 0);
    Pack *p;
    Err e;
    memset(&e, 0, sizeof e);
    assert_int_equal(pack_open(d, NULL, &p, &e), 0);
    assert_int_equal(fx_write(d, "lessons/a.md", "# much longer than before\n", (size_t)-1), 0);
    char *text;
    size_t len;
    assert_int_equal(pack_read(p, "lessons/a.md", 1000, &text, &len, &e), -(int)ERR_SIZE_LIE);
    assert_null(text);
    assert_int_equal(fx_write(d, "lessons/a.md", "#", (size_t)-1), 0);
    assert_int_equal(pack_read(p, "lessons/a.md", 1000, &text, &len, &e), -(int)ERR_SIZE_LIE);
    pack_close(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(opens_archive_and_folder_alike),
        cmocka_unit_test(not_a_pack),
        cmocka_unit_test(each_directory_limit),
        cmocka_unit_test(compression_ratio),
        cmocka_unit_test(folder_rules),
        cmocka_unit_test(collect_lists_every_directory_problem),
        cmocka_unit_test(folder_file_changed_after_open),
    };
    return cmocka_run_group_tests(tests, setup, teardown);
}
