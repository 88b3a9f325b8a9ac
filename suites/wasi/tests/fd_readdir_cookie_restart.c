/*
 * fd_readdir_cookie_restart: after a directory has been read to its end,
 * fd_readdir with cookie 0 (dircookie START) lists it again from the start.
 * Also: a file created after the first listing shows up in a listing that
 * starts again from cookie 0.
 * Spec: witx dircookie "A reference to the offset of a directory entry. The
 * value 0 signifies the start of the directory." (POSIX rewinddir: the
 * stream then reflects the current state of the directory.) The readdir
 * helper drops "." and ".." and sorts (both unspecified).
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
    __wasi_fd_t root = preopen_fd("fs.dir"), dir, fd;
    CHECK_OK(open_dir(root, "sub", &dir));
    list("first", dir);
    list("cookie 0 again", dir);
    CHECK_OK(open_at(root, "sub/new.txt", __WASI_OFLAGS_CREAT, 0, &fd));
    list("after creating new.txt", dir);
    return 0;
}
