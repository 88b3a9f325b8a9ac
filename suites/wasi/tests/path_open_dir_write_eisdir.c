/*
 * path_open_dir_write_eisdir: opening a directory for writing (rights
 * FD_WRITE, no OFLAGS_DIRECTORY) gives EISDIR, also with FD_READ|FD_WRITE;
 * nothing in the directory changes. Spec: POSIX open [EISDIR] "The
 * named file is a directory and oflag includes O_WRONLY or O_RDWR"; witx
 * errno::isdir "Is a directory". (A host that instead drops the write
 * right from the returned fd would be allowed by the witx rights text;
 * wasmtime and node give EISDIR, which wasi_case.h's open_dir() avoids.)
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    REPORT("open sub with FD_WRITE", __wasi_path_open(root, 0, "sub", 0, __WASI_RIGHTS_FD_WRITE, 0, 0, &fd));
    REPORT("open sub/nested with FD_WRITE|FD_READ", __wasi_path_open(root, 0, "sub/nested", 0, __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_READ, 0, 0, &fd));
    __wasi_filestat_t st;
    REPORT("stat sub/nested/c.txt", __wasi_path_filestat_get(root, 0, "sub/nested/c.txt", &st));
    return 0;
}
