/*
 * fd_prestat_dir_name_small: fd_prestat_dir_name with a buffer shorter than
 * the name (pr_name_len - 1 bytes) must fail and must not write past the
 * buffer. witx fd_prestat_dir_name has no errno text; wasi-common returns
 * ENAMETOOLONG and uvwasi ENOBUFS, both meaning "the buffer is too small",
 * so the case accepts either (spec ambiguity) but nothing else: success
 * would silently truncate the name. The exact-size call succeeds.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    __wasi_prestat_t ps;
    CHECK_OK(__wasi_fd_prestat_get(root, &ps));
    size_t len = ps.u.dir.pr_name_len;
    char buf[300];
    memset(buf, '#', sizeof buf);
    __wasi_errno_t e = __wasi_fd_prestat_dir_name(root, (uint8_t *)buf, len - 1);
    printf("buffer one byte short: %s\n",
           e == __WASI_ERRNO_NAMETOOLONG || e == __WASI_ERRNO_NOBUFS ? "ENAMETOOLONG or ENOBUFS" : errno_name(e));
    printf("nothing written past it: %s\n", buf[len - 1] == '#' ? "yes" : "no");
    memset(buf, '#', sizeof buf);
    REPORT("exact size", __wasi_fd_prestat_dir_name(root, (uint8_t *)buf, len));
    printf("name: %.*s\n", (int)strlen("fs.dir"), buf);
    printf("byte after it untouched: %s\n", buf[len] == '#' ? "yes" : "no");
    return 0;
}
