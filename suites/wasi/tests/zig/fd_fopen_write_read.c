/*
 * fd_fopen_write_read (zig cc, newer wasi-libc): the stdio round trip a C
 * program does first. fopen("w") creates a file (path_open with CREAT|TRUNC),
 * fwrite + fclose flush it (fd_write, fd_close), fopen("r") + fread read it
 * back (fd_read) until EOF; fopen("w") on an existing file truncates it
 * (POSIX fopen: "w truncate to zero length or create"); fopen("r") of a
 * missing file fails with ENOENT (POSIX open: "O_CREAT is not set and a
 * component of path does not name an existing file").
 */
#include "wasi_case.h"

static void dump(const char *path) {
    FILE *f = fopen(path, "r");
    CHECK(f);
    char buf[128];
    size_t n = fread(buf, 1, sizeof buf, f);
    printf("%s: %zu bytes [%.*s] eof=%d\n", path + 7, n, (int)n, buf, feof(f) != 0);
    CHECK(fclose(f) == 0);
}

int main(void) {
    FILE *f = fopen("fs.dir/new.txt", "w");
    CHECK(f);
    CHECK(fwrite("first line\n", 1, 11, f) == 11);
    CHECK(fprintf(f, "%s %d\n", "second", 2) == 9);
    CHECK(fclose(f) == 0);
    dump("fs.dir/new.txt");
    f = fopen("fs.dir/hello.txt", "w");
    CHECK(f);
    fputs("short\n", f);
    CHECK(fclose(f) == 0);
    dump("fs.dir/hello.txt");
    errno = 0;
    f = fopen("fs.dir/missing.txt", "r");
    printf("fopen missing: %s\n", f ? "opened" : errno_name(errno));
    return 0;
}
