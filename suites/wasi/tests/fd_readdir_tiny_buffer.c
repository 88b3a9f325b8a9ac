/*
 * fd_readdir_tiny_buffer: with a buffer smaller than one entry, fd_readdir
 * fills the whole buffer (bufused == buf_len) with the start of the first
 * entry, so the caller can tell it was truncated.
 * Spec: witx fd_readdir "returns the number of bytes stored in the read
 * buffer. If less than the size of the read buffer, the end of the
 * directory has been reached." and "When successful, the contents of the
 * output buffer consist of a sequence of directory entries ... the last
 * entry may be truncated". So bufused == buf_len whenever an entry did not
 * fit. Cases: 1 byte, 10 bytes (less than the 24-byte header), 25 bytes
 * (header plus one byte of name). Bytes past bufused must be untouched.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), dir;
    CHECK_OK(open_dir(root, "sub", &dir));
    size_t sizes[] = {1, 10, 25};
    for (int i = 0; i < 3; i++) {
        uint8_t buf[64];
        memset(buf, 0xAA, sizeof buf);
        __wasi_size_t used = 12345;
        __wasi_errno_t e = __wasi_fd_readdir(dir, buf, sizes[i], 0, &used);
        int untouched = 1;
        for (size_t k = sizes[i]; k < sizeof buf; k++)
            untouched &= buf[k] == 0xAA;
        printf("buf_len %zu: %s, bufused == buf_len: %s, nothing written past it: %s\n",
               sizes[i], errno_name(e), used == sizes[i] ? "yes" : "no",
               untouched ? "yes" : "no");
    }
    return 0;
}
