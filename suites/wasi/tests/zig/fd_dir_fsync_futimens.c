/*
 * fd_dir_fsync_futimens (zig cc): a directory opened with
 * open(O_RDONLY|O_DIRECTORY) is a full descriptor: fsync() on it (what
 * programs do after a rename to make it durable) and futimens() on it
 * (what `touch dir` and archive extractors do) work on it, as on the
 * preopen itself. POSIX futimens names no error for an open directory, and
 * the times set are read back by fstat; POSIX fsync's errors for a valid
 * descriptor are EINVAL ("The fildes argument does not refer to a file on
 * which this operation is possible") and EIO, so fsync of a directory may
 * succeed or give EINVAL (stdout alternatives), never EBADF.
 *
 * Known divergence: wasmtime 49 gives EBADF for fsync of a directory (its
 * directories are O_PATH descriptors; wasi-libc reports EBADF). The
 * reference did the same for fsync and futimens until it reopened the
 * directory for them; WasmEdge, WAMR and wazero do both.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "wasi_case.h"

int main(void) {
    int d = open("fs.dir/sub", O_RDONLY | O_DIRECTORY);
    CHECK(d >= 0);
    CHECK(rename("fs.dir/sub/a.txt", "fs.dir/sub/renamed.txt") == 0);
    REPORT_LIBC("fsync sub", fsync(d));
    struct timespec ts[2] = {{1000000000, 0}, {1200000000, 0}};
    REPORT_LIBC("futimens sub", futimens(d, ts));
    struct stat st;
    CHECK(fstat(d, &st) == 0);
    printf("sub atime is 1000000000: %s, mtime is 1200000000: %s\n",
           st.st_atim.tv_sec == 1000000000 ? "yes" : "no", st.st_mtim.tv_sec == 1200000000 ? "yes" : "no");
    REPORT_LIBC("utimensat fs.dir/sub/nested", utimensat(AT_FDCWD, "fs.dir/sub/nested", ts, 0));
    CHECK(stat("fs.dir/sub/nested", &st) == 0);
    printf("nested mtime is 1200000000: %s\n", st.st_mtim.tv_sec == 1200000000 ? "yes" : "no");
    return 0;
}
