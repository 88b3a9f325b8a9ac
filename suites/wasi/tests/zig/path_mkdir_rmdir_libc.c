/*
 * path_mkdir_rmdir_libc (zig cc): mkdir() and rmdir() as a shell does.
 * POSIX mkdir: EEXIST if the path exists (file or directory), ENOENT if a
 * parent is missing, ENOTDIR if a parent is a file. POSIX rmdir: ENOTEMPTY
 * or EEXIST for a directory with entries ("[EEXIST] or [ENOTEMPTY] The path
 * argument names a directory that is not an empty directory", printed
 * "not empty"), ENOTDIR for a file, ENOENT for a missing path.
 *
 * Known divergence: wazero 1.9.0 gives ENOENT for mkdir("hello.txt/x").
 */
#include <sys/stat.h>
#include <unistd.h>
#include "wasi_case.h"

int main(void) {
    REPORT_LIBC("mkdir d", mkdir("fs.dir/d", 0755));
    REPORT_LIBC("mkdir d/e", mkdir("fs.dir/d/e", 0755));
    REPORT_LIBC("mkdir d again", mkdir("fs.dir/d", 0755));
    REPORT_LIBC("mkdir hello.txt", mkdir("fs.dir/hello.txt", 0755));
    REPORT_LIBC("mkdir no/parent", mkdir("fs.dir/no/parent", 0755));
    REPORT_LIBC("mkdir hello.txt/x", mkdir("fs.dir/hello.txt/x", 0755));
    errno = 0;
    int r = rmdir("fs.dir/d");
    printf("rmdir d (has e): %s\n", r == 0 ? "OK" : (errno == ENOTEMPTY || errno == EEXIST) ? "not empty" : errno_name(errno));
    REPORT_LIBC("rmdir d/e", rmdir("fs.dir/d/e"));
    REPORT_LIBC("rmdir d", rmdir("fs.dir/d"));
    REPORT_LIBC("rmdir d again", rmdir("fs.dir/d"));
    REPORT_LIBC("rmdir hello.txt", rmdir("fs.dir/hello.txt"));
    REPORT_LIBC("mkdir keep", mkdir("fs.dir/keep", 0755));
    struct stat st;
    CHECK(stat("fs.dir/keep", &st) == 0);
    printf("keep is a dir: %s\n", S_ISDIR(st.st_mode) ? "yes" : "no");
    return 0;
}
