/*
 * path_rename_errors: error paths of path_rename, with POSIX rename's
 * errors: a missing source gives ENOENT; a missing target parent gives
 * ENOENT; a directory onto an existing file gives ENOTDIR; a file onto an
 * existing directory gives EISDIR; a directory onto a non-empty directory
 * gives ENOTEMPTY (POSIX allows EEXIST too; Linux and the hosts here use
 * ENOTEMPTY, and WASI's own doc uses notempty for the same situation in
 * path_remove_directory). Nothing changes on failure.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    __wasi_filestat_t st;
    REPORT("rename missing -> x", __wasi_path_rename(root, "missing", root, "x"));
    REPORT("rename hello.txt -> nodir/x", __wasi_path_rename(root, "hello.txt", root, "nodir/x"));
    REPORT("rename sub -> hello.txt (dir onto file)", __wasi_path_rename(root, "sub", root, "hello.txt"));
    REPORT("rename hello.txt -> sub (file onto dir)", __wasi_path_rename(root, "hello.txt", root, "sub"));
    CHECK_OK(__wasi_path_create_directory(root, "other"));
    REPORT("rename other -> sub (onto non-empty dir)", __wasi_path_rename(root, "other", root, "sub"));
    REPORT("stat hello.txt", __wasi_path_filestat_get(root, 0, "hello.txt", &st));
    printf("  size: %llu\n", (unsigned long long)st.size);
    REPORT("stat sub/a.txt", __wasi_path_filestat_get(root, 0, "sub/a.txt", &st));
    REPORT("stat other", __wasi_path_filestat_get(root, 0, "other", &st));
    return 0;
}
