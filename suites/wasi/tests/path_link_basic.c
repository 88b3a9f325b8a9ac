/*
 * path_link_basic: path_link makes a second name for hello.txt: both names
 * have nlink 2 and the same inode, a write through one is read through the
 * other, and unlinking the first leaves the second with the data.
 * Spec: witx path_link "Create a hard link. Note: This is similar to linkat
 * in POSIX."; POSIX link "atomically creates a new link for the existing
 * file and the link count of the file shall be incremented by one".
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    REPORT("link hello.txt -> hard.txt", __wasi_path_link(root, 0, "hello.txt", root, "hard.txt"));
    __wasi_filestat_t a, b;
    CHECK_OK(__wasi_path_filestat_get(root, 0, "hello.txt", &a));
    CHECK_OK(__wasi_path_filestat_get(root, 0, "hard.txt", &b));
    printf("nlink: %llu and %llu, same inode: %s\n", (unsigned long long)a.nlink, (unsigned long long)b.nlink,
           a.ino == b.ino && a.dev == b.dev ? "yes" : "no");
    CHECK_OK(open_at(root, "hard.txt", 0, __WASI_FDFLAGS_APPEND, &fd));
    write_all(fd, "more\n", 5);
    CHECK_OK(__wasi_fd_close(fd));
    CHECK_OK(__wasi_path_filestat_get(root, 0, "hello.txt", &a));
    printf("size through the first name: %llu\n", (unsigned long long)a.size);
    REPORT("unlink hello.txt", __wasi_path_unlink_file(root, "hello.txt"));
    CHECK_OK(__wasi_path_filestat_get(root, 0, "hard.txt", &b));
    printf("hard.txt nlink now: %llu, size %llu\n", (unsigned long long)b.nlink, (unsigned long long)b.size);
    return 0;
}
