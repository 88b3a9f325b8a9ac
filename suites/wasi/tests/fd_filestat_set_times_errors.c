/*
 * fd_filestat_set_times_errors: asking for both ATIM and ATIM_NOW (or MTIM
 * and MTIM_NOW) is contradictory and gives EINVAL; an fd that is not open
 * gives EBADF. Spec: witx fstflags documents atim ("to the value stored")
 * and atim_now ("to the time of clock realtime") as alternatives; wasi-libc
 * never sets both; wasi-common and uvwasi return EINVAL. POSIX futimens has
 * the same rule through UTIME_NOW/UTIME_OMIT in one field.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    REPORT("ATIM|ATIM_NOW", __wasi_fd_filestat_set_times(fd, 1, 0, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_ATIM_NOW));
    REPORT("MTIM|MTIM_NOW", __wasi_fd_filestat_set_times(fd, 0, 1, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW));
    REPORT("fd 1234", __wasi_fd_filestat_set_times(1234, 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    return 0;
}
