/*
 * path_open_append: with fdflags APPEND every write goes to the end of the
 * file (POSIX O_APPEND), even after fd_seek to 0; fd_fdstat_get reports the
 * APPEND flag. The result is the old content followed by both writes.
 *
 * Known divergence: node 20 (uvwasi) appends correctly but fd_fdstat_get
 * does not report the APPEND flag (witx: fs_flags are the fd's flags).
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    REPORT("open hello.txt APPEND", open_at(root, "hello.txt", 0, __WASI_FDFLAGS_APPEND, &fd));
    __wasi_fdstat_t fs;
    CHECK_OK(__wasi_fd_fdstat_get(fd, &fs));
    printf("fdstat has APPEND: %s\n", (fs.fs_flags & __WASI_FDFLAGS_APPEND) ? "yes" : "no");
    write_all(fd, "one\n", 4);
    __wasi_filesize_t pos;
    CHECK_OK(__wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos));
    write_all(fd, "two\n", 4);
    CHECK_OK(__wasi_fd_close(fd));
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    char buf[64];
    size_t n = read_all(fd, buf, sizeof buf);
    printf("content: [%.*s]\n", (int)n, buf);
    return 0;
}
