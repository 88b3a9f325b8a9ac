/*
 * stdio_stdout: fd 1 is open for writing at start-up. Checks libc output
 * (printf, puts, fwrite) and the raw fd_write import with several iovecs,
 * including zero-length ones: fd_write is like writev, so it writes the
 * buffers in order and returns the byte count (nwritten). Output must
 * appear exactly, with nothing added (no CR translation, no prefix).
 *
 * A short write is allowed (writev may return less than the total, and
 * wasi-libc loops), so the program retries with the remaining bytes and only
 * prints whether everything got written and whether each nwritten was in
 * range. wasmtime 49 writes only the first non-empty iovec per call (7 of
 * 21 bytes here), which is legal; node writes all 21 at once.
 */
#include "wasi_case.h"

int main(void) {
    printf("line 1 from printf\n");
    puts("line 2 from puts");
    fwrite("line 3 from fwrite\n", 1, 19, stdout);
    fflush(stdout);
    __wasi_ciovec_t iov[4] = {
        {(const uint8_t *)"line 4 ", 7},
        {(const uint8_t *)"", 0},
        {(const uint8_t *)"from fd_write", 13},
        {(const uint8_t *)"\n", 1},
    };
    __wasi_size_t n = 0, total = 0;
    __wasi_errno_t e = 0;
    int in_range = 1, idx = 0;
    while (total < 21 && e == 0) {
        e = __wasi_fd_write(1, iov + idx, 4 - idx, &n);
        if (e != 0 || n == 0 || total + n > 21)
            in_range = 0;
        if (e != 0 || n == 0)
            break;
        total += n;
        /* drop the iovecs (or the part of one) that were written */
        while (idx < 4 && n >= iov[idx].buf_len) {
            n -= iov[idx].buf_len;
            idx++;
        }
        if (idx < 4) {
            iov[idx].buf += n;
            iov[idx].buf_len -= n;
        }
    }
    printf("fd_write: %s, all 21 bytes written: %s, each nwritten in range: %s\n",
           errno_name(e), total == 21 ? "yes" : "no", in_range ? "yes" : "no");
    iov[0].buf_len = 0;
    e = __wasi_fd_write(1, iov, 1, &n);
    printf("fd_write zero bytes: %s nwritten=%u\n", errno_name(e), (unsigned)n);
    printf("tab\tand utf-8 \xc3\xa9\xe2\x82\xac and no final newline");
    return 0;
}
