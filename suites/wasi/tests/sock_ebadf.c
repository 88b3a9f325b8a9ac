/*
 * sock_ebadf: sock_accept, sock_recv, sock_send and sock_shutdown on an fd
 * that is not open give EBADF (witx errno::badf; POSIX [EBADF] "The socket
 * argument is not a valid file descriptor"). A host without socket support
 * at all may answer ENOTSUP; that is accepted (printed "EBADF or
 * ENOTSUP") because the fd is never looked at then.
 */
#include "wasi_case.h"

#define OKERR(e) ((e) == __WASI_ERRNO_BADF || (e) == __WASI_ERRNO_NOTSUP)

int main(void) {
    __wasi_errno_t e;
    __wasi_fd_t nfd;
    char buf[8];
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
    __wasi_ciovec_t ciov = {(const uint8_t *)"x", 1};
    __wasi_size_t n;
    __wasi_roflags_t rof;
    e = __wasi_sock_accept(1234, 0, &nfd);
    printf("sock_accept: %s\n", OKERR(e) ? "EBADF or ENOTSUP" : errno_name(e));
    e = __wasi_sock_recv(1234, &iov, 1, 0, &n, &rof);
    printf("sock_recv: %s\n", OKERR(e) ? "EBADF or ENOTSUP" : errno_name(e));
    e = __wasi_sock_send(1234, &ciov, 1, 0, &n);
    printf("sock_send: %s\n", OKERR(e) ? "EBADF or ENOTSUP" : errno_name(e));
    e = __wasi_sock_shutdown(1234, __WASI_SDFLAGS_RD);
    printf("sock_shutdown: %s\n", OKERR(e) ? "EBADF or ENOTSUP" : errno_name(e));
    return 0;
}
