/*
 * path_utimensat_libc (zig cc): utimensat() and futimens() set file times
 * that stat() reads back (POSIX utimensat: "the file's relevant timestamp
 * shall be set to the greatest value supported by the file system that is
 * not greater than the specified time"). Whole seconds are used, so every
 * file system stores them exactly. UTIME_OMIT leaves a time as it was;
 * a missing path is ENOENT. No time is printed, only comparisons.
 */
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "wasi_case.h"

int main(void) {
    struct timespec ts[2] = {{1000000000, 0}, {1200000000, 0}};
    REPORT_LIBC("utimensat hello.txt", utimensat(AT_FDCWD, "fs.dir/hello.txt", ts, 0));
    struct stat st;
    CHECK(stat("fs.dir/hello.txt", &st) == 0);
    printf("atime is 1000000000: %s\n", st.st_atim.tv_sec == 1000000000 ? "yes" : "no");
    printf("mtime is 1200000000: %s\n", st.st_mtim.tv_sec == 1200000000 ? "yes" : "no");
    struct timespec omit[2] = {{0, UTIME_OMIT}, {1300000000, 0}};
    REPORT_LIBC("utimensat mtime only", utimensat(AT_FDCWD, "fs.dir/hello.txt", omit, 0));
    CHECK(stat("fs.dir/hello.txt", &st) == 0);
    printf("atime kept: %s, mtime is 1300000000: %s\n", st.st_atim.tv_sec == 1000000000 ? "yes" : "no", st.st_mtim.tv_sec == 1300000000 ? "yes" : "no");
    int fd = open("fs.dir/sub/a.txt", O_RDWR);
    CHECK(fd >= 0);
    struct timespec f[2] = {{1100000000, 0}, {1100000000, 0}};
    REPORT_LIBC("futimens sub/a.txt", futimens(fd, f));
    CHECK(fstat(fd, &st) == 0);
    printf("fd mtime is 1100000000: %s\n", st.st_mtim.tv_sec == 1100000000 ? "yes" : "no");
    REPORT_LIBC("utimensat missing", utimensat(AT_FDCWD, "fs.dir/missing", ts, 0));
    return 0;
}
