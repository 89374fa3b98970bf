/* Unit tests for core/userdir: portable mode, XDG folders, atomic writes. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "core/userdir.h"
#include "fixture.h"

static void portable_marker_keeps_data_beside_the_program(void **state)
{
    (void)state;
    char exe[600];
    snprintf(exe, sizeof exe, "%s/stick", fx_dir);
    assert_int_equal(fx_write(exe, "beseda", "", 0), 0);
    UserDirs d;
    Err e;
    setenv("XDG_DATA_HOME", "/xdg/data", 1);
    setenv("XDG_CONFIG_HOME", "/xdg/config", 1);
    assert_int_equal(userdir_resolve(exe, NULL, &d, &e), 0);
    assert_false(d.portable);
    assert_string_equal(d.data_dir, "/xdg/data/beseda");
    assert_string_equal(d.config_dir, "/xdg/config/beseda");
    assert_int_equal(fx_write(exe, "portable", "", 0), 0);
    assert_int_equal(userdir_resolve(exe, NULL, &d, &e), 0);
    assert_true(d.portable);
    char want[700];
    snprintf(want, sizeof want, "%s/data", exe);
    assert_string_equal(d.data_dir, want);
    assert_string_equal(d.config_dir, want);
    /* --data wins over both */
    assert_int_equal(userdir_resolve(exe, "/elsewhere", &d, &e), 0);
    assert_string_equal(d.data_dir, "/elsewhere");
}

static void xdg_defaults_and_missing_home(void **state)
{
    (void)state;
    UserDirs d;
    Err e;
    unsetenv("XDG_DATA_HOME");
    setenv("XDG_CONFIG_HOME", "relative/is/ignored", 1);
    setenv("HOME", "/home/student", 1);
    assert_int_equal(userdir_resolve(fx_dir, NULL, &d, &e), 0);
    assert_string_equal(d.data_dir, "/home/student/.local/share/beseda");
    assert_string_equal(d.config_dir, "/home/student/.config/beseda");
    unsetenv("HOME");
    unsetenv("XDG_CONFIG_HOME");
    err_clear(&e);
    assert_int_not_equal(userdir_resolve(fx_dir, NULL, &d, &e), 0);
    assert_non_null(strstr(e.msg, "--data"));
}

static void atomic_write_replaces_whole_files(void **state)
{
    (void)state;
    char sub[700], path[800];
    snprintf(sub, sizeof sub, "%s/a/b/c", fx_dir);
    Err e;
    assert_int_equal(userdir_mkdirs(sub, &e), 0);
    struct stat st;
    assert_int_equal(stat(sub, &st), 0);
    assert_true(S_ISDIR(st.st_mode));
    snprintf(path, sizeof path, "%s/f", sub);
    assert_int_equal(userdir_write_atomic(path, "one\n", 4, &e), 0);
    assert_int_equal(userdir_write_atomic(path, "second\n", 7, &e), 0);
    FILE *f = fopen(path, "r");
    char buf[32] = "";
    assert_non_null(fgets(buf, sizeof buf, f));
    fclose(f);
    assert_string_equal(buf, "second\n");
    char tmp[820];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    assert_int_not_equal(stat(tmp, &st), 0); /* no temporary file is left */
    /* a folder that cannot be written: an error naming the file, and the old file untouched */
    snprintf(path, sizeof path, "%s/missing/f", sub);
    err_clear(&e);
    assert_int_not_equal(userdir_write_atomic(path, "x", 1, &e), 0);
    assert_non_null(strstr(e.msg, "missing/f"));
    /* a file where a folder should be */
    snprintf(path, sizeof path, "%s/f/x", sub);
    assert_int_not_equal(userdir_mkdirs(path, &e), 0);
}

static void exe_dir_is_this_programs_folder(void **state)
{
    (void)state;
    char d[4096];
    Err e;
    assert_int_equal(userdir_exe_dir(d, sizeof d, &e), 0);
    assert_non_null(strstr(d, "/tests"));
    assert_int_not_equal(userdir_exe_dir(d, 3, &e), 0);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(portable_marker_keeps_data_beside_the_program),
        cmocka_unit_test(xdg_defaults_and_missing_home),
        cmocka_unit_test(atomic_write_replaces_whole_files),
        cmocka_unit_test(exe_dir_is_this_programs_folder),
    };
    return cmocka_run_group_tests(tests, fx_group_setup, fx_group_teardown);
}
