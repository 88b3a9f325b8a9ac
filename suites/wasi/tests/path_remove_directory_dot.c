/*
 * path_remove_directory_dot: rmdir "." and "sub/." gives EINVAL (POSIX
 * rmdir [EINVAL] "The path argument contains a last component that is
 * dot"); hosts that resolve "." to the base directory itself may give EBUSY
 * or ENOTEMPTY (spec ambiguity: EINVAL, EBUSY and ENOTEMPTY print
 * "refused"). The directories must survive.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    CHECK_OK(__wasi_path_create_directory(root, "empty"));
    __wasi_errno_t e = __wasi_path_remove_directory(root, "empty/.");
    printf("rmdir empty/.: %s\n", e == __WASI_ERRNO_INVAL || e == __WASI_ERRNO_BUSY || e == __WASI_ERRNO_NOTEMPTY ? "refused" : errno_name(e));
    e = __wasi_path_remove_directory(root, ".");
    printf("rmdir .: %s\n", e == __WASI_ERRNO_INVAL || e == __WASI_ERRNO_BUSY || e == __WASI_ERRNO_NOTEMPTY ? "refused" : errno_name(e));
    __wasi_filestat_t st;
    REPORT("stat empty", __wasi_path_filestat_get(root, 0, "empty", &st));
    return 0;
}
