/*
 * path_filestat_set_times_errors: a missing path gives ENOENT, a file used
 * as a directory gives ENOTDIR, contradictory flags (MTIM|MTIM_NOW) give
 * EINVAL. Spec: POSIX utimensat [ENOENT], [ENOTDIR]; witx fstflags (set
 * from a value or from now, not both; wasi-common and uvwasi give EINVAL).
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    REPORT("missing.txt", __wasi_path_filestat_set_times(root, 0, "missing.txt", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    REPORT("hello.txt/x", __wasi_path_filestat_set_times(root, 0, "hello.txt/x", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    REPORT("MTIM|MTIM_NOW", __wasi_path_filestat_set_times(root, 0, "hello.txt", 0, 1, __WASI_FSTFLAGS_MTIM | __WASI_FSTFLAGS_MTIM_NOW));
    return 0;
}
