/* tool: what beseda-pack's commands share (beseda_pack.c holds the common part, pack_sign.c the signing commands). */
#ifndef BESEDA_TOOL_H
#define BESEDA_TOOL_H

#include "core/err.h"
#include "core/sign.h"

enum { EXIT_VALID = 0, EXIT_INVALID = 1, EXIT_USAGE = 2 };

/* Prints "beseda-pack: " and the message (a printf format with one string) and a hint to --help; returns
   EXIT_USAGE. */
int tool_usage_error(const char *fmt, const char *arg);
/* Prints the problem on stderr; returns EXIT_INVALID. */
int tool_print_err(const Err *e);

/* keygen -p FILE.pub -s FILE.key [--no-password] [-f] */
int pack_cmd_keygen(int argc, char **argv);
/* sign -s FILE.key [-c "trusted comment"] [-t "untrusted comment"] PACK... */
int pack_cmd_sign(int argc, char **argv);
/* verify (-p FILE.pub | -P KEY) [-x FILE.minisig] PACK */
int pack_cmd_verify(int argc, char **argv);

/* Reads the secret key at 'key_path', asking for its passphrase when it has one (the caller wipes 'key' with
   sign_secret_key_wipe). Prints what went wrong. Returns an exit status. */
int pack_sign_load(const char *key_path, SignSecretKey *key);
/* Signs 'file' with 'key', writing 'file'.minisig; 'comment' is the trusted comment (NULL: minisign's). Prints what
   it did. Returns an exit status. */
int pack_sign_with(const SignSecretKey *key, const char *file, const char *comment);
/* Removes 'file'.minisig, left by an earlier build of 'file' that was signed, saying so. Returns EXIT_VALID, or
   EXIT_INVALID when it is there and cannot be removed. */
int pack_sign_drop_stale(const char *file);

#endif
