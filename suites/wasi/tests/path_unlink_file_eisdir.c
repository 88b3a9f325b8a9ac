/*
 * path_unlink_file_eisdir: the witx doc of path_unlink_file says "Return
 * errno::isdir if the path refers to a directory" (POSIX unlink allows EPERM
 * there; WASI fixes EISDIR, as Linux does). Checked on an empty and on a
 * non-empty directory; both must still exist afterwards.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    __wasi_filestat_t st;
    CHECK_OK(__wasi_path_create_directory(root, "emptydir"));
    REPORT("unlink emptydir", __wasi_path_unlink_file(root, "emptydir"));
    REPORT("unlink sub", __wasi_path_unlink_file(root, "sub"));
    REPORT("stat emptydir", __wasi_path_filestat_get(root, 0, "emptydir", &st));
    REPORT("stat sub", __wasi_path_filestat_get(root, 0, "sub", &st));
    return 0;
}
