/*
 * stdio_stdin_read: fd 0 delivers the bytes fed on stdin, in order and
 * unchanged (UTF-8, blank lines, no final newline), then end of file:
 * fd_read returns 0 bytes at EOF and keeps doing so. Reads go through the
 * raw fd_read with a small two-iovec buffer to exercise scatter reads.
 */
#include "wasi_case.h"

int main(void) {
    char buf[4096];
    size_t got = 0;
    for (;;) {
        CHECK(got + 8 < sizeof buf);
        __wasi_iovec_t iov[2] = {{(uint8_t *)buf + got, 3},
                                 {(uint8_t *)buf + got + 3, 4}};
        __wasi_size_t n = 0;
        CHECK_OK(__wasi_fd_read(0, iov, 2, &n));
        if (n == 0)
            break;
        CHECK(n <= 7);
        got += n;
    }
    __wasi_iovec_t iov = {(uint8_t *)buf + got, 8};
    __wasi_size_t n = 99;
    REPORT("read after EOF", __wasi_fd_read(0, &iov, 1, &n));
    printf("bytes after EOF: %u\n", (unsigned)n);
    printf("total bytes: %zu\n", got);
    int lines = 0;
    for (size_t i = 0; i < got; i++)
        lines += buf[i] == '\n';
    printf("newlines: %d\n", lines);
    printf("content: [");
    fwrite(buf, 1, got, stdout);
    printf("]\n");
    return 0;
}
