/*
 * fd_seek_negative_einval: a seek whose resulting offset would be negative
 * fails with EINVAL (POSIX lseek), for SET, CUR and END, and leaves the
 * offset where it was.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd)); /* 13 bytes */
    __wasi_filesize_t pos = 0;
    CHECK_OK(__wasi_fd_seek(fd, 4, __WASI_WHENCE_SET, &pos));
    REPORT("seek SET -1", __wasi_fd_seek(fd, -1, __WASI_WHENCE_SET, &pos));
    REPORT("seek CUR -5", __wasi_fd_seek(fd, -5, __WASI_WHENCE_CUR, &pos));
    REPORT("seek END -14", __wasi_fd_seek(fd, -14, __WASI_WHENCE_END, &pos));
    CHECK_OK(__wasi_fd_tell(fd, &pos));
    printf("offset still: %llu\n", (unsigned long long)pos);
    return 0;
}
