/* os_posix: the OS layer on Linux (and other POSIX systems). */
#include "os.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <libintl.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <termios.h>
#include <unistd.h>

extern char **environ;

int os_is_separator(char c)
{
    return c == '/';
}

size_t os_path_root_len(const char *path)
{
    return path[0] == '/';
}

const char *os_app_folder_name(void)
{
    return "beseda";
}

static void fill_stat(const struct stat *s, OsStat *st)
{
    st->type = S_ISREG(s->st_mode)   ? OS_FILE_REG
               : S_ISDIR(s->st_mode) ? OS_FILE_DIR
               : S_ISLNK(s->st_mode) ? OS_FILE_LINK
                                     : OS_FILE_OTHER;
    st->size = s->st_size > 0 ? (uint64_t)s->st_size : 0;
    st->mtime_ns = (int64_t)s->st_mtim.tv_sec * 1000000000 + s->st_mtim.tv_nsec;
}

int os_stat(const char *path, OsStat *st)
{
    struct stat s;
    if (stat(path, &s) != 0)
        return -1;
    fill_stat(&s, st);
    return 0;
}

int os_lstat(const char *path, OsStat *st)
{
    struct stat s;
    if (lstat(path, &s) != 0)
        return -1;
    fill_stat(&s, st);
    return 0;
}

int os_exists(const char *path)
{
    return access(path, F_OK) == 0;
}

FILE *os_fopen(const char *path, const char *mode)
{
    char m[8];
    snprintf(m, sizeof m, "%se", mode); /* 'e': O_CLOEXEC */
    return fopen(path, m);
}

int os_open_read(const char *path, int nofollow)
{
    return open(path, O_RDONLY | O_CLOEXEC | (nofollow ? O_NOFOLLOW : 0));
}

int os_open_write(const char *path)
{
    return open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
}

ssize_t os_read(int fd, void *buf, size_t n)
{
    ssize_t r;
    while ((r = read(fd, buf, n)) < 0 && errno == EINTR)
        ;
    return r;
}

ssize_t os_write(int fd, const void *buf, size_t n)
{
    ssize_t w;
    while ((w = write(fd, buf, n)) < 0 && errno == EINTR)
        ;
    return w;
}

ssize_t os_pread(int fd, void *buf, size_t n, uint64_t offset)
{
    ssize_t r;
    while ((r = pread(fd, buf, n, (off_t)offset)) < 0 && errno == EINTR)
        ;
    return r;
}

int os_close(int fd)
{
    return close(fd);
}

int os_fsync(int fd)
{
    return fsync(fd);
}

int os_replace(const char *from, const char *to)
{
    if (rename(from, to) != 0)
        return -1;
    /* The rename itself reaches the disk only when the folder is synced. */
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", to);
    char *slash = strrchr(dir, '/');
    if (!slash)
        snprintf(dir, sizeof dir, ".");
    else if (slash == dir)
        slash[1] = '\0';
    else
        *slash = '\0';
    int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (dfd >= 0) {
        fsync(dfd);
        close(dfd);
    }
    return 0;
}

int os_remove(const char *path)
{
    return unlink(path);
}

int os_rmdir(const char *path)
{
    return rmdir(path);
}

int os_mkdir(const char *path, int owner_only)
{
    return mkdir(path, owner_only ? 0700 : 0755);
}

int os_mkdtemp(char *tmpl)
{
    return mkdtemp(tmpl) ? 0 : -1;
}

int os_mkstemp(char *tmpl)
{
    return mkostemp(tmpl, O_CLOEXEC);
}

void *os_map_file(const char *path, size_t max, size_t *len)
{
    int fd = os_open_read(path, 0);
    if (fd < 0)
        return NULL;
    struct stat st;
    void *m = NULL;
    if (fstat(fd, &st) != 0)
        goto out;
    if (st.st_size <= 0 || (uint64_t)st.st_size > max) {
        errno = st.st_size <= 0 ? EINVAL : EFBIG;
        goto out;
    }
    m = mmap(NULL, (size_t)st.st_size, PROT_READ, MAP_PRIVATE, fd, 0);
    if (m == MAP_FAILED)
        m = NULL;
    else
        *len = (size_t)st.st_size;
out:
    close(fd);
    return m;
}

void os_unmap_file(void *p, size_t len)
{
    if (p)
        munmap(p, len);
}

struct OsDir {
    DIR *d;
};

OsDir *os_dir_open(const char *path)
{
    DIR *d = opendir(path);
    if (!d)
        return NULL;
    OsDir *od = malloc(sizeof *od);
    if (!od) {
        closedir(d);
        errno = ENOMEM;
        return NULL;
    }
    od->d = d;
    return od;
}

int os_dir_next(OsDir *d, const char **name, OsStat *st)
{
    for (;;) {
        errno = 0;
        struct dirent *de = readdir(d->d);
        if (!de)
            return errno ? -1 : 0;
        if (strcmp(de->d_name, ".") == 0 || strcmp(de->d_name, "..") == 0)
            continue;
        *name = de->d_name;
        if (st) {
            struct stat s;
            if (fstatat(dirfd(d->d), de->d_name, &s, AT_SYMLINK_NOFOLLOW) != 0)
                return -1;
            fill_stat(&s, st);
        }
        return 1;
    }
}

void os_dir_close(OsDir *d)
{
    if (d) {
        closedir(d->d);
        free(d);
    }
}

int os_exe_path(char *out, size_t size)
{
    ssize_t n = readlink("/proc/self/exe", out, size - 1);
    if (n <= 0 || (size_t)n >= size - 1) {
        if (n > 0)
            errno = ENAMETOOLONG;
        return -1;
    }
    out[n] = '\0';
    return 0;
}

int os_user_folder(OsFolder which, char *out, size_t size)
{
    const char *var = which == OS_FOLDER_CONFIG ? "XDG_CONFIG_HOME" : which == OS_FOLDER_DATA ? "XDG_DATA_HOME" : NULL;
    const char *v = var ? getenv(var) : NULL;
    int n;
    if (v && v[0] == '/') {
        n = snprintf(out, size, "%s", v);
    } else {
        const char *home = getenv("HOME");
        if (!home || home[0] != '/') {
            errno = ENOENT;
            return -1;
        }
        struct stat st;
        switch (which) {
        case OS_FOLDER_CONFIG:
            n = snprintf(out, size, "%s/.config", home);
            break;
        case OS_FOLDER_DATA:
            n = snprintf(out, size, "%s/.local/share", home);
            break;
        default:
            n = snprintf(out, size, "%s/Documents", home);
            if (n > 0 && (size_t)n < size && (stat(out, &st) != 0 || !S_ISDIR(st.st_mode)))
                n = snprintf(out, size, "%s", home);
        }
    }
    if (n < 0 || (size_t)n >= size) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

void os_process_init(int *argc, char ***argv)
{
    (void)argc;
    (void)argv;
    /* glibc otherwise stats /etc/localtime on every time conversion (see pack_process_init). */
    if (!getenv("TZ"))
        setenv("TZ", ":/etc/localtime", 0);
}

const char *os_getenv(const char *name)
{
    return getenv(name);
}

int os_setenv(const char *name, const char *value)
{
    return value ? setenv(name, value, 1) : unsetenv(name);
}

size_t os_ui_languages(char out[][64], size_t max)
{
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < 3 && max > 0; i++) {
        const char *v = getenv(vars[i]);
        if (v && v[0]) {
            snprintf(out[0], 64, "%s", v);
            return 1;
        }
    }
    return 0;
}

void os_bindtextdomain(const char *domain, const char *dir)
{
    bindtextdomain(domain, dir);
}

const char *os_narrow_path(const char *path, char *buf, size_t size)
{
    (void)buf;
    (void)size;
    return path;
}

int os_localtime(time_t t, struct tm *tm)
{
    return localtime_r(&t, tm) ? 0 : -1;
}

int os_gmtime(time_t t, struct tm *tm)
{
    return gmtime_r(&t, tm) ? 0 : -1;
}

int os_run(const char *const argv[], int *status)
{
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], NULL, NULL, (char *const *)argv, environ);
    if (rc != 0) {
        errno = rc;
        return -1;
    }
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return -1;
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
    return 0;
}

/* Runs argv[0] (found on PATH) with its standard output into 'out' (at most size - 1 bytes, the rest read and
   dropped) and its standard error to /dev/null. Returns 0 with the exit status in *status, or -1 when it could not
   be started. */
static int run_capture(const char *const argv[], char *out, size_t size, int *status)
{
    int fd[2];
    if (pipe2(fd, O_CLOEXEC) != 0)
        return -1;
    posix_spawn_file_actions_t fa;
    posix_spawn_file_actions_init(&fa);
    posix_spawn_file_actions_adddup2(&fa, fd[1], STDOUT_FILENO);
    posix_spawn_file_actions_addopen(&fa, STDERR_FILENO, "/dev/null", O_WRONLY, 0);
    pid_t pid;
    int rc = posix_spawnp(&pid, argv[0], &fa, NULL, (char *const *)argv, environ);
    posix_spawn_file_actions_destroy(&fa);
    close(fd[1]);
    if (rc != 0) {
        close(fd[0]);
        errno = rc;
        return -1;
    }
    size_t n = 0;
    char buf[4096];
    for (;;) {
        ssize_t r = read(fd[0], buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            break;
        size_t take = n + (size_t)r < size ? (size_t)r : size - 1 - n;
        memcpy(out + n, buf, take);
        n += take;
    }
    out[n] = '\0';
    close(fd[0]);
    int st;
    while (waitpid(pid, &st, 0) < 0)
        if (errno != EINTR)
            return -1;
    *status = WIFEXITED(st) ? WEXITSTATUS(st) : 128 + (WIFSIGNALED(st) ? WTERMSIG(st) : 0);
    return 0;
}

int os_choose_file(int save, const char *title, const char *suggest, const char *kind, const char *pattern, char *out,
                   size_t size)
{
    if (size < 2)
        return -1;
    char t[512], name[4200], filter[512], kfilter[512];
    snprintf(t, sizeof t, "--title=%s", title);
    snprintf(name, sizeof name, "--filename=%s", suggest);
    snprintf(filter, sizeof filter, "--file-filter=%s | %s", kind, pattern);
    snprintf(kfilter, sizeof kfilter, "%s|%s", pattern, kind);
    const char *zenity[] = {
        "zenity", "--file-selection", t, name, filter, save ? "--save" : NULL, save ? "--confirm-overwrite" : NULL,
        NULL};
    const char *kdialog[] = {"kdialog", "--title", title, save ? "--getsavefilename" : "--getopenfilename",
                             suggest,   kfilter,   NULL};
    const char *const *tries[] = {zenity, kdialog};
    for (size_t i = 0; i < 2; i++) {
        int status;
        if (run_capture(tries[i], out, size, &status) != 0 || status == 126 || status == 127)
            continue; /* not installed: the next one */
        if (status == 1)
            return 0; /* cancelled: zenity and kdialog exit 1 */
        if (status != 0)
            continue; /* it failed (no display, a broken install): the next one, or the typed path */
        out[strcspn(out, "\n")] = '\0';
        return out[0] == '/' ? 1 : 0;
    }
    return -1;
}

int os_stderr_is_visible(void)
{
    return 1;
}

int os_stderr_silence(void)
{
    fflush(stderr);
    int saved = dup(STDERR_FILENO), null = open("/dev/null", O_WRONLY | O_CLOEXEC);
    if (saved < 0 || null < 0 || dup2(null, STDERR_FILENO) < 0) {
        if (saved >= 0)
            close(saved);
        saved = -1;
    }
    if (null >= 0)
        close(null);
    return saved;
}

void os_stderr_restore(int token)
{
    if (token < 0)
        return;
    fflush(stderr);
    dup2(token, STDERR_FILENO);
    close(token);
}

/* ---- passphrases ---------------------------------------------------------------------------------------------- */

int os_read_passphrase(const char *prompt, char *out, size_t size)
{
    struct termios old, quiet;
    int tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &old) == 0;
    if (tty) {
        fprintf(stderr, "%s", prompt);
        fflush(stderr);
        quiet = old;
        quiet.c_lflag &= ~(tcflag_t)ECHO;
        quiet.c_lflag |= ECHONL;
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
    }
    int rc = fgets(out, (int)size, stdin) ? 0 : -1;
    if (tty)
        tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
    size_t n = rc == 0 ? strlen(out) : 0;
    if (rc == 0 && (n == 0 || out[n - 1] != '\n') && !feof(stdin))
        rc = -1; /* longer than 'out' */
    while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r'))
        out[--n] = '\0';
    if (rc != 0)
        memset(out, 0, size);
    return rc;
}

int os_stdin_is_terminal(void)
{
    return isatty(STDIN_FILENO);
}
