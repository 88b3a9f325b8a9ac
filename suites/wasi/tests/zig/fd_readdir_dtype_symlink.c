/*
 * fd_readdir_dtype_symlink (zig cc): readdir must report a symbolic link as
 * DT_LNK, not as what it points to (witx dirent.d_type: "The type of the
 * file referred to by this directory entry"; the entry itself is the link,
 * as POSIX readdir/lstat see it), both for a link to a file and a dangling
 * link. Newer wasi-libc re-stats entries whose d_ino is 0 with
 * AT_SYMLINK_NOFOLLOW, so the host's path_filestat_get(no follow) must also
 * see the link.
 */
#include <dirent.h>
#include <unistd.h>
#include "wasi_case.h"

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void) {
    REPORT_LIBC("symlink to file", symlink("a.txt", "fs.dir/sub/link_a"));
    REPORT_LIBC("symlink dangling", symlink("gone", "fs.dir/sub/link_gone"));
    REPORT_LIBC("symlink to dir", symlink("nested", "fs.dir/sub/link_nested"));
    DIR *d = opendir("fs.dir/sub");
    CHECK(d);
    char *names[16];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        CHECK(n < 16);
        char *s = malloc(strlen(e->d_name) + 16);
        const char *k = e->d_type == DT_DIR ? "dir" : e->d_type == DT_REG ? "file" : e->d_type == DT_LNK ? "symlink" : "other";
        sprintf(s, "%s %s", e->d_name, k);
        names[n++] = s;
    }
    closedir(d);
    qsort(names, n, sizeof names[0], cmp);
    for (int i = 0; i < n; i++)
        printf("%s\n", names[i]);
    return 0;
}
