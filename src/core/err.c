/* err: error codes, located error records and bounded error lists for everything read from a pack. */
#include "err.h"

#include <libintl.h>
#include <stdio.h>
#include <string.h>

static const char *const code_names[ERR_CODE_COUNT] = {
    [ERR_OK] = "ok",
    [ERR_USAGE] = "usage",
    [ERR_NOMEM] = "out-of-memory",
    [ERR_IO] = "io",
    [ERR_NOT_FOUND] = "not-found",
    [ERR_NOT_A_PACK] = "not-a-pack",
    [ERR_ARCHIVE_SIZE] = "archive-too-large",
    [ERR_ZIP_CORRUPT] = "zip-corrupt",
    [ERR_ZIP_INCONSISTENT] = "zip-inconsistent",
    [ERR_ENTRY_COUNT] = "too-many-entries",
    [ERR_ENTRY_SIZE] = "entry-too-large",
    [ERR_TOTAL_SIZE] = "total-too-large",
    [ERR_RATIO] = "compression-ratio",
    [ERR_OVERLAP] = "entries-overlap",
    [ERR_DUPLICATE_NAME] = "duplicate-name",
    [ERR_DUPLICATE_FOLDED] = "duplicate-name-case",
    [ERR_NAME_ABSOLUTE] = "name-absolute",
    [ERR_NAME_DOTDOT] = "name-dotdot",
    [ERR_NAME_BACKSLASH] = "name-backslash",
    [ERR_NAME_DRIVE] = "name-drive-letter",
    [ERR_NAME_CONTROL] = "name-control-char",
    [ERR_NAME_UTF8] = "name-not-utf8",
    [ERR_NAME_LENGTH] = "name-length",
    [ERR_SYMLINK] = "symlink",
    [ERR_ENCRYPTED] = "encrypted",
    [ERR_COMPRESSION] = "compression-method",
    [ERR_SIZE_LIE] = "size-mismatch",
    [ERR_CRC] = "bad-crc",
    [ERR_MISSING_FILE] = "missing-file",
    [ERR_JSON_SYNTAX] = "json-syntax",
    [ERR_JSON_TYPE] = "json-type",
    [ERR_JSON_MISSING] = "json-missing-field",
    [ERR_JSON_VALUE] = "json-bad-value",
    [ERR_STRING_SIZE] = "string-too-long",
    [ERR_ARRAY_SIZE] = "array-too-long",
    [ERR_MANIFEST_SIZE] = "json-too-large",
    [ERR_FORMAT_VERSION] = "format-version",
    [ERR_READER_VERSION] = "reader-too-old",
    [ERR_DUPLICATE_ID] = "duplicate-id",
    [ERR_BAD_ID] = "bad-id",
    [ERR_UNKNOWN_ITEM] = "unknown-item",
    [ERR_MARKDOWN_SIZE] = "markdown-too-large",
    [ERR_MARKDOWN_DEPTH] = "markdown-too-deep",
    [ERR_MARKDOWN_PARSE] = "markdown-parse",
    [ERR_IMAGE_FORMAT] = "image-format",
    [ERR_IMAGE_DIMENSIONS] = "image-too-large",
    [ERR_EXERCISE] = "exercise-invalid",
    [ERR_NO_CORRECT] = "choice-correct-count",
    [ERR_ORDER_DUPLICATE] = "exercise-duplicate",
    [ERR_SCENARIO_TARGET] = "scenario-missing-target",
    [ERR_SCENARIO_ENDING] = "scenario-no-ending",
    [ERR_SCENARIO_UNREACHABLE] = "scenario-unreachable",
    [ERR_LOCALE] = "locale-invalid",
    [ERR_NOT_UTF8] = "text-not-utf8",
    [ERR_PO_SYNTAX] = "po-syntax",
    [ERR_PO_MARKUP] = "po-markup",
    [ERR_PO_MISMATCH] = "po-wrong-pack",
    [ERR_LOCALE_NO_BASE] = "locale-no-base",
    [ERR_LOCALE_VERSION] = "locale-base-version",
    [ERR_NOTES] = "notes-invalid",
    [ERR_NOTES_PACK] = "notes-wrong-pack",
    [ERR_TEXT_BAD_CHAR] = "text-bad-char",
    [ERR_JSON_TRAILING] = "json-trailing",
    [ERR_JSON_CONTROL] = "json-control-char",
    [ERR_JSON_NUMBER] = "json-number",
    [ERR_JSON_NUL] = "json-nul-byte",
    [ERR_JSON_SURROGATE] = "json-surrogate",
    [ERR_JSON_DUPLICATE_KEY] = "json-duplicate-key",
    [ERR_JSON_DEPTH] = "json-too-deep",
    [ERR_ZIP_DIRECTORY] = "zip-directory",
    [ERR_ZIP_LOCAL_HEADER] = "zip-local-header",
    [ERR_ZIP_DATA_PAST_END] = "zip-data-past-end",
    [ERR_ZIP_JUNK] = "zip-junk",
    [ERR_ZIP_ENTRY_COUNT] = "zip-entry-count",
    [ERR_ZIP_COMMENT] = "zip-comment-length",
    [ERR_CRYPTO] = "crypto-init",
    [ERR_SIG_TOO_LARGE] = "signature-too-large",
    [ERR_SIG_TRUNCATED] = "signature-truncated",
    [ERR_SIG_MALFORMED] = "signature-malformed",
    [ERR_SIG_ALGORITHM] = "signature-algorithm",
    [ERR_SIG_WRONG_KEY] = "signature-wrong-key",
    [ERR_SIG_MISMATCH] = "signature-mismatch",
    [ERR_SIG_COMMENT] = "signature-comment-changed",
    [ERR_SIG_OTHER_FILE] = "signature-other-file",
    [ERR_SIG_LEGACY_SIZE] = "signature-legacy-too-large",
    [ERR_KEY_TRUNCATED] = "key-truncated",
    [ERR_KEY_MALFORMED] = "key-malformed",
    [ERR_KEY_KIND] = "key-kind",
    [ERR_KEY_KDF] = "key-kdf-limits",
    [ERR_KEY_PASSPHRASE] = "key-passphrase",
    [ERR_COURSE] = "course-invalid",
    [ERR_TOO_MANY_ERRORS] = "too-many-errors",
};

void err_clear(Err *e)
{
    if (e) {
        char pack[sizeof e->pack];
        memcpy(pack, e->pack, sizeof pack);
        memset(e, 0, sizeof *e);
        memcpy(e->pack, pack, sizeof pack);
    }
}

int err_setv(Err *e, ErrCode code, const char *entry, const char *fmt, va_list ap)
{
    if (e) {
        e->code = code;
        e->line = 0;
        e->col = 0;
        e->field[0] = '\0';
        snprintf(e->entry, sizeof e->entry, "%s", entry ? entry : "");
        vsnprintf(e->msg, sizeof e->msg, gettext(fmt), ap);
    }
    return -(int)code;
}

int err_set(Err *e, ErrCode code, const char *entry, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    int rc = err_setv(e, code, entry, fmt, ap);
    va_end(ap);
    return rc;
}

void err_set_pack(Err *e, const char *pack_path)
{
    if (!e)
        return;
    const char *base = pack_path;
    size_t n = strlen(pack_path);
    while (n > 1 && pack_path[n - 1] == '/') /* "dir/" names the folder, not "" */
        n--;
    for (size_t i = 0; i + 1 < n; i++)
        if (pack_path[i] == '/')
            base = pack_path + i + 1;
    size_t len = n - (size_t)(base - pack_path);
    if (len >= sizeof e->pack)
        len = sizeof e->pack - 1;
    memcpy(e->pack, base, len);
    e->pack[len] = '\0';
}

const char *err_code_name(ErrCode code)
{
    if ((int)code < 0 || code >= ERR_CODE_COUNT || !code_names[code])
        return "unknown";
    return code_names[code];
}

void err_format(const Err *e, char *buf, size_t size)
{
    char where[600] = "";
    size_t off = 0;
    if (e->pack[0])
        off += (size_t)snprintf(where + off, sizeof where - off, "%s: ", e->pack);
    if (e->entry[0] && off < sizeof where) {
        if (e->line > 0 && e->col > 0)
            off += (size_t)snprintf(where + off, sizeof where - off, "%s:%d:%d: ", e->entry, e->line, e->col);
        else if (e->line > 0)
            off += (size_t)snprintf(where + off, sizeof where - off, "%s:%d: ", e->entry, e->line);
        else
            off += (size_t)snprintf(where + off, sizeof where - off, "%s: ", e->entry);
    }
    if (e->field[0] && off < sizeof where)
        snprintf(where + off, sizeof where - off, "%s: ", e->field);
    snprintf(buf, size, "%s%s [%s]", where, e->msg, err_code_name(e->code));
}

void errlist_init(ErrList *l)
{
    l->count = 0;
    l->dropped = 0;
}

void errlist_add(ErrList *l, const Err *e)
{
    if (l->count < ERRLIST_MAX)
        l->items[l->count++] = *e;
    else
        l->dropped++;
}

int errlist_has(const ErrList *l, ErrCode code)
{
    for (size_t i = 0; i < l->count; i++)
        if (l->items[i].code == code)
            return 1;
    return 0;
}
