/* Unit tests for core/userdir: portable mode, XDG folders (Windows: the roaming application data folder), atomic
   writes, Cyrillic names. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "core/userdir.h"
#include "fixture.h"
#include "fx_os.h"

/* What the system's own folder of that kind gives, with Beseda's folder name added. */
static void system_folder(OsFolder which, char *out, size_t size)
{
    char base[600];
    assert_int_equal(os_user_folder(which, base, sizeof base), 0);
    snprintf(out, size, "%s/%s", base, os_app_folder_name());
}

static void portable_marker_keeps_data_beside_the_program(void **state)
{
    (void)state;
    char exe[600];
    snprintf(exe, sizeof exe, "%s/stick", fx_dir);
    assert_int_equal(fx_write(exe, "beseda", "", 0), 0);
    UserDirs d;
    Err e;
    os_setenv("XDG_DATA_HOME", "/xdg/data");
    os_setenv("XDG_CONFIG_HOME", "/xdg/config");
    assert_int_equal(userdir_resolve(exe, NULL, &d, &e), 0);
    assert_false(d.portable);
    char want_data[700], want_config[700];
    system_folder(OS_FOLDER_DATA, want_data, sizeof want_data);
    system_folder(OS_FOLDER_CONFIG, want_config, sizeof want_config);
    assert_string_equal(d.data_dir, fx_windows ? want_data : "/xdg/data/beseda");
    assert_string_equal(d.config_dir, fx_windows ? want_config : "/xdg/config/beseda");
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
    if (fx_windows) { /* the Windows variant: the roaming application data folder, whatever HOME says */
        os_setenv("HOME", NULL);
        assert_int_equal(userdir_resolve(fx_dir, NULL, &d, &e), 0);
        size_t n = strlen(d.data_dir);
        assert_true(os_path_root_len(d.data_dir) >= 2);
        assert_true(n > 7 && strcmp(d.data_dir + n - 7, "/Beseda") == 0);
        assert_null(strchr(d.data_dir, '\\'));
        assert_string_equal(d.config_dir, d.data_dir);
        return;
    }
    os_setenv("XDG_DATA_HOME", NULL);
    os_setenv("XDG_CONFIG_HOME", "relative/is/ignored");
    os_setenv("HOME", "/home/student");
    assert_int_equal(userdir_resolve(fx_dir, NULL, &d, &e), 0);
    assert_string_equal(d.data_dir, "/home/student/.local/share/beseda");
    assert_string_equal(d.config_dir, "/home/student/.config/beseda");
    os_setenv("HOME", NULL);
    os_setenv("XDG_CONFIG_HOME", NULL);
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
    OsStat st;
    assert_int_equal(os_stat(sub, &st), 0);
    assert_int_equal(st.type, OS_FILE_DIR);
    snprintf(path, sizeof path, "%s/f", sub);
    assert_int_equal(userdir_write_atomic(path, "one\n", 4, &e), 0);
    assert_int_equal(userdir_write_atomic(path, "second\n", 7, &e), 0);
    FILE *f = os_fopen(path, "r");
    char buf[32] = "";
    assert_non_null(fgets(buf, sizeof buf, f));
    fclose(f);
    assert_string_equal(buf, "second\n");
    char tmp[820];
    snprintf(tmp, sizeof tmp, "%s.tmp", path);
    assert_int_not_equal(os_stat(tmp, &st), 0); /* no temporary file is left */
    /* a folder that cannot be written: an error naming the file, and the old file untouched */
    snprintf(path, sizeof path, "%s/missing/f", sub);
    err_clear(&e);
    assert_int_not_equal(userdir_write_atomic(path, "x", 1, &e), 0);
    assert_non_null(strstr(e.msg, "missing/f"));
    /* a file where a folder should be */
    snprintf(path, sizeof path, "%s/f/x", sub);
    assert_int_not_equal(userdir_mkdirs(path, &e), 0);
}

/* A Cyrillic folder and file name (Windows takes them only through the wide calls), and a file replaced while
   another reader still has it open (Linux: replaced; Windows: refused with a message, nothing lost). */
static void cyrillic_names_and_replacing_an_open_file(void **state)
{
    (void)state;
    char sub[700], path[800];
    snprintf(sub, sizeof sub, "%s/Беседа/урок-права", fx_dir);
    Err e;
    err_clear(&e);
    assert_int_equal(userdir_mkdirs(sub, &e), 0);
    snprintf(path, sizeof path, "%s/ответы.json", sub);
    assert_int_equal(userdir_write_atomic(path, "первый", strlen("первый"), &e), 0);
    FILE *open_reader = os_fopen(path, "rb");
    assert_non_null(open_reader);
    if (fx_windows) {
        /* Windows cannot replace a file another program holds open (after a short wait for one that only looks,
           as a virus scanner does): a clear error, the old file whole, no temporary file left */
        err_clear(&e);
        assert_int_not_equal(userdir_write_atomic(path, "второй", strlen("второй"), &e), 0);
        assert_non_null(strstr(e.msg, "ответы.json"));
        char tmp[820], old[16] = "";
        snprintf(tmp, sizeof tmp, "%s.tmp", path);
        assert_false(os_exists(tmp));
        assert_int_equal(fread(old, 1, sizeof old - 1, open_reader), strlen("первый"));
        assert_string_equal(old, "первый");
        fclose(open_reader);
        assert_int_equal(userdir_write_atomic(path, "второй", strlen("второй"), &e), 0);
    } else {
        assert_int_equal(userdir_write_atomic(path, "второй", strlen("второй"), &e), 0);
        fclose(open_reader);
    }
    char copy[820];
    snprintf(copy, sizeof copy, "%s/копия.json", sub);
    assert_int_equal(userdir_copy_atomic(path, copy, &e), 0);
    FILE *f = os_fopen(copy, "rb");
    assert_non_null(f);
    char buf[64] = "";
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    buf[n] = '\0';
    assert_string_equal(buf, "второй");
    /* the folder lists the names as they were written */
    OsDir *d = os_dir_open(sub);
    assert_non_null(d);
    const char *name;
    int seen = 0;
    OsStat st;
    while (os_dir_next(d, &name, &st) == 1)
        seen += (strcmp(name, "ответы.json") == 0 || strcmp(name, "копия.json") == 0) && st.type == OS_FILE_REG &&
                st.size == strlen("второй");
    os_dir_close(d);
    assert_int_equal(seen, 2);
}

/* The system's interface languages: the variables gettext honours first (as on Linux), else Linux has none and
   Windows names the user's display languages (GetUserPreferredUILanguages, tags such as "en-US"). */
static void system_languages(void **state)
{
    (void)state;
    char langs[4][64];
    os_setenv("LC_ALL", NULL);
    os_setenv("LC_MESSAGES", NULL);
    os_setenv("LANG", "ru_RU.UTF-8");
    assert_int_equal(os_ui_languages(langs, 4), 1);
    assert_string_equal(langs[0], "ru_RU.UTF-8");
    os_setenv("LANG", NULL);
    size_t n = os_ui_languages(langs, 4);
    if (fx_windows) {
        assert_true(n >= 1);
        assert_true(strlen(langs[0]) >= 2 && langs[0][0] >= 'a' && langs[0][0] <= 'z');
    } else {
        assert_int_equal(n, 0);
    }
}

/* Running another program (beseda-pack runs msgmerge): its exit status comes back; a missing one is an error. */
static void running_a_program(void **state)
{
    (void)state;
    const char *const three[] = {fx_windows ? "cmd" : "sh", fx_windows ? "/c" : "-c", "exit 3", NULL};
    int status = -1;
    assert_int_equal(os_run(three, &status), 0);
    assert_int_equal(status, 3);
    const char *const missing[] = {"beseda-no-such-program", NULL};
    assert_int_not_equal(os_run(missing, &status), 0);
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

/* The program's own files: beside it (build tree, portable folder, Windows), or in PREFIX/share for an installed
   PREFIX/bin/beseda; translations in PREFIX/share/locale then. */
static void share_dir_beside_the_program_or_installed(void **state)
{
    (void)state;
    char *root = fx_tmpdir(), exe[600], out[700], want[700];
    assert_non_null(root);
    /* installed: PREFIX/bin has nothing but the programs */
    snprintf(exe, sizeof exe, "%s/usr/bin", root);
    assert_int_equal(fx_write(exe, "beseda", "", 0), 0);
    assert_int_equal(fx_write(root, "usr/share/beseda/assets/fonts/PTF55F.ttf", "", 0), 0);
    assert_int_equal(fx_write(root, "usr/share/locale/ru/LC_MESSAGES/beseda.mo", "", 0), 0);
    userdir_share_dir(exe, out, sizeof out);
    snprintf(want, sizeof want, "%s/../share/beseda", exe);
    assert_string_equal(out, want);
    userdir_locale_dir(exe, out, sizeof out);
    snprintf(want, sizeof want, "%s/../share/locale", exe);
    assert_string_equal(out, want);
    /* a folder that has its own files wins: the build tree, a portable copy */
    assert_int_equal(fx_write(exe, "assets/fonts/PTF55F.ttf", "", 0), 0);
    assert_int_equal(fx_write(exe, "locale/nl/LC_MESSAGES/beseda.mo", "", 0), 0);
    userdir_share_dir(exe, out, sizeof out);
    assert_string_equal(out, exe);
    userdir_locale_dir(exe, out, sizeof out);
    snprintf(want, sizeof want, "%s/locale", exe);
    assert_string_equal(out, want);
    /* neither: the program's own folder, where the missing font will be reported */
    snprintf(exe, sizeof exe, "%s/lonely", root);
    assert_int_equal(fx_write(exe, "beseda", "", 0), 0);
    userdir_share_dir(exe, out, sizeof out);
    assert_string_equal(out, exe);
    fx_cleanup(root);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(portable_marker_keeps_data_beside_the_program),
        cmocka_unit_test(xdg_defaults_and_missing_home),
        cmocka_unit_test(atomic_write_replaces_whole_files),
        cmocka_unit_test(cyrillic_names_and_replacing_an_open_file),
        cmocka_unit_test(system_languages),
        cmocka_unit_test(running_a_program),
        cmocka_unit_test(exe_dir_is_this_programs_folder),
        cmocka_unit_test(share_dir_beside_the_program_or_installed),
    };
    return cmocka_run_group_tests(tests, fx_group_setup, fx_group_teardown);
}
