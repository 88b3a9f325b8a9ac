/*
 * path_filestat_set_times_exact: times set with path_filestat_set_times and
 * fd_filestat_set_times are read back exactly, in nanoseconds since the
 * epoch, by path_filestat_get and fd_filestat_get. Whole seconds, so that a
 * host keeping times as floating-point seconds still round-trips them.
 * Spec: witx filestat atim/mtim "Last data access/modification timestamp"
 * (timestamp: "nanoseconds"); fstflags atim/mtim "Adjust the last data
 * access/modification timestamp to the value stored in filestat::atim/mtim".
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    const __wasi_timestamp_t atim = 1500000000ull * 1000000000ull;
    const __wasi_timestamp_t mtim = 1600000000ull * 1000000000ull;
    REPORT("path set atim, mtim",
           __wasi_path_filestat_set_times(root, 0, "hello.txt", atim, mtim,
                                          __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    __wasi_filestat_t st;
    CHECK_OK(__wasi_path_filestat_get(root, 0, "hello.txt", &st));
    printf("  atim: %llu\n  mtim: %llu\n", (unsigned long long)st.atim,
           (unsigned long long)st.mtim);
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    REPORT("fd set mtim", __wasi_fd_filestat_set_times(fd, 0, mtim + 7000000000ull,
                                                       __WASI_FSTFLAGS_MTIM));
    CHECK_OK(__wasi_fd_filestat_get(fd, &st));
    printf("  atim: %llu\n  mtim: %llu\n", (unsigned long long)st.atim,
           (unsigned long long)st.mtim);
    return 0;
}
