/*
 * fd_read_writeonly: fd_read and fd_pread on a file opened with write
 * rights only (FD_WRITE|FD_SEEK, no FD_READ) are refused. Spec: witx
 * rights::fd_read "The right to invoke fd_read and sock_recv. If
 * rights::fd_seek is set, includes the right to invoke fd_pread." Without
 * it: errno::notcapable, or EBADF from a POSIX host (read on a write-only
 * fd); both print "refused".
 * EACCES (wasmer's answer for a missing right) is accepted as a refusal too.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(__wasi_path_open(root, 0, "hello.txt", 0, __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_SEEK, 0, 0, &fd));
    char buf[8];
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
    __wasi_size_t n;
    __wasi_errno_t e = __wasi_fd_read(fd, &iov, 1, &n);
    printf("read: %s\n", e == __WASI_ERRNO_NOTCAPABLE || e == __WASI_ERRNO_BADF || e == __WASI_ERRNO_ACCES ? "refused" : errno_name(e));
    e = __wasi_fd_pread(fd, &iov, 1, 0, &n);
    printf("pread: %s\n", e == __WASI_ERRNO_NOTCAPABLE || e == __WASI_ERRNO_BADF || e == __WASI_ERRNO_ACCES ? "refused" : errno_name(e));
    return 0;
}
