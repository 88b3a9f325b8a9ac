/*
 * path_chdir_relative (zig cc, newer wasi-libc): chdir() into a directory
 * of the preopen, then relative paths resolve from there, and getcwd()
 * reports the new directory. wasi-libc emulates the working directory in
 * the guest (it resolves every relative path against it and the
 * preopens), checking the target with path_open(O_DIRECTORY). chdir to a
 * missing directory is ENOENT, to a file ENOTDIR (POSIX chdir).
 */
#include <sys/stat.h>
#include <unistd.h>
#include "wasi_case.h"

int main(void) {
    char cwd[256];
    REPORT_LIBC("chdir fs.dir/sub", chdir("fs.dir/sub"));
    printf("getcwd: %s\n", getcwd(cwd, sizeof cwd) ? cwd : "(error)");
    FILE *f = fopen("nested/c.txt", "r");
    CHECK(f);
    char buf[16] = {0};
    CHECK(fgets(buf, sizeof buf, f));
    fclose(f);
    printf("read nested/c.txt: %s", buf);
    struct stat st;
    REPORT_LIBC("stat ../hello.txt", stat("../hello.txt", &st));
    REPORT_LIBC("chdir missing", chdir("missing"));
    REPORT_LIBC("chdir a.txt", chdir("a.txt"));
    REPORT_LIBC("chdir nested", chdir("nested"));
    printf("getcwd: %s\n", getcwd(cwd, sizeof cwd) ? cwd : "(error)");
    f = fopen("made_here.txt", "w");
    CHECK(f);
    fputs("here\n", f);
    fclose(f);
    return 0;
}
