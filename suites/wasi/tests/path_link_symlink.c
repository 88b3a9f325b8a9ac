/*
 * path_link_symlink: path_link of a symlink without SYMLINK_FOLLOW links
 * the symlink itself (the new name is a symlink with the same target); with
 * SYMLINK_FOLLOW it links the file the symlink points to (a regular file,
 * nlink of hello.txt grows). Spec: witx path_link old_flags "Flags
 * determining the method of how the path is resolved"; POSIX linkat with
 * and without AT_SYMLINK_FOLLOW. Known divergence: node fails symlink
 * lookups; wasmtime and wasmi refuse SYMLINK_FOLLOW in path_link (EINVAL).
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    CHECK_OK(__wasi_path_symlink("hello.txt", root, "sym"));
    REPORT("link sym -> sym2 (nofollow)", __wasi_path_link(root, 0, "sym", root, "sym2"));
    __wasi_filestat_t st = {0};
    CHECK_OK(__wasi_path_filestat_get(root, 0, "sym2", &st));
    printf("  sym2 is: %s\n", filetype_name(st.filetype));
    REPORT("link sym -> file2 (follow)", __wasi_path_link(root, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "sym", root, "file2"));
    REPORT("stat file2", __wasi_path_filestat_get(root, 0, "file2", &st));
    printf("  file2 is: %s, nlink %llu\n", filetype_name(st.filetype), (unsigned long long)st.nlink);
    return 0;
}
