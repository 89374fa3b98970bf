/* progress: the learner's own data in one SQLite database in the user data folder: reading positions, items
   read, the language chosen per pack, and exercise answers with their scores. Keyed by pack id and item id, so a
   newer version of a pack keeps what belongs to unchanged items. Every write is its own transaction (WAL,
   synchronous=FULL): what was acknowledged survives a crash or a power cut. Nothing here leaves the machine. */
#ifndef BESEDA_PROGRESS_H
#define BESEDA_PROGRESS_H

#include <stddef.h>

#include "err.h"

enum { PROGRESS_SCHEMA = 3, PROGRESS_MAX_ANSWER = 1 << 20 };

typedef struct Progress Progress;

/* Opens (creating when needed) the database at 'path'. A damaged or unreadable file is moved aside to
   'path'.damaged-<date> (kept, never deleted) and a fresh one started. Where nothing can be written (read-only
   or full disk, a folder that cannot be made) the data is kept in memory for this session: progress_saving()
   is then 0. 'legacy' (may be NULL) is the interim key-value file of reading positions: its contents move in
   when the database is created, and it is renamed to 'legacy'.migrated. 'readonly' (screenshots) reads the
   file into memory and never writes it. Every such event is explained in 'notice' (ERR_OK when all is well).
   Returns 0, or a negative code only when out of memory. */
int progress_open(const char *path, const char *legacy, int readonly, Progress **out, Err *notice);
void progress_close(Progress *p);
/* 1 while changes reach the disk; 0 after a failure (then 'why' says what happened). */
int progress_saving(const Progress *p);

/* Writes: 0 when stored (on disk, or in memory once saving stopped: then 'err' says why, the first time only). */
int progress_set_position(Progress *p, const char *pack, const char *item, int permille, Err *err);
int progress_mark_seen(Progress *p, const char *pack, const char *item, Err *err);
int progress_set_lang(Progress *p, const char *pack, const char *lang, Err *err);

/* Reads: 1 when found, 0 when not. */
int progress_position(Progress *p, const char *pack, char *item, size_t size, int *permille);
int progress_seen(Progress *p, const char *pack, const char *item);
size_t progress_seen_count(Progress *p, const char *pack);
int progress_lang(Progress *p, const char *pack, char *lang, size_t size);

/* One exercise's stored answer. */
typedef struct {
    char *answer;   /* the answer's JSON (answer_to_json); caller frees */
    char shape[17]; /* answer_shape of the exercise it was given to */
    double score;   /* last checked score, -1 when not scored or not checked */
    double best;    /* best checked score, -1 when none */
    int attempts;   /* times checked */
    int checked;
    long long at; /* Unix time of the last change */
} ProgressAnswer;

/* Stores the answer to an item. 'attempt' adds one to the attempts (a check); the best score is kept. */
int progress_save_answer(Progress *p, const char *pack, const char *item, const char *shape, const char *json,
                         double score, int checked, int attempt, Err *err);
int progress_load_answer(Progress *p, const char *pack, const char *item, ProgressAnswer *out);
void progress_answer_free(ProgressAnswer *a);

/* Exercises of a pack checked, and the mean of their scores (0..1, scored ones only). 1 when anything is stored. */
int progress_pack_tally(Progress *p, const char *pack, size_t *done, double *mean);

/* Forgets everything stored for one pack, or everything at all, so that the text is in none of the store's files
   afterwards (docs/reader.md, "Forgetting"). */
int progress_forget_pack(Progress *p, const char *pack, Err *err);
int progress_forget_all(Progress *p, Err *err);

/* The store's SQLite connection, for tests that look inside it (NULL when none). */
struct sqlite3 *progress_sqlite(Progress *p);

/* A lecturer's own note on an item ("" deletes it), and the note (caller frees; NULL when none). */
int progress_set_note(Progress *p, const char *pack, const char *item, const char *text, Err *err);
char *progress_note(Progress *p, const char *pack, const char *item);
/* Called with each note: 'source' is NULL for the lecturer's own, else who it was imported from. */
typedef void (*ProgressNoteFn)(void *user, const char *item, const char *source, const char *text);
size_t progress_each_note(Progress *p, const char *pack, ProgressNoteFn fn, void *user);
/* Notes imported from a colleague's .beseda-notes file, kept apart from the lecturer's own (one per source). */
int progress_add_imported(Progress *p, const char *pack, const char *item, const char *source, const char *text,
                          Err *err);
size_t progress_each_imported(Progress *p, const char *pack, const char *item, ProgressNoteFn fn, void *user);

/* Show-of-hands counts recorded in class, per item and option. */
int progress_set_hands(Progress *p, const char *pack, const char *item, int option, int count, Err *err);
int progress_hands(Progress *p, const char *pack, const char *item, int option);

#endif
