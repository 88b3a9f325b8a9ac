/*
 * path_open_enametoolong: a path component of 300 bytes (over NAME_MAX,
 * 255 on every host file system here) gives ENAMETOOLONG, both for opening
 * an existing-looking name and for creating one; nothing is created.
 * Spec: POSIX [ENAMETOOLONG] "The length of a component of a pathname is
 * longer than {NAME_MAX}"; witx errno::nametoolong "Filename too long".
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    char name[301];
    memset(name, 'n', 300);
    name[300] = 0;
    REPORT("open 300-byte name", open_at(root, name, 0, 0, &fd));
    REPORT("create 300-byte name", open_at(root, name, __WASI_OFLAGS_CREAT, 0, &fd));
    REPORT("mkdir 300-byte name", __wasi_path_create_directory(root, name));
    char ok[256];
    memset(ok, 'k', 255);
    ok[255] = 0;
    REPORT("create 255-byte name", open_at(root, ok, __WASI_OFLAGS_CREAT, 0, &fd));
    return 0;
}
