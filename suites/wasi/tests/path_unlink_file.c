/*
 * path_unlink_file: unlinks a file (like unlinkat(fd, path, 0)); afterwards
 * the path gives ENOENT to stat, open and a second unlink; the parent
 * directory no longer lists it; other files are untouched.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    __wasi_filestat_t st;
    REPORT("unlink sub/a.txt", __wasi_path_unlink_file(root, "sub/a.txt"));
    REPORT("stat sub/a.txt", __wasi_path_filestat_get(root, 0, "sub/a.txt", &st));
    REPORT("open sub/a.txt", open_at(root, "sub/a.txt", 0, 0, &fd));
    REPORT("unlink sub/a.txt again", __wasi_path_unlink_file(root, "sub/a.txt"));
    REPORT("unlink missing.txt", __wasi_path_unlink_file(root, "missing.txt"));
    REPORT("stat sub/b.txt", __wasi_path_filestat_get(root, 0, "sub/b.txt", &st));
    CHECK_OK(open_dir(root, "sub", &fd));
    size_t n;
    struct wc_dirent *e = readdir_all(fd, 4096, &n, NULL);
    printf("sub now lists:");
    for (size_t i = 0; i < n; i++)
        printf(" %s", e[i].name);
    printf("\n");
    return 0;
}
