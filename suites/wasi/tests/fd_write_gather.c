/*
 * fd_write_gather: one fd_write with three iovecs (one empty) on a new file
 * writes them in order; a short write is continued by the program, as
 * wasi-libc's writev does (wasmtime writes one iovec per call). The file
 * must hold "alpha-beta\n". Spec: witx fd_write "Write to a file
 * descriptor. Note: This is similar to writev in POSIX."; POSIX writev
 * writes the buffers in array order.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "gather.txt", __WASI_OFLAGS_CREAT | __WASI_OFLAGS_EXCL, 0, &fd));
    const char *parts[] = {"alpha", "", "-beta\n"};
    __wasi_ciovec_t iov[3];
    for (int i = 0; i < 3; i++)
        iov[i] = (__wasi_ciovec_t){(const uint8_t *)parts[i], strlen(parts[i])};
    size_t total = 0, want = 11;
    int i = 0;
    while (total < want) {
        __wasi_size_t n = 0;
        CHECK_OK(__wasi_fd_write(fd, iov + i, 3 - i, &n));
        CHECK(n > 0);
        total += n;
        while (n > 0 && i < 3) {
            size_t take = n < iov[i].buf_len ? n : iov[i].buf_len;
            iov[i].buf += take;
            iov[i].buf_len -= take;
            n -= take;
            if (iov[i].buf_len == 0)
                i++;
        }
        while (i < 3 && iov[i].buf_len == 0)
            i++;
    }
    printf("written: %zu\n", total);
    CHECK_OK(__wasi_fd_close(fd));
    return 0;
}
