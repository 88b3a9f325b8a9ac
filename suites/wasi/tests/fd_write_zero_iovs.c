/*
 * fd_write_zero_iovs: fd_write with no iovecs, and with one empty iovec,
 * succeeds and reports 0 bytes written; fd_read with one empty iovec on a
 * file reads 0 bytes and leaves the offset at 0. Spec: POSIX writev/readv
 * with zero total length transfer nothing and return 0 (for a regular file).
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    __wasi_size_t n = 99;
    REPORT("write 0 iovecs", __wasi_fd_write(fd, NULL, 0, &n));
    printf("  written: %u\n", (unsigned)n);
    __wasi_ciovec_t iov = {(const uint8_t *)"x", 0};
    n = 99;
    REPORT("write empty iovec", __wasi_fd_write(fd, &iov, 1, &n));
    printf("  written: %u\n", (unsigned)n);
    char c;
    __wasi_iovec_t riov = {(uint8_t *)&c, 0};
    n = 99;
    REPORT("read empty iovec", __wasi_fd_read(fd, &riov, 1, &n));
    printf("  read: %u\n", (unsigned)n);
    __wasi_filesize_t pos;
    CHECK_OK(__wasi_fd_tell(fd, &pos));
    printf("offset: %llu\n", (unsigned long long)pos);
    return 0;
}
