/*
 * path_filestat_trailing_slash: path_filestat_get("sub/") and
 * ("sub/nested/") succeed and say directory; ("sub/a.txt/") gives ENOTDIR;
 * ("missing/") gives ENOENT. Spec: POSIX path resolution with trailing
 * slashes; stat [ENOTDIR]. Known divergence: wasmtime and wasmi let
 * "hello.txt/" resolve (see path_trailing_slash).
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    __wasi_filestat_t st;
    REPORT("stat sub/nested/", __wasi_path_filestat_get(root, 0, "sub/nested/", &st));
    printf("  %s\n", filetype_name(st.filetype));
    REPORT("stat sub/a.txt/", __wasi_path_filestat_get(root, 0, "sub/a.txt/", &st));
    REPORT("stat missing/", __wasi_path_filestat_get(root, 0, "missing/", &st));
    return 0;
}
