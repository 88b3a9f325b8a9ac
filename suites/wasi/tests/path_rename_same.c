/*
 * path_rename_same: renaming a file onto itself, and a hard link onto
 * another name of the same file, succeed and change nothing. Spec: POSIX
 * rename "If the old argument and the new argument resolve to either the
 * same existing directory entry or different directory entries for the same
 * existing file, rename() shall return successfully and perform no other
 * action."
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    REPORT("rename hello.txt -> hello.txt", __wasi_path_rename(root, "hello.txt", root, "hello.txt"));
    CHECK_OK(__wasi_path_link(root, 0, "hello.txt", root, "twin.txt"));
    REPORT("rename hello.txt -> twin.txt (same file)", __wasi_path_rename(root, "hello.txt", root, "twin.txt"));
    __wasi_filestat_t st;
    REPORT("stat hello.txt", __wasi_path_filestat_get(root, 0, "hello.txt", &st));
    REPORT("stat twin.txt", __wasi_path_filestat_get(root, 0, "twin.txt", &st));
    return 0;
}
