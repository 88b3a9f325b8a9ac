/*
 * fd_filestat_fstat (zig cc): fstat() on open descriptors. The size of a
 * file grows as it is written through the same fd (POSIX write: "the file
 * offset shall be incremented ... If the file offset is beyond the end,
 * the file size is updated"); a directory opened with O_DIRECTORY is
 * S_ISDIR; two fds of one file report the same st_dev/st_ino, and a
 * different file a different st_ino (compared, never printed); nlink of a
 * plain file is 1. fstat of a closed fd is EBADF (POSIX fstat).
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "wasi_case.h"

int main(void) {
    struct stat st, st2;
    int fd = open("fs.dir/grow.txt", O_CREAT | O_RDWR | O_TRUNC, 0644);
    CHECK(fd >= 0);
    CHECK(fstat(fd, &st) == 0);
    printf("new file: regular=%d size=%lld nlink=%llu\n", S_ISREG(st.st_mode), (long long)st.st_size, (unsigned long long)st.st_nlink);
    CHECK(write(fd, "0123456789", 10) == 10);
    CHECK(fstat(fd, &st) == 0);
    printf("after 10 bytes: size=%lld\n", (long long)st.st_size);
    CHECK(lseek(fd, 100, SEEK_SET) == 100);
    CHECK(write(fd, "x", 1) == 1);
    CHECK(fstat(fd, &st) == 0);
    printf("after write at 100: size=%lld\n", (long long)st.st_size);
    int fd2 = open("fs.dir/grow.txt", O_RDONLY);
    CHECK(fd2 >= 0);
    CHECK(fstat(fd2, &st2) == 0);
    printf("same file, same dev/ino: %s\n", st.st_dev == st2.st_dev && st.st_ino == st2.st_ino ? "yes" : "no");
    int fd3 = open("fs.dir/hello.txt", O_RDONLY);
    CHECK(fd3 >= 0 && fstat(fd3, &st2) == 0);
    printf("other file, other ino: %s\n", st.st_ino != st2.st_ino ? "yes" : "no");
    int dfd = open("fs.dir/sub", O_RDONLY | O_DIRECTORY);
    CHECK(dfd >= 0);
    CHECK(fstat(dfd, &st) == 0);
    printf("dir fd: dir=%d\n", S_ISDIR(st.st_mode));
    close(fd2);
    REPORT_LIBC("fstat closed fd", fstat(fd2, &st));
    return 0;
}
