/*
 * fd_read_scatter: one fd_read into three iovecs (5 bytes, 0 bytes, 100
 * bytes) fills them in order; a short read (one iovec per call on some
 * hosts) is continued. Spec: witx fd_read "Read from a file descriptor.
 * Note: This is similar to readv in POSIX."
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    char a[5], b[1], c[100];
    __wasi_iovec_t iov[3] = {{(uint8_t *)a, 5}, {(uint8_t *)b, 0}, {(uint8_t *)c, 100}};
    __wasi_size_t n = 0, total = 0;
    CHECK_OK(__wasi_fd_read(fd, iov, 3, &n));
    total = n;
    if (n < 5) {
        printf("short first read\n");
        return 1;
    }
    if (n == 5) {
        CHECK_OK(__wasi_fd_read(fd, iov + 2, 1, &n));
        total += n;
    }
    printf("total: %u\n", (unsigned)total);
    printf("first: %.5s\n", a);
    printf("third: %.*s", (int)(total - 5), c);
    return 0;
}
