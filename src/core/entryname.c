/* entryname: the rules a file name inside a pack must follow (safe, portable, UTF-8). */
#include "entryname.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unicase.h>
#include <uninorm.h>
#include <unistr.h>

void entryname_printable(const char *name, size_t len, char *out, size_t size)
{
    size_t o = 0;
    for (size_t i = 0; i < len && o + 5 < size; i++) {
        unsigned char c = (unsigned char)name[i];
        int n = c < 0x80 ? 1 : u8_mblen((const uint8_t *)name + i, len - i); /* -1: not UTF-8 */
        if (c < 0x20 || c == 0x7f || c == '\\' || n < 0 || (size_t)n >= size - o - 5) {
            o += (size_t)snprintf(out + o, size - o, "\\x%02x", c);
        } else {
            memcpy(out + o, name + i, (size_t)n);
            o += (size_t)n;
            i += (size_t)n - 1;
        }
    }
    if (size)
        out[o < size ? o : size - 1] = '\0';
}

int entryname_check(const char *name, size_t len, size_t max_len, Err *err)
{
    char shown[300];
    entryname_printable(name, len < 200 ? len : 200, shown, sizeof shown);
    if (len == 0 || len > max_len)
        return err_set(err, ERR_NAME_LENGTH, shown, N_("file name is %zu bytes long; names must be 1 to %zu bytes"),
                       len, max_len);
    if (u8_check((const uint8_t *)name, len) != NULL)
        return err_set(err, ERR_NAME_UTF8, shown, N_("file name is not valid UTF-8; rename the file using UTF-8"));
    for (size_t i = 0; i < len; i++) {
        unsigned char c = (unsigned char)name[i];
        if (c < 0x20 || c == 0x7f)
            return err_set(err, ERR_NAME_CONTROL, shown,
                           N_("file name contains the control character 0x%02x; rename the file"), c);
        if (c == '\\')
            return err_set(err, ERR_NAME_BACKSLASH, shown,
                           N_("file name contains a backslash; use '/' between folders"));
    }
    if (name[0] == '/')
        return err_set(err, ERR_NAME_ABSOLUTE, shown,
                       N_("file name is an absolute path; names must be relative to the pack"));
    if (len >= 2 && name[1] == ':' && ((name[0] >= 'A' && name[0] <= 'Z') || (name[0] >= 'a' && name[0] <= 'z')))
        return err_set(err, ERR_NAME_DRIVE, shown,
                       N_("file name starts with a drive letter; names must be relative to the pack"));
    /* Components: no "..", no ".", no empty ones ("a//b"); a trailing '/' marks a folder entry. */
    size_t start = 0;
    for (size_t i = 0; i <= len; i++) {
        if (i < len && name[i] != '/')
            continue;
        size_t clen = i - start;
        if (clen == 2 && name[start] == '.' && name[start + 1] == '.')
            return err_set(err, ERR_NAME_DOTDOT, shown, N_("file name contains '..'; names must stay inside the pack"));
        if ((clen == 1 && name[start] == '.') || (clen == 0 && i < len))
            return err_set(err, ERR_NAME_DOTDOT, shown,
                           N_("file name contains an empty or '.' folder; write the plain path"));
        start = i + 1;
    }
    return 0;
}

char *entryname_fold(const char *name, size_t len)
{
    /* Most names are ASCII, whose case fold is plain lower case and which NFC leaves alone. */
    size_t ascii = 0;
    while (ascii < len && (unsigned char)name[ascii] < 0x80)
        ascii++;
    if (ascii == len) {
        char *s = malloc(len + 1);
        if (s) {
            for (size_t i = 0; i < len; i++)
                s[i] = (char)(name[i] >= 'A' && name[i] <= 'Z' ? name[i] + ('a' - 'A') : name[i]);
            s[len] = '\0';
        }
        return s;
    }
    size_t outlen = 0;
    uint8_t *f = u8_casefold((const uint8_t *)name, len, NULL, UNINORM_NFC, NULL, &outlen);
    if (!f)
        return NULL;
    char *s = realloc(f, outlen + 1);
    if (!s) {
        free(f);
        return NULL;
    }
    s[outlen] = '\0';
    return s;
}

int entryname_resolve(const char *base, const char *ref, char *out, size_t size)
{
    if (!ref[0] || ref[0] == '/' || strchr(ref, '\\'))
        return -1;
    char buf[1024];
    const char *slash = strrchr(base, '/');
    size_t dirlen = slash ? (size_t)(slash - base) + 1 : 0;
    if (dirlen + strlen(ref) + 1 > sizeof buf)
        return -1;
    memcpy(buf, base, dirlen);
    strcpy(buf + dirlen, ref);

    /* Rebuild component by component, popping on "..". */
    size_t o = 0;
    char *save = NULL;
    for (char *c = strtok_r(buf, "/", &save); c; c = strtok_r(NULL, "/", &save)) {
        if (strcmp(c, ".") == 0)
            continue;
        if (strcmp(c, "..") == 0) {
            if (o == 0)
                return -1;
            while (o > 0 && out[o - 1] != '/')
                o--;
            if (o > 0)
                o--; /* drop the '/' */
            continue;
        }
        size_t cl = strlen(c);
        if (o + (o ? 1 : 0) + cl + 1 > size)
            return -1;
        if (o)
            out[o++] = '/';
        memcpy(out + o, c, cl);
        o += cl;
    }
    if (o == 0)
        return -1;
    out[o] = '\0';
    return 0;
}
