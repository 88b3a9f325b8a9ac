/*
 * path_readlink_errors: readlink on a regular file and on a directory gives
 * EINVAL ("not a symbolic link"); on a missing name ENOENT; through a file
 * used as a directory ENOTDIR. Spec: POSIX readlink [EINVAL] "The path
 * argument names a file that is not a symbolic link", [ENOENT], [ENOTDIR].
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    char buf[32];
    __wasi_size_t n;
    REPORT("readlink hello.txt", __wasi_path_readlink(root, "hello.txt", (uint8_t *)buf, sizeof buf, &n));
    REPORT("readlink sub", __wasi_path_readlink(root, "sub", (uint8_t *)buf, sizeof buf, &n));
    REPORT("readlink missing", __wasi_path_readlink(root, "missing", (uint8_t *)buf, sizeof buf, &n));
    REPORT("readlink hello.txt/x", __wasi_path_readlink(root, "hello.txt/x", (uint8_t *)buf, sizeof buf, &n));
    return 0;
}
