/*
 * path_rename_overwrite: renaming a file onto an existing file replaces it
 * atomically; renaming an empty directory onto an empty directory replaces
 * it. Spec: POSIX rename "If the link named by the new argument exists, it
 * shall be removed and old renamed to new"; for directories "if new names an
 * existing directory, it shall be required to be an empty directory".
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    REPORT("rename hello.txt -> sub/a.txt", __wasi_path_rename(root, "hello.txt", root, "sub/a.txt"));
    __wasi_filestat_t st;
    CHECK_OK(__wasi_path_filestat_get(root, 0, "sub/a.txt", &st));
    printf("  sub/a.txt size: %llu\n", (unsigned long long)st.size);
    CHECK_OK(__wasi_path_create_directory(root, "e1"));
    CHECK_OK(__wasi_path_create_directory(root, "e2"));
    REPORT("rename e1 -> e2 (both empty)", __wasi_path_rename(root, "e1", root, "e2"));
    REPORT("stat e1", __wasi_path_filestat_get(root, 0, "e1", &st));
    return 0;
}
