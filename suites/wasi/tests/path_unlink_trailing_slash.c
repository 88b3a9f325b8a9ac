/*
 * path_unlink_trailing_slash: path_unlink_file("hello.txt/") must fail with
 * ENOTDIR and leave the file; unlink of a directory with a trailing slash
 * ("sub/") must fail too (EISDIR, or EPERM as POSIX allows for unlink of a
 * directory; printed "refused").
 * Spec: POSIX path resolution: "A pathname that contains at least one
 * non-<slash> character and that ends with one or more trailing <slash>
 * characters shall not be resolved successfully unless the last pathname
 * component before the trailing <slash> characters names an existing
 * directory"; unlink [ENOTDIR]. Trailing-slash handling is a DrWASI
 * divergence area.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    REPORT("unlink hello.txt/", __wasi_path_unlink_file(root, "hello.txt/"));
    __wasi_errno_t e = __wasi_path_unlink_file(root, "sub/");
    printf("unlink sub/: %s\n", e == __WASI_ERRNO_ISDIR || e == __WASI_ERRNO_PERM ? "refused" : errno_name(e));
    __wasi_filestat_t st;
    REPORT("stat hello.txt", __wasi_path_filestat_get(root, 0, "hello.txt", &st));
    REPORT("stat sub", __wasi_path_filestat_get(root, 0, "sub", &st));
    return 0;
}
