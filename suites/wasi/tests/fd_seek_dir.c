/*
 * fd_seek_dir: fd_seek on a directory fd. WASI gives directories no
 * seekable offset (fd_readdir uses cookies instead) and the rights handed to
 * directories do not include fd_seek, so the call must be refused without
 * harming the fd: fd_readdir still lists the directory afterwards.
 * Spec: witx rights::fd_seek; POSIX lseek on a directory is
 * implementation-defined. Accepted: EBADF, ENOTCAPABLE, EISDIR, ESPIPE
 * (printed "refused"), or success (printed as "OK"); two alternatives.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), dir;
    CHECK_OK(open_dir(root, "sub", &dir));
    __wasi_filesize_t pos = 99;
    __wasi_errno_t e = __wasi_fd_seek(dir, 0, __WASI_WHENCE_SET, &pos);
    if (e == __WASI_ERRNO_BADF || e == __WASI_ERRNO_NOTCAPABLE || e == __WASI_ERRNO_ISDIR || e == __WASI_ERRNO_SPIPE)
        printf("seek on a directory: refused\n");
    else
        printf("seek on a directory: %s\n", errno_name(e));
    size_t n;
    readdir_all(dir, 4096, &n, NULL);
    printf("readdir afterwards: %zu entries\n", n);
    return 0;
}
