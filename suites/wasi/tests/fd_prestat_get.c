/*
 * fd_prestat_get: a directory given to the command is visible as a preopen.
 * wasi-libc (and the wasi-testsuite convention) finds preopens by calling
 * fd_prestat_get on fd 3, 4, ... until EBADF, so with one preopen: fd 3 is
 * a directory preopen whose name, from fd_prestat_dir_name, is the guest
 * path "fs.dir" (pr_name_len counts its bytes, no NUL), and fd 4 gives EBADF.
 * fd_prestat_get on stdin (not a preopen) must not claim to be a directory.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_prestat_t ps;
    memset(&ps, 0xff, sizeof ps);
    REPORT("fd_prestat_get(3)", __wasi_fd_prestat_get(3, &ps));
    printf("tag is dir: %s\n", ps.tag == __WASI_PREOPENTYPE_DIR ? "yes" : "no");
    printf("pr_name_len: %u\n", (unsigned)ps.u.dir.pr_name_len);
    char name[64];
    memset(name, '#', sizeof name);
    size_t len = ps.u.dir.pr_name_len < 60 ? ps.u.dir.pr_name_len : 60;
    REPORT("fd_prestat_dir_name(3)", __wasi_fd_prestat_dir_name(3, (uint8_t *)name, len));
    printf("name: [%.*s]\n", (int)len, name);
    printf("byte after name untouched: %s\n", name[len] == '#' ? "yes" : "no");
    REPORT("fd_prestat_get(4)", __wasi_fd_prestat_get(4, &ps));
    __wasi_errno_t e = __wasi_fd_prestat_get(0, &ps);
    printf("fd_prestat_get(0) is a dir preopen: %s\n",
           (e == 0 && ps.tag == __WASI_PREOPENTYPE_DIR) ? "yes" : "no");
    return 0;
}
