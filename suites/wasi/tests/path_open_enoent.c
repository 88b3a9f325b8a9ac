/*
 * path_open_enoent: opening a path that does not exist, without CREAT, fails
 * with ENOENT (POSIX open); so does a missing intermediate directory, even
 * with CREAT (open(O_CREAT) only creates the last component).
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    REPORT("open missing.txt", open_at(root, "missing.txt", 0, 0, &fd));
    REPORT("open sub/missing.txt", open_at(root, "sub/missing.txt", 0, 0, &fd));
    REPORT("open nodir/x.txt", open_at(root, "nodir/x.txt", 0, 0, &fd));
    REPORT("open nodir/x.txt with CREAT", open_at(root, "nodir/x.txt", __WASI_OFLAGS_CREAT, 0, &fd));
    REPORT("open missing/ with DIRECTORY", open_dir(root, "missing", &fd));
    __wasi_filestat_t st;
    REPORT("path_filestat_get missing.txt", __wasi_path_filestat_get(root, 0, "missing.txt", &st));
    return 0;
}
