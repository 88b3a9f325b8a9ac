/*
 * fd_fdstat_set_rights_dir_path_open: a directory fd from which PATH_OPEN
 * has been dropped refuses path_open with ENOTCAPABLE; another directory fd
 * for the same directory still works. Spec: witx rights::path_open "The
 * right to invoke path_open"; errno::notcapable "Extension: Capabilities
 * insufficient"; fd_fdstat_set_rights removes rights.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), sub, sub2, fd;
    CHECK_OK(open_dir(root, "sub", &sub));
    CHECK_OK(open_dir(root, "sub", &sub2));
    __wasi_fdstat_t st;
    CHECK_OK(__wasi_fd_fdstat_get(sub, &st));
    REPORT("drop PATH_OPEN",
           __wasi_fd_fdstat_set_rights(sub, st.fs_rights_base & ~__WASI_RIGHTS_PATH_OPEN, st.fs_rights_inheriting));
    REPORT("open a.txt via restricted fd",
           __wasi_path_open(sub, 0, "a.txt", 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd));
    REPORT("open a.txt via other fd",
           __wasi_path_open(sub2, 0, "a.txt", 0, __WASI_RIGHTS_FD_READ, 0, 0, &fd));
    return 0;
}
