/*
 * path_rename_into_itself: renaming a directory to a path beneath itself
 * ("sub" -> "sub/nested/inner") gives EINVAL and moves nothing.
 * Spec: POSIX rename [EINVAL] "The new directory pathname contains a path
 * prefix that names the old directory."
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    REPORT("rename sub -> sub/nested/inner", __wasi_path_rename(root, "sub", root, "sub/nested/inner"));
    __wasi_filestat_t st;
    REPORT("stat sub/nested/c.txt", __wasi_path_filestat_get(root, 0, "sub/nested/c.txt", &st));
    return 0;
}
