/*
 * fd_close_preopen: a preopened directory fd can be closed like any other
 * fd; afterwards path_open and fd_prestat_get on that number give EBADF,
 * and the other preopen (other.dir) still works. Spec: witx fd_close
 * "Close a file descriptor. Note: This is similar to close in POSIX."
 * (nothing exempts preopens; wasi-libc closes them on request).
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), other = preopen_fd("other.dir"), fd;
    REPORT("close fs.dir preopen", __wasi_fd_close(root));
    REPORT("open hello.txt through it", __wasi_path_open(root, 0, "hello.txt", 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd));
    __wasi_prestat_t ps;
    REPORT("prestat_get on it", __wasi_fd_prestat_get(root, &ps));
    REPORT("open secret.txt through other.dir", __wasi_path_open(other, 0, "secret.txt", 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd));
    return 0;
}
