/*
 * fd_renumber_onto_preopen: fd_renumber(file, P) where P is a preopened
 * directory (other.dir): P now refers to the file (reads give its bytes and
 * fd_prestat_get(P) no longer describes a directory), the old number is
 * closed, and the other preopen (fs.dir) is untouched.
 * Spec: witx fd_renumber "Atomically replace a file descriptor by
 * renumbering another file descriptor. Due to the strong focus on thread
 * safety, this environment does not provide a mechanism to duplicate or
 * renumber a file descriptor to an arbitrary number, like dup2()." Nothing
 * exempts preopens; POSIX dup2 closes the target first.
 * Known divergence: hosts that refuse to replace a preopen (wasmer #5676
 * area); some report the old prestat afterwards.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), other = preopen_fd("other.dir"), fd;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    REPORT("renumber(file, other.dir preopen)", __wasi_fd_renumber(fd, other));
    char c = 0;
    __wasi_iovec_t iov = {(uint8_t *)&c, 1};
    __wasi_size_t n;
    REPORT("read preopen number", __wasi_fd_read(other, &iov, 1, &n));
    printf("  byte: %c\n", c);
    __wasi_prestat_t ps;
    __wasi_errno_t e = __wasi_fd_prestat_get(other, &ps);
    printf("prestat of that number: %s\n", e == __WASI_ERRNO_BADF ? "EBADF" : e == 0 ? "still a preopen" : errno_name(e));
    REPORT("read old number", __wasi_fd_read(fd, &iov, 1, &n));
    __wasi_filestat_t st;
    REPORT("stat sub via fs.dir", __wasi_path_filestat_get(root, 0, "sub", &st));
    return 0;
}
