/*
 * path_open_enotdir: a regular file used as a directory gives ENOTDIR
 * (POSIX): as an intermediate path component ("hello.txt/x"), when opened
 * with oflags DIRECTORY, and as the parent in path_create_directory.
 * (A file fd as the base of path_open is in path_open_file_as_dirfd.)
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    REPORT("open hello.txt/x", open_at(root, "hello.txt/x", 0, 0, &fd));
    REPORT("open hello.txt with DIRECTORY", open_dir(root, "hello.txt", &fd));
    REPORT("mkdir hello.txt/d", __wasi_path_create_directory(root, "hello.txt/d"));
    return 0;
}
