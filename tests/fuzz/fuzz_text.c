/* libFuzzer harness: code points, not bytes, through line breaking and layout (layout_spans) and the text editor
   (textedit). The input is read as a recipe: a width, a size and flags, then code points drawn from the whole
   range (and past it, and surrogates, encoded as the broken UTF-8 a hostile file would hold) or from a list of
   troublesome ones (controls, noncharacters, U+FFFF, joiners, marks, right-to-left letters), then editing steps.
   It checks what must always hold: lines stay in their column, what is drawn is valid UTF-8 holding no character
   a pack may not hold, and the editor's text and cursor stay whole. */
#include <limits.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unigbrk.h>
#include <unistd.h>
#include <unistr.h>

#include "core/text.h"
#include "layout/layout.h"
#include "ui/app.h"
#include "ui/textedit.h"

#include "fuzz_fonts.h"

static const uint32_t troublesome[] = {
    0x0000, 0x0001, 0x0008,  '\t',    '\n',    0x000B,  0x000C,  '\r',     0x001B,   ' ',     '-',
    'a',    0x007F, 0x0085,  0x009F,  0x00A0,  0x00AD,  0x0301,  0x034F,   0x05D0,   0x0627,  0x064B,
    0x0E01, 0x1100, 0x180E,  0x200B,  0x200C,  0x200D,  0x200E,  0x2028,   0x2029,   0x202E,  0x2060,
    0x2066, 0x3000, 0x4E00,  0xD800,  0xDFFF,  0xFDD0,  0xFDEF,  0xFE0F,   0xFEFF,   0xFFFC,  0xFFFD,
    0xFFFE, 0xFFFF, 0x1F469, 0x1F3FD, 0x1FFFE, 0x1FFFF, 0xE0001, 0x10FFFF, 0x110000, 0x1FFFFF};

/* Appends code point c as UTF-8 bytes by the encoding's bit pattern, whatever c is: surrogates and values past
   U+10FFFF come out as the broken sequences a hostile file holds. */
static size_t put(char *out, uint32_t c)
{
    if (c < 0x80) {
        out[0] = (char)c;
        return 1;
    }
    if (c < 0x800) {
        out[0] = (char)(0xC0 | c >> 6);
        out[1] = (char)(0x80 | (c & 0x3F));
        return 2;
    }
    if (c < 0x10000) {
        out[0] = (char)(0xE0 | c >> 12);
        out[1] = (char)(0x80 | ((c >> 6) & 0x3F));
        out[2] = (char)(0x80 | (c & 0x3F));
        return 3;
    }
    out[0] = (char)(0xF0 | ((c >> 18) & 0x07));
    out[1] = (char)(0x80 | ((c >> 12) & 0x3F));
    out[2] = (char)(0x80 | ((c >> 6) & 0x3F));
    out[3] = (char)(0x80 | (c & 0x3F));
    return 4;
}

/* Reads up to n_max code points from the recipe into 'out' (4 * n_max + 1 bytes); returns the text's length. */
static size_t make_text(const uint8_t **p, const uint8_t *end, char *out, size_t n_max)
{
    size_t o = 0;
    for (size_t k = 0; k < n_max && end - *p >= 3; k++) {
        const uint8_t *b = *p;
        *p += 3;
        uint32_t v = (uint32_t)b[0] << 16 | (uint32_t)b[1] << 8 | b[2];
        uint32_t c = (b[0] & 0xC0) == 0xC0   ? troublesome[v % (sizeof troublesome / sizeof *troublesome)]
                     : (b[0] & 0xC0) == 0x80 ? 0x20 + v % 0x60 /* plain ASCII, so words form */
                                             : v % 0x120000;
        o += put(out + o, c);
    }
    out[o] = '\0';
    return o;
}

static void check_drawn(const DisplayList *dl, int x, int width)
{
    for (size_t i = 0; i < dl->n; i++) {
        const DlCmd *c = &dl->v[i];
        if (c->kind != DL_TEXT)
            continue;
        const char *s = dl_str(dl, c);
        if (u8_check((const uint8_t *)s, c->len) || text_find_bad(s, c->len, NULL) != (size_t)-1)
            abort(); /* drawn text is sanitized */
        const uint8_t *u = (const uint8_t *)s, *one = u8_grapheme_next(u, u + c->len);
        if (c->x < x || (c->x + c->w > x + width + 1 && one && one < u + c->len))
            abort(); /* lines stay in their column; only a single character wider than it may stand out */
    }
}

static void check_edit(const TextEdit *t)
{
    const char *s = te_text(t);
    if (strlen(s) != t->len || t->cursor > t->len || t->anchor > t->len)
        abort();
    if (u8_check((const uint8_t *)s, t->len) || text_find_bad(s, t->len, NULL) != (size_t)-1)
        abort(); /* what a field holds is whole UTF-8 with no refused character */
    if (t->cursor < t->len && (s[t->cursor] & 0xC0) == 0x80)
        abort(); /* the cursor is never inside a character */
}

static void edit(const uint8_t *p, const uint8_t *end, const char *text, int width, int px)
{
    TextEdit t;
    te_init(&t, p < end && (*p++ & 1));
    if (te_set(&t, text) != 0) {
        te_free(&t);
        return;
    }
    te_layout(&t, fonts, FACE_SERIF, px, width, 1.3f);
    check_edit(&t);
    char piece[64 * 4 + 1];
    for (int steps = 0; steps < 64 && p < end; steps++) {
        uint8_t op = *p++;
        int sel = op & 0x10;
        switch (op & 0x0F) {
        case 0:
        case 1:
            te_move(&t, op & 1 ? 1 : -1, sel);
            break;
        case 2:
            te_home_end(&t, op & 0x20 ? 1 : -1, op & 0x40, sel);
            break;
        case 3:
            te_vertical(&t, fonts, op & 0x20 ? 1 : -1, sel);
            break;
        case 4:
            make_text(&p, end, piece, 1 + (op >> 5));
            te_insert(&t, piece);
            break;
        case 5:
            te_backspace(&t);
            break;
        case 6:
            te_delete(&t);
            break;
        case 7:
            te_select_all(&t);
            break;
        case 8:
            free(te_selection(&t));
            break;
        case 9: {
            int x = 0, y = 0;
            te_point(&t, fonts, t.cursor, &x, &y);
            if (te_offset_at(&t, fonts, x + (op >> 4) - 8, y) > t.len)
                abort();
            break;
        }
        default: {
            static const int keys[] = {KEY_LEFT,      KEY_RIGHT,  KEY_UP,    KEY_DOWN, KEY_HOME, KEY_END,
                                       KEY_BACKSPACE, KEY_DELETE, KEY_ENTER, 'a',      'c',      'x'};
            char *copied = NULL;
            te_key(&t, fonts, keys[(op >> 4) % 12], (op & 0x80) ? MOD_CTRL : (op & 0x40) ? MOD_SHIFT : 0, &copied);
            free(copied);
            break;
        }
        }
        te_layout(&t, fonts, FACE_SERIF, px, width, 1.3f);
        check_edit(&t);
    }
    DisplayList dl = {0};
    te_draw(&t, fonts, &dl, 10, 10, 1, p < end ? text : NULL);
    dl_free(&dl);
    te_free(&t);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    if (size < 4)
        return 0;
    int width = 8 + data[0] * 3, px = 6 + data[1] % 48, max_lines = data[2] % 4;
    const uint8_t *p = data + 4, *end = data + size;
    static char text[1024 * 4 + 8];
    size_t cps = (size_t)(end - p) / 6 + 1; /* about half of the recipe is text, the rest editing steps */
    size_t len = make_text(&p, end, text, cps < 1024 ? cps : 1024);
    /* the text in up to four spans of alternating faces and sizes */
    Span spans[4];
    unsigned char deco[4]; /* struck through, code (white space kept), both or neither, from the flags */
    size_t n = 1 + data[3] % 4, at = 0;
    for (size_t i = 0; i < n; i++) {
        size_t to = i + 1 == n ? len : len * (i + 1) / n;
        spans[i] = (Span){text + at, to - at, i % 2 ? FACE_SANS_BOLD : FACE_SERIF, px + (int)i * 3, 0, 0};
        deco[i] = (unsigned char)(data[3] >> (2 + 2 * i) & (SPAN_STRIKE | SPAN_CODE));
        at = to;
    }
    SpanStyle st = {.fonts = fonts, .line_height = 1.4f, .max_lines = max_lines, .align = (Align)(data[2] / 4 % 3)};
    DisplayList dl = {0};
    layout_spans_ex(&st, spans, deco, n, 5, 5, width, &dl);
    check_drawn(&dl, 5, width);
    dl_free(&dl);
    int min_w = 0, max_w = 0;
    layout_spans_widths(&st, spans, deco, n, &min_w, &max_w);
    if (min_w < 0 || max_w < min_w)
        abort();
    edit(p, end, text, width, px);
    return 0;
}
