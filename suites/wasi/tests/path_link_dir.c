/*
 * path_link_dir: a hard link to a directory is refused: POSIX link [EPERM]
 * "The file named by path1 is a directory and either the calling process
 * does not have appropriate privileges or the implementation prohibits
 * using link() on directories" (Linux: EPERM); ENOTSUP and EACCES are seen
 * on other hosts. All are printed as "refused"; no entry may appear.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    __wasi_errno_t e = __wasi_path_link(root, 0, "sub", root, "sub2");
    printf("link sub -> sub2: %s\n",
           e == __WASI_ERRNO_PERM || e == __WASI_ERRNO_NOTSUP || e == __WASI_ERRNO_ACCES ? "refused" : errno_name(e));
    __wasi_filestat_t st;
    REPORT("stat sub2", __wasi_path_filestat_get(root, 0, "sub2", &st));
    return 0;
}
