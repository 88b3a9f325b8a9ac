/*
 * fd_datasync_ebadf: fd_datasync on an fd that is not open (never opened,
 * or closed) gives EBADF. Spec: witx errno::badf; POSIX fdatasync [EBADF]
 * "The fildes argument is not a valid file descriptor."
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    REPORT("datasync fd 1234", __wasi_fd_datasync(1234));
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    CHECK_OK(__wasi_fd_close(fd));
    REPORT("datasync closed fd", __wasi_fd_datasync(fd));
    return 0;
}
