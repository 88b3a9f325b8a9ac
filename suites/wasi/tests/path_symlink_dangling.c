/*
 * path_symlink_dangling: a symlink to a name that does not exist can be
 * created; readlink gives the target; stat without following says
 * symbolic_link; stat with following gives ENOENT; creating the target then
 * makes the link resolve. Spec: POSIX symlink "The string pointed to by
 * path1 shall be treated only as a string and shall not be validated as a
 * pathname"; witx path_symlink "Create a symbolic link. Note: This is
 * similar to symlinkat in POSIX."
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    REPORT("symlink later.txt -> dangling", __wasi_path_symlink("later.txt", root, "dangling"));
    char buf[64];
    __wasi_size_t n = 0;
    REPORT("readlink dangling", __wasi_path_readlink(root, "dangling", (uint8_t *)buf, sizeof buf, &n));
    printf("  target: %.*s\n", (int)n, buf);
    __wasi_filestat_t st;
    REPORT("stat nofollow", __wasi_path_filestat_get(root, 0, "dangling", &st));
    printf("  %s\n", filetype_name(st.filetype));
    REPORT("stat follow", __wasi_path_filestat_get(root, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "dangling", &st));
    CHECK_OK(open_at(root, "later.txt", __WASI_OFLAGS_CREAT, 0, &fd));
    write_all(fd, "now\n", 4);
    REPORT("stat follow after creating it", __wasi_path_filestat_get(root, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "dangling", &st));
    printf("  %s size=%llu\n", filetype_name(st.filetype), (unsigned long long)st.size);
    return 0;
}
