/*
 * path_rename_trailing_slash: rename with trailing slashes.
 *  - "hello.txt/" -> "x": ENOTDIR (the source is not a directory);
 *  - "hello.txt" -> "y/": ENOTDIR (a trailing slash on a new name that
 *    would be a regular file);
 *  - "sub/" -> "moved/": OK (both name directories).
 * Spec: POSIX path resolution (trailing slash resolves only to a
 * directory), rename [ENOTDIR]; Linux behaves the same. DrWASI divergence
 * area (trailing slashes).
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    REPORT("rename hello.txt/ -> x", __wasi_path_rename(root, "hello.txt/", root, "x"));
    REPORT("rename hello.txt -> y/", __wasi_path_rename(root, "hello.txt", root, "y/"));
    REPORT("rename sub/ -> moved/", __wasi_path_rename(root, "sub/", root, "moved/"));
    __wasi_filestat_t st;
    REPORT("stat moved/a.txt", __wasi_path_filestat_get(root, 0, "moved/a.txt", &st));
    REPORT("stat hello.txt", __wasi_path_filestat_get(root, 0, "hello.txt", &st));
    return 0;
}
