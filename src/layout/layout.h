/* layout: the document model and fonts turned into positioned boxes (a display list), with line breaking by
   UAX #14 (libunistring). Needs fonts but no window, so it is tested headless. */
#ifndef BESEDA_LAYOUT_H
#define BESEDA_LAYOUT_H

#include <stddef.h>
#include <stdint.h>

#include "core/doc.h"
#include "layout/font.h"
#include "layout/hyphen.h"

/* Colours are roles; the theme maps them at draw time, so switching themes needs no new layout. */
typedef enum {
    COL_BG,
    COL_TEXT,
    COL_MUTED,
    COL_LINK,
    COL_ACCENT,
    COL_CODE_BG,
    COL_CODE_EDGE, /* the outline of inline code: the tint itself where a tint is seen, a line where it is not */
    COL_RULE,
    COL_QUOTE,
    COL_PANEL,
    COL_PANEL_TEXT,
    COL_SELECT,
    COL_SELECT_TEXT,
    COL_ERROR,
    COL_CARD,
    COL_BLACK, /* the same in every theme: the projector's black and white screens */
    COL_WHITE,
    COL_SHADE,     /* over the window under a dialog: colour and opacity (the top byte) */
    COL_IMAGE_DIM, /* over every picture: a dark theme dims pictures so they do not glare; top byte 0: none */
    COL_COUNT
} ColorRole;

typedef enum {
    DL_RECT,  /* filled rectangle */
    DL_TEXT,  /* one shaped run of text; y is the top of its font box */
    DL_IMAGE, /* an image from the pack scaled to w x h; 'text' is its entry name */
    DL_CLIP,  /* later commands are clipped to this rectangle; w = 0 clears clipping */
    DL_FRAME  /* a rectangle outline, 'px' pixels thick */
} DlKind;

typedef struct {
    uint8_t kind, face, color;
    int x, y, w, h;
    int px;            /* text: font size in pixels; frame: thickness */
    uint32_t off, len; /* text bytes in the list's arena */
    int link;          /* 1-based index of a link target in the owner's table, 0 for none */
} DlCmd;

/* A list of drawing commands with its own text arena (texts are addressed by offset, so growth is safe). */
typedef struct {
    DlCmd *v;
    size_t n, cap;
    char *arena;
    size_t arena_len, arena_cap;
    int failed; /* an allocation failed: the list is incomplete */
} DisplayList;

void dl_reset(DisplayList *dl);
void dl_free(DisplayList *dl);
void dl_rect(DisplayList *dl, int x, int y, int w, int h, int color);
void dl_frame(DisplayList *dl, int x, int y, int w, int h, int thickness, int color);
void dl_clip(DisplayList *dl, int x, int y, int w, int h);
DlCmd *dl_text(DisplayList *dl, int x, int y, int w, int h, int face, int px, int color, const char *s, size_t len);
DlCmd *dl_image(DisplayList *dl, int x, int y, int w, int h, const char *entry);
static inline const char *dl_str(const DisplayList *dl, const DlCmd *c)
{
    return dl->arena + c->off;
}
/* Appends 'src' moved by (dx, dy), keeping only commands that meet the band [top, bottom) of src coordinates;
   link indices are offset by 'link_base'. */
void dl_append(DisplayList *dl, const DisplayList *src, int dx, int dy, int top, int bottom, int link_base);

/* One piece of styled text for layout_spans. */
typedef struct {
    const char *text;
    size_t len;
    int face, px, color;
    int link; /* 1-based link index, 0 for none */
} Span;

typedef enum { ALIGN_LEFT, ALIGN_CENTER, ALIGN_RIGHT } Align;

typedef struct {
    Fonts *fonts;
    float line_height; /* multiple of the font size, e.g. 1.45 */
    int max_lines;     /* 0: no limit; else the text is cut with an ellipsis after this many lines */
    Align align;
    Hyphens *hyph;    /* NULL: words that must break do so between characters, with no hyphen */
    const char *lang; /* the text's language, for 'hyph' */
} SpanStyle;

/* Breaks and places 'spans' in the column [x, x + width) from 'y' down, appending DL_TEXT commands to 'dl'.
   Lines are never wider than 'width': a word longer than the column, or one that does not fit at a line's end in
   a narrow column, is broken at a hyphenation point with a hyphen drawn (st->hyph), else between characters.
   Returns the height used. A hard line break is a span text of "\n". */
int layout_spans(const SpanStyle *st, const Span *spans, size_t n, int x, int y, int width, DisplayList *dl);

/* Decorations of a span, combinable: SPAN_STRIKE draws a line through its text in the text's colour; SPAN_CODE
   puts the text on a COL_CODE_BG background, with its white space kept and drawn, so code of spaces only is
   still seen. Links (Span.link) are underlined without asking. */
enum { SPAN_STRIKE = 1, SPAN_CODE = 2 };

/* layout_spans with a decoration for each span: 'deco' holds n of them, or is NULL for none. */
int layout_spans_ex(const SpanStyle *st, const Span *spans, const unsigned char *deco, size_t n, int x, int y,
                    int width, DisplayList *dl);

/* Line break opportunities of UTF-8 text by UAX #14 (libunistring): brk[i] tells whether a line may or must end
   after byte i (the end of the text is a must). 'brk' holds n bytes. Returns 0, or -1 when out of memory. */
enum { LAYOUT_BREAK_NONE, LAYOUT_BREAK_ALLOW, LAYOUT_BREAK_MUST };
int layout_breaks(const char *s, size_t n, char *brk);

/* Width of the widest unbreakable word and of the whole text on one line (for table columns); 'deco' as for
   layout_spans_ex, or NULL. */
void layout_spans_widths(const SpanStyle *st, const Span *spans, const unsigned char *deco, size_t n, int *min_w,
                         int *max_w);

/* How the document's images are found: resolve 'href' (as written in the page) to an entry and give its
   pixel size; return 0, or -1 with a message in 'why'. */
typedef int (*ImageSizeFn)(void *user, const char *href, char *entry, size_t entry_size, int *w, int *h, char *why,
                           size_t why_size);

typedef struct {
    Fonts *fonts;
    const char *lang; /* the text's language: hyphenation (UAX #14 line breaking does not tailor by it) */
    int width;        /* column width in pixels */
    int body_px;      /* body font size in pixels (zoom and display scale applied) */
    ImageSizeFn image_size;
    void *image_user;
    Hyphens *hyph; /* hyphenation of words in 'lang', or NULL for none */
} LayoutParams;

typedef struct {
    DisplayList dl; /* in page coordinates: (0, 0) is the column's top left */
    int width, height;
    char **links; /* targets, dl link index - 1 */
    size_t n_links;
} Layout;

/* Lays out a whole page. Returns 0, or a negative code with 'err' filled when memory ran out. */
int layout_doc(const Doc *d, const LayoutParams *p, Layout *out, Err *err);
/* Markdown text that is not a file of its own (an exercise's prompt, a note) parsed and laid out like a page.
   Returns 0, or a negative code with 'err' filled (text the parser refuses, no memory); 'out' is then empty. */
int layout_markdown(const char *text, const LayoutParams *p, Layout *out, Err *err);
/* The layout's commands, moved by (dx, dy), appended to 'dl' with their links cut: for places where a link cannot
   be followed (the room's screen, the lecturer's panel). */
void layout_append_unlinked(DisplayList *dl, const Layout *l, int dx, int dy);
void layout_free(Layout *l);

#endif
