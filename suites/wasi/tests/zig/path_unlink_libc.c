/*
 * path_unlink_libc (zig cc): unlink() and remove(). unlink of a file
 * removes the name (POSIX); again gives ENOENT. unlink of a directory:
 * witx path_unlink_file says "Return `errno::isdir` if the path refers to a
 * directory" (POSIX allows EPERM; Linux gives EISDIR); printed exactly as
 * witx states it. remove() of an empty directory works (C/POSIX remove:
 * "If path names a directory, remove(path) shall be equivalent to
 * rmdir(path)"). unlink of a symbolic link removes the link, not the
 * target.
 */
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
#include "wasi_case.h"

int main(void) {
    REPORT_LIBC("unlink hello.txt", unlink("fs.dir/hello.txt"));
    REPORT_LIBC("unlink hello.txt again", unlink("fs.dir/hello.txt"));
    REPORT_LIBC("unlink sub", unlink("fs.dir/sub"));
    CHECK(mkdir("fs.dir/empty", 0755) == 0);
    REPORT_LIBC("remove empty dir", remove("fs.dir/empty"));
    REPORT_LIBC("remove sub/b.txt", remove("fs.dir/sub/b.txt"));
    CHECK(symlink("a.txt", "fs.dir/sub/link") == 0);
    REPORT_LIBC("unlink symlink", unlink("fs.dir/sub/link"));
    struct stat st;
    REPORT_LIBC("stat link target still there", stat("fs.dir/sub/a.txt", &st));
    return 0;
}
