/* trust: the public keys a user trusts to sign packs (a name the user gave each; the keys that come with the
   program besides), kept in one small text file written atomically; and what a pack's signature says against
   them: signed by a trusted key, signed by a key not trusted, unsigned, or refused (docs/reader.md, "Signed packs"). */
#ifndef BESEDA_TRUST_H
#define BESEDA_TRUST_H

#include <stddef.h>

#include "err.h"
#include "sign.h"

enum { TRUST_NAME_MAX = 128, TRUST_MAX_KEYS = 256 };

typedef struct {
    SignPublicKey key;
    char name[TRUST_NAME_MAX];
    int bundled; /* came with the program: shown, not removable */
} TrustKey;

typedef struct {
    TrustKey *v;
    size_t n;
    char *path; /* the user's list; NULL: nothing is saved (a list only in memory) */
} Trust;

/* Loads the user's list from 'path' (may be NULL or missing: an empty list) and adds every key file (*.pub) in
   'bundled_dir' (may be NULL) as a bundled key named by its comment. A broken line of the user's file is reported
   in 'err' and the rest is kept: the caller shows it and goes on. Returns 0, or a negative code for that first
   broken line (the list is usable either way), or -ERR_NOMEM. */
int trust_load(Trust *t, const char *path, const char *bundled_dir, Err *err);
void trust_free(Trust *t);

/* Adds 'key' with 'name' (one line, cut to TRUST_NAME_MAX; control characters become spaces) and saves the list.
   The same key already there gets the new name. Another key with a trusted key's id is refused (ERR_KEY_KIND: ids
   are chosen by a key's maker), as is a key that comes with the program (ERR_USAGE). Returns 0 or a negative code;
   the list in memory is unchanged then. */
int trust_add(Trust *t, const SignPublicKey *key, const char *name, Err *err);
/* Removes the user's key 'i' (not a bundled one) and saves the list. */
int trust_remove(Trust *t, size_t i, Err *err);
/* The key with 'id', or NULL. Borrowed until the list changes. */
const TrustKey *trust_find(const Trust *t, const uint8_t id[SIGN_ID_BYTES]);

typedef enum {
    PACKSIG_UNSIGNED,    /* no .minisig beside it (or a folder, which is never signed) */
    PACKSIG_TRUSTED,     /* signed by a trusted key, and it matches */
    PACKSIG_UNKNOWN_KEY, /* signed by a key the user has not trusted: it cannot be checked */
    PACKSIG_REFUSED,     /* a signature that does not match, or cannot be read: the pack must not be opened */
} PackSigState;

typedef struct {
    PackSigState state;
    char key_id[SIGN_ID_TEXT];      /* signed: the key's id */
    char signer[TRUST_NAME_MAX];    /* trusted: the name the user gave the key */
    int bundled;                    /* trusted by a key that came with the program */
    char comment[SIGN_COMMENT_MAX]; /* trusted: the trusted comment ("" otherwise: unchecked, it is not shown) */
    Err error;                      /* refused: why */
} PackSig;

/* Looks for 'pack_path'.minisig and checks it against 't'. Never fails: a signature that cannot be read or does not
   match gives PACKSIG_REFUSED with the reason in 'out->error'. A folder is PACKSIG_UNSIGNED. */
void trust_check_pack(const Trust *t, const char *pack_path, PackSig *out);

/* The trusted comment made fit for one line of the screen: tabs and other control characters as spaces. */
void trust_comment_line(const char *comment, char *out, size_t size);

#endif
