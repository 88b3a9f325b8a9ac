/*
 * fd_append_libc (zig cc): O_APPEND and fopen("a"). POSIX write: "If the
 * O_APPEND flag of the file status flags is set, the file offset shall be
 * set to the end of the file prior to each write", so an lseek to 0 before
 * the write does not matter; witx fdflags.append: "Data written to the
 * file is always appended to the file's end". fopen "a+" reads from the
 * start but still writes at the end (POSIX fopen).
 */
#include <fcntl.h>
#include <unistd.h>
#include "wasi_case.h"

int main(void) {
    int fd = open("fs.dir/hello.txt", O_WRONLY | O_APPEND);
    CHECK(fd >= 0);
    CHECK(write(fd, "one\n", 4) == 4);
    CHECK(lseek(fd, 0, SEEK_SET) == 0);
    CHECK(write(fd, "two\n", 4) == 4);
    printf("offset after append: %lld\n", (long long)lseek(fd, 0, SEEK_CUR));
    printf("fcntl O_APPEND set: %s\n", (fcntl(fd, F_GETFL) & O_APPEND) ? "yes" : "no");
    close(fd);
    FILE *f = fopen("fs.dir/sub/a.txt", "a");
    CHECK(f);
    fputs("three\n", f);
    fclose(f);
    f = fopen("fs.dir/sub/b.txt", "a+");
    CHECK(f);
    char buf[16] = {0};
    CHECK(fgets(buf, sizeof buf, f));
    printf("a+ reads from start: %s", buf);
    fseek(f, 0, SEEK_SET);
    fputs("four\n", f);
    fclose(f);
    return 0;
}
