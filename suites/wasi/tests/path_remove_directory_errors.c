/*
 * path_remove_directory_errors: the error paths of path_remove_directory.
 * A non-empty directory gives ENOTEMPTY (the witx doc: "Return
 * errno::notempty if the directory is not empty"; POSIX would also allow
 * EEXIST, WASI does not); a regular file gives ENOTDIR (POSIX rmdir); a
 * missing path gives ENOENT. Nothing is removed.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    __wasi_filestat_t st;
    REPORT("rmdir sub (not empty)", __wasi_path_remove_directory(root, "sub"));
    REPORT("rmdir sub/nested (not empty)", __wasi_path_remove_directory(root, "sub/nested"));
    REPORT("rmdir hello.txt", __wasi_path_remove_directory(root, "hello.txt"));
    REPORT("rmdir missing", __wasi_path_remove_directory(root, "missing"));
    REPORT("stat sub/nested/c.txt", __wasi_path_filestat_get(root, 0, "sub/nested/c.txt", &st));
    REPORT("stat hello.txt", __wasi_path_filestat_get(root, 0, "hello.txt", &st));
    return 0;
}
