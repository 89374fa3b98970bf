/* bench_progress: the progress store's figures: opening it, saving one answer (a durable transaction: WAL with
   synchronous=FULL, so an fsync each), reading one back, and the database's size for a year of a student's work. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include "core/progress.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

int main(int argc, char **argv)
{
    if (argc != 2) {
        fprintf(stderr, "usage: bench_progress DIR\n");
        return 2;
    }
    char path[4096];
    snprintf(path, sizeof path, "%s/bench-progress.db", argv[1]);
    unlink(path);
    Progress *p;
    Err e;
    err_clear(&e);
    double t0 = now_ms();
    if (progress_open(path, NULL, 0, &p, &e) != 0 || e.code != ERR_OK) {
        fprintf(stderr, "bench_progress: %s\n", e.msg);
        return 1;
    }
    double create = now_ms() - t0;
    /* a year of work: 40 packs x 50 exercises, each answered (a reflection of about 2 KB every fifth) */
    enum { PACKS = 40, ITEMS = 50, N = PACKS * ITEMS };
    static double save[N];
    char json[2600];
    for (int i = 0; i < N; i++) {
        char pack[32], item[32];
        snprintf(pack, sizeof pack, "org.bench.pack%d", i / ITEMS);
        snprintf(item, sizeof item, "item-%d", i % ITEMS);
        if (i % 5 == 0) {
            int n = snprintf(json, sizeof json, "{\"v\":[],\"t\":[\"");
            for (int k = 0; k < 2000; k++)
                json[n++] = "Права человека "[k % 15];
            snprintf(json + n, sizeof json - (size_t)n, "\"],\"checked\":true}");
        } else {
            snprintf(json, sizeof json, "{\"v\":[0,1,0,%d],\"t\":[],\"checked\":true}", i % 2);
        }
        double s = now_ms();
        if (progress_save_answer(p, pack, item, "0123456789abcdef", json, 0.75, 1, 1, &e) != 0) {
            fprintf(stderr, "bench_progress: %s\n", e.msg);
            return 1;
        }
        save[i] = now_ms() - s;
    }
    double rs = now_ms();
    ProgressAnswer a;
    int found = 0;
    for (int i = 0; i < N; i++) {
        char pack[32], item[32];
        snprintf(pack, sizeof pack, "org.bench.pack%d", i / ITEMS);
        snprintf(item, sizeof item, "item-%d", i % ITEMS);
        if (progress_load_answer(p, pack, item, &a)) {
            found++;
            progress_answer_free(&a);
        }
    }
    double read = (now_ms() - rs) / N;
    progress_close(p);
    t0 = now_ms();
    progress_open(path, NULL, 0, &p, &e);
    double reopen = now_ms() - t0;
    progress_close(p);
    qsort(save, N, sizeof *save, cmp_double);
    FILE *f = fopen(path, "rb");
    long size = 0;
    if (f && fseek(f, 0, SEEK_END) == 0)
        size = ftell(f);
    if (f)
        fclose(f);
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    printf("create %.2f ms, open with %d answers %.2f ms\n", create, N, reopen);
    printf("save one answer (durable): median %.2f ms, p95 %.2f ms, max %.2f ms\n", save[N / 2], save[N * 95 / 100],
           save[N - 1]);
    printf("read one answer: %.3f ms (%d found)\n", read, found);
    printf("database with %d answers: %ld KiB; peak RSS %ld KiB\n", N, size / 1024, ru.ru_maxrss);
    unlink(path);
    return found == N ? 0 : 1;
}
