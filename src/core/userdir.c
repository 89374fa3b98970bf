/* userdir: program folder, portable mode, XDG folders, atomic file writes. */
#include "userdir.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "os/os.h"

int userdir_exe_dir(char *out, size_t size, Err *err)
{
    if (os_exe_path(out, size) != 0)
        return err_set(err, ERR_IO, NULL, N_("cannot find the program's own folder: %s"), strerror(errno));
    char *base = (char *)os_path_base(out), *slash = base > out ? base - 1 : NULL;
    if (slash == out)
        slash[1] = '\0';
    else if (slash)
        *slash = '\0';
    return 0;
}

/* 'exe_dir'/'rel' when 'probe' exists below it; else 'exe_dir'/../'up' when 'probe' exists there; else NULL. */
static const char *find_below(const char *exe_dir, const char *rel, const char *up, const char *probe, char *out,
                              size_t size)
{
    char path[USERDIR_PATH + 128];
    snprintf(out, size, "%s%s%s", exe_dir, rel[0] ? "/" : "", rel);
    snprintf(path, sizeof path, "%s/%s", out, probe);
    if (os_exists(path))
        return out;
    snprintf(out, size, "%s/../%s", exe_dir, up);
    snprintf(path, sizeof path, "%s/%s", out, probe);
    return os_exists(path) ? out : NULL;
}

void userdir_share_dir(const char *exe_dir, char *out, size_t size)
{
    if (!find_below(exe_dir, "", "share/beseda", "assets/fonts", out, size))
        snprintf(out, size, "%s", exe_dir);
}

void userdir_locale_dir(const char *exe_dir, char *out, size_t size)
{
    if (!find_below(exe_dir, "locale", "share/locale", ".", out, size))
        snprintf(out, size, "%s/locale", exe_dir);
}

static int join(char *out, size_t size, const char *a, const char *b, Err *err)
{
    int n = snprintf(out, size, "%s/%s", a, b);
    if (n < 0 || (size_t)n >= size)
        return err_set(err, ERR_USAGE, NULL, N_("the folder name '%s' is too long"), a);
    return 0;
}

/* The system's folder of that kind, with Beseda's own folder name added. */
static int user_folder(OsFolder which, char *out, size_t size, Err *err)
{
    char base[USERDIR_PATH];
    if (os_user_folder(which, base, sizeof base) != 0)
        return err_set(err, ERR_IO, NULL,
                       N_("the system names no folder for your data (%s); start Beseda with --data FOLDER or put a "
                          "file named 'portable' beside the program"),
                       strerror(errno));
    return join(out, size, base, os_app_folder_name(), err);
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
    if (os_exists(marker)) {
        d->portable = 1;
        if (join(d->data_dir, sizeof d->data_dir, exe_dir, "data", err) != 0)
            return -ERR_USAGE;
        strcpy(d->config_dir, d->data_dir);
        return 0;
    }
    if (user_folder(OS_FOLDER_CONFIG, d->config_dir, sizeof d->config_dir, err) != 0)
        return -ERR_IO;
    return user_folder(OS_FOLDER_DATA, d->data_dir, sizeof d->data_dir, err);
}

int userdir_mkdirs(const char *path, Err *err)
{
    char p[USERDIR_PATH];
    if (strlen(path) >= sizeof p)
        return err_set(err, ERR_USAGE, NULL, N_("the folder name '%s' is too long"), path);
    strcpy(p, path);
    /* "/", "C:\\" or "\\\\server\\share\\" are not made, only what follows. */
    size_t root = os_path_root_len(p);
    for (char *s = p + (root ? root : 1);; s++) {
        char c = *s;
        if (!os_is_separator(c) && c != '\0')
            continue;
        *s = '\0';
        if (os_mkdir(p, 1) != 0 && errno != EEXIST && !os_exists(p))
            return err_set(err, ERR_IO, NULL, N_("cannot create the folder '%s': %s"), p, strerror(errno));
        *s = c;
        if (!c)
            break;
    }
    OsStat st;
    if (os_stat(path, &st) != 0 || st.type != OS_FILE_DIR)
        return err_set(err, ERR_IO, NULL, N_("'%s' is not a folder"), path);
    return 0;
}

/* Writes all of 'len' bytes to 'fd'; returns 0 or errno. */
static int write_all(int fd, const char *p, size_t len)
{
    while (len > 0) {
        ssize_t w = os_write(fd, p, len);
        if (w <= 0)
            return w < 0 ? errno : EIO;
        p += w;
        len -= (size_t)w;
    }
    return 0;
}

/* Syncs and closes 'fd' (the temporary file 'tmp'), then moves it over 'path' in one durable step. */
static int finish_atomic(int fd, const char *tmp, const char *path, Err *err)
{
    int e = os_fsync(fd) != 0 ? errno : 0;
    if (os_close(fd) != 0 && !e)
        e = errno;
    if (!e && os_replace(tmp, path) != 0)
        e = errno;
    if (e) {
        os_remove(tmp);
        return err_set(err, ERR_IO, NULL, N_("cannot save '%s': %s"), path, strerror(e));
    }
    return 0;
}

static int open_tmp(const char *path, char *tmp, size_t size, Err *err)
{
    int n = snprintf(tmp, size, "%s.tmp", path);
    if (n < 0 || (size_t)n >= size)
        return err_set(err, ERR_USAGE, NULL, N_("the file name '%s' is too long"), path);
    int fd = os_open_write(tmp);
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
        os_close(fd);
        os_remove(tmp);
        return err_set(err, ERR_IO, NULL, N_("cannot save '%s': %s"), path, strerror(e));
    }
    return finish_atomic(fd, tmp, path, err);
}

int userdir_copy_atomic(const char *src, const char *dest, Err *err)
{
    int in = os_open_read(src, 0);
    if (in < 0)
        return err_set(err, ERR_IO, NULL, N_("cannot read '%s': %s"), src, strerror(errno));
    char tmp[USERDIR_PATH + 16];
    int fd = open_tmp(dest, tmp, sizeof tmp, err);
    if (fd < 0) {
        os_close(in);
        return fd;
    }
    char buf[1 << 16];
    int e = 0;
    for (;;) {
        ssize_t r = os_read(in, buf, sizeof buf);
        if (r < 0)
            e = errno;
        if (r <= 0 || (e = write_all(fd, buf, (size_t)r)) != 0)
            break;
    }
    os_close(in);
    if (e) {
        os_close(fd);
        os_remove(tmp);
        return err_set(err, ERR_IO, NULL, N_("cannot copy '%s' to '%s': %s"), src, dest, strerror(e));
    }
    return finish_atomic(fd, tmp, dest, err);
}
