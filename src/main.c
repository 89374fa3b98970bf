/* beseda: the reader. Opens lesson packs in a window, or renders without a display (--screenshot, --replay). */
/* Our own main() on every system (the Windows build defines SDL_MAIN_HANDLED): the OS layer gives it UTF-8
   arguments there. */
#include <SDL2/SDL.h>
#include <SDL2/SDL_image.h>
#include <SDL2/SDL_ttf.h>
#include <ctype.h>
#include <libintl.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "core/pack.h"
#include "core/i18n.h"
#include "core/manifest.h"
#include "core/userdir.h"
#include "core/version.h"
#include "os/os.h"
#include "platform/render.h"
#include "ui/app.h"
#include "ui/replay.h"

#define _(s) gettext(s)

typedef struct {
    const char *screenshot, *replay, *open, *item, *theme, *data, *lang;
    int w, h, zoom;
    float scale;
    const char **packs;
    int n_packs;
} Args;

/* Prints an error (a whole line, "beseda: ..." and a newline); where stderr cannot be seen, as for a Windows
   program started with a double click, a message box shows it as well. */
static void say_error(const char *fmt, ...)
{
    char msg[2048];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    fputs(msg, stderr);
    if (!os_stderr_is_visible())
        SDL_ShowSimpleMessageBox(SDL_MESSAGEBOX_ERROR, "Beseda", msg, NULL);
}

static void usage(FILE *f)
{
    fprintf(f, "%s",
            _("Usage: beseda [OPTION]... [PACK]...\n"
              "Reads human-rights education lesson packs (.beseda files or pack folders), offline.\n"
              "\n"
              "  --open PACK          open PACK in the reader at once\n"
              "  --item ID            start at item ID of that pack\n"
              "  --lang LANG          show packs in LANG first (a pack folder reloads as its files change)\n"
              "  --theme NAME         light, dark or contrast\n"
              "  --zoom PERCENT       75 to 300\n"
              "  --data FOLDER        keep settings, reading positions and answers in FOLDER\n"
              "  --screenshot OUT.png render one frame without a display and exit\n"
              "  --size WxH           frame size for --screenshot and --replay (default 1280x720)\n"
              "  --scale FACTOR       display scale for --screenshot and --replay (HiDPI), default 1\n"
              "  --replay SCRIPT      run a scripted session without a display (see docs/architecture.md)\n"
              "  --help, --version\n"
              "\n"
              "Keys: arrows, Page Up/Down, Space, Home/End; Alt+Left/Right back and forward; Ctrl+= and Ctrl+-\n"
              "zoom; Ctrl+T theme; T contents; L languages; P progress; F11 full screen; Esc library; Ctrl+Q quit.\n"
              "In an exercise: Tab and the arrows move, Space chooses, Ctrl+Enter checks.\n"));
}

static int need_value(int argc, char **argv, int i)
{
    if (i + 1 < argc)
        return 1;
    say_error(_("beseda: %s needs a value; see beseda --help\n"), argv[i]);
    return 0;
}

/* Returns 0, 1 for bad arguments (message printed), or 2 when --help/--version was answered. */
static int parse_args(int argc, char **argv, Args *a)
{
    memset(a, 0, sizeof *a);
    a->w = 1280;
    a->h = 720;
    a->scale = 1.0f;
    a->packs = calloc((size_t)argc, sizeof *a->packs);
    if (!a->packs)
        return 1;
    for (int i = 1; i < argc; i++) {
        const char *o = argv[i];
        const char **slot = strcmp(o, "--screenshot") == 0 ? &a->screenshot
                            : strcmp(o, "--replay") == 0   ? &a->replay
                            : strcmp(o, "--open") == 0     ? &a->open
                            : strcmp(o, "--item") == 0     ? &a->item
                            : strcmp(o, "--theme") == 0    ? &a->theme
                            : strcmp(o, "--data") == 0     ? &a->data
                            : strcmp(o, "--lang") == 0     ? &a->lang
                                                           : NULL;
        if (slot) {
            if (!need_value(argc, argv, i))
                return 1;
            *slot = argv[++i];
        } else if (strcmp(o, "--size") == 0) {
            if (!need_value(argc, argv, i))
                return 1;
            if (sscanf(argv[++i], "%dx%d", &a->w, &a->h) != 2 || a->w < 64 || a->h < 64 || a->w > 8192 || a->h > 8192) {
                say_error(_("beseda: --size wants WIDTHxHEIGHT between 64 and 8192, such as 1280x720\n"));
                return 1;
            }
        } else if (strcmp(o, "--zoom") == 0) {
            if (!need_value(argc, argv, i))
                return 1;
            a->zoom = atoi(argv[++i]);
            if (a->zoom < 75 || a->zoom > 300) {
                say_error(_("beseda: --zoom wants a percentage from 75 to 300\n"));
                return 1;
            }
        } else if (strcmp(o, "--scale") == 0) {
            if (!need_value(argc, argv, i))
                return 1;
            a->scale = (float)atof(argv[++i]);
            if (a->scale < 0.5f || a->scale > 4.0f) {
                say_error(_("beseda: --scale wants a factor from 0.5 to 4\n"));
                return 1;
            }
        } else if (strcmp(o, "--help") == 0) {
            usage(stdout);
            return 2;
        } else if (strcmp(o, "--version") == 0) {
            printf("beseda %s\n", BESEDA_VERSION);
            return 2;
        } else if (o[0] == '-' && o[1]) {
            say_error(_("beseda: unknown option '%s'; see beseda --help\n"), o);
            return 1;
        } else {
            a->packs[a->n_packs++] = o;
        }
    }
    if (a->lang && !manifest_valid_language(a->lang)) {
        say_error(_("beseda: --lang wants a language tag such as ru, nl or pt-BR\n"));
        return 1;
    }
    if (a->theme && strcmp(a->theme, "light") != 0 && strcmp(a->theme, "dark") != 0 &&
        strcmp(a->theme, "contrast") != 0) {
        say_error(_("beseda: --theme wants light, dark or contrast\n"));
        return 1;
    }
    return 0;
}

/* ---- headless: a software renderer drawing into a surface ------------------------------------------------ */

typedef struct {
    App *app;
    SDL_Surface *surface;
    SDL_Renderer *r;
    Render *render;
} Headless;

static int fetch_image(void *user, const char *key, char **data, size_t *len, Err *err)
{
    return app_image(user, key, data, len, err);
}

static void headless_free(Headless *h)
{
    render_free(h->render);
    if (h->r)
        SDL_DestroyRenderer(h->r);
    if (h->surface)
        SDL_FreeSurface(h->surface);
    h->render = NULL;
    h->r = NULL;
    h->surface = NULL;
}

static int headless_size(void *user, int w, int h, float scale, Err *err)
{
    (void)scale;
    Headless *hl = user;
    headless_free(hl);
    hl->surface = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    hl->r = hl->surface ? SDL_CreateSoftwareRenderer(hl->surface) : NULL;
    hl->render = hl->r ? render_new(hl->r, app_fonts(hl->app), fetch_image, hl->app) : NULL;
    if (!hl->render)
        return err_set(err, ERR_NOMEM, NULL, N_("cannot make a %dx%d picture: %s"), w, h, SDL_GetError());
    return 0;
}

static int headless_shot(void *user, const char *path, Err *err)
{
    Headless *hl = user;
    const DisplayList *dl = app_frame(hl->app);
    render_frame(hl->render, dl, theme_colors(app_theme(hl->app)), app_image_generation(hl->app));
    return render_save_png(hl->r, hl->surface, hl->surface->w, hl->surface->h, path, err);
}

/* The audience window's frame into a picture of its own size (lecturer mode). */
static int headless_audience_shot(void *user, const char *path, Err *err)
{
    Headless *hl = user;
    const DisplayList *dl = app_audience_frame(hl->app);
    int w = 1280, h = 720;
    app_audience_pixels(hl->app, &w, &h);
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *r = s ? SDL_CreateSoftwareRenderer(s) : NULL;
    Render *render = r ? render_new(r, app_fonts(hl->app), fetch_image, hl->app) : NULL;
    int rc = render ? 0 : err_set(err, ERR_NOMEM, NULL, N_("cannot make a %dx%d picture: %s"), w, h, SDL_GetError());
    if (render) {
        render_frame(render, dl, theme_colors(app_theme(hl->app)), app_image_generation(hl->app));
        rc = render_save_png(r, s, w, h, path, err);
    }
    render_free(render);
    if (r)
        SDL_DestroyRenderer(r);
    if (s)
        SDL_FreeSurface(s);
    return rc;
}

static int run_headless(App *app, const Args *args)
{
    Headless hl = {app, NULL, NULL, NULL};
    Err e;
    err_clear(&e);
    if (headless_size(&hl, args->w, args->h, args->scale, &e) != 0) {
        say_error("beseda: %s\n", e.msg);
        return 1;
    }
    int rc = 0;
    if (args->replay) {
        app_set_wall_clock(app, 1764410400); /* pictures show 10:00 (UTC) rather than the time they were made */
        rc = replay_run(args->replay, app, headless_shot, headless_audience_shot, headless_size, &hl, stderr);
    } else if (headless_shot(&hl, args->screenshot, &e) != 0) {
        say_error("beseda: %s\n", e.msg);
        rc = 1;
    }
    headless_free(&hl);
    return rc;
}

/* ---- the window ----------------------------------------------------------------------------------------------- */

static int map_key(SDL_Keycode k)
{
    switch (k) {
    case SDLK_UP:
        return KEY_UP;
    case SDLK_DOWN:
        return KEY_DOWN;
    case SDLK_LEFT:
        return KEY_LEFT;
    case SDLK_RIGHT:
        return KEY_RIGHT;
    case SDLK_PAGEUP:
        return KEY_PAGEUP;
    case SDLK_PAGEDOWN:
        return KEY_PAGEDOWN;
    case SDLK_HOME:
        return KEY_HOME;
    case SDLK_END:
        return KEY_END;
    case SDLK_RETURN:
    case SDLK_KP_ENTER:
        return KEY_ENTER;
    case SDLK_ESCAPE:
        return KEY_ESCAPE;
    case SDLK_TAB:
        return KEY_TAB;
    case SDLK_F11:
        return KEY_F11;
    case SDLK_F5:
        return KEY_F5;
    case SDLK_BACKSPACE:
        return KEY_BACKSPACE;
    case SDLK_DELETE:
        return KEY_DELETE;
    case SDLK_KP_PLUS:
        return '+';
    case SDLK_KP_MINUS:
        return '-';
    default:
        return k > 0 && k < 128 ? tolower(k) : 0;
    }
}

static unsigned map_mods(Uint16 m)
{
    return ((m & KMOD_CTRL) ? MOD_CTRL : 0) | ((m & KMOD_ALT) ? MOD_ALT : 0) | ((m & KMOD_SHIFT) ? MOD_SHIFT : 0);
}

/* Drawable pixels and pixels per point, asked again on every size or display change. */
static UiEvent window_size(SDL_Window *w, SDL_Renderer *r)
{
    int ww, wh, pw, ph;
    SDL_GetWindowSize(w, &ww, &wh);
    if (SDL_GetRendererOutputSize(r, &pw, &ph) != 0) {
        pw = ww;
        ph = wh;
    }
    float scale = ww > 0 ? (float)pw / (float)ww : 1.0f;
    /* A display that reports a high DPI at 1:1 pixels (common on Linux) also wants larger type. */
    float ddpi = 0;
    int d = SDL_GetWindowDisplayIndex(w);
    if (scale < 1.01f && d >= 0 && SDL_GetDisplayDPI(d, &ddpi, NULL, NULL) == 0 && ddpi > 144.0f)
        scale = ddpi / 96.0f;
    return (UiEvent){.type = UI_RESIZE, .w = pw, .h = ph, .scale = scale};
}

/* The UiEvent for an SDL event (mouse positions in pixels); returns 0 for events the app does not take. */
static int translate_event(SDL_Window *win, SDL_Renderer *r, const SDL_Event *ev, UiEvent *u)
{
    memset(u, 0, sizeof *u);
    float s = 1.0f;
    int ww, pw;
    SDL_GetWindowSize(win, &ww, NULL);
    if (SDL_GetRendererOutputSize(r, &pw, NULL) == 0 && ww > 0)
        s = (float)pw / (float)ww;
    switch (ev->type) {
    case SDL_QUIT:
        u->type = UI_QUIT;
        return 1;
    case SDL_KEYDOWN:
        u->type = UI_KEY;
        u->key = map_key(ev->key.keysym.sym);
        u->mods = map_mods(ev->key.keysym.mod);
        return u->key != 0;
    case SDL_MOUSEBUTTONDOWN:
    case SDL_MOUSEBUTTONUP:
        if (ev->button.button == SDL_BUTTON_LEFT) {
            u->type = ev->type == SDL_MOUSEBUTTONDOWN ? UI_PRESS : UI_RELEASE;
            u->x = (int)(ev->button.x * s);
            u->y = (int)(ev->button.y * s);
            return 1;
        }
        if (ev->type == SDL_MOUSEBUTTONDOWN && ev->button.button == SDL_BUTTON_X1) {
            u->type = UI_KEY; /* the mouse's back button */
            u->key = KEY_LEFT;
            u->mods = MOD_ALT;
            return 1;
        }
        return 0;
    case SDL_MOUSEMOTION:
        u->type = UI_MOTION;
        u->x = (int)(ev->motion.x * s);
        u->y = (int)(ev->motion.y * s);
        return 1;
    case SDL_MOUSEWHEEL: {
        int mx, my;
        SDL_GetMouseState(&mx, &my);
        u->type = UI_WHEEL;
        u->dy = ev->wheel.direction == SDL_MOUSEWHEEL_FLIPPED ? -ev->wheel.y : ev->wheel.y;
        u->x = (int)(mx * s);
        u->y = (int)(my * s);
        return 1;
    }
    case SDL_WINDOWEVENT:
        if (ev->window.event == SDL_WINDOWEVENT_SIZE_CHANGED || ev->window.event == SDL_WINDOWEVENT_EXPOSED ||
            ev->window.event == SDL_WINDOWEVENT_DISPLAY_CHANGED) {
            *u = window_size(win, r);
            return 1;
        }
        return 0;
    case SDL_DROPFILE:
        u->type = UI_DROP;
        u->text = ev->drop.file;
        return 1;
    case SDL_TEXTINPUT:
        u->type = UI_TEXT;
        u->text = ev->text.text;
        return 1;
    case SDL_TEXTEDITING:
        u->type = UI_EDITING;
        u->text = ev->edit.text;
        return 1;
    default:
        return 0;
    }
}

/* Copied text goes to the system clipboard; an input method is on only while a text field has the keyboard, with
   its window placed at the cursor. */
static void sync_text_input(App *app)
{
    char *copied = app_take_clipboard(app);
    if (copied)
        SDL_SetClipboardText(copied);
    free(copied);
    int x, y, h;
    int want = app_text_input(app, &x, &y, &h);
    if (want && !SDL_IsTextInputActive())
        SDL_StartTextInput();
    else if (!want && SDL_IsTextInputActive())
        SDL_StopTextInput();
    if (want) {
        SDL_Rect rc = {x, y, 1, h};
        SDL_SetTextInputRect(&rc);
    }
}

/* Lecturer mode's second window: full screen on the audience's display, drawn from the app's audience frame. */
typedef struct {
    SDL_Window *w;
    SDL_Renderer *r;
    Render *render;
    int display;
} Audience;

/* A renderer for a window. Beseda draws text and pictures, which SDL's software renderer draws into the window's
   own framebuffer fast enough (a page turn in a few milliseconds at 1080p, a frame within 16 ms at 2160p: make
   bench), so that is the default: no OpenGL is loaded (on Linux a software GL alone maps tens of megabytes and
   costs a third of a second at start). BESEDA_RENDERER=gpu asks for SDL's accelerated renderer first, for very
   large windows on a hardware driver. */
static SDL_Renderer *window_renderer(SDL_Window *w)
{
    const char *want = os_getenv("BESEDA_RENDERER");
    SDL_Renderer *r = NULL;
    if (want && strcmp(want, "gpu") == 0)
        r = SDL_CreateRenderer(w, -1, SDL_RENDERER_ACCELERATED | SDL_RENDERER_PRESENTVSYNC);
    return r ? r : SDL_CreateRenderer(w, -1, SDL_RENDERER_SOFTWARE);
}

static void audience_close(Audience *au)
{
    render_free(au->render);
    if (au->r)
        SDL_DestroyRenderer(au->r);
    if (au->w)
        SDL_DestroyWindow(au->w);
    memset(au, 0, sizeof *au);
}

static void audience_place(App *app, Audience *au, int display)
{
    SDL_Rect b;
    if (SDL_GetDisplayBounds(display, &b) != 0)
        return;
    SDL_SetWindowFullscreen(au->w, 0);
    SDL_SetWindowPosition(au->w, b.x, b.y);
    SDL_SetWindowSize(au->w, b.w, b.h);
    SDL_SetWindowFullscreen(au->w, SDL_WINDOW_FULLSCREEN_DESKTOP);
    au->display = display;
    int pw, ph;
    if (SDL_GetRendererOutputSize(au->r, &pw, &ph) != 0)
        SDL_GetWindowSize(au->w, &pw, &ph);
    app_audience_size(app, pw, ph);
}

/* Opens, moves, draws or closes the audience window as the app asks (a display index, or -1 for none). */
static void audience_sync(App *app, Audience *au, SDL_Window *main_win)
{
    int want = app_audience_display(app);
    if (want >= SDL_GetNumVideoDisplays())
        want = -1;
    if (want < 0) {
        if (au->w)
            audience_close(au);
        return;
    }
    if (!au->w) {
        SDL_Rect b;
        if (SDL_GetDisplayBounds(want, &b) != 0)
            return;
        au->w = SDL_CreateWindow(_("Beseda: audience"), b.x, b.y, b.w, b.h,
                                 SDL_WINDOW_BORDERLESS | SDL_WINDOW_ALLOW_HIGHDPI);
        au->r = au->w ? window_renderer(au->w) : NULL;
        au->render = au->r ? render_new(au->r, app_fonts(app), fetch_image, app) : NULL;
        if (!au->render) {
            say_error(_("beseda: cannot open the audience window: %s\n"), SDL_GetError());
            audience_close(au);
            return;
        }
        audience_place(app, au, want);
        SDL_RaiseWindow(main_win); /* the keyboard stays with the lecturer's window */
    } else if (au->display != want) {
        audience_place(app, au, want);
    }
    if (app_audience_dirty(app)) {
        render_frame(au->render, app_audience_frame(app), theme_colors(app_theme(app)), app_image_generation(app));
        SDL_RenderPresent(au->r);
        app_audience_drawn(app);
    }
}

/* Starts SDL's video with stderr silenced: with no display, the Wayland client library prints its own complaint
   ("XDG_RUNTIME_DIR is invalid...") before SDL moves on, and the user should read one line, ours. */
static int video_init_quietly(void)
{
    int token = os_stderr_silence();
    int rc = SDL_InitSubSystem(SDL_INIT_VIDEO);
    os_stderr_restore(token);
    return rc;
}

/* Exit status when no display can show the reader (distinct from 1, "could not open what was asked"). */
enum { EXIT_NO_DISPLAY = 2 };

static int run_window(App *app)
{
    /* Mesa would keep a shader cache in ~/.cache: the one file Beseda would leave outside its data folder (and
       portable mode promises none). Our few shaders compile in milliseconds. */
    if (!getenv("MESA_SHADER_CACHE_DISABLE"))
        os_setenv("MESA_SHADER_CACHE_DISABLE", "true");
    /* SDL falls back to its "offscreen" driver when no display answers: a window there is never seen, and the
       reader would wait for input forever. "dummy" is the same. */
    const char *driver = video_init_quietly() == 0 ? SDL_GetCurrentVideoDriver() : NULL;
    if (!driver || strcmp(driver, "offscreen") == 0 || strcmp(driver, "dummy") == 0) {
        say_error(_("beseda: no display is available (%s). To draw a page into a picture without one: beseda "
                    "--screenshot OUT.png [--open PACK]\n"),
                  driver ? _("no X11 or Wayland session, and no console display") : SDL_GetError());
        return EXIT_NO_DISPLAY;
    }
    SDL_SetHint(SDL_HINT_VIDEO_ALLOW_SCREENSAVER, "1");
    /* the window's framebuffer is the window system's own (XShm on X11), not a texture of a GL context */
    SDL_SetHint(SDL_HINT_FRAMEBUFFER_ACCELERATION, "0");
    int ww, wh;
    app_window_size(app, &ww, &wh);
    SDL_Window *win = SDL_CreateWindow("Beseda", SDL_WINDOWPOS_CENTERED, SDL_WINDOWPOS_CENTERED, ww, wh,
                                       SDL_WINDOW_RESIZABLE | SDL_WINDOW_ALLOW_HIGHDPI);
    SDL_Renderer *r = NULL;
    Render *render = NULL;
    int rc = 1;
    if (!win) {
        say_error(_("beseda: cannot open a window (%s). To render without one: beseda --screenshot OUT.png\n"),
                  SDL_GetError());
        goto out;
    }
    r = window_renderer(win);
    if (!r || !(render = render_new(r, app_fonts(app), fetch_image, app))) {
        say_error(_("beseda: cannot draw in the window: %s\n"), SDL_GetError());
        goto out;
    }
    SDL_StopTextInput(); /* no IME until a text field has the focus */
    SDL_Cursor *hand = SDL_CreateSystemCursor(SDL_SYSTEM_CURSOR_HAND);
    SDL_Cursor *arrow = SDL_CreateSystemCursor(SDL_SYSTEM_CURSOR_ARROW);
    int over = 0;
    UiEvent size = window_size(win, r);
    app_handle(app, &size, SDL_GetTicks());
    UiEvent displays = {.type = UI_DISPLAYS, .w = SDL_GetNumVideoDisplays()};
    app_handle(app, &displays, SDL_GetTicks());
    Audience au = {0};
    int fullscreen = 0;
    while (!app_quit_requested(app)) {
        int wait = app_tick(app, SDL_GetTicks());
        if (app_dirty(app)) {
            render_frame(render, app_frame(app), theme_colors(app_theme(app)), app_image_generation(app));
            SDL_RenderPresent(r);
            app_mark_drawn(app);
        }
        audience_sync(app, &au, win);
        SDL_Event ev;
        /* sleep until something happens: no CPU while idle */
        int got = wait < 0 ? SDL_WaitEvent(&ev) : SDL_WaitEventTimeout(&ev, wait);
        while (got) {
            UiEvent u;
            int wanted = translate_event(win, r, &ev, &u);
            Uint32 aud_id = au.w ? SDL_GetWindowID(au.w) : 0;
            if (aud_id && (ev.type == SDL_MOUSEBUTTONDOWN || ev.type == SDL_MOUSEBUTTONUP ||
                           ev.type == SDL_MOUSEMOTION || ev.type == SDL_MOUSEWHEEL)) {
                Uint32 id = ev.type == SDL_MOUSEMOTION  ? ev.motion.windowID
                            : ev.type == SDL_MOUSEWHEEL ? ev.wheel.windowID
                                                        : ev.button.windowID;
                if (id == aud_id)
                    wanted = 0; /* the projector's picture has nothing to click */
            }
            if (ev.type == SDL_WINDOWEVENT && aud_id && ev.window.windowID == aud_id) {
                wanted = 0;
                if (ev.window.event == SDL_WINDOWEVENT_CLOSE)
                    app_present_stop(app);
                else if (ev.window.event == SDL_WINDOWEVENT_SIZE_CHANGED) {
                    int pw, ph;
                    if (SDL_GetRendererOutputSize(au.r, &pw, &ph) == 0)
                        app_audience_size(app, pw, ph);
                } else if (ev.window.event == SDL_WINDOWEVENT_EXPOSED) {
                    render_frame(au.render, app_audience_frame(app), theme_colors(app_theme(app)),
                                 app_image_generation(app));
                    SDL_RenderPresent(au.r);
                    app_audience_drawn(app);
                }
            } else if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_CLOSE) {
                u = (UiEvent){.type = UI_QUIT}; /* the lecturer's window closes the program */
                wanted = 1;
            }
            if (ev.type == SDL_DISPLAYEVENT) {
                u = (UiEvent){.type = UI_DISPLAYS, .w = SDL_GetNumVideoDisplays()};
                wanted = 1;
            }
            char *paste = NULL;
            if (wanted && u.type == UI_KEY && u.key == 'v' && (u.mods & MOD_CTRL) &&
                app_text_input(app, NULL, NULL, NULL)) {
                paste = SDL_HasClipboardText() ? SDL_GetClipboardText() : NULL;
                u = (UiEvent){.type = UI_PASTE, .text = paste};
                wanted = paste != NULL;
            }
            if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_FOCUS_LOST)
                app_save(app); /* the laptop may be closed next */
            if (wanted)
                app_handle(app, &u, SDL_GetTicks());
            SDL_free(paste);
            sync_text_input(app);
            if (ev.type == SDL_WINDOWEVENT && ev.window.event == SDL_WINDOWEVENT_EXPOSED) {
                render_frame(render, app_frame(app), theme_colors(app_theme(app)), app_image_generation(app));
                SDL_RenderPresent(r);
                app_mark_drawn(app);
            }
            if (u.type == UI_MOTION && hand && arrow && app_clickable_at(app, u.x, u.y) != over) {
                over = !over;
                SDL_SetCursor(over ? hand : arrow);
            }
            if (ev.type == SDL_DROPFILE)
                SDL_free(ev.drop.file);
            if (app_fullscreen(app) != fullscreen) {
                fullscreen = app_fullscreen(app);
                SDL_SetWindowFullscreen(win, fullscreen ? SDL_WINDOW_FULLSCREEN_DESKTOP : 0);
            }
            got = SDL_PollEvent(&ev);
        }
    }
    rc = 0;
    audience_close(&au);
    if (hand)
        SDL_FreeCursor(hand);
    if (arrow)
        SDL_FreeCursor(arrow);
out:
    render_free(render);
    if (r)
        SDL_DestroyRenderer(r);
    if (win)
        SDL_DestroyWindow(win);
    SDL_QuitSubSystem(SDL_INIT_VIDEO);
    return rc;
}

int main(int argc, char **argv)
{
    os_process_init(&argc, &argv);
    SDL_SetMainReady();
    char exe[USERDIR_PATH];
    Err e;
    err_clear(&e);
    if (userdir_exe_dir(exe, sizeof exe, &e) != 0) {
        say_error("beseda: %s\n", e.msg);
        return 1;
    }
    char localedir[USERDIR_PATH + 16], share[USERDIR_PATH + 16];
    userdir_locale_dir(exe, localedir, sizeof localedir);
    userdir_share_dir(exe, share, sizeof share);
    i18n_init(localedir);

    Args args;
    int prc = parse_args(argc, argv, &args);
    if (prc != 0) {
        free(args.packs);
        return prc == 2 ? 0 : 2;
    }
    int headless = args.screenshot || args.replay;
    if (SDL_Init(0) != 0) {
        say_error("beseda: %s\n", SDL_GetError());
        free(args.packs);
        return 1;
    }
    AppOptions o = {.data_dir = args.data,
                    .exe_dir = exe,
                    .readonly = args.screenshot != NULL,
                    .width = headless ? args.w : 1280,
                    .height = headless ? args.h : 800,
                    .scale = headless ? args.scale : 1.0f,
                    .theme = args.theme,
                    .zoom = args.zoom,
                    .window = !headless,
                    .content_lang = args.lang,
                    .share_dir = share};
    App *app = app_new(&o, &e);
    int rc = 1;
    if (!app) {
        char buf[1024];
        err_format(&e, buf, sizeof buf);
        say_error("beseda: %s\n", buf);
        goto out;
    }
    app_set_file_chooser(app, !headless); /* pictures and replays never wait on a window of another program */
    for (int i = 0; i < args.n_packs; i++)
        app_add_pack(app, args.packs[i]);
    int open_failed = 0;
    if (args.open && app_open_path(app, args.open, args.item) != 0) {
        say_error("beseda: %s\n", app_status(app));
        open_failed = 1;
    } else if (!args.open && args.n_packs == 1) {
        app_open_path(app, args.packs[0], args.item);
    }
    rc = headless ? run_headless(app, &args) : run_window(app);
    if (args.screenshot && open_failed)
        rc = 1; /* the picture shows the library with the reason, but a script must know it did not open */
    app_save(app);
out:
    app_free(app);
    TTF_Quit();
    SDL_Quit();
    free(args.packs);
    return rc;
}
