/*
 * fd_advise_basic: fd_advise with each advice value on a regular file opened
 * with the fd_advise right succeeds, and does not change the file.
 * Spec: witx fd_advise "Provide file advisory information on a file
 * descriptor. Note: This is similar to posix_fadvise in POSIX." POSIX
 * posix_fadvise: advice is a hint; it succeeds for a regular file and a
 * valid advice, with len 0 meaning "to the end of the file".
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    static const char *names[] = {"NORMAL", "SEQUENTIAL", "RANDOM",
                                  "WILLNEED", "DONTNEED", "NOREUSE"};
    for (int a = 0; a < 6; a++) {
        char label[64];
        snprintf(label, sizeof label, "advise %s 0..13", names[a]);
        REPORT(label, __wasi_fd_advise(fd, 0, 13, (__wasi_advice_t)a));
    }
    REPORT("advise NORMAL len 0 (to end)", __wasi_fd_advise(fd, 0, 0, __WASI_ADVICE_NORMAL));
    REPORT("advise past end", __wasi_fd_advise(fd, 1000, 10, __WASI_ADVICE_WILLNEED));
    __wasi_filestat_t st;
    CHECK_OK(__wasi_fd_filestat_get(fd, &st));
    printf("size: %llu\n", (unsigned long long)st.size);
    return 0;
}
