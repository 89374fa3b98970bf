/* err: error codes, located error records and bounded error lists for everything read from a pack. */
#ifndef BESEDA_ERR_H
#define BESEDA_ERR_H

#include <stdarg.h>
#include <stddef.h>

/* The printf dialect our format checks assume: C99's. The Windows build, whose compiler takes plain "printf" to
   mean msvcrt's (no %zu), sets it to gnu_printf, the C99 printf that __USE_MINGW_ANSI_STDIO selects. */
#ifndef BESEDA_PRINTF_FORMAT
#define BESEDA_PRINTF_FORMAT printf
#endif

/* Marks a string for translation without translating it here (xgettext keyword N_). */
#define N_(s) s

/* Every distinct problem has its own code; tests and tools match on err_code_name(). */
typedef enum {
    ERR_OK = 0,
    ERR_USAGE,                /* bad call of our own API or tool */
    ERR_NOMEM,                /* allocation failed */
    ERR_IO,                   /* the operating system could not read or write */
    ERR_NOT_FOUND,            /* pack path does not exist */
    ERR_NOT_A_PACK,           /* neither a zip archive nor a folder */
    ERR_ARCHIVE_SIZE,         /* archive file larger than the limit */
    ERR_ZIP_CORRUPT,          /* libzip cannot read the archive */
    ERR_ZIP_INCONSISTENT,     /* central directory disagrees with local headers */
    ERR_ENTRY_COUNT,          /* more entries than the limit */
    ERR_ENTRY_SIZE,           /* one entry larger than the limit */
    ERR_TOTAL_SIZE,           /* all entries together larger than the limit */
    ERR_RATIO,                /* compression ratio above the limit */
    ERR_OVERLAP,              /* compressed spans do not fit in the archive */
    ERR_DUPLICATE_NAME,       /* two entries with the same name */
    ERR_DUPLICATE_FOLDED,     /* two entries whose names differ only in case */
    ERR_NAME_ABSOLUTE,        /* entry name starts with '/' */
    ERR_NAME_DOTDOT,          /* entry name has a '..' component */
    ERR_NAME_BACKSLASH,       /* entry name contains '\' */
    ERR_NAME_DRIVE,           /* entry name starts with a drive letter */
    ERR_NAME_CONTROL,         /* entry name has a control character */
    ERR_NAME_UTF8,            /* entry name is not valid UTF-8 */
    ERR_NAME_LENGTH,          /* entry name too long or empty */
    ERR_SYMLINK,              /* entry is a symbolic link (or other special file) */
    ERR_ENCRYPTED,            /* entry is encrypted */
    ERR_COMPRESSION,          /* unsupported compression method */
    ERR_SIZE_LIE,             /* entry data is not as long as its declared size */
    ERR_CRC,                  /* entry data fails its checksum */
    ERR_MISSING_FILE,         /* a reference names a file the pack lacks */
    ERR_JSON_SYNTAX,          /* JSON cannot be parsed */
    ERR_JSON_TYPE,            /* JSON value of the wrong type */
    ERR_JSON_MISSING,         /* required JSON field absent */
    ERR_JSON_VALUE,           /* JSON value out of its allowed set or range */
    ERR_STRING_SIZE,          /* a manifest string longer than the limit */
    ERR_ARRAY_SIZE,           /* a manifest array longer than the limit */
    ERR_MANIFEST_SIZE,        /* pack.json or another JSON file larger than the limit */
    ERR_FORMAT_VERSION,       /* pack format version this reader does not know */
    ERR_READER_VERSION,       /* pack needs a newer reader */
    ERR_DUPLICATE_ID,         /* two lessons or items share an id */
    ERR_BAD_ID,               /* an id with characters outside the allowed set */
    ERR_UNKNOWN_ITEM,         /* a link or operation names an item that does not exist */
    ERR_MARKDOWN_SIZE,        /* Markdown file larger than the limit */
    ERR_MARKDOWN_DEPTH,       /* Markdown nested deeper than the limit */
    ERR_MARKDOWN_PARSE,       /* the Markdown parser gave up (a page too complex to parse within bounds) */
    ERR_IMAGE_FORMAT,         /* image is neither PNG nor JPEG, or its header is broken */
    ERR_IMAGE_DIMENSIONS,     /* image larger than the pixel limit */
    ERR_EXERCISE,             /* exercise is structurally wrong */
    ERR_NO_CORRECT,           /* a choice exercise without the right number of correct options */
    ERR_ORDER_DUPLICATE,      /* ordering (or matching, choice) entries that repeat an id or a text */
    ERR_SCENARIO_TARGET,      /* a scenario choice or its start names a node that does not exist */
    ERR_SCENARIO_ENDING,      /* a scenario without an ending, or a dead end that is not one */
    ERR_SCENARIO_UNREACHABLE, /* a scenario node that cannot be reached from the start */
    ERR_LOCALE,               /* locale overlay is wrong */
    ERR_NOT_UTF8,             /* a page or a JSON text is not valid UTF-8 */
    ERR_PO_SYNTAX,            /* a PO file cannot be read */
    ERR_PO_MARKUP,            /* a translation breaks the Markdown structure of its original */
    ERR_PO_MISMATCH,          /* a PO file for another pack or another language */
    ERR_LOCALE_NO_BASE,       /* a locale pack whose base pack is not installed */
    ERR_LOCALE_VERSION,       /* a locale pack whose version range excludes the installed base */
    ERR_NOTES,                /* a .beseda-notes file that is not one, or is broken */
    ERR_NOTES_PACK,           /* a .beseda-notes file for another pack */
    ERR_TEXT_BAD_CHAR,        /* U+0000, a noncharacter or a control character other than tab and line ends */
    ERR_JSON_TRAILING,        /* more content after the JSON value */
    ERR_JSON_CONTROL,         /* a raw control character inside a JSON string */
    ERR_JSON_NUMBER,          /* a number JSON does not allow (leading zero, 1., .5, +1) or too large */
    ERR_JSON_NUL,             /* a NUL byte in a JSON file */
    ERR_JSON_SURROGATE,       /* a \u escape that is half of a surrogate pair */
    ERR_JSON_DUPLICATE_KEY,   /* an object with the same key twice */
    ERR_JSON_DEPTH,           /* JSON nested deeper than the limit */
    ERR_ZIP_DIRECTORY,        /* a central directory record is broken (signature, lengths) */
    ERR_ZIP_LOCAL_HEADER,     /* an entry's local header disagrees with the central directory */
    ERR_ZIP_DATA_PAST_END,    /* an entry's data runs past the directory or the end of the file */
    ERR_ZIP_JUNK,             /* bytes between or after the zip records that belong to nothing */
    ERR_ZIP_ENTRY_COUNT,      /* the end record's entry count disagrees with the directory */
    ERR_ZIP_COMMENT,          /* the end record's comment length disagrees with the file */
    ERR_CRYPTO,               /* libsodium could not start */
    /* ERR_SIG_TOO_LARGE to ERR_SIG_OTHER_FILE: the signature says the pack or itself was changed (a range: keep it) */
    ERR_SIG_TOO_LARGE,   /* a .minisig file larger than the limit */
    ERR_SIG_TRUNCATED,   /* a .minisig file that ends early */
    ERR_SIG_MALFORMED,   /* a .minisig file whose lines are not minisign's */
    ERR_SIG_ALGORITHM,   /* a signature in an algorithm other than Ed or ED */
    ERR_SIG_WRONG_KEY,   /* a signature by another key than the one checked */
    ERR_SIG_MISMATCH,    /* the file does not match its signature: changed after signing */
    ERR_SIG_COMMENT,     /* the global signature does not match: trusted comment or signature changed */
    ERR_SIG_OTHER_FILE,  /* a signature whose trusted comment names another file, which does not match */
    ERR_SIG_LEGACY_SIZE, /* a legacy (whole-file) signature of a file too large to read whole */
    ERR_KEY_TRUNCATED,   /* a key file that ends early */
    ERR_KEY_MALFORMED,   /* a key file that is not minisign's */
    ERR_KEY_KIND,        /* a secret key where a public key belongs, or the other way */
    ERR_KEY_KDF,         /* a secret key whose scrypt settings are past the limit */
    ERR_KEY_PASSPHRASE,  /* a wrong passphrase (or a damaged secret key) */
    ERR_COURSE,          /* a course overview (NAME.course.json) that is wrong */
    ERR_TOO_MANY_ERRORS, /* list was cut short */
    ERR_CODE_COUNT
} ErrCode;

/* One problem: what, where (pack, entry, line or JSON field) and a translated message. */
typedef struct {
    ErrCode code;
    char pack[256];
    char entry[256];
    int line;        /* 1-based, 0 when unknown */
    int col;         /* 1-based column (in characters) on 'line', 0 when unknown */
    char field[128]; /* JSON path such as lessons[1].items[0].id, empty when not JSON */
    char msg[512];
} Err;

/* Clears 'e' to ERR_OK; 'e' may be NULL. */
void err_clear(Err *e);

/* Fills 'e' (when non-NULL) and returns -(int)code, so callers can `return err_set(...)`.
   'fmt' is an untranslated N_() string: it is looked up with gettext before formatting. 'entry' may be
   NULL; the pack name already in 'e' is kept. */
int err_set(Err *e, ErrCode code, const char *entry, const char *fmt, ...)
    __attribute__((format(BESEDA_PRINTF_FORMAT, 4, 5)));
int err_setv(Err *e, ErrCode code, const char *entry, const char *fmt, va_list ap)
    __attribute__((format(BESEDA_PRINTF_FORMAT, 4, 0)));

/* Sets the pack label (base name of the path) shown in front of every message. */
void err_set_pack(Err *e, const char *pack_path);

/* Stable short name of a code, e.g. "entry-too-large". Never NULL. */
const char *err_code_name(ErrCode code);

/* Formats "pack: entry:line: field: message [code]" into buf (always NUL-terminated). */
void err_format(const Err *e, char *buf, size_t size);

/* A bounded list of problems: validation reports every problem, not only the first. */
enum { ERRLIST_MAX = 200 };
typedef struct {
    Err items[ERRLIST_MAX];
    size_t count;
    size_t dropped; /* problems not kept because the list was full */
} ErrList;

void errlist_init(ErrList *l);
/* Appends a copy of 'e' (its code must not be ERR_OK). */
void errlist_add(ErrList *l, const Err *e);
/* True when some kept item has 'code'. */
int errlist_has(const ErrList *l, ErrCode code);

#endif
