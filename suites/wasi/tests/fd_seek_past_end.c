/*
 * fd_seek_past_end: seeking beyond the end of a file is allowed (POSIX
 * lseek: "allow the file offset to be set beyond the end of the existing
 * data"); it does not change the size; a read there returns 0 bytes; a write
 * there extends the file, and the gap reads back as zero bytes. Checks
 * wasmer #4867-style bugs (seek past end rejected or clamped).
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd)); /* 13 bytes */
    __wasi_filesize_t pos = 0;
    REPORT("seek SET 20", __wasi_fd_seek(fd, 20, __WASI_WHENCE_SET, &pos));
    printf("  offset: %llu\n", (unsigned long long)pos);
    REPORT("seek END 5", __wasi_fd_seek(fd, 5, __WASI_WHENCE_END, &pos));
    printf("  offset: %llu\n", (unsigned long long)pos);
    __wasi_filestat_t st;
    CHECK_OK(__wasi_fd_filestat_get(fd, &st));
    printf("size after seeking: %llu\n", (unsigned long long)st.size);
    char buf[64];
    __wasi_iovec_t iov = {(uint8_t *)buf, sizeof buf};
    __wasi_size_t n = 99;
    REPORT("read past end", __wasi_fd_read(fd, &iov, 1, &n));
    printf("  bytes: %u\n", (unsigned)n);
    CHECK_OK(__wasi_fd_seek(fd, 16, __WASI_WHENCE_SET, &pos));
    write_all(fd, "XY", 2);
    CHECK_OK(__wasi_fd_tell(fd, &pos));
    printf("offset after write: %llu\n", (unsigned long long)pos);
    CHECK_OK(__wasi_fd_filestat_get(fd, &st));
    printf("size after write: %llu\n", (unsigned long long)st.size);
    CHECK_OK(__wasi_fd_seek(fd, 0, __WASI_WHENCE_SET, &pos));
    size_t got = read_all(fd, buf, sizeof buf);
    printf("bytes:");
    for (size_t i = 0; i < got; i++)
        printf(" %02x", (unsigned char)buf[i]);
    printf("\n");
    return 0;
}
