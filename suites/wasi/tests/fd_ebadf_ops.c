/*
 * fd_ebadf_ops: every fd_* and path_* call on a file descriptor that is not
 * open fails with EBADF ("Bad file descriptor"), the POSIX error for an fd
 * that is not a valid open descriptor. fd 77 is never opened here.
 */
#include "wasi_case.h"

int main(void) {
    const __wasi_fd_t bad = 77;
    char buf[8];
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
    __wasi_ciovec_t ciov = {(const uint8_t *)"x", 1};
    __wasi_size_t n;
    __wasi_filesize_t pos;
    __wasi_fdstat_t fs;
    __wasi_filestat_t st;
    __wasi_prestat_t ps;
    __wasi_fd_t out;
    REPORT("fd_read", __wasi_fd_read(bad, &iov, 1, &n));
    REPORT("fd_write", __wasi_fd_write(bad, &ciov, 1, &n));
    REPORT("fd_pread", __wasi_fd_pread(bad, &iov, 1, 0, &n));
    REPORT("fd_pwrite", __wasi_fd_pwrite(bad, &ciov, 1, 0, &n));
    REPORT("fd_seek", __wasi_fd_seek(bad, 0, __WASI_WHENCE_SET, &pos));
    REPORT("fd_tell", __wasi_fd_tell(bad, &pos));
    REPORT("fd_fdstat_get", __wasi_fd_fdstat_get(bad, &fs));
    REPORT("fd_filestat_get", __wasi_fd_filestat_get(bad, &st));
    REPORT("fd_sync", __wasi_fd_sync(bad));
    REPORT("fd_readdir", __wasi_fd_readdir(bad, (uint8_t *)buf, sizeof buf, 0, &n));
    REPORT("fd_prestat_get", __wasi_fd_prestat_get(bad, &ps));
    REPORT("path_open", __wasi_path_open(bad, 0, "x", 0, 0, 0, 0, &out));
    REPORT("path_create_directory", __wasi_path_create_directory(bad, "x"));
    REPORT("path_filestat_get", __wasi_path_filestat_get(bad, 0, "x", &st));
    return 0;
}
