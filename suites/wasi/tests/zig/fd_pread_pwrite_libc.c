/*
 * fd_pread_pwrite_libc (zig cc): pread()/pwrite() read and write at an
 * offset without moving the file offset (POSIX pread: "the file offset
 * shall not be changed"). pwrite past the end extends the file, the gap
 * reading as zeros. pread at or past the end returns 0 (EOF).
 */
#include <fcntl.h>
#include <unistd.h>
#include "wasi_case.h"

int main(void) {
    int fd = open("fs.dir/hello.txt", O_RDWR);
    CHECK(fd >= 0);
    CHECK(lseek(fd, 2, SEEK_SET) == 2);
    char buf[32];
    ssize_t n = pread(fd, buf, 5, 7);
    printf("pread 5 at 7: %zd [%.*s]\n", n, (int)(n > 0 ? n : 0), buf);
    printf("offset still 2: %s\n", lseek(fd, 0, SEEK_CUR) == 2 ? "yes" : "no");
    n = pwrite(fd, "HELLO", 5, 0);
    printf("pwrite 5 at 0: %zd\n", n);
    printf("offset still 2: %s\n", lseek(fd, 0, SEEK_CUR) == 2 ? "yes" : "no");
    n = pwrite(fd, "end", 3, 16);
    printf("pwrite 3 at 16: %zd\n", n);
    n = pread(fd, buf, sizeof buf, 0);
    printf("pread all: %zd:", n);
    for (ssize_t i = 0; i < n; i++)
        printf(buf[i] >= 32 && buf[i] < 127 ? "%c" : "\\x%02x", (unsigned char)buf[i]);
    printf("\n");
    n = pread(fd, buf, 4, 19);
    printf("pread at end: %zd\n", n);
    n = pread(fd, buf, 4, 1000);
    printf("pread past end: %zd\n", n);
    n = read(fd, buf, 3);
    printf("read from offset 2: [%.*s]\n", (int)(n > 0 ? n : 0), buf);
    return 0;
}
