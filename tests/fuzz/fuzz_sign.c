/* libFuzzer harness: the input as a .minisig, a public key and a secret key file through core/sign, the way the
   reader and beseda-pack read them. No passphrase is given, so no scrypt ever runs: a protected key is refused
   before its scrypt settings (up to 1 GiB) are used, which the harness checks. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "core/sign.h"
#include "core/trust.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static int ready;
    static SignSignature sig;
    Err e;
    if (!ready && sign_init(&e) != 0)
        return 0;
    ready = 1;
    const char *text = (const char *)data;
    if (sign_signature_parse(text, size, &sig, &e) == 0) {
        if (strlen(sig.trusted) >= SIGN_COMMENT_MAX || strchr(sig.trusted, '\n'))
            abort(); /* a trusted comment is one line (a '\r' inside it is a character, as in minisign) */
        char line[64];
        trust_comment_line(sig.trusted, line, 1 + size % sizeof line);
    }

    SignPublicKey pub, again;
    char comment[64], b64[SIGN_PK_TEXT];
    if (sign_public_key_parse(text, size, &pub, comment, sizeof comment, &e) == 0) {
        sign_public_key_text(&pub, b64);
        if (sign_public_key_parse(b64, strlen(b64), &again, NULL, 0, &e) != 0 || memcmp(&pub, &again, sizeof pub))
            abort(); /* a key read is written back as the same key */
    }

    int encrypted = sign_secret_key_encrypted(text, size, &e);
    if (encrypted >= 0) {
        SignSecretKey key;
        int rc = sign_secret_key_parse(text, size, NULL, &key, &e);
        if (encrypted == 1 && rc != -(int)ERR_KEY_PASSPHRASE)
            abort(); /* a protected key without its passphrase: refused before scrypt */
        sign_secret_key_wipe(&key);
    }
    return 0;
}
