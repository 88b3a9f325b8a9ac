/*
 * path_symlink_trailing_slash: path_symlink("hello.txt", "link/") must fail
 * and create nothing: a symlink is not a directory, so a trailing slash on
 * the new name cannot name it. Linux gives ENOENT, other systems ENOTDIR
 * (POSIX path resolution; spec ambiguity between the two), both printed as
 * "refused". A symlink whose *target* ends in a slash ("sub/") is fine.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    __wasi_errno_t e = __wasi_path_symlink("hello.txt", root, "link/");
    printf("symlink hello.txt -> link/: %s\n", e == __WASI_ERRNO_NOENT || e == __WASI_ERRNO_NOTDIR ? "refused" : errno_name(e));
    __wasi_filestat_t st;
    REPORT("stat link (nofollow)", __wasi_path_filestat_get(root, 0, "link", &st));
    REPORT("symlink sub/ -> dirlink", __wasi_path_symlink("sub/", root, "dirlink"));
    char buf[32];
    __wasi_size_t n = 0;
    REPORT("readlink dirlink", __wasi_path_readlink(root, "dirlink", (uint8_t *)buf, sizeof buf, &n));
    printf("  target: %.*s\n", (int)n, buf);
    return 0;
}
