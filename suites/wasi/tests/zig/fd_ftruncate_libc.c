/*
 * fd_ftruncate_libc (zig cc): ftruncate() shrinks and extends a file
 * (fd_filestat_set_size). POSIX ftruncate: "If the file previously was
 * larger than length, the extra data is discarded. If it was previously
 * shorter than length, ... the extended area shall appear as if it were
 * zero-filled." The file offset does not change. On a descriptor opened
 * O_RDONLY it must fail: POSIX names EBADF or EINVAL ("The fildes argument
 * is not a file descriptor open for writing"), and the preview1 rights
 * model ENOTCAPABLE (wasi-libc's O_RDONLY omits fd_filestat_set_size);
 * printed "refused" for that set.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "wasi_case.h"

int main(void) {
    int fd = open("fs.dir/hello.txt", O_RDWR);
    CHECK(fd >= 0);
    CHECK(lseek(fd, 3, SEEK_SET) == 3);
    REPORT_LIBC("ftruncate 5", ftruncate(fd, 5));
    struct stat st;
    CHECK(fstat(fd, &st) == 0);
    printf("size: %lld offset: %lld\n", (long long)st.st_size, (long long)lseek(fd, 0, SEEK_CUR));
    REPORT_LIBC("ftruncate 8", ftruncate(fd, 8));
    CHECK(lseek(fd, 0, SEEK_SET) == 0);
    char buf[16];
    ssize_t n = read(fd, buf, sizeof buf);
    printf("read %zd:", n);
    for (ssize_t i = 0; i < n; i++)
        printf(" %02x", (unsigned char)buf[i]);
    printf("\n");
    close(fd);
    fd = open("fs.dir/sub/a.txt", O_RDONLY);
    CHECK(fd >= 0);
    errno = 0;
    int r = ftruncate(fd, 0);
    printf("ftruncate read-only fd: %s\n", r == 0 ? "OK" : (errno == EBADF || errno == EINVAL || errno == ENOTCAPABLE) ? "refused" : errno_name(errno));
    return 0;
}
