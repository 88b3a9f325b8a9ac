/*
 * path_rename_dir: path_rename moves a whole directory with its contents;
 * the old path gives ENOENT. Renaming a directory onto an existing empty
 * directory replaces it (POSIX rename allows this when the target is empty).
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    __wasi_filestat_t st;
    REPORT("rename sub -> sub2", __wasi_path_rename(root, "sub", root, "sub2"));
    REPORT("stat sub", __wasi_path_filestat_get(root, 0, "sub", &st));
    REPORT("stat sub2/nested/c.txt", __wasi_path_filestat_get(root, 0, "sub2/nested/c.txt", &st));
    printf("  size: %llu\n", (unsigned long long)st.size);
    CHECK_OK(__wasi_path_create_directory(root, "target"));
    REPORT("rename sub2/nested -> target (empty dir)", __wasi_path_rename(root, "sub2/nested", root, "target"));
    REPORT("stat target/c.txt", __wasi_path_filestat_get(root, 0, "target/c.txt", &st));
    REPORT("stat sub2/nested", __wasi_path_filestat_get(root, 0, "sub2/nested", &st));
    return 0;
}
