/* Unit tests for core/zipcheck and core/ziperr: each damage of a zip container is found with its code, entry and
   field; good archives (a comment, data descriptors, ZIP64 end records) pass; libzip's texts never show. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "core/pack.h"
#include "core/zipcheck.h"
#include "core/ziperr.h"
#include "fixture.h"

static const char *const NAMES[] = {"pack.json", "lessons/a.md", "lessons/q.json"};
static unsigned char base[1 << 14], buf[1 << 15]; /* the good archive, and the one a test damages */
static size_t base_len, len;
static char path[600];
static ErrList list;
static PackLimits lim;

static int setup(void **state)
{
    char src[600], zip[600];
    if (fx_group_setup(state))
        return -1;
    snprintf(src, sizeof src, "%s/src", fx_dir);
    snprintf(zip, sizeof zip, "%s/base.zip", fx_dir);
    snprintf(path, sizeof path, "%s/t.beseda", fx_dir);
    if (fx_minimal_pack(src, "# Hello\n\nSome text for the page.\n") || fx_zip(zip, src, NAMES, 3))
        return -1;
    FILE *f = fopen(zip, "rb");
    base_len = f ? fread(base, 1, sizeof base, f) : 0;
    if (f)
        fclose(f);
    pack_limits_default(&lim);
    return base_len == 0 || base_len == sizeof base;
}

/* Starts a test from the good archive. */
static void fresh(void)
{
    memcpy(buf, base, base_len);
    len = base_len;
}

static unsigned get16(size_t off)
{
    return buf[off] | (unsigned)buf[off + 1] << 8;
}
static void put16(size_t off, unsigned v)
{
    buf[off] = (unsigned char)v, buf[off + 1] = (unsigned char)(v >> 8);
}
static void put32(size_t off, uint32_t v)
{
    put16(off, v & 0xFFFF), put16(off + 2, v >> 16);
}

/* Offset of the local (central = 0) or directory (central = 1) record of 'name'. */
static size_t rec(const char *name, int central)
{
    const char *sig = central ? "PK\x01\x02" : "PK\x03\x04";
    size_t nlen = strlen(name), at = central ? 46 : 30;
    for (size_t i = 0; i + at + nlen <= len; i++)
        if (memcmp(buf + i, sig, 4) == 0 && get16(i + (central ? 28 : 26)) == nlen &&
            memcmp(buf + i + at, name, nlen) == 0)
            return i;
    fail_msg("no record of %s", name);
    return 0;
}

static size_t eocd(void)
{
    for (size_t i = len - 22;; i--)
        if (memcmp(buf + i, "PK\x05\x06", 4) == 0)
            return i;
}

/* Writes the damaged archive and checks it, collecting every damage; returns zipcheck's result. */
static int run(void)
{
    FILE *f = fopen(path, "wb");
    assert_non_null(f);
    assert_int_equal(fwrite(buf, 1, len, f), len);
    fclose(f);
    errlist_init(&list);
    Err label, first;
    memset(&label, 0, sizeof label);
    err_set_pack(&label, path);
    first = label;
    int rc = zipcheck_archive(path, len, &lim, &label, &list, &first);
    char line[1400];
    for (size_t i = 0; i < list.count; i++) {
        err_format(&list.items[i], line, sizeof line);
        print_message("  %s\n", line);
    }
    if (list.count)
        assert_int_equal(rc, -(int)list.items[0].code);
    return rc;
}

/* Asserts that the last run found exactly one damage, with this code, entry and field. */
static void only(ErrCode code, const char *entry, const char *field)
{
    assert_int_equal(list.count, 1);
    assert_string_equal(err_code_name(list.items[0].code), err_code_name(code));
    assert_string_equal(list.items[0].entry, entry);
    assert_string_equal(list.items[0].field, field);
}

static void good_archives_pass(void **state)
{
    (void)state;
    fresh();
    assert_int_equal(run(), 0);
    assert_int_equal(list.count, 0);
    /* a comment that the end record counts */
    memcpy(buf + len, "A pack.", 7);
    put16(eocd() + 20, 7);
    len += 7;
    assert_int_equal(run(), 0);
    /* a data descriptor (flag bit 3): the local header may leave CRC and sizes at zero */
    fresh();
    size_t l = rec("lessons/a.md", 0), c = rec("lessons/a.md", 1);
    put16(l + 6, get16(l + 6) | 8);
    put16(c + 8, get16(c + 8) | 8);
    put32(l + 14, 0), put32(l + 18, 0), put32(l + 22, 0);
    assert_int_equal(run(), 0);
    /* ...but values it does give must agree */
    put32(l + 14, 0x1234);
    run();
    only(ERR_ZIP_LOCAL_HEADER, "lessons/a.md", "crc-32");
}

/* A ZIP64 end record and locator before the end record, whose fields then say "see ZIP64". */
static void add_zip64_end(unsigned total_delta, size_t junk)
{
    size_t e = eocd();
    unsigned char end[22];
    memcpy(end, buf + e, 22);
    unsigned count = get16(e + 10);
    uint32_t cd_size = (uint32_t)get16(e + 12) | (uint32_t)get16(e + 14) << 16;
    uint32_t cd_off = (uint32_t)get16(e + 16) | (uint32_t)get16(e + 18) << 16;
    size_t at = e;
    memset(buf + at, 0, 56 + junk + 20);
    memcpy(buf + at, "PK\x06\x06", 4);
    put32(at + 4, 44);
    put16(at + 12, 45), put16(at + 14, 45);
    put32(at + 24, count + total_delta), put32(at + 32, count + total_delta);
    put32(at + 40, cd_size), put32(at + 48, cd_off);
    size_t loc = at + 56 + junk;
    memcpy(buf + loc, "PK\x06\x07", 4);
    put32(loc + 8, (uint32_t)at);
    put32(loc + 16, 1);
    memcpy(buf + loc + 20, end, 22);
    len = loc + 20 + 22;
    size_t ne = loc + 20;
    put16(ne + 8, 0xFFFF), put16(ne + 10, 0xFFFF), put32(ne + 12, 0xFFFFFFFF), put32(ne + 16, 0xFFFFFFFF);
}

static void zip64_end_records(void **state)
{
    (void)state;
    fresh();
    add_zip64_end(0, 0);
    assert_int_equal(run(), 0);
    Pack *p; /* and libzip reads it too */
    Err e;
    memset(&e, 0, sizeof e);
    assert_int_equal(pack_open(path, NULL, &p, &e), 0);
    pack_close(p);
    fresh();
    add_zip64_end(1, 0);
    run();
    only(ERR_ZIP_ENTRY_COUNT, "", "");
    fresh();
    add_zip64_end(0, 8);
    run();
    only(ERR_ZIP_JUNK, "", "");
}

static void local_header_field(size_t off, int bytes, uint32_t value, const char *field)
{
    fresh();
    size_t l = rec("lessons/a.md", 0);
    if (bytes == 2)
        put16(l + off, value);
    else
        put32(l + off, value);
    assert_int_equal(run(), -(int)ERR_ZIP_LOCAL_HEADER);
    only(ERR_ZIP_LOCAL_HEADER, "lessons/a.md", field);
}

static void each_local_header_field_is_named(void **state)
{
    (void)state;
    local_header_field(0, 4, 0x04034b51, "signature");
    local_header_field(4, 2, 63, "version-needed");
    local_header_field(6, 2, 1, "flags");
    local_header_field(8, 2, 99, "method");
    local_header_field(10, 2, 0x1234, "time");
    local_header_field(12, 2, 0x1234, "time"); /* the date */
    local_header_field(14, 4, 0xDEADBEEF, "crc-32");
    local_header_field(18, 4, 5, "compressed-size");
    local_header_field(22, 4, 5, "uncompressed-size");
    local_header_field(26, 2, 11, "name-length");
    fresh();
    buf[rec("lessons/a.md", 0) + 30 + 8] = 'b';
    run();
    only(ERR_ZIP_LOCAL_HEADER, "lessons/a.md", "name");
    assert_non_null(strstr(list.items[0].msg, "lessons/b.md"));
    /* flags that do not change how the entry is read (deflate options) may differ */
    fresh();
    size_t l = rec("lessons/a.md", 0);
    put16(l + 6, get16(l + 6) ^ 2);
    assert_int_equal(run(), 0);
}

static void end_record_damage(void **state)
{
    (void)state;
    fresh();
    memcpy(buf + len, "junk", 4);
    len += 4;
    run();
    only(ERR_ZIP_JUNK, "", "");
    assert_non_null(strstr(list.items[0].msg, "after the zip end record"));
    fresh(); /* junk between the directory and the end record */
    size_t e = eocd();
    memmove(buf + e + 6, buf + e, 22);
    memset(buf + e, 'J', 6);
    len += 6;
    run();
    only(ERR_ZIP_JUNK, "", "");
    assert_non_null(strstr(list.items[0].msg, "between the zip directory"));
    fresh(); /* a comment length past the end of the file, and one shorter than what follows */
    put16(eocd() + 20, 9);
    run();
    only(ERR_ZIP_COMMENT, "", "");
    memcpy(buf + len, "A longer comment", 16);
    len += 16;
    run();
    only(ERR_ZIP_COMMENT, "", "");
    fresh(); /* both counts wrong */
    put16(eocd() + 8, 5), put16(eocd() + 10, 5);
    run();
    only(ERR_ZIP_ENTRY_COUNT, "", "");
    fresh(); /* the disk's count and the total disagree */
    put16(eocd() + 8, 2);
    run();
    only(ERR_ZIP_ENTRY_COUNT, "", "");
    fresh(); /* a directory that would run past its end record */
    put32(eocd() + 12, 5000);
    run();
    only(ERR_ZIP_DIRECTORY, "", "");
    fresh(); /* a broken directory record stops the walk there */
    buf[rec("lessons/q.json", 1) + 3] = 9;
    run();
    only(ERR_ZIP_DIRECTORY, "", "");
    assert_non_null(strstr(list.items[0].msg, "record 3"));
}

static void data_past_the_end(void **state)
{
    (void)state;
    fresh();
    put32(rec("lessons/q.json", 1) + 42, 0x7FFF0000); /* the local header's offset */
    run();
    only(ERR_ZIP_DATA_PAST_END, "lessons/q.json", "");
    fresh();
    size_t q = rec("lessons/q.json", 0), c = rec("lessons/q.json", 1);
    uint32_t into = (uint32_t)(c - q); /* compressed data reaching into the directory */
    put32(q + 18, into), put32(c + 20, into);
    run();
    only(ERR_ZIP_DATA_PAST_END, "lessons/q.json", "");
    assert_non_null(strstr(list.items[0].msg, "zip directory"));
    put32(q + 18, 100000), put32(c + 20, 100000);
    run();
    only(ERR_ZIP_DATA_PAST_END, "lessons/q.json", "");
    assert_non_null(strstr(list.items[0].msg, "past the end of the archive"));
}

static void name_not_utf8_despite_the_flag(void **state)
{
    (void)state;
    fresh();
    size_t l = rec("lessons/a.md", 0), c = rec("lessons/a.md", 1);
    buf[l + 30 + 8] = 0xFF, buf[c + 46 + 8] = 0xFF;
    put16(l + 6, get16(l + 6) | 0x800), put16(c + 8, get16(c + 8) | 0x800);
    run();
    only(ERR_NAME_UTF8, "lessons/\\xff.md", "");
    put16(l + 6, get16(l + 6) & ~0x800u), put16(c + 8, get16(c + 8) & ~0x800u); /* no flag: entryname's job */
    assert_int_equal(run(), 0);
}

static void cut_short(void **state)
{
    (void)state;
    fresh();
    len = rec("lessons/q.json", 0) + 30 + 14 + 3;
    run();
    only(ERR_ZIP_CORRUPT, "lessons/q.json", "");
    assert_non_null(strstr(list.items[0].msg, "cut short"));
    fresh();
    len = rec("lessons/q.json", 1) + 20;
    run();
    only(ERR_ZIP_CORRUPT, "", "");
    assert_non_null(strstr(list.items[0].msg, "directory"));
    /* not a zip at all: left to libzip, which says so */
    memcpy(buf, "hello, I am a text file and not a zip archive", 45);
    len = 45;
    assert_int_equal(run(), 0);
}

/* Validation lists every damage; the reader stops at the first, and neither shows libzip's text. */
static void every_damage_listed_first_for_the_reader(void **state)
{
    (void)state;
    fresh();
    put32(rec("lessons/a.md", 0) + 14, 1);
    put16(rec("lessons/q.json", 0) + 8, 0);
    memcpy(buf + len, "junk", 4);
    len += 4;
    run();
    assert_int_equal(list.count, 3);
    Pack *p;
    Err e;
    memset(&e, 0, sizeof e);
    assert_int_equal(pack_open(path, NULL, &p, &e), -(int)ERR_ZIP_JUNK);
    assert_null(p);
    assert_string_equal(e.entry, "");
    errlist_init(&list);
    assert_int_equal(pack_open_collect(path, NULL, &p, &list), -(int)ERR_ZIP_JUNK);
    assert_int_equal(list.count, 3); /* libzip's refusal is explained by these, not repeated */
    assert_string_equal(list.items[1].entry, "lessons/a.md");
    assert_string_equal(list.items[1].field, "crc-32");
    assert_string_equal(list.items[2].field, "method");
    for (size_t i = 0; i < list.count; i++)
        assert_null(strstr(list.items[i].msg, "inconsistent"));
}

/* However many records the end record claims, at most max_entries + 1 are read. */
static void counts_are_bounded(void **state)
{
    (void)state;
    fresh();
    put16(eocd() + 8, 65535), put16(eocd() + 10, 65535);
    run();
    only(ERR_ZIP_ENTRY_COUNT, "", "");
    lim.max_entries = 2;
    fresh();
    put16(eocd() + 8, 2), put16(eocd() + 10, 2);
    run();
    only(ERR_ZIP_ENTRY_COUNT, "", "");
    assert_non_null(strstr(list.items[0].msg, "more than 2"));
    fresh(); /* too many files, counted right: not zipcheck's to say (too-many-entries) */
    assert_int_equal(run(), 0);
    pack_limits_default(&lim);
}

static void libzip_errors_in_our_words(void **state)
{
    (void)state;
    for (int ze = 1; ze <= ZIP_ER_CANCELLED; ze++) {
        Err e;
        memset(&e, 0, sizeof e);
        assert_true(ziperr_set(&e, "x.md", ze, EIO) < 0);
        assert_int_not_equal(e.code, ERR_OK);
        assert_string_equal(e.entry, "x.md");
        zip_error_t z;
        zip_error_init_with_code(&z, ze);
        const char *theirs = zip_error_strerror(&z);
        char word[64]; /* libzip's text up to its ':' detail */
        snprintf(word, sizeof word, "%.*s", (int)strcspn(theirs, ":"), theirs);
        if (strcmp(word, "Invalid argument") != 0 && strcmp(word, "No such file") != 0)
            assert_null(strstr(e.msg, word));
        zip_error_fini(&z);
    }
    Err e;
    memset(&e, 0, sizeof e);
    ziperr_set(&e, NULL, ZIP_ER_CRC, 0);
    assert_int_equal(e.code, ERR_CRC);
    ziperr_set(&e, NULL, ZIP_ER_EOF, 0);
    assert_int_equal(e.code, ERR_SIZE_LIE);
    ziperr_set(&e, NULL, ZIP_ER_READ, EIO);
    assert_int_equal(e.code, ERR_IO);
    assert_non_null(strstr(e.msg, strerror(EIO)));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(good_archives_pass),
        cmocka_unit_test(zip64_end_records),
        cmocka_unit_test(each_local_header_field_is_named),
        cmocka_unit_test(end_record_damage),
        cmocka_unit_test(data_past_the_end),
        cmocka_unit_test(name_not_utf8_despite_the_flag),
        cmocka_unit_test(cut_short),
        cmocka_unit_test(every_damage_listed_first_for_the_reader),
        cmocka_unit_test(counts_are_bounded),
        cmocka_unit_test(libzip_errors_in_our_words),
    };
    return cmocka_run_group_tests(tests, setup, fx_group_teardown);
}
