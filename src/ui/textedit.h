/* textedit: an editable UTF-8 text (learners' answers, a file name): a cursor and a selection that move by
   grapheme cluster (libunistring), lines wrapped at the break opportunities of UAX #14 (libunistring) and at line
   ends, and the geometry the reader needs to draw it, click into it and move up and down. */
#ifndef BESEDA_TEXTEDIT_H
#define BESEDA_TEXTEDIT_H

#include <stddef.h>

#include "layout/layout.h"

enum { TE_MAX_BYTES = 256 * 1024 }; /* a bound on what one field holds; typing past it is refused */

typedef struct {
    char *s;
    size_t len, cap;
    size_t cursor, anchor; /* byte offsets; the selection is between them */
    int multiline;
    /* the last layout: line starts in bytes, for a width and font */
    size_t *lines;
    size_t n_lines, cap_lines;
    int face, px, width, line_h;
    int goal_x; /* the x up and down keep to, -1 when unset */
} TextEdit;

void te_init(TextEdit *t, int multiline);
void te_free(TextEdit *t);
/* Replaces the whole text (cursor at its end). Returns 0, or -1 when out of memory or too long. */
int te_set(TextEdit *t, const char *text);
const char *te_text(const TextEdit *t); /* never NULL */

/* Inserts 'text' at the cursor, replacing the selection; line ends are dropped in a one-line field and control
   characters always. Returns 0, or -1 when the field would grow past TE_MAX_BYTES (nothing is inserted). */
int te_insert(TextEdit *t, const char *text);
void te_backspace(TextEdit *t);
void te_delete(TextEdit *t);
/* Moves by one grapheme cluster (dir -1/+1), extending the selection when 'select'. */
void te_move(TextEdit *t, int dir, int select);
/* To the start or end of the line (dir -1/+1), or with 'whole' of the text. */
void te_home_end(TextEdit *t, int dir, int whole, int select);
/* One line up or down (needs te_layout first). */
void te_vertical(TextEdit *t, Fonts *f, int dir, int select);
void te_select_all(TextEdit *t);
int te_has_selection(const TextEdit *t);
/* The selected text (caller frees), or NULL when nothing is selected. */
char *te_selection(const TextEdit *t);

/* What an editing key did. */
typedef enum { TE_KEY_IGNORED, TE_KEY_MOVED, TE_KEY_EDITED, TE_KEY_FULL } TeKey;
/* Applies an editing key (ui/app.h's KEY_* and MOD_*): Left/Right and Up/Down (by line; a one-line field ignores
   them), Home/End (Ctrl: the whole text), Shift with any of them to select, Backspace, Delete, Enter in a multi-line
   field, Ctrl+A, Ctrl+C and Ctrl+X, which put the selection in *copied (caller frees; NULL when nothing). Up/Down
   need te_layout first. TE_KEY_FULL: Enter at TE_MAX_BYTES. Anything else is TE_KEY_IGNORED. */
TeKey te_key(TextEdit *t, Fonts *f, int key, unsigned mods, char **copied);

/* Wraps the text into lines 'width' pixels wide in 'face' at 'px'. Returns the height in pixels. */
int te_layout(TextEdit *t, Fonts *f, int face, int px, int width, float line_height);
/* Where byte 'off' is drawn, relative to the text's top left. */
void te_point(const TextEdit *t, Fonts *f, size_t off, int *x, int *y);
/* The byte offset nearest to (x, y), relative to the text's top left. */
size_t te_offset_at(const TextEdit *t, Fonts *f, int x, int y);
/* Draws the laid-out text at (x, y): selection, text, and the cursor when 'focused'; 'compose' (may be NULL) is
   an input method's unfinished text, drawn underlined at the cursor. */
void te_draw(const TextEdit *t, Fonts *f, DisplayList *dl, int x, int y, int focused, const char *compose);

#endif
