/*
 * path_rename_across_dirs: path_rename between two directory fds of the
 * same preopen (fs.dir and an fd for fs.dir/sub/nested) moves the file.
 * Spec: witx path_rename(fd, old_path, new_fd, new_path) "Rename a file or
 * directory. Note: This is similar to renameat in POSIX."
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), nested;
    CHECK_OK(open_dir(root, "sub/nested", &nested));
    REPORT("rename fs.dir/hello.txt -> nested/h.txt", __wasi_path_rename(root, "hello.txt", nested, "h.txt"));
    REPORT("rename nested/c.txt -> fs.dir/c.txt", __wasi_path_rename(nested, "c.txt", root, "c.txt"));
    return 0;
}
