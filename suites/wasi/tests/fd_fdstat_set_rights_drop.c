/*
 * fd_fdstat_set_rights_drop: dropping FD_WRITE from a file fd succeeds,
 * fd_fdstat_get then no longer reports it, and fd_write on that fd is
 * refused while fd_read still works; the file is not modified.
 * Spec: witx fd_fdstat_set_rights "Adjust the rights associated with a file
 * descriptor. This can only be used to remove rights"; rights::fd_write
 * "The right to invoke fd_write". A call without the right fails with
 * errno::notcapable in the preview1 rights model; wasi-common maps some of
 * them to EBADF (as POSIX write on a read-only fd does), so the program
 * prints "refused" for either.
 * Known divergence: WasmEdge #3477 (rights not enforced after the call).
 * EACCES (wasmer's answer for a missing right) is accepted as a refusal too.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    __wasi_fdstat_t st;
    CHECK_OK(__wasi_fd_fdstat_get(fd, &st));
    printf("has FD_WRITE before: %s\n", (st.fs_rights_base & __WASI_RIGHTS_FD_WRITE) ? "yes" : "no");
    REPORT("set_rights without FD_WRITE",
           __wasi_fd_fdstat_set_rights(fd, st.fs_rights_base & ~__WASI_RIGHTS_FD_WRITE, st.fs_rights_inheriting));
    CHECK_OK(__wasi_fd_fdstat_get(fd, &st));
    printf("has FD_WRITE after: %s\n", (st.fs_rights_base & __WASI_RIGHTS_FD_WRITE) ? "yes" : "no");
    __wasi_ciovec_t iov = {(const uint8_t *)"XX", 2};
    __wasi_size_t n = 0;
    __wasi_errno_t e = __wasi_fd_write(fd, &iov, 1, &n);
    printf("write: %s\n", (e == __WASI_ERRNO_NOTCAPABLE || e == __WASI_ERRNO_BADF || e == __WASI_ERRNO_ACCES) ? "refused" : errno_name(e));
    char c = 0;
    __wasi_iovec_t riov = {(uint8_t *)&c, 1};
    REPORT("read", __wasi_fd_read(fd, &riov, 1, &n));
    printf("  byte: %c\n", c);
    return 0;
}
