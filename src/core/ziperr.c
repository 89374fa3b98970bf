/* ziperr: libzip's error codes in our own words (libzip's English strings never reach the user). */
#include "ziperr.h"

#include <errno.h>
#include <string.h>
#include <zip.h>

/* libzip's errors in our words; %s is the system's reason when libzip had one. */
static const struct {
    int ze;
    ErrCode code;
    const char *msg;
} zip_texts[] = {
    {ZIP_ER_CRC, ERR_CRC,
     N_("the file's data does not match its checksum (CRC-32): the pack is damaged; copy it again from its source")},
    {ZIP_ER_EOF, ERR_SIZE_LIE,
     N_("the file's data ends before its declared size: the pack is damaged or cut short; copy it again from its "
        "source")},
    {ZIP_ER_ZLIB, ERR_ZIP_CORRUPT,
     N_("the file's compressed data is broken: the pack is damaged; copy it again from its source")},
    {ZIP_ER_COMPRESSED_DATA, ERR_ZIP_CORRUPT,
     N_("the file's compressed data is broken: the pack is damaged; copy it again from its source")},
    {ZIP_ER_INCONS, ERR_ZIP_INCONSISTENT,
     N_("the zip directory does not match the files in the archive: the pack is damaged or was crafted; copy it "
        "again from its source")},
    {ZIP_ER_NOZIP, ERR_NOT_A_PACK, N_("not a zip archive or pack folder")},
    {ZIP_ER_MULTIDISK, ERR_ZIP_DIRECTORY,
     N_("the archive is one part of a split (multi-disk) zip archive; a pack must be a single file")},
    {ZIP_ER_EXISTS, ERR_DUPLICATE_NAME, N_("the archive holds two files with the same name; keep only one")},
    {ZIP_ER_COMPNOTSUPP, ERR_COMPRESSION,
     N_("the file uses a compression method this reader cannot unpack; only stored and deflate are allowed")},
    {ZIP_ER_ENCRNOTSUPP, ERR_ENCRYPTED, N_("the file is encrypted; packs must not be encrypted")},
    {ZIP_ER_NOPASSWD, ERR_ENCRYPTED, N_("the file is encrypted; packs must not be encrypted")},
    {ZIP_ER_WRONGPASSWD, ERR_ENCRYPTED, N_("the file is encrypted; packs must not be encrypted")},
    {ZIP_ER_MEMORY, ERR_NOMEM, N_("out of memory")},
    {ZIP_ER_NOENT, ERR_NOT_FOUND, N_("the file does not exist")},
    {ZIP_ER_OPEN, ERR_IO, N_("cannot open the archive: %s")},
    {ZIP_ER_READ, ERR_IO, N_("cannot read the archive: %s")},
    {ZIP_ER_SEEK, ERR_IO, N_("cannot move within the archive: %s")},
    {ZIP_ER_TELL, ERR_IO, N_("cannot move within the archive: %s")},
    {ZIP_ER_WRITE, ERR_IO, N_("cannot write the archive: %s")},
    {ZIP_ER_CLOSE, ERR_IO, N_("cannot finish writing the archive: %s")},
    {ZIP_ER_TMPOPEN, ERR_IO, N_("cannot create a temporary file beside the archive: %s")},
    {ZIP_ER_RENAME, ERR_IO, N_("cannot move the new archive into place: %s")},
    {ZIP_ER_REMOVE, ERR_IO, N_("cannot remove the old archive: %s")},
};

int ziperr_set(Err *err, const char *entry, int ze, int sys)
{
    const char *reason = strerror(sys > 0 ? sys : EIO);
    for (size_t i = 0; i < sizeof zip_texts / sizeof zip_texts[0]; i++)
        if (zip_texts[i].ze == ze)
            return err_set(err, zip_texts[i].code, entry, zip_texts[i].msg, reason);
    /* the rest are misuses of libzip (closed, changed, read-only, invalid argument...): our bug, not the pack's */
    return err_set(
        err, ERR_ZIP_CORRUPT, entry,
        N_("the zip library failed unexpectedly (its error %d); please report this to the Beseda developers"), ze);
}
