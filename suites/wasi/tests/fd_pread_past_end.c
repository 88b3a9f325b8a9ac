/*
 * fd_pread_past_end: fd_pread at an offset beyond the end of the file reads
 * 0 bytes with success, at the last byte reads 1 byte, and neither moves the
 * file offset. Spec: POSIX pread/read: "No data transfer shall occur past
 * the current end-of-file. If the starting position is at or after the
 * end-of-file, 0 shall be returned."; witx fd_pread "without using and
 * updating the file descriptor's offset".
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    char buf[16];
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
    __wasi_size_t n = 99;
    REPORT("pread at 100", __wasi_fd_pread(fd, &iov, 1, 100, &n));
    printf("  bytes: %u\n", (unsigned)n);
    REPORT("pread at 12", __wasi_fd_pread(fd, &iov, 1, 12, &n));
    printf("  bytes: %u (0x%02x)\n", (unsigned)n, (unsigned char)buf[0]);
    __wasi_filesize_t pos;
    CHECK_OK(__wasi_fd_tell(fd, &pos));
    printf("offset: %llu\n", (unsigned long long)pos);
    return 0;
}
