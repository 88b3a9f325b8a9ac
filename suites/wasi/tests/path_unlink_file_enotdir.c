/*
 * path_unlink_file_enotdir: unlinking "hello.txt/x" (a file used as a
 * directory) gives ENOTDIR; unlinking "." or ".." style paths of a
 * directory ("sub/nested") gives EISDIR or EPERM (POSIX unlink of a
 * directory: [EPERM]; Linux: EISDIR; printed "refused").
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    REPORT("unlink hello.txt/x", __wasi_path_unlink_file(root, "hello.txt/x"));
    __wasi_errno_t e = __wasi_path_unlink_file(root, "sub/nested");
    printf("unlink sub/nested: %s\n", e == __WASI_ERRNO_ISDIR || e == __WASI_ERRNO_PERM ? "refused" : errno_name(e));
    return 0;
}
