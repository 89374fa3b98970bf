/* version: semantic versions (MAJOR.MINOR.PATCH[-pre][+build]) and the ranges locale packs declare. */
#ifndef BESEDA_VERSION_H
#define BESEDA_VERSION_H

/* The reader's own version, compared with a pack's min_reader. */
#define BESEDA_VERSION "0.1.0"

typedef struct {
    long major, minor, patch;
    char pre[64]; /* empty for a release; a pre-release sorts before its release */
} Version;

/* Parses a full semantic version. Returns 0, or -1 when 's' is not one. */
int version_parse(const char *s, Version *v);
/* <0, 0, >0 like strcmp; build metadata is ignored, pre-release fields compare per semver 2.0. */
int version_cmp(const Version *a, const Version *b);
/* Checks a range: comparators (>=, >, <=, <, =) each followed by a version, separated by spaces, all of which
   must hold, e.g. ">=1.0.0 <2.0.0". Returns 0 when well-formed. */
int version_range_check(const char *range);
/* 1 when 'v' lies in the well-formed 'range', 0 otherwise. */
int version_in_range(const Version *v, const char *range);

#endif
