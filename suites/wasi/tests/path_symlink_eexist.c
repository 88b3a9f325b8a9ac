/*
 * path_symlink_eexist: path_symlink onto a name that exists (a file, a
 * directory, another symlink) gives EEXIST and leaves it unchanged.
 * Spec: POSIX symlink [EEXIST] "The path2 argument names an existing file
 * or symbolic link"; witx errno::exist.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    REPORT("symlink x -> hello.txt", __wasi_path_symlink("x", root, "hello.txt"));
    REPORT("symlink x -> sub", __wasi_path_symlink("x", root, "sub"));
    CHECK_OK(__wasi_path_symlink("hello.txt", root, "link"));
    REPORT("symlink x -> link", __wasi_path_symlink("x", root, "link"));
    char buf[32];
    __wasi_size_t n = 0;
    CHECK_OK(__wasi_path_readlink(root, "link", (uint8_t *)buf, sizeof buf, &n));
    printf("link still points to: %.*s\n", (int)n, buf);
    return 0;
}
