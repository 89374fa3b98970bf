/* Unit tests for core/progress: migrations (schema steps and the interim reading file), answers and their
   attempts, forgetting, a damaged or newer file, an unwritable place and a full disk, and the crash test: a
   process saving answers is killed with SIGKILL 200 times; every acknowledged answer must be there after. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "core/progress.h"
#include "fixture.h"

static void path_in(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s", fx_dir, name);
}

static int sql_int(const char *path, const char *sql)
{
    sqlite3 *db;
    int v = -1;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_stmt *st;
        if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) == SQLITE_OK && sqlite3_step(st) == SQLITE_ROW)
            v = sqlite3_column_int(st, 0);
        sqlite3_finalize(st);
    }
    sqlite3_close(db);
    return v;
}

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
        found += memmem(buf, len, marker, strlen(marker)) != NULL;
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

/* The disk fills up under a running session (a file size limit stands in for a full disk): the session goes on in
   memory with what it had, says so once, and the file keeps every answer written before. */
static void full_disk_goes_on_in_memory(void **state)
{
    (void)state;
    char db[512];
    path_in(db, sizeof db, "full.db");
    pid_t pid = fork();
    assert_true(pid >= 0);
    if (pid == 0) {
        signal(SIGXFSZ, SIG_IGN);
        Progress *p;
        Err e;
        err_clear(&e);
        if (progress_open(db, NULL, 0, &p, &e) != 0 || e.code != ERR_OK)
            _exit(10);
        struct rlimit rl = {256 * 1024, 256 * 1024};
        setrlimit(RLIMIT_FSIZE, &rl);
        static char json[40000];
        int failed_at = -1;
        for (int i = 0; i < 100 && failed_at < 0; i++) {
            snprintf(json, sizeof json, "{\"n\":%d,\"pad\":\"", i);
            size_t n = strlen(json);
            memset(json + n, 'a' + i % 26, 30000);
            strcpy(json + n + 30000, "\"}");
            char item[16];
            snprintf(item, sizeof item, "q%d", i);
            err_clear(&e);
            int rc = progress_save_answer(p, "org.x", item, "s", json, 1, 1, 1, &e);
            if (rc != 0 || e.code != ERR_OK) {
                if (e.code != ERR_IO || progress_saving(p) || !strstr(e.msg, "no longer be saved"))
                    _exit(11);
                failed_at = i;
            }
        }
        if (failed_at < 1)
            _exit(12);
        ProgressAnswer a; /* the failed answer and the ones before are there for this session */
        char item[16];
        snprintf(item, sizeof item, "q%d", failed_at);
        if (!progress_load_answer(p, "org.x", item, &a))
            _exit(13);
        progress_answer_free(&a);
        if (!progress_load_answer(p, "org.x", "q0", &a))
            _exit(14);
        progress_answer_free(&a);
        err_clear(&e);
        if (progress_mark_seen(p, "org.x", "later", &e) != 0 || e.code != ERR_OK) /* told once only */
            _exit(15);
        progress_close(p);
        _exit(100 + failed_at);
    }
    int status;
    waitpid(pid, &status, 0);
    assert_true(WIFEXITED(status));
    int code = WEXITSTATUS(status);
    if (code < 100)
        fail_msg("child failed with %d", code);
    int stored = sql_int(db, "SELECT count(*) FROM answer");
    assert_int_equal(stored, code - 100);
    assert_int_equal(sql_int(db, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check='ok'"), 1);
}

/* ---- the crash test ---------------------------------------------------------------------------------------- */

enum { CRASH_ITEMS = 40, CRASH_KILLS = 200 };

/* Saves answers in a loop, numbered from 'from'; after each save returns, writes the number to 'fd'. */
static void saver(const char *db, int fd, int from)
{
    Progress *p;
    Err e;
    err_clear(&e);
    if (progress_open(db, NULL, 0, &p, &e) != 0 || e.code != ERR_OK)
        _exit(2);
    for (int n = from;; n++) {
        char item[16], json[64];
        snprintf(item, sizeof item, "q%d", n % CRASH_ITEMS);
        snprintf(json, sizeof json, "{\"n\":%d}", n);
        if (progress_save_answer(p, "org.crash", item, "s", json, 1, 1, 1, &e) != 0)
            _exit(3);
        if (write(fd, &n, sizeof n) != (ssize_t)sizeof n)
            _exit(4);
    }
}

static void killed_two_hundred_times_loses_nothing_acknowledged(void **state)
{
    (void)state;
    char db[512];
    path_in(db, sizeof db, "crash.db");
    int acked[CRASH_ITEMS];
    for (int i = 0; i < CRASH_ITEMS; i++)
        acked[i] = -1;
    int next = 0, total_acks = 0;
    srand((unsigned)time(NULL));
    for (int round = 0; round < CRASH_KILLS; round++) {
        int fds[2];
        assert_int_equal(pipe(fds), 0);
        pid_t pid = fork();
        assert_true(pid >= 0);
        if (pid == 0) {
            close(fds[0]);
            saver(db, fds[1], next);
        }
        close(fds[1]);
        struct timespec ts = {0, (long)(rand() % 25000) * 1000L}; /* 0-25 ms: often in the middle of a write */
        nanosleep(&ts, NULL);
        kill(pid, SIGKILL);
        int status;
        waitpid(pid, &status, 0);
        assert_true(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL);
        int n;
        while (read(fds[0], &n, sizeof n) == (ssize_t)sizeof n) { /* every acknowledgement written before the kill */
            acked[n % CRASH_ITEMS] = n;
            if (n + 1 > next)
                next = n + 1;
            total_acks++;
        }
        close(fds[0]);
        sqlite3 *s;
        assert_int_equal(sqlite3_open(db, &s), SQLITE_OK);
        sqlite3_stmt *st;
        assert_int_equal(sqlite3_prepare_v2(s, "PRAGMA integrity_check", -1, &st, NULL), SQLITE_OK);
        assert_int_equal(sqlite3_step(st), SQLITE_ROW);
        assert_string_equal((const char *)sqlite3_column_text(st, 0), "ok");
        sqlite3_finalize(st);
        /* each item holds its last acknowledged answer, or a later one that was written but not yet acknowledged */
        for (int i = 0; i < CRASH_ITEMS; i++) {
            if (acked[i] < 0)
                continue;
            char sql[200];
            snprintf(sql, sizeof sql,
                     "SELECT json_extract(answer, '$.n') FROM answer WHERE pack='org.crash' AND "
                     "item='q%d'",
                     i);
            assert_int_equal(sqlite3_prepare_v2(s, sql, -1, &st, NULL), SQLITE_OK);
            assert_int_equal(sqlite3_step(st), SQLITE_ROW);
            int stored = sqlite3_column_int(st, 0);
            sqlite3_finalize(st);
            if (stored < acked[i] || stored > next + CRASH_ITEMS)
                fail_msg("round %d: q%d holds %d, acknowledged %d", round, i, stored, acked[i]);
            if (stored > acked[i]) /* written just before the kill: the next round counts from after it */
                next = stored + 1 > next ? stored + 1 : next;
        }
        sqlite3_close(s);
    }
    print_message("crash test: %d kills, %d answers acknowledged\n", CRASH_KILLS, total_acks);
    assert_true(total_acks > CRASH_KILLS); /* the kills came while saving, not before the first save */
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
        cmocka_unit_test(full_disk_goes_on_in_memory),
        cmocka_unit_test(killed_two_hundred_times_loses_nothing_acknowledged),
    };
    return cmocka_run_group_tests(tests, fx_group_setup, fx_group_teardown);
}
