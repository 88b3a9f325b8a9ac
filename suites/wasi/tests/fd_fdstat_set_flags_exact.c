/*
 * fd_fdstat_set_flags_exact: after fd_fdstat_set_flags(APPEND) on a file,
 * fd_fdstat_get reports APPEND and nothing else in fs_flags; after
 * fd_fdstat_set_flags(0), nothing. fs_flags holds fdflags (append 1, dsync
 * 2, nonblock 4, rsync 8, sync 16), not the host's open(2) flags.
 * Spec: witx fdstat::fs_flags "File descriptor flags"; fd_fdstat_set_flags
 * "Adjust the flags associated with a file descriptor".
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd = 0;
    __wasi_fdstat_t st;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    REPORT("set APPEND", __wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_APPEND));
    CHECK_OK(__wasi_fd_fdstat_get(fd, &st));
    printf("  fs_flags: %u\n", (unsigned)st.fs_flags);
    REPORT("set 0", __wasi_fd_fdstat_set_flags(fd, 0));
    CHECK_OK(__wasi_fd_fdstat_get(fd, &st));
    printf("  fs_flags: %u\n", (unsigned)st.fs_flags);
    return 0;
}
