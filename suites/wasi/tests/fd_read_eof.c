/*
 * fd_read_eof: at end of file fd_read succeeds with 0 bytes read (POSIX
 * read returns 0 at EOF), repeatedly; a read that straddles the end returns
 * only the remaining bytes. A zero-length iovec reads 0 bytes with success.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    __wasi_filesize_t pos;
    CHECK_OK(__wasi_fd_seek(fd, 10, __WASI_WHENCE_SET, &pos));
    char buf[32];
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
    __wasi_size_t n = 99;
    REPORT("read straddling EOF", __wasi_fd_read(fd, &iov, 1, &n));
    printf("  bytes: %u [%.*s]\n", (unsigned)n, (int)(n <= 32 ? n : 0), buf);
    for (int i = 0; i < 2; i++) {
        n = 99;
        REPORT("read at EOF", __wasi_fd_read(fd, &iov, 1, &n));
        printf("  bytes: %u\n", (unsigned)n);
    }
    CHECK_OK(__wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos));
    iov.buf_len = 0;
    n = 99;
    REPORT("zero-length read", __wasi_fd_read(fd, &iov, 1, &n));
    printf("  bytes: %u\n", (unsigned)n);
    return 0;
}
