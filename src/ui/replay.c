/* replay: script parsing and execution. */
#include "ui/replay.h"

#include <ctype.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>

#include "os/os.h"
#include "ui/app_impl.h"

enum { MAX_ARGS = 8, MAX_LINE = 4096, STEP_MS = 16 };

typedef struct {
    const char *script;
    int line;
    FILE *log;
    App *a;
    uint32_t now;
    int failed;
    ReplayShot audience_shot;
} Run;

static int fail(Run *r, const char *fmt, ...) __attribute__((format(BESEDA_PRINTF_FORMAT, 2, 3)));
static int fail(Run *r, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    fprintf(r->log, "%s:%d: ", r->script, r->line);
    vfprintf(r->log, fmt, ap);
    fputc('\n', r->log);
    va_end(ap);
    r->failed = 1;
    return -1;
}

/* Splits a line into words; "double quotes" group, ${NAME} is replaced by the environment variable. */
static int split(char *line, char **argv, char *store, size_t store_size)
{
    int argc = 0;
    char *p = line, *o = store, *end = store + store_size - 1;
    while (*p && argc < MAX_ARGS) {
        while (isspace((unsigned char)*p))
            p++;
        if (!*p || *p == '#')
            break;
        argv[argc++] = o;
        int quoted = *p == '"';
        if (quoted)
            p++;
        while (*p && (quoted ? *p != '"' : !isspace((unsigned char)*p)) && o < end) {
            if (p[0] == '$' && p[1] == '{') {
                char *close = strchr(p, '}');
                if (close) {
                    char name[128];
                    size_t n = (size_t)(close - p - 2) < sizeof name - 1 ? (size_t)(close - p - 2) : sizeof name - 1;
                    memcpy(name, p + 2, n);
                    name[n] = '\0';
                    const char *v = os_getenv(name);
                    for (; v && *v && o < end; v++)
                        *o++ = *v;
                    p = close + 1;
                    continue;
                }
            }
            *o++ = *p++;
        }
        if (quoted && *p == '"')
            p++;
        *o++ = '\0';
    }
    return argc;
}

static int parse_key(const char *spec, int *key, unsigned *mods)
{
    static const struct {
        const char *name;
        int key;
    } names[] = {{"Up", KEY_UP},         {"Down", KEY_DOWN},
                 {"Left", KEY_LEFT},     {"Right", KEY_RIGHT},
                 {"PageUp", KEY_PAGEUP}, {"PageDown", KEY_PAGEDOWN},
                 {"Home", KEY_HOME},     {"End", KEY_END},
                 {"Enter", KEY_ENTER},   {"Escape", KEY_ESCAPE},
                 {"Tab", KEY_TAB},       {"F11", KEY_F11},
                 {"Space", ' '},         {"Backspace", KEY_BACKSPACE},
                 {"Plus", '+'},          {"Minus", '-'},
                 {"Delete", KEY_DELETE}, {"F5", KEY_F5}};
    *mods = 0;
    for (;;) {
        if (strncmp(spec, "Ctrl+", 5) == 0 && spec[5]) {
            *mods |= MOD_CTRL;
            spec += 5;
        } else if (strncmp(spec, "Alt+", 4) == 0 && spec[4]) {
            *mods |= MOD_ALT;
            spec += 4;
        } else if (strncmp(spec, "Shift+", 6) == 0 && spec[6]) {
            *mods |= MOD_SHIFT;
            spec += 6;
        } else {
            break;
        }
    }
    for (size_t i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(spec, names[i].name) == 0) {
            *key = names[i].key;
            return 0;
        }
    if (spec[0] && !spec[1] && (unsigned char)spec[0] < 128) {
        *key = tolower((unsigned char)spec[0]);
        return 0;
    }
    return -1;
}

static void send(Run *r, UiEvent e)
{
    r->now += STEP_MS;
    app_handle(r->a, &e, r->now);
    app_tick(r->a, r->now);
}

/* Centre of the first place on screen where the words of 'text' appear in a row. */
static int find_text(App *a, const char *text, int *x, int *y)
{
    const DisplayList *dl = app_frame(a);
    for (size_t i = 0; i < dl->n; i++) /* a label drawn as one run, such as a button's */
        if (dl->v[i].kind == DL_TEXT && strcmp(dl_str(dl, &dl->v[i]), text) == 0) {
            *x = dl->v[i].x + dl->v[i].w / 2;
            *y = dl->v[i].y + dl->v[i].h / 2;
            return 0;
        }
    char words[MAX_LINE];
    snprintf(words, sizeof words, "%s", text);
    char *w[64];
    size_t n = 0;
    for (char *t = strtok(words, " "); t && n < 64; t = strtok(NULL, " "))
        w[n++] = t;
    if (n == 0)
        return -1;
    for (size_t i = 0; i < dl->n; i++) {
        size_t k = 0, j = i;
        while (k < n && j < dl->n) {
            if (dl->v[j].kind != DL_TEXT) {
                j++;
                continue;
            }
            if (strcmp(dl_str(dl, &dl->v[j]), w[k]) != 0)
                break;
            k++;
            j++;
        }
        if (k == n && dl->v[i].kind == DL_TEXT) {
            *x = dl->v[i].x + dl->v[i].w / 2;
            *y = dl->v[i].y + dl->v[i].h / 2;
            return 0;
        }
    }
    return -1;
}

static int on_off(const char *s)
{
    return strcmp(s, "on") == 0 ? 1 : strcmp(s, "off") == 0 ? 0 : -1;
}

static void expect(Run *r, int argc, char **argv)
{
    App *a = r->a;
    const char *what = argv[1], *want = argc > 2 ? argv[2] : "";
    app_frame(a);
    if (strcmp(what, "screen") == 0) {
        const char *got = app_screen(a) == SCREEN_READER ? "reader" : "library";
        if (strcmp(got, want) != 0)
            fail(r, "expected the %s screen, got the %s screen", want, got);
    } else if (strcmp(what, "item") == 0) {
        const char *got = app_item_id(a);
        if (!got || strcmp(got, want) != 0)
            fail(r, "expected item '%s', got '%s'", want, got ? got : "(none)");
    } else if (strcmp(what, "zoom") == 0) {
        if (app_zoom(a) != atoi(want))
            fail(r, "expected zoom %s, got %d", want, app_zoom(a));
    } else if (strcmp(what, "theme") == 0) {
        if (strcmp(theme_name(app_theme(a)), want) != 0)
            fail(r, "expected theme %s, got %s", want, theme_name(app_theme(a)));
    } else if (strcmp(what, "text") == 0 || strcmp(what, "no-text") == 0) {
        char *all = app_frame_text(a);
        int found = all && strstr(all, want) != NULL;
        if (found != (what[0] == 't'))
            fail(r, "expected '%s' %sto be on screen", want, found ? "not " : "");
        free(all);
    } else if (strcmp(what, "status") == 0) {
        if (!strstr(app_status(a), want))
            fail(r, "expected the status to contain '%s', got '%s'", want, app_status(a));
    } else if (strcmp(what, "scroll") == 0) {
        int s = app_scroll(a), max = app_scroll_max(a);
        int ok = strcmp(want, "top") == 0      ? s == 0
                 : strcmp(want, "bottom") == 0 ? s == max && max > 0
                 : strcmp(want, "moved") == 0  ? s > 0
                 : strcmp(want, "middle") == 0 ? s > 0 && s < max
                                               : -1;
        if (ok < 0)
            fail(r, "'expect scroll' takes top, middle, bottom or moved, not '%s'", want);
        else if (!ok)
            fail(r, "expected scroll %s, got %d of %d", want, s, max);
    } else if (strcmp(what, "packs") == 0 || strcmp(what, "invalid") == 0) {
        const Library *lib = app_library(a);
        size_t n = 0;
        for (size_t i = 0; i < lib->n; i++)
            n += what[0] == 'p' || !lib->v[i].ok;
        if (n != (size_t)atol(want))
            fail(r, "expected %s %s, got %zu", want, what, n);
    } else if (strcmp(what, "audience-text") == 0 || strcmp(what, "audience-no-text") == 0) {
        char *all = app_audience_text(a);
        int found = all && strstr(all, want) != NULL;
        if (found != (what[9] == 't'))
            fail(r, "expected '%s' %sto be on the audience screen", want, found ? "not " : "");
        free(all);
    } else if (strcmp(what, "presenting") == 0) {
        int w = on_off(want);
        if (w < 0 || app_presenting(a) != w)
            fail(r, "expected presenting %s, got %s", want, app_presenting(a) ? "on" : "off");
    } else if (strcmp(what, "audience-screen") == 0) {
        static const char *const names[] = {"item", "black", "white"};
        int s = app_audience_screen(a);
        if (strcmp(names[s < 3 && s >= 0 ? s : 0], want) != 0)
            fail(r, "expected the audience to see %s, it sees %s", want, names[s]);
    } else if (strcmp(what, "audience-timer") == 0) {
        int w = on_off(want), got = app_audience_timer(a);
        if (w < 0 || got != w)
            fail(r, "expected the room %sto see a group timer", got ? "not " : "");
    } else if (strcmp(what, "clipboard") == 0) {
        char *c = app_take_clipboard(a);
        if (!c || strcmp(c, want) != 0)
            fail(r, "expected the clipboard to hold '%s', it holds '%s'", want, c ? c : "(nothing)");
        free(c);
    } else if (strcmp(what, "typing") == 0) {
        int x, y, h, got = app_text_input(a, &x, &y, &h), w = on_off(want);
        if (w < 0 || got != w)
            fail(r, "expected typing %s, got %s", want, got ? "on" : "off");
    } else if (strcmp(what, "contents") == 0 || strcmp(what, "fullscreen") == 0) {
        int got = what[0] == 'c' ? app_toc_visible(a) : app_fullscreen(a);
        int w = on_off(want);
        if (w < 0)
            fail(r, "'expect %s' takes on or off", what);
        else if (got != w)
            fail(r, "expected %s %s, got %s", what, want, got ? "on" : "off");
    } else {
        fail(r, "unknown expectation '%s'", what);
    }
}

static int need(Run *r, int argc, int n, const char *usage)
{
    if (argc >= n)
        return 1;
    fail(r, "usage: %s", usage);
    return 0;
}

static int step(Run *r, int argc, char **argv, ReplayShot shot, ReplayResize resize, void *user)
{
    const char *cmd = argv[0];
    App *a = r->a;
    Err e;
    err_clear(&e);
    if (strcmp(cmd, "key") == 0) {
        if (!need(r, argc, 2, "key [Ctrl+][Alt+][Shift+]NAME"))
            return -1;
        UiEvent ev = {.type = UI_KEY};
        if (parse_key(argv[1], &ev.key, &ev.mods) != 0)
            return fail(r, "unknown key '%s'", argv[1]);
        send(r, ev);
    } else if (strcmp(cmd, "type") == 0) {
        if (need(r, argc, 2, "type \"TEXT\""))
            send(r, (UiEvent){.type = UI_TEXT, .text = argv[1]});
    } else if (strcmp(cmd, "paste") == 0) {
        if (need(r, argc, 2, "paste \"TEXT\""))
            send(r, (UiEvent){.type = UI_PASTE, .text = argv[1]});
    } else if (strcmp(cmd, "compose") == 0) {
        if (need(r, argc, 2, "compose \"TEXT\""))
            send(r, (UiEvent){.type = UI_EDITING, .text = argv[1]});
    } else if (strcmp(cmd, "click") == 0) {
        int x, y;
        if (!need(r, argc, 2, "click X Y | click \"TEXT\""))
            return -1;
        if (argc >= 3) {
            x = atoi(argv[1]);
            y = atoi(argv[2]);
        } else if (find_text(a, argv[1], &x, &y) != 0) {
            return fail(r, "'%s' is not on screen", argv[1]);
        }
        send(r, (UiEvent){.type = UI_PRESS, .x = x, .y = y});
        send(r, (UiEvent){.type = UI_RELEASE, .x = x, .y = y});
    } else if (strcmp(cmd, "drag") == 0) {
        if (!need(r, argc, 5, "drag X1 Y1 X2 Y2"))
            return -1;
        int x1 = atoi(argv[1]), y1 = atoi(argv[2]), x2 = atoi(argv[3]), y2 = atoi(argv[4]);
        send(r, (UiEvent){.type = UI_PRESS, .x = x1, .y = y1});
        for (int i = 1; i <= 4; i++)
            send(r, (UiEvent){.type = UI_MOTION, .x = x1 + (x2 - x1) * i / 4, .y = y1 + (y2 - y1) * i / 4});
        send(r, (UiEvent){.type = UI_RELEASE, .x = x2, .y = y2});
    } else if (strcmp(cmd, "wheel") == 0) {
        if (!need(r, argc, 2, "wheel NOTCHES [X Y]"))
            return -1;
        int x = argc >= 4 ? atoi(argv[2]) : a->w - a->w / 3, y = argc >= 4 ? atoi(argv[3]) : a->h / 2;
        send(r, (UiEvent){.type = UI_WHEEL, .dy = atoi(argv[1]), .x = x, .y = y});
    } else if (strcmp(cmd, "drop") == 0) {
        if (need(r, argc, 2, "drop PATH"))
            send(r, (UiEvent){.type = UI_DROP, .text = argv[1]});
    } else if (strcmp(cmd, "open") == 0) {
        if (need(r, argc, 2, "open PATH [ITEM]") && app_open_path(a, argv[1], argc > 2 ? argv[2] : NULL) != 0)
            fail(r, "cannot open '%s': %s", argv[1], app_status(a));
    } else if (strcmp(cmd, "size") == 0) {
        int w = 0, h = 0;
        if (!need(r, argc, 2, "size WxH [SCALE]") || sscanf(argv[1], "%dx%d", &w, &h) != 2 || w < 64 || h < 64 ||
            w > 8192 || h > 8192)
            return fail(r, "bad size '%s' (WxH, 64 to 8192)", argc > 1 ? argv[1] : "");
        float scale = argc > 2 ? (float)atof(argv[2]) : 1.0f;
        if (resize && resize(user, w, h, scale, &e) != 0)
            return fail(r, "%s", e.msg);
        send(r, (UiEvent){.type = UI_RESIZE, .w = w, .h = h, .scale = scale});
    } else if (strcmp(cmd, "wait") == 0) {
        if (!need(r, argc, 2, "wait MILLISECONDS"))
            return -1;
        r->now += (uint32_t)atoi(argv[1]);
        app_tick(a, r->now);
    } else if (strcmp(cmd, "file-chooser") == 0) {
        if (need(r, argc, 2, "file-chooser on|off"))
            app_set_file_chooser(a, on_off(argv[1]) == 1);
    } else if (strcmp(cmd, "displays") == 0) {
        if (need(r, argc, 2, "displays N"))
            send(r, (UiEvent){.type = UI_DISPLAYS, .w = atoi(argv[1])});
    } else if (strcmp(cmd, "audience-size") == 0) {
        int w = 0, h = 0;
        if (!need(r, argc, 2, "audience-size WxH") || sscanf(argv[1], "%dx%d", &w, &h) != 2 || w < 64 || h < 64 ||
            w > 8192 || h > 8192)
            return fail(r, "bad size '%s' (WxH, 64 to 8192)", argc > 1 ? argv[1] : "");
        app_audience_size(a, w, h);
    } else if (strcmp(cmd, "screenshot-audience") == 0) {
        if (need(r, argc, 2, "screenshot-audience FILE.png") && r->audience_shot &&
            r->audience_shot(user, argv[1], &e) != 0)
            fail(r, "%s", e.msg);
    } else if (strcmp(cmd, "screenshot") == 0) {
        if (need(r, argc, 2, "screenshot FILE.png") && shot && shot(user, argv[1], &e) != 0)
            fail(r, "%s", e.msg);
    } else if (strcmp(cmd, "expect") == 0) {
        if (need(r, argc, 2, "expect WHAT [VALUE]"))
            expect(r, argc, argv);
    } else if (strcmp(cmd, "quit") == 0) {
        send(r, (UiEvent){.type = UI_QUIT});
    } else {
        fail(r, "unknown command '%s'", cmd);
    }
    return 0;
}

int replay_run(const char *path, App *a, ReplayShot shot, ReplayShot audience_shot, ReplayResize resize, void *user,
               FILE *log)
{
    Run r = {path, 0, log, a, 0, 0, audience_shot};
    FILE *f = os_fopen(path, "rb");
    if (!f) {
        fprintf(log, "%s: cannot read the script: %s\n", path, strerror(errno));
        return 1;
    }
    char line[MAX_LINE], store[MAX_LINE * 2];
    while (fgets(line, sizeof line, f) && !app_quit_requested(a)) {
        r.line++;
        char *argv[MAX_ARGS];
        int argc = split(line, argv, store, sizeof store);
        if (argc > 0)
            step(&r, argc, argv, shot, resize, user);
    }
    fclose(f);
    return r.failed;
}
