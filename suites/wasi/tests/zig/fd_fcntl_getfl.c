/*
 * fd_fcntl_getfl (zig cc): fcntl(F_GETFL) reports the access mode and
 * O_APPEND that open() was given (POSIX fcntl F_GETFL: "Get the file status
 * flags and file access modes"). wasi-libc derives the access mode from
 * the fd's rights in fd_fdstat_get (fd_read -> readable, fd_write ->
 * writable) and O_APPEND from fs_flags, so the host's fd_fdstat_get must
 * report the rights an fd was opened with (known issue: wasmtime #7329).
 * F_SETFL with O_APPEND|O_NONBLOCK changes the flags seen afterwards
 * (fd_fdstat_set_flags).
 *
 * Known divergence: wazero 1.9.0 reports O_RDWR for every fd (its
 * fd_fdstat_get hands out every right whatever the fd was opened with).
 */
#include <fcntl.h>
#include <unistd.h>
#include "wasi_case.h"

static const char *mode(int fl) {
    switch (fl & O_ACCMODE) {
    case O_RDONLY: return "O_RDONLY";
    case O_WRONLY: return "O_WRONLY";
    case O_RDWR: return "O_RDWR";
    default: return "other";
    }
}

int main(void) {
    int flags[] = {O_RDONLY, O_WRONLY, O_RDWR, O_WRONLY | O_APPEND};
    const char *names[] = {"O_RDONLY", "O_WRONLY", "O_RDWR", "O_WRONLY|O_APPEND"};
    for (int i = 0; i < 4; i++) {
        int fd = open("fs.dir/hello.txt", flags[i]);
        CHECK(fd >= 0);
        int fl = fcntl(fd, F_GETFL);
        printf("open %s -> F_GETFL %s%s\n", names[i], mode(fl), fl & O_APPEND ? "|O_APPEND" : "");
        close(fd);
    }
    int fd = open("fs.dir/hello.txt", O_RDWR);
    CHECK(fd >= 0);
    REPORT_LIBC("F_SETFL O_APPEND", fcntl(fd, F_SETFL, O_APPEND));
    int fl = fcntl(fd, F_GETFL);
    printf("after F_SETFL: %s%s\n", mode(fl), fl & O_APPEND ? "|O_APPEND" : "");
    return 0;
}
