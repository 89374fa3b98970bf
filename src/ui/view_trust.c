/* view_trust: the trusted keys' list, adding and removing keys, and how a signature state reads (view_trust.h). */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "os/os.h"
#include "ui/app_impl.h"

/* ---- the words of a signature state ---------------------------------------------------------------------------- */

/* A trusted comment for the screen, after "Signed by NAME": minisign's own ("timestamp:T\tfile:NAME\thashed") as
   the day it was signed, any other as one line after a dash. */
static void comment_words(const char *c, char *out, size_t size)
{
    struct tm tm;
    char *end = NULL;
    int digits = strncmp(c, "timestamp:", 10) == 0 && c[10] >= '0' && c[10] <= '9';
    errno = 0;
    long long t = digits ? strtoll(c + 10, &end, 10) : 0;
    if (digits && errno == 0 && (*end == '\0' || *end == '\t') && os_gmtime((time_t)t, &tm) == 0) {
        char day[32];
        strftime(day, sizeof day, "%Y-%m-%d", &tm);
        snprintf(out, size, _(" on %s"), day);
        return;
    }
    char line[300];
    trust_comment_line(c, line, sizeof line);
    snprintf(out, size, " \xe2\x80\x94 %s", line);
}

void trust_ui_state(const PackSig *s, int comment, char *out, size_t size)
{
    char words[320];
    switch (s->state) {
    case PACKSIG_TRUSTED:
        if (s->bundled)
            snprintf(out, size, "%s", _("\xe2\x9c\x93 Signed by the editors of Beseda"));
        else
            snprintf(out, size, _("\xe2\x9c\x93 Signed by %s"), s->signer);
        if (comment && s->comment[0]) {
            comment_words(s->comment, words, sizeof words);
            size_t n = strlen(out);
            snprintf(out + n, size - n, "%s", words);
        }
        break;
    case PACKSIG_UNKNOWN_KEY:
        snprintf(out, size, _("Signed by key %s, which you have not trusted"), s->key_id);
        break;
    case PACKSIG_REFUSED:
        snprintf(out, size, _("Refused: %s"), s->error.msg);
        break;
    default:
        snprintf(out, size, "%s", _("Unsigned: nothing shows who made it or that it is unchanged"));
        break;
    }
}

int trust_ui_state_colour(const PackSig *s)
{
    return s->state == PACKSIG_TRUSTED ? COL_TEXT : s->state == PACKSIG_REFUSED ? COL_ERROR : COL_MUTED;
}

/* ---- adding a key -------------------------------------------------------------------------------------------------
 */

/* After the trusted keys changed: every card's signature is checked again, and the open pack's page too. */
static void keys_changed(App *a)
{
    library_recheck_all(&a->lib);
    library_link(&a->lib);
    a->page_valid = 0;
    a->dirty = 1;
}

static int name_chosen(App *a, const char *name)
{
    size_t n = strlen(name);
    char *clean = malloc(n + 1); /* trimmed whole: trust_add cuts it to a name at a character's edge */
    if (!clean)
        return 0;
    memcpy(clean, name, n + 1);
    while (n > 0 && (clean[n - 1] == ' ' || clean[n - 1] == '\t'))
        clean[--n] = '\0';
    const char *start = clean + strspn(clean, " \t");
    if (!start[0]) {
        free(clean);
        app_set_status(a, "%s", _("Give the key a name: the person or group you know it from."));
        return 0;
    }
    Err e;
    err_clear(&e);
    int rc = trust_add(&a->trust, &a->trustv.pending, start, &e);
    free(clean);
    if (rc != 0) {
        app_status_err(a, &e);
        return 0;
    }
    char id[SIGN_ID_TEXT];
    sign_id_text(a->trustv.pending.id, id);
    keys_changed(a);
    const TrustKey *k = trust_find(&a->trust, a->trustv.pending.id);
    app_set_status(a, _("You trust key %s as \xe2\x80\x9c%s\xe2\x80\x9d: packs it signed show that name."), id,
                   k ? k->name : "");
    return 1;
}

/* Asks for the name of the key in trustv.pending. The field starts empty: a .pub file's comment is anybody's words
   (it could read "the editors of Beseda"), so the name is the user's own. */
static void ask_name(App *a)
{
    static const DialogSpec spec = {
        .title = N_("Name this key"),
        .text = N_("Trust a key only when you know whose it is: compare the key below, all of it, with the one its "
                   "owner gave you in person or on a channel you trust (an id alone can be copied). The name is for "
                   "you alone; a pseudonym is fine."),
        .action = N_("Trust it"),
        .field = 1,
        .confirm = name_chosen};
    dialog_open(a, &spec, "");
    char id[SIGN_ID_TEXT], key[SIGN_PK_TEXT], detail[600];
    sign_id_text(a->trustv.pending.id, id);
    sign_public_key_text(&a->trustv.pending, key);
    if (a->trustv.want_id[0] && strcmp(a->trustv.want_id, id) != 0)
        snprintf(detail, sizeof detail, _("Key %s (%s) \xe2\x80\x94 not the key %s that signed the pack you chose."),
                 id, key, a->trustv.want_id);
    else
        snprintf(detail, sizeof detail, _("Key %s: %s"), id, key);
    dialog_set_detail(a, detail);
}

/* The add dialog's field: a pasted key ("RW…") or a .pub file's path. */
static int key_chosen(App *a, const char *text)
{
    SignPublicKey k;
    char comment[SIGN_COMMENT_MAX] = ""; /* read (a long one is no error), not offered as the name */
    Err e;
    err_clear(&e);
    while (*text == ' ' || *text == '\t')
        text++;
    /* a file that exists is read; else text beginning as every minisign key does ("RW") is the key itself (base64
       may hold '/', so it is not told from a path by its characters) */
    int pasted = !os_exists(text) && strncmp(text, "RW", 2) == 0;
    int rc = pasted ? sign_public_key_parse(text, strlen(text), &k, comment, sizeof comment, &e)
                    : sign_public_key_load(text, &k, comment, sizeof comment, &e);
    if (rc != 0) {
        if (!pasted)
            err_set_pack(&e, text);
        app_status_err(a, &e);
        return 0;
    }
    a->trustv.pending = k;
    ask_name(a);
    return 1;
}

void trust_ui_add(App *a, long entry)
{
    static const DialogSpec spec = {
        .title = N_("Trust a key"),
        .text = N_("Choose the public key file (.pub) of the person or group whose packs you want to recognise, or "
                   "paste their key (it begins with RW)."),
        .action = N_("Next"),
        .field = 1,
        .confirm = key_chosen};
    a->trustv.want_id[0] = '\0';
    if (entry >= 0 && (size_t)entry < a->lib.n && a->lib.v[entry].sig &&
        a->lib.v[entry].sig->state == PACKSIG_UNKNOWN_KEY)
        memcpy(a->trustv.want_id, a->lib.v[entry].sig->key_id, sizeof a->trustv.want_id);
    char path[USERDIR_PATH + 16];
    dialog_default_path(a, "", path, sizeof path);
    dialog_ask_file(a, &spec, path, 0, _("Public keys"), "*.pub");
}

int trust_ui_drop(App *a, const char *path)
{
    size_t n = strlen(path);
    if (n < 4 || strcmp(path + n - 4, ".pub") != 0)
        return 0;
    a->trustv.want_id[0] = '\0';
    key_chosen(a, path);
    return 1;
}

/* ---- the list --------------------------------------------------------------------------------------------------- */

void trust_ui_list(App *a)
{
    a->trustv.sel = 0;
    app_push(a, &TRUST_LIST);
    a->dirty = 1;
}

static void remove_key(App *a, size_t i)
{
    if (i >= a->trust.n || a->trust.v[i].bundled)
        return;
    char name[TRUST_NAME_MAX];
    memcpy(name, a->trust.v[i].name, sizeof name);
    Err e;
    err_clear(&e);
    if (trust_remove(&a->trust, i, &e) != 0) {
        app_status_err(a, &e);
        return;
    }
    keys_changed(a);
    app_set_status(a, _("You no longer trust \xe2\x80\x9c%s\xe2\x80\x9d."), name);
    if (a->trustv.sel >= (int)a->trust.n)
        a->trustv.sel = a->trust.n ? (int)a->trust.n - 1 : 0;
}

static int list_frame(App *a)
{
    int ui = app_ui_px(a);
    DisplayList *dl = &a->frame;
    app_hit(a, 0, 0, a->w, a->h, ACT_NOTHING, 0);
    dl_rect(dl, 0, 0, a->w, a->h, COL_SHADE);
    int w = ui * 40 < a->w - 2 * ui ? ui * 40 : a->w - 2 * ui;
    int x = (a->w - w) / 2, row_h = (int)(ui * 3.4f), bh = (int)(ui * 2.4f);
    const char *title = _("Trusted keys");
    const char *text =
        a->trust.n
            ? _("Packs signed by these keys show who signed them. A pack whose signature does not match is "
                "refused.")
            : _("You trust no keys yet. Add the public key (.pub) of someone whose packs you want to recognise.");
    SpanStyle st = {.fonts = a->fonts, .line_height = 1.35f, .max_lines = 0, .align = ALIGN_LEFT};
    DisplayList tmp = {0};
    Span s[3] = {{title, strlen(title), FACE_SANS_BOLD, (int)(ui * 1.2f), COL_TEXT, 0},
                 {"\n", 1, FACE_SANS, ui, COL_TEXT, 0},
                 {text, strlen(text), FACE_SANS, ui, COL_TEXT, 0}};
    int th = layout_spans(&st, s, 3, 0, 0, w - 2 * ui, &tmp);
    int shown = (int)a->trust.n, room = (a->h - th - bh - 6 * ui) / row_h;
    if (shown > room)
        shown = room > 1 ? room : 1;
    int first = a->trustv.sel >= shown ? a->trustv.sel - shown + 1 : 0;
    int h = th + shown * row_h + bh + 4 * ui;
    int y = (a->h - h) / 3 > ui ? (a->h - h) / 3 : ui;
    dl_rect(dl, x - 1, y - 1, w + 2, h + 2, COL_RULE);
    dl_rect(dl, x, y, w, h, COL_CARD);
    dl_append(dl, &tmp, x + ui, y + ui, INT_MIN / 2, INT_MAX / 2, 0);
    dl_free(&tmp);
    int cy = y + ui + th + ui;
    const char *remove = _("Remove");
    int rw = view_button_width(a, remove);
    for (int r = first; r < first + shown && r < (int)a->trust.n; r++, cy += row_h) {
        const TrustKey *k = &a->trust.v[r];
        char id[SIGN_ID_TEXT], sub[200];
        sign_id_text(k->key.id, id);
        if (k->bundled)
            snprintf(sub, sizeof sub, _("key %s \xc2\xb7 comes with Beseda"), id);
        else
            snprintf(sub, sizeof sub, _("key %s"), id);
        const char *name = k->bundled ? _("The editors of Beseda") : k->name;
        if (r == a->trustv.sel)
            dl_frame(dl, x + ui / 2, cy - ui / 4, w - ui, row_h - ui / 4, 2, COL_LINK);
        SpanStyle rs = {.fonts = a->fonts, .line_height = 1.3f, .max_lines = 1, .align = ALIGN_LEFT};
        Span n1 = {name, strlen(name), FACE_SANS_BOLD, ui, COL_TEXT, 0};
        Span n2 = {sub, strlen(sub), FACE_SANS, ui, COL_MUTED, 0};
        int tw = w - 3 * ui - (k->bundled ? 0 : rw + ui);
        int ny = cy + layout_spans(&rs, &n1, 1, x + ui, cy, tw, dl);
        layout_spans(&rs, &n2, 1, x + ui, ny, tw, dl);
        if (!k->bundled)
            view_button(a, x + w - ui - rw, cy + (row_h - bh) / 2 - ui / 4, bh, remove, ACT_TRUST_REMOVE, r, 0);
    }
    /* Add a key..., Close, at the right */
    const char *close = _("Close"), *add = _("Add a key\xe2\x80\xa6");
    int cw = view_button_width(a, close), aw = view_button_width(a, add);
    cy = y + h - ui - bh;
    view_button(a, x + w - ui - cw, cy, bh, close, ACT_TRUST_CLOSE, 0, 0);
    view_button(a, x + w - 2 * ui - cw - aw, cy, bh, add, ACT_TRUST_ADD, -1, 1);
    return 0;
}

static int list_key(App *a, int key, unsigned mods)
{
    if (app_own_key(key, mods))
        return SCR_APP_ONLY;
    int n = (int)a->trust.n;
    switch (key) {
    case KEY_ESCAPE:
        app_pop(a, &TRUST_LIST);
        break;
    case KEY_UP:
        a->trustv.sel = a->trustv.sel > 0 ? a->trustv.sel - 1 : 0;
        break;
    case KEY_DOWN:
        a->trustv.sel = a->trustv.sel + 1 < n ? a->trustv.sel + 1 : a->trustv.sel;
        break;
    case KEY_DELETE:
        remove_key(a, (size_t)a->trustv.sel);
        break;
    case 'a':
    case KEY_ENTER:
        trust_ui_add(a, -1);
        break;
    default:
        break;
    }
    a->dirty = 1;
    return SCR_TAKEN;
}

static int list_press(App *a, const Hit *h, int x, int y)
{
    (void)x, (void)y;
    switch (h->action) {
    case ACT_TRUST_REMOVE:
        a->trustv.sel = (int)h->arg;
        remove_key(a, (size_t)h->arg);
        break;
    case ACT_TRUST_ADD:
        trust_ui_add(a, -1);
        break;
    case ACT_TRUST_CLOSE:
        app_pop(a, &TRUST_LIST);
        break;
    default:
        break;
    }
    a->dirty = 1;
    return 1;
}

static int list_text(App *a, const char *text)
{
    (void)a, (void)text;
    return 1; /* nothing under the list takes typing */
}

const ScreenOps TRUST_LIST = {
    .name = "trusted-keys", .key = list_key, .text = list_text, .press = list_press, .frame = list_frame};
