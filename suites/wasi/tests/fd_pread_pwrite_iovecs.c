/*
 * fd_pread_pwrite_iovecs: fd_pwrite and fd_pread with two buffers (like
 * pwritev/preadv) go through the buffers in order at consecutive offsets:
 * the second buffer continues where the first ended, not at the given
 * offset again. A short count is allowed (wasmtime handles the first
 * non-empty buffer only), so the case checks that the bytes moved are the
 * ones the count says, not the count itself. The file is opened for reading
 * and writing, so the bytes written are read back through the same fd.
 * Spec: witx fd_pread "Read from a file descriptor, without using and
 * updating the file descriptor's offset. Note: This is similar to `preadv`
 * in Linux (and other Unix-es)"; fd_pwrite likewise with `pwritev`.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd)); /* "Hello, WASI!\n" */
    __wasi_ciovec_t out[2] = {{(const uint8_t *)"ab", 2}, {(const uint8_t *)"cd", 2}};
    __wasi_size_t wrote = 0;
    REPORT("pwrite [ab][cd] @1", __wasi_fd_pwrite(fd, out, 2, 1, &wrote));
    printf("  wrote 2 or 4 bytes: %s\n", wrote == 2 || wrote == 4 ? "yes" : "no");
    char want[16];
    memcpy(want, "Hello, WASI!\n", 13);
    memcpy(want + 1, "abcd", wrote <= 4 ? wrote : 4);
    __wasi_filesize_t pos;
    CHECK_OK(__wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos));
    char all[32];
    size_t got = read_all(fd, all, sizeof all);
    printf("  file as the count says: %s\n",
           got == 13 && memcmp(all, want, 13) == 0 ? "yes" : "no");
    char a[3] = {0}, b[5] = {0};
    __wasi_iovec_t in[2] = {{(uint8_t *)a, 3}, {(uint8_t *)b, 5}};
    __wasi_size_t n = 0;
    REPORT("pread [3][5] @0", __wasi_fd_pread(fd, in, 2, 0, &n));
    char joined[8];
    memcpy(joined, a, 3);
    memcpy(joined + 3, b, 5);
    printf("  read 3 or 8 bytes: %s\n", n == 3 || n == 8 ? "yes" : "no");
    printf("  buffers hold the file's bytes in order: %s\n",
           n <= 8 && memcmp(joined, want, n) == 0 ? "yes" : "no");
    return 0;
}
