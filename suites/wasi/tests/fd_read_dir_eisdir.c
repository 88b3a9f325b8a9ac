/*
 * fd_read_dir_eisdir: fd_read on a directory fd gives EISDIR.
 * Spec: POSIX read [EISDIR] "The fildes argument refers to a directory and
 * the implementation does not allow the directory to be read using read()"
 * (Linux always gives EISDIR); witx errno::isdir "Is a directory". In the
 * rights model a directory fd lacks fd_read (ENOTCAPABLE); hosts built on
 * POSIX calls give EBADF or EISDIR. All three are accepted and printed as
 * "refused" (spec ambiguity); success or another errno fails.
 * Seen: wasmtime and wasmi EBADF, node ENOTCAPABLE.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), dir;
    CHECK_OK(open_dir(root, "sub", &dir));
    char buf[8];
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
    __wasi_size_t n;
    __wasi_errno_t e = __wasi_fd_read(dir, &iov, 1, &n);
    printf("read directory: %s\n", e == __WASI_ERRNO_ISDIR || e == __WASI_ERRNO_BADF || e == __WASI_ERRNO_NOTCAPABLE ? "refused" : errno_name(e));
    return 0;
}
