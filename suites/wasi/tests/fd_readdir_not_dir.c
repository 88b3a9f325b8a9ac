/*
 * fd_readdir_not_dir: fd_readdir on a regular file gives ENOTDIR, and on an
 * fd that is not open gives EBADF.
 * Spec: POSIX fdopendir/readdir [ENOTDIR] "The fd argument does not refer
 * to a directory"; witx errno::notdir "Not a directory or a symbolic link
 * to a directory". In the rights model a file fd lacks the fd_readdir
 * right, which would give ENOTCAPABLE; both mean "refused", but the POSIX
 * errno is expected here.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    uint8_t buf[256];
    __wasi_size_t used;
    REPORT("readdir on a file", __wasi_fd_readdir(fd, buf, sizeof buf, 0, &used));
    REPORT("readdir on fd 1234", __wasi_fd_readdir(1234, buf, sizeof buf, 0, &used));
    return 0;
}
