/* userdir: program folder, portable mode, XDG folders, atomic file writes. */
#include "userdir.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

int userdir_exe_dir(char *out, size_t size, Err *err)
{
    ssize_t n = readlink("/proc/self/exe", out, size - 1);
    if (n <= 0 || (size_t)n >= size - 1)
        return err_set(err, ERR_IO, NULL, N_("cannot find the program's own folder: %s"), strerror(errno));
    out[n] = '\0';
    char *slash = strrchr(out, '/');
    if (slash == out)
        slash[1] = '\0';
    else if (slash)
        *slash = '\0';
    return 0;
}

static int join(char *out, size_t size, const char *a, const char *b, Err *err)
{
    int n = snprintf(out, size, "%s/%s", a, b);
    if (n < 0 || (size_t)n >= size)
        return err_set(err, ERR_USAGE, NULL, N_("the folder name '%s' is too long"), a);
    return 0;
}

/* An XDG base folder: $var when it is an absolute path, else $HOME/fallback. */
static int xdg(const char *var, const char *fallback, char *out, size_t size, Err *err)
{
    const char *v = getenv(var);
    if (v && v[0] == '/')
        return join(out, size, v, "beseda", err);
    const char *home = getenv("HOME");
    if (!home || home[0] != '/')
        return err_set(err, ERR_IO, NULL,
                       N_("neither $%s nor $HOME is set, so there is no folder for your data; start Beseda with "
                          "--data FOLDER or put a file named 'portable' beside the program"),
                       var);
    char base[USERDIR_PATH];
    if (join(base, sizeof base, home, fallback, err) != 0)
        return -ERR_USAGE;
    return join(out, size, base, "beseda", err);
}

int userdir_resolve(const char *exe_dir, const char *override, UserDirs *d, Err *err)
{
    memset(d, 0, sizeof *d);
    if (strlen(exe_dir) >= sizeof d->exe_dir)
        return err_set(err, ERR_USAGE, NULL, N_("the folder name '%s' is too long"), exe_dir);
    strcpy(d->exe_dir, exe_dir);
    if (override) {
        if (strlen(override) >= sizeof d->data_dir)
            return err_set(err, ERR_USAGE, NULL, N_("the folder name '%s' is too long"), override);
        strcpy(d->data_dir, override);
        strcpy(d->config_dir, override);
        return 0;
    }
    char marker[USERDIR_PATH];
    if (join(marker, sizeof marker, exe_dir, "portable", err) != 0)
        return -ERR_USAGE;
    if (access(marker, F_OK) == 0) {
        d->portable = 1;
        if (join(d->data_dir, sizeof d->data_dir, exe_dir, "data", err) != 0)
            return -ERR_USAGE;
        strcpy(d->config_dir, d->data_dir);
        return 0;
    }
    if (xdg("XDG_CONFIG_HOME", ".config", d->config_dir, sizeof d->config_dir, err) != 0)
        return -ERR_IO;
    return xdg("XDG_DATA_HOME", ".local/share", d->data_dir, sizeof d->data_dir, err);
}

int userdir_mkdirs(const char *path, Err *err)
{
    char p[USERDIR_PATH];
    if (strlen(path) >= sizeof p)
        return err_set(err, ERR_USAGE, NULL, N_("the folder name '%s' is too long"), path);
    strcpy(p, path);
    for (char *s = p + 1;; s++) {
        char c = *s;
        if (c != '/' && c != '\0')
            continue;
        *s = '\0';
        if (mkdir(p, 0700) != 0 && errno != EEXIST)
            return err_set(err, ERR_IO, NULL, N_("cannot create the folder '%s': %s"), p, strerror(errno));
        *s = c;
        if (!c)
            break;
    }
    struct stat st;
    if (stat(path, &st) != 0 || !S_ISDIR(st.st_mode))
        return err_set(err, ERR_IO, NULL, N_("'%s' is not a folder"), path);
    return 0;
}

/* Writes all of 'len' bytes to 'fd'; returns 0 or errno. */
static int write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t w = write(fd, p, len);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return w < 0 ? errno : EIO;
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Syncs and closes 'fd' (the temporary file 'tmp'), then renames it over 'path' and syncs the folder. */
static int finish_atomic(int fd, const char *tmp, const char *path, Err *err)
{
    if (fsync(fd) != 0 || close(fd) != 0) {
        int e = errno;
        unlink(tmp);
        return err_set(err, ERR_IO, NULL, N_("cannot save '%s': %s"), path, strerror(e));
    }
    if (rename(tmp, path) != 0) {
        int e = errno;
        unlink(tmp);
        return err_set(err, ERR_IO, NULL, N_("cannot save '%s': %s"), path, strerror(e));
    }
    /* The rename itself reaches the disk only when the folder is synced. */
    char dir[USERDIR_PATH];
    snprintf(dir, sizeof dir, "%s", path);
    char *slash = strrchr(dir, '/');
    if (slash) {
        if (slash == dir)
            slash[1] = '\0';
        else
            *slash = '\0';
        int dfd = open(dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
        if (dfd >= 0) {
            fsync(dfd);
            close(dfd);
        }
    }
    return 0;
}

static int open_tmp(const char *path, char *tmp, size_t size, Err *err)
{
    int n = snprintf(tmp, size, "%s.tmp", path);
    if (n < 0 || (size_t)n >= size)
        return err_set(err, ERR_USAGE, NULL, N_("the file name '%s' is too long"), path);
    int fd = open(tmp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
    if (fd < 0)
        return err_set(err, ERR_IO, NULL, N_("cannot save '%s': %s"), path, strerror(errno));
    return fd;
}

int userdir_write_atomic(const char *path, const void *data, size_t len, Err *err)
{
    char tmp[USERDIR_PATH + 16];
    int fd = open_tmp(path, tmp, sizeof tmp, err);
    if (fd < 0)
        return fd;
    int e = write_all(fd, data, len);
    if (e) {
        close(fd);
        unlink(tmp);
        return err_set(err, ERR_IO, NULL, N_("cannot save '%s': %s"), path, strerror(e));
    }
    return finish_atomic(fd, tmp, path, err);
}

int userdir_copy_atomic(const char *src, const char *dest, Err *err)
{
    int in = open(src, O_RDONLY | O_CLOEXEC);
    if (in < 0)
        return err_set(err, ERR_IO, NULL, N_("cannot read '%s': %s"), src, strerror(errno));
    char tmp[USERDIR_PATH + 16];
    int fd = open_tmp(dest, tmp, sizeof tmp, err);
    if (fd < 0) {
        close(in);
        return fd;
    }
    char buf[1 << 16];
    int e = 0;
    for (;;) {
        ssize_t r = read(in, buf, sizeof buf);
        if (r < 0 && errno == EINTR)
            continue;
        if (r < 0)
            e = errno;
        if (r <= 0 || (e = write_all(fd, buf, (size_t)r)) != 0)
            break;
    }
    close(in);
    if (e) {
        close(fd);
        unlink(tmp);
        return err_set(err, ERR_IO, NULL, N_("cannot copy '%s' to '%s': %s"), src, dest, strerror(e));
    }
    return finish_atomic(fd, tmp, dest, err);
}
