/*
 * path_open_read: path_open on an existing file relative to the preopen,
 * then fd_read until EOF returns the file's exact bytes, then 0 at EOF;
 * fd_filestat_get reports a regular file of that size; fd_close succeeds.
 * Also opens through a subdirectory path ("sub/nested/c.txt") and through
 * "./" and "sub/../" components that stay inside the preopen.
 */
#include "wasi_case.h"

static void cat(__wasi_fd_t root, const char *path) {
    __wasi_fd_t fd;
    __wasi_errno_t e = open_at(root, path, 0, 0, &fd);
    printf("open %s: %s\n", path, errno_name(e));
    if (e)
        return;
    char buf[256];
    size_t n = read_all(fd, buf, sizeof buf);
    printf("  content: [%.*s]\n", (int)n, buf);
    __wasi_filestat_t st;
    CHECK_OK(__wasi_fd_filestat_get(fd, &st));
    printf("  filetype: %s size: %llu\n", filetype_name(st.filetype),
           (unsigned long long)st.size);
    REPORT("  close", __wasi_fd_close(fd));
}

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    cat(root, "hello.txt");
    cat(root, "sub/nested/c.txt");
    cat(root, "./sub/a.txt");
    cat(root, "sub/../sub/b.txt");
    return 0;
}
