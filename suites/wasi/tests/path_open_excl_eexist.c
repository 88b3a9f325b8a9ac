/*
 * path_open_excl_eexist: oflags CREAT|EXCL fails with EEXIST when the path
 * already exists, whether it is a file or a directory (POSIX O_CREAT|O_EXCL),
 * and the existing file is left untouched. On a new name it succeeds once,
 * and fails with EEXIST the second time.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    const __wasi_oflags_t ce = __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL;
    REPORT("CREAT|EXCL hello.txt", open_at(root, "hello.txt", ce, 0, &fd));
    REPORT("CREAT|EXCL sub", open_at(root, "sub", ce, 0, &fd));
    REPORT("CREAT|EXCL fresh.txt (1st)", open_at(root, "fresh.txt", ce, 0, &fd));
    CHECK_OK(__wasi_fd_close(fd));
    REPORT("CREAT|EXCL fresh.txt (2nd)", open_at(root, "fresh.txt", ce, 0, &fd));
    __wasi_filestat_t st;
    CHECK_OK(__wasi_path_filestat_get(root, 0, "hello.txt", &st));
    printf("hello.txt size still: %llu\n", (unsigned long long)st.size);
    return 0;
}
