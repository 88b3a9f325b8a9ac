/*
 * fd_filestat_set_size_errors: fd_filestat_set_size on an fd that is not
 * open gives EBADF; on a file opened without the fd_filestat_set_size and
 * fd_write rights it is refused (ENOTCAPABLE in the rights model, EBADF or
 * EINVAL from a POSIX host whose ftruncate needs a writable fd: "refused");
 * on a directory it is refused (EISDIR, EBADF, EINVAL or ENOTCAPABLE:
 * "refused"); and the file keeps its 13 bytes.
 * Spec: witx fd_filestat_set_size "Adjust the size of an open file. If this
 * increases the file's size, the extra bytes are filled with zeros. Note:
 * This is similar to ftruncate in POSIX."; POSIX ftruncate [EBADF] "The
 * fildes argument is not a file descriptor open for writing", [EINVAL]
 * "The fildes argument references a file that was opened without write
 * permission".
 * EACCES (wasmer's answer for a missing right) is accepted as a refusal too.
 */
#include "wasi_case.h"

#define REFUSED(e) ((e) == __WASI_ERRNO_NOTCAPABLE || (e) == __WASI_ERRNO_BADF || (e) == __WASI_ERRNO_ACCES || (e) == __WASI_ERRNO_INVAL || (e) == __WASI_ERRNO_ISDIR)

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd, dir;
    REPORT("set_size fd 1234", __wasi_fd_filestat_set_size(1234, 0));
    CHECK_OK(__wasi_path_open(root, 0, "hello.txt", 0,
                              __WASI_RIGHTS_FD_READ | __WASI_RIGHTS_FD_FILESTAT_GET, 0, 0, &fd));
    __wasi_errno_t e = __wasi_fd_filestat_set_size(fd, 0);
    printf("set_size on a read-only fd: %s\n", REFUSED(e) ? "refused" : errno_name(e));
    CHECK_OK(open_dir(root, "sub", &dir));
    e = __wasi_fd_filestat_set_size(dir, 0);
    printf("set_size on a directory: %s\n", REFUSED(e) ? "refused" : errno_name(e));
    __wasi_filestat_t st;
    CHECK_OK(__wasi_fd_filestat_get(fd, &st));
    printf("size: %llu\n", (unsigned long long)st.size);
    return 0;
}
