/*
 * path_filestat_stat_lstat (zig cc): stat() follows a symbolic link and
 * lstat() does not (POSIX lstat: "if path names a symbolic link, lstat()
 * shall return information about the link"). For the link itself st_size
 * is the length of its content (POSIX: "the value of the st_size member
 * shall be set to the length of the pathname contained in the symbolic
 * link"; witx filestat.size: "For regular files, the file size in bytes.
 * For symbolic links, the length in bytes of the pathname contained in the
 * symbolic link"). stat of a dangling link is ENOENT, lstat of it works.
 */
#include <sys/stat.h>
#include <unistd.h>
#include "wasi_case.h"

static void show(const char *label, int r, struct stat *st) {
    if (r != 0) {
        printf("%s: %s\n", label, errno_name(errno));
        return;
    }
    const char *k = S_ISREG(st->st_mode) ? "file" : S_ISDIR(st->st_mode) ? "dir" : S_ISLNK(st->st_mode) ? "symlink" : "other";
    if (S_ISDIR(st->st_mode))
        printf("%s: %s\n", label, k);
    else
        printf("%s: %s size=%lld\n", label, k, (long long)st->st_size);
}

int main(void) {
    struct stat st;
    CHECK(symlink("hello.txt", "fs.dir/to_hello") == 0);
    CHECK(symlink("sub", "fs.dir/to_sub") == 0);
    CHECK(symlink("no/such/file", "fs.dir/dangling") == 0);
    show("stat hello.txt", stat("fs.dir/hello.txt", &st), &st);
    show("lstat hello.txt", lstat("fs.dir/hello.txt", &st), &st);
    show("stat sub", stat("fs.dir/sub", &st), &st);
    show("stat to_hello", stat("fs.dir/to_hello", &st), &st);
    show("lstat to_hello", lstat("fs.dir/to_hello", &st), &st);
    show("stat to_sub", stat("fs.dir/to_sub", &st), &st);
    show("lstat to_sub", lstat("fs.dir/to_sub", &st), &st);
    show("stat to_sub/a.txt", stat("fs.dir/to_sub/a.txt", &st), &st);
    show("stat dangling", stat("fs.dir/dangling", &st), &st);
    show("lstat dangling", lstat("fs.dir/dangling", &st), &st);
    show("stat missing", stat("fs.dir/missing", &st), &st);
    show("stat hello.txt/x", stat("fs.dir/hello.txt/x", &st), &st);
    return 0;
}
