/*
 * path_unlink_file_symlink: path_unlink_file on a symlink removes the link,
 * not its target; on a symlink to a directory it removes the link too (it
 * is not a directory itself). Spec: POSIX unlink "If path names a symbolic
 * link, unlink() shall remove the symbolic link named by path and shall not
 * affect any file or directory named by the contents of the symbolic link."
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    CHECK_OK(__wasi_path_symlink("hello.txt", root, "flink"));
    CHECK_OK(__wasi_path_symlink("sub", root, "dlink"));
    REPORT("unlink flink", __wasi_path_unlink_file(root, "flink"));
    REPORT("unlink dlink", __wasi_path_unlink_file(root, "dlink"));
    __wasi_filestat_t st;
    REPORT("stat hello.txt", __wasi_path_filestat_get(root, 0, "hello.txt", &st));
    REPORT("stat sub/a.txt", __wasi_path_filestat_get(root, 0, "sub/a.txt", &st));
    return 0;
}
