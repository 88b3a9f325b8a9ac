/*
 * fd_tell_after_ops: fd_tell follows every offset change: 0 after open, 5
 * after reading 5 bytes, 13 after seeking to the end, 15 after writing 2
 * bytes there, 10 after seeking -5 from the current position; fd_pread and
 * fd_pwrite leave it alone. Spec: witx fd_tell "Return the current offset
 * of a file descriptor. Note: This is similar to lseek(fd, 0, SEEK_CUR) in
 * POSIX."
 */
#include "wasi_case.h"

static void tell(const char *label, __wasi_fd_t fd) {
    __wasi_filesize_t pos = 999;
    CHECK_OK(__wasi_fd_tell(fd, &pos));
    printf("%s: %llu\n", label, (unsigned long long)pos);
}

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    tell("after open", fd);
    char buf[5];
    __wasi_iovec_t iov = {(uint8_t *)buf, 5};
    __wasi_size_t n;
    CHECK_OK(__wasi_fd_read(fd, &iov, 1, &n));
    tell("after reading 5", fd);
    __wasi_filesize_t pos;
    CHECK_OK(__wasi_fd_seek(fd, 0, __WASI_WHENCE_END, &pos));
    tell("after seek END 0", fd);
    write_all(fd, "!!", 2);
    tell("after writing 2", fd);
    CHECK_OK(__wasi_fd_seek(fd, -5, __WASI_WHENCE_CUR, &pos));
    tell("after seek CUR -5", fd);
    CHECK_OK(__wasi_fd_pread(fd, &iov, 1, 0, &n));
    __wasi_ciovec_t c = {(const uint8_t *)"h", 1};
    CHECK_OK(__wasi_fd_pwrite(fd, &c, 1, 0, &n));
    tell("after pread and pwrite", fd);
    return 0;
}
