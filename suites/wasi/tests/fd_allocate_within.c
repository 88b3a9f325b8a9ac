/*
 * fd_allocate_within: fd_allocate of a range inside the file (0..5 of 13
 * bytes) never shrinks or changes it. Spec: POSIX posix_fallocate only ever
 * increases the size ("If the size of the file is less than offset+len");
 * witx fd_allocate refers to it. ENOTSUP (file system without the
 * operation) is the accepted alternative; the file must be unchanged either
 * way. Known divergence: DrWASI found a runtime that truncated to
 * offset+len (WasmEdge #2949).
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    __wasi_errno_t e = __wasi_fd_allocate(fd, 0, 5);
    printf("allocate 0..5: %s\n", e == 0 || e == __WASI_ERRNO_NOTSUP ? "OK or ENOTSUP" : errno_name(e));
    e = __wasi_fd_allocate(fd, 2, 3);
    printf("allocate 2..5: %s\n", e == 0 || e == __WASI_ERRNO_NOTSUP ? "OK or ENOTSUP" : errno_name(e));
    __wasi_filestat_t st;
    CHECK_OK(__wasi_fd_filestat_get(fd, &st));
    printf("size: %llu\n", (unsigned long long)st.size);
    return 0;
}
