/*
 * fd_readdir_ino_matches_stat (zig cc): the d_ino that readdir reports for
 * an entry is the serial number lstat gives for the same name (POSIX
 * <dirent.h>: d_ino is the "file serial number", and <sys/stat.h>: st_ino is
 * the "file serial number"; witx dirent.d_ino: "The serial number of the
 * file referred to by this directory entry"). Newer wasi-libc fills a zero
 * d_ino from fstatat, so a host that reports 0 still matches. Two names of
 * one hard-linked file share a serial number; two different files do not.
 * No number is printed, only comparisons.
 */
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#include "wasi_case.h"

int main(void) {
    CHECK(link("fs.dir/sub/a.txt", "fs.dir/sub/a_link") == 0);
    DIR *d = opendir("fs.dir/sub");
    CHECK(d);
    struct dirent *e;
    int checked = 0, mismatched = 0;
    ino_t a = 0, alink = 0, b = 0;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        char path[300];
        snprintf(path, sizeof path, "fs.dir/sub/%s", e->d_name);
        struct stat st;
        CHECK(lstat(path, &st) == 0);
        checked++;
        if (st.st_ino != e->d_ino) {
            mismatched++;
            printf("mismatch: %s\n", e->d_name);
        }
        if (!strcmp(e->d_name, "a.txt")) a = e->d_ino;
        if (!strcmp(e->d_name, "a_link")) alink = e->d_ino;
        if (!strcmp(e->d_name, "b.txt")) b = e->d_ino;
    }
    closedir(d);
    printf("entries checked: %d, mismatched: %d\n", checked, mismatched);
    printf("hard link shares d_ino: %s\n", a == alink && a != 0 ? "yes" : "no");
    printf("different files differ: %s\n", a != b ? "yes" : "no");
    return 0;
}
