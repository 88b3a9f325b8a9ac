/*
 * fd_filestat_set_size: like ftruncate, it shrinks a file (dropping the
 * tail) or grows it (new bytes read as zero), without moving the offset.
 */
#include "wasi_case.h"

static void show(__wasi_fd_t fd) {
    __wasi_filestat_t st;
    CHECK_OK(__wasi_fd_filestat_get(fd, &st));
    __wasi_filesize_t pos;
    CHECK_OK(__wasi_fd_tell(fd, &pos));
    char buf[32];
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
    __wasi_size_t n = 0;
    CHECK_OK(__wasi_fd_pread(fd, &iov, 1, 0, &n));
    printf("  size=%llu offset=%llu bytes:", (unsigned long long)st.size,
           (unsigned long long)pos);
    for (__wasi_size_t i = 0; i < n; i++)
        printf(" %02x", (unsigned char)buf[i]);
    printf("\n");
}

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    __wasi_filesize_t pos;
    CHECK_OK(__wasi_fd_seek(fd, 3, __WASI_WHENCE_SET, &pos));
    REPORT("set_size 5", __wasi_fd_filestat_set_size(fd, 5));
    show(fd);
    REPORT("set_size 8", __wasi_fd_filestat_set_size(fd, 8));
    show(fd);
    REPORT("set_size 0", __wasi_fd_filestat_set_size(fd, 0));
    show(fd);
    return 0;
}
