/*
 * fd_advise_ebadf: fd_advise on an fd that is not open gives EBADF, and on
 * a closed fd too. Spec: witx errno::badf "Bad file descriptor"; POSIX
 * posix_fadvise: [EBADF] "The fd argument is not a valid file descriptor."
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    REPORT("advise fd 1234", __wasi_fd_advise(1234, 0, 0, __WASI_ADVICE_NORMAL));
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    CHECK_OK(__wasi_fd_close(fd));
    REPORT("advise closed fd", __wasi_fd_advise(fd, 0, 0, __WASI_ADVICE_NORMAL));
    return 0;
}
