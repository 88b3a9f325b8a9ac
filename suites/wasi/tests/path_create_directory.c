/*
 * path_create_directory: creates a directory (like mkdirat) that then stats
 * as a directory and can hold entries; creating it again fails with EEXIST,
 * as does creating a directory over an existing file; a missing parent
 * gives ENOENT (only the last component is created).
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    __wasi_filestat_t st;
    REPORT("mkdir newdir", __wasi_path_create_directory(root, "newdir"));
    CHECK_OK(__wasi_path_filestat_get(root, 0, "newdir", &st));
    printf("  newdir is: %s\n", filetype_name(st.filetype));
    REPORT("mkdir newdir/inner", __wasi_path_create_directory(root, "newdir/inner"));
    REPORT("mkdir newdir again", __wasi_path_create_directory(root, "newdir"));
    REPORT("mkdir hello.txt", __wasi_path_create_directory(root, "hello.txt"));
    REPORT("mkdir sub (exists)", __wasi_path_create_directory(root, "sub"));
    REPORT("mkdir nope/child", __wasi_path_create_directory(root, "nope/child"));
    REPORT("stat nope", __wasi_path_filestat_get(root, 0, "nope", &st));
    return 0;
}
