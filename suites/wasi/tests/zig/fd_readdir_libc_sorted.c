/*
 * fd_readdir_libc_sorted (zig cc): opendir/readdir/closedir over
 * fs.dir/sub, as `ls` does. The order of entries and the presence of "."
 * and ".." are unspecified (witx fd_readdir says nothing of order; POSIX
 * readdir: "If entries for dot or dot-dot exist, one entry shall be
 * returned for dot and one for dot-dot"), so the program drops the dots and
 * sorts. d_type must name the kind (newer wasi-libc re-stats an entry whose
 * d_ino is 0, so even a host that leaves d_ino 0 gets the type checked).
 */
#include <dirent.h>
#include "wasi_case.h"

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static const char *kind(unsigned char t) {
    return t == DT_DIR ? "dir" : t == DT_REG ? "file" : t == DT_LNK ? "symlink" : t == DT_UNKNOWN ? "unknown" : "other";
}

int main(void) {
    DIR *d = opendir("fs.dir/sub");
    CHECK(d);
    char *names[16];
    int n = 0;
    struct dirent *e;
    errno = 0;
    while ((e = readdir(d))) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        CHECK(n < 16);
        char *s = malloc(strlen(e->d_name) + 16);
        sprintf(s, "%s %s", e->d_name, kind(e->d_type));
        names[n++] = s;
    }
    printf("readdir ended with: %s\n", errno_name(errno));
    qsort(names, n, sizeof names[0], cmp);
    for (int i = 0; i < n; i++)
        printf("%s\n", names[i]);
    CHECK(closedir(d) == 0);
    errno = 0;
    d = opendir("fs.dir/nothere");
    printf("opendir missing: %s\n", d ? "opened" : errno_name(errno));
    return 0;
}
