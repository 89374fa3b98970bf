/* progress_fx: helpers shared by the progress tests (a file in the test folder, one number asked of a database). */
#ifndef BESEDA_TEST_PROGRESS_FX_H
#define BESEDA_TEST_PROGRESS_FX_H

#include <sqlite3.h>
#include <stdio.h>

#include "fixture.h"

static inline void path_in(char *out, size_t size, const char *name)
{
    snprintf(out, size, "%s/%s", fx_dir, name);
}

static inline int sql_int(const char *path, const char *sql)
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

#endif
