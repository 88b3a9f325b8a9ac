/*
 * path_trailing_slash: POSIX path resolution with a trailing slash: a
 * trailing "/" requires the object to be a directory. So "sub/" opens and
 * stats as a directory; "hello.txt/" gives ENOTDIR; path_create_directory
 * of "newdir/" creates newdir (mkdir("newdir/") works in POSIX; WasmEdge
 * #3231 failed it); path_remove_directory of "newdir/" removes it.
 *
 * Known divergences: wasmtime 49 lets path_filestat_get("hello.txt/")
 * succeed (POSIX stat gives ENOTDIR) and rejects path_remove_directory
 * ("newdir/") with EINVAL (POSIX rmdir("newdir/") removes it; EINVAL is for
 * a last component of "."). node passes.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    __wasi_filestat_t st;
    REPORT("open sub/ (directory)", open_dir(root, "sub/", &fd));
    REPORT("stat sub/", __wasi_path_filestat_get(root, 0, "sub/", &st));
    REPORT("open hello.txt/", open_at(root, "hello.txt/", 0, 0, &fd));
    REPORT("stat hello.txt/", __wasi_path_filestat_get(root, 0, "hello.txt/", &st));
    REPORT("mkdir newdir/", __wasi_path_create_directory(root, "newdir/"));
    CHECK_OK(__wasi_path_filestat_get(root, 0, "newdir", &st));
    printf("  newdir is: %s\n", filetype_name(st.filetype));
    REPORT("rmdir newdir/", __wasi_path_remove_directory(root, "newdir/"));
    REPORT("stat newdir", __wasi_path_filestat_get(root, 0, "newdir", &st));
    return 0;
}
