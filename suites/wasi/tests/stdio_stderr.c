/*
 * stdio_stderr: fd 2 is open for writing and is a separate stream from fd 1.
 * Lines are written alternately to stdout and stderr; each stream must hold
 * exactly its own lines, in order.
 */
#include "wasi_case.h"

int main(void) {
    fprintf(stdout, "out 1\n");
    fflush(stdout);
    fprintf(stderr, "err 1\n");
    fprintf(stdout, "out 2\n");
    fflush(stdout);
    __wasi_ciovec_t iov = {(const uint8_t *)"err 2 (raw fd_write)\n", 21};
    __wasi_size_t n = 0;
    CHECK_OK(__wasi_fd_write(2, &iov, 1, &n));
    CHECK(n == 21);
    fprintf(stderr, "err 3\n");
    fprintf(stdout, "out 3\n");
    return 0;
}
