/*
 * sock_not_socket_file: sock_accept, sock_recv, sock_send and sock_shutdown
 * on a regular file fd. POSIX accept/recv/send/shutdown [ENOTSOCK] "The
 * socket argument does not refer to a socket"; in the preview1 rights model
 * a file fd lacks the sock_* rights (ENOTCAPABLE), and hosts without socket
 * support answer EBADF or ENOTSUP. Each call must fail cleanly with one of
 * ENOTSOCK, EBADF, ENOTCAPABLE, ENOTSUP (printed "refused", spec
 * ambiguity), must not trap, and the file must be unchanged and still
 * readable afterwards.
 * Sockets have no success case in this suite: a preview1 guest cannot open
 * a socket, and only a host-preopened listening socket would let
 * sock_accept succeed; the harness cannot give one to every runtime.
 * EACCES (wasmer's answer for a missing right) is accepted as a refusal too.
 */
#include "wasi_case.h"

#define REFUSED(e) ((e) == __WASI_ERRNO_NOTSOCK || (e) == __WASI_ERRNO_BADF || (e) == __WASI_ERRNO_ACCES || (e) == __WASI_ERRNO_NOTCAPABLE || (e) == __WASI_ERRNO_NOTSUP)

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd, nfd;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    __wasi_errno_t e;
    e = __wasi_sock_accept(fd, 0, &nfd);
    printf("sock_accept: %s\n", REFUSED(e) ? "refused" : errno_name(e));
    char buf[8];
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
    __wasi_size_t n;
    __wasi_roflags_t rof;
    e = __wasi_sock_recv(fd, &iov, 1, 0, &n, &rof);
    printf("sock_recv: %s\n", REFUSED(e) ? "refused" : errno_name(e));
    __wasi_ciovec_t ciov = {(const uint8_t *)"x", 1};
    e = __wasi_sock_send(fd, &ciov, 1, 0, &n);
    printf("sock_send: %s\n", REFUSED(e) ? "refused" : errno_name(e));
    e = __wasi_sock_shutdown(fd, __WASI_SDFLAGS_RD | __WASI_SDFLAGS_WR);
    printf("sock_shutdown: %s\n", REFUSED(e) ? "refused" : errno_name(e));
    char c = 0;
    __wasi_iovec_t one = {(uint8_t *)&c, 1};
    REPORT("fd_read afterwards", __wasi_fd_read(fd, &one, 1, &n));
    printf("  byte: %c\n", c);
    return 0;
}
