/* progress: the learner's data in SQLite, with schema migrations and a fall-back to memory when the disk fails. */
#include "progress.h"

#include <errno.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "os/os.h"
#include "state.h"

struct Progress {
    sqlite3 *db;
    char *path;
    int saving;    /* writes reach the file */
    int told;      /* the failure was reported once */
    char why[512]; /* why saving stopped */
};

/* ---- schema ------------------------------------------------------------------------------------------------- */

/* Each step takes the schema from version i to i + 1 inside one transaction. Never edit a released step: add
   one. Version 1 holds what the interim reading file held; version 2 adds exercise answers; version 3 the
   lecturer's own notes, notes imported from colleagues, and show-of-hands counts. */
static const char *const MIGRATIONS[PROGRESS_SCHEMA] = {
    "CREATE TABLE position(pack TEXT PRIMARY KEY, item TEXT NOT NULL, permille INTEGER NOT NULL,"
    " at INTEGER NOT NULL);"
    "CREATE TABLE seen(pack TEXT NOT NULL, item TEXT NOT NULL, at INTEGER NOT NULL, PRIMARY KEY(pack, item));"
    "CREATE TABLE lang(pack TEXT PRIMARY KEY, lang TEXT NOT NULL);",
    "CREATE TABLE answer(pack TEXT NOT NULL, item TEXT NOT NULL, shape TEXT NOT NULL, answer TEXT NOT NULL,"
    " score REAL NOT NULL, best REAL NOT NULL, attempts INTEGER NOT NULL, checked INTEGER NOT NULL,"
    " at INTEGER NOT NULL, PRIMARY KEY(pack, item));",
    "CREATE TABLE note(pack TEXT NOT NULL, item TEXT NOT NULL, text TEXT NOT NULL, at INTEGER NOT NULL,"
    " PRIMARY KEY(pack, item));"
    "CREATE TABLE imported_note(pack TEXT NOT NULL, item TEXT NOT NULL, source TEXT NOT NULL, text TEXT NOT NULL,"
    " at INTEGER NOT NULL, PRIMARY KEY(pack, item, source));"
    "CREATE TABLE hands(pack TEXT NOT NULL, item TEXT NOT NULL, option INTEGER NOT NULL, count INTEGER NOT NULL,"
    " at INTEGER NOT NULL, PRIMARY KEY(pack, item, option));",
};

static long long now_s(void)
{
    return (long long)time(NULL);
}

/* Runs the statements of 'sql' in turn, binding the text 'args' to each one's parameters (?1 is args[0]). A
   failure inside an explicit transaction rolls it back. Returns an SQLite code. */
static int run(sqlite3 *db, const char *sql, int n, const char *const *args)
{
    int rc = SQLITE_OK;
    while (rc == SQLITE_OK && sql && *sql) {
        sqlite3_stmt *st = NULL;
        if ((rc = sqlite3_prepare_v2(db, sql, -1, &st, &sql)) != SQLITE_OK || !st)
            break; /* an error, or only a comment or white space was left */
        int np = sqlite3_bind_parameter_count(st);
        for (int i = 0; i < n && i < np; i++)
            sqlite3_bind_text(st, i + 1, args[i], -1, SQLITE_STATIC);
        while ((rc = sqlite3_step(st)) == SQLITE_ROW)
            ;
        sqlite3_finalize(st);
        rc = rc == SQLITE_DONE ? SQLITE_OK : rc;
    }
    if (rc != SQLITE_OK && !sqlite3_get_autocommit(db))
        sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
    return rc;
}

/* Moves the interim reading file's positions, read marks and languages into the new tables. */
static int import_legacy(sqlite3 *db, const char *legacy)
{
    State s;
    Err e;
    err_clear(&e);
    if (state_load(legacy, &s, &e) != 0)
        return SQLITE_NOMEM;
    int rc = SQLITE_OK;
    char when[32];
    snprintf(when, sizeof when, "%lld", now_s());
    for (size_t i = 0; rc == SQLITE_OK && i < s.n; i++) {
        const char *k = s.v[i].key, *v = s.v[i].value;
        char item[256], pack[256];
        int pm;
        if (strncmp(k, "pos/", 4) == 0 && sscanf(v, "%255s %d", item, &pm) == 2) {
            char p[16];
            snprintf(p, sizeof p, "%d", pm < 0 ? 0 : pm > 10000 ? 10000 : pm);
            const char *a[] = {k + 4, item, p, when};
            rc = run(db, "INSERT OR REPLACE INTO position VALUES(?,?,CAST(? AS INTEGER),CAST(? AS INTEGER))", 4, a);
        } else if (strncmp(k, "seen/", 5) == 0 && sscanf(k + 5, "%255[^/]/%255s", pack, item) == 2) {
            const char *a[] = {pack, item, when};
            rc = run(db, "INSERT OR REPLACE INTO seen VALUES(?,?,CAST(? AS INTEGER))", 3, a);
        } else if (strncmp(k, "lang/", 5) == 0) {
            const char *a[] = {k + 5, v};
            rc = run(db, "INSERT OR REPLACE INTO lang VALUES(?,?)", 2, a);
        }
    }
    state_free(&s);
    return rc;
}

/* Brings the schema up to PROGRESS_SCHEMA; a database from a newer Beseda is refused (not touched). */
static int migrate(sqlite3 *db, const char *legacy, int *imported)
{
    sqlite3_stmt *st;
    int version = 0, rc = sqlite3_prepare_v2(db, "PRAGMA user_version", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return rc;
    if ((rc = sqlite3_step(st)) == SQLITE_ROW)
        version = sqlite3_column_int(st, 0);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW)
        return rc;
    if (version > PROGRESS_SCHEMA)
        return SQLITE_MISMATCH;
    for (int v = version; v < PROGRESS_SCHEMA; v++) {
        if ((rc = sqlite3_exec(db, "BEGIN IMMEDIATE", NULL, NULL, NULL)) != SQLITE_OK)
            return rc;
        rc = sqlite3_exec(db, MIGRATIONS[v], NULL, NULL, NULL);
        if (rc == SQLITE_OK && v == 0 && legacy && os_exists(legacy)) {
            rc = import_legacy(db, legacy);
            *imported = rc == SQLITE_OK;
        }
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v + 1);
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(db, sql, NULL, NULL, NULL);
        if (rc == SQLITE_OK)
            rc = sqlite3_exec(db, "COMMIT", NULL, NULL, NULL);
        if (rc != SQLITE_OK) {
            sqlite3_exec(db, "ROLLBACK", NULL, NULL, NULL);
            return rc;
        }
    }
    return SQLITE_OK;
}

/* ---- opening ------------------------------------------------------------------------------------------------ */

/* 'quick_check' says "ok" for a sound file; anything else (or an error) means damaged. */
static int sound(sqlite3 *db)
{
    sqlite3_stmt *st;
    if (sqlite3_prepare_v2(db, "PRAGMA quick_check", -1, &st, NULL) != SQLITE_OK)
        return 0;
    const unsigned char *r = sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_text(st, 0) : NULL;
    int ok = r && strcmp((const char *)r, "ok") == 0;
    sqlite3_finalize(st);
    return ok;
}

/* Opens the file for writing, checks it and prepares it. Returns an SQLite code. */
static int open_file(Progress *p, const char *legacy, int *imported)
{
    int rc = sqlite3_open_v2(p->path, &p->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc == SQLITE_OK)
        sqlite3_busy_timeout(p->db, 2000);
    if (rc == SQLITE_OK && !sound(p->db))
        rc = SQLITE_CORRUPT;
    if (rc == SQLITE_OK && sqlite3_db_readonly(p->db, "main") == 1)
        rc = SQLITE_READONLY;
    if (rc == SQLITE_OK)
        /* secure_delete: deleted text is overwritten in the file, not left in free space (SQLite's default
           depends on how it was built); temp_store: sorting and VACUUM never write user data to a temporary
           file elsewhere on the disk */
        rc = sqlite3_exec(p->db,
                          "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;"
                          " PRAGMA secure_delete=ON; PRAGMA temp_store=MEMORY",
                          NULL, NULL, NULL);
    if (rc == SQLITE_OK)
        rc = migrate(p->db, legacy, imported);
    if (rc != SQLITE_OK) {
        sqlite3_close(p->db);
        p->db = NULL;
    }
    return rc;
}

/* A copy of the file's contents (when readable) in memory, where this session goes on without saving. */
static int open_memory(Progress *p, int copy)
{
    if (p->db)
        sqlite3_close(p->db);
    p->db = NULL;
    sqlite3 *mem;
    if (sqlite3_open(":memory:", &mem) != SQLITE_OK) {
        sqlite3_close(mem);
        return -1;
    }
    sqlite3 *src = NULL;
    if (copy && sqlite3_open_v2(p->path, &src, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK) {
        sqlite3_backup *b = sqlite3_backup_init(mem, "main", src, "main");
        if (b) {
            sqlite3_backup_step(b, -1);
            sqlite3_backup_finish(b);
        }
    }
    sqlite3_close(src);
    int dummy = 0;
    if (migrate(mem, NULL, &dummy) != SQLITE_OK) { /* an unreadable or newer file: start empty */
        sqlite3_close(mem);
        if (sqlite3_open(":memory:", &mem) != SQLITE_OK || migrate(mem, NULL, &dummy) != SQLITE_OK) {
            sqlite3_close(mem);
            return -1;
        }
    }
    p->db = mem;
    p->saving = 0;
    return 0;
}

static void move_aside(const char *path, char *aside, size_t size)
{
    char stamp[32];
    time_t t = time(NULL);
    struct tm tm = {0};
    os_localtime(t, &tm);
    strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
    snprintf(aside, size, "%s.damaged-%s", path, stamp);
    if (os_replace(path, aside) != 0) {
        aside[0] = '\0';
        return;
    }
    const char *ext[] = {"-wal", "-shm"};
    for (int i = 0; i < 2; i++) { /* the journal belongs with its file */
        char from[4200], to[4300];
        snprintf(from, sizeof from, "%s%s", path, ext[i]);
        snprintf(to, sizeof to, "%s%s", aside, ext[i]);
        os_replace(from, to);
    }
}

int progress_open(const char *path, const char *legacy, int readonly, Progress **out, Err *notice)
{
    *out = NULL;
    Progress *p = calloc(1, sizeof *p);
    if (!p || !(p->path = strdup(path))) {
        free(p);
        return err_set(notice, ERR_NOMEM, NULL, N_("out of memory"));
    }
    p->saving = 1;
    if (readonly) {
        if (open_memory(p, os_exists(path)) != 0)
            goto nomem;
        p->told = 1; /* read-only by request: nothing to tell */
        *out = p;
        return 0;
    }
    int imported = 0, rc = open_file(p, legacy, &imported);
    if (rc == SQLITE_CORRUPT || rc == SQLITE_NOTADB || rc == SQLITE_MISMATCH) {
        char aside[4200];
        if (rc == SQLITE_MISMATCH) { /* written by a newer Beseda: kept as it is, used in memory only */
            if (open_memory(p, 0) != 0)
                goto nomem;
            snprintf(p->why, sizeof p->why, "%s", "newer");
            err_set(notice, ERR_IO, NULL,
                    N_("your progress file '%s' was written by a newer version of Beseda; it is left untouched and "
                       "nothing you do now will be saved. Update Beseda to go on with it."),
                    path);
            p->told = 1;
            *out = p;
            return 0;
        }
        move_aside(path, aside, sizeof aside);
        if (aside[0] && (rc = open_file(p, NULL, &imported)) == SQLITE_OK) {
            err_set(notice, ERR_IO, NULL,
                    N_("your progress file was damaged; it was kept as '%s' and a new one was started"), aside);
            p->told = 1;
            *out = p;
            return 0;
        }
    }
    if (rc != SQLITE_OK) {
        const char *msg = sqlite3_errstr(rc);
        if (open_memory(p, 1) != 0)
            goto nomem;
        snprintf(p->why, sizeof p->why, "%s", msg);
        err_set(notice, ERR_IO, NULL,
                N_("your progress cannot be saved in '%s' (%s); you can go on, but nothing you do now will be kept "
                   "after Beseda closes"),
                path, msg);
        p->told = 1;
        *out = p;
        return 0;
    }
    if (imported) {
        char done[4200];
        snprintf(done, sizeof done, "%s.migrated", legacy);
        os_replace(legacy, done); /* kept, never deleted: its contents are in the database now */
    }
    *out = p;
    return 0;
nomem:
    progress_close(p);
    return err_set(notice, ERR_NOMEM, NULL, N_("out of memory"));
}

void progress_close(Progress *p)
{
    if (!p)
        return;
    sqlite3_close(p->db);
    free(p->path);
    free(p);
}

int progress_saving(const Progress *p)
{
    return p && p->saving;
}

/* ---- writes --------------------------------------------------------------------------------------------- */

/* Runs a write. When the disk refuses it (read-only, full, failing), the session moves to a copy in memory and
   the write is done there; 'err' says so the first time. */
static int write_sql(Progress *p, const char *sql, int n, const char *const *args, Err *err)
{
    if (!p || !p->db)
        return err_set(err, ERR_IO, NULL, N_("no progress store is open"));
    int rc = run(p->db, sql, n, args);
    if (rc == SQLITE_OK)
        return 0;
    if (rc == SQLITE_NOMEM)
        return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
    if (p->saving) {
        snprintf(p->why, sizeof p->why, "%s", sqlite3_errstr(rc));
        if (open_memory(p, 1) != 0)
            return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
        rc = run(p->db, sql, n, args);
    }
    if (rc != SQLITE_OK)
        return err_set(err, ERR_IO, NULL, N_("progress store: %s"), sqlite3_errstr(rc));
    if (!p->told) { /* stored, in memory: said once */
        p->told = 1;
        err_set(err, ERR_IO, NULL,
                N_("your progress can no longer be saved in '%s' (%s); you can go on, but what you do now will not "
                   "be kept after Beseda closes"),
                p->path, p->why);
    }
    return 0;
}

int progress_set_position(Progress *p, const char *pack, const char *item, int permille, Err *err)
{
    char pm[16], when[32];
    snprintf(pm, sizeof pm, "%d", permille < 0 ? 0 : permille > 10000 ? 10000 : permille);
    snprintf(when, sizeof when, "%lld", now_s());
    const char *a[] = {pack, item, pm, when};
    return write_sql(p, "INSERT OR REPLACE INTO position VALUES(?,?,CAST(? AS INTEGER),CAST(? AS INTEGER))", 4, a, err);
}

int progress_mark_seen(Progress *p, const char *pack, const char *item, Err *err)
{
    if (progress_seen(p, pack, item))
        return 0;
    char when[32];
    snprintf(when, sizeof when, "%lld", now_s());
    const char *a[] = {pack, item, when};
    return write_sql(p, "INSERT OR REPLACE INTO seen VALUES(?,?,CAST(? AS INTEGER))", 3, a, err);
}

int progress_set_lang(Progress *p, const char *pack, const char *lang, Err *err)
{
    const char *a[] = {pack, lang};
    return write_sql(p, "INSERT OR REPLACE INTO lang VALUES(?,?)", 2, a, err);
}

int progress_save_answer(Progress *p, const char *pack, const char *item, const char *shape, const char *json,
                         double score, int checked, int attempt, Err *err)
{
    if (strlen(json) > PROGRESS_MAX_ANSWER)
        return err_set(err, ERR_STRING_SIZE, NULL, N_("this answer is longer than 1 MiB and cannot be saved"));
    char sc[32], at[8], ck[8], when[32];
    snprintf(sc, sizeof sc, "%.6f", score);
    snprintf(at, sizeof at, "%d", attempt ? 1 : 0);
    snprintf(ck, sizeof ck, "%d", checked ? 1 : 0);
    snprintf(when, sizeof when, "%lld", now_s());
    const char *a[] = {pack, item, shape, json, sc, at, ck, when};
    /* one statement: the attempt count and the best score are updated together with the answer */
    return write_sql(p,
                     "INSERT INTO answer VALUES(?1,?2,?3,?4,CAST(?5 AS REAL),CAST(?5 AS REAL),CAST(?6 AS INTEGER),"
                     "CAST(?7 AS INTEGER),CAST(?8 AS INTEGER)) "
                     "ON CONFLICT(pack, item) DO UPDATE SET shape=excluded.shape, answer=excluded.answer,"
                     " score=excluded.score, best=CASE WHEN answer.shape<>excluded.shape THEN excluded.best"
                     " ELSE max(answer.best, excluded.best) END,"
                     " attempts=CASE WHEN answer.shape<>excluded.shape THEN excluded.attempts"
                     " ELSE answer.attempts+excluded.attempts END,"
                     " checked=excluded.checked, at=excluded.at",
                     8, a, err);
}

/* Files at most this large are rebuilt by VACUUM after forgetting (a year of work is about 2 MB: milliseconds). */
enum { WIPE_VACUUM_MAX = 64 << 20 };

/* Checkpoints the WAL into the database file and cuts it to nothing. Returns an SQLite code; SQLITE_BUSY when
   another connection (a second Beseda) kept frames from being copied back. */
static int checkpoint_truncate(sqlite3 *db)
{
    int log = 0, done = 0;
    int rc = sqlite3_wal_checkpoint_v2(db, NULL, SQLITE_CHECKPOINT_TRUNCATE, &log, &done);
    return rc == SQLITE_OK && log > 0 && done < log ? SQLITE_BUSY : rc;
}

/* Deletes with 'sql', then makes sure the deleted text is in none of the files, whatever options this SQLite was
   built with: secure_delete overwrites it in the pages, the checkpoint copies those pages over the old ones and
   empties the WAL (which held every earlier version), and VACUUM, where cheap, rebuilds the file without free
   pages and shrinks it. */
static int forget(Progress *p, const char *sql, int n, const char *const *args, Err *err)
{
    if (p && p->db)
        sqlite3_exec(p->db, "PRAGMA secure_delete=ON", NULL, NULL, NULL);
    int rc = write_sql(p, sql, n, args, err);
    if (rc != 0)
        return rc;
    if (!p->saving) { /* forgotten in memory: the file, if there is one, was not changed and still holds it */
        if (p->path && os_exists(p->path))
            return err_set(err, ERR_IO, NULL,
                           N_("forgotten for this session only: '%s' could not be changed (%s) and still holds this "
                              "data; close other Beseda windows or make the folder writable, then forget again, or "
                              "delete that file"),
                           p->path, p->why);
        return 0;
    }
    sqlite3_int64 size = 0;
    sqlite3_stmt *st = NULL;
    if (sqlite3_prepare_v2(p->db, "SELECT page_count * page_size FROM pragma_page_count, pragma_page_size", -1, &st,
                           NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        size = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    int src = checkpoint_truncate(p->db);
    if (src == SQLITE_OK && size <= WIPE_VACUUM_MAX && sqlite3_exec(p->db, "VACUUM", NULL, NULL, NULL) == SQLITE_OK)
        src = checkpoint_truncate(p->db);
    if (src == SQLITE_BUSY)
        return err_set(err, ERR_IO, NULL,
                       N_("forgotten, but another Beseda window still has '%s' open, so old copies may remain in "
                          "that file until the other window closes; close that window and forget again"),
                       p->path);
    if (src != SQLITE_OK)
        return err_set(err, ERR_IO, NULL, N_("forgotten, but the progress store could not be cleaned up: %s"),
                       sqlite3_errstr(src));
    return 0;
}

int progress_forget_pack(Progress *p, const char *pack, Err *err)
{
    const char *a[] = {pack};
    return forget(p,
                  "BEGIN IMMEDIATE; DELETE FROM position WHERE pack=?1; DELETE FROM seen WHERE pack=?1;"
                  " DELETE FROM lang WHERE pack=?1; DELETE FROM answer WHERE pack=?1; DELETE FROM note WHERE pack=?1;"
                  " DELETE FROM imported_note WHERE pack=?1; DELETE FROM hands WHERE pack=?1; COMMIT",
                  1, a, err);
}

int progress_forget_all(Progress *p, Err *err)
{
    return forget(p,
                  "BEGIN IMMEDIATE; DELETE FROM position; DELETE FROM seen; DELETE FROM lang; DELETE FROM answer;"
                  " DELETE FROM note; DELETE FROM imported_note; DELETE FROM hands; COMMIT",
                  0, NULL, err);
}

struct sqlite3 *progress_sqlite(Progress *p)
{
    return p ? p->db : NULL;
}

/* ---- reads --------------------------------------------------------------------------------------------- */

static sqlite3_stmt *query(Progress *p, const char *sql, int n, const char *const *args)
{
    sqlite3_stmt *st = NULL;
    if (!p || !p->db || sqlite3_prepare_v2(p->db, sql, -1, &st, NULL) != SQLITE_OK)
        return NULL;
    for (int i = 0; i < n; i++)
        sqlite3_bind_text(st, i + 1, args[i], -1, SQLITE_STATIC);
    return st;
}

static void copy_col(sqlite3_stmt *st, int col, char *out, size_t size)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    snprintf(out, size, "%s", t ? (const char *)t : "");
}

int progress_position(Progress *p, const char *pack, char *item, size_t size, int *permille)
{
    const char *a[] = {pack};
    sqlite3_stmt *st = query(p, "SELECT item, permille FROM position WHERE pack=?", 1, a);
    int found = st && sqlite3_step(st) == SQLITE_ROW;
    if (found) {
        copy_col(st, 0, item, size);
        *permille = sqlite3_column_int(st, 1);
    }
    sqlite3_finalize(st);
    return found;
}

int progress_seen(Progress *p, const char *pack, const char *item)
{
    const char *a[] = {pack, item};
    sqlite3_stmt *st = query(p, "SELECT 1 FROM seen WHERE pack=? AND item=?", 2, a);
    int found = st && sqlite3_step(st) == SQLITE_ROW;
    sqlite3_finalize(st);
    return found;
}

size_t progress_seen_count(Progress *p, const char *pack)
{
    const char *a[] = {pack};
    sqlite3_stmt *st = query(p, "SELECT count(*) FROM seen WHERE pack=?", 1, a);
    size_t n = st && sqlite3_step(st) == SQLITE_ROW ? (size_t)sqlite3_column_int64(st, 0) : 0;
    sqlite3_finalize(st);
    return n;
}

int progress_lang(Progress *p, const char *pack, char *lang, size_t size)
{
    const char *a[] = {pack};
    sqlite3_stmt *st = query(p, "SELECT lang FROM lang WHERE pack=?", 1, a);
    int found = st && sqlite3_step(st) == SQLITE_ROW;
    if (found)
        copy_col(st, 0, lang, size);
    sqlite3_finalize(st);
    return found;
}

int progress_load_answer(Progress *p, const char *pack, const char *item, ProgressAnswer *out)
{
    memset(out, 0, sizeof *out);
    const char *a[] = {pack, item};
    sqlite3_stmt *st =
        query(p, "SELECT shape, answer, score, best, attempts, checked, at FROM answer WHERE pack=? AND item=?", 2, a);
    int found = st && sqlite3_step(st) == SQLITE_ROW;
    if (found) {
        copy_col(st, 0, out->shape, sizeof out->shape);
        const unsigned char *t = sqlite3_column_text(st, 1);
        out->answer = strdup(t ? (const char *)t : "");
        out->score = sqlite3_column_double(st, 2);
        out->best = sqlite3_column_double(st, 3);
        out->attempts = sqlite3_column_int(st, 4);
        out->checked = sqlite3_column_int(st, 5);
        out->at = sqlite3_column_int64(st, 6);
        if (!out->answer)
            found = 0;
    }
    sqlite3_finalize(st);
    return found;
}

void progress_answer_free(ProgressAnswer *a)
{
    free(a->answer);
    a->answer = NULL;
}

int progress_pack_tally(Progress *p, const char *pack, size_t *done, double *mean)
{
    const char *a[] = {pack};
    sqlite3_stmt *st = query(p,
                             "SELECT count(*), coalesce(avg(CASE WHEN score >= 0 THEN score END), 0) FROM answer"
                             " WHERE pack=? AND checked=1",
                             1, a);
    int found = st && sqlite3_step(st) == SQLITE_ROW;
    *done = found ? (size_t)sqlite3_column_int64(st, 0) : 0;
    *mean = found ? sqlite3_column_double(st, 1) : 0;
    sqlite3_finalize(st);
    return found;
}

/* ---- lecturers' notes and show-of-hands counts ------------------------------------------------------------------ */

int progress_set_note(Progress *p, const char *pack, const char *item, const char *text, Err *err)
{
    if (strlen(text) > PROGRESS_MAX_ANSWER)
        return err_set(err, ERR_STRING_SIZE, NULL, N_("this note is longer than 1 MiB and cannot be saved"));
    if (!text[0]) {
        const char *a[] = {pack, item};
        return write_sql(p, "DELETE FROM note WHERE pack=? AND item=?", 2, a, err);
    }
    char when[32];
    snprintf(when, sizeof when, "%lld", now_s());
    const char *a[] = {pack, item, text, when};
    return write_sql(p, "INSERT OR REPLACE INTO note VALUES(?,?,?,CAST(? AS INTEGER))", 4, a, err);
}

static char *text_col(sqlite3_stmt *st, int col)
{
    const unsigned char *t = sqlite3_column_text(st, col);
    return strdup(t ? (const char *)t : "");
}

char *progress_note(Progress *p, const char *pack, const char *item)
{
    const char *a[] = {pack, item};
    sqlite3_stmt *st = query(p, "SELECT text FROM note WHERE pack=? AND item=?", 2, a);
    char *t = st && sqlite3_step(st) == SQLITE_ROW ? text_col(st, 0) : NULL;
    sqlite3_finalize(st);
    return t;
}

/* Calls 'fn' with each row of (item, source, text); a NULL source is the reader's own note. */
static size_t each_note(sqlite3_stmt *st, ProgressNoteFn fn, void *user)
{
    size_t n = 0;
    while (st && sqlite3_step(st) == SQLITE_ROW) {
        fn(user, (const char *)sqlite3_column_text(st, 0), (const char *)sqlite3_column_text(st, 1),
           (const char *)sqlite3_column_text(st, 2));
        n++;
    }
    sqlite3_finalize(st);
    return n;
}

size_t progress_each_note(Progress *p, const char *pack, ProgressNoteFn fn, void *user)
{
    const char *a[] = {pack};
    return each_note(query(p, "SELECT item, NULL, text FROM note WHERE pack=? ORDER BY item", 1, a), fn, user);
}

int progress_add_imported(Progress *p, const char *pack, const char *item, const char *source, const char *text,
                          Err *err)
{
    char when[32];
    snprintf(when, sizeof when, "%lld", now_s());
    const char *a[] = {pack, item, source, text, when};
    return write_sql(p, "INSERT OR REPLACE INTO imported_note VALUES(?,?,?,?,CAST(? AS INTEGER))", 5, a, err);
}

size_t progress_each_imported(Progress *p, const char *pack, const char *item, ProgressNoteFn fn, void *user)
{
    const char *a[] = {pack, item};
    return each_note(
        query(p, "SELECT item, source, text FROM imported_note WHERE pack=? AND item=? ORDER BY source", 2, a), fn,
        user);
}

int progress_set_hands(Progress *p, const char *pack, const char *item, int option, int count, Err *err)
{
    char o[16], c[16], when[32];
    snprintf(o, sizeof o, "%d", option);
    snprintf(c, sizeof c, "%d", count);
    snprintf(when, sizeof when, "%lld", now_s());
    const char *a[] = {pack, item, o, c, when};
    return write_sql(
        p, "INSERT OR REPLACE INTO hands VALUES(?,?,CAST(? AS INTEGER),CAST(? AS INTEGER),CAST(? AS INTEGER))", 5, a,
        err);
}

int progress_hands(Progress *p, const char *pack, const char *item, int option)
{
    char o[16];
    snprintf(o, sizeof o, "%d", option);
    const char *a[] = {pack, item, o};
    sqlite3_stmt *st = query(p, "SELECT count FROM hands WHERE pack=? AND item=? AND option=CAST(? AS INTEGER)", 3, a);
    int n = st && sqlite3_step(st) == SQLITE_ROW ? sqlite3_column_int(st, 0) : 0;
    sqlite3_finalize(st);
    return n;
}
