/*
 * fd_renumber_to_closed: renumbering onto an fd number that is not open.
 * POSIX dup2 allows any target below OPEN_MAX; WASI hosts (wasi-common,
 * uvwasi) require `to` to be open and give EBADF. The witx text says only
 * "Atomically replace a file descriptor", which presupposes an existing
 * one; both outcomes are accepted (spec ambiguity), but the source must
 * stay usable after EBADF and move after success.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), a, b;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &a));
    CHECK_OK(open_at(root, "sub/a.txt", 0, 0, &b));
    CHECK_OK(__wasi_fd_close(b));
    __wasi_errno_t e = __wasi_fd_renumber(a, b);
    char c = 0;
    __wasi_iovec_t iov = {(uint8_t *)&c, 1};
    __wasi_size_t n;
    if (e == 0) {
        CHECK_OK(__wasi_fd_read(b, &iov, 1, &n));
        printf("renumber onto closed fd: consistent (%c)\n", c);
    } else if (e == __WASI_ERRNO_BADF) {
        CHECK_OK(__wasi_fd_read(a, &iov, 1, &n));
        printf("renumber onto closed fd: consistent (%c)\n", c);
    } else {
        printf("renumber onto closed fd: %s\n", errno_name(e));
    }
    return 0;
}
