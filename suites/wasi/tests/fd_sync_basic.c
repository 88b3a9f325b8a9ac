/*
 * fd_sync_basic: after writing to a file, fd_sync succeeds (data and
 * metadata); fd_sync on the preopened directory succeeds too. Spec: witx
 * fd_sync "Synchronize the data and metadata of a file to disk. Note: This
 * is similar to fsync in POSIX." (POSIX fsync applies to any open file.)
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "synced.txt", __WASI_OFLAGS_CREAT, 0, &fd));
    write_all(fd, "synced\n", 7);
    REPORT("sync file", __wasi_fd_sync(fd));
    CHECK_OK(__wasi_fd_close(fd));
    REPORT("sync closed fd", __wasi_fd_sync(fd));
    return 0;
}
