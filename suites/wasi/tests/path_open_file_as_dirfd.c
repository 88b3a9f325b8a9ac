/*
 * path_open_file_as_dirfd: path operations whose base fd is a regular file,
 * not a directory. POSIX openat/mkdirat/unlinkat with a non-directory fd
 * fail with ENOTDIR, and the WASI calls are documented as their analogues,
 * so ENOTDIR is expected. The base fd is opened with every right the
 * preopen can hand down.
 *
 * Known divergence (spec ambiguity): node (uvwasi) answers ENOTCAPABLE, since
 * a regular-file fd never holds the path_* rights in its rights model; the
 * witx rights model allows that reading, POSIX says ENOTDIR. wasmtime 49
 * gives ENOTDIR for path_open but EBADF for path_create_directory and
 * path_unlink_file (inconsistent with itself; EBADF is for an fd that is
 * not open).
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd, file;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &file));
    REPORT("path_open(file, \"x\")", open_at(file, "x", 0, 0, &fd));
    REPORT("path_create_directory(file, \"d\")", __wasi_path_create_directory(file, "d"));
    REPORT("path_unlink_file(file, \"x\")", __wasi_path_unlink_file(file, "x"));
    return 0;
}
