/* os: everything Linux and Windows do differently, behind one set of calls. Every path that goes in or comes out
   is UTF-8; os_win32.c turns it into UTF-16 at the Win32 boundary, so names such as 'урок-права.beseda' and user
   folders with Cyrillic names work on any Windows from 7 SP1, whatever its code page. Calls that can fail return
   -1 (or NULL) with errno set, as POSIX does, so callers report strerror(errno). Nothing else in the program
   says #ifdef _WIN32 (but the SDL platform file and the build). */
#ifndef BESEDA_OS_H
#define BESEDA_OS_H

#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <sys/types.h>
#include <time.h>

/* Whether 'c' separates folders in a path: '/' everywhere, '\' too on Windows. The program itself builds paths
   with '/', which Windows accepts. */
int os_is_separator(char c);
/* The length of the root that starts 'path': 1 for "/", 3 for "C:\", the whole "\\server\share\" for a
   share; 0 for a relative path. */
size_t os_path_root_len(const char *path);
/* The last component of 'path': what follows its last separator (all of 'path' when it has none). */
const char *os_path_base(const char *path);
/* The name of Beseda's own folder inside the user's configuration and data folders ("beseda"; "Beseda"). */
const char *os_app_folder_name(void);

/* ---- files ---------------------------------------------------------------------------------------------------- */

typedef enum { OS_FILE_REG = 1, OS_FILE_DIR, OS_FILE_LINK, OS_FILE_OTHER } OsFileType;

typedef struct {
    OsFileType type;
    uint64_t size;
    int64_t mtime_ns; /* modification time in nanoseconds since 1970 (Windows: 100 ns steps) */
} OsStat;

/* The file at 'path' (links followed). */
int os_stat(const char *path, OsStat *st);
/* The same without following a final link (a symbolic link or other reparse point is OS_FILE_LINK). */
int os_lstat(const char *path, OsStat *st);
/* 1 when something exists at 'path', 0 when not. */
int os_exists(const char *path);

/* fopen with a UTF-8 name; files are always opened in binary mode and are not inherited by child processes. */
FILE *os_fopen(const char *path, const char *mode);

/* A file descriptor for reading 'path' (binary). 'nofollow': refuse a final link (ELOOP). */
int os_open_read(const char *path, int nofollow);
/* Creates or truncates 'path' for writing (binary; readable by the owner only where the system has modes). */
int os_open_write(const char *path);
ssize_t os_read(int fd, void *buf, size_t n);
ssize_t os_write(int fd, const void *buf, size_t n);
/* Reads at 'offset' without using the file position. */
ssize_t os_pread(int fd, void *buf, size_t n, uint64_t offset);
int os_close(int fd);
/* Makes the file's contents durable (fsync; FlushFileBuffers). */
int os_fsync(int fd);

/* Moves 'from' over 'to' in one step: after a crash 'to' is the old or the new file, never a mix or missing.
   'to' may exist (Windows: MoveFileExW with REPLACE_EXISTING|WRITE_THROUGH; POSIX: rename, then a sync of the
   folder). */
int os_replace(const char *from, const char *to);
int os_remove(const char *path);
int os_rmdir(const char *path);
/* Creates one folder; 'owner_only' gives it mode 0700 (else 0755) where the system has modes. EEXIST when it
   is already there. */
int os_mkdir(const char *path, int owner_only);

/* Replaces the trailing "XXXXXX" of 'tmpl' and creates that folder / that file (returning its descriptor). */
int os_mkdtemp(char *tmpl);
int os_mkstemp(char *tmpl);

/* Reads the whole file 'path' (at most 'max' bytes; EFBIG beyond) into memory that os_unmap_file releases:
   mapped where the system maps files. */
void *os_map_file(const char *path, size_t max, size_t *len);
void os_unmap_file(void *p, size_t len);

/* ---- folders -------------------------------------------------------------------------------------------------- */

typedef struct OsDir OsDir;

/* Lists a folder: each call gives one entry's name (UTF-8, valid until the next call) and, when 'st' is not
   NULL, what os_lstat would say of it. "." and ".." are never given. os_dir_next returns 1 for an entry, 0 at
   the end, -1 on error. */
OsDir *os_dir_open(const char *path);
int os_dir_next(OsDir *d, const char **name, OsStat *st);
void os_dir_close(OsDir *d);

/* Walks the tree under 'dir' without following links: 'fn' is called for 'dir' itself and everything below it,
   a folder before its contents ('post' 0) and again after them ('post' 1), files once. A non-zero return from
   'fn' stops the walk and is returned. Entries come in the order the system lists them. */
typedef int (*OsWalkFn)(const char *path, const OsStat *st, int post, void *ctx);
int os_walk(const char *dir, OsWalkFn fn, void *ctx);

/* ---- where things are ----------------------------------------------------------------------------------------- */

/* The running program's full path. */
int os_exe_path(char *out, size_t size);

typedef enum {
    OS_FOLDER_CONFIG,    /* $XDG_CONFIG_HOME or ~/.config; Windows: RoamingAppData */
    OS_FOLDER_DATA,      /* $XDG_DATA_HOME or ~/.local/share; Windows: RoamingAppData */
    OS_FOLDER_DOCUMENTS, /* ~/Documents when it exists, else ~; Windows: Documents */
} OsFolder;

/* The base folder of the given kind (not yet with "beseda" added). ENOENT when the system has none (no HOME). */
int os_user_folder(OsFolder which, char *out, size_t size);

/* ---- the process ---------------------------------------------------------------------------------------------- */

/* Once at the start of main(): replaces argv with UTF-8 arguments (Windows: from GetCommandLineW; the strings
   live until the program ends), makes the console print UTF-8, and sets what the C library needs. */
void os_process_init(int *argc, char ***argv);

/* The environment variable 'name' in UTF-8 (Windows: _wgetenv), or NULL. The string stays valid until the next
   call. */
const char *os_getenv(const char *name);

/* setenv/unsetenv ('value' NULL removes the variable). */
int os_setenv(const char *name, const char *value);

/* The user's interface languages, best first, as locale names or tags ("ru_RU.UTF-8", "ru-RU"): POSIX from
   LC_ALL, LC_MESSAGES or LANG; Windows from GetUserPreferredUILanguages. Returns how many were written. */
size_t os_ui_languages(char out[][64], size_t max);

/* gettext's bindtextdomain with a UTF-8 folder name (Windows: wbindtextdomain). */
void os_bindtextdomain(const char *domain, const char *dir);

/* A name for 'path' that libraries taking only narrow file names (gettext-po) can open: 'path' itself on POSIX
   and where Windows runs with the UTF-8 code page, else the short 8.3 name. Returns 'path' or 'buf'. */
const char *os_narrow_path(const char *path, char *buf, size_t size);

int os_localtime(time_t t, struct tm *tm);
int os_gmtime(time_t t, struct tm *tm);

/* Runs 'argv[0]' (searched on PATH) with 'argv' (NULL-terminated), waits, and gives its exit status. */
int os_run(const char *const argv[], int *status);

/* The desktop's own file chooser. 'save': asks where to save, suggesting 'suggest' (a full path); else which file to
   open, starting in 'suggest''s folder. 'kind' and 'pattern' ("Markdown", "*.md") filter the files shown. Writes
   the chosen path (UTF-8) to 'out'. Returns 1 when a file was chosen, 0 when the user cancelled, -1 when this
   desktop has no chooser Beseda can use (the caller then asks for a typed path). Linux: zenity, else kdialog;
   Windows: the system's Save and Open dialogs. It waits until the chooser closes. */
int os_choose_file(int save, const char *title, const char *suggest, const char *kind, const char *pattern, char *out,
                   size_t size);

/* 0 when what the program prints to stderr cannot be seen (a Windows program started from Explorer has no
   console), so a fatal error must be shown in a message box instead. */
int os_stderr_is_visible(void);

/* Reads a passphrase (one line, UTF-8, without its line end) into 'out': from the terminal without echo, after
   printing 'prompt' to stderr, when standard input is one; else the first line of standard input (for scripts).
   Returns 0, or -1 when nothing could be read (end of input) or it does not fit. */
int os_read_passphrase(const char *prompt, char *out, size_t size);
/* 1 when standard input is a terminal (a console), where a person types. */
int os_stdin_is_terminal(void);

/* Sends stderr to nowhere for a while (libraries that print to it during set-up); returns a token for
   os_stderr_restore, or -1. */
int os_stderr_silence(void);
void os_stderr_restore(int token);

#endif
