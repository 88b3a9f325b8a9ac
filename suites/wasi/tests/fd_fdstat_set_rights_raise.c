/*
 * fd_fdstat_set_rights_raise: rights can only be dropped. After dropping
 * FD_READ, asking for it back gives ENOTCAPABLE and fd_read stays refused.
 * Spec: witx fd_fdstat_set_rights "This can only be used to remove rights,
 * and returns errno::notcapable if called in a way that would attempt to add
 * rights." A read without the right is refused (ENOTCAPABLE in the rights
 * model, EBADF in wasi-common's mapping: printed as "refused").
 * EACCES (wasmer's answer for a missing right) is accepted as a refusal too.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    __wasi_fdstat_t st;
    CHECK_OK(__wasi_fd_fdstat_get(fd, &st));
    __wasi_rights_t full = st.fs_rights_base, inh = st.fs_rights_inheriting;
    REPORT("drop FD_READ", __wasi_fd_fdstat_set_rights(fd, full & ~__WASI_RIGHTS_FD_READ, inh));
    REPORT("add FD_READ back", __wasi_fd_fdstat_set_rights(fd, full, inh));
    CHECK_OK(__wasi_fd_fdstat_get(fd, &st));
    printf("has FD_READ: %s\n", (st.fs_rights_base & __WASI_RIGHTS_FD_READ) ? "yes" : "no");
    char c;
    __wasi_iovec_t iov = {(uint8_t *)&c, 1};
    __wasi_size_t n;
    __wasi_errno_t e = __wasi_fd_read(fd, &iov, 1, &n);
    printf("read: %s\n", (e == __WASI_ERRNO_NOTCAPABLE || e == __WASI_ERRNO_BADF || e == __WASI_ERRNO_ACCES) ? "refused" : errno_name(e));
    REPORT("set_rights fd 1234", __wasi_fd_fdstat_set_rights(1234, 0, 0));
    return 0;
}
