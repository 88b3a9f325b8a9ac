/*
 * fd_prestat_not_preopen: fd_prestat_get and fd_prestat_dir_name on fds
 * that are open but not preopens (stdin, a file opened by the program) and
 * on an fd that is not open give EBADF. wasi-libc's preopen scan stops at
 * the first EBADF, so this is the errno every host must give past the last
 * preopen; witx fd_prestat_get: "Return a description of the given
 * preopened file descriptor." Known divergence: node (uvwasi) gives EINVAL
 * for an open fd that is not a preopen.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    __wasi_prestat_t ps;
    char buf[64];
    REPORT("prestat_get stdin", __wasi_fd_prestat_get(0, &ps));
    REPORT("prestat_get file", __wasi_fd_prestat_get(fd, &ps));
    REPORT("prestat_get fd 1234", __wasi_fd_prestat_get(1234, &ps));
    REPORT("prestat_dir_name file", __wasi_fd_prestat_dir_name(fd, (uint8_t *)buf, sizeof buf));
    REPORT("prestat_dir_name fd 1234", __wasi_fd_prestat_dir_name(1234, (uint8_t *)buf, sizeof buf));
    return 0;
}
