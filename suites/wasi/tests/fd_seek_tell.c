/*
 * fd_seek_tell: fd_seek moves the offset like lseek and returns the new
 * offset from the start of the file: SET to an absolute position, CUR
 * relative to the current one (also backwards), END relative to the size
 * (also negative). fd_tell returns the current offset, and fd_read starts
 * there and advances it by the bytes read. A fresh fd starts at offset 0.
 */
#include "wasi_case.h"

static __wasi_fd_t fd;

static void seek(const char *label, __wasi_filedelta_t off, __wasi_whence_t wh) {
    __wasi_filesize_t pos = 12345;
    __wasi_errno_t e = __wasi_fd_seek(fd, off, wh, &pos);
    printf("%s: %s -> %llu\n", label, errno_name(e), (unsigned long long)pos);
}

static void tell_and_read(void) {
    __wasi_filesize_t pos = 12345;
    CHECK_OK(__wasi_fd_tell(fd, &pos));
    char c = 0;
    __wasi_iovec_t iov = {(uint8_t *)&c, 1};
    __wasi_size_t n = 0;
    CHECK_OK(__wasi_fd_read(fd, &iov, 1, &n));
    __wasi_filesize_t after = 0;
    CHECK_OK(__wasi_fd_tell(fd, &after));
    printf("  tell=%llu read=[%c] tell after=%llu\n", (unsigned long long)pos,
           n ? c : '-', (unsigned long long)after);
}

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd)); /* "Hello, WASI!\n" */
    __wasi_filesize_t pos = 12345;
    REPORT("tell on fresh fd", __wasi_fd_tell(fd, &pos));
    printf("  offset: %llu\n", (unsigned long long)pos);
    seek("seek SET 7", 7, __WASI_WHENCE_SET);
    tell_and_read();
    seek("seek CUR 2", 2, __WASI_WHENCE_CUR);
    tell_and_read();
    seek("seek CUR -4", -4, __WASI_WHENCE_CUR);
    tell_and_read();
    seek("seek END 0", 0, __WASI_WHENCE_END);
    seek("seek END -2", -2, __WASI_WHENCE_END);
    tell_and_read();
    seek("seek CUR 0", 0, __WASI_WHENCE_CUR);
    seek("seek SET 0", 0, __WASI_WHENCE_SET);
    tell_and_read();
    return 0;
}
