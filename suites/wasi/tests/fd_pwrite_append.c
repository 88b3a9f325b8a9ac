/*
 * fd_pwrite_append: fd_pwrite at offset 0 on a file opened with
 * FDFLAGS_APPEND. The file offset must not move (fd_tell stays where it
 * was). Where the bytes land is a known ambiguity: POSIX pwrite writes at
 * the given offset ("The pwrite() function shall be equivalent to write(),
 * except that it writes into a given position"), but Linux appends when
 * O_APPEND is set (man 2 pwrite, BUGS), and hosts follow either. witx
 * fd_pwrite says only "similar to pwrite in POSIX", fdflags::append "Data
 * written to the file is always appended to the file's end". Both results
 * are accepted as alternatives; anything else (data lost, an error other
 * than a clean refusal, a moved offset) fails. Some hosts refuse pwrite on
 * an append fd (wasi-common gives ESPIPE, as for a stream): that is the
 * third alternative, with the file unchanged.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "hello.txt", 0, __WASI_FDFLAGS_APPEND, &fd));
    __wasi_ciovec_t iov = {(const uint8_t *)"XY", 2};
    __wasi_size_t n = 0;
    __wasi_filesize_t before, after;
    CHECK_OK(__wasi_fd_tell(fd, &before));
    __wasi_errno_t e = __wasi_fd_pwrite(fd, &iov, 1, 0, &n);
    printf("pwrite at 0: %s\n", e == 0 ? "OK" : errno_name(e));
    CHECK_OK(__wasi_fd_tell(fd, &after));
    printf("offset unchanged: %s\n", before == after ? "yes" : "no");
    char buf[64];
    __wasi_iovec_t riov = {(uint8_t *)buf, sizeof buf};
    __wasi_size_t got = 0;
    CHECK_OK(__wasi_fd_pread(fd, &riov, 1, 0, &got));
    if (got == 13 && e == 0 && !memcmp(buf, "XYllo, WASI!\n", 13))
        printf("landed: at offset 0 (POSIX)\n");
    else if (got == 15 && !memcmp(buf, "Hello, WASI!\nXY", 15))
        printf("landed: at the end (Linux O_APPEND)\n");
    else if (got == 13 && e != 0)
        printf("landed: nowhere (refused)\n");
    else
        printf("landed: unexpected, %u bytes: %.*s\n", (unsigned)got, (int)got, buf);
    return 0;
}
