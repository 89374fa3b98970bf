/* userdir: where the program's own files are (beside the executable, or, installed, in PREFIX/share found from
   the executable's own place: never a path fixed at build time) and where user data goes: a data/ folder beside the
   program when a file named 'portable' is there, else XDG folders. */
#ifndef BESEDA_USERDIR_H
#define BESEDA_USERDIR_H

#include <stddef.h>

#include "err.h"

enum { USERDIR_PATH = 4096 };

typedef struct {
    char exe_dir[USERDIR_PATH];    /* the folder of the running program */
    char config_dir[USERDIR_PATH]; /* settings */
    char data_dir[USERDIR_PATH];   /* reading positions, the user's library of packs (data_dir/packs) */
    int portable;
} UserDirs;

/* The folder of the running executable (from /proc/self/exe). Returns 0 or a negative code. */
int userdir_exe_dir(char *out, size_t size, Err *err);

/* The folder of the program's own files (assets/fonts, packs) for a program in 'exe_dir': that folder itself when
   it has them (the build tree, a portable folder, Windows), else PREFIX/share/beseda when the program is an
   installed PREFIX/bin/beseda that has them; else 'exe_dir' (whose missing fonts are then reported). */
void userdir_share_dir(const char *exe_dir, char *out, size_t size);
/* The translations' folder (<lang>/LC_MESSAGES/beseda.mo): 'exe_dir'/locale when it exists, else
   PREFIX/share/locale for an installed program; 'exe_dir'/locale when neither does. */
void userdir_locale_dir(const char *exe_dir, char *out, size_t size);

/* Fills 'd' for a program in 'exe_dir'. 'override' (may be NULL) puts config and data in that one folder, as
   --data does. Portable mode: 'exe_dir'/portable exists -> 'exe_dir'/data. Otherwise $XDG_CONFIG_HOME/beseda
   and $XDG_DATA_HOME/beseda, defaulting to ~/.config and ~/.local/share. Creates nothing. */
int userdir_resolve(const char *exe_dir, const char *override, UserDirs *d, Err *err);

/* Creates 'path' and its missing parents (mode 0700 for the ones created). */
int userdir_mkdirs(const char *path, Err *err);

/* Writes 'len' bytes to 'path' atomically: a temporary file in the same folder, fsync, rename, fsync of the
   folder. After a crash or power loss the file holds either the old or the new contents, never a mix. */
int userdir_write_atomic(const char *path, const void *data, size_t len, Err *err);

/* Copies file 'src' to 'dest' the same way (streamed in small blocks; memory does not grow with the size). */
int userdir_copy_atomic(const char *src, const char *dest, Err *err);

#endif
