/* Unit tests for core/packbuild: deterministic archives with stored images and deflated text. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>
#include <time.h>

#include "core/packbuild.h"
#include "core/validate.h"
#include "fixture.h"

static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    assert_non_null(f);
    fseek(f, 0, SEEK_END);
    *len = (size_t)ftell(f);
    rewind(f);
    char *b = malloc(*len);
    assert_int_equal(fread(b, 1, *len, f), *len);
    fclose(f);
    return b;
}

static void same_folder_gives_same_bytes(void **state)
{
    (void)state;
    char *dir = fx_tmpdir();
    char src[700], a[700], b[700];
    snprintf(src, sizeof src, "%s/src", dir);
    snprintf(a, sizeof a, "%s/a.beseda", dir);
    snprintf(b, sizeof b, "%s/b.beseda", dir);
    unsigned char png[45];
    fx_png(png, 10, 10);
    char text[4000];
    memset(text, 'x', sizeof text - 1);
    text[sizeof text - 1] = '\0';
    assert_int_equal(fx_minimal_pack(src, text), 0);
    assert_int_equal(fx_write(src, "img/z.png", png, sizeof png), 0);
    assert_int_equal(fx_write(src, "img/b.jpg", "\xff\xd8 not really", (size_t)-1), 0);
    Err e;
    memset(&e, 0, sizeof e);
    assert_int_equal(packbuild_write(src, a, NULL, &e), 0);
    /* touch a file: timestamps must not leak into the archive */
    sleep(1);
    assert_int_equal(fx_write(src, "img/z.png", png, sizeof png), 0);
    assert_int_equal(packbuild_write(src, b, NULL, &e), 0);
    size_t la, lb;
    char *da = read_all(a, &la), *db = read_all(b, &lb);
    assert_int_equal(la, lb);
    assert_memory_equal(da, db, la);
    /* the first bytes say what it is (the MIME type's magic): a zip local header, then the name pack.json */
    assert_true(la > 39);
    assert_memory_equal(da, "PK\x03\x04", 4);
    assert_memory_equal(da + 30, "pack.json", 9);
    free(da);
    free(db);

    int ze;
    zip_t *za = zip_open(a, ZIP_RDONLY, &ze);
    assert_non_null(za);
    assert_int_equal(zip_get_num_entries(za, 0), 5);
    const char *prev = "";
    for (zip_int64_t i = 0; i < 5; i++) {
        zip_stat_t st;
        assert_int_equal(zip_stat_index(za, (zip_uint64_t)i, 0, &st), 0);
        if (i == 0)
            assert_string_equal(st.name, "pack.json"); /* first, then the others sorted by name */
        else
            assert_true(strcmp(prev, st.name) < 0);
        prev = i == 0 ? "" : st.name;
        assert_int_equal(st.mtime, packbuild_mtime());
        int image = strstr(st.name, ".png") || strstr(st.name, ".jpg");
        assert_int_equal(st.comp_method, image ? ZIP_CM_STORE : ZIP_CM_DEFLATE);
    }
    zip_close(za);
    fx_cleanup(dir);
}

static void refuses_archives_as_input(void **state)
{
    (void)state;
    char *dir = fx_tmpdir();
    char src[700], a[700], c[700];
    snprintf(src, sizeof src, "%s/src", dir);
    snprintf(a, sizeof a, "%s/a.beseda", dir);
    snprintf(c, sizeof c, "%s/c.beseda", dir);
    assert_int_equal(fx_minimal_pack(src, "# x\n"), 0);
    Err e;
    memset(&e, 0, sizeof e);
    assert_int_equal(packbuild_write(src, a, NULL, &e), 0);
    assert_int_equal(packbuild_write(a, c, NULL, &e), -(int)ERR_USAGE);
    static ErrList l;
    errlist_init(&l);
    assert_int_equal(validate_pack(a, NULL, &l, NULL), 0);
    fx_cleanup(dir);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(same_folder_gives_same_bytes),
        cmocka_unit_test(refuses_archives_as_input),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
