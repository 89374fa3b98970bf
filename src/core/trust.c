/* trust: the trusted keys' list (its file: a heading comment, then "KEY<TAB>NAME" lines) and a pack's signature
   state against it. */
#include "trust.h"

#include <libintl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/os.h"
#include "strbuf.h"
#include "userdir.h"

#define TRUST_HEADING                                                                                                  \
    "# Beseda: public keys you trust to sign lesson packs, one per line: the key (minisign's base64), a tab, the\n"    \
    "# name you gave it. Beseda writes this file; remove a line to stop trusting a key.\n"

/* 'in' as one line of at most 'size' - 1 bytes: control characters as spaces, cut at a character's start. */
static void one_line(const char *in, char *out, size_t size)
{
    size_t n = 0;
    const unsigned char *p = (const unsigned char *)in;
    for (; *p && n + 1 < size; p++)
        out[n++] = *p < 0x20 || *p == 0x7f ? ' ' : (char)*p;
    if ((*p & 0xC0) == 0x80) { /* cut inside a character: its first bytes go too (a whole last one stays) */
        while (n > 0 && ((unsigned char)out[n - 1] & 0xC0) == 0x80)
            n--;
        if (n > 0 && (unsigned char)out[n - 1] >= 0xC0)
            n--;
    }
    out[n] = '\0';
}

void trust_comment_line(const char *comment, char *out, size_t size)
{
    one_line(comment, out, size);
}

static int push(Trust *t, const SignPublicKey *key, const char *name, int bundled)
{
    if (t->n >= TRUST_MAX_KEYS)
        return -ERR_ARRAY_SIZE;
    TrustKey *v = realloc(t->v, (t->n + 1) * sizeof *v);
    if (!v)
        return -ERR_NOMEM;
    t->v = v;
    TrustKey *k = &t->v[t->n++];
    memset(k, 0, sizeof *k);
    k->key = *key;
    k->bundled = bundled;
    one_line(name, k->name, sizeof k->name);
    return 0;
}

const TrustKey *trust_find(const Trust *t, const uint8_t id[SIGN_ID_BYTES])
{
    for (size_t i = 0; i < t->n; i++)
        if (memcmp(t->v[i].key.id, id, SIGN_ID_BYTES) == 0)
            return &t->v[i];
    return NULL;
}

/* Every *.pub in 'dir', in name order, as bundled keys; a broken one is skipped (it is the program's own file). */
static int load_bundled(Trust *t, const char *dir)
{
    OsDir *d = os_dir_open(dir);
    if (!d)
        return 0;
    const char *name;
    OsStat st;
    char path[USERDIR_PATH];
    while (os_dir_next(d, &name, &st) == 1) {
        size_t n = strlen(name);
        if (n < 5 || strcmp(name + n - 4, ".pub") != 0 || st.type != OS_FILE_REG)
            continue;
        snprintf(path, sizeof path, "%s/%s", dir, name);
        SignPublicKey key;
        char comment[SIGN_COMMENT_MAX]; /* a long comment is cut to a name below, not a reason to skip the key */
        Err e;
        if (sign_public_key_load(path, &key, comment, sizeof comment, &e) != 0 || trust_find(t, key.id))
            continue;
        if (push(t, &key, comment[0] ? comment : name, 1) != 0) {
            os_dir_close(d);
            return -ERR_NOMEM;
        }
    }
    os_dir_close(d);
    return 0;
}

int trust_load(Trust *t, const char *path, const char *bundled_dir, Err *err)
{
    memset(t, 0, sizeof *t);
    if (path && !(t->path = strdup(path)))
        return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
    int first = 0;
    char *text = NULL;
    size_t len = 0;
    /* the keys that come with the program first: a line of the user's file with one of their ids is not taken */
    if (bundled_dir && load_bundled(t, bundled_dir) != 0)
        return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
    FILE *f = path ? os_fopen(path, "rb") : NULL;
    if (f) {
        StrBuf sb = {0};
        char buf[4096];
        size_t n;
        while ((n = fread(buf, 1, sizeof buf, f)) > 0 && sb.len < 1024 * 1024) /* 256 keys fit in far less */
            sb_put_n(&sb, buf, n);
        fclose(f);
        len = sb.len;
        text = sb_take(&sb);
    }
    for (size_t at = 0, line = 1; text && at < len; line++) {
        char *s = text + at, *nl = memchr(s, '\n', len - at);
        size_t l = nl ? (size_t)(nl - s) : len - at;
        at += l + 1;
        s[l] = '\0';
        if (l > 0 && s[l - 1] == '\r')
            s[l - 1] = '\0';
        if (!s[0] || s[0] == '#')
            continue;
        char *tab = strchr(s, '\t');
        if (tab)
            *tab = '\0';
        SignPublicKey key;
        Err e;
        if (sign_public_key_parse(s, strlen(s), &key, NULL, 0, &e) != 0) {
            if (!first) {
                first = err_set(err, e.code, NULL, N_("%s, line %zu: %s; the other keys are kept"), path, line, e.msg);
                err->line = (int)line;
            }
            continue;
        }
        if (trust_find(t, key.id))
            continue;
        if (push(t, &key, tab ? tab + 1 : "", 0) == -ERR_NOMEM) {
            free(text);
            return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
        }
    }
    free(text);
    return first;
}

void trust_free(Trust *t)
{
    free(t->v);
    free(t->path);
    memset(t, 0, sizeof *t);
}

/* Writes the user's keys (not the bundled ones) to the list's file, atomically. */
static int save(const Trust *t, Err *err)
{
    if (!t->path)
        return 0;
    StrBuf sb = {0};
    sb_put(&sb, TRUST_HEADING);
    for (size_t i = 0; i < t->n; i++) {
        if (t->v[i].bundled)
            continue;
        char k[SIGN_PK_TEXT];
        sign_public_key_text(&t->v[i].key, k);
        sb_putf(&sb, "%s\t%s\n", k, t->v[i].name);
    }
    size_t len = sb.len;
    char *text = sb_take(&sb);
    if (!text)
        return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
    char dir[USERDIR_PATH];
    snprintf(dir, sizeof dir, "%s", t->path);
    char *cut = NULL;
    for (char *p = dir; *p; p++)
        if (os_is_separator(*p))
            cut = p;
    if (cut && cut != dir) { /* the settings folder may not be there yet */
        *cut = '\0';
        if (userdir_mkdirs(dir, err) != 0) {
            free(text);
            return -(int)err->code;
        }
    }
    int rc = userdir_write_atomic(t->path, text, len, err);
    free(text);
    return rc;
}

int trust_add(Trust *t, const SignPublicKey *key, const char *name, Err *err)
{
    char clean[TRUST_NAME_MAX];
    one_line(name, clean, sizeof clean);
    for (size_t i = 0; i < t->n; i++) {
        if (memcmp(t->v[i].key.id, key->id, SIGN_ID_BYTES) != 0)
            continue;
        char id[SIGN_ID_TEXT];
        sign_id_text(key->id, id);
        /* a key id is a label its maker chooses: another key can carry it, and must not take the trusted one's place */
        if (sodium_memcmp(t->v[i].key.pk, key->pk, SIGN_PK_BYTES) != 0)
            return err_set(
                err, ERR_KEY_KIND, NULL,
                N_("this is not the key you trust as \xe2\x80\x9c%s\xe2\x80\x9d, though it carries the same id %s: "
                   "somebody may be passing it off as that one; it was not added"),
                t->v[i].bundled ? gettext("the editors of Beseda") : t->v[i].name, id);
        if (t->v[i].bundled)
            return err_set(err, ERR_USAGE, NULL, N_("this key comes with Beseda and is trusted already"));
        TrustKey old = t->v[i];
        memcpy(t->v[i].name, clean, sizeof clean);
        int rc = save(t, err);
        if (rc != 0)
            t->v[i] = old; /* the list in memory is as it was */
        return rc;
    }
    int rc = push(t, key, clean, 0);
    if (rc == -ERR_ARRAY_SIZE)
        return err_set(err, ERR_ARRAY_SIZE, NULL, N_("you trust %d keys already, the most Beseda keeps: remove one"),
                       TRUST_MAX_KEYS);
    if (rc != 0)
        return err_set(err, ERR_NOMEM, NULL, N_("out of memory"));
    rc = save(t, err);
    if (rc != 0)
        t->n--;
    return rc;
}

int trust_remove(Trust *t, size_t i, Err *err)
{
    if (i >= t->n || t->v[i].bundled)
        return err_set(err, ERR_USAGE, NULL, N_("this key comes with the program and cannot be removed"));
    TrustKey gone = t->v[i];
    memmove(&t->v[i], &t->v[i + 1], (t->n - i - 1) * sizeof *t->v);
    t->n--;
    int rc = save(t, err);
    if (rc != 0) { /* put it back where it was */
        memmove(&t->v[i + 1], &t->v[i], (t->n - i) * sizeof *t->v);
        t->v[i] = gone;
        t->n++;
    }
    return rc;
}

void trust_check_pack(const Trust *t, const char *pack_path, PackSig *out)
{
    memset(out, 0, sizeof *out);
    err_clear(&out->error);
    err_set_pack(&out->error, pack_path);
    OsStat st;
    if (os_stat(pack_path, &st) != 0 || st.type != OS_FILE_REG)
        return; /* a folder, or nothing: unsigned (opening it says what is wrong) */
    size_t n = strlen(pack_path);
    char *sig_path = malloc(n + sizeof ".minisig");
    SignSignature *sig = malloc(sizeof *sig);
    if (!sig_path || !sig) {
        out->state = PACKSIG_REFUSED;
        err_set(&out->error, ERR_NOMEM, NULL, N_("out of memory"));
        goto done;
    }
    memcpy(sig_path, pack_path, n);
    memcpy(sig_path + n, ".minisig", sizeof ".minisig");
    if (!os_exists(sig_path))
        goto done;
    Err e;
    err_clear(&e);
    if (sign_signature_load(sig_path, sig, &e) != 0) {
        out->state = PACKSIG_REFUSED;
        const char *base = sig_path;
        for (const char *p = sig_path; *p; p++)
            if (os_is_separator(*p))
                base = p + 1;
        err_set(&out->error, e.code, base, "%s", e.msg);
        out->error.line = e.line;
        goto done;
    }
    sign_id_text(sig->id, out->key_id);
    const TrustKey *k = trust_find(t, sig->id);
    for (size_t i = 0; !k && i < t->n; i++) /* the key id is not signed: one changed on the way is caught here */
        if (sign_global_matches(sig, &t->v[i].key) == 1) {
            char made[SIGN_ID_TEXT];
            sign_id_text(t->v[i].key.id, made);
            out->state = PACKSIG_REFUSED;
            err_set(&out->error, ERR_SIG_WRONG_KEY, NULL,
                    N_("the signature of '%s' was changed: it names key %s, but key %s made it"),
                    os_path_base(pack_path), out->key_id, made);
            goto done;
        }
    if (!k) {
        out->state = PACKSIG_UNKNOWN_KEY;
        goto done;
    }
    if (sign_verify_file(pack_path, sig, &k->key, &e) != 0) {
        out->state = PACKSIG_REFUSED;
        err_set(&out->error, e.code, NULL, "%s", e.msg);
        goto done;
    }
    out->state = PACKSIG_TRUSTED;
    out->bundled = k->bundled;
    memcpy(out->signer, k->name, sizeof out->signer);
    memcpy(out->comment, sig->trusted, sizeof out->comment);
done:
    free(sig_path);
    free(sig);
}
