/*
 * fd_readdir_empty: a directory the program has just created (git cannot
 * store empty ones) lists no entries apart from the optional "." and "..".
 * With an ample buffer, the bytes returned are fewer than the buffer size,
 * which the witx doc defines as "the end of the directory has been reached".
 * Also checks that readdir on a fresh directory holds what was created in it.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    REPORT("mkdir empty", __wasi_path_create_directory(root, "empty"));
    CHECK_OK(open_dir(root, "empty", &fd));
    size_t n = 0;
    int dots = 0;
    struct wc_dirent *e = readdir_all(fd, 4096, &n, &dots);
    printf("entries besides . and ..: %zu\n", n);
    printf("dot entries: 0 or 2: %s\n", (dots == 0 || dots == 2) ? "yes" : "no");
    free(e);
    uint8_t buf[4096];
    __wasi_size_t used = 0;
    CHECK_OK(__wasi_fd_readdir(fd, buf, sizeof buf, __WASI_DIRCOOKIE_START, &used));
    printf("bufused < buf_len: %s\n", used < sizeof buf ? "yes" : "no");
    __wasi_fd_t f;
    CHECK_OK(open_at(root, "empty/only.txt", __WASI_OFLAGS_CREAT, 0, &f));
    CHECK_OK(__wasi_fd_close(f));
    CHECK_OK(__wasi_fd_close(fd));
    CHECK_OK(open_dir(root, "empty", &fd));
    e = readdir_all(fd, 4096, &n, NULL);
    printf("after creating only.txt: %zu entries\n", n);
    for (size_t i = 0; i < n; i++)
        printf("  %s %s\n", filetype_name(e[i].type), e[i].name);
    return 0;
}
