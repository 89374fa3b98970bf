/* version: semantic versions (MAJOR.MINOR.PATCH[-pre][+build]) and the ranges locale packs declare. */
#include "version.h"

#include <ctype.h>
#include <stdlib.h>
#include <string.h>

static int parse_num(const char **s, long *out)
{
    const char *p = *s;
    if (!isdigit((unsigned char)*p) || (p[0] == '0' && isdigit((unsigned char)p[1])))
        return -1;
    long n = 0;
    while (isdigit((unsigned char)*p)) {
        if (n > 100000000)
            return -1;
        n = n * 10 + (*p++ - '0');
    }
    *out = n;
    *s = p;
    return 0;
}

/* Parses a version that ends at 'end' (exclusive). */
static int parse_span(const char *s, const char *end, Version *v)
{
    memset(v, 0, sizeof *v);
    if (parse_num(&s, &v->major) || *s++ != '.' || parse_num(&s, &v->minor) || *s++ != '.' || parse_num(&s, &v->patch))
        return -1;
    if (s < end && *s == '-') {
        const char *q = ++s;
        while (q < end && *q != '+' && (isalnum((unsigned char)*q) || *q == '.' || *q == '-'))
            q++;
        if (q == s || (size_t)(q - s) >= sizeof v->pre)
            return -1;
        memcpy(v->pre, s, (size_t)(q - s));
        s = q;
    }
    if (s < end && *s == '+') {
        const char *q = ++s;
        while (q < end && (isalnum((unsigned char)*q) || *q == '.' || *q == '-'))
            q++;
        if (q == s)
            return -1;
        s = q;
    }
    return s == end ? 0 : -1;
}

int version_parse(const char *s, Version *v)
{
    return parse_span(s, s + strlen(s), v);
}

/* Compares dot-separated pre-release identifiers: numeric ones numerically and below alphanumeric ones. */
static int cmp_pre(const char *a, const char *b)
{
    if (!a[0] || !b[0])
        return !a[0] - !b[0]; /* a release sorts after any pre-release */
    while (*a && *b) {
        size_t la = strcspn(a, "."), lb = strcspn(b, ".");
        int na = strspn(a, "0123456789") == la, nb = strspn(b, "0123456789") == lb;
        int c;
        if (na && nb)
            c = la != lb ? (la < lb ? -1 : 1) : strncmp(a, b, la);
        else if (na != nb)
            c = na ? -1 : 1;
        else {
            c = strncmp(a, b, la < lb ? la : lb);
            if (!c && la != lb)
                c = la < lb ? -1 : 1;
        }
        if (c)
            return c;
        a += la + (a[la] == '.');
        b += lb + (b[lb] == '.');
    }
    return (*a != 0) - (*b != 0);
}

int version_cmp(const Version *a, const Version *b)
{
    if (a->major != b->major)
        return a->major < b->major ? -1 : 1;
    if (a->minor != b->minor)
        return a->minor < b->minor ? -1 : 1;
    if (a->patch != b->patch)
        return a->patch < b->patch ? -1 : 1;
    return cmp_pre(a->pre, b->pre);
}

/* Walks the comparators of 'range'; with 'v' NULL only checks the syntax. Returns 1 when all hold, 0 when one
   fails, -1 on bad syntax. */
static int walk_range(const char *range, const Version *v)
{
    const char *s = range;
    int count = 0, ok = 1;
    while (*s) {
        while (*s == ' ')
            s++;
        if (!*s)
            break;
        const char *op = s;
        while (*s == '>' || *s == '<' || *s == '=')
            s++;
        size_t oplen = (size_t)(s - op);
        const char *end = s;
        while (*end && *end != ' ')
            end++;
        Version bound;
        if (parse_span(s, end, &bound) != 0)
            return -1;
        int rel = v ? version_cmp(v, &bound) : 0;
        if (oplen == 2 && op[0] == '>' && op[1] == '=')
            ok &= rel >= 0;
        else if (oplen == 2 && op[0] == '<' && op[1] == '=')
            ok &= rel <= 0;
        else if (oplen == 1 && op[0] == '>')
            ok &= rel > 0;
        else if (oplen == 1 && op[0] == '<')
            ok &= rel < 0;
        else if (oplen == 1 && op[0] == '=')
            ok &= rel == 0;
        else
            return -1;
        count++;
        s = end;
    }
    return count ? ok : -1;
}

int version_range_check(const char *range)
{
    return walk_range(range, NULL) < 0 ? -1 : 0;
}

int version_in_range(const Version *v, const char *range)
{
    return walk_range(range, v) == 1;
}
