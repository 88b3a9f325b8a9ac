/*
 * path_create_directory_trailing_slash: mkdir "hello.txt/" gives EEXIST
 * (the name exists; Linux and POSIX mkdir [EEXIST]), mkdir "a//" (two
 * trailing slashes) creates "a", and mkdir "sub/" gives EEXIST. DrWASI
 * found mkdir("foo/") mishandled (WasmEdge #3231).
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    REPORT("mkdir hello.txt/", __wasi_path_create_directory(root, "hello.txt/"));
    REPORT("mkdir a//", __wasi_path_create_directory(root, "a//"));
    REPORT("mkdir sub/", __wasi_path_create_directory(root, "sub/"));
    __wasi_filestat_t st;
    CHECK_OK(__wasi_path_filestat_get(root, 0, "a", &st));
    printf("a is: %s\n", filetype_name(st.filetype));
    return 0;
}
