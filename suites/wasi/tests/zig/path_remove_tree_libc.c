/*
 * path_remove_tree_libc (zig cc): build a small tree with mkdir/fopen, then
 * remove it depth-first the way `rm -r` does without nftw: opendir,
 * readdir, lstat each entry, unlink files and symlinks, rmdir directories
 * once empty. A symlink to a directory is removed as a link, never
 * descended into (lstat sees S_IFLNK), so the linked directory survives.
 */
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>
#include "wasi_case.h"

static int removed;

static void rm_r(const char *path) {
    struct stat st;
    CHECK(lstat(path, &st) == 0);
    if (S_ISDIR(st.st_mode)) {
        DIR *d = opendir(path);
        CHECK(d);
        struct dirent *e;
        char *kids[32];
        int n = 0;
        while ((e = readdir(d))) {
            if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
                continue;
            CHECK(n < 32);
            kids[n] = malloc(strlen(path) + strlen(e->d_name) + 2);
            sprintf(kids[n++], "%s/%s", path, e->d_name);
        }
        closedir(d);
        for (int i = 0; i < n; i++)
            rm_r(kids[i]);
        CHECK(rmdir(path) == 0);
    } else {
        CHECK(unlink(path) == 0);
    }
    removed++;
}

int main(void) {
    CHECK(mkdir("fs.dir/tree", 0755) == 0);
    CHECK(mkdir("fs.dir/tree/a", 0755) == 0);
    CHECK(mkdir("fs.dir/tree/a/b", 0755) == 0);
    const char *files[] = {"fs.dir/tree/f1", "fs.dir/tree/a/f2", "fs.dir/tree/a/b/f3", "fs.dir/tree/a/b/f4"};
    for (int i = 0; i < 4; i++) {
        FILE *f = fopen(files[i], "w");
        CHECK(f);
        fputs("x\n", f);
        fclose(f);
    }
    CHECK(symlink("../sub", "fs.dir/tree/to_sub") == 0);
    rm_r("fs.dir/tree");
    printf("removed entries: %d\n", removed);
    struct stat st;
    REPORT_LIBC("stat tree", stat("fs.dir/tree", &st));
    REPORT_LIBC("stat sub/nested/c.txt", stat("fs.dir/sub/nested/c.txt", &st));
    return 0;
}
