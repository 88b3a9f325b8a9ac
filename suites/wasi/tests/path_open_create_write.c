/*
 * path_open_create_write: path_open with oflags CREAT creates a new empty
 * regular file; fd_write stores bytes; after fd_close a fresh path_open reads
 * the same bytes back; path_filestat_get sees the size. Opening an existing
 * file with CREAT (no EXCL) succeeds and keeps its content.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    __wasi_fd_t fd;
    REPORT("create new.txt", open_at(root, "new.txt", __WASI_OFLAGS_CREAT, 0, &fd));
    __wasi_filestat_t st;
    CHECK_OK(__wasi_fd_filestat_get(fd, &st));
    printf("new file: %s size %llu\n", filetype_name(st.filetype), (unsigned long long)st.size);
    write_all(fd, "written by the guest\n", 21);
    REPORT("close", __wasi_fd_close(fd));
    CHECK_OK(__wasi_path_filestat_get(root, 0, "new.txt", &st));
    printf("path_filestat_get size: %llu\n", (unsigned long long)st.size);
    REPORT("reopen with CREAT", open_at(root, "new.txt", __WASI_OFLAGS_CREAT, 0, &fd));
    char buf[64];
    size_t n = read_all(fd, buf, sizeof buf);
    printf("content: [%.*s]\n", (int)n, buf);
    CHECK_OK(__wasi_fd_close(fd));
    REPORT("create sub/inner.txt", open_at(root, "sub/inner.txt", __WASI_OFLAGS_CREAT, 0, &fd));
    CHECK_OK(__wasi_fd_close(fd));
    REPORT("stat sub/inner.txt", __wasi_path_filestat_get(root, 0, "sub/inner.txt", &st));
    return 0;
}
