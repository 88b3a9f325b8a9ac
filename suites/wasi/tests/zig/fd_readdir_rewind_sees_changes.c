/*
 * fd_readdir_rewind_sees_changes (zig cc): after a directory is read to the
 * end, a file is created and another removed in it, and rewinddir() starts
 * over: the second listing must show the directory as it is now (POSIX
 * rewinddir: "It shall also cause the directory stream to refer to the
 * current state of the corresponding directory, as a call to opendir()
 * would have done"). wasi-libc's rewinddir reads again from cookie 0
 * (fd_readdir with __WASI_DIRCOOKIE_START), so a host must not serve a
 * listing cached from before the change when the cookie is 0.
 */
#include <dirent.h>
#include <unistd.h>
#include "wasi_case.h"

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

static void list(DIR *d, const char *label) {
    char *names[16];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && n < 16)
            names[n++] = strdup(e->d_name);
    qsort(names, n, sizeof names[0], cmp);
    printf("%s:", label);
    for (int i = 0; i < n; i++)
        printf(" %s", names[i]);
    printf("\n");
}

int main(void) {
    DIR *d = opendir("fs.dir/sub");
    CHECK(d);
    list(d, "before");
    FILE *f = fopen("fs.dir/sub/new.txt", "w");
    CHECK(f);
    fclose(f);
    CHECK(unlink("fs.dir/sub/a.txt") == 0);
    rewinddir(d);
    list(d, "after rewinddir");
    closedir(d);
    d = opendir("fs.dir/sub");
    CHECK(d);
    list(d, "fresh opendir");
    closedir(d);
    return 0;
}
