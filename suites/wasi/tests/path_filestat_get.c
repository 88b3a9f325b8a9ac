/*
 * path_filestat_get: reports filetype and size for a regular file and the
 * filetype of a directory, the same as fd_filestat_get on an open fd of the
 * same file (same dev, ino, size, filetype); nlink >= 1. Values that vary
 * between hosts and clones (dev, ino, times) are compared, never printed.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    __wasi_filestat_t a, b;
    REPORT("stat hello.txt", __wasi_path_filestat_get(root, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "hello.txt", &a));
    printf("  %s size=%llu nlink>=1: %s\n", filetype_name(a.filetype),
           (unsigned long long)a.size, a.nlink >= 1 ? "yes" : "no");
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    CHECK_OK(__wasi_fd_filestat_get(fd, &b));
    printf("  fd_filestat_get agrees (dev, ino, type, size): %s\n",
           (a.dev == b.dev && a.ino == b.ino && a.filetype == b.filetype && a.size == b.size) ? "yes" : "no");
    REPORT("stat sub", __wasi_path_filestat_get(root, 0, "sub", &a));
    printf("  %s\n", filetype_name(a.filetype));
    REPORT("stat sub/nested/c.txt", __wasi_path_filestat_get(root, 0, "sub/nested/c.txt", &a));
    printf("  %s size=%llu\n", filetype_name(a.filetype), (unsigned long long)a.size);
    REPORT("stat .", __wasi_path_filestat_get(root, 0, ".", &a));
    printf("  %s\n", filetype_name(a.filetype));
    REPORT("fd_filestat_get(preopen)", __wasi_fd_filestat_get(root, &b));
    printf("  %s, same as stat \".\": %s\n", filetype_name(b.filetype),
           (a.dev == b.dev && a.ino == b.ino) ? "yes" : "no");
    return 0;
}
