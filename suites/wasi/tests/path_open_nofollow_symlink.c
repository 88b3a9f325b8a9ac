/*
 * path_open_nofollow_symlink: path_open of a symlink without
 * LOOKUPFLAGS_SYMLINK_FOLLOW does not follow it: for a regular-file open
 * this gives ELOOP (POSIX open with O_NOFOLLOW: [ELOOP] "O_NOFOLLOW was
 * specified and the path argument names a symbolic link"), while the same
 * path with SYMLINK_FOLLOW opens the target. Spec: witx lookupflags
 * symlink_follow "As long as the resolved path corresponds to a symbolic
 * link, it is expanded." Known divergence: node ENOENT on following.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(__wasi_path_symlink("hello.txt", root, "link"));
    REPORT("open link nofollow", __wasi_path_open(root, 0, "link", 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd));
    REPORT("open link follow", __wasi_path_open(root, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "link", 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd));
    char buf[8] = {0};
    __wasi_iovec_t iov = {(uint8_t *)buf, 5};
    __wasi_size_t n = 0;
    CHECK_OK(__wasi_fd_read(fd, &iov, 1, &n));
    printf("  read: %.*s\n", (int)n, buf);
    return 0;
}
