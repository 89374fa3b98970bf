/* os_win32: the OS layer on Windows (7 SP1 and later). Paths arrive in UTF-8 and go to the wide (UTF-16) Win32
   calls, so nothing depends on the code page; paths the layer hands out use '/' like the rest of the program. */
#define WIN32_LEAN_AND_MEAN
#include <windows.h>

#include <commdlg.h>
#include <shlobj.h>
#include <shellapi.h>

#include <errno.h>
#include <fcntl.h>
#include <io.h>
#include <libintl.h>
#include <limits.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <wchar.h>

#include "os.h"

/* ---- UTF-8 and UTF-16 ----------------------------------------------------------------------------------------- */

/* A new UTF-16 copy of 's' (free it), or NULL with errno EINVAL (not UTF-8) or ENOMEM. */
static wchar_t *to_wide(const char *s)
{
    int n = MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, NULL, 0);
    if (n <= 0) {
        errno = EINVAL;
        return NULL;
    }
    wchar_t *w = malloc((size_t)n * sizeof *w);
    if (!w) {
        errno = ENOMEM;
        return NULL;
    }
    MultiByteToWideChar(CP_UTF8, MB_ERR_INVALID_CHARS, s, -1, w, n);
    return w;
}

/* 'w' in UTF-8 into 'out' (NUL-terminated). -1 with ENAMETOOLONG when it does not fit. */
static int to_utf8(const wchar_t *w, char *out, size_t size)
{
    int n = WideCharToMultiByte(CP_UTF8, 0, w, -1, out, size > INT_MAX ? INT_MAX : (int)size, NULL, NULL);
    if (n <= 0) {
        errno = ENAMETOOLONG;
        return -1;
    }
    return 0;
}

static void forward_slashes(char *s)
{
    for (; *s; s++)
        if (*s == '\\')
            *s = '/';
}

/* A path for the wide calls: UTF-16, '\' separators, and the "\\?\" prefix when an absolute path is longer than
   MAX_PATH (so long paths work even where the manifest's longPathAware is not honoured). */
static wchar_t *to_wpath(const char *path)
{
    wchar_t *w = to_wide(path);
    if (!w)
        return NULL;
    size_t n = wcslen(w);
    for (size_t i = 0; i < n; i++)
        if (w[i] == L'/')
            w[i] = L'\\';
    int drive = n >= 3 && w[1] == L':' && w[2] == L'\\';
    if (n >= MAX_PATH - 12 && drive) {
        wchar_t *p = malloc((n + 5) * sizeof *p);
        if (!p) {
            free(w);
            errno = ENOMEM;
            return NULL;
        }
        wcscpy(p, L"\\\\?\\");
        wcscat(p, w);
        free(w);
        return p;
    }
    return w;
}

/* errno for the last Win32 error. */
static int set_errno(void)
{
    switch (GetLastError()) {
    case ERROR_FILE_NOT_FOUND:
    case ERROR_PATH_NOT_FOUND:
    case ERROR_INVALID_DRIVE:
    case ERROR_BAD_NETPATH:
    case ERROR_BAD_PATHNAME:
        errno = ENOENT;
        break;
    case ERROR_ACCESS_DENIED:
    case ERROR_WRITE_PROTECT:
        errno = EACCES;
        break;
    case ERROR_SHARING_VIOLATION:
    case ERROR_LOCK_VIOLATION:
        errno = EBUSY;
        break;
    case ERROR_ALREADY_EXISTS:
    case ERROR_FILE_EXISTS:
        errno = EEXIST;
        break;
    case ERROR_DIR_NOT_EMPTY:
        errno = ENOTEMPTY;
        break;
    case ERROR_DISK_FULL:
    case ERROR_HANDLE_DISK_FULL:
        errno = ENOSPC;
        break;
    case ERROR_NOT_ENOUGH_MEMORY:
    case ERROR_OUTOFMEMORY:
        errno = ENOMEM;
        break;
    case ERROR_FILENAME_EXCED_RANGE:
        errno = ENAMETOOLONG;
        break;
    case ERROR_DIRECTORY:
        errno = ENOTDIR;
        break;
    case ERROR_CANT_RESOLVE_FILENAME:
        errno = ELOOP;
        break;
    case ERROR_INVALID_NAME:
        errno = EINVAL;
        break;
    default:
        errno = EIO;
    }
    return -1;
}

/* ---- paths ---------------------------------------------------------------------------------------------------- */

int os_is_separator(char c)
{
    return c == '/' || c == '\\';
}

size_t os_path_root_len(const char *p)
{
    if (((p[0] >= 'A' && p[0] <= 'Z') || (p[0] >= 'a' && p[0] <= 'z')) && p[1] == ':')
        return os_is_separator(p[2]) ? 3 : 2;
    if (os_is_separator(p[0]) && os_is_separator(p[1])) { /* \\server\share\ */
        size_t i = 2;
        for (int part = 0; part < 2; part++) {
            while (p[i] && !os_is_separator(p[i]))
                i++;
            if (p[i])
                i++;
        }
        return i;
    }
    return os_is_separator(p[0]) ? 1 : 0;
}

const char *os_app_folder_name(void)
{
    return "Beseda";
}

/* ---- files ---------------------------------------------------------------------------------------------------- */

static int64_t filetime_ns(FILETIME ft)
{
    int64_t t = (int64_t)(((uint64_t)ft.dwHighDateTime << 32) | ft.dwLowDateTime);
    return (t - 116444736000000000LL) * 100; /* 100 ns steps since 1601 -> ns since 1970 */
}

static void fill_stat(DWORD attr, DWORD size_high, DWORD size_low, FILETIME mtime, OsStat *st)
{
    st->type = (attr & FILE_ATTRIBUTE_REPARSE_POINT) ? OS_FILE_LINK
               : (attr & FILE_ATTRIBUTE_DIRECTORY)   ? OS_FILE_DIR
               : (attr & FILE_ATTRIBUTE_DEVICE)      ? OS_FILE_OTHER
                                                     : OS_FILE_REG;
    st->size = st->type == OS_FILE_REG ? ((uint64_t)size_high << 32) | size_low : 0;
    st->mtime_ns = filetime_ns(mtime);
}

int os_stat(const char *path, OsStat *st)
{
    wchar_t *w = to_wpath(path);
    if (!w)
        return -1;
    /* Opening the file (a folder needs BACKUP_SEMANTICS) follows links, as stat does. */
    HANDLE h = CreateFileW(w, 0, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
                           FILE_FLAG_BACKUP_SEMANTICS, NULL);
    free(w);
    if (h == INVALID_HANDLE_VALUE)
        return set_errno();
    if (GetFileType(h) != FILE_TYPE_DISK) { /* a device such as NUL or a console, or a pipe */
        CloseHandle(h);
        *st = (OsStat){.type = OS_FILE_OTHER};
        return 0;
    }
    BY_HANDLE_FILE_INFORMATION fi;
    int ok = GetFileInformationByHandle(h, &fi);
    int rc = ok ? 0 : set_errno();
    CloseHandle(h);
    if (ok)
        fill_stat(fi.dwFileAttributes & ~(DWORD)FILE_ATTRIBUTE_REPARSE_POINT, fi.nFileSizeHigh, fi.nFileSizeLow,
                  fi.ftLastWriteTime, st);
    return rc;
}

int os_lstat(const char *path, OsStat *st)
{
    wchar_t *w = to_wpath(path);
    if (!w)
        return -1;
    WIN32_FILE_ATTRIBUTE_DATA a;
    int ok = GetFileAttributesExW(w, GetFileExInfoStandard, &a);
    free(w);
    if (!ok)
        return set_errno();
    fill_stat(a.dwFileAttributes, a.nFileSizeHigh, a.nFileSizeLow, a.ftLastWriteTime, st);
    return 0;
}

int os_exists(const char *path)
{
    wchar_t *w = to_wpath(path);
    if (!w)
        return 0;
    DWORD a = GetFileAttributesW(w);
    free(w);
    return a != INVALID_FILE_ATTRIBUTES;
}

static int open_handle(const char *path, DWORD access, DWORD disposition, DWORD flags, int crt_flags, int nofollow);

FILE *os_fopen(const char *path, const char *mode)
{
    /* Through CreateFileW, not _wfopen: the C runtime's share mode lacks FILE_SHARE_DELETE, and a file someone has
       open could then not be replaced (os_replace) or deleted. */
    int plus = strchr(mode, '+') != NULL, fd;
    char m[8];
    snprintf(m, sizeof m, "%c%sb", mode[0], plus ? "+" : "");
    DWORD both = GENERIC_READ | GENERIC_WRITE;
    switch (mode[0]) {
    case 'r':
        fd = open_handle(path, plus ? both : GENERIC_READ, OPEN_EXISTING, 0, plus ? _O_RDWR : _O_RDONLY, 0);
        break;
    case 'w':
        fd = open_handle(path, plus ? both : GENERIC_WRITE, CREATE_ALWAYS, 0, plus ? _O_RDWR : _O_WRONLY, 0);
        break;
    case 'a':
        fd =
            open_handle(path, plus ? both : GENERIC_WRITE, OPEN_ALWAYS, 0, (plus ? _O_RDWR : _O_WRONLY) | _O_APPEND, 0);
        break;
    default:
        errno = EINVAL;
        return NULL;
    }
    if (fd < 0)
        return NULL;
    FILE *f = _fdopen(fd, m);
    if (!f)
        _close(fd);
    return f;
}

/* A CRT descriptor over CreateFileW: files are opened with every share flag, so an open file never stops
   another program, or us, from reading, replacing or deleting it (as on Linux). */
static int open_handle(const char *path, DWORD access, DWORD disposition, DWORD flags, int crt_flags, int nofollow)
{
    wchar_t *w = to_wpath(path);
    if (!w)
        return -1;
    HANDLE h = CreateFileW(w, access, FILE_SHARE_READ | FILE_SHARE_WRITE | FILE_SHARE_DELETE, NULL, disposition,
                           flags | (nofollow ? FILE_FLAG_OPEN_REPARSE_POINT : 0), NULL);
    free(w);
    if (h == INVALID_HANDLE_VALUE)
        return set_errno();
    if (nofollow) {
        BY_HANDLE_FILE_INFORMATION fi;
        if (!GetFileInformationByHandle(h, &fi) || (fi.dwFileAttributes & FILE_ATTRIBUTE_REPARSE_POINT)) {
            CloseHandle(h);
            errno = ELOOP;
            return -1;
        }
    }
    int fd = _open_osfhandle((intptr_t)h, crt_flags | _O_BINARY | _O_NOINHERIT);
    if (fd < 0) {
        CloseHandle(h);
        errno = EMFILE;
    }
    return fd;
}

int os_open_read(const char *path, int nofollow)
{
    return open_handle(path, GENERIC_READ, OPEN_EXISTING, FILE_ATTRIBUTE_NORMAL, _O_RDONLY, nofollow);
}

int os_open_write(const char *path)
{
    return open_handle(path, GENERIC_WRITE, CREATE_ALWAYS, FILE_ATTRIBUTE_NORMAL, _O_WRONLY, 0);
}

ssize_t os_read(int fd, void *buf, size_t n)
{
    return _read(fd, buf, n > INT_MAX ? INT_MAX : (unsigned)n);
}

ssize_t os_write(int fd, const void *buf, size_t n)
{
    return _write(fd, buf, n > INT_MAX ? INT_MAX : (unsigned)n);
}

ssize_t os_pread(int fd, void *buf, size_t n, uint64_t offset)
{
    HANDLE h = (HANDLE)_get_osfhandle(fd);
    if (h == INVALID_HANDLE_VALUE) {
        errno = EBADF;
        return -1;
    }
    OVERLAPPED ov = {0};
    ov.Offset = (DWORD)offset;
    ov.OffsetHigh = (DWORD)(offset >> 32);
    DWORD got = 0;
    if (!ReadFile(h, buf, n > 1u << 30 ? 1u << 30 : (DWORD)n, &got, &ov))
        return GetLastError() == ERROR_HANDLE_EOF ? 0 : set_errno();
    return (ssize_t)got;
}

int os_close(int fd)
{
    return _close(fd);
}

int os_fsync(int fd)
{
    HANDLE h = (HANDLE)_get_osfhandle(fd);
    if (h == INVALID_HANDLE_VALUE) {
        errno = EBADF;
        return -1;
    }
    return FlushFileBuffers(h) ? 0 : set_errno();
}

int os_replace(const char *from, const char *to)
{
    wchar_t *wf = to_wpath(from), *wt = wf ? to_wpath(to) : NULL;
    int rc = -1;
    if (wt) {
        /* A virus scanner or indexer may hold the target for a moment: try again briefly before giving up. */
        for (int tries = 0; tries < 20; tries++) {
            if (MoveFileExW(wf, wt, MOVEFILE_REPLACE_EXISTING | MOVEFILE_WRITE_THROUGH)) {
                rc = 0;
                break;
            }
            DWORD e = GetLastError();
            if (e != ERROR_ACCESS_DENIED && e != ERROR_SHARING_VIOLATION) {
                set_errno();
                break;
            }
            set_errno();
            Sleep(25);
        }
    }
    free(wf);
    free(wt);
    return rc;
}

int os_remove(const char *path)
{
    wchar_t *w = to_wpath(path);
    if (!w)
        return -1;
    int rc = DeleteFileW(w) ? 0 : set_errno();
    free(w);
    return rc;
}

int os_rmdir(const char *path)
{
    wchar_t *w = to_wpath(path);
    if (!w)
        return -1;
    int rc = RemoveDirectoryW(w) ? 0 : set_errno();
    free(w);
    return rc;
}

int os_mkdir(const char *path, int owner_only)
{
    (void)owner_only; /* a new folder inherits its parent's permissions: the user's own under their profile */
    wchar_t *w = to_wpath(path);
    if (!w)
        return -1;
    int rc = CreateDirectoryW(w, NULL) ? 0 : set_errno();
    free(w);
    return rc;
}

/* Fills the trailing "XXXXXX" of 'tmpl' with fresh letters and calls 'make' until a new name is made. */
static int make_unique(char *tmpl, int (*make)(const char *path, void *out), void *out)
{
    size_t n = strlen(tmpl);
    if (n < 6 || strcmp(tmpl + n - 6, "XXXXXX") != 0) {
        errno = EINVAL;
        return -1;
    }
    static const char letters[] = "abcdefghijklmnopqrstuvwxyz0123456789";
    LARGE_INTEGER c;
    QueryPerformanceCounter(&c);
    uint64_t x = (uint64_t)c.QuadPart ^ ((uint64_t)GetCurrentProcessId() << 32);
    for (int tries = 0; tries < 100; tries++) {
        for (int i = 0; i < 6; i++) {
            x = x * 6364136223846793005ULL + 1442695040888963407ULL;
            tmpl[n - 6 + i] = letters[(x >> 33) % 36];
        }
        if (make(tmpl, out) == 0)
            return 0;
        if (errno != EEXIST)
            return -1;
    }
    errno = EEXIST;
    return -1;
}

static int make_dir(const char *path, void *out)
{
    (void)out;
    return os_mkdir(path, 1);
}

static int make_file(const char *path, void *out)
{
    int fd = open_handle(path, GENERIC_READ | GENERIC_WRITE, CREATE_NEW, FILE_ATTRIBUTE_NORMAL, _O_RDWR, 0);
    *(int *)out = fd;
    return fd < 0 ? -1 : 0;
}

int os_mkdtemp(char *tmpl)
{
    return make_unique(tmpl, make_dir, NULL);
}

int os_mkstemp(char *tmpl)
{
    int fd = -1;
    return make_unique(tmpl, make_file, &fd) == 0 ? fd : -1;
}

void *os_map_file(const char *path, size_t max, size_t *len)
{
    wchar_t *w = to_wpath(path);
    if (!w)
        return NULL;
    HANDLE h = CreateFileW(w, GENERIC_READ, FILE_SHARE_READ | FILE_SHARE_DELETE, NULL, OPEN_EXISTING,
                           FILE_ATTRIBUTE_NORMAL, NULL);
    free(w);
    if (h == INVALID_HANDLE_VALUE) {
        set_errno();
        return NULL;
    }
    void *view = NULL;
    LARGE_INTEGER size;
    if (!GetFileSizeEx(h, &size)) {
        set_errno();
    } else if (size.QuadPart <= 0 || (uint64_t)size.QuadPart > max) {
        errno = size.QuadPart <= 0 ? EINVAL : EFBIG;
    } else {
        HANDLE m = CreateFileMappingW(h, NULL, PAGE_READONLY, 0, 0, NULL);
        if (m) {
            view = MapViewOfFile(m, FILE_MAP_READ, 0, 0, 0); /* the view keeps the mapping alive */
            if (!view)
                set_errno();
            CloseHandle(m);
        } else {
            set_errno();
        }
        if (view)
            *len = (size_t)size.QuadPart;
    }
    CloseHandle(h);
    return view;
}

void os_unmap_file(void *p, size_t len)
{
    (void)len;
    if (p)
        UnmapViewOfFile(p);
}

/* ---- folders -------------------------------------------------------------------------------------------------- */

struct OsDir {
    HANDLE find;
    int first; /* the entry FindFirstFileExW gave is still to be returned */
    WIN32_FIND_DATAW fd;
    char name[MAX_PATH * 3 + 1]; /* one name of at most MAX_PATH UTF-16 units, in UTF-8 */
};

OsDir *os_dir_open(const char *path)
{
    size_t n = strlen(path);
    char *pattern = malloc(n + 3);
    if (!pattern) {
        errno = ENOMEM;
        return NULL;
    }
    memcpy(pattern, path, n);
    if (n && !os_is_separator(path[n - 1]))
        pattern[n++] = '/';
    memcpy(pattern + n, "*", 2);
    wchar_t *w = to_wpath(pattern);
    free(pattern);
    OsDir *d = w ? calloc(1, sizeof *d) : NULL;
    if (!d) {
        free(w);
        if (w)
            errno = ENOMEM;
        return NULL;
    }
    d->find = FindFirstFileExW(w, FindExInfoBasic, &d->fd, FindExSearchNameMatch, NULL, FIND_FIRST_EX_LARGE_FETCH);
    free(w);
    if (d->find == INVALID_HANDLE_VALUE) {
        set_errno();
        free(d);
        return NULL;
    }
    d->first = 1;
    return d;
}

int os_dir_next(OsDir *d, const char **name, OsStat *st)
{
    for (;;) {
        if (!d->first && !FindNextFileW(d->find, &d->fd))
            return GetLastError() == ERROR_NO_MORE_FILES ? 0 : set_errno();
        d->first = 0;
        const wchar_t *n = d->fd.cFileName;
        if (wcscmp(n, L".") == 0 || wcscmp(n, L"..") == 0)
            continue;
        if (to_utf8(n, d->name, sizeof d->name) != 0)
            return -1;
        *name = d->name;
        if (st)
            fill_stat(d->fd.dwFileAttributes, d->fd.nFileSizeHigh, d->fd.nFileSizeLow, d->fd.ftLastWriteTime, st);
        return 1;
    }
}

void os_dir_close(OsDir *d)
{
    if (d) {
        FindClose(d->find);
        free(d);
    }
}

/* ---- where things are ----------------------------------------------------------------------------------------- */

int os_exe_path(char *out, size_t size)
{
    wchar_t w[32768];
    DWORD n = GetModuleFileNameW(NULL, w, sizeof w / sizeof w[0]);
    if (n == 0 || n >= sizeof w / sizeof w[0])
        return set_errno();
    if (to_utf8(w, out, size) != 0)
        return -1;
    forward_slashes(out);
    return 0;
}

int os_user_folder(OsFolder which, char *out, size_t size)
{
    PWSTR w = NULL;
    HRESULT hr = SHGetKnownFolderPath(which == OS_FOLDER_DOCUMENTS ? &FOLDERID_Documents : &FOLDERID_RoamingAppData, 0,
                                      NULL, &w);
    int rc = 0;
    if (FAILED(hr) || !w) {
        errno = ENOENT;
        rc = -1;
    } else if (to_utf8(w, out, size) == 0) {
        forward_slashes(out);
    } else {
        rc = -1;
    }
    CoTaskMemFree(w);
    return rc;
}

/* ---- the process ---------------------------------------------------------------------------------------------- */

void os_process_init(int *argc, char ***argv)
{
    SetConsoleOutputCP(CP_UTF8);
    /* No "Insert a disk in drive E:" box when a stick is pulled out while the program reads from it. */
    SetErrorMode(SEM_FAILCRITICALERRORS | SEM_NOOPENFILEERRORBOX);
    if (!argc || !argv)
        return;
    int n = 0;
    wchar_t **wargv = CommandLineToArgvW(GetCommandLineW(), &n);
    if (!wargv)
        return;
    char **v = calloc((size_t)n + 1, sizeof *v);
    for (int i = 0; v && i < n; i++) {
        int len = WideCharToMultiByte(CP_UTF8, 0, wargv[i], -1, NULL, 0, NULL, NULL);
        if (len <= 0 || !(v[i] = malloc((size_t)len))) {
            v = NULL; /* keep the system's arguments; what was allocated lives as long as the program anyway */
            break;
        }
        WideCharToMultiByte(CP_UTF8, 0, wargv[i], -1, v[i], len, NULL, NULL);
    }
    LocalFree(wargv);
    if (v) {
        *argc = n;
        *argv = v;
    }
}

const char *os_getenv(const char *name)
{
    static char value[32768];
    wchar_t *wn = to_wide(name);
    const wchar_t *wv = wn ? _wgetenv(wn) : NULL;
    free(wn);
    if (!wv || to_utf8(wv, value, sizeof value) != 0)
        return NULL;
    return value;
}

int os_setenv(const char *name, const char *value)
{
    wchar_t *wn = to_wide(name), *wv = to_wide(value ? value : "");
    int rc = wn && wv && _wputenv_s(wn, wv) == 0 ? 0 : -1;
    free(wn);
    free(wv);
    return rc;
}

size_t os_ui_languages(char out[][64], size_t max)
{
    /* The variables gettext itself honours win over the system's setting, as on Linux (and under Wine). */
    static const char *const vars[] = {"LC_ALL", "LC_MESSAGES", "LANG"};
    for (size_t i = 0; i < 3 && max > 0; i++) {
        const char *v = getenv(vars[i]);
        if (v && v[0]) {
            snprintf(out[0], 64, "%s", v);
            return 1;
        }
    }
    ULONG num = 0, len = 0;
    if (max == 0 || !GetUserPreferredUILanguages(MUI_LANGUAGE_NAME, &num, NULL, &len) || len == 0)
        return 0;
    wchar_t *buf = malloc(len * sizeof *buf);
    size_t n = 0;
    if (buf && GetUserPreferredUILanguages(MUI_LANGUAGE_NAME, &num, buf, &len))
        for (const wchar_t *l = buf; *l && n < max; l += wcslen(l) + 1)
            if (to_utf8(l, out[n], 64) == 0)
                n++;
    free(buf);
    return n;
}

void os_bindtextdomain(const char *domain, const char *dir)
{
    wchar_t *w = to_wide(dir);
    if (w)
        wbindtextdomain(domain, w); /* libintl keeps its own copy */
    free(w);
}

static int is_ascii(const char *s)
{
    for (; *s; s++)
        if ((unsigned char)*s >= 0x80)
            return 0;
    return 1;
}

const char *os_narrow_path(const char *path, char *buf, size_t size)
{
    if (GetACP() == CP_UTF8 || is_ascii(path))
        return path;
    /* The short 8.3 name is plain ASCII; for a file not made yet, the short name of its folder and its own name
       (which must then be ASCII). */
    wchar_t *w = to_wpath(path);
    if (!w)
        return path;
    wchar_t s[MAX_PATH];
    const char *result = path;
    DWORD n = GetShortPathNameW(w, s, MAX_PATH);
    if (n == 0 || n >= MAX_PATH) {
        wchar_t *slash = wcsrchr(w, L'\\');
        if (slash && is_ascii(strrchr(path, '/') ? strrchr(path, '/') + 1 : path)) {
            *slash = 0;
            n = GetShortPathNameW(w, s, MAX_PATH);
            *slash = L'\\';
            if (n > 0 && n + wcslen(slash) < MAX_PATH)
                wcscat(s, slash);
            else
                n = 0;
        } else {
            n = 0;
        }
    }
    BOOL lossy = FALSE;
    if (n > 0 && WideCharToMultiByte(CP_ACP, 0, s, -1, buf, (int)size, NULL, &lossy) > 0 && !lossy)
        result = buf;
    free(w);
    return result;
}

int os_localtime(time_t t, struct tm *tm)
{
    return localtime_s(tm, &t) == 0 ? 0 : -1;
}

int os_gmtime(time_t t, struct tm *tm)
{
    return gmtime_s(tm, &t) == 0 ? 0 : -1;
}

/* Appends 'arg' to the command line, quoted where it must be so that CommandLineToArgvW and the C runtime read
   it back as one argument. */
static void quote_arg(wchar_t *cmd, size_t *n, size_t cap, const wchar_t *arg)
{
#define PUT(c)                                                                                                         \
    do {                                                                                                               \
        if (*n + 1 < cap)                                                                                              \
            cmd[(*n)++] = (c);                                                                                         \
    } while (0)
    if (*n)
        PUT(L' ');
    if (arg[0] && !wcspbrk(arg, L" \t\n\v\"")) { /* nothing to protect: as it is (cmd.exe wants "/c" so) */
        for (const wchar_t *p = arg; *p; p++)
            PUT(*p);
        cmd[*n] = 0;
        return;
    }
    PUT(L'"');
    for (const wchar_t *p = arg;; p++) {
        size_t slashes = 0;
        while (*p == L'\\') {
            p++;
            slashes++;
        }
        if (!*p) { /* backslashes before the closing quote are doubled */
            for (size_t i = 0; i < slashes * 2; i++)
                PUT(L'\\');
            break;
        }
        if (*p == L'"') {
            for (size_t i = 0; i < slashes * 2 + 1; i++)
                PUT(L'\\');
        } else {
            for (size_t i = 0; i < slashes; i++)
                PUT(L'\\');
        }
        PUT(*p);
    }
    PUT(L'"');
    cmd[*n] = 0;
#undef PUT
}

int os_run(const char *const argv[], int *status)
{
    enum { CMD_MAX = 32767 };
    wchar_t *cmd = malloc(CMD_MAX * sizeof *cmd);
    if (!cmd) {
        errno = ENOMEM;
        return -1;
    }
    size_t n = 0;
    cmd[0] = 0;
    for (int i = 0; argv[i]; i++) {
        wchar_t *w = to_wide(argv[i]);
        if (!w) {
            free(cmd);
            return -1;
        }
        quote_arg(cmd, &n, CMD_MAX, w);
        free(w);
    }
    STARTUPINFOW si = {.cb = sizeof si};
    PROCESS_INFORMATION pi;
    /* With no application name, CreateProcessW finds the program as the shell would (its folder, PATH). */
    int ok = CreateProcessW(NULL, cmd, NULL, NULL, FALSE, 0, NULL, NULL, &si, &pi);
    free(cmd);
    if (!ok)
        return set_errno();
    WaitForSingleObject(pi.hProcess, INFINITE);
    DWORD code = 1;
    GetExitCodeProcess(pi.hProcess, &code);
    CloseHandle(pi.hThread);
    CloseHandle(pi.hProcess);
    *status = (int)code;
    return 0;
}

int os_stderr_is_visible(void)
{
    HANDLE h = GetStdHandle(STD_ERROR_HANDLE);
    return h && h != INVALID_HANDLE_VALUE && GetFileType(h) != FILE_TYPE_UNKNOWN;
}

int os_stderr_silence(void)
{
    fflush(stderr);
    int saved = _dup(2), null = _open("NUL", _O_WRONLY);
    if (saved < 0 || null < 0 || _dup2(null, 2) != 0) {
        if (saved >= 0)
            _close(saved);
        saved = -1;
    }
    if (null >= 0)
        _close(null);
    return saved;
}

void os_stderr_restore(int token)
{
    if (token < 0)
        return;
    fflush(stderr);
    _dup2(token, 2);
    _close(token);
}

int os_choose_file(int save, const char *title, const char *suggest, const char *kind, const char *pattern, char *out,
                   size_t size)
{
    enum { PATH_CAP = 32768 };
    wchar_t *file = calloc(PATH_CAP, sizeof *file), *wtitle = to_wide(title), *wkind = to_wide(kind);
    wchar_t *wpattern = to_wide(pattern), *wsuggest = to_wide(suggest);
    wchar_t *filter = NULL, *dir = NULL;
    int rc = -1;
    if (!file || !wtitle || !wkind || !wpattern || !wsuggest)
        goto out;
    /* the filter: "Kind (*.md)\0*.md\0\0" */
    size_t kl = wcslen(wkind), pl = wcslen(wpattern);
    filter = calloc(kl + 2 * pl + 8, sizeof *filter);
    if (!filter)
        goto out;
    wcscpy(filter, wkind); /* by hand: libintl.h turns swprintf into a function its library lacks */
    wcscat(filter, L" (");
    wcscat(filter, wpattern);
    wcscat(filter, L")");
    wcscpy(filter + wcslen(filter) + 1, wpattern);
    for (wchar_t *c = wsuggest; *c; c++)
        if (*c == L'/')
            *c = L'\\';
    wchar_t *slash = wcsrchr(wsuggest, L'\\');
    if (save)
        wcsncpy(file, slash ? slash + 1 : wsuggest, PATH_CAP - 1);
    if (slash && (dir = calloc((size_t)(slash - wsuggest) + 1, sizeof *dir)))
        wcsncpy(dir, wsuggest, (size_t)(slash - wsuggest));
    OPENFILENAMEW ofn;
    memset(&ofn, 0, sizeof ofn);
    ofn.lStructSize = sizeof ofn;
    ofn.lpstrFilter = filter;
    ofn.lpstrFile = file;
    ofn.nMaxFile = PATH_CAP;
    ofn.lpstrInitialDir = dir;
    ofn.lpstrTitle = wtitle;
    ofn.Flags = OFN_NOCHANGEDIR | OFN_EXPLORER |
                (save ? OFN_OVERWRITEPROMPT | OFN_PATHMUSTEXIST : OFN_FILEMUSTEXIST | OFN_PATHMUSTEXIST);
    BOOL ok = save ? GetSaveFileNameW(&ofn) : GetOpenFileNameW(&ofn);
    if (ok)
        rc = to_utf8(file, out, size) == 0 ? 1 : 0;
    else
        rc = CommDlgExtendedError() == 0 ? 0 : -1; /* 0: the user cancelled */
    if (rc == 1)
        forward_slashes(out);
out:
    free(file);
    free(wtitle);
    free(wkind);
    free(wpattern);
    free(wsuggest);
    free(filter);
    free(dir);
    return rc;
}

/* ---- passphrases ---------------------------------------------------------------------------------------------- */

int os_read_passphrase(const char *prompt, char *out, size_t size)
{
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    DWORD mode;
    if (in == INVALID_HANDLE_VALUE || !GetConsoleMode(in, &mode)) { /* not a console: a line of standard input */
        if (!fgets(out, (int)size, stdin))
            return -1;
        size_t n = strlen(out);
        int whole = (n > 0 && out[n - 1] == '\n') || feof(stdin);
        while (n > 0 && (out[n - 1] == '\n' || out[n - 1] == '\r'))
            out[--n] = '\0';
        if (!whole) { /* longer than 'out': refused, as on POSIX */
            SecureZeroMemory(out, size);
            return -1;
        }
        return 0;
    }
    fprintf(stderr, "%s", prompt);
    fflush(stderr);
    SetConsoleMode(in, (mode & ~(DWORD)ENABLE_ECHO_INPUT) | ENABLE_LINE_INPUT);
    wchar_t w[1024];
    DWORD got = 0;
    BOOL ok = ReadConsoleW(in, w, 1023, &got, NULL);
    int whole = ok && got > 0 && w[got - 1] == L'\n';
    if (ok && !whole)
        FlushConsoleInputBuffer(in); /* the rest of a too long line must not reach the next prompt or the shell */
    SetConsoleMode(in, mode);
    fprintf(stderr, "\n");
    while (got > 0 && (w[got - 1] == L'\n' || w[got - 1] == L'\r'))
        got--;
    w[got] = L'\0';
    int rc = whole && to_utf8(w, out, size) == 0 ? 0 : -1;
    SecureZeroMemory(w, sizeof w);
    if (rc != 0)
        SecureZeroMemory(out, size);
    return rc;
}

int os_stdin_is_terminal(void)
{
    DWORD mode;
    HANDLE in = GetStdHandle(STD_INPUT_HANDLE);
    return in != INVALID_HANDLE_VALUE && GetConsoleMode(in, &mode);
}
