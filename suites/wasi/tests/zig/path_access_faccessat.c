/*
 * path_access_faccessat (zig cc): access() and faccessat() as programs use
 * them to probe for files. F_OK on an existing file or directory succeeds
 * and on a missing one gives ENOENT (POSIX access: "A component of path
 * does not name an existing file"); a path through a regular file gives
 * ENOTDIR. R_OK/W_OK on a file in the preopen succeed (the files are
 * readable and writable by the runner). faccessat with an fd from
 * open(O_DIRECTORY) resolves relative to it. An invalid amode is EINVAL
 * (POSIX: "[EINVAL] The value of the amode argument is invalid").
 */
#include <fcntl.h>
#include <unistd.h>
#include "wasi_case.h"

int main(void) {
    REPORT_LIBC("access hello.txt F_OK", access("fs.dir/hello.txt", F_OK));
    REPORT_LIBC("access sub F_OK", access("fs.dir/sub", F_OK));
    REPORT_LIBC("access missing F_OK", access("fs.dir/missing", F_OK));
    REPORT_LIBC("access hello.txt/x F_OK", access("fs.dir/hello.txt/x", F_OK));
    REPORT_LIBC("access hello.txt R_OK", access("fs.dir/hello.txt", R_OK));
    REPORT_LIBC("access hello.txt W_OK", access("fs.dir/hello.txt", W_OK));
    REPORT_LIBC("access sub R_OK", access("fs.dir/sub", R_OK));
    int dfd = open("fs.dir/sub", O_RDONLY | O_DIRECTORY);
    CHECK(dfd >= 0);
    REPORT_LIBC("faccessat sub/a.txt F_OK", faccessat(dfd, "a.txt", F_OK, 0));
    REPORT_LIBC("faccessat sub/nested/c.txt R_OK", faccessat(dfd, "nested/c.txt", R_OK, 0));
    REPORT_LIBC("faccessat sub/zzz F_OK", faccessat(dfd, "zzz", F_OK, 0));
    REPORT_LIBC("access bad amode", access("fs.dir/hello.txt", 0x100));
    return 0;
}
