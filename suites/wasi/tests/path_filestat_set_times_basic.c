/*
 * path_filestat_set_times_basic: path_filestat_set_times sets atim and mtim
 * of a file and of a directory by path; fd and path stat read them back
 * exactly (whole seconds). MTIM_NOW sets mtim to "now": after it, mtim is
 * later than the value set before (a property, not a time).
 * Spec: witx path_filestat_set_times "Adjust the timestamps of a file or
 * directory. Note: This is similar to utimensat in POSIX."
 */
#include "wasi_case.h"

#define T1 1600000000000000000ull
#define T2 1500000000000000000ull

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    __wasi_filestat_t st;
    REPORT("set sub/a.txt", __wasi_path_filestat_set_times(root, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "sub/a.txt", T1, T2, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    CHECK_OK(__wasi_path_filestat_get(root, 0, "sub/a.txt", &st));
    printf("  atim == T1: %s, mtim == T2: %s\n", st.atim == T1 ? "yes" : "no", st.mtim == T2 ? "yes" : "no");
    REPORT("set dir sub/nested", __wasi_path_filestat_set_times(root, 0, "sub/nested", T2, T1, __WASI_FSTFLAGS_ATIM | __WASI_FSTFLAGS_MTIM));
    CHECK_OK(__wasi_path_filestat_get(root, 0, "sub/nested", &st));
    printf("  atim == T2: %s, mtim == T1: %s\n", st.atim == T2 ? "yes" : "no", st.mtim == T1 ? "yes" : "no");
    REPORT("MTIM_NOW on sub/a.txt", __wasi_path_filestat_set_times(root, 0, "sub/a.txt", 0, 0, __WASI_FSTFLAGS_MTIM_NOW));
    CHECK_OK(__wasi_path_filestat_get(root, 0, "sub/a.txt", &st));
    printf("  mtim later than T1: %s, atim still T1: %s\n", st.mtim > T1 ? "yes" : "no", st.atim == T1 ? "yes" : "no");
    return 0;
}
