/*
 * fd_fdstat_set_flags_append_clear: APPEND can be set and cleared again with
 * fd_fdstat_set_flags; writes then go to the end, then to the offset again.
 * Spec: witx fd_fdstat_set_flags "Adjust the flags associated with a file
 * descriptor. Note: This is similar to fcntl(fd, F_SETFL, flags) in POSIX";
 * fdflags::append "Append mode: Data written to the file is always appended
 * to the file's end." The final content is checked in fs_after and printed.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    __wasi_filesize_t pos;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    REPORT("set APPEND", __wasi_fd_fdstat_set_flags(fd, __WASI_FDFLAGS_APPEND));
    write_all(fd, "1", 1); /* at the end: offset 0 is ignored */
    REPORT("clear APPEND", __wasi_fd_fdstat_set_flags(fd, 0));
    CHECK_OK(__wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos));
    write_all(fd, "J", 1); /* at offset 0 again */
    CHECK_OK(__wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos));
    char buf[64];
    size_t got = read_all(fd, buf, sizeof buf);
    printf("content: %.*s", (int)got, buf);
    printf("|\n");
    return 0;
}
