/*
 * path_link_trailing_slash: path_link("hello.txt/", "x") gives ENOTDIR (a
 * file named with a trailing slash), path_link("hello.txt", "y/") is refused
 * (ENOENT on Linux, ENOTDIR elsewhere: "refused"), and neither creates a
 * link. Spec: POSIX path resolution with trailing slashes; link [ENOTDIR].
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    REPORT("link hello.txt/ -> x", __wasi_path_link(root, 0, "hello.txt/", root, "x"));
    __wasi_errno_t e = __wasi_path_link(root, 0, "hello.txt", root, "y/");
    printf("link hello.txt -> y/: %s\n", e == __WASI_ERRNO_NOENT || e == __WASI_ERRNO_NOTDIR ? "refused" : errno_name(e));
    __wasi_filestat_t st;
    CHECK_OK(__wasi_path_filestat_get(root, 0, "hello.txt", &st));
    printf("nlink of hello.txt: %llu\n", (unsigned long long)st.nlink);
    return 0;
}
