/*
 * path_symlink_readlink_libc (zig cc): symlink() stores the target text
 * as given and readlink() returns it without a NUL, with its length (POSIX
 * readlink: "return the number of bytes placed in the buffer ... not
 * null-terminated"); a buffer shorter than the target gets a prefix
 * (POSIX: "If the buf argument is not large enough ... the contents are
 * truncated"; wasi-libc passes the caller's buffer size). readlink of a
 * regular file is EINVAL (POSIX: "The path argument names a file that is
 * not a symbolic link"). symlink onto an existing name is EEXIST.
 * Following the relative link reads the target file.
 *
 * Known divergence: wazero 1.9.0 gives ERANGE for the 5-byte buffer
 * instead of truncating (the older path_readlink_truncate case sees the same).
 */
#include <unistd.h>
#include "wasi_case.h"

int main(void) {
    char buf[64];
    REPORT_LIBC("symlink sub/nested/c.txt", symlink("sub/nested/c.txt", "fs.dir/c_link"));
    memset(buf, '#', sizeof buf);
    ssize_t n = readlink("fs.dir/c_link", buf, sizeof buf);
    printf("readlink: %zd [%.*s] next byte untouched: %s\n", n, n > 0 ? (int)n : 0, buf, n >= 0 && buf[n] == '#' ? "yes" : "no");
    memset(buf, '#', sizeof buf);
    errno = 0;
    n = readlink("fs.dir/c_link", buf, 5);
    printf("readlink 5-byte buffer: %zd [%.*s] %s\n", n, n > 0 ? (int)n : 0, buf, errno_name(errno));
    REPORT_LIBC("readlink regular file", readlink("fs.dir/hello.txt", buf, sizeof buf));
    REPORT_LIBC("readlink missing", readlink("fs.dir/missing", buf, sizeof buf));
    REPORT_LIBC("symlink onto existing", symlink("x", "fs.dir/hello.txt"));
    FILE *f = fopen("fs.dir/c_link", "r");
    CHECK(f);
    CHECK(fgets(buf, sizeof buf, f));
    printf("through link: %s", buf);
    fclose(f);
    REPORT_LIBC("symlink in sub to ../hello.txt", symlink("../hello.txt", "fs.dir/sub/up"));
    f = fopen("fs.dir/sub/up", "r");
    CHECK(f);
    CHECK(fgets(buf, sizeof buf, f));
    printf("through ../ link: %s", buf);
    fclose(f);
    return 0;
}
