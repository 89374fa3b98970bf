/* zipcheck: names each damage of a zip archive's records (end records, directory, local headers) with its entry
   and field, where libzip 1.7 has one "inconsistent" flag. */
#include "zipcheck.h"

#include <errno.h>
#include <libintl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistr.h>

#include "entryname.h"
#include "os/os.h"

/* Record sizes, signatures and flags of the ZIP specification (APPNOTE.TXT 4.3, 4.4.4, 4.5.3). */
enum {
    LOC_LEN = 30,
    CEN_LEN = 46,
    EOCD_LEN = 22,
    LOC64_LEN = 20,
    EOCD64_LEN = 56,
    TAIL_LEN = EOCD_LEN + 0xFFFF,    /* the end record and its comment */
    WIN_SIZE = 256 << 10,            /* holds the tail, or any one directory record (46 + 3 * 65535 bytes) */
    LOC_SIZE = LOC_LEN + 2 * 0xFFFF, /* any one local header with its name and extra field */
    SHOWN = 300,
    FLAG_DESCRIPTOR = 0x0008, /* CRC and sizes follow the data, the local header may hold zeros */
    FLAG_READ_MASK = 0x0049,  /* flags that change how an entry is read: encrypted, descriptor, strong encryption */
    FLAG_UTF8 = 0x0800,
    ZIP64_EXTRA = 0x0001,
};
#define SIG_LOC    0x04034b50u
#define SIG_CEN    0x02014b50u
#define SIG_EOCD   0x06054b50u
#define SIG_LOC64  0x07064b50u
#define SIG_EOCD64 0x06064b50u
#define SIG_DESC   0x08074b50u
#define MAX32      0xFFFFFFFFu

typedef struct {
    int fd;
    uint64_t size;
    const PackLimits *lim;
    const Err *label;
    ErrList *all;
    Err *first;
    int rc;             /* the first damage's negative code, 0 while none */
    int io_failed;      /* a read failed: nothing more can be said */
    unsigned char *win; /* a window on the file: the tail, then the directory */
    uint64_t win_off;
    size_t win_len;
    unsigned char *loc; /* one local header */
} Zc;

typedef struct {
    uint64_t at; /* offset of the end record */
    uint64_t cd_off, cd_size, n_disk, n_total;
    uint64_t cd_end; /* where the directory must end: at the ZIP64 end record, else at the end record */
    uint64_t loc64;  /* offset of the ZIP64 end record a locator names, UINT64_MAX without one */
    unsigned disk, cd_disk, comment_len;
} EndRec;

typedef struct {
    unsigned version, flags, method, time, date;
    uint32_t crc;
    uint64_t csize, usize, offset;
    const unsigned char *name; /* in the window: valid until the next directory read */
    size_t name_len, rec_len;
    char shown[SHOWN];
} CenRec;

static unsigned le16(const unsigned char *p)
{
    return (unsigned)p[0] | (unsigned)p[1] << 8;
}
static uint32_t le32(const unsigned char *p)
{
    return (uint32_t)le16(p) | (uint32_t)le16(p + 2) << 16;
}
static uint64_t le64(const unsigned char *p)
{
    return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

static void damage(Zc *z, ErrCode code, const char *entry, const char *field, const char *fmt, ...)
    __attribute__((format(BESEDA_PRINTF_FORMAT, 5, 6)));
static void damage(Zc *z, ErrCode code, const char *entry, const char *field, const char *fmt, ...)
{
    Err e = *z->label;
    va_list ap;
    va_start(ap, fmt);
    err_setv(&e, code, entry, fmt, ap);
    va_end(ap);
    if (field)
        snprintf(e.field, sizeof e.field, "%s", field);
    if (z->all)
        errlist_add(z->all, &e);
    if (z->rc == 0) {
        if (z->first)
            *z->first = e;
        z->rc = -(int)code;
    }
}

/* A damage that only a good copy of the pack mends: the message gets that advice. */
static void broken(Zc *z, ErrCode code, const char *entry, const char *field, const char *fmt, ...)
    __attribute__((format(BESEDA_PRINTF_FORMAT, 5, 6)));
static void broken(Zc *z, ErrCode code, const char *entry, const char *field, const char *fmt, ...)
{
    char what[400];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(what, sizeof what, gettext(fmt), ap);
    va_end(ap);
    damage(z, code, entry, field, N_("%s; the pack is damaged: copy it again from its source"), what);
}

/* True when the check cannot or need not go on: a read failed, or the caller wants only the first damage. */
static int halted(const Zc *z)
{
    return z->io_failed || (z->rc != 0 && !z->all);
}

static void shown_name(const unsigned char *name, size_t len, char out[SHOWN])
{
    entryname_printable((const char *)name, len < 200 ? len : 200, out, SHOWN);
}

static int read_at(Zc *z, uint64_t off, void *buf, size_t n)
{
    size_t got = 0;
    while (got < n) {
        ssize_t r = os_pread(z->fd, (char *)buf + got, n - got, off + got);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            damage(z, ERR_IO, NULL, NULL, N_("cannot read the archive: %s"), strerror(errno));
        else if (r == 0)
            damage(z, ERR_IO, NULL, NULL, N_("the archive became shorter while it was being read; try again"));
        if (r <= 0) {
            z->io_failed = 1;
            return -1;
        }
        got += (size_t)r;
    }
    return 0;
}

/* Bytes [off, off + n) of the file through the window (n <= WIN_SIZE), or NULL past the end or on a read error. */
static const unsigned char *win_get(Zc *z, uint64_t off, size_t n)
{
    if (off > z->size || n > z->size - off || z->io_failed)
        return NULL;
    if (off >= z->win_off && off + n <= z->win_off + z->win_len)
        return z->win + (off - z->win_off);
    size_t len = z->size - off < WIN_SIZE ? (size_t)(z->size - off) : WIN_SIZE;
    z->win_len = 0;
    if (read_at(z, off, z->win, len) != 0)
        return NULL;
    z->win_off = off;
    z->win_len = len;
    return z->win;
}

/* The ZIP64 extra field in extra data x[0..len), or NULL; its length goes to *flen. */
static const unsigned char *find_zip64(const unsigned char *x, size_t len, size_t *flen)
{
    size_t at = 0;
    while (len - at >= 4) {
        size_t n = le16(x + at + 2);
        if (n > len - at - 4)
            return NULL;
        if (le16(x + at) == ZIP64_EXTRA) {
            *flen = n;
            return x + at + 4;
        }
        at += 4 + n;
    }
    return NULL;
}

/* Reads the end record at 'p' into 'e'. Returns 1 when it names a directory that can be there (inside the file,
   before the record, starting with a directory record; with a ZIP64 locator, checked later), else 0. */
static int read_end(Zc *z, uint64_t p, EndRec *e)
{
    const unsigned char *b = win_get(z, p, EOCD_LEN);
    if (!b)
        return 0;
    *e = (EndRec){.at = p,
                  .disk = le16(b + 4),
                  .cd_disk = le16(b + 6),
                  .n_disk = le16(b + 8),
                  .n_total = le16(b + 10),
                  .cd_size = le32(b + 12),
                  .cd_off = le32(b + 16),
                  .comment_len = le16(b + 20),
                  .cd_end = p,
                  .loc64 = UINT64_MAX};
    if (p >= LOC64_LEN && (b = win_get(z, p - LOC64_LEN, LOC64_LEN)) && le32(b) == SIG_LOC64) {
        e->loc64 = le64(b + 8);
        return 1;
    }
    if (e->cd_off > p || e->cd_size > p - e->cd_off)
        return 0;
    if (e->n_total == 0 && e->cd_size == 0)
        return 1;
    b = win_get(z, e->cd_off, 4);
    return b && le32(b) == SIG_CEN;
}

/* Finds the end record in the file's tail: the last one that names a possible directory, else the last one.
   Returns 2 (possible), 1 (the last one, impossible) or 0 (none). */
static int find_end(Zc *z, EndRec *end)
{
    if (z->size < EOCD_LEN)
        return 0;
    uint64_t start = z->size > TAIL_LEN ? z->size - TAIL_LEN : 0;
    int found = 0;
    for (uint64_t p = z->size - EOCD_LEN + 1; p-- > start;) {
        const unsigned char *t = win_get(z, start, (size_t)(z->size - start)); /* again only after a candidate */
        if (!t)
            return 0;
        if (le32(t + (p - start)) != SIG_EOCD)
            continue;
        EndRec cand = {0};
        int possible = read_end(z, p, &cand);
        if (possible || !found)
            *end = cand;
        if (possible)
            return 2;
        found = 1;
    }
    return found;
}

/* Takes the directory's place and counts from the ZIP64 end record named by the locator before the end record. */
static int read_end64(Zc *z, EndRec *e)
{
    uint64_t loc = e->at - LOC64_LEN;
    const unsigned char *b = e->loc64 <= loc && loc - e->loc64 >= EOCD64_LEN ? win_get(z, e->loc64, EOCD64_LEN) : NULL;
    if (!b || le32(b) != SIG_EOCD64) {
        if (!z->io_failed)
            broken(z, ERR_ZIP_DIRECTORY, NULL, NULL,
                   N_("there is no ZIP64 end record at offset %llu, where its locator says"),
                   (unsigned long long)e->loc64);
        return -1;
    }
    uint64_t len = le64(b + 4), room = loc - e->loc64 - 12;
    if (len > room)
        broken(z, ERR_ZIP_DIRECTORY, NULL, NULL,
               N_("the ZIP64 end record says it is %llu bytes long, more than the %llu bytes before its locator"),
               (unsigned long long)len, (unsigned long long)room);
    else if (len < room)
        broken(z, ERR_ZIP_JUNK, NULL, NULL,
               N_("%llu bytes between the ZIP64 end record and its locator belong to nothing"),
               (unsigned long long)(room - len));
    uint64_t n_total = le64(b + 32), cd_size = le64(b + 40), cd_off = le64(b + 48);
    if ((e->n_total != 0xFFFF && e->n_total != n_total) || (e->cd_size != MAX32 && e->cd_size != cd_size) ||
        (e->cd_off != MAX32 && e->cd_off != cd_off))
        broken(z, ERR_ZIP_DIRECTORY, NULL, NULL,
               N_("the end record and the ZIP64 end record disagree on the number of files or the place of the zip "
                  "directory"));
    e->disk = le32(b + 16);
    e->cd_disk = le32(b + 20);
    e->n_disk = le64(b + 24);
    e->n_total = n_total;
    e->cd_size = cd_size;
    e->cd_off = cd_off;
    e->cd_end = e->loc64;
    return 0;
}

static void check_comment(Zc *z, const EndRec *e)
{
    uint64_t tail = z->size - e->at - EOCD_LEN;
    if (tail < e->comment_len)
        broken(z, ERR_ZIP_COMMENT, NULL, NULL,
               N_("the zip end record says a comment of %u bytes follows it, but the file ends %llu bytes after it"),
               e->comment_len, (unsigned long long)tail);
    else if (tail > e->comment_len && e->comment_len == 0)
        broken(z, ERR_ZIP_JUNK, NULL, NULL,
               N_("%llu bytes after the zip end record belong to nothing (something was added to the end of the "
                  "archive)"),
               (unsigned long long)tail);
    else if (tail > e->comment_len)
        broken(z, ERR_ZIP_COMMENT, NULL, NULL,
               N_("the zip end record says its comment is %u bytes long, but %llu bytes follow it"), e->comment_len,
               (unsigned long long)tail);
}

/* Checks the end record(s) that find_end chose; returns -1 when the directory cannot be walked. */
static int check_end(Zc *z, EndRec *e)
{
    if (e->loc64 != UINT64_MAX && read_end64(z, e) != 0)
        return -1;
    check_comment(z, e);
    if (e->disk != 0 || e->cd_disk != 0)
        damage(z, ERR_ZIP_DIRECTORY, NULL, NULL,
               N_("the zip end record says the archive is split over several files (this is part %u); a pack must "
                  "be a single file"),
               e->disk + 1);
    if (e->n_disk != e->n_total)
        broken(z, ERR_ZIP_ENTRY_COUNT, NULL, NULL,
               N_("the zip end record counts %llu files on this disk but %llu in all (they must be equal)"),
               (unsigned long long)e->n_disk, (unsigned long long)e->n_total);
    if (e->cd_off > e->cd_end || e->cd_size > e->cd_end - e->cd_off) {
        broken(z, ERR_ZIP_DIRECTORY, NULL, NULL,
               N_("the zip end record places the zip directory at offset %llu (%llu bytes), which runs past the end "
                  "record itself at offset %llu"),
               (unsigned long long)e->cd_off, (unsigned long long)e->cd_size, (unsigned long long)e->cd_end);
        return -1;
    }
    if (e->cd_off + e->cd_size < e->cd_end)
        broken(z, ERR_ZIP_JUNK, NULL, NULL,
               N_("%llu bytes between the zip directory and its end record belong to nothing"),
               (unsigned long long)(e->cd_end - e->cd_off - e->cd_size));
    return 0;
}

/* Replaces the 32-bit fields that are all ones with the values of the ZIP64 extra field, in its order. */
static int zip64_central(Zc *z, CenRec *c, const unsigned char *x, size_t len)
{
    size_t flen = 0, at = 0;
    const unsigned char *f = find_zip64(x, len, &flen);
    uint64_t *v[3] = {&c->usize, &c->csize, &c->offset};
    for (int j = 0; f && j < 3; j++) {
        if (*v[j] != MAX32)
            continue;
        if (flen - at < 8)
            f = NULL;
        else
            *v[j] = le64(f + at), at += 8;
    }
    if (f)
        return 0;
    broken(z, ERR_ZIP_DIRECTORY, c->shown, NULL,
           N_("the zip directory says this file's sizes or place are in a ZIP64 extra field, which is missing or too "
              "short"));
    return 1;
}

/* Reads directory record 'i' at 'pos' (the directory ends at 'end'). Returns 0, 1 when the record can be walked
   past but its entry not checked, or -1 when the walk cannot go on. */
static int read_central(Zc *z, uint64_t pos, uint64_t end, size_t i, CenRec *c)
{
    const unsigned char *b = end - pos >= CEN_LEN ? win_get(z, pos, CEN_LEN) : NULL;
    if (!b || le32(b) != SIG_CEN) {
        if (!z->io_failed)
            broken(z, ERR_ZIP_DIRECTORY, NULL, NULL,
                   N_("record %zu of the zip directory (at offset %llu) is cut short or is not a directory record"),
                   i + 1, (unsigned long long)pos);
        return -1;
    }
    size_t n = le16(b + 28), m = le16(b + 30), k = le16(b + 32);
    if (CEN_LEN + n + m + k > end - pos) {
        broken(z, ERR_ZIP_DIRECTORY, NULL, NULL,
               N_("record %zu of the zip directory (at offset %llu) runs past the end of the directory"), i + 1,
               (unsigned long long)pos);
        return -1;
    }
    if (!(b = win_get(z, pos, CEN_LEN + n + m + k)))
        return -1;
    *c = (CenRec){.version = le16(b + 6),
                  .flags = le16(b + 8),
                  .method = le16(b + 10),
                  .time = le16(b + 12),
                  .date = le16(b + 14),
                  .crc = le32(b + 16),
                  .csize = le32(b + 20),
                  .usize = le32(b + 24),
                  .offset = le32(b + 42),
                  .name = b + CEN_LEN,
                  .name_len = n,
                  .rec_len = CEN_LEN + n + m + k};
    shown_name(c->name, n, c->shown);
    if (c->usize == MAX32 || c->csize == MAX32 || c->offset == MAX32)
        return zip64_central(z, c, b + CEN_LEN + n, m);
    return 0;
}

static void dos_time(unsigned date, unsigned time, char out[32])
{
    snprintf(out, 32, "%04u-%02u-%02u %02u:%02u:%02u", 1980 + (date >> 9), (date >> 5) & 15, date & 31, time >> 11,
             (time >> 5) & 63, (time & 31) * 2);
}

/* Compares CRC-32 and sizes, unless the local header leaves them to a data descriptor (all zero, flag bit 3). */
static void compare_sums(Zc *z, const CenRec *c, const unsigned char *h, size_t n, size_t m)
{
    uint32_t crc = le32(h + 14);
    uint64_t csize = le32(h + 18), usize = le32(h + 22);
    if ((le16(h + 6) & FLAG_DESCRIPTOR) && crc == 0 && csize == 0 && usize == 0)
        return;
    size_t flen = 0;
    const unsigned char *f = csize == MAX32 || usize == MAX32 ? find_zip64(h + LOC_LEN + n, m, &flen) : NULL;
    if (f && flen >= 16) /* in a local header both sizes are there, uncompressed first */
        usize = le64(f), csize = le64(f + 8);
    if (crc != c->crc)
        broken(z, ERR_ZIP_LOCAL_HEADER, c->shown, "crc-32",
               N_("the local header gives the checksum (CRC-32) %08x, the zip directory %08x"), (unsigned)crc,
               (unsigned)c->crc);
    else if (csize != c->csize)
        broken(z, ERR_ZIP_LOCAL_HEADER, c->shown, "compressed-size",
               N_("the local header gives the compressed size as %llu bytes, the zip directory as %llu"),
               (unsigned long long)csize, (unsigned long long)c->csize);
    else if (usize != c->usize)
        broken(z, ERR_ZIP_LOCAL_HEADER, c->shown, "uncompressed-size",
               N_("the local header gives the uncompressed size as %llu bytes, the zip directory as %llu"),
               (unsigned long long)usize, (unsigned long long)c->usize);
}

/* Names the first field of local header h (name n bytes, extra m bytes) that disagrees with the directory. */
static void compare_local(Zc *z, const CenRec *c, const unsigned char *h, size_t n, size_t m)
{
    unsigned version = le16(h + 4), flags = le16(h + 6), method = le16(h + 8), time = le16(h + 10), date = le16(h + 12);
    char a[SHOWN], b[32];
    if (n != c->name_len) {
        broken(z, ERR_ZIP_LOCAL_HEADER, c->shown, "name-length",
               N_("the local header gives the name as %zu bytes long, the zip directory as %zu"), n, c->name_len);
    } else if (memcmp(h + LOC_LEN, c->name, n) != 0) {
        shown_name(h + LOC_LEN, n, a);
        broken(z, ERR_ZIP_LOCAL_HEADER, c->shown, "name", N_("the local header names this file '%s'"), a);
    } else if (method != c->method) {
        broken(z, ERR_ZIP_LOCAL_HEADER, c->shown, "method",
               N_("the local header gives compression method %u, the zip directory %u"), method, c->method);
    } else if ((flags ^ c->flags) & FLAG_READ_MASK) {
        broken(z, ERR_ZIP_LOCAL_HEADER, c->shown, "flags",
               N_("the local header's flags (0x%04x) and the zip directory's (0x%04x) disagree on encryption or a data "
                  "descriptor"),
               flags, c->flags);
    } else if (version > c->version) {
        broken(z, ERR_ZIP_LOCAL_HEADER, c->shown, "version-needed",
               N_("the local header needs zip version %u.%u to extract this file, the zip directory %u.%u"),
               version / 10, version % 10, c->version / 10, c->version % 10);
    } else if (time != c->time || date != c->date) {
        dos_time(date, time, a);
        dos_time(c->date, c->time, b);
        broken(z, ERR_ZIP_LOCAL_HEADER, c->shown, "time",
               N_("the local header gives the file's time as %s, the zip directory as %s"), a, b);
    } else {
        compare_sums(z, c, h, n, m);
    }
}

/* Reads the local header of 'c' and compares it with the directory. Returns 0 with the offset of the entry's data
   in *data, or -1 when there is no header to compare. */
static int check_local(Zc *z, const CenRec *c, uint64_t *data)
{
    uint64_t avail = z->size - c->offset;
    size_t want = LOC_LEN + c->name_len + 64; /* the name and, usually, the extra fields */
    if (want > avail)
        want = (size_t)avail;
    if (read_at(z, c->offset, z->loc, want) != 0) /* want >= LOC_LEN: the header starts before the directory */
        return -1;
    const unsigned char *h = z->loc;
    if (le32(h) != SIG_LOC) {
        broken(z, ERR_ZIP_LOCAL_HEADER, c->shown, "signature",
               N_("there is no local header at offset %llu, where the zip directory says this file starts"),
               (unsigned long long)c->offset);
        return -1;
    }
    size_t n = le16(h + 26), m = le16(h + 28);
    if (LOC_LEN + n + m > avail) {
        broken(z, ERR_ZIP_DATA_PAST_END, c->shown, NULL,
               N_("this file's local header (at offset %llu) runs past the end of the archive"),
               (unsigned long long)c->offset);
        return -1;
    }
    if (LOC_LEN + n + m > want && read_at(z, c->offset + want, z->loc + want, LOC_LEN + n + m - want) != 0)
        return -1;
    compare_local(z, c, h, n, m);
    *data = c->offset + LOC_LEN + n + m;
    return 0;
}

/* Checks one entry: its name's encoding, its local header, and that its data lies before the directory. */
static void check_entry(Zc *z, const CenRec *c, uint64_t cd_off)
{
    if ((c->flags & FLAG_UTF8) && u8_check(c->name, c->name_len) != NULL)
        damage(z, ERR_NAME_UTF8, c->shown, NULL,
               N_("the file name is marked as UTF-8 (flag bit 11) but is not valid UTF-8; rename the file using UTF-8 "
                  "and build the pack again"));
    if (c->offset >= cd_off || cd_off - c->offset < LOC_LEN) {
        broken(z, ERR_ZIP_DATA_PAST_END, c->shown, NULL,
               c->offset >= z->size
                   ? N_("the zip directory places this file at offset %llu, past the end of the archive (%llu bytes)")
                   : N_("the zip directory places this file at offset %llu, inside or after the directory itself "
                        "(which starts at offset %llu)"),
               (unsigned long long)c->offset, (unsigned long long)(c->offset >= z->size ? z->size : cd_off));
        return;
    }
    uint64_t data = 0;
    if (check_local(z, c, &data) != 0)
        return;
    if (data > z->size || c->csize > z->size - data)
        broken(z, ERR_ZIP_DATA_PAST_END, c->shown, NULL,
               N_("this file's data (%llu bytes from offset %llu) runs past the end of the archive (%llu bytes)"),
               (unsigned long long)c->csize, (unsigned long long)data, (unsigned long long)z->size);
    else if (data + c->csize > cd_off)
        broken(z, ERR_ZIP_DATA_PAST_END, c->shown, NULL,
               N_("this file's data (%llu bytes from offset %llu) runs into the zip directory at offset %llu"),
               (unsigned long long)c->csize, (unsigned long long)data, (unsigned long long)cd_off);
}

/* Walks the directory record by record, at most max_entries + 1 of them, and checks each entry. */
static void walk_directory(Zc *z, const EndRec *e)
{
    uint64_t pos = e->cd_off, end = e->cd_off + e->cd_size;
    size_t i = 0;
    for (; pos < end && !halted(z); i++) {
        if (i >= z->lim->max_entries) {
            if (e->n_total <= z->lim->max_entries) /* else too many files: said when libzip opens it */
                broken(z, ERR_ZIP_ENTRY_COUNT, NULL, NULL,
                       N_("the zip end record counts %llu files, but the zip directory holds more than %zu records"),
                       (unsigned long long)e->n_total, i);
            return;
        }
        CenRec c;
        int r = read_central(z, pos, end, i, &c);
        if (r < 0)
            return;
        if (r == 0)
            check_entry(z, &c, e->cd_off);
        pos += c.rec_len;
    }
    if (!halted(z) && i != e->n_total)
        broken(z, ERR_ZIP_ENTRY_COUNT, NULL, NULL,
               N_("the zip end record counts %llu files, but the zip directory holds %zu"),
               (unsigned long long)e->n_total, i);
}

/* Steps over the local entry at 'off' whose header is in z->loc (the name too); returns where the next record
   starts, or 0 when the entry cannot be stepped over (its sizes are in a data descriptor) or is cut short. */
static uint64_t step_local(Zc *z, uint64_t off, const char *shown)
{
    const unsigned char *h = z->loc;
    uint64_t data = off + LOC_LEN + le16(h + 26) + le16(h + 28), csize = le32(h + 18);
    if (data > z->size || csize > z->size - data) {
        broken(z, ERR_ZIP_CORRUPT, shown, NULL,
               N_("the archive is cut short inside this file's data (%llu of its %llu bytes are there) and its zip "
                  "directory is missing"),
               (unsigned long long)(data < z->size ? z->size - data : 0), (unsigned long long)csize);
        return 0;
    }
    if (le16(h + 6) & FLAG_DESCRIPTOR) {
        unsigned char sig[4];
        if (csize == 0 || z->size - data - csize < 16 || read_at(z, data + csize, sig, 4) != 0)
            return 0;
        return data + csize + (le32(sig) == SIG_DESC ? 16 : 12);
    }
    return data + csize;
}

/* With no end record in the tail, follows the records from the start of the file to say where it ends. */
static void walk_cut_short(Zc *z)
{
    uint64_t off = 0;
    int in_dir = 0, stuck = 0; /* stuck: at a file whose sizes come only after its data */
    char shown[SHOWN];
    for (uint64_t i = 0; i <= 2 * (uint64_t)z->lim->max_entries + 1 && z->size - off >= 4; i++) {
        size_t have = z->size - off < CEN_LEN ? (size_t)(z->size - off) : CEN_LEN;
        if (read_at(z, off, z->loc, have) != 0)
            return;
        uint32_t sig = le32(z->loc);
        if (sig == SIG_LOC && !in_dir && have >= LOC_LEN) {
            size_t n = le16(z->loc + 26);
            if (n > z->size - off - LOC_LEN || read_at(z, off + LOC_LEN, z->loc + LOC_LEN, n) != 0)
                break;
            shown_name(z->loc + LOC_LEN, n, shown);
            uint64_t next = step_local(z, off, shown);
            if (!next) {
                stuck = 1; /* cut short (said), or its sizes are only in a data descriptor: said below */
                break;
            }
            off = next;
        } else if (sig == SIG_CEN && have >= CEN_LEN) {
            in_dir = 1;
            off += CEN_LEN + le16(z->loc + 28) + le16(z->loc + 30) + le16(z->loc + 32);
        } else if (sig == SIG_EOCD) {
            broken(z, ERR_ZIP_JUNK, NULL, NULL,
                   N_("%llu bytes after the zip end record (at offset %llu) belong to nothing, too many for the end "
                      "record to be found"),
                   (unsigned long long)(z->size - off > EOCD_LEN ? z->size - off - EOCD_LEN : 0),
                   (unsigned long long)off);
            return;
        } else {
            break;
        }
        if (off > z->size)
            break;
    }
    if (!z->io_failed && z->rc == 0 && stuck)
        broken(z, ERR_ZIP_CORRUPT, shown, NULL,
               N_("the archive is cut short or damaged: its zip directory (the list of files at its end) is missing, "
                  "and this file's sizes come after its data, so the rest cannot be followed"));
    else if (!z->io_failed && z->rc == 0)
        broken(z, ERR_ZIP_CORRUPT, NULL, NULL,
               in_dir ? N_("the archive is cut short inside its zip directory (after %llu bytes)")
                      : N_("the archive is cut short or damaged after %llu bytes: its zip directory (the list of files "
                           "at its end) is missing"),
               (unsigned long long)(off < z->size ? off : z->size));
}

static void check(Zc *z)
{
    EndRec end = {0};
    int found = find_end(z, &end);
    if (z->io_failed)
        return;
    const unsigned char *b = found == 2 ? NULL : win_get(z, 0, 4);
    if (found != 2 && !(b && le32(b) == SIG_LOC))
        return; /* no zip archive, or one with something in front: libzip says which */
    if (!found)
        walk_cut_short(z);
    else if (check_end(z, &end) == 0)
        walk_directory(z, &end);
}

int zipcheck_archive(const char *path, uint64_t size, const PackLimits *lim, const Err *label, ErrList *all, Err *first)
{
    Zc z = {.size = size, .lim = lim, .label = label, .all = all, .first = first};
    z.fd = os_open_read(path, 0);
    if (z.fd < 0)
        return 0; /* libzip cannot open it either and says why */
    z.win = malloc(WIN_SIZE);
    z.loc = malloc(LOC_SIZE);
    if (z.win && z.loc)
        check(&z);
    else
        damage(&z, ERR_NOMEM, NULL, NULL, N_("out of memory"));
    free(z.win);
    free(z.loc);
    os_close(z.fd);
    return z.rc;
}
