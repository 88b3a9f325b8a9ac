/*
 * fd_fdstat_get_stdio: fd_fdstat_get on 0, 1 and 2 succeeds; fd 1 and 2 have
 * the fd_write right and fd 0 the fd_read right. Their file types depend on
 * how the harness connects them (pipes here: unknown, character_device or
 * socket_stream are all seen), so types are not printed. fd_filestat_get on
 * stdout succeeds too. Spec: witx fd_fdstat_get "Get the attributes of a
 * file descriptor."; fdstat::fs_rights_base "Rights that apply to this file
 * descriptor."
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fdstat_t st;
    REPORT("fdstat 0", __wasi_fd_fdstat_get(0, &st));
    printf("  fd_read right: %s\n", st.fs_rights_base & __WASI_RIGHTS_FD_READ ? "yes" : "no");
    REPORT("fdstat 1", __wasi_fd_fdstat_get(1, &st));
    printf("  fd_write right: %s\n", st.fs_rights_base & __WASI_RIGHTS_FD_WRITE ? "yes" : "no");
    REPORT("fdstat 2", __wasi_fd_fdstat_get(2, &st));
    printf("  fd_write right: %s\n", st.fs_rights_base & __WASI_RIGHTS_FD_WRITE ? "yes" : "no");
    __wasi_filestat_t fs;
    REPORT("filestat 1", __wasi_fd_filestat_get(1, &fs));
    return 0;
}
