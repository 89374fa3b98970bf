/* sign: minisign keys and signatures, read, checked and made with libsodium (the layouts are minisign's). */
#include "sign.h"

#include <errno.h>
#include <inttypes.h>
#include <libintl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/os.h"

#define COMMENT_PREFIX "untrusted comment: "
#define TRUSTED_PREFIX "trusted comment: "

/* The binary layouts minisign writes in base64. */
enum {
    PUB_BYTES = 2 + SIGN_ID_BYTES + SIGN_PK_BYTES,  /* "Ed", id, public key */
    SIG_BYTES = 2 + SIGN_ID_BYTES + SIGN_SIG_BYTES, /* "Ed" or "ED", id, signature */
    SALT_BYTES = 32,
    CHK_BYTES = 32,
    KEYNUM_SK_BYTES = SIGN_ID_BYTES + SIGN_SK_BYTES + CHK_BYTES, /* the part scrypt's stream protects */
    SEC_BYTES = 2 + 2 + 2 + SALT_BYTES + 8 + 8 + KEYNUM_SK_BYTES,
    SEC_KEYNUM = 2 + 2 + 2 + SALT_BYTES + 8 + 8, /* where the protected part starts */
    DECODE_MAX = 256,                            /* more than any of them: a longer line is malformed */
    HASH_BLOCK = 64 * 1024,
};

int sign_init(Err *err)
{
    if (sodium_init() < 0)
        return err_set(err, ERR_CRYPTO, NULL, N_("the cryptography library (libsodium) could not start"));
    return 0;
}

static uint64_t le64(const uint8_t *p);

void sign_id_text(const uint8_t id[SIGN_ID_BYTES], char out[SIGN_ID_TEXT])
{
    snprintf(out, SIGN_ID_TEXT, "%" PRIX64, le64(id)); /* as minisign: no leading zeros */
}

static uint64_t le64(const uint8_t *p)
{
    uint64_t v = 0;
    for (int i = 7; i >= 0; i--)
        v = v << 8 | p[i];
    return v;
}

static void put_le64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++, v >>= 8)
        p[i] = (uint8_t)v;
}

/* The text as lines: each line's start and length, without its "\n" or "\r\n" and without trailing blanks. */
typedef struct {
    const char *s[8];
    size_t len[8];
    int n;     /* lines kept (at most 8) */
    int extra; /* non-blank lines past the 8th */
} Lines;

static void split_lines(const char *text, size_t len, Lines *l)
{
    memset(l, 0, sizeof *l);
    size_t i = 0;
    while (i < len) {
        size_t start = i;
        while (i < len && text[i] != '\n')
            i++;
        size_t end = i;
        while (end > start && (text[end - 1] == '\r' || text[end - 1] == ' ' || text[end - 1] == '\t'))
            end--;
        if (l->n < 8) {
            l->s[l->n] = text + start;
            l->len[l->n] = end - start;
            l->n++;
        } else if (end > start)
            l->extra = 1;
        i++; /* past the '\n' */
    }
    /* trailing blank lines are not lines */
    while (l->n > 0 && l->len[l->n - 1] == 0)
        l->n--;
}

static int has_prefix(const char *s, size_t len, const char *prefix)
{
    size_t n = strlen(prefix);
    return len >= n && memcmp(s, prefix, n) == 0;
}

/* Decodes a base64 line (blanks inside ignored); returns the byte count or -1 when it is not base64. */
static long decode(const char *s, size_t len, uint8_t *out)
{
    size_t n = 0;
    const char *end = NULL;
    for (size_t i = 0; i < len; i++) /* libsodium 1.0.18 reads every byte past 0x7f as '/': such a line is no base64 */
        if ((unsigned char)s[i] >= 0x80)
            return -1;
    if (sodium_base642bin(out, DECODE_MAX, s, len, " \t", &n, &end, sodium_base64_VARIANT_ORIGINAL) != 0 ||
        end != s + len)
        return -1;
    return (long)n;
}

/* Copies a comment of 'len' bytes into 'out'; -1 when it holds a NUL or does not fit. */
static int copy_comment(const char *s, size_t len, char *out, size_t size)
{
    if (!out)
        return 0;
    if (len >= size || memchr(s, '\0', len))
        return -1;
    memcpy(out, s, len);
    out[len] = '\0';
    return 0;
}

/* Reads a small file whole (at most SIGN_FILE_MAX bytes) into a malloc'd, NUL-terminated buffer. Returns its
   length, -ERR_NOT_FOUND, -ERR_IO, or -'too_large' when it is larger (unread). */
static long read_small(const char *path, char **out, ErrCode too_large, Err *err)
{
    *out = NULL;
    FILE *f = os_fopen(path, "rb");
    if (!f) {
        if (errno == ENOENT)
            return err_set(err, ERR_NOT_FOUND, NULL, N_("'%s' does not exist"), path);
        return err_set(err, ERR_IO, NULL, N_("cannot open '%s': %s"), path, strerror(errno));
    }
    char *buf = malloc(SIGN_FILE_MAX + 1);
    if (!buf) {
        fclose(f);
        return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
    }
    size_t n = fread(buf, 1, SIGN_FILE_MAX + 1, f);
    int bad = ferror(f);
    fclose(f);
    if (bad) {
        free(buf);
        return err_set(err, ERR_IO, NULL, N_("cannot read '%s'"), path);
    }
    if (n > SIGN_FILE_MAX) {
        free(buf);
        return err_set(err, too_large, NULL,
                       N_("'%s' is larger than %d bytes, which no minisign key or signature is: it was changed or "
                          "is another kind of file"),
                       path, SIGN_FILE_MAX);
    }
    buf[n] = '\0';
    *out = buf;
    return (long)n;
}

/* ---- public keys ---- */

/* What a decoded key line of 'n' bytes is, when it is not the kind wanted. */
static int wrong_kind(long n, int want_public, Err *err)
{
    if (want_public && n == SEC_BYTES)
        return err_set(err, ERR_KEY_KIND, NULL,
                       N_("this is a secret key, not a public key: give the .pub file (and keep the secret key to "
                          "yourself)"));
    if (!want_public && n == PUB_BYTES)
        return err_set(err, ERR_KEY_KIND, NULL, N_("this is a public key, not a secret key"));
    if (n == SIG_BYTES)
        return err_set(err, ERR_KEY_KIND, NULL, N_("this is a signature (.minisig), not a key"));
    return 0;
}

int sign_public_key_parse(const char *text, size_t len, SignPublicKey *key, char *comment, size_t comment_size,
                          Err *err)
{
    Lines l;
    split_lines(text, len, &l);
    int at = 0;
    while (at < l.n && l.len[at] == 0)
        at++;
    if (comment && comment_size)
        comment[0] = '\0';
    if (at < l.n && has_prefix(l.s[at], l.len[at], COMMENT_PREFIX)) {
        size_t p = strlen(COMMENT_PREFIX);
        if (copy_comment(l.s[at] + p, l.len[at] - p, comment, comment_size) != 0)
            return err_set(err, ERR_KEY_MALFORMED, NULL, N_("the key's comment line is too long or holds a NUL"));
        at++;
    }
    if (at >= l.n || l.len[at] == 0)
        return err_set(err, ERR_KEY_TRUNCATED, NULL, N_("the key file ends before the key: it is cut short"));
    if (l.extra || at + 1 < l.n)
        return err_set(err, ERR_KEY_MALFORMED, NULL,
                       N_("the key file has more lines than a minisign public key: a comment and the key"));
    uint8_t b[DECODE_MAX];
    long n = decode(l.s[at], l.len[at], b);
    if (n < 0)
        return err_set(err, ERR_KEY_MALFORMED, NULL, N_("the key is not base64 text: it is damaged or not a key"));
    if (wrong_kind(n, 1, err) != 0)
        return -(int)err->code;
    if (n < PUB_BYTES)
        return err_set(err, ERR_KEY_TRUNCATED, NULL,
                       N_("the key is %ld bytes long, a minisign public key %d: it is cut short"), n, PUB_BYTES);
    if (n > PUB_BYTES)
        return err_set(err, ERR_KEY_MALFORMED, NULL,
                       N_("the key is %ld bytes long, a minisign public key %d: it is not one"), n, PUB_BYTES);
    if (memcmp(b, "Ed", 2) != 0)
        return err_set(err, ERR_KEY_MALFORMED, NULL,
                       N_("the key is for the algorithm '%c%c', not minisign's Ed25519 ('Ed')"), b[0] & 0x7f,
                       b[1] & 0x7f);
    memcpy(key->id, b + 2, SIGN_ID_BYTES);
    memcpy(key->pk, b + 2 + SIGN_ID_BYTES, SIGN_PK_BYTES);
    return 0;
}

int sign_public_key_load(const char *path, SignPublicKey *key, char *comment, size_t comment_size, Err *err)
{
    char *text;
    long n = read_small(path, &text, ERR_KEY_MALFORMED, err);
    if (n < 0)
        return (int)n;
    int rc = sign_public_key_parse(text, (size_t)n, key, comment, comment_size, err);
    free(text);
    return rc;
}

void sign_public_key_text(const SignPublicKey *key, char out[SIGN_PK_TEXT])
{
    uint8_t b[PUB_BYTES];
    memcpy(b, "Ed", 2);
    memcpy(b + 2, key->id, SIGN_ID_BYTES);
    memcpy(b + 2 + SIGN_ID_BYTES, key->pk, SIGN_PK_BYTES);
    sodium_bin2base64(out, SIGN_PK_TEXT, b, sizeof b, sodium_base64_VARIANT_ORIGINAL);
}

/* ---- secret keys ---- */

/* The decoded secret key of a file's text, in 'b' (SEC_BYTES). */
static int secret_bytes(const char *text, size_t len, uint8_t *b, Err *err)
{
    Lines l;
    split_lines(text, len, &l);
    int at = 0;
    if (at < l.n && has_prefix(l.s[at], l.len[at], COMMENT_PREFIX))
        at++;
    if (at >= l.n || l.len[at] == 0)
        return err_set(err, ERR_KEY_TRUNCATED, NULL, N_("the secret key file ends before the key: it is cut short"));
    if (l.extra || at + 1 < l.n)
        return err_set(err, ERR_KEY_MALFORMED, NULL,
                       N_("the secret key file has more lines than minisign's: a comment and the key"));
    long n = decode(l.s[at], l.len[at], b);
    if (n < 0)
        return err_set(err, ERR_KEY_MALFORMED, NULL, N_("the secret key is not base64 text: it is damaged"));
    if (wrong_kind(n, 0, err) != 0)
        return -(int)err->code;
    if (n < SEC_BYTES)
        return err_set(err, ERR_KEY_TRUNCATED, NULL,
                       N_("the secret key is %ld bytes long, a minisign secret key %d: it is cut short"), n, SEC_BYTES);
    if (n > SEC_BYTES || memcmp(b, "Ed", 2) != 0 || memcmp(b + 4, "B2", 2) != 0 ||
        (memcmp(b + 2, "Sc", 2) != 0 && memcmp(b + 2, "\0\0", 2) != 0))
        return err_set(err, ERR_KEY_MALFORMED, NULL,
                       N_("this is not a minisign secret key (Ed25519, scrypt or no protection, BLAKE2b checksum)"));
    return 0;
}

int sign_secret_key_encrypted(const char *text, size_t len, Err *err)
{
    uint8_t b[DECODE_MAX];
    int rc = secret_bytes(text, len, b, err);
    if (rc == 0)
        rc = memcmp(b + 2, "Sc", 2) == 0;
    sodium_memzero(b, sizeof b);
    return rc;
}

/* The checksum minisign keeps of a secret key: BLAKE2b-256 of the algorithm, the id and the key. */
static void key_checksum(const uint8_t *alg, const uint8_t *id, const uint8_t *sk, uint8_t out[CHK_BYTES])
{
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, CHK_BYTES);
    crypto_generichash_update(&st, alg, 2);
    crypto_generichash_update(&st, id, SIGN_ID_BYTES);
    crypto_generichash_update(&st, sk, SIGN_SK_BYTES);
    crypto_generichash_final(&st, out, CHK_BYTES);
}

/* XORs the protected part with scrypt's stream of 'passphrase' (both to protect and to open). */
static int kdf_xor(uint8_t *b, const char *passphrase, Err *err)
{
    uint8_t stream[KEYNUM_SK_BYTES];
    uint64_t ops = le64(b + 6 + SALT_BYTES), mem = le64(b + 6 + SALT_BYTES + 8);
    if (ops > SIGN_KDF_OPSLIMIT || mem > SIGN_KDF_MEMLIMIT)
        return err_set(err, ERR_KEY_KDF, NULL,
                       N_("the secret key asks for scrypt settings past minisign's (%" PRIu64 " operations, %" PRIu64
                          " bytes of memory): it was changed or damaged"),
                       ops, mem);
    if (crypto_pwhash_scryptsalsa208sha256(stream, sizeof stream, passphrase, strlen(passphrase), b + 6, ops,
                                           (size_t)mem) != 0)
        return err_set(err, ERR_NOMEM, NULL, N_("not enough memory to open the secret key (scrypt)"));
    for (size_t i = 0; i < sizeof stream; i++)
        b[SEC_KEYNUM + i] ^= stream[i];
    sodium_memzero(stream, sizeof stream);
    return 0;
}

/* An Ed25519 secret key is its seed and its public key: the seed must give that public key back (a damaged key,
   or one whose checksum minisign left out, is caught here). */
static int halves_agree(const uint8_t *sk)
{
    uint8_t pk[SIGN_PK_BYTES], again[SIGN_SK_BYTES];
    crypto_sign_seed_keypair(pk, again, sk);
    int ok = sodium_memcmp(again, sk, SIGN_SK_BYTES) == 0;
    sodium_memzero(again, sizeof again);
    return ok;
}

int sign_secret_key_parse(const char *text, size_t len, const char *passphrase, SignSecretKey *key, Err *err)
{
    uint8_t b[DECODE_MAX];
    int rc = secret_bytes(text, len, b, err);
    int encrypted = rc == 0 && memcmp(b + 2, "Sc", 2) == 0;
    if (rc == 0 && encrypted) {
        if (!passphrase || !*passphrase)
            rc = err_set(err, ERR_KEY_PASSPHRASE, NULL, N_("the secret key is protected by a passphrase: give it"));
        else
            rc = kdf_xor(b, passphrase, err);
    }
    if (rc == 0) {
        uint8_t chk[CHK_BYTES];
        const uint8_t *id = b + SEC_KEYNUM, *sk = id + SIGN_ID_BYTES;
        key_checksum(b, id, sk, chk);
        if (!encrypted && sodium_is_zero(sk + SIGN_SK_BYTES, CHK_BYTES))
            memcpy(chk, sk + SIGN_SK_BYTES, CHK_BYTES); /* minisign -W writes no checksum: checked below */
        if (sodium_memcmp(chk, sk + SIGN_SK_BYTES, CHK_BYTES) != 0 || !halves_agree(sk))
            rc = encrypted ? err_set(err, ERR_KEY_PASSPHRASE, NULL,
                                     N_("the passphrase is wrong (or the secret key is damaged)"))
                           : err_set(err, ERR_KEY_MALFORMED, NULL,
                                     N_("the secret key's checksum does not match: the key is damaged"));
        else {
            memcpy(key->id, id, SIGN_ID_BYTES);
            memcpy(key->sk, sk, SIGN_SK_BYTES);
        }
        sodium_memzero(chk, sizeof chk);
    }
    sodium_memzero(b, sizeof b);
    return rc;
}

void sign_secret_key_wipe(SignSecretKey *key)
{
    sodium_memzero(key, sizeof *key);
}

void sign_text_free(char *text)
{
    if (text) {
        sodium_memzero(text, strlen(text));
        free(text);
    }
}

/* "untrusted comment: C\nBASE64\n" of 'n' bytes, malloc'd. */
static char *key_file_text(const char *comment, const uint8_t *b, size_t n)
{
    size_t b64 = sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL);
    size_t size = strlen(COMMENT_PREFIX) + strlen(comment) + 1 + b64 + 1;
    char *out = malloc(size);
    if (!out)
        return NULL;
    int at = snprintf(out, size, "%s%s\n", COMMENT_PREFIX, comment);
    sodium_bin2base64(out + at, size - (size_t)at, b, n, sodium_base64_VARIANT_ORIGINAL);
    strcat(out, "\n");
    return out;
}

int sign_keygen(const char *passphrase, unsigned long long opslimit, size_t memlimit, char **pub_text, char **sec_text,
                Err *err)
{
    *pub_text = *sec_text = NULL;
    uint8_t pk[SIGN_PK_BYTES], b[SEC_BYTES] = {0}, pub[PUB_BYTES];
    uint8_t *id = b + SEC_KEYNUM, *sk = id + SIGN_ID_BYTES;
    memcpy(b, "Ed", 2);
    memcpy(b + 4, "B2", 2);
    crypto_sign_keypair(pk, sk);
    randombytes_buf(id, SIGN_ID_BYTES);
    key_checksum(b, id, sk, sk + SIGN_SK_BYTES);
    memcpy(pub, "Ed", 2);
    memcpy(pub + 2, id, SIGN_ID_BYTES);
    memcpy(pub + 2 + SIGN_ID_BYTES, pk, SIGN_PK_BYTES);
    int rc = 0;
    if (passphrase && *passphrase) {
        memcpy(b + 2, "Sc", 2);
        randombytes_buf(b + 6, SALT_BYTES);
        put_le64(b + 6 + SALT_BYTES, opslimit);
        put_le64(b + 6 + SALT_BYTES + 8, memlimit);
        rc = kdf_xor(b, passphrase, err);
    }
    char idt[SIGN_ID_TEXT], comment[64];
    sign_id_text(id, idt);
    snprintf(comment, sizeof comment, "minisign public key %s", idt);
    if (rc == 0) {
        *pub_text = key_file_text(comment, pub, sizeof pub);
        *sec_text = key_file_text(passphrase && *passphrase ? "minisign encrypted secret key"
                                                            : "minisign secret key (not protected by a passphrase)",
                                  b, sizeof b);
        if (!*pub_text || !*sec_text) {
            free(*pub_text);
            sign_text_free(*sec_text);
            *pub_text = *sec_text = NULL;
            rc = err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
        }
    }
    sodium_memzero(b, sizeof b);
    return rc;
}

/* ---- signatures ---- */

static int sig_damaged(Err *err, ErrCode code, int line, const char *what)
{
    int rc = err_set(err, code, NULL, N_("the signature file was changed or damaged: line %d %s"), line, gettext(what));
    err->line = line;
    return rc;
}

int sign_signature_parse(const char *text, size_t len, SignSignature *sig, Err *err)
{
    if (len > SIGN_FILE_MAX)
        return err_set(err, ERR_SIG_TOO_LARGE, NULL,
                       N_("the signature file is larger than %d bytes, which no minisign signature is: it was "
                          "changed or is another kind of file"),
                       SIGN_FILE_MAX);
    memset(sig, 0, sizeof *sig);
    Lines l;
    split_lines(text, len, &l);
    static const char *const want[] = {N_("should be the untrusted comment"), N_("should be the signature"),
                                       N_("should be the trusted comment"), N_("should be the global signature")};
    if (l.n < 4)
        return sig_damaged(err, ERR_SIG_TRUNCATED, l.n + 1, want[l.n]);
    if (l.n > 4 || l.extra)
        return sig_damaged(err, ERR_SIG_MALFORMED, 5, N_("should not be there: a signature has four lines"));
    size_t up = strlen(COMMENT_PREFIX), tp = strlen(TRUSTED_PREFIX);
    if (!has_prefix(l.s[0], l.len[0], COMMENT_PREFIX) ||
        copy_comment(l.s[0] + up, l.len[0] - up, sig->untrusted, sizeof sig->untrusted) != 0)
        return sig_damaged(err, ERR_SIG_MALFORMED, 1, want[0]);
    uint8_t b[DECODE_MAX];
    long n = decode(l.s[1], l.len[1], b);
    if (n < 0)
        return sig_damaged(err, ERR_SIG_MALFORMED, 2, N_("is not base64 text"));
    if (n < SIG_BYTES)
        return sig_damaged(err, ERR_SIG_TRUNCATED, 2, N_("is shorter than a signature"));
    if (n > SIG_BYTES)
        return sig_damaged(err, ERR_SIG_MALFORMED, 2, N_("is longer than a signature"));
    if (memcmp(b, "Ed", 2) != 0 && memcmp(b, "ED", 2) != 0)
        return sig_damaged(err, ERR_SIG_ALGORITHM, 2,
                           N_("names an algorithm other than minisign's Ed25519 ('Ed' or 'ED')"));
    sig->prehashed = b[1] == 'D';
    memcpy(sig->id, b + 2, SIGN_ID_BYTES);
    memcpy(sig->sig, b + 2 + SIGN_ID_BYTES, SIGN_SIG_BYTES);
    if (!has_prefix(l.s[2], l.len[2], TRUSTED_PREFIX) ||
        copy_comment(l.s[2] + tp, l.len[2] - tp, sig->trusted, sizeof sig->trusted) != 0)
        return sig_damaged(err, ERR_SIG_MALFORMED, 3, want[2]);
    n = decode(l.s[3], l.len[3], b);
    if (n < 0)
        return sig_damaged(err, ERR_SIG_MALFORMED, 4, N_("is not base64 text"));
    if (n != SIGN_SIG_BYTES)
        return sig_damaged(err, n < SIGN_SIG_BYTES ? ERR_SIG_TRUNCATED : ERR_SIG_MALFORMED, 4,
                           n < SIGN_SIG_BYTES ? N_("is shorter than a signature") : N_("is longer than a signature"));
    memcpy(sig->global, b, SIGN_SIG_BYTES);
    return 0;
}

int sign_signature_load(const char *path, SignSignature *sig, Err *err)
{
    char *text;
    long n = read_small(path, &text, ERR_SIG_TOO_LARGE, err);
    if (n < 0)
        return (int)n;
    int rc = sign_signature_parse(text, (size_t)n, sig, err);
    free(text);
    return rc;
}

/* BLAKE2b-512 of the file, read once in blocks. */
static int hash_file(const char *path, uint8_t out[crypto_generichash_BYTES_MAX], Err *err)
{
    FILE *f = os_fopen(path, "rb");
    if (!f)
        return err_set(err, errno == ENOENT ? ERR_NOT_FOUND : ERR_IO, NULL, N_("cannot open '%s': %s"), path,
                       strerror(errno));
    uint8_t *buf = malloc(HASH_BLOCK);
    if (!buf) {
        fclose(f);
        return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
    }
    crypto_generichash_state st;
    crypto_generichash_init(&st, NULL, 0, crypto_generichash_BYTES_MAX);
    size_t n;
    while ((n = fread(buf, 1, HASH_BLOCK, f)) > 0)
        crypto_generichash_update(&st, buf, n);
    int bad = ferror(f);
    fclose(f);
    free(buf);
    if (bad)
        return err_set(err, ERR_IO, NULL, N_("cannot read '%s'"), path);
    crypto_generichash_final(&st, out, crypto_generichash_BYTES_MAX);
    return 0;
}

/* Verifies the legacy form: the signature of the whole file, read into memory up to SIGN_LEGACY_MAX. */
static int verify_legacy(const char *path, const SignSignature *sig, const SignPublicKey *key, int *ok, Err *err)
{
    OsStat st;
    if (os_stat(path, &st) != 0)
        return err_set(err, ERR_IO, NULL, N_("cannot read '%s'"), path);
    if (st.size > SIGN_LEGACY_MAX)
        return err_set(err, ERR_SIG_LEGACY_SIZE, NULL,
                       N_("'%s' has a legacy minisign signature, which is checked on the whole file at once, and is "
                          "larger than %lld MiB: sign it again in the pre-hashed form (beseda-pack sign, or "
                          "minisign -S without -l)"),
                       path, (long long)(SIGN_LEGACY_MAX >> 20));
    FILE *f = os_fopen(path, "rb");
    uint8_t *buf = f ? malloc((size_t)st.size + 1) : NULL;
    size_t n = buf ? fread(buf, 1, (size_t)st.size + 1, f) : 0;
    int bad = !f || !buf || ferror(f) || n != (size_t)st.size;
    if (f)
        fclose(f);
    if (bad) {
        free(buf);
        return err_set(err, ERR_IO, NULL, N_("cannot read '%s'"), path);
    }
    *ok = crypto_sign_verify_detached(sig->sig, buf, n, key->pk) == 0;
    free(buf);
    return 0;
}

/* The file name a trusted comment in minisign's form names ("…\tfile:NAME\t…"), copied into 'out'; 0 when none. */
static int comment_file(const char *comment, char *out, size_t size)
{
    const char *p = strstr(comment, "file:");
    if (!p || (p != comment && p[-1] != '\t'))
        return 0;
    p += 5;
    size_t n = strcspn(p, "\t");
    if (n == 0 || n >= size)
        return 0;
    memcpy(out, p, n);
    out[n] = '\0';
    return 1;
}

int sign_global_matches(const SignSignature *sig, const SignPublicKey *key)
{
    size_t tlen = strlen(sig->trusted);
    uint8_t *msg = malloc(SIGN_SIG_BYTES + tlen + 1);
    if (!msg)
        return -1;
    memcpy(msg, sig->sig, SIGN_SIG_BYTES);
    memcpy(msg + SIGN_SIG_BYTES, sig->trusted, tlen);
    int ok = crypto_sign_verify_detached(sig->global, msg, SIGN_SIG_BYTES + tlen, key->pk) == 0;
    free(msg);
    return ok;
}

int sign_verify_file(const char *path, const SignSignature *sig, const SignPublicKey *key, Err *err)
{
    char sid[SIGN_ID_TEXT], kid[SIGN_ID_TEXT];
    sign_id_text(sig->id, sid);
    sign_id_text(key->id, kid);
    if (memcmp(sig->id, key->id, SIGN_ID_BYTES) != 0)
        return err_set(err, ERR_SIG_WRONG_KEY, NULL, N_("'%s' is signed by key %s, not by key %s"), os_path_base(path),
                       sid, kid);
    int global_ok = sign_global_matches(sig, key);
    if (global_ok < 0)
        return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
    if (!global_ok)
        return err_set(err, ERR_SIG_COMMENT, NULL,
                       N_("the signature of '%s' was changed after it was signed: its trusted comment or signature "
                          "does not match key %s"),
                       os_path_base(path), kid);
    int ok = 0;
    if (sig->prehashed) {
        uint8_t h[crypto_generichash_BYTES_MAX];
        int rc = hash_file(path, h, err);
        if (rc != 0)
            return rc;
        ok = crypto_sign_verify_detached(sig->sig, h, sizeof h, key->pk) == 0;
    } else {
        int rc = verify_legacy(path, sig, key, &ok, err);
        if (rc != 0)
            return rc;
    }
    if (ok)
        return 0;
    char named[256];
    if (comment_file(sig->trusted, named, sizeof named) && strcmp(named, os_path_base(path)) != 0)
        return err_set(err, ERR_SIG_OTHER_FILE, NULL,
                       N_("'%s' does not match its signature, which was made for '%s': it is another file, or it was "
                          "changed after it was signed"),
                       os_path_base(path), named);
    return err_set(
        err, ERR_SIG_MISMATCH, NULL,
        N_("'%s' was changed after it was signed: its contents do not match the signature by key %s. Do not use "
           "it; get it again from the person or place it came from"),
        os_path_base(path), kid);
}

/* One comment line: no line end and no NUL; at most SIGN_COMMENT_MAX - 1 bytes. */
static int comment_ok(const char *c)
{
    return strlen(c) < SIGN_COMMENT_MAX && !strpbrk(c, "\r\n");
}

int sign_file(const char *path, const SignSecretKey *key, const char *trusted, const char *untrusted,
              long long timestamp, char **out, Err *err)
{
    *out = NULL;
    char deftrusted[512];
    if (!trusted) {
        snprintf(deftrusted, sizeof deftrusted, "timestamp:%lld\tfile:%s\thashed", timestamp, os_path_base(path));
        trusted = deftrusted;
    }
    if (!untrusted)
        untrusted = "signature from minisign secret key";
    if (!comment_ok(trusted) || !comment_ok(untrusted))
        return err_set(err, ERR_USAGE, NULL, N_("a comment must be one line of less than %d bytes"), SIGN_COMMENT_MAX);
    uint8_t h[crypto_generichash_BYTES_MAX], b[SIG_BYTES];
    int rc = hash_file(path, h, err);
    if (rc != 0)
        return rc;
    memcpy(b, "ED", 2);
    memcpy(b + 2, key->id, SIGN_ID_BYTES);
    crypto_sign_detached(b + 2 + SIGN_ID_BYTES, NULL, h, sizeof h, key->sk);
    size_t tlen = strlen(trusted);
    uint8_t *msg = malloc(SIGN_SIG_BYTES + tlen + 1), global[SIGN_SIG_BYTES];
    size_t size = strlen(untrusted) + tlen + 256;
    char *text = malloc(size);
    if (!msg || !text) {
        free(msg);
        free(text);
        return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
    }
    memcpy(msg, b + 2 + SIGN_ID_BYTES, SIGN_SIG_BYTES);
    memcpy(msg + SIGN_SIG_BYTES, trusted, tlen);
    crypto_sign_detached(global, NULL, msg, SIGN_SIG_BYTES + tlen, key->sk);
    free(msg);
    char s64[sodium_base64_ENCODED_LEN(SIG_BYTES, sodium_base64_VARIANT_ORIGINAL)];
    char g64[sodium_base64_ENCODED_LEN(SIGN_SIG_BYTES, sodium_base64_VARIANT_ORIGINAL)];
    sodium_bin2base64(s64, sizeof s64, b, sizeof b, sodium_base64_VARIANT_ORIGINAL);
    sodium_bin2base64(g64, sizeof g64, global, sizeof global, sodium_base64_VARIANT_ORIGINAL);
    snprintf(text, size, "%s%s\n%s\n%s%s\n%s\n", COMMENT_PREFIX, untrusted, s64, TRUSTED_PREFIX, trusted, g64);
    *out = text;
    return 0;
}
