/*
 * fd_pread_stdin_espipe: fd_pread and fd_pwrite need a seekable file; on
 * stdin (a pipe here) fd_pread gives ESPIPE and the piped data is still
 * there to read with fd_read. Spec: POSIX pread [ESPIPE] "The file is
 * incapable of seeking" / "fildes is associated with a pipe or FIFO";
 * witx errno::spipe. Known divergence: node withholds the rights of stdio
 * (ENOTCAPABLE), as in fd_seek_stdin_espipe.
 */
#include "wasi_case.h"

int main(void) {
    char buf[32];
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
    __wasi_size_t n;
    REPORT("pread stdin", __wasi_fd_pread(0, &iov, 1, 0, &n));
    size_t got = read_all(0, buf, sizeof buf);
    printf("stdin: %.*s", (int)got, buf);
    return 0;
}
