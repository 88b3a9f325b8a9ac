/*
 * fd_fseek_ftell (zig cc): fseek/ftell over a file through stdio's buffer.
 * SEEK_END gives the size (13 for hello.txt), SEEK_SET/SEEK_CUR move the
 * offset that the next fread starts from, and a seek before the start
 * fails with EINVAL (POSIX lseek: "the resulting file offset would be
 * negative" -> EINVAL; witx fd_seek maps to lseek). A seek past the end is
 * allowed and reads nothing (POSIX: "lseek() shall allow the file offset to
 * be set beyond the end of the existing data").
 */
#include "wasi_case.h"

int main(void) {
    FILE *f = fopen("fs.dir/hello.txt", "r");
    CHECK(f);
    char buf[32];
    REPORT_LIBC("fseek end", fseek(f, 0, SEEK_END));
    printf("ftell: %ld\n", ftell(f));
    REPORT_LIBC("fseek set 7", fseek(f, 7, SEEK_SET));
    size_t n = fread(buf, 1, 5, f);
    printf("read: [%.*s] ftell: %ld\n", (int)n, buf, ftell(f));
    REPORT_LIBC("fseek cur -6", fseek(f, -6, SEEK_CUR));
    n = fread(buf, 1, 5, f);
    printf("read: [%.*s]\n", (int)n, buf);
    REPORT_LIBC("fseek set -1", fseek(f, -1, SEEK_SET));
    printf("ftell after failed seek: %ld\n", ftell(f));
    REPORT_LIBC("fseek set 100", fseek(f, 100, SEEK_SET));
    n = fread(buf, 1, 5, f);
    printf("read past end: %zu eof=%d\n", n, feof(f) != 0);
    rewind(f);
    n = fread(buf, 1, 5, f);
    printf("after rewind: [%.*s]\n", (int)n, buf);
    CHECK(fclose(f) == 0);
    return 0;
}
