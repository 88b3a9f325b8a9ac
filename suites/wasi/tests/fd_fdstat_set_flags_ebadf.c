/*
 * fd_fdstat_set_flags_ebadf: fd_fdstat_set_flags on an fd that is not open
 * gives EBADF (witx errno::badf; POSIX fcntl(F_SETFL) [EBADF]), and the
 * flags of an open file are unaffected.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    REPORT("set_flags fd 1234", __wasi_fd_fdstat_set_flags(1234, __WASI_FDFLAGS_APPEND));
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    CHECK_OK(__wasi_fd_close(fd));
    REPORT("set_flags closed fd", __wasi_fd_fdstat_set_flags(fd, 0));
    return 0;
}
