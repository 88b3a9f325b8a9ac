/*
 * fd_close_ebadf: fd_close on an fd that is open succeeds once; closing it
 * again, or closing a number that was never open, fails with EBADF (POSIX
 * close). Any use of the closed fd fails with EBADF too. A file opened after
 * that works normally.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    REPORT("close", __wasi_fd_close(fd));
    REPORT("close again", __wasi_fd_close(fd));
    char c;
    __wasi_iovec_t iov = {(uint8_t *)&c, 1};
    __wasi_size_t n;
    REPORT("read closed fd", __wasi_fd_read(fd, &iov, 1, &n));
    REPORT("close 1234 (never open)", __wasi_fd_close(1234));
    REPORT("close 0xffffffff", __wasi_fd_close(0xffffffffu));
    __wasi_fd_t fd2;
    REPORT("open again", open_at(root, "hello.txt", 0, 0, &fd2));
    REPORT("read", __wasi_fd_read(fd2, &iov, 1, &n));
    printf("  byte: %c\n", c);
    return 0;
}
