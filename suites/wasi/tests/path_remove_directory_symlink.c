/*
 * path_remove_directory_symlink: path_remove_directory on a symlink to a
 * directory gives ENOTDIR and removes neither the link nor the directory.
 * Spec: POSIX rmdir [ENOTDIR] "A component of path names an existing file
 * that is neither a directory nor a symbolic link to a directory" applies to
 * prefixes; the last component is not followed, and rmdir of a non-directory
 * gives ENOTDIR (Linux). witx: "Return errno::notempty if the directory is
 * not empty" and similar to unlinkat(AT_REMOVEDIR).
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    CHECK_OK(__wasi_path_create_directory(root, "empty"));
    CHECK_OK(__wasi_path_symlink("empty", root, "elink"));
    REPORT("rmdir elink", __wasi_path_remove_directory(root, "elink"));
    __wasi_filestat_t st;
    REPORT("stat elink", __wasi_path_filestat_get(root, 0, "elink", &st));
    REPORT("stat empty", __wasi_path_filestat_get(root, 0, "empty", &st));
    return 0;
}
