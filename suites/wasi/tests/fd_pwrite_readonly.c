/*
 * fd_pwrite_readonly: fd_pwrite and fd_write on a file opened for reading
 * only (rights FD_READ|FD_SEEK|FD_TELL|FD_FILESTAT_GET, no FD_WRITE) are
 * refused and the file is unchanged. Spec: witx rights::fd_write "The right
 * to invoke fd_write. If rights::fd_seek is set, includes the right to
 * invoke fd_pwrite." Without it: errno::notcapable in the rights model; a
 * POSIX host gives EBADF (write on a read-only fd). Both print "refused".
 * EACCES (wasmer's answer for a missing right) is accepted as a refusal too.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(__wasi_path_open(root, 0, "hello.txt", 0,
                              __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK | __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_FILESTAT_GET,
                              0, 0, &fd));
    __wasi_ciovec_t iov = {(const uint8_t *)"ZZ", 2};
    __wasi_size_t n;
    __wasi_errno_t e = __wasi_fd_pwrite(fd, &iov, 1, 0, &n);
    printf("pwrite: %s\n", e == __WASI_ERRNO_NOTCAPABLE || e == __WASI_ERRNO_BADF || e == __WASI_ERRNO_ACCES ? "refused" : errno_name(e));
    e = __wasi_fd_write(fd, &iov, 1, &n);
    printf("write: %s\n", e == __WASI_ERRNO_NOTCAPABLE || e == __WASI_ERRNO_BADF || e == __WASI_ERRNO_ACCES ? "refused" : errno_name(e));
    __wasi_filestat_t st;
    CHECK_OK(__wasi_fd_filestat_get(fd, &st));
    printf("size: %llu\n", (unsigned long long)st.size);
    return 0;
}
