/* displaylist: growing arrays of drawing commands with a text arena (declared in layout.h). */
#include <stdlib.h>
#include <string.h>

#include "layout/layout.h"

void dl_reset(DisplayList *dl)
{
    dl->n = 0;
    dl->arena_len = 0;
    dl->failed = 0;
}

void dl_free(DisplayList *dl)
{
    free(dl->v);
    free(dl->arena);
    memset(dl, 0, sizeof *dl);
}

static DlCmd *push(DisplayList *dl, DlKind kind, int x, int y, int w, int h)
{
    if (dl->n == dl->cap) {
        size_t cap = dl->cap ? dl->cap * 2 : 256;
        DlCmd *v = realloc(dl->v, cap * sizeof *v);
        if (!v) {
            dl->failed = 1;
            return NULL;
        }
        dl->v = v;
        dl->cap = cap;
    }
    DlCmd *c = &dl->v[dl->n++];
    memset(c, 0, sizeof *c);
    c->kind = (uint8_t)kind;
    c->x = x;
    c->y = y;
    c->w = w;
    c->h = h;
    return c;
}

/* Copies s into the arena (NUL-terminated); returns its offset or UINT32_MAX. */
static uint32_t keep(DisplayList *dl, const char *s, size_t len)
{
    if (len > UINT32_MAX / 2)
        return UINT32_MAX;
    if (dl->arena_len + len + 1 > dl->arena_cap) {
        size_t cap = dl->arena_cap ? dl->arena_cap * 2 : 4096;
        while (cap < dl->arena_len + len + 1)
            cap *= 2;
        char *a = realloc(dl->arena, cap);
        if (!a) {
            dl->failed = 1;
            return UINT32_MAX;
        }
        dl->arena = a;
        dl->arena_cap = cap;
    }
    uint32_t off = (uint32_t)dl->arena_len;
    memcpy(dl->arena + off, s, len);
    dl->arena[off + len] = '\0';
    dl->arena_len += len + 1;
    return off;
}

void dl_rect(DisplayList *dl, int x, int y, int w, int h, int color)
{
    DlCmd *c = push(dl, DL_RECT, x, y, w, h);
    if (c)
        c->color = (uint8_t)color;
}

void dl_frame(DisplayList *dl, int x, int y, int w, int h, int thickness, int color)
{
    DlCmd *c = push(dl, DL_FRAME, x, y, w, h);
    if (c) {
        c->color = (uint8_t)color;
        c->px = thickness < 1 ? 1 : thickness;
    }
}

void dl_clip(DisplayList *dl, int x, int y, int w, int h)
{
    push(dl, DL_CLIP, x, y, w, h);
}

/* A command carrying a string (text or image key), the string copied into the arena. */
static DlCmd *push_string(DisplayList *dl, DlKind kind, int x, int y, int w, int h, const char *s, size_t len)
{
    uint32_t off = keep(dl, s, len);
    if (off == UINT32_MAX)
        return NULL;
    DlCmd *c = push(dl, kind, x, y, w, h);
    if (!c)
        return NULL;
    c->off = off;
    c->len = (uint32_t)len;
    return c;
}

DlCmd *dl_text(DisplayList *dl, int x, int y, int w, int h, int face, int px, int color, const char *s, size_t len)
{
    DlCmd *c = push_string(dl, DL_TEXT, x, y, w, h, s, len);
    if (!c)
        return NULL;
    c->face = (uint8_t)face;
    c->px = px;
    c->color = (uint8_t)color;
    return c;
}

DlCmd *dl_image(DisplayList *dl, int x, int y, int w, int h, const char *entry)
{
    return push_string(dl, DL_IMAGE, x, y, w, h, entry, strlen(entry));
}

void dl_append(DisplayList *dl, const DisplayList *src, int dx, int dy, int top, int bottom, int link_base)
{
    for (size_t i = 0; i < src->n; i++) {
        const DlCmd *s = &src->v[i];
        if (s->kind != DL_CLIP && (s->y >= bottom || s->y + s->h <= top))
            continue;
        int str = s->kind == DL_TEXT || s->kind == DL_IMAGE;
        DlCmd *c = str ? push_string(dl, (DlKind)s->kind, 0, 0, 0, 0, src->arena + s->off, s->len)
                       : push(dl, (DlKind)s->kind, 0, 0, 0, 0);
        if (!c)
            return;
        uint32_t off = c->off;
        *c = *s;
        c->off = off;
        c->x += dx;
        c->y += dy;
        if (c->link)
            c->link += link_base;
    }
}
