/*
 * fd_readdir_many: a directory with 300 entries is listed completely, each
 * name exactly once, when read in many fd_readdir calls that follow the
 * d_next cookies (a 256-byte buffer), and also with one large buffer.
 * Hosts have lost or repeated entries past ~150-200 (wasmtime #2493,
 * wasmer #3033). The program creates the files itself.
 */
#include "wasi_case.h"

#define COUNT 300

static void check(const char *label, __wasi_fd_t fd, size_t bufsize) {
    size_t n = 0;
    struct wc_dirent *e = readdir_all(fd, bufsize, &n, NULL);
    /* sorted: f000..f299 must appear exactly once each, in that order */
    int exact = n == COUNT;
    for (size_t i = 0; exact && i < n; i++) {
        char want[16];
        snprintf(want, sizeof want, "f%03zu", i);
        if (strcmp(e[i].name, want) != 0 || e[i].type != __WASI_FILETYPE_REGULAR_FILE)
            exact = 0;
    }
    printf("%s: %zu entries, each f000..f299 exactly once: %s\n", label, n,
           exact ? "yes" : "no");
    free(e);
}

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), dir, f;
    CHECK_OK(__wasi_path_create_directory(root, "many"));
    for (int i = 0; i < COUNT; i++) {
        char path[32];
        snprintf(path, sizeof path, "many/f%03d", i);
        CHECK_OK(open_at(root, path, __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, 0, &f));
        CHECK_OK(__wasi_fd_close(f));
    }
    CHECK_OK(open_dir(root, "many", &dir));
    check("256-byte buffer", dir, 256);
    check("64 KiB buffer", dir, 65536);
    return 0;
}
