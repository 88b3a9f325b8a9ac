/*
 * path_link_libc (zig cc): link() makes a second name for a file (POSIX
 * link; wasi-libc calls path_link without SYMLINK_FOLLOW). Both names
 * report nlink 2 and the same st_ino; data written through one name is
 * read through the other; removing one name keeps the other (nlink back to
 * 1). A link onto an existing name is EEXIST; a link of a missing file is
 * ENOENT. Linking a directory: POSIX says "[EPERM] The file named by path1
 * is a directory and either the calling process does not have appropriate
 * privileges or the implementation prohibits using link() on
 * directories"; Linux also EPERM; printed exactly.
 */
#include <sys/stat.h>
#include <unistd.h>
#include "wasi_case.h"

int main(void) {
    struct stat a, b;
    REPORT_LIBC("link hello.txt -> sub/hello2", link("fs.dir/hello.txt", "fs.dir/sub/hello2"));
    CHECK(stat("fs.dir/hello.txt", &a) == 0 && stat("fs.dir/sub/hello2", &b) == 0);
    printf("nlink %llu %llu, same ino: %s\n", (unsigned long long)a.st_nlink, (unsigned long long)b.st_nlink, a.st_ino == b.st_ino ? "yes" : "no");
    FILE *f = fopen("fs.dir/sub/hello2", "a");
    CHECK(f);
    fputs("via link\n", f);
    fclose(f);
    f = fopen("fs.dir/hello.txt", "r");
    char buf[64];
    size_t n = fread(buf, 1, sizeof buf, f);
    fclose(f);
    printf("hello.txt now: [%.*s]\n", (int)n, buf);
    REPORT_LIBC("unlink hello.txt", unlink("fs.dir/hello.txt"));
    CHECK(stat("fs.dir/sub/hello2", &b) == 0);
    printf("remaining name nlink: %llu\n", (unsigned long long)b.st_nlink);
    REPORT_LIBC("link onto existing", link("fs.dir/sub/a.txt", "fs.dir/sub/b.txt"));
    REPORT_LIBC("link missing", link("fs.dir/missing", "fs.dir/x"));
    REPORT_LIBC("link directory", link("fs.dir/sub/nested", "fs.dir/nested2"));
    return 0;
}
