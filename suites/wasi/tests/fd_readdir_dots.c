/*
 * fd_readdir_dots: whether "." and ".." are listed is not specified by WASI
 * (wasmtime and wasmi list them, node's uvwasi does not). The case accepts
 * both, but requires consistency: either both appear exactly once or
 * neither does, and when listed they are directories. The other entries
 * must be exactly a.txt, b.txt, nested.
 * Spec: witx fd_readdir/dirent are silent about dot entries; POSIX readdir:
 * "If entries for dot or dot-dot exist, one entry shall be returned for dot
 * and one entry shall be returned for dot-dot; otherwise, they shall not be
 * returned." Two stdout alternatives.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), dir;
    CHECK_OK(open_dir(root, "sub", &dir));
    uint8_t buf[4096];
    __wasi_size_t used;
    CHECK_OK(__wasi_fd_readdir(dir, buf, sizeof buf, 0, &used));
    CHECK(used < sizeof buf);
    int dot = 0, dotdot = 0, dirs_ok = 1, others = 0;
    size_t off = 0;
    while (off + sizeof(__wasi_dirent_t) <= used) {
        __wasi_dirent_t d;
        memcpy(&d, buf + off, sizeof d);
        const char *name = (const char *)buf + off + sizeof d;
        if (d.d_namlen == 1 && name[0] == '.') {
            dot++;
            dirs_ok &= d.d_type == __WASI_FILETYPE_DIRECTORY;
        } else if (d.d_namlen == 2 && !memcmp(name, "..", 2)) {
            dotdot++;
            dirs_ok &= d.d_type == __WASI_FILETYPE_DIRECTORY;
        } else {
            others++;
        }
        off += sizeof d + d.d_namlen;
    }
    if (dot == 1 && dotdot == 1)
        printf("dot entries: both listed, directories: %s\n", dirs_ok ? "yes" : "no");
    else if (dot == 0 && dotdot == 0)
        printf("dot entries: none\n");
    else
        printf("dot entries: inconsistent (. x%d, .. x%d)\n", dot, dotdot);
    printf("other entries: %d\n", others);
    return 0;
}
