/* dialog: the modal dialog overlay (see dialog.h). */
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/os.h"
#include "ui/app_impl.h"

void dialog_default_path(const App *a, const char *name, char *out, size_t size)
{
    char dir[USERDIR_PATH];
    if (a->dirs.portable)
        snprintf(dir, sizeof dir, "%s", a->dirs.exe_dir);
    else if (os_user_folder(OS_FOLDER_DOCUMENTS, dir, sizeof dir) != 0)
        snprintf(dir, sizeof dir, ".");
    snprintf(out, size, "%s/%s", dir, name);
}

void dialog_open(App *a, const DialogSpec *spec, const char *path)
{
    Dialog *d = &a->dlg;
    exv_leave(a); /* the page's text field gives up the keyboard: what was typed there is saved first */
    a->page_valid = 0;
    d->spec = *spec;
    d->sel = spec->danger ? 0 : 1; /* forgetting starts on "Cancel" */
    te_free(&d->edit);
    te_init(&d->edit, 0);
    d->detail[0] = '\0';
    d->gen++;
    if (spec->field && path)
        te_set(&d->edit, path);
    app_push(a, &DIALOG);
    a->dirty = 1;
}

void dialog_set_detail(App *a, const char *text)
{
    snprintf(a->dlg.detail, sizeof a->dlg.detail, "%s", text);
    a->dirty = 1;
}

void dialog_ask_file(App *a, const DialogSpec *spec, const char *path, int save, const char *kind, const char *pattern)
{
    if (a->file_chooser) {
        char chosen[USERDIR_PATH + 400];
        exv_leave(a); /* as for the dialog: what was typed on the page is saved first */
        int r = os_choose_file(save, _(spec->title), path, kind, pattern, chosen, sizeof chosen);
        a->dirty = 1;
        if (r == 1)
            spec->confirm(a, chosen); /* its status line says what happened */
        if (r >= 0)
            return;
    }
    dialog_open(a, spec, path);
}

int dialog_typing(const App *a)
{
    return app_is_open(a, &DIALOG) && a->dlg.spec.field;
}

static void button(App *a, int which)
{
    a->dirty = 1;
    unsigned gen = a->dlg.gen;
    if (which == 0)
        app_pop(a, &DIALOG);
    else if (a->dlg.spec.confirm(a, a->dlg.spec.field ? te_text(&a->dlg.edit) : "") && a->dlg.gen == gen)
        app_pop(a, &DIALOG); /* done, unless the action went on to a dialog of its own */
}

static int dialog_key(App *a, int key, unsigned mods)
{
    Dialog *d = &a->dlg;
    TextEdit *t = d->spec.field ? &d->edit : NULL;
    a->dirty = 1;
    switch (key) {
    case KEY_ESCAPE:
        app_pop(a, &DIALOG);
        return SCR_TAKEN;
    case KEY_ENTER:
        button(a, t ? 1 : d->sel);
        return SCR_TAKEN;
    case KEY_TAB:
        d->sel = !d->sel;
        return SCR_TAKEN;
    case KEY_LEFT:
    case KEY_RIGHT:
        if (!t) { /* between the buttons */
            d->sel = key == KEY_RIGHT;
            return SCR_TAKEN;
        }
        break;
    case ' ':
        if (!t)
            button(a, d->sel);
        return SCR_TAKEN;
    default:
        break;
    }
    if (t) { /* the file name is edited like any text field */
        char *copied = NULL;
        te_key(t, a->fonts, key, mods, &copied);
        if (copied)
            app_set_clipboard(a, copied);
        free(copied);
    }
    /* everything else waits for the dialog; Ctrl+Q still quits */
    return key == 'q' && (mods & MOD_CTRL) ? SCR_APP_ONLY : SCR_TAKEN;
}

/* Typed text goes to the field, or nowhere: nothing under a dialog takes it. */
static int dialog_text(App *a, const char *text)
{
    if (a->dlg.spec.field) {
        te_insert(&a->dlg.edit, text);
        a->dirty = 1;
    }
    return 1;
}

static int dialog_press(App *a, const Hit *h, int x, int y)
{
    (void)y;
    if (h->action == ACT_DIALOG) {
        button(a, (int)h->arg);
    } else if (h->action == ACT_DIALOG_FIELD) {
        TextEdit *t = &a->dlg.edit;
        t->cursor = t->anchor = te_offset_at(t, a->fonts, x - (int)h->arg, 0);
        a->dirty = 1;
    }
    return 1;
}

static int dialog_frame(App *a)
{
    Dialog *d = &a->dlg;
    int ui = app_ui_px(a);
    DisplayList *dl = &a->frame;
    app_hit(a, 0, 0, a->w, a->h, ACT_NOTHING, 0);
    dl_rect(dl, 0, 0, a->w, a->h, COL_SHADE); /* what is under the dialog recedes */
    int w = ui * 36 < a->w - 2 * ui ? ui * 36 : a->w - 2 * ui;
    const char *title = _(d->spec.title), *text = _(d->spec.text), *action = _(d->spec.action);
    SpanStyle st = {.fonts = a->fonts, .line_height = 1.35f, .max_lines = 0, .align = ALIGN_LEFT};
    DisplayList tmp = {0};
    Span s[5] = {{title, strlen(title), FACE_SANS_BOLD, (int)(ui * 1.2f), COL_TEXT, 0},
                 {"\n", 1, FACE_SANS, ui, COL_TEXT, 0},
                 {text, strlen(text), FACE_SANS, ui, COL_TEXT, 0},
                 {"\n", 1, FACE_SANS, ui, COL_TEXT, 0},
                 {d->detail, strlen(d->detail), FACE_SANS_BOLD, ui, COL_TEXT, 0}};
    int th = layout_spans(&st, s, d->detail[0] ? 5 : 3, 0, 0, w - 2 * ui, &tmp);
    int field_h = 0;
    if (d->spec.field)
        field_h = te_layout(&d->edit, a->fonts, FACE_SANS, ui, 1 << 20, 1.4f) + ui + ui / 2;
    int bh = (int)(ui * 2.4f), h = th + field_h + bh + 3 * ui;
    int x = (a->w - w) / 2, y = (a->h - h) / 3;
    dl_rect(dl, x - 1, y - 1, w + 2, h + 2, COL_RULE);
    dl_rect(dl, x, y, w, h, COL_CARD);
    dl_append(dl, &tmp, x + ui, y + ui, INT_MIN / 2, INT_MAX / 2, 0);
    dl_free(&tmp);
    int cy = y + ui + th + ui / 2;
    if (d->spec.field) {
        TextEdit *t = &d->edit;
        int fx = x + ui, fw = w - 2 * ui, fh = field_h - ui / 2;
        dl_rect(dl, fx, cy, fw, fh, COL_BG);
        dl_frame(dl, fx, cy, fw, fh, 2, COL_LINK);
        /* a long path scrolls so the cursor stays in view */
        int cx, cyy;
        te_point(t, a->fonts, t->cursor, &cx, &cyy);
        int shift = cx > fw - 2 * ui ? cx - (fw - 2 * ui) : 0;
        dl_clip(dl, fx + 2, cy, fw - 4, fh);
        te_draw(t, a->fonts, dl, fx + ui / 2 - shift, cy + ui / 4, 1, NULL);
        dl_clip(dl, 0, 0, 0, 0);
        app_hit(a, fx, cy, fw, fh, ACT_DIALOG_FIELD, fx + ui / 2 - shift);
        cy += field_h;
    }
    /* buttons at the right: the action, and Cancel (first for the keyboard when forgetting) */
    int bx = x + w - ui;
    const char *labels[2] = {_("Cancel"), action};
    for (int i = 1; i >= 0; i--) {
        int tw = fonts_width(a->fonts, FACE_SANS_BOLD, ui, labels[i], strlen(labels[i]));
        int bw = tw + 2 * ui;
        bx -= bw;
        int sel = d->sel == i;
        int danger = i == 1 && d->spec.danger;
        dl_rect(dl, bx, cy, bw, bh, i == 1 ? (danger ? COL_ERROR : COL_ACCENT) : COL_CODE_BG);
        FontMetrics m;
        fonts_metrics(a->fonts, FACE_SANS_BOLD, ui, &m);
        dl_text(dl, bx + ui, cy + (bh - m.height) / 2, tw, m.height, FACE_SANS_BOLD, ui, i == 1 ? COL_BG : COL_TEXT,
                labels[i], strlen(labels[i]));
        if (sel)
            dl_frame(dl, bx - 3, cy - 3, bw + 6, bh + 6, 2, COL_LINK);
        app_hit(a, bx, cy, bw, bh, ACT_DIALOG, i);
        bx -= ui;
    }
    return 0;
}

const ScreenOps DIALOG = {
    .name = "dialog", .key = dialog_key, .text = dialog_text, .press = dialog_press, .frame = dialog_frame};
