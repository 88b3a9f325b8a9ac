/*
 * fd_pwrite_past_end: fd_pwrite at offset 20 of the 13-byte file extends it
 * to 22 bytes, the gap reads as zeros, and the file offset does not move.
 * Spec: witx fd_pwrite "Write to a file descriptor, without using and
 * updating the file descriptor's offset"; POSIX write past the end: "any
 * subsequent reads of data in the gap shall return bytes with the value 0".
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    __wasi_ciovec_t iov = {(const uint8_t *)"AB", 2};
    __wasi_size_t n = 0;
    REPORT("pwrite at 20", __wasi_fd_pwrite(fd, &iov, 1, 20, &n));
    printf("  written: %u\n", (unsigned)n);
    __wasi_filesize_t pos;
    CHECK_OK(__wasi_fd_tell(fd, &pos));
    printf("offset: %llu\n", (unsigned long long)pos);
    __wasi_filestat_t st;
    CHECK_OK(__wasi_fd_filestat_get(fd, &st));
    printf("size: %llu\n", (unsigned long long)st.size);
    char buf[32];
    __wasi_iovec_t riov = {(uint8_t *)buf, sizeof buf};
    CHECK_OK(__wasi_fd_pread(fd, &riov, 1, 13, &n));
    printf("bytes from 13:");
    for (unsigned i = 0; i < n; i++)
        printf(" %02x", (unsigned char)buf[i]);
    printf("\n");
    return 0;
}
