/*
 * fd_readdir_list: fd_readdir on a directory opened with path_open lists its
 * entries with the right names and d_type (regular_file, directory). The
 * program sorts the names and drops "." and ".." before printing, because
 * the spec fixes neither the order nor whether those two appear (wasmtime
 * lists them first, wasmer sorts, node omits them). Also lists the preopen
 * fd itself, and a subdirectory read with a tiny 24-byte buffer, which
 * forces truncated entries and cookie-based continuation.
 */
#include "wasi_case.h"

static void list(const char *label, __wasi_fd_t fd, size_t bufsize) {
    size_t n = 0;
    struct wc_dirent *e = readdir_all(fd, bufsize, &n, NULL);
    printf("%s: %zu entries\n", label, n);
    for (size_t i = 0; i < n; i++)
        printf("  %s %s\n", filetype_name(e[i].type), e[i].name);
    free(e);
}

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    list("fs.dir (preopen)", root, 4096);
    REPORT("open sub with DIRECTORY", open_dir(root, "sub", &fd));
    list("sub", fd, 4096);
    list("sub, 24-byte buffer", fd, 24);
    __wasi_fd_t nested;
    CHECK_OK(open_dir(root, "sub/nested", &nested));
    list("sub/nested", nested, 4096);
    return 0;
}
