/* Unit tests for core/progress that kill or starve a process: a full disk (a file size limit) and a crash in the
   middle of saving. They need fork(), kill() and setrlimit(), so the Windows build leaves this file out and says
   so (Makefile, WIN_UNIT_SKIP). */
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
#include "progress_fx.h"

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
        cmocka_unit_test(full_disk_goes_on_in_memory),
        cmocka_unit_test(killed_two_hundred_times_loses_nothing_acknowledged),
    };
    return cmocka_run_group_tests(tests, fx_group_setup, fx_group_teardown);
}
