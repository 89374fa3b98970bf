/* textedit: an editable UTF-8 text with a cursor, a selection and wrapped lines. */
#include "textedit.h"

#include <stdlib.h>
#include <string.h>
#include <unigbrk.h>
#include <unistr.h>

#include "core/text.h"
#include "layout/layout.h"
#include "ui/app.h"

void te_init(TextEdit *t, int multiline)
{
    memset(t, 0, sizeof *t);
    t->multiline = multiline;
    t->goal_x = -1;
}

void te_free(TextEdit *t)
{
    free(t->s);
    free(t->lines);
    te_init(t, t->multiline);
}

const char *te_text(const TextEdit *t)
{
    return t->s ? t->s : "";
}

static int reserve(TextEdit *t, size_t len)
{
    if (len + 1 <= t->cap)
        return 0;
    size_t cap = t->cap ? t->cap : 64;
    while (cap < len + 1)
        cap *= 2;
    char *s = realloc(t->s, cap);
    if (!s)
        return -1;
    if (!t->s)
        s[0] = '\0'; /* a new buffer holds the empty text */
    t->s = s;
    t->cap = cap;
    return 0;
}

static void sel_range(const TextEdit *t, size_t *a, size_t *b)
{
    *a = t->cursor < t->anchor ? t->cursor : t->anchor;
    *b = t->cursor < t->anchor ? t->anchor : t->cursor;
}

int te_has_selection(const TextEdit *t)
{
    return t->cursor != t->anchor;
}

static void cut_range(TextEdit *t, size_t a, size_t b)
{
    memmove(t->s + a, t->s + b, t->len - b + 1);
    t->len -= b - a;
    t->cursor = t->anchor = a;
}

int te_set(TextEdit *t, const char *text)
{
    t->len = 0;
    t->cursor = t->anchor = 0;
    if (reserve(t, 0) != 0)
        return -1;
    t->s[0] = '\0';
    return te_insert(t, text);
}

int te_insert(TextEdit *t, const char *text)
{
    /* what goes in: valid UTF-8 only (a broken byte becomes nothing), no control characters but line ends, and a
       noncharacter or C1 control (2 or more bytes) as U+FFFD, as the reader shows them in pages */
    size_t n = strlen(text);
    char *clean = malloc(2 * n + 1);
    if (!clean)
        return -1;
    size_t k = 0;
    const uint8_t *p = (const uint8_t *)text, *end = p + n;
    while (p < end) {
        ucs4_t c;
        int l = u8_mbtouc(&c, p, (size_t)(end - p));
        if (c == 0xFFFD && !(l == 3 && p[0] == 0xEF)) {
            p += l > 0 ? l : 1;
            continue;
        }
        if (c == '\r' || (c == '\n' && !t->multiline)) {
            if (!t->multiline && k > 0 && clean[k - 1] != ' ')
                clean[k++] = ' '; /* a pasted line end in a one-line field is a space */
        } else if (c == '\t') {
            clean[k++] = ' ';
        } else if (text_char_allowed(c)) {
            memcpy(clean + k, p, (size_t)l);
            k += (size_t)l;
        } else if (c >= 0x80) {
            memcpy(clean + k, "\xEF\xBF\xBD", 3);
            k += 3;
        }
        p += l;
    }
    size_t a, b;
    sel_range(t, &a, &b);
    if (t->len - (b - a) + k > TE_MAX_BYTES || reserve(t, t->len - (b - a) + k) != 0) {
        free(clean);
        return -1;
    }
    cut_range(t, a, b);
    memmove(t->s + a + k, t->s + a, t->len - a + 1);
    memcpy(t->s + a, clean, k);
    t->len += k;
    t->cursor = t->anchor = a + k;
    t->goal_x = -1;
    free(clean);
    return 0;
}

static size_t next_g(const TextEdit *t, size_t off)
{
    if (off >= t->len)
        return t->len;
    const uint8_t *s = (const uint8_t *)t->s, *n = u8_grapheme_next(s + off, s + t->len);
    return n ? (size_t)(n - s) : t->len;
}

static size_t prev_g(const TextEdit *t, size_t off)
{
    if (off == 0)
        return 0;
    const uint8_t *s = (const uint8_t *)t->s, *p = u8_grapheme_prev(s + off, s);
    return p ? (size_t)(p - s) : 0;
}

void te_backspace(TextEdit *t)
{
    size_t a, b;
    sel_range(t, &a, &b);
    if (a == b)
        a = prev_g(t, b);
    if (a < b)
        cut_range(t, a, b);
    t->goal_x = -1;
}

void te_delete(TextEdit *t)
{
    size_t a, b;
    sel_range(t, &a, &b);
    if (a == b)
        b = next_g(t, a);
    if (a < b)
        cut_range(t, a, b);
    t->goal_x = -1;
}

void te_move(TextEdit *t, int dir, int select)
{
    size_t a, b;
    sel_range(t, &a, &b);
    if (!select && a != b) /* an arrow collapses a selection to its side */
        t->cursor = dir < 0 ? a : b;
    else
        t->cursor = dir < 0 ? prev_g(t, t->cursor) : next_g(t, t->cursor);
    if (!select)
        t->anchor = t->cursor;
    t->goal_x = -1;
}

static size_t line_of(const TextEdit *t, size_t off)
{
    size_t l = 0;
    while (l + 1 < t->n_lines && t->lines[l + 1] <= off)
        l++;
    return l;
}

/* The end of line l: before its line end character, or before the space a wrapped line ends with (the cursor
   there would otherwise show at the start of the next line). */
static size_t line_end(const TextEdit *t, size_t l)
{
    int last = l + 1 >= t->n_lines;
    size_t e = last ? t->len : t->lines[l + 1];
    if (e > t->lines[l] && !last && (t->s[e - 1] == '\n' || t->s[e - 1] == ' '))
        e--;
    return e;
}

void te_home_end(TextEdit *t, int dir, int whole, int select)
{
    if (whole || t->n_lines == 0) {
        t->cursor = dir < 0 ? 0 : t->len;
    } else {
        size_t l = line_of(t, t->cursor);
        t->cursor = dir < 0 ? t->lines[l] : line_end(t, l);
    }
    if (!select)
        t->anchor = t->cursor;
    t->goal_x = -1;
}

void te_select_all(TextEdit *t)
{
    t->anchor = 0;
    t->cursor = t->len;
}

char *te_selection(const TextEdit *t)
{
    size_t a, b;
    sel_range(t, &a, &b);
    if (a == b)
        return NULL;
    char *s = malloc(b - a + 1);
    if (s) {
        memcpy(s, t->s + a, b - a);
        s[b - a] = '\0';
    }
    return s;
}

/* ---- geometry ------------------------------------------------------------------------------------------------ */

static int add_line(TextEdit *t, size_t start)
{
    if (t->n_lines == t->cap_lines) {
        size_t cap = t->cap_lines ? t->cap_lines * 2 : 16;
        size_t *v = realloc(t->lines, cap * sizeof *v);
        if (!v)
            return -1;
        t->lines = v;
        t->cap_lines = cap;
    }
    t->lines[t->n_lines++] = start;
    return 0;
}

/* Width of s[a..b) without trailing spaces and line ends (they hang past the margin). */
static int run_width(Fonts *f, int face, int px, const char *s, size_t a, size_t b)
{
    while (b > a && (s[b - 1] == ' ' || s[b - 1] == '\n'))
        b--;
    return b > a ? fonts_width(f, face, px, s + a, b - a) : 0;
}

int te_layout(TextEdit *t, Fonts *f, int face, int px, int width, float line_height)
{
    t->n_lines = 0;
    t->face = face;
    t->px = px;
    t->width = width;
    FontMetrics m;
    fonts_metrics(f, face, px, &m);
    t->line_h = (int)(px * line_height + 0.5f);
    if (t->line_h < m.height)
        t->line_h = m.height;
    if (add_line(t, 0) != 0)
        return t->line_h;
    if (t->len == 0 || !t->multiline)
        return t->line_h;
    char *brks = malloc(t->len);
    if (!brks)
        return t->line_h;
    if (layout_breaks(t->s, t->len, brks) != 0) {
        free(brks);
        return t->line_h;
    }
    size_t start = 0, fit = 0; /* the last break opportunity that still fits */
    for (size_t i = 0; i < t->len; i++) {
        int must = brks[i] == LAYOUT_BREAK_MUST && i + 1 < t->len, can = brks[i] == LAYOUT_BREAK_ALLOW;
        if (!must && !can && i + 1 < t->len)
            continue;
        size_t p = i + 1;
        if (run_width(f, face, px, t->s, start, p) > width) {
            if (fit > start) { /* break at the last opportunity that fitted, then look at this one again */
                start = fit;
                add_line(t, start);
                i = start - 1;
                fit = start;
                continue;
            }
            /* one word wider than the field: break it between grapheme clusters */
            size_t q = start, last = next_g(t, start);
            while ((q = next_g(t, q)) <= p && run_width(f, face, px, t->s, start, q) <= width)
                last = q;
            start = last;
            add_line(t, start);
            i = start - 1;
            fit = start;
            continue;
        }
        fit = p;
        if (must) {
            start = p;
            add_line(t, start);
        }
    }
    free(brks);
    return (int)t->n_lines * t->line_h;
}

void te_point(const TextEdit *t, Fonts *f, size_t off, int *x, int *y)
{
    size_t l = t->n_lines ? line_of(t, off) : 0;
    size_t s = t->n_lines ? t->lines[l] : 0;
    if (off > t->len)
        off = t->len;
    *x = off > s ? fonts_width(f, t->face, t->px, t->s + s, off - s) : 0;
    *y = (int)l * t->line_h;
}

static size_t nearest_in_line(const TextEdit *t, Fonts *f, size_t l, int x)
{
    size_t s = t->lines[l], e = line_end(t, l), best = s;
    int bestd = x < 0 ? -x : x;
    for (size_t q = next_g(t, s); q <= e && q > s; q = next_g(t, q)) {
        int w = fonts_width(f, t->face, t->px, t->s + s, q - s), d = w > x ? w - x : x - w;
        if (d < bestd) {
            bestd = d;
            best = q;
        }
        if (w > x || q == t->len)
            break;
    }
    return best;
}

size_t te_offset_at(const TextEdit *t, Fonts *f, int x, int y)
{
    if (t->n_lines == 0 || t->line_h <= 0)
        return 0;
    long l = y < 0 ? 0 : y / t->line_h;
    if (l >= (long)t->n_lines)
        l = (long)t->n_lines - 1;
    return nearest_in_line(t, f, (size_t)l, x);
}

void te_vertical(TextEdit *t, Fonts *f, int dir, int select)
{
    if (t->n_lines == 0)
        return;
    size_t l = line_of(t, t->cursor);
    if ((dir < 0 && l == 0) || (dir > 0 && l + 1 >= t->n_lines)) {
        te_home_end(t, dir, 1, select);
        return;
    }
    if (t->goal_x < 0) {
        int y;
        te_point(t, f, t->cursor, &t->goal_x, &y);
    }
    int goal = t->goal_x;
    t->cursor = nearest_in_line(t, f, dir < 0 ? l - 1 : l + 1, goal);
    if (!select)
        t->anchor = t->cursor;
    t->goal_x = goal; /* kept through lines shorter than the one we started on */
}

void te_draw(const TextEdit *t, Fonts *f, DisplayList *dl, int x, int y, int focused, const char *compose)
{
    FontMetrics m;
    fonts_metrics(f, t->face, t->px, &m);
    int top = (t->line_h - m.height) / 2;
    size_t a, b;
    sel_range(t, &a, &b);
    for (size_t l = 0; l < t->n_lines; l++) {
        size_t s = t->lines[l], e = line_end(t, l);
        int ly = y + (int)l * t->line_h;
        if (a < b && a <= e && b > s) { /* the selected part of this line */
            size_t sa = a > s ? a : s, sb = b < e ? b : e;
            int xa = sa > s ? fonts_width(f, t->face, t->px, t->s + s, sa - s) : 0;
            int xb = sb > s ? fonts_width(f, t->face, t->px, t->s + s, sb - s) : 0;
            int extra = b > e && l + 1 < t->n_lines ? t->px / 3 : 0; /* a selected line end */
            dl_rect(dl, x + xa, ly, xb - xa + extra, t->line_h, COL_SELECT);
        }
        int cx = x;
        for (size_t p = s; p < e;) { /* in runs of one font each (fallback for scripts PT lacks) */
            int face;
            size_t n = fonts_span(f, t->face, t->px, t->s + p, e - p, &face);
            int w = fonts_width(f, face, t->px, t->s + p, n);
            int in_sel = a < b && p >= a && p + n <= b;
            dl_text(dl, cx, ly + top, w, m.height, face, t->px, in_sel ? COL_SELECT_TEXT : COL_TEXT, t->s + p, n);
            cx += w;
            p += n;
        }
    }
    if (!focused)
        return;
    int cx, cy;
    te_point(t, f, t->cursor, &cx, &cy);
    if (compose && compose[0]) {
        int w = fonts_width(f, t->face, t->px, compose, strlen(compose));
        dl_rect(dl, x + cx, y + cy, w, t->line_h, COL_CODE_BG);
        dl_text(dl, x + cx, y + cy + top, w, m.height, t->face, t->px, COL_TEXT, compose, strlen(compose));
        dl_rect(dl, x + cx, y + cy + t->line_h - 2, w, 2, COL_ACCENT);
        cx += w;
    }
    int cw = t->px / 12 > 2 ? t->px / 12 : 2;
    dl_rect(dl, x + cx, y + cy, cw, t->line_h, COL_TEXT);
}

TeKey te_key(TextEdit *t, Fonts *f, int key, unsigned mods, char **copied)
{
    *copied = NULL;
    int sel = (mods & MOD_SHIFT) != 0;
    if (mods & MOD_CTRL) {
        switch (key) {
        case 'a':
            te_select_all(t);
            return TE_KEY_MOVED;
        case 'c':
        case 'x':
            *copied = te_selection(t);
            if (key == 'x' && *copied) {
                te_backspace(t);
                return TE_KEY_EDITED;
            }
            return TE_KEY_MOVED;
        case KEY_HOME:
        case KEY_END:
            te_home_end(t, key == KEY_HOME ? -1 : 1, 1, sel);
            return TE_KEY_MOVED;
        default:
            return TE_KEY_IGNORED;
        }
    }
    switch (key) {
    case KEY_LEFT:
    case KEY_RIGHT:
        te_move(t, key == KEY_LEFT ? -1 : 1, sel);
        return TE_KEY_MOVED;
    case KEY_UP:
    case KEY_DOWN:
        if (!t->multiline)
            return TE_KEY_IGNORED;
        te_vertical(t, f, key == KEY_UP ? -1 : 1, sel);
        return TE_KEY_MOVED;
    case KEY_HOME:
    case KEY_END:
        te_home_end(t, key == KEY_HOME ? -1 : 1, 0, sel);
        return TE_KEY_MOVED;
    case KEY_BACKSPACE:
        te_backspace(t);
        return TE_KEY_EDITED;
    case KEY_DELETE:
        te_delete(t);
        return TE_KEY_EDITED;
    case KEY_ENTER:
        if (!t->multiline)
            return TE_KEY_IGNORED;
        return te_insert(t, "\n") == 0 ? TE_KEY_EDITED : TE_KEY_FULL;
    default:
        return TE_KEY_IGNORED;
    }
}
