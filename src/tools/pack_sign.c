/* pack_sign: beseda-pack's keygen, sign and verify commands (minisign keys and signatures, core/sign). */
#include <libintl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/sign.h"
#include "core/userdir.h"
#include "os/os.h"
#include "tool.h"

#define _(s) gettext(s)

enum { PASS_MAX = 1024 };

/* Writes 'text' to 'path' as a file others may read (a public key, a signature). */
static int write_public(const char *path, const char *text)
{
    FILE *f = os_fopen(path, "wb");
    int ok = f && fputs(text, f) >= 0;
    if (f && fclose(f) != 0)
        ok = 0;
    if (!ok) {
        Err e = {0};
        err_set(&e, ERR_IO, NULL, N_("cannot write '%s'"), path);
        return tool_print_err(&e);
    }
    return EXIT_VALID;
}

/* The seconds since 1970 a signature's default comment carries: SOURCE_DATE_EPOCH when set (a reproducible
   build signs the same bytes every time), else now. */
static long long sign_time(void)
{
    const char *s = getenv("SOURCE_DATE_EPOCH");
    char *end;
    long long t = s && *s ? strtoll(s, &end, 10) : -1;
    return s && *s && !*end && t >= 0 ? t : (long long)time(NULL);
}

int pack_cmd_keygen(int argc, char **argv)
{
    const char *pub = NULL, *sec = NULL;
    int no_password = 0, force = 0;
    for (int i = 0; i < argc; i++) {
        if ((strcmp(argv[i], "-p") == 0 || strcmp(argv[i], "-s") == 0) && i + 1 >= argc)
            return tool_usage_error(_("%s needs a file name"), argv[i]);
        if (strcmp(argv[i], "-p") == 0)
            pub = argv[++i];
        else if (strcmp(argv[i], "-s") == 0)
            sec = argv[++i];
        else if (strcmp(argv[i], "--no-password") == 0 || strcmp(argv[i], "-W") == 0)
            no_password = 1;
        else if (strcmp(argv[i], "-f") == 0 || strcmp(argv[i], "--force") == 0)
            force = 1;
        else
            return tool_usage_error(_("unexpected argument '%s'"), argv[i]);
    }
    if (!pub || !sec)
        return tool_usage_error("%s", _("keygen needs -p FILE.pub and -s FILE.key"));
    if (!force && (os_exists(pub) || os_exists(sec)))
        return tool_usage_error(_("'%s' or its secret key exists already; -f replaces them"), pub);
    Err e = {0};
    if (sign_init(&e) != 0)
        return tool_print_err(&e);
    char pass[PASS_MAX] = "", again[PASS_MAX] = "";
    if (no_password)
        fprintf(stderr, "%s\n",
                _("beseda-pack: warning: the secret key is not protected by a passphrase; anyone who copies the file "
                  "can sign packs in your name. Keep it on an offline machine."));
    else if (os_read_passphrase(_("Passphrase for the new secret key: "), pass, sizeof pass) != 0 || !pass[0])
        return tool_usage_error("%s", _("no passphrase was given (use --no-password for a key without one)"));
    else if (os_stdin_is_terminal() &&
             (os_read_passphrase(_("The same passphrase again: "), again, sizeof again) != 0 ||
              strcmp(pass, again) != 0)) {
        memset(pass, 0, sizeof pass);
        memset(again, 0, sizeof again);
        return tool_usage_error("%s", _("the two passphrases differ; nothing was written"));
    }
    memset(again, 0, sizeof again);
    char *pub_text, *sec_text;
    int rc = sign_keygen(no_password ? NULL : pass, SIGN_KDF_OPSLIMIT, SIGN_KDF_MEMLIMIT, &pub_text, &sec_text, &e);
    memset(pass, 0, sizeof pass);
    if (rc != 0)
        return tool_print_err(&e);
    /* the secret key is written owner-only and atomically (userdir) */
    rc = userdir_write_atomic(sec, sec_text, strlen(sec_text), &e) != 0 ? tool_print_err(&e)
                                                                        : write_public(pub, pub_text);
    sign_text_free(sec_text);
    if (rc == EXIT_VALID) {
        SignPublicKey k;
        char id[SIGN_ID_TEXT];
        sign_public_key_parse(pub_text, strlen(pub_text), &k, NULL, 0, &e);
        sign_id_text(k.id, id);
        printf(_("Key %s: public key in %s (give it to those who will check your packs), secret key in %s (keep it "
                 "to yourself, with a backup).\n"),
               id, pub, sec);
    }
    free(pub_text);
    return rc;
}

int pack_sign_load(const char *path, SignSecretKey *key)
{
    Err e = {0};
    if (sign_init(&e) != 0)
        return tool_print_err(&e);
    OsStat st;
    if (os_stat(path, &st) != 0) {
        err_set(&e, ERR_NOT_FOUND, NULL, N_("the secret key '%s' does not exist"), path);
        return tool_print_err(&e);
    }
    char *text = NULL;
    size_t len = 0;
    void *map = st.size <= SIGN_FILE_MAX ? os_map_file(path, SIGN_FILE_MAX, &len) : NULL;
    if (map && (text = malloc(len + 1))) {
        memcpy(text, map, len);
        text[len] = '\0';
    }
    if (map)
        os_unmap_file(map, len);
    if (!text) {
        err_set(&e, ERR_KEY_MALFORMED, NULL, N_("cannot read the secret key '%s' (a key file is a few hundred bytes)"),
                path);
        return tool_print_err(&e);
    }
    char pass[PASS_MAX] = "";
    int enc = sign_secret_key_encrypted(text, len, &e);
    int rc = 0;
    if (enc < 0)
        rc = enc;
    else if (enc == 1 && os_read_passphrase(_("Passphrase of the secret key: "), pass, sizeof pass) != 0)
        rc = err_set(&e, ERR_KEY_PASSPHRASE, NULL, N_("no passphrase was given"));
    if (rc == 0)
        rc = sign_secret_key_parse(text, len, pass, key, &e);
    memset(pass, 0, sizeof pass);
    memset(text, 0, len);
    free(text);
    if (rc != 0) {
        err_set_pack(&e, path);
        return tool_print_err(&e);
    }
    return EXIT_VALID;
}

/* Signs 'file' with 'key' into 'file'.minisig, with both comments (NULL: minisign's). */
static int sign_with(const SignSecretKey *key, const char *file, const char *comment, const char *untrusted)
{
    Err e = {0};
    char *text;
    if (sign_file(file, key, comment, untrusted, sign_time(), &text, &e) != 0) {
        err_set_pack(&e, file);
        return tool_print_err(&e);
    }
    size_t n = strlen(file);
    char *sig = malloc(n + sizeof ".minisig");
    int rc = EXIT_INVALID;
    if (sig) {
        memcpy(sig, file, n);
        memcpy(sig + n, ".minisig", sizeof ".minisig");
        rc = write_public(sig, text);
        if (rc == EXIT_VALID) {
            char id[SIGN_ID_TEXT];
            sign_id_text(key->id, id);
            printf(_("%s: signed by key %s in %s\n"), file, id, sig);
        }
    }
    free(sig);
    free(text);
    return rc;
}

int pack_sign_with(const SignSecretKey *key, const char *file, const char *comment)
{
    return sign_with(key, file, comment, NULL);
}

int pack_sign_drop_stale(const char *file)
{
    char sig[USERDIR_PATH + 16];
    snprintf(sig, sizeof sig, "%s.minisig", file);
    if (!os_exists(sig))
        return EXIT_VALID;
    if (os_remove(sig) != 0) {
        Err e = {0};
        err_set(&e, ERR_IO, NULL,
                N_("cannot remove '%s', the signature of an earlier build, which does not match "
                   "the new pack: remove it yourself"),
                sig);
        return tool_print_err(&e);
    }
    printf(_("%s: removed, the signature of an earlier build (sign the new pack with --sign or beseda-pack sign)\n"),
           sig);
    return EXIT_VALID;
}

int pack_cmd_sign(int argc, char **argv)
{
    const char *sec = NULL, *comment = NULL, *untrusted = NULL;
    const char **files = calloc((size_t)argc + 1, sizeof *files);
    int n = 0;
    if (!files)
        return EXIT_INVALID;
    for (int i = 0; i < argc; i++) {
        int value = strcmp(argv[i], "-s") == 0 || strcmp(argv[i], "-c") == 0 || strcmp(argv[i], "-t") == 0;
        if (value && i + 1 >= argc) {
            free(files);
            return tool_usage_error(_("%s needs a value"), argv[i]);
        }
        if (strcmp(argv[i], "-s") == 0)
            sec = argv[++i];
        else if (strcmp(argv[i], "-c") == 0)
            comment = argv[++i];
        else if (strcmp(argv[i], "-t") == 0)
            untrusted = argv[++i];
        else
            files[n++] = argv[i];
    }
    if (!sec || n == 0) {
        free(files);
        return tool_usage_error("%s", _("sign needs -s FILE.key and at least one pack"));
    }
    SignSecretKey key;
    int rc = pack_sign_load(sec, &key);
    for (int i = 0; rc == EXIT_VALID && i < n; i++)
        rc = sign_with(&key, files[i], comment, untrusted);
    sign_secret_key_wipe(&key);
    free(files);
    return rc;
}

int pack_cmd_verify(int argc, char **argv)
{
    const char *pub = NULL, *pub_text = NULL, *sig_path = NULL, *file = NULL;
    for (int i = 0; i < argc; i++) {
        int value = strcmp(argv[i], "-p") == 0 || strcmp(argv[i], "-P") == 0 || strcmp(argv[i], "-x") == 0;
        if (value && i + 1 >= argc)
            return tool_usage_error(_("%s needs a value"), argv[i]);
        if (strcmp(argv[i], "-p") == 0)
            pub = argv[++i];
        else if (strcmp(argv[i], "-P") == 0)
            pub_text = argv[++i];
        else if (strcmp(argv[i], "-x") == 0)
            sig_path = argv[++i];
        else if (!file)
            file = argv[i];
        else
            return tool_usage_error(_("unexpected argument '%s'"), argv[i]);
    }
    if ((!pub && !pub_text) || !file)
        return tool_usage_error("%s", _("verify needs -p FILE.pub (or -P KEY) and a pack"));
    Err e = {0};
    if (sign_init(&e) != 0)
        return tool_print_err(&e);
    SignPublicKey key;
    int rc = pub ? sign_public_key_load(pub, &key, NULL, 0, &e)
                 : sign_public_key_parse(pub_text, strlen(pub_text), &key, NULL, 0, &e);
    if (rc != 0) {
        err_set_pack(&e, pub ? pub : "-P");
        return tool_print_err(&e);
    }
    char defsig[USERDIR_PATH + 16];
    if (!sig_path) {
        snprintf(defsig, sizeof defsig, "%s.minisig", file);
        sig_path = defsig;
    }
    SignSignature *sig = malloc(sizeof *sig);
    if (!sig)
        return EXIT_INVALID;
    rc = sign_signature_load(sig_path, sig, &e);
    if (rc == -ERR_NOT_FOUND)
        err_set(&e, ERR_NOT_FOUND, NULL, N_("'%s' is not signed: there is no %s beside it"), file, sig_path);
    else if (rc != 0)
        err_set_pack(&e, sig_path);
    if (rc == 0 && (rc = sign_verify_file(file, sig, &key, &e)) != 0)
        err_set_pack(&e, file);
    if (rc != 0) {
        free(sig);
        return tool_print_err(&e);
    }
    char id[SIGN_ID_TEXT];
    sign_id_text(key.id, id);
    printf(_("%s: signed by key %s, and it matches\n"), file, id);
    printf(_("Trusted comment: %s\n"), sig->trusted);
    free(sig);
    return EXIT_VALID;
}
