/* sign: minisign signatures (docs/pack-format.md section 8). Reads minisign public keys, secret keys (scrypt-
   protected or not) and .minisig files; verifies a file against a signature in the pre-hashed `ED` form (BLAKE2b-512,
   streamed) or the legacy `Ed` form (the whole file, up to SIGN_LEGACY_MAX), and the global signature over the
   trusted comment; signs in the `ED` form; makes key pairs. Every primitive is libsodium's. */
#ifndef BESEDA_SIGN_H
#define BESEDA_SIGN_H

#include <stddef.h>
#include <stdint.h>

#include "err.h"

enum {
    SIGN_ID_BYTES = 8,
    SIGN_PK_BYTES = 32,
    SIGN_SK_BYTES = 64,
    SIGN_SIG_BYTES = 64,
    SIGN_ID_TEXT = 17,         /* 16 hex digits and the NUL */
    SIGN_PK_TEXT = 57,         /* the base64 "RW…" of a public key and the NUL */
    SIGN_COMMENT_MAX = 8192,   /* a comment's bytes with its NUL, as minisign allows */
    SIGN_FILE_MAX = 20 * 1024, /* a .minisig or key file larger than this is refused unread */
};

/* The legacy `Ed` form signs the file itself, which libsodium verifies in one piece: files larger than this are
   refused with ERR_SIG_LEGACY_SIZE rather than read whole into memory. */
#define SIGN_LEGACY_MAX (64LL * 1024 * 1024)

/* minisign's scrypt settings for a secret key ("sensitive": 2^25 operations, 1 GiB); a key file asking for more
   than these is refused (ERR_KEY_KDF) before any memory is taken. */
#define SIGN_KDF_OPSLIMIT 33554432ULL
#define SIGN_KDF_MEMLIMIT 1073741824ULL

typedef struct {
    uint8_t id[SIGN_ID_BYTES];
    uint8_t pk[SIGN_PK_BYTES];
} SignPublicKey;

typedef struct {
    uint8_t id[SIGN_ID_BYTES];
    uint8_t sk[SIGN_SK_BYTES]; /* wiped by sign_secret_key_wipe */
} SignSecretKey;

typedef struct {
    int prehashed; /* 1: `ED` (BLAKE2b-512 of the file), 0: legacy `Ed` */
    uint8_t id[SIGN_ID_BYTES];
    uint8_t sig[SIGN_SIG_BYTES];
    char untrusted[SIGN_COMMENT_MAX]; /* after "untrusted comment: " */
    char trusted[SIGN_COMMENT_MAX];   /* after "trusted comment: " */
    uint8_t global[SIGN_SIG_BYTES];   /* over sig and the trusted comment */
} SignSignature;

/* Starts libsodium; every other call needs it once. Returns 0 or -ERR_CRYPTO. */
int sign_init(Err *err);

/* A key id as minisign prints it: the id read as a little-endian number, in upper-case hex without leading zeros
   (at most 16 digits). */
void sign_id_text(const uint8_t id[SIGN_ID_BYTES], char out[SIGN_ID_TEXT]);

/* Reads a public key from 'text' ('len' bytes): a minisign .pub file (an untrusted comment line, then the key) or
   the bare base64 key ("RW…", as `minisign -P` takes it), with surrounding blanks. 'comment' (may be NULL) gets the
   untrusted comment, or "" when there is none. Errors: ERR_KEY_TRUNCATED, ERR_KEY_MALFORMED, ERR_KEY_KIND (a
   secret key or a signature where a public key belongs). */
int sign_public_key_parse(const char *text, size_t len, SignPublicKey *key, char *comment, size_t comment_size,
                          Err *err);
/* The same from the file at 'path' (at most SIGN_FILE_MAX bytes: ERR_KEY_MALFORMED beyond). */
int sign_public_key_load(const char *path, SignPublicKey *key, char *comment, size_t comment_size, Err *err);
/* The base64 form of 'key' ("RW…", SIGN_PK_TEXT bytes with the NUL). */
void sign_public_key_text(const SignPublicKey *key, char out[SIGN_PK_TEXT]);

/* True (1) when the secret key file 'text' is protected by a passphrase, 0 when not, or a negative code when it is
   no secret key. */
int sign_secret_key_encrypted(const char *text, size_t len, Err *err);
/* Reads a secret key file; 'passphrase' is used when it is protected (NULL or "" when it is not). Errors:
   ERR_KEY_TRUNCATED, ERR_KEY_MALFORMED, ERR_KEY_KIND, ERR_KEY_KDF (scrypt settings past minisign's),
   ERR_KEY_PASSPHRASE (the checksum does not match: a wrong passphrase, or a damaged key). */
int sign_secret_key_parse(const char *text, size_t len, const char *passphrase, SignSecretKey *key, Err *err);
void sign_secret_key_wipe(SignSecretKey *key);

/* Makes a key pair. 'passphrase' NULL: the secret key file is not protected. 'opslimit' and 'memlimit' are the
   scrypt settings (SIGN_KDF_OPSLIMIT and SIGN_KDF_MEMLIMIT, as minisign; tests use less). 'pub_text' and 'sec_text'
   get the two files' contents (malloc'd; the secret one is wiped and freed by the caller with sign_text_free). */
int sign_keygen(const char *passphrase, unsigned long long opslimit, size_t memlimit, char **pub_text, char **sec_text,
                Err *err);
/* Wipes and frees a text sign_keygen made. */
void sign_text_free(char *text);

/* Reads a .minisig text. Errors: ERR_SIG_TOO_LARGE, ERR_SIG_TRUNCATED, ERR_SIG_MALFORMED, ERR_SIG_ALGORITHM. */
int sign_signature_parse(const char *text, size_t len, SignSignature *sig, Err *err);
/* The same from a file (ERR_NOT_FOUND when there is none; ERR_SIG_TOO_LARGE past SIGN_FILE_MAX, unread). */
int sign_signature_load(const char *path, SignSignature *sig, Err *err);

/* Checks that 'sig' is 'key''s signature of the file at 'path' and of its trusted comment. The file is read once
   in blocks (the legacy form: whole, up to SIGN_LEGACY_MAX). Errors: ERR_SIG_WRONG_KEY (another key's signature),
   ERR_SIG_COMMENT (the trusted comment or the signature was changed), ERR_SIG_OTHER_FILE (the trusted comment names
   another file and the file does not match), ERR_SIG_MISMATCH (the file was changed after it was signed),
   ERR_SIG_LEGACY_SIZE, ERR_NOT_FOUND, ERR_IO, ERR_NOMEM. */
int sign_verify_file(const char *path, const SignSignature *sig, const SignPublicKey *key, Err *err);

/* 1 when 'key' made the global signature of 'sig' (its signature and trusted comment), whatever key id 'sig' names:
   a signature whose key id was changed on the way is still recognised as that key's. 0 when not, -1 out of memory. */
int sign_global_matches(const SignSignature *sig, const SignPublicKey *key);

/* Signs the file at 'path' in the `ED` form and returns the .minisig text (malloc'd) in 'out'. 'trusted' and
   'untrusted' are one line each (NULL: minisign's defaults, "timestamp:T\tfile:NAME\thashed" with T from
   'timestamp'). */
int sign_file(const char *path, const SignSecretKey *key, const char *trusted, const char *untrusted,
              long long timestamp, char **out, Err *err);

#endif
