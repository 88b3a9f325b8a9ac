/*
 * path_open_creat_existing_readonly: oflags CREAT on a file that exists,
 * asking only for read rights (open(path, O_CREAT|O_RDONLY)), opens the
 * existing file unchanged; with CREAT|EXCL it is EEXIST. CREAT of a new
 * name with read rights only creates an empty file.
 * Spec: witx oflags::creat "Create file if it does not exist"; oflags::excl
 * "Fail if file already exists";
 * POSIX open(): "O_CREAT: If the file exists, this flag has no effect
 * except as noted under O_EXCL below."
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd = 0;
    __wasi_rights_t read = __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_SEEK |
                           __WASI_RIGHTS_FD_TELL | __WASI_RIGHTS_FD_FILESTAT_GET;
    __wasi_errno_t e = __wasi_path_open(root, 0, "hello.txt", __WASI_OFLAGS_CREAT,
                                        read, 0, 0, &fd);
    REPORT("CREAT existing, read rights", e);
    if (e == 0) {
        char buf[32];
        size_t got = read_all(fd, buf, sizeof buf);
        printf("  content: [%.*s]\n", (int)got, buf);
        CHECK_OK(__wasi_fd_close(fd));
    }
    REPORT("CREAT|EXCL existing",
           __wasi_path_open(root, 0, "hello.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL,
                            read, 0, 0, &fd));
    e = __wasi_path_open(root, 0, "new.txt", __WASI_OFLAGS_CREAT, read, 0, 0, &fd);
    REPORT("CREAT new, read rights", e);
    if (e == 0) {
        __wasi_filestat_t st;
        CHECK_OK(__wasi_fd_filestat_get(fd, &st));
        printf("  size: %llu, type: %s\n", (unsigned long long)st.size,
               filetype_name(st.filetype));
    }
    return 0;
}
