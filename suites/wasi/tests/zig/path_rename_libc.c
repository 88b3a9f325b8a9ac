/*
 * path_rename_libc (zig cc): rename() as mv does. A file moves to a new
 * name and into a subdirectory; renaming onto an existing file replaces it
 * (POSIX rename: "If the link named by the new argument exists, it shall be
 * removed and old renamed to new"); a directory moves with its contents; a
 * missing source is ENOENT; a directory onto an existing file is ENOTDIR
 * (POSIX: "[ENOTDIR] ... the old argument names a directory and the new
 * argument names a non-directory file"); a file onto an existing directory
 * is EISDIR (POSIX: "[EISDIR] The new argument points to a directory and the
 * old argument points to a file that is not a directory").
 */
#include <stdio.h>
#include "wasi_case.h"

int main(void) {
    REPORT_LIBC("rename hello.txt -> greeting.txt", rename("fs.dir/hello.txt", "fs.dir/greeting.txt"));
    REPORT_LIBC("rename greeting.txt -> sub/nested/g.txt", rename("fs.dir/greeting.txt", "fs.dir/sub/nested/g.txt"));
    REPORT_LIBC("rename sub/a.txt over sub/b.txt", rename("fs.dir/sub/a.txt", "fs.dir/sub/b.txt"));
    REPORT_LIBC("rename sub/nested -> moved", rename("fs.dir/sub/nested", "fs.dir/moved"));
    REPORT_LIBC("rename missing", rename("fs.dir/missing", "fs.dir/x"));
    REPORT_LIBC("rename dir over file", rename("fs.dir/moved", "fs.dir/sub/b.txt"));
    REPORT_LIBC("rename file over dir", rename("fs.dir/sub/b.txt", "fs.dir/moved"));
    FILE *f = fopen("fs.dir/moved/g.txt", "r");
    char buf[32] = {0};
    CHECK(f && fgets(buf, sizeof buf, f));
    printf("moved/g.txt: %s", buf);
    fclose(f);
    return 0;
}
