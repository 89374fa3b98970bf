/* Unit tests for core/sign and core/trust: keys and signatures exchanged with the real minisign (when it is on
   PATH), every changed byte of a signature and 200 changed bytes of a signed pack caught, each error on its own, the
   trusted keys' list and a pack's signature state. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <sodium.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/sign.h"
#include "core/trust.h"
#include "fixture.h"
#include "fx_os.h"

/* minisign's binary layouts, as the file format gives them (written out here, not taken from sign.c). */
enum {
    PUB_LEN = 42,  /* "Ed", key id, public key */
    SIG_LEN = 74,  /* "Ed" or "ED", key id, signature */
    SEC_LEN = 158, /* "Ed", kdf "Sc" or 0, "B2", salt, opslimit, memlimit; then id, secret key, checksum */
    SEC_OPS = 38,
    SEC_MEM = 46,
    SEC_ID = 54,
    SEC_SK = 62,
    SEC_CHK = 126,
    SIG_LINE_MAX = SIGN_COMMENT_MAX + 32,
};

/* scrypt settings for the quick passphrase tests, far below minisign's 1 GiB. */
#define QUICK_OPS 524288ULL
#define QUICK_MEM ((size_t)16 * 1024 * 1024)
/* The timestamp every signature made here carries in its default trusted comment. */
#define WHEN 1700000000LL

/* Two key pairs without a passphrase, made once for the group and written as a.pub, a.key, b.pub, b.key. */
static SignPublicKey pub_a, pub_b;
static SignSecretKey sec_a, sec_b;
static char *pub_a_text, *sec_a_text, *pub_b_text, *sec_b_text;
static char id_a[SIGN_ID_TEXT], id_b[SIGN_ID_TEXT];

/* The call returned -'want' and its message holds 'part'; says what it got otherwise. */
#define EXPECT_ERR(call, e, want, part)                                                                                \
    do {                                                                                                               \
        int rc_ = (call);                                                                                              \
        if (rc_ == 0)                                                                                                  \
            fail_msg("want %s with \"%s\"; it was accepted", err_code_name(want), (part));                             \
        if (rc_ != -(int)(want) || (e).code != (want) || !strstr((e).msg, (part)))                                     \
            fail_msg("want %s with \"%s\"; got %d, %s: %s", err_code_name(want), (part), rc_, err_code_name((e).code), \
                     (e).msg);                                                                                         \
    } while (0)
#define EXPECT_OK(call, e)                                                                                             \
    do {                                                                                                               \
        if ((call) != 0)                                                                                               \
            fail_msg("%s: %s", err_code_name((e).code), (e).msg);                                                      \
    } while (0)

/* ---- files in fx_dir ---- */

/* fx_dir/name; the last four results stay valid (enough for one call's arguments). */
static const char *in_dir(const char *name)
{
    static char buf[4][1024];
    static int next;
    char *p = buf[next++ % 4];
    snprintf(p, sizeof buf[0], "%s/%s", fx_dir, name);
    return p;
}

static char *slurp(const char *name, size_t *len)
{
    FILE *f = os_fopen(in_dir(name), "rb");
    if (!f)
        return NULL;
    fseek(f, 0, SEEK_END);
    long size = ftell(f);
    fseek(f, 0, SEEK_SET);
    char *buf = malloc((size_t)size + 1);
    size_t n = buf ? fread(buf, 1, (size_t)size, f) : 0;
    fclose(f);
    if (!buf || n != (size_t)size) {
        free(buf);
        return NULL;
    }
    buf[n] = '\0';
    if (len)
        *len = n;
    return buf;
}

static void put_n(const char *name, const void *data, size_t n)
{
    assert_int_equal(fx_write(fx_dir, name, data, n), 0);
}

static void put(const char *name, const char *text)
{
    put_n(name, text, strlen(text));
}

static void copy(const char *from, const char *to)
{
    size_t n;
    char *data = slurp(from, &n);
    assert_non_null(data);
    put_n(to, data, n);
    free(data);
}

/* Changes one byte of the file: XOR with 'mask' (doing it twice puts it back). */
static void flip(const char *name, long off, int mask)
{
    FILE *f = os_fopen(in_dir(name), "r+b");
    assert_non_null(f);
    assert_int_equal(fseek(f, off, SEEK_SET), 0);
    int c = fgetc(f);
    assert_int_not_equal(c, EOF);
    assert_int_equal(fseek(f, off, SEEK_SET), 0);
    assert_int_not_equal(fputc(c ^ mask, f), EOF);
    assert_int_equal(fclose(f), 0);
}

static uint64_t file_size(const char *name)
{
    OsStat st;
    assert_int_equal(os_stat(in_dir(name), &st), 0);
    return st.size;
}

/* Signs fx_dir/file with 'key' (trusted comment 'trusted', NULL: minisign's default at WHEN) and writes the
   signature to fx_dir/sig_name (NULL: not written). Returns the signature's text (free it). */
static char *sign_to(const char *file, const SignSecretKey *key, const char *trusted, const char *sig_name)
{
    char *text;
    Err e;
    if (sign_file(in_dir(file), key, trusted, NULL, WHEN, &text, &e) != 0)
        fail_msg("sign_file %s: %s", file, e.msg);
    if (sig_name)
        put(sig_name, text);
    return text;
}

/* Loads fx_dir/sig_name and checks fx_dir/file against it with 'key'. */
static int check(const char *file, const char *sig_name, const SignPublicKey *key, Err *e)
{
    SignSignature sig;
    int rc = sign_signature_load(in_dir(sig_name), &sig, e);
    return rc != 0 ? rc : sign_verify_file(in_dir(file), &sig, key, e);
}

/* ---- base64 lines ---- */

/* The bytes of one base64 line ('len' chars); returns their count, or -1. */
static long unb64(const char *s, size_t len, uint8_t *out, size_t size)
{
    size_t n;
    const char *end;
    if (sodium_base642bin(out, size, s, len, NULL, &n, &end, sodium_base64_VARIANT_ORIGINAL) != 0)
        return -1;
    return (long)n;
}

static void to_b64(const uint8_t *b, size_t n, char *out, size_t size)
{
    assert_true(sodium_base64_ENCODED_LEN(n, sodium_base64_VARIANT_ORIGINAL) <= size);
    sodium_bin2base64(out, size, b, n, sodium_base64_VARIANT_ORIGINAL);
}

/* The key line (the second) of a key file's text, decoded into 'b' (at least 256 bytes). */
static long key_bytes(const char *text, uint8_t *b)
{
    const char *s = strchr(text, '\n');
    assert_non_null(s);
    s++;
    return unb64(s, strcspn(s, "\r\n"), b, 256);
}

/* A key file's text: "untrusted comment: COMMENT" and 'b' in base64 (malloc'd). */
static char *key_file(const char *comment, const uint8_t *b, size_t n)
{
    char b64[512];
    to_b64(b, n, b64, sizeof b64);
    size_t size = strlen(comment) + strlen(b64) + 32;
    char *out = malloc(size);
    assert_non_null(out);
    snprintf(out, size, "untrusted comment: %s\n%s\n", comment, b64);
    return out;
}

/* A .minisig's four lines, each without its line end. */
typedef struct {
    char l[4][SIG_LINE_MAX];
} SigLines;

static void sig_split(const char *text, SigLines *s)
{
    memset(s, 0, sizeof *s);
    for (int i = 0; i < 4; i++) {
        size_t n = strcspn(text, "\n");
        assert_true(n < SIG_LINE_MAX);
        memcpy(s->l[i], text, n);
        text += n + (text[n] == '\n');
    }
}

static char *sig_join(const SigLines *s)
{
    size_t size = 4 * SIG_LINE_MAX + 8;
    char *out = malloc(size);
    assert_non_null(out);
    snprintf(out, size, "%s\n%s\n%s\n%s\n", s->l[0], s->l[1], s->l[2], s->l[3]);
    return out;
}

/* 'text' with the signature line's first two bytes (the algorithm) replaced by 'alg' (malloc'd). */
static char *with_algorithm(const char *text, const char *alg)
{
    SigLines s;
    sig_split(text, &s);
    uint8_t b[256];
    assert_int_equal(unb64(s.l[1], strlen(s.l[1]), b, sizeof b), SIG_LEN);
    memcpy(b, alg, 2);
    to_b64(b, SIG_LEN, s.l[1], SIG_LINE_MAX);
    return sig_join(&s);
}

/* 'text' with signature line 'line' (1 or 3, counted from 0) replaced by the first 'n' bytes of its decoded form, or
   by those bytes and more when n is larger (malloc'd). */
static char *with_line_bytes(const char *text, int line, size_t n)
{
    SigLines s;
    sig_split(text, &s);
    uint8_t b[256] = {0};
    assert_true(unb64(s.l[line], strlen(s.l[line]), b, sizeof b) > 0);
    to_b64(b, n, s.l[line], SIG_LINE_MAX);
    return sig_join(&s);
}

/* A legacy (`Ed`) signature of 'data', made here with libsodium the way minisign -l makes one. */
static char *legacy_signature(const uint8_t *data, size_t n, const SignSecretKey *key, const char *trusted)
{
    uint8_t b[SIG_LEN];
    memcpy(b, "Ed", 2);
    memcpy(b + 2, key->id, SIGN_ID_BYTES);
    crypto_sign_detached(b + 10, NULL, data, n, key->sk);
    size_t tlen = strlen(trusted);
    uint8_t *msg = malloc(SIGN_SIG_BYTES + tlen), global[SIGN_SIG_BYTES];
    assert_non_null(msg);
    memcpy(msg, b + 10, SIGN_SIG_BYTES);
    memcpy(msg + SIGN_SIG_BYTES, trusted, tlen);
    crypto_sign_detached(global, NULL, msg, SIGN_SIG_BYTES + tlen, key->sk);
    free(msg);
    SigLines s;
    memset(&s, 0, sizeof s);
    strcpy(s.l[0], "untrusted comment: made by the test");
    to_b64(b, SIG_LEN, s.l[1], SIG_LINE_MAX);
    snprintf(s.l[2], SIG_LINE_MAX, "trusted comment: %s", trusted);
    to_b64(global, SIGN_SIG_BYTES, s.l[3], SIG_LINE_MAX);
    return sig_join(&s);
}

/* ---- minisign ---- */

/* Runs 'cmd' with sh in fx_dir, its output into fx_dir/sh.log. Returns its exit status, or -1 when sh cannot be
   started (Windows). */
static int sh(const char *cmd)
{
    char full[2048];
    snprintf(full, sizeof full, "cd '%s' && { %s; } >sh.log 2>&1", fx_dir, cmd);
    const char *const argv[] = {"sh", "-c", full, NULL};
    int status;
    return os_run(argv, &status) == 0 ? status : -1;
}

static void sh_ok(const char *cmd)
{
    int status = sh(cmd);
    if (status != 0) {
        char *log = slurp("sh.log", NULL);
        fail_msg("`%s` exited %d:\n%s", cmd, status, log ? log : "");
    }
}

static int log_has(const char *part)
{
    char *log = slurp("sh.log", NULL);
    int found = log && strstr(log, part);
    if (!found)
        print_message("minisign said:\n%s\n", log ? log : "(nothing)");
    free(log);
    return found;
}

#define NEED_MINISIGN()                                                                                                \
    do {                                                                                                               \
        if (sh("command -v minisign") != 0) {                                                                          \
            print_message("minisign is not on PATH: this interoperability test is skipped (packaging/install-deps "    \
                          "installs it)\n");                                                                           \
            skip();                                                                                                    \
        }                                                                                                              \
    } while (0)

/* ---- set-up ---- */

static void keypair(const char *name, SignPublicKey *pub, SignSecretKey *sec, char **pub_text, char **sec_text)
{
    Err e;
    EXPECT_OK(sign_keygen(NULL, 0, 0, pub_text, sec_text, &e), e);
    EXPECT_OK(sign_public_key_parse(*pub_text, strlen(*pub_text), pub, NULL, 0, &e), e);
    EXPECT_OK(sign_secret_key_parse(*sec_text, strlen(*sec_text), NULL, sec, &e), e);
    char file[64];
    snprintf(file, sizeof file, "%s.pub", name);
    put(file, *pub_text);
    snprintf(file, sizeof file, "%s.key", name);
    put(file, *sec_text);
}

static int group_setup(void **state)
{
    Err e;
    if (fx_group_setup(state) != 0 || sign_init(&e) != 0)
        return -1;
    keypair("a", &pub_a, &sec_a, &pub_a_text, &sec_a_text);
    keypair("b", &pub_b, &sec_b, &pub_b_text, &sec_b_text);
    sign_id_text(pub_a.id, id_a);
    sign_id_text(pub_b.id, id_b);
    /* 200 KB of varied bytes (a fixed sequence, so a failure repeats) */
    uint8_t *data = malloc(200000);
    uint32_t x = 2463534242u;
    for (size_t i = 0; i < 200000; i++) {
        x ^= x << 13, x ^= x >> 17, x ^= x << 5;
        data[i] = (uint8_t)(x >> 24);
    }
    put_n("data.bin", data, 200000);
    free(data);
    /* the sample pack, copied so that changing its bytes leaves the build's alone */
    char sample[4096];
    fx_sample_pack(sample, sizeof sample);
    FILE *f = os_fopen(sample, "rb");
    if (!f) {
        fprintf(stderr, "%s is missing: run `make packs` first\n", sample);
        return -1;
    }
    char *buf = malloc(8 << 20);
    size_t n = fread(buf, 1, 8 << 20, f);
    fclose(f);
    put_n("basics.beseda", buf, n);
    free(buf);
    return 0;
}

static int group_teardown(void **state)
{
    sign_text_free(sec_a_text);
    sign_text_free(sec_b_text);
    free(pub_a_text);
    free(pub_b_text);
    sign_secret_key_wipe(&sec_a);
    sign_secret_key_wipe(&sec_b);
    return fx_group_teardown(state);
}

/* ---- interoperability with minisign ---- */

/* A key pair and signatures (pre-hashed and legacy) made by minisign are read and checked here; a signature made
   here with minisign's secret key is accepted by minisign. */
static void minisign_keys_and_signatures_are_read(void **state)
{
    (void)state;
    NEED_MINISIGN();
    sh_ok("minisign -G -W -p m.pub -s m.key");
    SignPublicKey pub;
    SignSecretKey sec;
    char comment[128], id[SIGN_ID_TEXT];
    Err e;
    EXPECT_OK(sign_public_key_load(in_dir("m.pub"), &pub, comment, sizeof comment, &e), e);
    sign_id_text(pub.id, id);
    /* minisign's comment names the id: the same number as ours (how it is written: key_ids_as_minisign_prints) */
    assert_memory_equal(comment, "minisign public key ", 20);
    assert_true(strtoull(comment + 20, NULL, 16) == strtoull(id, NULL, 16));
    char *text = slurp("m.key", NULL);
    assert_int_equal(sign_secret_key_encrypted(text, strlen(text), &e), 0);
    EXPECT_OK(sign_secret_key_parse(text, strlen(text), NULL, &sec, &e), e);
    free(text);
    assert_memory_equal(sec.id, pub.id, SIGN_ID_BYTES);
    assert_memory_equal(sec.sk + 32, pub.pk, SIGN_PK_BYTES);

    sh_ok("minisign -S -s m.key -m data.bin");
    sh_ok("minisign -S -l -s m.key -m data.bin -x data.bin.legacy");
    SignSignature sig;
    EXPECT_OK(sign_signature_load(in_dir("data.bin.minisig"), &sig, &e), e);
    assert_int_equal(sig.prehashed, 1);
    assert_memory_equal(sig.id, pub.id, SIGN_ID_BYTES);
    assert_string_equal(sig.untrusted, "signature from minisign secret key");
    assert_non_null(strstr(sig.trusted, "\tfile:data.bin\thashed"));
    EXPECT_OK(sign_verify_file(in_dir("data.bin"), &sig, &pub, &e), e);
    EXPECT_ERR(sign_verify_file(in_dir("data.bin"), &sig, &pub_a, &e), e, ERR_SIG_WRONG_KEY, id);
    EXPECT_OK(sign_signature_load(in_dir("data.bin.legacy"), &sig, &e), e);
    assert_int_equal(sig.prehashed, 0);
    EXPECT_OK(sign_verify_file(in_dir("data.bin"), &sig, &pub, &e), e);
    flip("data.bin", 123456, 0x01);
    EXPECT_ERR(check("data.bin", "data.bin.minisig", &pub, &e), e, ERR_SIG_MISMATCH, "changed");
    EXPECT_ERR(check("data.bin", "data.bin.legacy", &pub, &e), e, ERR_SIG_MISMATCH, "changed");
    flip("data.bin", 123456, 0x01);

    /* signed here with minisign's key, checked by minisign */
    free(sign_to("data.bin", &sec, "signed by Beseda with a minisign key", "data.bin.ours"));
    sh_ok("minisign -V -p m.pub -x data.bin.ours -m data.bin");
    assert_true(log_has("Trusted comment: signed by Beseda with a minisign key"));
    sign_secret_key_wipe(&sec);
}

/* Signatures and an unprotected key pair made here work in minisign. */
static void our_signatures_and_keys_work_in_minisign(void **state)
{
    (void)state;
    NEED_MINISIGN();
    free(sign_to("data.bin", &sec_a, NULL, "data.bin.a"));
    sh_ok("minisign -V -p a.pub -x data.bin.a -m data.bin");
    assert_true(log_has("Trusted comment: timestamp:1700000000\tfile:data.bin\thashed"));
    free(sign_to("data.bin", &sec_a, "Урок 1, версия 2", "data.bin.utf8"));
    sh_ok("minisign -V -p a.pub -x data.bin.utf8 -m data.bin");
    assert_true(log_has("Trusted comment: Урок 1, версия 2"));
    /* minisign does check it: the same signature with the file changed, or another key, is refused */
    flip("data.bin", 7, 0x80);
    assert_int_not_equal(sh("minisign -V -p a.pub -x data.bin.a -m data.bin"), 0);
    flip("data.bin", 7, 0x80);
    assert_int_not_equal(sh("minisign -V -p b.pub -x data.bin.a -m data.bin"), 0);

    /* our key file (unprotected, with its checksum) signs in minisign; the public key minisign derives is ours */
    sh_ok("minisign -S -s a.key -m data.bin -x data.bin.by-minisign");
    Err e;
    EXPECT_OK(check("data.bin", "data.bin.by-minisign", &pub_a, &e), e);
    sh_ok("minisign -R -s a.key -p a.again.pub");
    SignPublicKey again;
    EXPECT_OK(sign_public_key_load(in_dir("a.again.pub"), &again, NULL, 0, &e), e);
    assert_memory_equal(&again, &pub_a, sizeof again);
}

/* A key protected by a passphrase at minisign's own scrypt settings (1 GiB), made here, signs in minisign with that
   passphrase on its standard input. Two scrypt runs. */
static void our_protected_key_opens_in_minisign(void **state)
{
    (void)state;
    NEED_MINISIGN();
    char *pub_text, *sec_text;
    Err e;
    EXPECT_OK(sign_keygen("pw", SIGN_KDF_OPSLIMIT, SIGN_KDF_MEMLIMIT, &pub_text, &sec_text, &e), e);
    assert_int_equal(sign_secret_key_encrypted(sec_text, strlen(sec_text), &e), 1);
    uint8_t b[256];
    assert_int_equal(key_bytes(sec_text, b), SEC_LEN);
    assert_memory_equal(b + 2, "Sc", 2);
    put("p.pub", pub_text);
    put("p.key", sec_text);
    sh_ok("printf 'pw\\n' | minisign -S -s p.key -m data.bin -x data.bin.p");
    SignPublicKey pub;
    EXPECT_OK(sign_public_key_parse(pub_text, strlen(pub_text), &pub, NULL, 0, &e), e);
    EXPECT_OK(check("data.bin", "data.bin.p", &pub, &e), e);
    free(pub_text);
    sign_text_free(sec_text);
}

/* A key minisign protected with a passphrase (given on its standard input) opens here with that passphrase only.
   Three scrypt runs: minisign's, the wrong passphrase's and the right one's. */
static void minisign_protected_key_opens_here(void **state)
{
    (void)state;
    NEED_MINISIGN();
    sh_ok("printf 'pw\\npw\\n' | minisign -G -p q.pub -s q.key");
    char *text = slurp("q.key", NULL);
    size_t len = strlen(text);
    SignSecretKey sec;
    Err e;
    assert_int_equal(sign_secret_key_encrypted(text, len, &e), 1);
    EXPECT_ERR(sign_secret_key_parse(text, len, NULL, &sec, &e), e, ERR_KEY_PASSPHRASE, "give it");
    EXPECT_ERR(sign_secret_key_parse(text, len, "px", &sec, &e), e, ERR_KEY_PASSPHRASE, "passphrase is wrong");
    EXPECT_OK(sign_secret_key_parse(text, len, "pw", &sec, &e), e);
    free(text);
    SignPublicKey pub;
    EXPECT_OK(sign_public_key_load(in_dir("q.pub"), &pub, NULL, 0, &e), e);
    assert_memory_equal(sec.id, pub.id, SIGN_ID_BYTES);
    free(sign_to("data.bin", &sec, NULL, "data.bin.q"));
    EXPECT_OK(check("data.bin", "data.bin.q", &pub, &e), e);
    sh_ok("minisign -V -p q.pub -x data.bin.q -m data.bin");
    sign_secret_key_wipe(&sec);
}

/* ---- tampering ---- */

/* One byte of a signed pack changed, at 200 places from its first byte to its last, two ways each: every one is
   caught, as a changed file; a few through trust_check_pack too. */
static void every_changed_byte_of_a_pack_is_caught(void **state)
{
    (void)state;
    const char *pack = "basics.beseda";
    free(sign_to(pack, &sec_a, NULL, "basics.beseda.minisig"));
    Err e;
    EXPECT_OK(check(pack, "basics.beseda.minisig", &pub_a, &e), e);
    SignSignature sig;
    EXPECT_OK(sign_signature_load(in_dir("basics.beseda.minisig"), &sig, &e), e);
    Trust t;
    EXPECT_OK(trust_load(&t, NULL, NULL, &e), e);
    EXPECT_OK(trust_add(&t, &pub_a, "Alice", &e), e);
    long size = (long)file_size(pack);
    assert_true(size > 100000);
    int caught = 0;
    for (long i = 0; i < 200; i++) {
        long off = i * (size - 1) / 199;
        for (int mask = 0x01; mask <= 0x80; mask += 0x7f) {
            flip(pack, off, mask);
            EXPECT_ERR(sign_verify_file(in_dir(pack), &sig, &pub_a, &e), e, ERR_SIG_MISMATCH, "changed");
            if (i % 40 == 0) {
                PackSig ps;
                trust_check_pack(&t, in_dir(pack), &ps);
                assert_int_equal(ps.state, PACKSIG_REFUSED);
                assert_int_equal(ps.error.code, ERR_SIG_MISMATCH);
                assert_non_null(strstr(ps.error.msg, "changed"));
            }
            flip(pack, off, mask);
            caught++;
        }
    }
    assert_int_equal(caught, 400);
    /* put back, it matches again; a byte more or less does not */
    EXPECT_OK(sign_verify_file(in_dir(pack), &sig, &pub_a, &e), e);
    FILE *f = os_fopen(in_dir(pack), "ab");
    fputc(0, f);
    fclose(f);
    EXPECT_ERR(sign_verify_file(in_dir(pack), &sig, &pub_a, &e), e, ERR_SIG_MISMATCH, "changed");
    assert_int_equal(fx_truncate(in_dir(pack), (uint64_t)size - 1), 0);
    EXPECT_ERR(sign_verify_file(in_dir(pack), &sig, &pub_a, &e), e, ERR_SIG_MISMATCH, "changed");
    trust_free(&t);
}

typedef struct {
    int unreadable, comment, mismatch, wrong_key, through_trust, id_refused;
} Outcomes;

/* One changed signature text: refused, as changed; when the change makes it name another key, as that. */
static void expect_refused(const char *text, size_t len, size_t at, const SignSignature *orig, int line, const Trust *t,
                           int with_trust, Outcomes *o)
{
    SignSignature sig;
    Err e;
    int rc = sign_signature_parse(text, len, &sig, &e), wrong_key = 0;
    if (rc != 0) {
        if (!strstr(e.msg, "changed") || e.line != line ||
            (e.code != ERR_SIG_MALFORMED && e.code != ERR_SIG_TRUNCATED && e.code != ERR_SIG_ALGORITHM))
            fail_msg("line %d changed: %s (line %d): %s", line, err_code_name(e.code), e.line, e.msg);
        o->unreadable++;
    } else {
        rc = sign_verify_file(in_dir("data.bin"), &sig, &pub_a, &e);
        wrong_key = memcmp(sig.id, orig->id, SIGN_ID_BYTES) != 0;
        if (wrong_key) { /* the key id is not signed: a changed one names a key that did not sign */
            EXPECT_ERR(rc, e, ERR_SIG_WRONG_KEY, id_a);
            o->wrong_key++;
        } else if (rc == -(int)ERR_SIG_COMMENT && strstr(e.msg, "changed")) {
            o->comment++;
        } else if (rc == -(int)ERR_SIG_MISMATCH && strstr(e.msg, "changed")) {
            o->mismatch++; /* "ED" became "Ed": the global signature does not cover the algorithm */
        } else {
            fail_msg("byte %zu (line %d) changed to 0x%02x, and the signature is still accepted (%s)", at, line,
                     (unsigned char)text[at], rc == 0 ? "it verifies" : e.msg);
        }
    }
    if (!with_trust)
        return;
    put("data.bin.minisig", text);
    PackSig ps;
    trust_check_pack(t, in_dir("data.bin"), &ps);
    if (wrong_key && memcmp(sig.sig, orig->sig, SIGN_SIG_BYTES) == 0) { /* only the id: a trusted key made it */
        assert_int_equal(ps.state, PACKSIG_REFUSED);
        assert_int_equal(ps.error.code, ERR_SIG_WRONG_KEY);
        assert_non_null(strstr(ps.error.msg, "changed"));
        assert_non_null(strstr(ps.error.msg, id_a));
        o->id_refused++;
    } else if (wrong_key) { /* the id and the signature: no trusted key made it, and it cannot be checked */
        assert_int_equal(ps.state, PACKSIG_UNKNOWN_KEY);
    } else {
        assert_int_equal(ps.state, PACKSIG_REFUSED);
        assert_int_equal(ps.error.code, e.code);
        assert_non_null(strstr(ps.error.msg, "changed"));
    }
    o->through_trust++;
}

/* Each byte of the signature line, of the trusted comment's text and of the global signature line changed, two
   ways each, one at a time: every one is refused. The untrusted comment is not signed: changing it changes
   nothing. */
static void every_changed_byte_of_a_signature_is_caught(void **state)
{
    (void)state;
    char *text = sign_to("data.bin", &sec_a, NULL, NULL);
    size_t len = strlen(text);
    SignSignature orig;
    Err e;
    EXPECT_OK(sign_signature_parse(text, len, &orig, &e), e);
    EXPECT_OK(sign_verify_file(in_dir("data.bin"), &orig, &pub_a, &e), e);
    Trust t;
    EXPECT_OK(trust_load(&t, NULL, NULL, &e), e);
    EXPECT_OK(trust_add(&t, &pub_a, "Alice", &e), e);
    /* where each line starts, and where the trusted comment's text starts */
    size_t start[5];
    start[0] = 0;
    for (int i = 1; i <= 4; i++)
        start[i] = (size_t)(strchr(text + start[i - 1], '\n') - text) + 1;
    size_t from[4] = {strlen("untrusted comment: "), start[1], start[2] + strlen("trusted comment: "), start[3]};
    Outcomes o = {0};
    int tried = 0;
    for (int line = 1; line < 4; line++)
        for (size_t at = from[line]; at + 1 < start[line + 1]; at++)
            for (int mask = 0x01; mask <= 0x80; mask += 0x7f) {
                text[at] ^= (char)mask;
                /* through the trust list: every change of the signature line (its key id among them), some of the
                 * others */
                expect_refused(text, len, at, &orig, line + 1, &t, line == 1 || tried % 23 == 0, &o);
                text[at] ^= (char)mask;
                tried++;
            }
    assert_int_equal(tried, 2 * (100 + (int)strlen(orig.trusted) + 88));
    assert_int_equal(o.unreadable + o.comment + o.mismatch + o.wrong_key, tried);
    /* each way of being refused was met: the test reached past the parser */
    assert_true(o.unreadable > 0 && o.comment > 0 && o.wrong_key > 0 && o.through_trust >= 10 && o.id_refused > 0);
    print_message("signature bytes changed: %d (%d unreadable, %d comment, %d file, %d key id)\n", tried, o.unreadable,
                  o.comment, o.mismatch, o.wrong_key);
    for (size_t at = from[0]; at + 1 < start[1]; at++) {
        text[at] ^= 0x01;
        SignSignature sig;
        EXPECT_OK(sign_signature_parse(text, len, &sig, &e), e);
        EXPECT_OK(sign_verify_file(in_dir("data.bin"), &sig, &pub_a, &e), e);
        text[at] ^= 0x01;
    }
    trust_free(&t);
    free(text);
}

/* ---- each error on its own ---- */

static void signature_by_another_key(void **state)
{
    (void)state;
    free(sign_to("data.bin", &sec_b, NULL, "data.bin.b"));
    Err e;
    EXPECT_ERR(check("data.bin", "data.bin.b", &pub_a, &e), e, ERR_SIG_WRONG_KEY, id_b);
    assert_non_null(strstr(e.msg, id_a));
    EXPECT_OK(check("data.bin", "data.bin.b", &pub_b, &e), e);
}

static void truncated_signature_files(void **state)
{
    (void)state;
    char *text = sign_to("data.bin", &sec_a, NULL, NULL);
    static const char *const want[] = {"untrusted comment", "be the signature", "trusted comment", "global signature"};
    SignSignature sig;
    Err e;
    for (int lines = 0; lines < 4; lines++) {
        size_t len = 0;
        for (int i = 0; i < lines; i++)
            len += strcspn(text + len, "\n") + 1;
        EXPECT_ERR(sign_signature_parse(text, len, &sig, &e), e, ERR_SIG_TRUNCATED, want[lines]);
        assert_int_equal(e.line, lines + 1);
        assert_non_null(strstr(e.msg, "changed or damaged"));
    }
    char *cut = with_line_bytes(text, 1, SIG_LEN - 1);
    EXPECT_ERR(sign_signature_parse(cut, strlen(cut), &sig, &e), e, ERR_SIG_TRUNCATED, "shorter");
    assert_int_equal(e.line, 2);
    free(cut);
    cut = with_line_bytes(text, 3, SIGN_SIG_BYTES - 1);
    EXPECT_ERR(sign_signature_parse(cut, strlen(cut), &sig, &e), e, ERR_SIG_TRUNCATED, "shorter");
    assert_int_equal(e.line, 4);
    free(cut);
    free(text);
}

/* Replaces the first occurrence of 'from' in 'text' by 'to' (malloc'd). */
static char *replaced(const char *text, const char *from, const char *to)
{
    const char *p = strstr(text, from);
    assert_non_null(p);
    size_t size = strlen(text) - strlen(from) + strlen(to) + 1;
    char *out = malloc(size);
    assert_non_null(out);
    snprintf(out, size, "%.*s%s%s", (int)(p - text), text, to, p + strlen(from));
    return out;
}

static void expect_malformed(const char *text, size_t len, int line, const char *part)
{
    SignSignature sig;
    Err e;
    EXPECT_ERR(sign_signature_parse(text, len, &sig, &e), e, ERR_SIG_MALFORMED, part);
    assert_int_equal(e.line, line);
}

static void malformed_signature_files(void **state)
{
    (void)state;
    char *text = sign_to("data.bin", &sec_a, NULL, NULL);
    SigLines s;
    sig_split(text, &s);
    char *bad = replaced(text, "untrusted comment: ", "comment: ");
    expect_malformed(bad, strlen(bad), 1, "untrusted comment");
    free(bad);
    bad = replaced(text, "trusted comment: timestamp", "trusted-comment: timestamp");
    expect_malformed(bad, strlen(bad), 3, "trusted comment");
    free(bad);
    bad = replaced(text, s.l[1] + 10, "*");
    expect_malformed(bad, strlen(bad), 2, "not base64");
    free(bad);
    bad = replaced(text, s.l[3] + 10, "?");
    expect_malformed(bad, strlen(bad), 4, "not base64");
    free(bad);
    bad = with_line_bytes(text, 1, SIG_LEN + 1);
    expect_malformed(bad, strlen(bad), 2, "longer");
    free(bad);
    bad = with_line_bytes(text, 3, SIGN_SIG_BYTES + 1);
    expect_malformed(bad, strlen(bad), 4, "longer");
    free(bad);
    /* a fifth line, or many */
    size_t len = strlen(text);
    char more[2048];
    snprintf(more, sizeof more, "%sone line more\n", text);
    expect_malformed(more, strlen(more), 5, "four lines");
    snprintf(more, sizeof more, "%s\n\n\n\n\n\nten lines down\n", text);
    expect_malformed(more, strlen(more), 5, "four lines");
    /* a NUL in the untrusted comment (its length says where the text ends) */
    memcpy(more, text, len);
    more[strlen("untrusted comment: ") + 3] = '\0';
    expect_malformed(more, len, 1, "untrusted comment");

    /* what is not damage: CRLF line ends, blanks at line ends, blank lines after, no final line end */
    SignSignature sig;
    Err e;
    char crlf[4 * SIG_LINE_MAX + 16];
    snprintf(crlf, sizeof crlf, "%s \r\n%s\t\r\n%s\r\n%s\r\n\r\n\n", s.l[0], s.l[1], s.l[2], s.l[3]);
    EXPECT_OK(sign_signature_parse(crlf, strlen(crlf), &sig, &e), e);
    EXPECT_OK(sign_verify_file(in_dir("data.bin"), &sig, &pub_a, &e), e);
    EXPECT_OK(sign_signature_parse(text, len - 1, &sig, &e), e);
    EXPECT_OK(sign_verify_file(in_dir("data.bin"), &sig, &pub_a, &e), e);
    free(text);
}

/* A byte past ASCII in a base64 line is damage, wherever it is. (libsodium 1.0.18's decoder reads every such byte
   as '/', so a '/' changed into one would otherwise go unnoticed.) */
static void non_ascii_is_not_base64(void **state)
{
    (void)state;
    char *text = sign_to("data.bin", &sec_a, NULL, NULL);
    SigLines s;
    sig_split(text, &s);
    size_t at1 = strlen(s.l[0]) + 1 + 20, at3 = strlen(text) - 10;
    SignSignature sig;
    Err e;
    for (int high = 0x80; high <= 0xff; high += 0x2f) {
        char *bad = strdup(text);
        bad[at1] = (char)high;
        expect_malformed(bad, strlen(bad), 2, "not base64");
        strcpy(bad, text);
        bad[at3] = (char)high;
        expect_malformed(bad, strlen(bad), 4, "not base64");
        free(bad);
        char key[128];
        sign_public_key_text(&pub_a, key);
        key[30] = (char)high;
        SignPublicKey k;
        EXPECT_ERR(sign_public_key_parse(key, strlen(key), &k, NULL, 0, &e), e, ERR_KEY_MALFORMED, "base64");
    }
    EXPECT_OK(sign_signature_parse(text, strlen(text), &sig, &e), e);
    free(text);
}

static void unknown_algorithm(void **state)
{
    (void)state;
    char *text = sign_to("data.bin", &sec_a, NULL, NULL);
    char *other = with_algorithm(text, "Xx");
    SignSignature sig;
    Err e;
    EXPECT_ERR(sign_signature_parse(other, strlen(other), &sig, &e), e, ERR_SIG_ALGORITHM, "'Ed' or 'ED'");
    assert_int_equal(e.line, 2);
    free(other);
    other = with_algorithm(text, "EE");
    EXPECT_ERR(sign_signature_parse(other, strlen(other), &sig, &e), e, ERR_SIG_ALGORITHM, "changed");
    free(other);
    free(text);
}

/* A signature whose trusted comment names another file: said so when the file does not match; a renamed file that
   matches is fine (the name is not checked, the contents are). */
static void signature_of_another_file(void **state)
{
    (void)state;
    copy("data.bin", "other.beseda");
    flip("other.beseda", 5, 0x10);
    free(sign_to("other.beseda", &sec_a, NULL, "other.beseda.minisig"));
    Err e;
    EXPECT_ERR(check("data.bin", "other.beseda.minisig", &pub_a, &e), e, ERR_SIG_OTHER_FILE, "'other.beseda'");
    assert_non_null(strstr(e.msg, "'data.bin'"));
    copy("other.beseda", "renamed.beseda");
    EXPECT_OK(check("renamed.beseda", "other.beseda.minisig", &pub_a, &e), e);
    /* with no file named in the trusted comment, it is a changed file */
    free(sign_to("other.beseda", &sec_a, "a lesson pack", "other.plain.minisig"));
    EXPECT_ERR(check("data.bin", "other.plain.minisig", &pub_a, &e), e, ERR_SIG_MISMATCH, "changed");
}

static void signature_file_too_large(void **state)
{
    (void)state;
    char *text = sign_to("data.bin", &sec_a, NULL, NULL);
    size_t len = strlen(text);
    char *big = malloc(SIGN_FILE_MAX + 2);
    memcpy(big, text, len);
    memset(big + len, '\n', SIGN_FILE_MAX + 1 - len); /* blank lines after: read and dropped at the limit */
    put_n("exact.minisig", big, SIGN_FILE_MAX);
    Err e;
    EXPECT_OK(check("data.bin", "exact.minisig", &pub_a, &e), e);
    put_n("large.minisig", big, SIGN_FILE_MAX + 1);
    SignSignature sig;
    EXPECT_ERR(sign_signature_load(in_dir("large.minisig"), &sig, &e), e, ERR_SIG_TOO_LARGE, "larger than 20480");
    EXPECT_ERR(sign_signature_parse(big, SIGN_FILE_MAX + 1, &sig, &e), e, ERR_SIG_TOO_LARGE, "larger");
    EXPECT_ERR(sign_signature_load(in_dir("none.minisig"), &sig, &e), e, ERR_NOT_FOUND, "does not exist");
    free(big);
    free(text);
}

/* The legacy form is checked on the whole file at once: up to SIGN_LEGACY_MAX, not one byte more. A legacy
   signature made the way minisign -l makes one verifies. */
static void legacy_signatures(void **state)
{
    (void)state;
    size_t n;
    uint8_t *data = (uint8_t *)slurp("data.bin", &n);
    char *text = legacy_signature(data, n, &sec_a, "timestamp:1\tfile:data.bin");
    free(data);
    put("data.bin.ed", text);
    free(text);
    Err e;
    EXPECT_OK(check("data.bin", "data.bin.ed", &pub_a, &e), e);
    flip("data.bin", 199999, 0x80);
    EXPECT_ERR(check("data.bin", "data.bin.ed", &pub_a, &e), e, ERR_SIG_MISMATCH, "changed");
    flip("data.bin", 199999, 0x80);

    /* a sparse file one byte past the limit: refused unread; the pre-hashed form of it is fine */
    put("big.bin", "");
    assert_int_equal(fx_truncate(in_dir("big.bin"), (uint64_t)SIGN_LEGACY_MAX + 1), 0);
    char *hashed = sign_to("big.bin", &sec_a, NULL, "big.bin.minisig");
    EXPECT_OK(check("big.bin", "big.bin.minisig", &pub_a, &e), e);
    /* the global signature does not cover the algorithm, so "ED" -> "Ed" gets past it to the size check */
    char *legacy = with_algorithm(hashed, "Ed");
    put("big.bin.legacy", legacy);
    EXPECT_ERR(check("big.bin", "big.bin.legacy", &pub_a, &e), e, ERR_SIG_LEGACY_SIZE, "larger than 64 MiB");
    /* at the limit exactly it is read and checked (and this signature is of the hash, not the file) */
    assert_int_equal(fx_truncate(in_dir("big.bin"), (uint64_t)SIGN_LEGACY_MAX), 0);
    EXPECT_ERR(check("big.bin", "big.bin.legacy", &pub_a, &e), e, ERR_SIG_MISMATCH, "changed");
    assert_int_equal(fx_truncate(in_dir("big.bin"), 0), 0);
    free(legacy);
    free(hashed);
}

/* minisign writes a key id with "%" PRIX64: no leading zeros (1 key in 16 has one). */
static void key_ids_as_minisign_prints(void **state)
{
    (void)state;
    char id[SIGN_ID_TEXT];
    const uint8_t full[SIGN_ID_BYTES] = {0x3A, 0x82, 0xA3, 0xA6, 0x5B, 0x50, 0x5E, 0xDB};
    sign_id_text(full, id);
    assert_string_equal(id, "DB5E505BA6A3823A");
    const uint8_t zero_nibble[SIGN_ID_BYTES] = {0xB1, 0x6E, 0x0F, 0xD0, 0xD4, 0x42, 0x4E, 0x0C};
    sign_id_text(zero_nibble, id);
    assert_string_equal(id, "C4E42D4D00F6EB1"); /* as minisign 0.11 printed this key's id */
    const uint8_t small[SIGN_ID_BYTES] = {0xAB};
    sign_id_text(small, id);
    assert_string_equal(id, "AB");
}

static void public_key_files(void **state)
{
    (void)state;
    SignPublicKey k;
    char comment[128], want[64], line[SIGN_PK_TEXT];
    Err e;
    EXPECT_OK(sign_public_key_parse(pub_a_text, strlen(pub_a_text), &k, comment, sizeof comment, &e), e);
    snprintf(want, sizeof want, "minisign public key %s", id_a);
    assert_string_equal(comment, want);
    assert_memory_equal(&k, &pub_a, sizeof k);
    sign_public_key_text(&pub_a, line);
    assert_non_null(strstr(pub_a_text, line));
    assert_int_equal(strlen(line), 56);
    /* the bare key, as minisign -P takes it, with blanks around; blank lines before a .pub file's comment */
    char bare[128];
    snprintf(bare, sizeof bare, " \t%s \n\n", line);
    EXPECT_OK(sign_public_key_parse(bare, strlen(bare), &k, comment, sizeof comment, &e), e);
    assert_string_equal(comment, "");
    assert_memory_equal(&k, &pub_a, sizeof k);
    snprintf(bare, sizeof bare, "\n\r\n%s", pub_a_text);
    EXPECT_OK(sign_public_key_parse(bare, strlen(bare), &k, NULL, 0, &e), e);
    assert_memory_equal(&k, &pub_a, sizeof k);
    /* a key minisign 0.11 made, and the id it printed for it */
    const char *theirs = "untrusted comment: minisign public key DB5E505BA6A3823A\n"
                         "RWQ6gqOmW1Be2wrJPrbLxIOT4yBMyGLEhzZkZeg6dKLmwkhwYZq0gCs1\n";
    EXPECT_OK(sign_public_key_parse(theirs, strlen(theirs), &k, NULL, 0, &e), e);
    char id[SIGN_ID_TEXT];
    sign_id_text(k.id, id);
    assert_string_equal(id, "DB5E505BA6A3823A");

    uint8_t b[256] = {0};
    assert_int_equal(key_bytes(pub_a_text, b), PUB_LEN);
    const char *trunc[] = {"", "untrusted comment: a key\n", "untrusted comment: a key\n\n"};
    for (size_t i = 0; i < 3; i++)
        EXPECT_ERR(sign_public_key_parse(trunc[i], strlen(trunc[i]), &k, NULL, 0, &e), e, ERR_KEY_TRUNCATED, "cut");
    char *t = key_file("short", b, PUB_LEN - 1);
    EXPECT_ERR(sign_public_key_parse(t, strlen(t), &k, NULL, 0, &e), e, ERR_KEY_TRUNCATED, "41 bytes");
    free(t);
    t = key_file("long", b, PUB_LEN + 1);
    EXPECT_ERR(sign_public_key_parse(t, strlen(t), &k, NULL, 0, &e), e, ERR_KEY_MALFORMED, "43 bytes");
    free(t);
    memcpy(b, "Xx", 2);
    t = key_file("other", b, PUB_LEN);
    EXPECT_ERR(sign_public_key_parse(t, strlen(t), &k, NULL, 0, &e), e, ERR_KEY_MALFORMED, "'Xx'");
    free(t);
    const char *junk = "untrusted comment: x\nnot*base64\n";
    EXPECT_ERR(sign_public_key_parse(junk, strlen(junk), &k, NULL, 0, &e), e, ERR_KEY_MALFORMED, "base64");
    char three[256];
    snprintf(three, sizeof three, "%s%s\n", pub_a_text, line);
    EXPECT_ERR(sign_public_key_parse(three, strlen(three), &k, NULL, 0, &e), e, ERR_KEY_MALFORMED, "more lines");
    /* the wrong kind: a secret key, a signature line */
    EXPECT_ERR(sign_public_key_parse(sec_a_text, strlen(sec_a_text), &k, NULL, 0, &e), e, ERR_KEY_KIND, "secret key");
    char *sig = sign_to("data.bin", &sec_a, NULL, NULL);
    SigLines s;
    sig_split(sig, &s);
    EXPECT_ERR(sign_public_key_parse(s.l[1], strlen(s.l[1]), &k, NULL, 0, &e), e, ERR_KEY_KIND, "signature");
    free(sig);
    /* files: missing, too large */
    EXPECT_ERR(sign_public_key_load(in_dir("none.pub"), &k, NULL, 0, &e), e, ERR_NOT_FOUND, "does not exist");
    char *big = calloc(1, SIGN_FILE_MAX + 1);
    memset(big, ' ', SIGN_FILE_MAX);
    memcpy(big, pub_a_text, strlen(pub_a_text));
    put_n("big.pub", big, SIGN_FILE_MAX + 1);
    EXPECT_ERR(sign_public_key_load(in_dir("big.pub"), &k, NULL, 0, &e), e, ERR_KEY_MALFORMED, "larger");
    free(big);
}

/* 'text' (a secret key file) with its key bytes changed by 'edit' (malloc'd). */
static char *edited_key(const char *text, void (*edit)(uint8_t *b))
{
    uint8_t b[256];
    assert_int_equal(key_bytes(text, b), SEC_LEN);
    edit(b);
    return key_file("edited", b, SEC_LEN);
}

static void put_le64(uint8_t *p, uint64_t v)
{
    for (int i = 0; i < 8; i++, v >>= 8)
        p[i] = (uint8_t)v;
}
static void edit_checksum_alg(uint8_t *b)
{
    memcpy(b + 4, "B3", 2);
}
static void edit_kdf_alg(uint8_t *b)
{
    memcpy(b + 2, "Xx", 2);
}
static void edit_checksum(uint8_t *b)
{
    b[SEC_CHK + 5] ^= 1;
}
static void edit_no_checksum(uint8_t *b) /* as minisign -G -W writes it */
{
    memset(b + SEC_CHK, 0, 32);
}
static void edit_no_checksum_seed(uint8_t *b)
{
    memset(b + SEC_CHK, 0, 32);
    b[SEC_SK + 3] ^= 1;
}
static void edit_ops_past(uint8_t *b)
{
    put_le64(b + SEC_OPS, SIGN_KDF_OPSLIMIT + 1);
}
static void edit_mem_past(uint8_t *b)
{
    put_le64(b + SEC_MEM, SIGN_KDF_MEMLIMIT + 1);
}
static void edit_ops_huge(uint8_t *b)
{
    put_le64(b + SEC_OPS, UINT64_MAX);
}
static void edit_encrypted_byte(uint8_t *b)
{
    b[SEC_SK + 40] ^= 0x80;
}

static void secret_key_files(void **state)
{
    (void)state;
    SignSecretKey k;
    Err e;
    size_t len = strlen(sec_a_text);
    assert_int_equal(sign_secret_key_encrypted(sec_a_text, len, &e), 0);
    EXPECT_OK(sign_secret_key_parse(sec_a_text, len, NULL, &k, &e), e);
    assert_memory_equal(&k, &sec_a, sizeof k);
    assert_memory_equal(k.id, pub_a.id, SIGN_ID_BYTES);
    assert_memory_equal(k.sk + 32, pub_a.pk, SIGN_PK_BYTES);
    EXPECT_OK(sign_secret_key_parse(sec_a_text, len, "", &k, &e), e); /* a passphrase it does not need is no harm */
    assert_memory_equal(&k, &sec_a, sizeof k);
    uint8_t b[256] = {0};
    assert_int_equal(key_bytes(sec_a_text, b), SEC_LEN);
    assert_memory_equal(b, "Ed\0\0B2", 6);

    /* the wrong kind */
    assert_int_equal(sign_secret_key_encrypted(pub_a_text, strlen(pub_a_text), &e), -(int)ERR_KEY_KIND);
    EXPECT_ERR(sign_secret_key_parse(pub_a_text, strlen(pub_a_text), NULL, &k, &e), e, ERR_KEY_KIND, "public key");
    /* cut short */
    const char *cut = "untrusted comment: minisign secret key\n";
    EXPECT_ERR(sign_secret_key_parse(cut, strlen(cut), NULL, &k, &e), e, ERR_KEY_TRUNCATED, "cut short");
    char *t = key_file("short", b, SEC_LEN - 1);
    EXPECT_ERR(sign_secret_key_parse(t, strlen(t), NULL, &k, &e), e, ERR_KEY_TRUNCATED, "157 bytes");
    free(t);
    /* not minisign's */
    t = key_file("long", b, SEC_LEN + 1);
    EXPECT_ERR(sign_secret_key_parse(t, strlen(t), NULL, &k, &e), e, ERR_KEY_MALFORMED, "not a minisign secret key");
    free(t);
    void (*other[])(uint8_t *) = {edit_checksum_alg, edit_kdf_alg};
    for (size_t i = 0; i < 2; i++) {
        t = edited_key(sec_a_text, other[i]);
        EXPECT_ERR(sign_secret_key_parse(t, strlen(t), NULL, &k, &e), e, ERR_KEY_MALFORMED, "not a minisign");
        free(t);
    }
    const char *junk = "untrusted comment: x\nRWQ*\n";
    EXPECT_ERR(sign_secret_key_parse(junk, strlen(junk), NULL, &k, &e), e, ERR_KEY_MALFORMED, "base64");
    char three[1024];
    snprintf(three, sizeof three, "%sRWQ\n", sec_a_text);
    EXPECT_ERR(sign_secret_key_parse(three, strlen(three), NULL, &k, &e), e, ERR_KEY_MALFORMED, "more lines");
    /* damaged: a checksum that does not match; none (minisign -W) with a good key, or with a damaged one */
    t = edited_key(sec_a_text, edit_checksum);
    EXPECT_ERR(sign_secret_key_parse(t, strlen(t), NULL, &k, &e), e, ERR_KEY_MALFORMED, "checksum");
    free(t);
    t = edited_key(sec_a_text, edit_no_checksum);
    EXPECT_OK(sign_secret_key_parse(t, strlen(t), NULL, &k, &e), e);
    assert_memory_equal(&k, &sec_a, sizeof k);
    free(t);
    t = edited_key(sec_a_text, edit_no_checksum_seed);
    EXPECT_ERR(sign_secret_key_parse(t, strlen(t), NULL, &k, &e), e, ERR_KEY_MALFORMED, "damaged");
    free(t);
    sign_secret_key_wipe(&k);
}

/* Keys protected by a passphrase (quick scrypt settings): only the right one opens them; scrypt settings past
   minisign's are refused before scrypt runs. */
static void protected_secret_keys(void **state)
{
    (void)state;
    char *pub_text, *sec_text;
    Err e;
    EXPECT_OK(sign_keygen("correct horse", QUICK_OPS, QUICK_MEM, &pub_text, &sec_text, &e), e);
    size_t len = strlen(sec_text);
    assert_int_equal(sign_secret_key_encrypted(sec_text, len, &e), 1);
    assert_non_null(strstr(sec_text, "untrusted comment: minisign encrypted secret key\n"));
    SignSecretKey k;
    SignPublicKey pub;
    EXPECT_OK(sign_public_key_parse(pub_text, strlen(pub_text), &pub, NULL, 0, &e), e);
    EXPECT_ERR(sign_secret_key_parse(sec_text, len, NULL, &k, &e), e, ERR_KEY_PASSPHRASE, "give it");
    EXPECT_ERR(sign_secret_key_parse(sec_text, len, "", &k, &e), e, ERR_KEY_PASSPHRASE, "give it");
    EXPECT_ERR(sign_secret_key_parse(sec_text, len, "correct hors", &k, &e), e, ERR_KEY_PASSPHRASE, "wrong");
    EXPECT_OK(sign_secret_key_parse(sec_text, len, "correct horse", &k, &e), e);
    assert_memory_equal(k.id, pub.id, SIGN_ID_BYTES);
    assert_memory_equal(k.sk + 32, pub.pk, SIGN_PK_BYTES);
    free(sign_to("data.bin", &k, NULL, "data.bin.protected"));
    EXPECT_OK(check("data.bin", "data.bin.protected", &pub, &e), e);
    /* the protected part damaged: the right passphrase does not open it */
    char *t = edited_key(sec_text, edit_encrypted_byte);
    EXPECT_ERR(sign_secret_key_parse(t, strlen(t), "correct horse", &k, &e), e, ERR_KEY_PASSPHRASE, "damaged");
    free(t);
    /* scrypt settings past minisign's, each way: refused before any memory is taken */
    void (*past[])(uint8_t *) = {edit_ops_past, edit_mem_past, edit_ops_huge};
    for (size_t i = 0; i < 3; i++) {
        t = edited_key(sec_text, past[i]);
        EXPECT_ERR(sign_secret_key_parse(t, strlen(t), "correct horse", &k, &e), e, ERR_KEY_KDF, "scrypt settings");
        free(t);
    }
    /* two key pairs are two keys */
    assert_memory_not_equal(pub.id, pub_a.id, SIGN_ID_BYTES);
    assert_memory_not_equal(pub.pk, pub_a.pk, SIGN_PK_BYTES);
    assert_memory_not_equal(pub_b.pk, pub_a.pk, SIGN_PK_BYTES);
    free(pub_text);
    sign_text_free(sec_text);
    sign_secret_key_wipe(&k);
}

static void signing_comments(void **state)
{
    (void)state;
    char *text = sign_to("data.bin", &sec_a, NULL, NULL);
    SigLines s;
    sig_split(text, &s);
    assert_string_equal(s.l[0], "untrusted comment: signature from minisign secret key");
    assert_string_equal(s.l[2], "trusted comment: timestamp:1700000000\tfile:data.bin\thashed");
    uint8_t b[256];
    assert_int_equal(unb64(s.l[1], strlen(s.l[1]), b, sizeof b), SIG_LEN);
    assert_memory_equal(b, "ED", 2); /* pre-hashed */
    assert_memory_equal(b + 2, sec_a.id, SIGN_ID_BYTES);
    free(text);
    Err e;
    char *out;
    EXPECT_OK(sign_file(in_dir("data.bin"), &sec_a, "trusted one", "untrusted one", WHEN, &out, &e), e);
    sig_split(out, &s);
    assert_string_equal(s.l[0], "untrusted comment: untrusted one");
    assert_string_equal(s.l[2], "trusted comment: trusted one");
    free(out);
    EXPECT_ERR(sign_file(in_dir("data.bin"), &sec_a, "two\nlines", NULL, WHEN, &out, &e), e, ERR_USAGE, "one line");
    assert_null(out);
    EXPECT_ERR(sign_file(in_dir("data.bin"), &sec_a, NULL, "cr\rhere", WHEN, &out, &e), e, ERR_USAGE, "one line");
    /* the longest trusted comment there is room for, and one byte more */
    char *longest = malloc(SIGN_COMMENT_MAX + 1);
    memset(longest, 'c', SIGN_COMMENT_MAX);
    longest[SIGN_COMMENT_MAX - 1] = '\0';
    free(sign_to("data.bin", &sec_a, longest, "data.bin.long"));
    EXPECT_OK(check("data.bin", "data.bin.long", &pub_a, &e), e);
    longest[SIGN_COMMENT_MAX - 1] = 'c';
    longest[SIGN_COMMENT_MAX] = '\0';
    EXPECT_ERR(sign_file(in_dir("data.bin"), &sec_a, longest, NULL, WHEN, &out, &e), e, ERR_USAGE, "one line");
    free(longest);
    EXPECT_ERR(sign_file(in_dir("none.bin"), &sec_a, NULL, NULL, WHEN, &out, &e), e, ERR_NOT_FOUND, "none.bin");
}

/* ---- the trusted keys' list ---- */

static char *trust_file_text(void)
{
    char *text = slurp("keys.txt", NULL);
    assert_non_null(text);
    return text;
}

static void trust_list_kept_in_its_file(void **state)
{
    (void)state;
    Trust t;
    Err e;
    const char *path = in_dir("keys.txt");
    EXPECT_OK(trust_load(&t, path, NULL, &e), e); /* not there yet: an empty list */
    assert_int_equal(t.n, 0);
    assert_false(os_exists(path));
    EXPECT_OK(trust_add(&t, &pub_a, "Alice\tthe\nteacher\x7f", &e), e);
    assert_int_equal(t.n, 1);
    assert_string_equal(t.v[0].name, "Alice the teacher ");
    char line[SIGN_PK_TEXT], want[256];
    sign_public_key_text(&pub_a, line);
    snprintf(want, sizeof want, "\n%s\tAlice the teacher \n", line);
    char *text = trust_file_text();
    assert_int_equal(text[0], '#');
    assert_non_null(strstr(text, want));
    free(text);
    trust_free(&t);

    EXPECT_OK(trust_load(&t, path, NULL, &e), e);
    assert_int_equal(t.n, 1);
    assert_memory_equal(&t.v[0].key, &pub_a, sizeof pub_a);
    assert_string_equal(t.v[0].name, "Alice the teacher ");
    assert_int_equal(t.v[0].bundled, 0);
    assert_ptr_equal(trust_find(&t, pub_a.id), &t.v[0]);
    assert_null(trust_find(&t, pub_b.id));
    /* the same key again: renamed, not added */
    EXPECT_OK(trust_add(&t, &pub_a, "Ann", &e), e);
    EXPECT_OK(trust_add(&t, &pub_b, "Bob", &e), e);
    assert_int_equal(t.n, 2);
    trust_free(&t);
    EXPECT_OK(trust_load(&t, path, NULL, &e), e);
    assert_int_equal(t.n, 2);
    assert_string_equal(t.v[0].name, "Ann");
    assert_string_equal(t.v[1].name, "Bob");
    /* removed, and so in the file */
    EXPECT_OK(trust_remove(&t, 0, &e), e);
    assert_int_equal(t.n, 1);
    assert_string_equal(t.v[0].name, "Bob");
    EXPECT_ERR(trust_remove(&t, 1, &e), e, ERR_USAGE, "cannot be removed");
    trust_free(&t);
    EXPECT_OK(trust_load(&t, path, NULL, &e), e);
    assert_int_equal(t.n, 1);
    assert_memory_equal(&t.v[0].key, &pub_b, sizeof pub_b);
    assert_null(trust_find(&t, pub_a.id));
    trust_free(&t);
    /* a list only in memory writes nothing */
    EXPECT_OK(trust_load(&t, NULL, NULL, &e), e);
    EXPECT_OK(trust_add(&t, &pub_a, "A", &e), e);
    assert_int_equal(t.n, 1);
    trust_free(&t);
}

/* A key id is chosen by whoever makes the key: a key carrying a trusted key's id must not take its place (it would
   make the trusted signer's packs refused, and its own show the trusted name), and a failed save changes nothing. */
static void a_copied_key_id_takes_nothing_over(void **state)
{
    (void)state;
    Trust t;
    Err e;
    const char *path = in_dir("keys-copied.txt");
    EXPECT_OK(trust_load(&t, path, NULL, &e), e);
    EXPECT_OK(trust_add(&t, &pub_a, "Alice", &e), e);
    SignPublicKey forged = pub_b;
    memcpy(forged.id, pub_a.id, SIGN_ID_BYTES);
    EXPECT_ERR(trust_add(&t, &forged, "Alice (new laptop)", &e), e, ERR_KEY_KIND, "Alice");
    assert_int_equal(t.n, 1);
    assert_memory_equal(&t.v[0].key, &pub_a, sizeof pub_a);
    assert_string_equal(t.v[0].name, "Alice");
    /* renaming the same key when the file cannot be written (its folder is a file): the name stays as it was */
    put("plain-file", "not a folder");
    free(t.path);
    t.path = strdup(in_dir("plain-file/keys.txt"));
    assert_non_null(t.path);
    assert_int_not_equal(trust_add(&t, &pub_a, "Ann", &e), 0);
    assert_string_equal(t.v[0].name, "Alice");
    assert_memory_equal(&t.v[0].key, &pub_a, sizeof pub_a);
    assert_int_not_equal(trust_add(&t, &pub_b, "Bob", &e), 0); /* and a new one is not kept either */
    assert_int_equal(t.n, 1);
    trust_free(&t);
}

/* Names and comments in other scripts stay whole; a cut falls between characters. */
static void trust_names_in_utf8(void **state)
{
    (void)state;
    char out[64];
    trust_comment_line("Привет\tмир", out, sizeof out);
    assert_string_equal(out, "Привет мир");
    trust_comment_line("Урок", out, sizeof out);
    assert_string_equal(out, "Урок");
    trust_comment_line("€x", out, 4); /* room for the euro sign (3 bytes), not the x */
    assert_string_equal(out, "€");
    trust_comment_line("€", out, 3); /* no room for all of it: none of it */
    assert_string_equal(out, "");
    trust_comment_line("ab\xd0\xb6", out, 4);
    assert_string_equal(out, "ab");
    Trust t;
    Err e;
    EXPECT_OK(trust_load(&t, NULL, NULL, &e), e);
    EXPECT_OK(trust_add(&t, &pub_a, "Алиса", &e), e);
    assert_string_equal(t.v[0].name, "Алиса");
    char longname[400] = "a";
    for (int i = 0; i < 150; i++)
        strcat(longname, "ж");
    EXPECT_OK(trust_add(&t, &pub_b, longname, &e), e);
    assert_int_equal(strlen(t.v[1].name), 127); /* "a" and 63 letters: all that fits in TRUST_NAME_MAX */
    assert_memory_equal(t.v[1].name, longname, 127);
    trust_free(&t);
}

/* A broken line of the user's file is reported with its number; the keys on the other lines are kept. */
static void a_broken_line_keeps_the_others(void **state)
{
    (void)state;
    char la[SIGN_PK_TEXT], lb[SIGN_PK_TEXT], text[1024];
    sign_public_key_text(&pub_a, la);
    sign_public_key_text(&pub_b, lb);
    snprintf(text, sizeof text, "# my keys\n%s\tAlice\r\n!!broken!!\tMallory\n\n%s\tBob\n%s\tAlice again\n", la, lb,
             la);
    put("broken.txt", text);
    Trust t;
    Err e;
    EXPECT_ERR(trust_load(&t, in_dir("broken.txt"), NULL, &e), e, ERR_KEY_MALFORMED, "line 3");
    assert_int_equal(e.line, 3);
    assert_non_null(strstr(e.msg, "the other keys are kept"));
    assert_int_equal(t.n, 2);
    assert_string_equal(t.v[0].name, "Alice");
    assert_string_equal(t.v[1].name, "Bob");
    trust_free(&t);
}

static void bundled_keys(void **state)
{
    (void)state;
    char lb[SIGN_PK_TEXT], text[1024];
    sign_public_key_text(&pub_b, lb);
    snprintf(text, sizeof text, "untrusted comment: Beseda team\n%s\n", lb);
    put("bundled/team.pub", text);
    put("bundled/broken.pub", "untrusted comment: x\nnot a key\n");
    put("bundled/readme.txt", pub_a_text); /* not *.pub: not a key of the program's */
    Trust t;
    Err e;
    const char *path = in_dir("bkeys.txt"), *dir = in_dir("bundled");
    EXPECT_OK(trust_load(&t, path, dir, &e), e);
    assert_int_equal(t.n, 1);
    assert_int_equal(t.v[0].bundled, 1);
    assert_string_equal(t.v[0].name, "Beseda team");
    assert_memory_equal(&t.v[0].key, &pub_b, sizeof pub_b);
    EXPECT_ERR(trust_remove(&t, 0, &e), e, ERR_USAGE, "comes with the program");
    assert_int_equal(t.n, 1);
    /* trusting it again is refused and changes nothing; another key is written alone */
    EXPECT_ERR(trust_add(&t, &pub_b, "Mine", &e), e, ERR_USAGE, "trusted already");
    assert_string_equal(t.v[0].name, "Beseda team");
    EXPECT_OK(trust_add(&t, &pub_a, "Alice", &e), e);
    assert_int_equal(t.n, 2);
    char *saved = slurp("bkeys.txt", NULL);
    char la[SIGN_PK_TEXT];
    sign_public_key_text(&pub_a, la);
    assert_non_null(strstr(saved, la));
    assert_null(strstr(saved, lb));
    free(saved);
    trust_free(&t);
    EXPECT_OK(trust_load(&t, path, dir, &e), e);
    assert_int_equal(t.n, 2);
    assert_int_equal(t.v[0].bundled, 1); /* the program's keys first: a user's line cannot take their id */
    assert_int_equal(t.v[1].bundled, 0);
    trust_free(&t);
    /* a line of the user's file with a bundled key's id but another key is not taken */
    SignPublicKey forged = pub_a;
    memcpy(forged.id, pub_b.id, SIGN_ID_BYTES);
    char lf[SIGN_PK_TEXT];
    sign_public_key_text(&forged, lf);
    snprintf(text, sizeof text, "%s\tBeseda team\n", lf);
    put("bkeys-forged.txt", text);
    EXPECT_OK(trust_load(&t, in_dir("bkeys-forged.txt"), dir, &e), e);
    assert_int_equal(t.n, 1);
    assert_memory_equal(&trust_find(&t, pub_b.id)->key, &pub_b, sizeof pub_b);
    trust_free(&t);

    /* a key file whose comment is longer than a name: the key is kept, under its comment cut */
    char longc[300];
    memset(longc, 'n', 200);
    longc[200] = '\0';
    snprintf(text, sizeof text, "untrusted comment: %s\n%s\n", longc, lb);
    put("bundled2/long.pub", text);
    EXPECT_OK(trust_load(&t, NULL, in_dir("bundled2"), &e), e);
    assert_int_equal(t.n, 1);
    if (t.n == 1)
        assert_int_equal(strlen(t.v[0].name), TRUST_NAME_MAX - 1);
    trust_free(&t);
}

/* ---- a pack's signature state ---- */

static void pack_signature_states(void **state)
{
    (void)state;
    char lb[SIGN_PK_TEXT], text[256];
    sign_public_key_text(&pub_b, lb);
    snprintf(text, sizeof text, "untrusted comment: Beseda team\n%s\n", lb);
    put("states-bundled/team.pub", text);
    Trust t;
    Err e;
    EXPECT_OK(trust_load(&t, NULL, in_dir("states-bundled"), &e), e);
    EXPECT_OK(trust_add(&t, &pub_a, "Alice", &e), e);
    copy("data.bin", "s.beseda");
    PackSig ps;

    trust_check_pack(&t, in_dir("s.beseda"), &ps);
    assert_int_equal(ps.state, PACKSIG_UNSIGNED);
    assert_string_equal(ps.key_id, "");

    free(sign_to("s.beseda", &sec_a, "lesson pack 1.0\tby Alice", "s.beseda.minisig"));
    trust_check_pack(&t, in_dir("s.beseda"), &ps);
    assert_int_equal(ps.state, PACKSIG_TRUSTED);
    assert_string_equal(ps.signer, "Alice");
    assert_string_equal(ps.key_id, id_a);
    assert_string_equal(ps.comment, "lesson pack 1.0\tby Alice");
    assert_int_equal(ps.bundled, 0);

    free(sign_to("s.beseda", &sec_b, NULL, "s.beseda.minisig"));
    trust_check_pack(&t, in_dir("s.beseda"), &ps);
    assert_int_equal(ps.state, PACKSIG_TRUSTED);
    assert_string_equal(ps.signer, "Beseda team");
    assert_int_equal(ps.bundled, 1);
    assert_string_equal(ps.comment, "timestamp:1700000000\tfile:s.beseda\thashed");

    char *pub_c, *sec_c;
    SignSecretKey kc;
    EXPECT_OK(sign_keygen(NULL, 0, 0, &pub_c, &sec_c, &e), e);
    EXPECT_OK(sign_secret_key_parse(sec_c, strlen(sec_c), NULL, &kc, &e), e);
    char id_c[SIGN_ID_TEXT];
    sign_id_text(kc.id, id_c);
    free(sign_to("s.beseda", &kc, NULL, "s.beseda.minisig"));
    trust_check_pack(&t, in_dir("s.beseda"), &ps);
    assert_int_equal(ps.state, PACKSIG_UNKNOWN_KEY);
    assert_string_equal(ps.key_id, id_c);
    assert_string_equal(ps.signer, "");
    free(pub_c);
    sign_text_free(sec_c);

    /* refused: the pack changed after it was signed; a signature file that cannot be read */
    free(sign_to("s.beseda", &sec_a, NULL, "s.beseda.minisig"));
    flip("s.beseda", 1000, 0x04);
    trust_check_pack(&t, in_dir("s.beseda"), &ps);
    assert_int_equal(ps.state, PACKSIG_REFUSED);
    assert_int_equal(ps.error.code, ERR_SIG_MISMATCH);
    assert_non_null(strstr(ps.error.msg, "changed"));
    assert_string_equal(ps.error.pack, "s.beseda");
    flip("s.beseda", 1000, 0x04);
    trust_check_pack(&t, in_dir("s.beseda"), &ps);
    assert_int_equal(ps.state, PACKSIG_TRUSTED);
    put("s.beseda.minisig", "untrusted comment: x\nRUQ*\ntrusted comment: y\nAAAA\n");
    trust_check_pack(&t, in_dir("s.beseda"), &ps);
    assert_int_equal(ps.state, PACKSIG_REFUSED);
    assert_int_equal(ps.error.code, ERR_SIG_MALFORMED);
    assert_string_equal(ps.error.entry, "s.beseda.minisig");
    assert_int_equal(ps.error.line, 2);

    /* a folder is never signed, whatever lies beside it; nor is a pack that is not there */
    put("folder.beseda/pack.json", "{}");
    copy("s.beseda.minisig", "folder.beseda.minisig");
    trust_check_pack(&t, in_dir("folder.beseda"), &ps);
    assert_int_equal(ps.state, PACKSIG_UNSIGNED);
    trust_check_pack(&t, in_dir("gone.beseda"), &ps);
    assert_int_equal(ps.state, PACKSIG_UNSIGNED);
    trust_free(&t);
    sign_secret_key_wipe(&kc);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(minisign_keys_and_signatures_are_read),
        cmocka_unit_test(our_signatures_and_keys_work_in_minisign),
        cmocka_unit_test(our_protected_key_opens_in_minisign),
        cmocka_unit_test(minisign_protected_key_opens_here),
        cmocka_unit_test(every_changed_byte_of_a_pack_is_caught),
        cmocka_unit_test(every_changed_byte_of_a_signature_is_caught),
        cmocka_unit_test(signature_by_another_key),
        cmocka_unit_test(truncated_signature_files),
        cmocka_unit_test(malformed_signature_files),
        cmocka_unit_test(non_ascii_is_not_base64),
        cmocka_unit_test(unknown_algorithm),
        cmocka_unit_test(signature_of_another_file),
        cmocka_unit_test(signature_file_too_large),
        cmocka_unit_test(legacy_signatures),
        cmocka_unit_test(key_ids_as_minisign_prints),
        cmocka_unit_test(public_key_files),
        cmocka_unit_test(secret_key_files),
        cmocka_unit_test(protected_secret_keys),
        cmocka_unit_test(signing_comments),
        cmocka_unit_test(trust_list_kept_in_its_file),
        cmocka_unit_test(a_copied_key_id_takes_nothing_over),
        cmocka_unit_test(trust_names_in_utf8),
        cmocka_unit_test(a_broken_line_keeps_the_others),
        cmocka_unit_test(bundled_keys),
        cmocka_unit_test(pack_signature_states),
    };
    return cmocka_run_group_tests(tests, group_setup, group_teardown);
}
