/*
 * sock_not_socket_stdio: sock_recv on stdin, sock_send on stdout,
 * sock_shutdown on stderr and sock_accept on stdin (all pipes here, not
 * sockets) fail cleanly: ENOTSOCK, EBADF, ENOTCAPABLE or ENOTSUP, printed
 * "refused" (POSIX [ENOTSOCK]; rights model ENOTCAPABLE; spec ambiguity).
 * Nothing is consumed from stdin (it still reads "abc") and nothing
 * reaches stdout but the report.
 * EACCES (wasmer's answer for a missing right) is accepted as a refusal too.
 */
#include "wasi_case.h"

#define REFUSED(e) ((e) == __WASI_ERRNO_NOTSOCK || (e) == __WASI_ERRNO_BADF || (e) == __WASI_ERRNO_ACCES || (e) == __WASI_ERRNO_NOTCAPABLE || (e) == __WASI_ERRNO_NOTSUP)

int main(void) {
    __wasi_errno_t e;
    __wasi_fd_t nfd;
    char buf[8];
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
    __wasi_size_t n;
    __wasi_roflags_t rof;
    e = __wasi_sock_recv(0, &iov, 1, 0, &n, &rof);
    printf("sock_recv stdin: %s\n", REFUSED(e) ? "refused" : errno_name(e));
    __wasi_ciovec_t ciov = {(const uint8_t *)"LEAK\n", 5};
    e = __wasi_sock_send(1, &ciov, 1, 0, &n);
    printf("sock_send stdout: %s\n", REFUSED(e) ? "refused" : errno_name(e));
    e = __wasi_sock_shutdown(2, __WASI_SDFLAGS_WR);
    printf("sock_shutdown stderr: %s\n", REFUSED(e) ? "refused" : errno_name(e));
    e = __wasi_sock_accept(0, 0, &nfd);
    printf("sock_accept stdin: %s\n", REFUSED(e) ? "refused" : errno_name(e));
    size_t got = read_all(0, buf, sizeof buf);
    printf("stdin: %.*s", (int)got, buf);
    return 0;
}
