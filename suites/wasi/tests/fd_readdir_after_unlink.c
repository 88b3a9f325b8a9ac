/*
 * fd_readdir_after_unlink: entries removed (unlink, rmdir) or renamed after
 * a directory fd was opened are gone from a listing that restarts at cookie
 * 0, and the new name is there. Spec: witx dircookie 0 "signifies the start
 * of the directory"; POSIX rewinddir: "It shall also cause the directory
 * stream to refer to the current state of the corresponding directory".
 * Hosts that cache the first listing (wasmtime #8821 / wasmer #4900 area)
 * show stale entries.
 */
#include "wasi_case.h"

static void list(const char *label, __wasi_fd_t dir) {
    size_t n;
    struct wc_dirent *e = readdir_all(dir, 4096, &n, NULL);
    printf("%s:", label);
    for (size_t i = 0; i < n; i++)
        printf(" %s", e[i].name);
    printf("\n");
    free(e);
}

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), dir;
    CHECK_OK(open_dir(root, "sub", &dir));
    list("before", dir);
    CHECK_OK(__wasi_path_unlink_file(root, "sub/a.txt"));
    CHECK_OK(__wasi_path_unlink_file(root, "sub/nested/c.txt"));
    CHECK_OK(__wasi_path_remove_directory(root, "sub/nested"));
    CHECK_OK(__wasi_path_rename(root, "sub/b.txt", root, "sub/z.txt"));
    list("after", dir);
    return 0;
}
