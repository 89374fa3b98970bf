/* pack: opens a lesson pack (zip archive or folder) within limits and reads its entries lazily. */
#include "pack.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <zip.h>

#include "entryname.h"
#include "manifest.h"
#include "os/os.h"
#include "vec.h"
#include "ziperr.h"
#include "zipcheck.h"

enum { FOLDER_MAX_DEPTH = 16, ZIP_LOCAL_HEADER = 30 };

typedef struct {
    char *name;
    uint64_t size; /* uncompressed, as declared (zip) or found (folder) */
    zip_uint64_t zindex;
} PackEntry;

struct Pack {
    char *path;
    int is_folder;
    zip_t *za;
    PackEntry *entries;
    size_t count, cap;
    uint64_t archive_size;
    uint64_t total_size;
    PackLimits lim;
    Manifest *manifest;
    Err label; /* only .pack is used: primes error records */
};

struct PackStream {
    zip_file_t *zf;
    int fd;
    uint64_t declared;
    uint64_t got;
    const char *name;
};

void pack_process_init(void)
{
    os_process_init(NULL, NULL);
}

void pack_limits_default(PackLimits *l)
{
    l->max_archive_size = 2ULL << 30;
    l->max_entries = 10000;
    l->max_entry_size = 64ULL << 20;
    l->max_total_size = 4ULL << 30;
    l->max_ratio = 200;
    l->ratio_floor = 1ULL << 20;
    l->max_name_len = 255;
    l->max_image_side = 8192;
    l->max_image_pixels = 40000000;
    l->max_markdown_size = 1ULL << 20;
    l->max_markdown_depth = 16;
    l->max_json_size = 4ULL << 20;
    l->max_string_len = 16384;
    l->max_array_len = 4096;
}

/* Records one directory problem: into 'all' when collecting, and the first one into 'err'. */
static int report(ErrList *all, Err *first, int rc, const Err *e)
{
    if (all)
        errlist_add(all, e);
    if (rc == 0) {
        *first = *e;
        return -(int)e->code;
    }
    return rc;
}

static int add_entry(Pack *p, const char *name, size_t len, uint64_t size, zip_uint64_t zi)
{
    if (vec_reserve((void **)&p->entries, &p->cap, p->count, sizeof *p->entries))
        return -1;
    char *copy = malloc(len + 1);
    if (!copy)
        return -1;
    memcpy(copy, name, len);
    copy[len] = '\0';
    p->entries[p->count++] = (PackEntry){copy, size, zi};
    return 0;
}

static int cmp_entry(const void *a, const void *b)
{
    return strcmp(((const PackEntry *)a)->name, ((const PackEntry *)b)->name);
}

static int cmp_str(const void *a, const void *b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

/* Archives from `beseda-pack build` list entries in order, and lower-case names fold to themselves, so the
   common case is a linear check instead of a sort. */
static void sort_unless_sorted(void *base, size_t n, size_t size, int (*cmp)(const void *, const void *))
{
    const char *b = base;
    for (size_t i = 1; i < n; i++)
        if (cmp(b + (i - 1) * size, b + i * size) > 0) {
            qsort(base, n, size, cmp);
            return;
        }
}

/* Sorts entries and rejects exact duplicates and names that collide after Unicode case folding (they would
   overwrite each other on Windows and macOS file systems). */
static int check_duplicates(Pack *p, ErrList *all, Err *err)
{
    int rc = 0;
    Err e = p->label;
    sort_unless_sorted(p->entries, p->count, sizeof *p->entries, cmp_entry);
    for (size_t i = 1; i < p->count; i++)
        if (strcmp(p->entries[i - 1].name, p->entries[i].name) == 0) {
            err_set(&e, ERR_DUPLICATE_NAME, p->entries[i].name,
                    N_("the archive holds two files with this name; keep only one"));
            rc = report(all, err, rc, &e);
        }
    if (rc)
        return rc;
    char **folded = calloc(p->count ? p->count : 1, sizeof *folded);
    if (!folded)
        return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
    for (size_t i = 0; i < p->count && rc == 0; i++)
        if (!(folded[i] = entryname_fold(p->entries[i].name, strlen(p->entries[i].name))))
            rc = err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
    if (rc == 0) {
        sort_unless_sorted(folded, p->count, sizeof *folded, cmp_str);
        for (size_t i = 1; i < p->count; i++)
            if (strcmp(folded[i - 1], folded[i]) == 0) {
                err_set(&e, ERR_DUPLICATE_FOLDED, folded[i],
                        N_("two files have names that differ only in upper and lower case; rename one"));
                rc = report(all, err, rc, &e);
            }
    }
    for (size_t i = 0; i < p->count; i++)
        free(folded[i]);
    free(folded);
    return rc;
}

/* Checks one entry's size against the per-entry, total and ratio limits. */
static int check_sizes(Pack *p, const char *name, uint64_t size, uint64_t comp, ErrList *all, Err *err, int rc)
{
    Err e = p->label;
    const PackLimits *l = &p->lim;
    if (size > l->max_entry_size) {
        err_set(&e, ERR_ENTRY_SIZE, name, N_("file is %llu bytes uncompressed; the limit is %llu"),
                (unsigned long long)size, (unsigned long long)l->max_entry_size);
        rc = report(all, err, rc, &e);
    }
    p->total_size += size;
    if (p->total_size > l->max_total_size && p->total_size - size <= l->max_total_size) {
        err_set(&e, ERR_TOTAL_SIZE, name,
                N_("the files add up to more than %llu bytes uncompressed, the limit for a pack"),
                (unsigned long long)l->max_total_size);
        rc = report(all, err, rc, &e);
    }
    if (comp != UINT64_MAX && size >= l->ratio_floor && size / (comp ? comp : 1) > l->max_ratio) {
        err_set(&e, ERR_RATIO, name, N_("file expands %llu times when uncompressed; the limit is %u (a zip bomb?)"),
                (unsigned long long)(size / (comp ? comp : 1)), l->max_ratio);
        rc = report(all, err, rc, &e);
    }
    return rc;
}

/* Opens the archive with libzip, without ZIP_CHECKCONS: zipcheck has read the same local headers and named what
   disagrees. A failure that zipcheck explained already ('rc') is not said twice. */
static int zip_open_err(Pack *p, ErrList *all, Err *err, int rc)
{
    int ze = 0;
    p->za = zip_open(p->path, ZIP_RDONLY, &ze);
    if (p->za || rc)
        return rc;
    Err e = p->label;
    ziperr_set(&e, NULL, ze, errno);
    return report(all, err, rc, &e);
}

/* Reads the zip central directory, checking every entry before anything is decompressed. */
static int scan_zip(Pack *p, ErrList *all, Err *err, int rc)
{
    int opened = zip_open_err(p, all, err, rc);
    if (!p->za)
        return opened;
    zip_int64_t n = zip_get_num_entries(p->za, 0);
    Err e = p->label;
    if (n < 0 || (uint64_t)n > p->lim.max_entries) {
        err_set(&e, ERR_ENTRY_COUNT, NULL, N_("the archive has %lld files; the limit is %u"), (long long)n,
                p->lim.max_entries);
        return report(all, err, rc, &e);
    }
    uint64_t spans = 0;
    for (zip_int64_t i = 0; i < n; i++) {
        const char *raw = zip_get_name(p->za, (zip_uint64_t)i, ZIP_FL_ENC_RAW);
        zip_stat_t st;
        if (!raw || zip_stat_index(p->za, (zip_uint64_t)i, ZIP_FL_ENC_RAW, &st) != 0) {
            err_set(&e, ERR_ZIP_CORRUPT, NULL, N_("cannot read entry %lld of the zip directory"), (long long)i);
            return report(all, err, rc, &e);
        }
        size_t len = strlen(raw);
        if (entryname_check(raw, len, p->lim.max_name_len, &e) != 0) {
            rc = report(all, err, rc, &e);
            continue;
        }
        zip_uint8_t os = 0;
        zip_uint32_t attr = 0;
        if (zip_file_get_external_attributes(p->za, (zip_uint64_t)i, 0, &os, &attr) == 0 && os == ZIP_OPSYS_UNIX) {
            /* The Unix file type in the upper bits (as zip writes it on every system, hence spelt out here):
               many tools store only permission bits; only an explicit type other than file or folder is refused. */
            enum { UNIX_TYPE = 0170000, UNIX_REG = 0100000, UNIX_DIR = 0040000, UNIX_LINK = 0120000 };
            uint32_t type = (attr >> 16) & UNIX_TYPE;
            if (type != 0 && type != UNIX_REG && type != UNIX_DIR) {
                err_set(&e, ERR_SYMLINK, raw,
                        type == UNIX_LINK ? N_("entry is a symbolic link; packs may hold only plain files")
                                          : N_("entry is a device or other special file; packs may hold only plain "
                                               "files"));
                rc = report(all, err, rc, &e);
                continue;
            }
        }
        if (st.encryption_method != ZIP_EM_NONE) {
            err_set(&e, ERR_ENCRYPTED, raw, N_("file is encrypted; packs must not be encrypted"));
            rc = report(all, err, rc, &e);
            continue;
        }
        if (st.comp_method != ZIP_CM_STORE && st.comp_method != ZIP_CM_DEFLATE) {
            err_set(&e, ERR_COMPRESSION, raw,
                    N_("file uses compression method %d; only stored (0) and deflate (8) are allowed"),
                    (int)st.comp_method);
            rc = report(all, err, rc, &e);
            continue;
        }
        rc = check_sizes(p, raw, st.size, st.comp_size, all, err, rc);
        spans += st.comp_size + ZIP_LOCAL_HEADER + len;
        if (spans > p->archive_size) {
            err_set(&e, ERR_OVERLAP, raw,
                    N_("the files' compressed data is larger than the archive itself, so entries overlap "
                       "(a zip bomb?)"));
            return report(all, err, rc, &e);
        }
        if (raw[len - 1] == '/') /* folder entry: nothing to read */
            continue;
        if (add_entry(p, raw, len, st.size, (zip_uint64_t)i) != 0) {
            err_set(&e, ERR_NOMEM, NULL, N_("out of memory"));
            return report(all, err, rc, &e);
        }
    }
    return rc;
}

/* Walks an authoring folder; hidden files (starting with '.') are skipped, links are refused. */
static int scan_folder(Pack *p, const char *rel, int depth, ErrList *all, Err *err, int rc)
{
    char dirpath[4096];
    snprintf(dirpath, sizeof dirpath, "%s%s%s", p->path, rel[0] ? "/" : "", rel);
    Err e = p->label;
    if (depth > FOLDER_MAX_DEPTH) {
        err_set(&e, ERR_NAME_LENGTH, rel, N_("folders are nested more than %d deep"), FOLDER_MAX_DEPTH);
        return report(all, err, rc, &e);
    }
    OsDir *d = os_dir_open(dirpath);
    if (!d) {
        err_set(&e, ERR_IO, rel, N_("cannot open folder: %s"), strerror(errno));
        return report(all, err, rc, &e);
    }
    const char *dname;
    OsStat st;
    int more;
    while ((more = os_dir_next(d, &dname, &st)) != 0) {
        if (more < 0) {
            err_set(&e, ERR_IO, rel[0] ? rel : NULL, N_("cannot read folder: %s"), strerror(errno));
            rc = report(all, err, rc, &e);
            break;
        }
        if (dname[0] == '.')
            continue;
        char name[4096];
        int nl = snprintf(name, sizeof name, "%s%s%s", rel, rel[0] ? "/" : "", dname);
        if (nl < 0 || (size_t)nl >= sizeof name || (size_t)nl > p->lim.max_name_len) {
            err_set(&e, ERR_NAME_LENGTH, dname, N_("path is longer than %u bytes"), p->lim.max_name_len);
            rc = report(all, err, rc, &e);
            continue;
        }
        if (entryname_check(name, (size_t)nl, p->lim.max_name_len, &e) != 0) {
            rc = report(all, err, rc, &e);
            continue;
        }
        if (st.type == OS_FILE_DIR) {
            rc = scan_folder(p, name, depth + 1, all, err, rc);
            continue;
        }
        if (st.type != OS_FILE_REG) {
            err_set(&e, ERR_SYMLINK, name, N_("not a plain file (a link or device); packs may hold only plain files"));
            rc = report(all, err, rc, &e);
            continue;
        }
        if (p->count >= p->lim.max_entries) {
            err_set(&e, ERR_ENTRY_COUNT, NULL, N_("the folder has more than %u files, the limit"), p->lim.max_entries);
            rc = report(all, err, rc, &e);
            break;
        }
        rc = check_sizes(p, name, st.size, UINT64_MAX, all, err, rc);
        if (add_entry(p, name, (size_t)nl, st.size, 0) != 0) {
            os_dir_close(d);
            return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
        }
    }
    os_dir_close(d);
    return rc;
}

static void reset_entries(Pack *p)
{
    for (size_t i = 0; i < p->count; i++)
        free(p->entries[i].name);
    p->count = 0;
    p->total_size = 0;
    if (p->za)
        zip_discard(p->za);
    p->za = NULL;
}

/* Opens and checks the directory; a collecting 'all' list gets every problem found. */
static int open_directory(Pack *p, ErrList *all, Err *err)
{
    OsStat st;
    if (os_stat(p->path, &st) != 0)
        return err_set(err, errno == ENOENT ? ERR_NOT_FOUND : ERR_IO, NULL, N_("cannot open: %s"), strerror(errno));
    if (st.type == OS_FILE_DIR) {
        p->is_folder = 1;
        int rc = scan_folder(p, "", 0, all, err, 0);
        return rc ? rc : check_duplicates(p, all, err);
    }
    if (st.type != OS_FILE_REG)
        return err_set(err, ERR_NOT_A_PACK, NULL, N_("not a zip archive or pack folder"));
    p->archive_size = st.size;
    if (p->archive_size > p->lim.max_archive_size)
        return err_set(err, ERR_ARCHIVE_SIZE, NULL, N_("the archive is %llu bytes; the limit is %llu"),
                       (unsigned long long)p->archive_size, (unsigned long long)p->lim.max_archive_size);
    /* zipcheck names each damage of the container; the reader stops at the first, validation goes on to list
       what the directory holds as well. */
    int rc = zipcheck_archive(p->path, p->archive_size, &p->lim, &p->label, all, err);
    if (rc && !all)
        return rc;
    rc = scan_zip(p, all, err, rc);
    if (rc && !all)
        return rc;
    Err ignored = p->label;
    int dup = check_duplicates(p, all, rc ? &ignored : err);
    return rc ? rc : dup;
}

static int open_common(const char *path, const PackLimits *lim, int with_manifest, ErrList *all, Pack **out, Err *err)
{
    *out = NULL;
    err_clear(err);
    if (err)
        err_set_pack(err, path);
    Pack *p = calloc(1, sizeof *p);
    if (!p || !(p->path = strdup(path))) {
        free(p);
        return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
    }
    err_clear(&p->label);
    err_set_pack(&p->label, path);
    if (lim)
        p->lim = *lim;
    else
        pack_limits_default(&p->lim);
    Err local = p->label;
    Err *e = err ? err : &local;
    int rc = open_directory(p, all, e);
    if (rc == 0 && with_manifest)
        rc = manifest_load(p, NULL, &p->manifest, e);
    if (rc != 0) {
        pack_close(p);
        return rc;
    }
    *out = p;
    return 0;
}

int pack_open(const char *path, const PackLimits *lim, Pack **out, Err *err)
{
    return open_common(path, lim, 1, NULL, out, err);
}

int pack_open_archive(const char *path, const PackLimits *lim, Pack **out, Err *err)
{
    return open_common(path, lim, 0, NULL, out, err);
}

int pack_open_collect(const char *path, const PackLimits *lim, Pack **out, ErrList *all)
{
    Err e;
    size_t before = all->count + all->dropped;
    int rc = open_common(path, lim, 0, all, out, &e);
    if (rc && all->count + all->dropped == before) /* a failure that stops the scan (not collected) */
        errlist_add(all, &e);
    return rc;
}

void pack_close(Pack *p)
{
    if (!p)
        return;
    reset_entries(p);
    manifest_free(p->manifest);
    free(p->entries);
    free(p->path);
    free(p);
}

const Manifest *pack_manifest(const Pack *p)
{
    return p->manifest;
}
const PackLimits *pack_limits(const Pack *p)
{
    return &p->lim;
}
const char *pack_path(const Pack *p)
{
    return p->path;
}
int pack_is_folder(const Pack *p)
{
    return p->is_folder;
}
void pack_err_init(const Pack *p, Err *e)
{
    *e = p->label;
}
size_t pack_entry_count(const Pack *p)
{
    return p->count;
}
const char *pack_entry_name(const Pack *p, size_t i)
{
    return i < p->count ? p->entries[i].name : NULL;
}
uint64_t pack_entry_size(const Pack *p, size_t i)
{
    return i < p->count ? p->entries[i].size : 0;
}
uint64_t pack_archive_size(const Pack *p)
{
    return p->archive_size;
}
uint64_t pack_total_size(const Pack *p)
{
    return p->total_size;
}

long pack_find(const Pack *p, const char *name)
{
    size_t lo = 0, hi = p->count;
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        int c = strcmp(name, p->entries[mid].name);
        if (c == 0)
            return (long)mid;
        if (c < 0)
            hi = mid;
        else
            lo = mid + 1;
    }
    return -1;
}

int pack_stream_open(Pack *p, const char *name, PackStream **out, Err *err)
{
    *out = NULL;
    long i = pack_find(p, name);
    if (i < 0)
        return err_set(err, ERR_MISSING_FILE, name, N_("the pack has no file with this name"));
    PackStream *s = calloc(1, sizeof *s);
    if (!s)
        return err_set(err, ERR_NOMEM, name, N_("out of memory"));
    s->fd = -1;
    s->declared = p->entries[i].size;
    s->name = p->entries[i].name;
    if (p->is_folder) {
        char full[4096];
        snprintf(full, sizeof full, "%s/%s", p->path, name);
        s->fd = os_open_read(full, 1);
        if (s->fd < 0) {
            int saved = errno;
            free(s);
            return err_set(err, ERR_IO, name, N_("cannot open file: %s"), strerror(saved));
        }
    } else {
        s->zf = zip_fopen_index(p->za, p->entries[i].zindex, 0);
        if (!s->zf) {
            zip_error_t *ze = zip_get_error(p->za);
            int rc = ziperr_set(err, name, zip_error_code_zip(ze), zip_error_code_system(ze));
            free(s);
            return rc;
        }
    }
    *out = s;
    return 0;
}

ssize_t pack_stream_read(PackStream *s, void *buf, size_t n, Err *err)
{
    ssize_t r;
    if (s->zf) {
        zip_int64_t z = zip_fread(s->zf, buf, n);
        if (z < 0) {
            zip_error_t *ze = zip_file_get_error(s->zf);
            int code = zip_error_code_zip(ze);
            if (code == ZIP_ER_INCONS) /* libzip 1.7 says this when the data is longer or shorter than declared */
                return err_set(err, ERR_SIZE_LIE, s->name,
                               N_("the file's data does not match its declared size of %llu bytes: the pack is "
                                  "damaged; copy it again from its source"),
                               (unsigned long long)s->declared);
            return ziperr_set(err, s->name, code, zip_error_code_system(ze));
        }
        r = (ssize_t)z;
    } else {
        r = os_read(s->fd, buf, n);
        if (r < 0)
            return err_set(err, ERR_IO, s->name, N_("cannot read file: %s"), strerror(errno));
    }
    s->got += (uint64_t)r;
    if (s->got > s->declared)
        return err_set(err, ERR_SIZE_LIE, s->name, N_("file data is longer than its declared size of %llu bytes"),
                       (unsigned long long)s->declared);
    if (r == 0 && n > 0 && s->got < s->declared)
        return err_set(err, ERR_SIZE_LIE, s->name,
                       N_("file data is shorter (%llu bytes) than its declared size of %llu bytes"),
                       (unsigned long long)s->got, (unsigned long long)s->declared);
    return r;
}

void pack_stream_close(PackStream *s)
{
    if (!s)
        return;
    if (s->zf)
        zip_fclose(s->zf);
    if (s->fd >= 0)
        os_close(s->fd);
    free(s);
}

int pack_read(Pack *p, const char *name, uint64_t limit, char **out, size_t *len, Err *err)
{
    *out = NULL;
    if (len)
        *len = 0;
    long i = pack_find(p, name);
    if (i < 0)
        return err_set(err, ERR_MISSING_FILE, name, N_("the pack has no file with this name"));
    uint64_t size = p->entries[i].size;
    if (size > limit)
        return err_set(err, ERR_ENTRY_SIZE, name, N_("file is %llu bytes; the limit for this kind of file is %llu"),
                       (unsigned long long)size, (unsigned long long)limit);
    PackStream *s;
    int rc = pack_stream_open(p, name, &s, err);
    if (rc)
        return rc;
    char *buf = malloc((size_t)size + 1);
    if (!buf) {
        pack_stream_close(s);
        return err_set(err, ERR_NOMEM, name, N_("out of memory"));
    }
    size_t got = 0;
    for (;;) {
        /* Ask for one byte more than declared so that a longer stream is noticed. */
        char extra;
        ssize_t r = got < size ? pack_stream_read(s, buf + got, (size_t)(size - got), err)
                               : pack_stream_read(s, &extra, 1, err);
        if (r < 0) {
            rc = (int)r;
            break;
        }
        if (r == 0)
            break;
        got += (size_t)r;
    }
    pack_stream_close(s);
    if (rc) {
        free(buf);
        return rc;
    }
    buf[got] = '\0';
    *out = buf;
    if (len)
        *len = got;
    return 0;
}

/* FNV-1a over each file's name, size and modification time. */
static void stamp_mix(uint64_t *acc, const void *data, size_t n)
{
    const unsigned char *b = data;
    for (size_t i = 0; i < n; i++)
        *acc = (*acc ^ b[i]) * 1099511628211ULL;
}

static int stamp_one(const char *path, const OsStat *st, int post, void *ctx)
{
    if (post)
        return 0;
    stamp_mix(ctx, path, strlen(path) + 1);
    if (st->type == OS_FILE_REG) {
        stamp_mix(ctx, &st->size, sizeof st->size);
        stamp_mix(ctx, &st->mtime_ns, sizeof st->mtime_ns);
    }
    return 0;
}

int pack_folder_stamp(const char *dir, uint64_t *stamp)
{
    *stamp = 14695981039346656037ULL;
    return os_walk(dir, stamp_one, stamp) == 0 ? 0 : -1;
}
