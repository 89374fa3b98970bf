/* packbuild: writes an authoring folder as a deterministic .beseda archive. */
#include "packbuild.h"

#include <errno.h>
#include <stdio.h>
#include <zip.h>

#include "manifest.h"
#include "ziperr.h"

time_t packbuild_mtime(void)
{
    struct tm tm = {.tm_year = 2020 - 1900, .tm_mon = 0, .tm_mday = 1, .tm_isdst = -1};
    return mktime(&tm);
}

static int zip_fail(zip_t *za, Err *err, const char *entry)
{
    zip_error_t *ze = zip_get_error(za);
    int rc = ziperr_set(err, entry, zip_error_code_zip(ze), zip_error_code_system(ze));
    zip_discard(za);
    return rc;
}

/* Adds entry i of folder pack 'p' to 'za': stored if an image, else deflated at level 9, with the fixed time and
   Unix mode 0644. On failure the pack is closed, the archive discarded and a negative code returned. */
static int add_entry(zip_t *za, Pack *p, const char *dir, size_t i, time_t mtime, Err *err)
{
    const char *name = pack_entry_name(p, i);
    char full[4096];
    snprintf(full, sizeof full, "%s/%s", dir, name);
    zip_source_t *src = zip_source_file(za, full, 0, -1);
    zip_int64_t idx = src ? zip_file_add(za, name, src, ZIP_FL_ENC_UTF_8) : -1;
    if (idx < 0) {
        if (src)
            zip_source_free(src);
        int rc = zip_fail(za, err, name);
        pack_close(p);
        return rc;
    }
    int image = manifest_is_image_name(name);
    if (zip_set_file_compression(za, (zip_uint64_t)idx, image ? ZIP_CM_STORE : ZIP_CM_DEFLATE, image ? 0 : 9) ||
        zip_file_set_mtime(za, (zip_uint64_t)idx, mtime, 0) ||
        zip_file_set_external_attributes(za, (zip_uint64_t)idx, 0, ZIP_OPSYS_UNIX,
                                         (zip_uint32_t)0100644 << 16 /* a Unix plain file, rw-r--r-- */)) {
        int rc = zip_fail(za, err, name);
        pack_close(p);
        return rc;
    }
    return 0;
}

int packbuild_write(const char *dir, const char *out, const PackLimits *lim, Err *err)
{
    Pack *p;
    int rc = pack_open_archive(dir, lim, &p, err);
    if (rc)
        return rc;
    if (!pack_is_folder(p)) {
        pack_close(p);
        return err_set(err, ERR_USAGE, NULL, N_("build takes a pack folder, not an archive"));
    }
    int ze = 0;
    zip_t *za = zip_open(out, ZIP_CREATE | ZIP_TRUNCATE, &ze);
    if (!za) {
        rc = ziperr_set(err, out, ze, errno);
        pack_close(p);
        return rc;
    }
    /* pack.json first, so that a pack is recognised by its first bytes ("PK\3\4" and, at offset 30, the name
       pack.json: the MIME type's magic), then the other entries, already sorted by name; files are read only when
       zip_close writes them. */
    time_t mtime = packbuild_mtime();
    long first = pack_find(p, "pack.json");
    if (first >= 0 && (rc = add_entry(za, p, dir, (size_t)first, mtime, err)) != 0)
        return rc;
    for (size_t i = 0; i < pack_entry_count(p); i++)
        if ((long)i != first && (rc = add_entry(za, p, dir, i, mtime, err)) != 0)
            return rc;
    pack_close(p);
    if (zip_close(za) != 0)
        return zip_fail(za, err, NULL);
    return 0;
}
