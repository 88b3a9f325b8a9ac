/*
 * fd_allocate_ebadf: fd_allocate on fds that are not open gives EBADF
 * (witx errno::badf; POSIX posix_fallocate [EBADF] "The fd argument is not a
 * valid file descriptor"). Both a never-opened fd and a closed one.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    REPORT("allocate fd 1234", __wasi_fd_allocate(1234, 0, 10));
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    CHECK_OK(__wasi_fd_close(fd));
    REPORT("allocate closed fd", __wasi_fd_allocate(fd, 0, 10));
    return 0;
}
