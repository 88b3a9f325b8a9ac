/*
 * fd_opendir_preopen (zig cc): opendir on the preopened directory's own
 * name. wasi-libc resolves "fs.dir" to the preopen with the relative path
 * "." and opens it again (path_open "." O_DIRECTORY with the preopen's
 * rights), as Rust's std does: a host must let a directory be reopened
 * with rights that are a subset of the preopen's (witx path_open: rights
 * "must be a subset of the rights of the directory"). The listing is
 * sorted and the dots dropped (order and dots are unspecified). opendir of
 * a regular file is ENOTDIR (POSIX opendir: "A component of dirname names
 * an existing file that is neither a directory nor a symbolic link to a
 * directory").
 */
#include <dirent.h>
#include "wasi_case.h"

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void) {
    const char *paths[] = {"fs.dir", "fs.dir/", "fs.dir/."};
    for (int p = 0; p < 3; p++) {
        errno = 0;
        DIR *d = opendir(paths[p]);
        printf("opendir %s: %s\n", paths[p], d ? "OK" : errno_name(errno));
        if (!d)
            continue;
        char *names[16];
        int n = 0;
        struct dirent *e;
        while ((e = readdir(d)))
            if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && n < 16)
                names[n++] = strdup(e->d_name);
        closedir(d);
        qsort(names, n, sizeof names[0], cmp);
        for (int i = 0; i < n; i++)
            printf("  %s\n", names[i]);
    }
    errno = 0;
    DIR *d = opendir("fs.dir/hello.txt");
    printf("opendir file: %s\n", d ? "OK" : errno_name(errno));
    return 0;
}
