/*
 * fd_filestat_set_times_basic: fd_filestat_set_times with ATIM|MTIM sets
 * both times to the given values, read back exactly through fd_filestat_get
 * and path_filestat_get (whole seconds, which every file system and node's
 * double-based utimes keep exactly). Setting only MTIM leaves atim alone.
 * Spec: witx fd_filestat_set_times "Adjust the timestamps of an open file
 * or directory. Note: This is similar to futimens in POSIX."; fstflags::atim
 * "Adjust the last data access timestamp to the value stored in
 * filestat::atim", fstflags::mtim likewise.
 */
#include "wasi_case.h"

#define T1 1600000000000000000ull
#define T2 1500000000000000000ull
#define T3 1700000000000000000ull

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    REPORT("set atim+mtim", __wasi_fd_filestat_set_times(fd, T1, T2, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    __wasi_filestat_t st;
    CHECK_OK(__wasi_fd_filestat_get(fd, &st));
    printf("atim == T1: %s, mtim == T2: %s\n", st.atim == T1 ? "yes" : "no", st.mtim == T2 ? "yes" : "no");
    REPORT("set mtim only", __wasi_fd_filestat_set_times(fd, 0, T3, __WASI_FSTFLAGS_MTIM));
    CHECK_OK(__wasi_path_filestat_get(root, 0, "hello.txt", &st));
    printf("atim == T1: %s, mtim == T3: %s\n", st.atim == T1 ? "yes" : "no", st.mtim == T3 ? "yes" : "no");
    printf("size: %llu\n", (unsigned long long)st.size);
    return 0;
}
