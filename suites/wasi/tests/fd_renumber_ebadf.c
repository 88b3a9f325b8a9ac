/*
 * fd_renumber_ebadf: renumbering from an fd that is not open gives EBADF
 * and leaves the target open and unchanged. Spec: witx errno::badf; POSIX
 * dup2 [EBADF] "The fildes argument is not a valid open file descriptor".
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    REPORT("renumber(1234, file)", __wasi_fd_renumber(1234, fd));
    char c = 0;
    __wasi_iovec_t iov = {(uint8_t *)&c, 1};
    __wasi_size_t n;
    REPORT("read target", __wasi_fd_read(fd, &iov, 1, &n));
    printf("  byte: %c\n", c);
    return 0;
}
