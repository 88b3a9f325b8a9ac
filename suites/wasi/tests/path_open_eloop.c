/*
 * path_open_eloop: two symlinks pointing at each other (loop_a -> loop_b,
 * loop_b -> loop_a); opening or stat-ing loop_a with SYMLINK_FOLLOW gives
 * ELOOP, and without following, stat says symbolic_link.
 * Spec: POSIX [ELOOP] "A loop exists in symbolic links encountered during
 * resolution of the path argument"; witx errno::loop "Too many levels of
 * symbolic links". Known divergence: node fails every symlink lookup
 * (ENOENT).
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(__wasi_path_symlink("loop_b", root, "loop_a"));
    CHECK_OK(__wasi_path_symlink("loop_a", root, "loop_b"));
    REPORT("open loop_a", open_at(root, "loop_a", 0, 0, &fd));
    __wasi_filestat_t st;
    REPORT("stat loop_a (follow)", __wasi_path_filestat_get(root, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "loop_a", &st));
    REPORT("stat loop_a (nofollow)", __wasi_path_filestat_get(root, 0, "loop_a", &st));
    printf("  %s\n", filetype_name(st.filetype));
    REPORT("open loop_a/x", open_at(root, "loop_a/x", 0, 0, &fd));
    return 0;
}
