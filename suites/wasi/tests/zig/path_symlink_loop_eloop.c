/*
 * path_symlink_loop_eloop (zig cc): two symbolic links that point at each
 * other. Following them must stop with ELOOP (POSIX open/stat: "[ELOOP] A
 * loop exists in symbolic links encountered during resolution of the path
 * argument"); lstat and readlink, which do not follow the last component,
 * work; unlink removes a link of the loop. A link to itself is the same.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "wasi_case.h"

int main(void) {
    struct stat st;
    char buf[32];
    CHECK(symlink("loop_b", "fs.dir/loop_a") == 0);
    CHECK(symlink("loop_a", "fs.dir/loop_b") == 0);
    CHECK(symlink("self", "fs.dir/self") == 0);
    REPORT_LIBC("open loop_a", open("fs.dir/loop_a", O_RDONLY));
    REPORT_LIBC("stat loop_a", stat("fs.dir/loop_a", &st));
    REPORT_LIBC("stat self", stat("fs.dir/self", &st));
    REPORT_LIBC("open loop_a/x (loop in the middle)", open("fs.dir/loop_a/x", O_RDONLY));
    REPORT_LIBC("open loop_a O_CREAT", open("fs.dir/loop_a", O_CREAT | O_WRONLY, 0644));
    REPORT_LIBC("lstat loop_a", lstat("fs.dir/loop_a", &st));
    printf("lstat loop_a is a link: %s\n", S_ISLNK(st.st_mode) ? "yes" : "no");
    ssize_t n = readlink("fs.dir/loop_a", buf, sizeof buf);
    printf("readlink loop_a: [%.*s]\n", n > 0 ? (int)n : 0, buf);
    REPORT_LIBC("unlink loop_b", unlink("fs.dir/loop_b"));
    REPORT_LIBC("stat loop_a now dangling", stat("fs.dir/loop_a", &st));
    return 0;
}
