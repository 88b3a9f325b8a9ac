/*
 * path_dotdot_inside_preopen (zig cc): ".." and "." components that stay
 * inside the preopen resolve as POSIX says (each ".." names the parent of
 * the directory before it): sub/../hello.txt, sub/nested/../../sub/a.txt,
 * ./sub/./b.txt open; opendir("fs.dir/sub/..") lists the preopen itself;
 * mkdir and rename through such paths land where the path says. A path
 * whose ".." goes above the preopen must not reach outside it (the errno
 * is not specified for a sandbox escape; printed "refused" for any error).
 */
#include <dirent.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#include "wasi_case.h"

static void cat(const char *p) {
    FILE *f = fopen(p, "r");
    char buf[64] = {0};
    if (!f) {
        printf("fopen %s: %s\n", p, errno_name(errno));
        return;
    }
    size_t n = fread(buf, 1, sizeof buf - 1, f);
    fclose(f);
    printf("fopen %s: %zu bytes\n", p, n);
}

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void) {
    cat("fs.dir/sub/../hello.txt");
    cat("fs.dir/sub/nested/../../sub/a.txt");
    cat("fs.dir/./sub/./b.txt");
    DIR *d = opendir("fs.dir/sub/..");
    CHECK(d);
    char *names[16];
    int n = 0;
    struct dirent *e;
    while ((e = readdir(d)))
        if (strcmp(e->d_name, ".") && strcmp(e->d_name, "..") && n < 16)
            names[n++] = strdup(e->d_name);
    closedir(d);
    qsort(names, n, sizeof names[0], cmp);
    printf("opendir fs.dir/sub/..:");
    for (int i = 0; i < n; i++)
        printf(" %s", names[i]);
    printf("\n");
    REPORT_LIBC("mkdir sub/nested/../made", mkdir("fs.dir/sub/nested/../made", 0755));
    REPORT_LIBC("rename sub/../hello.txt -> sub/made/../moved.txt", rename("fs.dir/sub/../hello.txt", "fs.dir/sub/made/../moved.txt"));
    struct stat st;
    REPORT_LIBC("stat sub/moved.txt", stat("fs.dir/sub/moved.txt", &st));
    errno = 0;
    int fd = open("fs.dir/sub/../../fs.dir/sub/a.txt", O_RDONLY);
    printf("open sub/../../fs.dir/sub/a.txt (above the preopen): %s\n", fd >= 0 ? "opened" : "refused");
    return 0;
}
