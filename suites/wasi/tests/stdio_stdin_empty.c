/*
 * stdio_stdin_empty: when the stdin fed is empty, the first fd_read on fd 0
 * returns success with 0 bytes (end of file), not an error and not a hang;
 * libc's getchar() then returns EOF.
 */
#include "wasi_case.h"

int main(void) {
    char buf[16];
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
    __wasi_size_t n = 99;
    REPORT("fd_read(0)", __wasi_fd_read(0, &iov, 1, &n));
    printf("bytes: %u\n", (unsigned)n);
    printf("getchar() == EOF: %s\n", getchar() == EOF ? "yes" : "no");
    return 0;
}
