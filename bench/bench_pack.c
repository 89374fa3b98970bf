/* bench_pack: times one loader operation on a pack and reports it with the process's peak memory. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

#include "core/doc.h"
#include "core/manifest.h"
#include "core/pack.h"
#include "core/sign.h"
#include "core/trust.h"
#include "core/validate.h"

static double now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static long peak_rss_kib(void)
{
    struct rusage ru;
    getrusage(RUSAGE_SELF, &ru);
    return ru.ru_maxrss;
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

typedef struct {
    const char *path;
    Pack *pack;
    const Item *item;
    ErrList *list;
    Trust *trust;
    Err err;
    int bad;
} Job;

static void do_open(Job *j)
{
    Pack *p;
    if (pack_open(j->path, NULL, &p, &j->err) != 0)
        j->bad = 1;
    else
        pack_close(p);
}

static void do_validate(Job *j)
{
    errlist_init(j->list);
    if (validate_pack(j->path, NULL, j->list, NULL) != 0) {
        j->bad = 1;
        if (j->list->count)
            j->err = j->list->items[0];
    }
}

static void do_page(Job *j)
{
    char *md;
    size_t len;
    Doc *d;
    const PackLimits *lim = pack_limits(j->pack);
    if (pack_read(j->pack, j->item->file, lim->max_markdown_size, &md, &len, &j->err) != 0 ||
        doc_parse(md, len, lim, j->item->file, &d, &j->err) != 0)
        j->bad = 1;
    else
        doc_free(d);
    free(md);
}

/* As the reader does for a card: the .minisig beside the pack checked against the trusted keys (one streamed read). */
static void do_verify(Job *j)
{
    PackSig *sig = malloc(sizeof *sig);
    if (!sig) {
        j->bad = 1;
        return;
    }
    trust_check_pack(j->trust, j->path, sig);
    if (sig->state != PACKSIG_TRUSTED) {
        j->err = sig->error;
        if (j->err.code == ERR_OK)
            err_set(&j->err, ERR_USAGE, NULL, "the pack is not signed by a key in the keys' folder");
        j->bad = 1;
    }
    free(sig);
}

/* Median of 'runs' timings of one operation, in milliseconds. */
static double median(int runs, void (*fn)(Job *), Job *j)
{
    double t[101];
    if (runs > 101)
        runs = 101;
    for (int r = 0; r < runs; r++) {
        double start = now_ms();
        fn(j);
        t[r] = now_ms() - start;
    }
    qsort(t, (size_t)runs, sizeof t[0], cmp_double);
    return t[runs / 2];
}

static int fail(const char *what, const Err *e)
{
    char buf[1400];
    err_format(e, buf, sizeof buf);
    fprintf(stderr, "bench_pack: %s: %s\n", what, buf);
    return 1;
}

int main(int argc, char **argv)
{
    if (argc != 3 && !(argc == 4 && strcmp(argv[1], "verify") == 0)) {
        fprintf(stderr, "usage: bench_pack open|validate|page PACK, or verify PACK KEYS_FOLDER\n");
        return 2;
    }
    pack_process_init(); /* as every Beseda program does */
    const char *op = argv[1];
    Job j = {.path = argv[2]};
    double ms;
    if (strcmp(op, "open") == 0) {
        /* As the reader does: the zip directory (with the local-header check) and pack.json. */
        ms = median(31, do_open, &j);
    } else if (strcmp(op, "validate") == 0) {
        if (!(j.list = malloc(sizeof *j.list)))
            return 1;
        ms = median(3, do_validate, &j);
        free(j.list);
    } else if (strcmp(op, "verify") == 0) {
        /* the signature against the .pub files in KEYS_FOLDER, as the reader checks a pack's card */
        Trust t;
        if (sign_init(&j.err) != 0 || trust_load(&t, NULL, argv[3], &j.err) != 0)
            return fail("keys", &j.err);
        j.trust = &t;
        ms = median(3, do_verify, &j);
        trust_free(&t);
    } else if (strcmp(op, "page") == 0) {
        /* Read and parse the first page of the middle lesson, as turning to it would. */
        if (pack_open(j.path, NULL, &j.pack, &j.err) != 0)
            return fail("open", &j.err);
        const Manifest *m = pack_manifest(j.pack);
        j.item = &m->lessons[m->n_lessons / 2].items[0];
        ms = median(31, do_page, &j);
        pack_close(j.pack);
    } else {
        fprintf(stderr, "bench_pack: unknown operation '%s'\n", op);
        return 2;
    }
    if (j.bad)
        return fail(op, &j.err);
    printf("%s\t%.3f\t%ld\n", op, ms, peak_rss_kib());
    return 0;
}
