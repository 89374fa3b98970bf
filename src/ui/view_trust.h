/* view_trust: the keys the user trusts to sign packs: their list (an overlay), adding one (a .pub file chosen,
   dropped on the window or its key pasted, then named) and removing one; and the words a pack's signature state is
   shown in, on its card and its first page (docs/reader.md, "Signed packs"). */
#ifndef BESEDA_UI_VIEW_TRUST_H
#define BESEDA_UI_VIEW_TRUST_H

#include <stddef.h>

#include "core/sign.h"
#include "core/trust.h"
#include "ui/screen.h"

typedef struct {
    int sel;                    /* the list's selected row */
    SignPublicKey pending;      /* the key being named */
    char want_id[SIGN_ID_TEXT]; /* the key a pack's card asked for ("" when none) */
} TrustView;

extern const ScreenOps TRUST_LIST;

/* Opens the list of trusted keys. */
void trust_ui_list(App *a);
/* Asks for a key to trust (a .pub file, or the key pasted); 'entry' is the library card that asked (-1: none),
   whose key is then the one expected. */
void trust_ui_add(App *a, long entry);
/* A dropped file: a public key is offered for trusting. Returns 1 when 'path' was one (or looked like one: a
   .pub file, whose problem the status line then says). */
int trust_ui_drop(App *a, const char *path);

/* What a signature state says, in one line: "Signed by NAME", with its trusted comment when 'comment' is set. */
void trust_ui_state(const PackSig *s, int comment, char *out, size_t size);
/* The colour that line is drawn in. */
int trust_ui_state_colour(const PackSig *s);

#endif
