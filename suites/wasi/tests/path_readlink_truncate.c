/*
 * path_readlink_truncate: readlink into a buffer shorter than the target
 * ("hello.txt", 9 bytes, into 4 bytes) succeeds and stores the first 4
 * bytes, bufused 4, writing nothing past the buffer. Spec: POSIX readlink
 * "If the buf argument is not large enough to contain the link content, the
 * first bufsize bytes shall be placed in buf"; witx path_readlink "returns
 * the number of bytes placed in the buffer". A buffer of exactly 9 bytes
 * holds the whole target (no NUL is added). Known divergence: node gives
 * ENOBUFS unless there is room for one more byte.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    CHECK_OK(__wasi_path_symlink("hello.txt", root, "link"));
    char buf[16];
    memset(buf, '#', sizeof buf);
    __wasi_size_t n = 99;
    REPORT("readlink into 4 bytes", __wasi_path_readlink(root, "link", (uint8_t *)buf, 4, &n));
    printf("  bufused: %u, bytes: %.*s, past the buffer untouched: %s\n", (unsigned)n, (int)(n <= 4 ? n : 0), buf, buf[4] == '#' ? "yes" : "no");
    n = 99;
    REPORT("readlink into 9 bytes", __wasi_path_readlink(root, "link", (uint8_t *)buf, 9, &n));
    printf("  bufused: %u, bytes: %.*s\n", (unsigned)n, (int)(n <= 9 ? n : 0), buf);
    return 0;
}
