/*
 * fd_pread_pwrite: fd_pread and fd_pwrite (like preadv/pwritev) use an
 * explicit offset and neither use nor update the fd's offset. pread past the
 * end returns 0 bytes; pwrite in the middle overwrites in place.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd)); /* "Hello, WASI!\n" */
    __wasi_filesize_t pos = 0;
    CHECK_OK(__wasi_fd_seek(fd, 2, __WASI_WHENCE_SET, &pos));
    char buf[16] = {0};
    __wasi_iovec_t iov = {(uint8_t *)buf, 4};
    __wasi_size_t n = 0;
    REPORT("pread 4 @7", __wasi_fd_pread(fd, &iov, 1, 7, &n));
    printf("  bytes: %u [%.*s]\n", (unsigned)n, (int)n, buf);
    CHECK_OK(__wasi_fd_tell(fd, &pos));
    printf("offset unchanged: %llu\n", (unsigned long long)pos);
    n = 99;
    REPORT("pread @100", __wasi_fd_pread(fd, &iov, 1, 100, &n));
    printf("  bytes: %u\n", (unsigned)n);
    __wasi_ciovec_t ciov = {(const uint8_t *)"wasi", 4};
    REPORT("pwrite 4 @7", __wasi_fd_pwrite(fd, &ciov, 1, 7, &n));
    printf("  bytes: %u\n", (unsigned)n);
    CHECK_OK(__wasi_fd_tell(fd, &pos));
    printf("offset unchanged: %llu\n", (unsigned long long)pos);
    CHECK_OK(__wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos));
    char all[32];
    size_t got = read_all(fd, all, sizeof all);
    printf("content: [%.*s]\n", (int)got, all);
    return 0;
}
