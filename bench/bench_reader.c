/* bench_reader: page turns in the reader (or, with --present, steps in lecturer mode on two displays) (event, layout of
   the new item, building the frame, drawing it with the software renderer) at a given size. Prints
   "median_ms<TAB>p90_ms<TAB>max_ms<TAB>first_visit_median_ms". */
#include <SDL2/SDL.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "core/userdir.h"
#include "platform/render.h"
#include "ui/app.h"

static double now_ms(void)
{
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec * 1e3 + t.tv_nsec / 1e6;
}

static int cmp(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return x < y ? -1 : x > y;
}

static int fetch(void *user, const char *key, char **data, size_t *len, Err *err)
{
    return app_image(user, key, data, len, err);
}

static double turn(App *a, Render *r, int key)
{
    double t0 = now_ms();
    UiEvent e = {.type = UI_KEY, .key = key};
    app_handle(a, &e, 0);
    render_frame(r, app_frame(a), theme_colors(app_theme(a)), app_image_generation(a));
    return now_ms() - t0;
}

/* Lecturer mode: each key draws the lecturer's window and the room's (two displays, the room at w x h). */
static int present(App *a, Render *r, int w, int h)
{
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *sr = s ? SDL_CreateSoftwareRenderer(s) : NULL;
    Render *ar = sr ? render_new(sr, app_fonts(a), fetch, a) : NULL;
    if (!ar)
        return 1;
    UiEvent e = {.type = UI_KEY, .key = KEY_F5};
    app_handle(a, &e, 0);
    e = (UiEvent){.type = UI_DISPLAYS, .w = 2};
    app_handle(a, &e, 0);
    app_audience_size(a, w, h);
    enum { N = 400 };
    static double t[N];
    for (int i = 0; i < N; i++) {
        double t0 = now_ms();
        e = (UiEvent){.type = UI_KEY, .key = (i / 40) % 2 ? KEY_PAGEUP : KEY_PAGEDOWN};
        app_handle(a, &e, (uint32_t)i * 16);
        render_frame(r, app_frame(a), theme_colors(app_theme(a)), app_image_generation(a));
        render_frame(ar, app_audience_frame(a), theme_colors(app_theme(a)), app_image_generation(a));
        app_audience_drawn(a);
        t[i] = now_ms() - t0;
    }
    qsort(t, N, sizeof *t, cmp);
    printf("%.3f\t%.3f\t%.3f\n", t[N / 2], t[N * 9 / 10], t[N - 1]);
    render_free(ar);
    SDL_DestroyRenderer(sr);
    SDL_FreeSurface(s);
    return 0;
}

int main(int argc, char **argv)
{
    if (argc != 4 && !(argc == 5 && strcmp(argv[4], "--present") == 0)) {
        fprintf(stderr, "usage: bench_reader PACK WIDTH HEIGHT [--present]\n");
        return 2;
    }
    pack_process_init();
    int w = atoi(argv[2]), h = atoi(argv[3]);
    char exe[USERDIR_PATH];
    Err e;
    err_clear(&e);
    if (userdir_exe_dir(exe, sizeof exe, &e) != 0 || SDL_Init(0) != 0)
        return 1;
    AppOptions o = {"/nonexistent/bench", exe, 1, w, h, 1.0f, "light", 100, 0, NULL, NULL};
    App *a = app_new(&o, &e);
    if (!a || app_open_path(a, argv[1], NULL) != 0) {
        fprintf(stderr, "bench_reader: cannot open %s: %s\n", argv[1], a ? app_status(a) : e.msg);
        return 1;
    }
    SDL_Surface *s = SDL_CreateRGBSurfaceWithFormat(0, w, h, 32, SDL_PIXELFORMAT_ARGB8888);
    SDL_Renderer *sr = SDL_CreateSoftwareRenderer(s);
    Render *r = render_new(sr, app_fonts(a), fetch, a);
    render_frame(r, app_frame(a), theme_colors(app_theme(a)), app_image_generation(a));
    if (argc == 5) {
        int rc = present(a, r, w, h);
        render_free(r);
        SDL_DestroyRenderer(sr);
        SDL_FreeSurface(s);
        app_free(a);
        SDL_Quit();
        return rc;
    }
    enum { ROUNDS = 20 };
    double first[64], warm[64 * ROUNDS * 2];
    size_t nf = 0, nw = 0;
    for (int round = 0; round <= ROUNDS; round++) {
        const char *start;
        do { /* forwards through the pack, then back */
            start = app_item_id(a);
            double t = turn(a, r, KEY_RIGHT);
            if (strcmp(start, app_item_id(a)) == 0)
                break;
            if (round == 0 && nf < 64)
                first[nf++] = t;
            else if (round > 0 && nw < sizeof warm / sizeof warm[0])
                warm[nw++] = t;
        } while (1);
        do {
            start = app_item_id(a);
            double t = turn(a, r, KEY_LEFT);
            if (strcmp(start, app_item_id(a)) == 0)
                break;
            if (round > 0 && nw < sizeof warm / sizeof warm[0])
                warm[nw++] = t;
        } while (1);
    }
    qsort(first, nf, sizeof *first, cmp);
    qsort(warm, nw, sizeof *warm, cmp);
    if (nw == 0 || nf == 0) {
        fprintf(stderr, "bench_reader: the pack needs at least two items\n");
        return 1;
    }
    printf("%.3f\t%.3f\t%.3f\t%.3f\n", warm[nw / 2], warm[nw * 9 / 10], warm[nw - 1], first[nf / 2]);
    render_free(r);
    SDL_DestroyRenderer(sr);
    SDL_FreeSurface(s);
    app_free(a);
    SDL_Quit();
    return 0;
}
