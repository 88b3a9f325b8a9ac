/*
 * fd_readdir_400_long_names: a directory with 400 entries whose names are
 * long (100 bytes), read with a 128-byte buffer (one entry at most per
 * call, often truncated), is listed completely, each name exactly once.
 * Spec: witx fd_readdir (cookies, the last entry may be truncated). Hosts
 * lost or repeated entries in large directories (wasmtime #2493, wasmer
 * #3033). The program creates the files itself. (With 1000 entries
 * wasmtime needed 5-9 s: each call with a cookie re-reads the directory
 * from its start, so listing is quadratic; 400 keeps the case fast.)
 */
#include "wasi_case.h"

#define COUNT 400

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), dir, fd;
    CHECK_OK(__wasi_path_create_directory(root, "big"));
    CHECK_OK(open_dir(root, "big", &dir));
    char name[128];
    for (int i = 0; i < COUNT; i++) {
        snprintf(name, sizeof name, "%04d", i);
        memset(name + 4, 'x', 96);
        name[100] = 0;
        CHECK_OK(__wasi_path_open(dir, 0, name, __WASI_OFLAGS_CREAT, __WASI_RIGHTS_FD_READ, 0, 0, &fd));
        CHECK_OK(__wasi_fd_close(fd));
    }
    size_t n;
    struct wc_dirent *e = readdir_all(dir, 128, &n, NULL);
    printf("entries: %zu\n", n);
    int ok = n == COUNT;
    for (size_t i = 0; ok && i < n; i++) {
        snprintf(name, sizeof name, "%04zu", i);
        ok = strncmp(e[i].name, name, 4) == 0 && strlen(e[i].name) == 100;
    }
    printf("each name once: %s\n", ok ? "yes" : "no");
    return 0;
}
