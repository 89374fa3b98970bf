/* Unit tests for core/progress: migrations (schema steps and the interim reading file), answers and their
   attempts, forgetting, a damaged or newer file, an unwritable place. A full disk and the crash test are in
   test_progress_crash.c. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/progress.h"
#include "fixture.h"
#include "progress_fx.h"

static void positions_seen_and_languages(void **state)
{
    (void)state;
    char db[512];
    path_in(db, sizeof db, "basic.db");
    Progress *p;
    Err e;
    err_clear(&e);
    assert_int_equal(progress_open(db, NULL, 0, &p, &e), 0);
    assert_int_equal(e.code, ERR_OK);
    assert_true(progress_saving(p));
    assert_int_equal(progress_set_position(p, "org.x", "intro", 2500, &e), 0);
    assert_int_equal(progress_set_position(p, "org.x", "quiz", 12000, &e), 0); /* clamped */
    assert_int_equal(progress_mark_seen(p, "org.x", "intro", &e), 0);
    assert_int_equal(progress_mark_seen(p, "org.x", "intro", &e), 0);
    assert_int_equal(progress_mark_seen(p, "org.x", "quiz", &e), 0);
    assert_int_equal(progress_mark_seen(p, "org.y", "intro", &e), 0);
    assert_int_equal(progress_set_lang(p, "org.x", "ru", &e), 0);
    progress_close(p);

    assert_int_equal(progress_open(db, NULL, 0, &p, &e), 0);
    char item[64], lang[16];
    int pm = -1;
    assert_true(progress_position(p, "org.x", item, sizeof item, &pm));
    assert_string_equal(item, "quiz");
    assert_int_equal(pm, 10000);
    assert_false(progress_position(p, "org.z", item, sizeof item, &pm));
    assert_int_equal(progress_seen_count(p, "org.x"), 2);
    assert_true(progress_seen(p, "org.y", "intro"));
    assert_false(progress_seen(p, "org.y", "quiz"));
    assert_true(progress_lang(p, "org.x", lang, sizeof lang));
    assert_string_equal(lang, "ru");
    progress_close(p);
    assert_int_equal(sql_int(db, "PRAGMA user_version"), PROGRESS_SCHEMA);
    assert_int_equal(sql_int(db, "SELECT count(*) FROM pragma_journal_mode WHERE journal_mode='wal'"), 1);
}

static void answers_keep_attempts_and_best(void **state)
{
    (void)state;
    char db[512];
    path_in(db, sizeof db, "answers.db");
    Progress *p;
    Err e;
    err_clear(&e);
    assert_int_equal(progress_open(db, NULL, 0, &p, &e), 0);
    ProgressAnswer a;
    assert_false(progress_load_answer(p, "org.x", "quiz", &a));
    assert_int_equal(progress_save_answer(p, "org.x", "quiz", "s1", "{\"v\":[1]}", 0.5, 1, 1, &e), 0);
    assert_int_equal(progress_save_answer(p, "org.x", "quiz", "s1", "{\"v\":[2]}", 1.0, 1, 1, &e), 0);
    assert_int_equal(progress_save_answer(p, "org.x", "quiz", "s1", "{\"v\":[3]}", 0.25, 1, 1, &e), 0);
    assert_int_equal(progress_save_answer(p, "org.x", "quiz", "s1", "{\"v\":[4]}", 0.25, 0, 0, &e), 0); /* typing */
    assert_true(progress_load_answer(p, "org.x", "quiz", &a));
    assert_string_equal(a.answer, "{\"v\":[4]}");
    assert_string_equal(a.shape, "s1");
    assert_int_equal(a.attempts, 3);
    assert_float_equal(a.best, 1.0, 1e-9);
    assert_float_equal(a.score, 0.25, 1e-9);
    assert_false(a.checked);
    progress_answer_free(&a);
    /* a new version of the exercise (another shape) starts its count again */
    assert_int_equal(progress_save_answer(p, "org.x", "quiz", "s2", "{\"v\":[0]}", 0.0, 1, 1, &e), 0);
    assert_true(progress_load_answer(p, "org.x", "quiz", &a));
    assert_int_equal(a.attempts, 1);
    assert_float_equal(a.best, 0.0, 1e-9);
    progress_answer_free(&a);
    /* too long to store */
    char *big = malloc(PROGRESS_MAX_ANSWER + 2);
    memset(big, 'x', PROGRESS_MAX_ANSWER + 1);
    big[PROGRESS_MAX_ANSWER + 1] = '\0';
    assert_int_not_equal(progress_save_answer(p, "org.x", "big", "s", big, -1, 0, 0, &e), 0);
    assert_int_equal(e.code, ERR_STRING_SIZE);
    free(big);
    progress_close(p);
}

static void forget_one_pack_or_everything(void **state)
{
    (void)state;
    char db[512];
    path_in(db, sizeof db, "forget.db");
    Progress *p;
    Err e;
    err_clear(&e);
    assert_int_equal(progress_open(db, NULL, 0, &p, &e), 0);
    const char *packs[] = {"org.a", "org.b"};
    for (int i = 0; i < 2; i++) {
        progress_set_position(p, packs[i], "x", 10, &e);
        progress_mark_seen(p, packs[i], "x", &e);
        progress_set_lang(p, packs[i], "nl", &e);
        progress_save_answer(p, packs[i], "x", "s", "{}", 1, 1, 1, &e);
    }
    assert_int_equal(progress_forget_pack(p, "org.a", &e), 0);
    ProgressAnswer a;
    char buf[32];
    int pm;
    assert_false(progress_load_answer(p, "org.a", "x", &a));
    assert_false(progress_seen(p, "org.a", "x"));
    assert_false(progress_position(p, "org.a", buf, sizeof buf, &pm));
    assert_false(progress_lang(p, "org.a", buf, sizeof buf));
    assert_true(progress_load_answer(p, "org.b", "x", &a));
    progress_answer_free(&a);
    progress_close(p);
    assert_int_equal(sql_int(db, "SELECT count(*) FROM (SELECT pack FROM position UNION SELECT pack FROM seen UNION "
                                 "SELECT pack FROM lang UNION SELECT pack FROM answer) WHERE pack='org.a'"),
                     0);
    assert_int_equal(sql_int(db, "SELECT count(*) FROM answer WHERE pack='org.b'"), 1);
    assert_int_equal(progress_open(db, NULL, 0, &p, &e), 0);
    assert_int_equal(progress_forget_all(p, &e), 0);
    progress_close(p);
    /* gone from the file, not only from this connection */
    assert_int_equal(sql_int(db, "SELECT count(*) FROM answer"), 0);
}

/* How many of the files db, db-wal and db-shm hold 'marker' somewhere in their bytes. */
static int files_holding(const char *db, const char *marker)
{
    int found = 0;
    const char *suffix[] = {"", "-wal", "-shm"};
    for (int k = 0; k < 3; k++) {
        char path[600];
        snprintf(path, sizeof path, "%s%s", db, suffix[k]);
        FILE *f = fopen(path, "rb");
        if (!f)
            continue;
        size_t cap = 1 << 16, len = 0, n;
        char *buf = malloc(cap);
        assert_non_null(buf);
        while ((n = fread(buf + len, 1, cap - len, f)) > 0)
            if ((len += n) == cap)
                assert_non_null(buf = realloc(buf, cap *= 2));
        fclose(f);
        size_t ml = strlen(marker);
        for (size_t i = 0; i + ml <= len && !found; i++)
            found += memcmp(buf + i, marker, ml) == 0;
        free(buf);
    }
    return found;
}

/* Forgetting leaves the text in none of the files, even where SQLite was built without SECURE_DELETE (Debian's
   has it on; the Windows build's SQLite from source does not): this connection starts with it off, as such a
   build would, and the text was checkpointed into the file and sits in the WAL too. */
static void forgetting_leaves_no_trace_in_the_files(void **state)
{
    (void)state;
    char db[512];
    path_in(db, sizeof db, "wipe.db");
    Progress *p;
    Err e;
    err_clear(&e);
    assert_int_equal(progress_open(db, NULL, 0, &p, &e), 0);
    sqlite3 *h = progress_sqlite(p);
    assert_int_equal(sqlite3_exec(h, "PRAGMA secure_delete=OFF", NULL, NULL, NULL), SQLITE_OK);
    const char *packs[] = {"org.a", "org.b"}, *markers[] = {"Kept-in-confidence-7f3c9a", "Other-pack-b21e04"};
    for (int i = 0; i < 2; i++) {
        char json[4096];
        int n = snprintf(json, sizeof json, "{\"text\":\"%s", markers[i]);
        while (n < 2500) /* a long reflection, as students write */
            n += snprintf(json + n, sizeof json - (size_t)n, " %s", "and more thoughts");
        snprintf(json + n, sizeof json - (size_t)n, "\"}");
        assert_int_equal(progress_save_answer(p, packs[i], "refl", "s", json, 0, 0, 0, &e), 0);
        assert_int_equal(progress_set_note(p, packs[i], "refl", markers[i], &e), 0);
    }
    assert_int_equal(sqlite3_exec(h, "PRAGMA wal_checkpoint(PASSIVE)", NULL, NULL, NULL), SQLITE_OK);
    assert_int_equal(
        progress_save_answer(p, packs[0], "refl", "s", "{\"text\":\"Kept-in-confidence-7f3c9a again\"}", 0, 0, 0, &e),
        0);                                          /* a later version in the WAL, an earlier one in the file */
    assert_true(files_holding(db, markers[0]) >= 1); /* the search finds what is there */
    assert_int_equal(progress_forget_pack(p, "org.a", &e), 0);
    assert_int_equal(files_holding(db, markers[0]), 0);
    assert_true(files_holding(db, markers[1]) >= 1); /* the other pack's text is kept */
    sqlite3_stmt *st;
    assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA secure_delete", -1, &st, NULL), SQLITE_OK);
    assert_int_equal(sqlite3_step(st), SQLITE_ROW);
    assert_int_equal(sqlite3_column_int(st, 0), 1); /* the program asks for it, whatever the build's default */
    sqlite3_finalize(st);
    assert_int_equal(progress_forget_all(p, &e), 0);
    assert_int_equal(files_holding(db, markers[1]), 0);
    progress_close(p);
    assert_int_equal(files_holding(db, markers[0]) + files_holding(db, markers[1]), 0);
}

/* When the file cannot be changed (here another connection holds the write lock, as a second Beseda window
   might), forgetting does not pretend: it says that the file still holds the data. */
static void forgetting_that_cannot_reach_the_file_says_so(void **state)
{
    (void)state;
    char db[512];
    path_in(db, sizeof db, "locked.db");
    Progress *p;
    Err e;
    err_clear(&e);
    assert_int_equal(progress_open(db, NULL, 0, &p, &e), 0);
    assert_int_equal(progress_set_note(p, "org.a", "x", "Locked-in-7c1d", &e), 0);
    sqlite3_busy_timeout(progress_sqlite(p), 50);
    sqlite3 *other;
    assert_int_equal(sqlite3_open(db, &other), SQLITE_OK);
    assert_int_equal(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    err_clear(&e);
    assert_int_not_equal(progress_forget_all(p, &e), 0);
    assert_non_null(strstr(e.msg, "still holds"));
    assert_non_null(strstr(e.msg, db));
    assert_true(files_holding(db, "Locked-in-7c1d") >= 1); /* and it is true */
    /* a second try, now in memory, says so again */
    err_clear(&e);
    assert_int_not_equal(progress_forget_all(p, &e), 0);
    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
    progress_close(p);
}

static void schema_migrates_from_version_one(void **state)
{
    (void)state;
    char db[512];
    path_in(db, sizeof db, "v1.db");
    sqlite3 *s;
    assert_int_equal(sqlite3_open(db, &s), SQLITE_OK);
    assert_int_equal(sqlite3_exec(s,
                                  "CREATE TABLE position(pack TEXT PRIMARY KEY, item TEXT NOT NULL, permille INTEGER "
                                  "NOT NULL, at INTEGER NOT NULL);"
                                  "CREATE TABLE seen(pack TEXT NOT NULL, item TEXT NOT NULL, at INTEGER NOT NULL, "
                                  "PRIMARY KEY(pack, item));"
                                  "CREATE TABLE lang(pack TEXT PRIMARY KEY, lang TEXT NOT NULL);"
                                  "INSERT INTO position VALUES('org.x','intro',500,0);"
                                  "INSERT INTO seen VALUES('org.x','intro',0); PRAGMA user_version=1;",
                                  NULL, NULL, NULL),
                     SQLITE_OK);
    sqlite3_close(s);
    Progress *p;
    Err e;
    err_clear(&e);
    assert_int_equal(progress_open(db, NULL, 0, &p, &e), 0);
    assert_int_equal(e.code, ERR_OK);
    char item[32];
    int pm;
    assert_true(progress_position(p, "org.x", item, sizeof item, &pm));
    assert_int_equal(pm, 500);
    assert_int_equal(progress_save_answer(p, "org.x", "q", "s", "{}", 1, 1, 1, &e), 0); /* the v2 table */
    progress_close(p);
    assert_int_equal(sql_int(db, "PRAGMA user_version"), PROGRESS_SCHEMA);
}

static void reading_file_moves_in(void **state)
{
    (void)state;
    char db[512], legacy[512], migrated[600];
    path_in(db, sizeof db, "legacy.db");
    path_in(legacy, sizeof legacy, "reading");
    snprintf(migrated, sizeof migrated, "%s.migrated", legacy);
    assert_int_equal(fx_write(fx_dir, "reading",
                              "pos/org.x\tquiz 4200\nseen/org.x/intro\t1\nseen/org.x/quiz\t1\nlang/org.x\tru\n"
                              "pos/org.y\tbroken\n",
                              (size_t)-1),
                     0);
    Progress *p;
    Err e;
    err_clear(&e);
    assert_int_equal(progress_open(db, legacy, 0, &p, &e), 0);
    char item[32], lang[8];
    int pm;
    assert_true(progress_position(p, "org.x", item, sizeof item, &pm));
    assert_string_equal(item, "quiz");
    assert_int_equal(pm, 4200);
    assert_int_equal(progress_seen_count(p, "org.x"), 2);
    assert_true(progress_lang(p, "org.x", lang, sizeof lang));
    assert_string_equal(lang, "ru");
    progress_close(p);
    assert_int_equal(access(legacy, F_OK), -1); /* moved, kept beside */
    assert_int_equal(access(migrated, F_OK), 0);
}

static void damaged_file_is_kept_aside(void **state)
{
    (void)state;
    char db[512];
    path_in(db, sizeof db, "damaged.db");
    char junk[8192];
    for (size_t i = 0; i < sizeof junk; i++)
        junk[i] = (char)("not a database "[i % 15]);
    assert_int_equal(fx_write(fx_dir, "damaged.db", junk, sizeof junk), 0);
    Progress *p;
    Err e;
    err_clear(&e);
    assert_int_equal(progress_open(db, NULL, 0, &p, &e), 0);
    assert_int_equal(e.code, ERR_IO);
    assert_non_null(strstr(e.msg, "damaged"));
    assert_true(progress_saving(p));
    assert_int_equal(progress_mark_seen(p, "org.x", "a", &e), 0);
    progress_close(p);
    /* the damaged bytes are kept under the name the message gives */
    const char *q = strstr(e.msg, "damaged-");
    assert_non_null(q);
    char aside[600];
    snprintf(aside, sizeof aside, "%s.damaged-%.15s", db, q + 8);
    FILE *f = fopen(aside, "rb");
    assert_non_null(f);
    char back[8192];
    assert_int_equal(fread(back, 1, sizeof back, f), sizeof junk);
    fclose(f);
    assert_memory_equal(back, junk, sizeof junk);
    assert_int_equal(sql_int(db, "SELECT count(*) FROM seen"), 1);

    /* a file from a newer Beseda is left alone and used in memory */
    char newer[512];
    path_in(newer, sizeof newer, "newer.db");
    sqlite3 *s;
    sqlite3_open(newer, &s);
    sqlite3_exec(s, "CREATE TABLE future(x); PRAGMA user_version=99;", NULL, NULL, NULL);
    sqlite3_close(s);
    err_clear(&e);
    assert_int_equal(progress_open(newer, NULL, 0, &p, &e), 0);
    assert_int_equal(e.code, ERR_IO);
    assert_false(progress_saving(p));
    assert_int_equal(progress_mark_seen(p, "org.x", "a", &e), 0); /* works for this session */
    assert_true(progress_seen(p, "org.x", "a"));
    progress_close(p);
    assert_int_equal(sql_int(newer, "PRAGMA user_version"), 99);
}

static void unwritable_place_keeps_working_in_memory(void **state)
{
    (void)state;
    char db[512];
    path_in(db, sizeof db, "plainfile/progress.db"); /* a folder that is a file: nothing can be created */
    assert_int_equal(fx_write(fx_dir, "plainfile", "x", 1), 0);
    Progress *p;
    Err e;
    err_clear(&e);
    assert_int_equal(progress_open(db, NULL, 0, &p, &e), 0);
    assert_int_equal(e.code, ERR_IO);
    assert_non_null(strstr(e.msg, "cannot be saved"));
    assert_false(progress_saving(p));
    err_clear(&e);
    assert_int_equal(progress_save_answer(p, "org.x", "q", "s", "{\"v\":[1]}", 1, 1, 1, &e), 0);
    assert_int_equal(e.code, ERR_OK); /* told once, at open */
    ProgressAnswer a;
    assert_true(progress_load_answer(p, "org.x", "q", &a));
    progress_answer_free(&a);
    progress_close(p);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(positions_seen_and_languages),
        cmocka_unit_test(answers_keep_attempts_and_best),
        cmocka_unit_test(forget_one_pack_or_everything),
        cmocka_unit_test(forgetting_leaves_no_trace_in_the_files),
        cmocka_unit_test(forgetting_that_cannot_reach_the_file_says_so),
        cmocka_unit_test(schema_migrates_from_version_one),
        cmocka_unit_test(reading_file_moves_in),
        cmocka_unit_test(damaged_file_is_kept_aside),
        cmocka_unit_test(unwritable_place_keeps_working_in_memory),
    };
    return cmocka_run_group_tests(tests, fx_group_setup, fx_group_teardown);
}
