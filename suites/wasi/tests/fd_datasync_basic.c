/*
 * fd_datasync_basic: after writing to a file, fd_datasync succeeds and the
 * data is there. Spec: witx fd_datasync "Synchronize the data of a file to
 * disk. Note: This is similar to fdatasync in POSIX."
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "synced.txt", __WASI_OFLAGS_CREAT, 0, &fd));
    write_all(fd, "durable\n", 8);
    REPORT("datasync", __wasi_fd_datasync(fd));
    REPORT("datasync again", __wasi_fd_datasync(fd));
    CHECK_OK(__wasi_fd_close(fd));
    return 0;
}
