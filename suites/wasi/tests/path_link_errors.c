/*
 * path_link_errors: path_link onto an existing name gives EEXIST; from a
 * missing source ENOENT; into a missing directory ENOENT; nothing is
 * created or replaced. Spec: POSIX link [EEXIST] "The path2 argument
 * resolves to an existing directory entry", [ENOENT] "A component of either
 * path prefix does not exist; the file named by path1 does not exist".
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    REPORT("link hello.txt -> sub/a.txt", __wasi_path_link(root, 0, "hello.txt", root, "sub/a.txt"));
    REPORT("link hello.txt -> sub", __wasi_path_link(root, 0, "hello.txt", root, "sub"));
    REPORT("link missing -> m", __wasi_path_link(root, 0, "missing", root, "m"));
    REPORT("link hello.txt -> nodir/x", __wasi_path_link(root, 0, "hello.txt", root, "nodir/x"));
    __wasi_filestat_t st;
    CHECK_OK(__wasi_path_filestat_get(root, 0, "sub/a.txt", &st));
    printf("sub/a.txt size: %llu\n", (unsigned long long)st.size);
    return 0;
}
