/*
 * path_open_trunc: oflags TRUNC empties an existing file (POSIX O_TRUNC):
 * the size becomes 0, and what is then written is all the file holds.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    REPORT("open hello.txt TRUNC", open_at(root, "hello.txt", __WASI_OFLAGS_TRUNC, 0, &fd));
    __wasi_filestat_t st;
    CHECK_OK(__wasi_fd_filestat_get(fd, &st));
    printf("size after TRUNC: %llu\n", (unsigned long long)st.size);
    write_all(fd, "short\n", 6);
    CHECK_OK(__wasi_fd_close(fd));
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    char buf[64];
    size_t n = read_all(fd, buf, sizeof buf);
    printf("content: [%.*s]\n", (int)n, buf);
    return 0;
}
