/*
 * path_rename_file: path_rename (like renameat) moves a file: the old name
 * gives ENOENT, the new name has the old content. Renaming into a
 * subdirectory works. Renaming onto an existing file replaces it atomically
 * (POSIX rename), leaving one file with the source's content.
 */
#include "wasi_case.h"

static void cat(__wasi_fd_t root, const char *path) {
    __wasi_fd_t fd;
    __wasi_errno_t e = open_at(root, path, 0, 0, &fd);
    if (e) {
        printf("  %s: %s\n", path, errno_name(e));
        return;
    }
    char buf[64];
    size_t n = read_all(fd, buf, sizeof buf);
    CHECK_OK(__wasi_fd_close(fd));
    printf("  %s: [%.*s]\n", path, (int)n, buf);
}

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    REPORT("rename hello.txt -> renamed.txt", __wasi_path_rename(root, "hello.txt", root, "renamed.txt"));
    cat(root, "hello.txt");
    cat(root, "renamed.txt");
    REPORT("rename renamed.txt -> sub/moved.txt", __wasi_path_rename(root, "renamed.txt", root, "sub/moved.txt"));
    cat(root, "renamed.txt");
    cat(root, "sub/moved.txt");
    REPORT("rename sub/a.txt -> sub/b.txt (replace)", __wasi_path_rename(root, "sub/a.txt", root, "sub/b.txt"));
    cat(root, "sub/a.txt");
    cat(root, "sub/b.txt");
    return 0;
}
