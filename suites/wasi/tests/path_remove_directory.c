/*
 * path_remove_directory: removes an empty directory (like
 * unlinkat(fd, path, AT_REMOVEDIR)); afterwards it is gone (ENOENT to stat
 * and to a second removal). A directory emptied by the program can then be
 * removed too.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    __wasi_filestat_t st;
    CHECK_OK(__wasi_path_create_directory(root, "gone"));
    REPORT("rmdir gone", __wasi_path_remove_directory(root, "gone"));
    REPORT("stat gone", __wasi_path_filestat_get(root, 0, "gone", &st));
    REPORT("rmdir gone again", __wasi_path_remove_directory(root, "gone"));
    CHECK_OK(__wasi_path_unlink_file(root, "sub/nested/c.txt"));
    REPORT("rmdir sub/nested after emptying it", __wasi_path_remove_directory(root, "sub/nested"));
    REPORT("stat sub/nested", __wasi_path_filestat_get(root, 0, "sub/nested", &st));
    return 0;
}
