/*
 * fd_renumber: fd_renumber(from, to) atomically makes `to` refer to what
 * `from` referred to (closing what `to` held) and closes `from`, like
 * dup2(from, to) followed by close(from). Afterwards reading `to` reads the
 * first file at its offset, and `from` gives EBADF. Renumbering from a
 * closed fd gives EBADF. fd_renumber(x, x) must leave x usable (dup2(x, x)
 * is a no-op in POSIX; wasmer #5676 closed the fd).
 */
#include "wasi_case.h"

static void read1(const char *label, __wasi_fd_t fd) {
    char c = '?';
    __wasi_iovec_t iov = {(uint8_t *)&c, 1};
    __wasi_size_t n = 0;
    __wasi_errno_t e = __wasi_fd_read(fd, &iov, 1, &n);
    if (e)
        printf("%s: %s\n", label, errno_name(e));
    else
        printf("%s: OK [%c]\n", label, n ? c : '-');
}

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), a, b;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &a));   /* Hello, WASI! */
    CHECK_OK(open_at(root, "sub/b.txt", 0, 0, &b));   /* bb */
    __wasi_filesize_t pos;
    CHECK_OK(__wasi_fd_seek(a, 7, __WASI_WHENCE_SET, &pos));
    REPORT("renumber(a, b)", __wasi_fd_renumber(a, b));
    read1("read b", b);
    read1("read a", a);
    REPORT("renumber(a, b) again", __wasi_fd_renumber(a, b));
    REPORT("renumber(b, b)", __wasi_fd_renumber(b, b));
    read1("read b", b);
    return 0;
}
