/*
 * fd_seek_bad_whence: a whence value outside the enum (set=0, cur=1, end=2)
 * is invalid: lseek gives EINVAL for a bad whence, and EINVAL is the errno
 * witx uses for invalid arguments. Passed through the raw import.
 *
 * Spec ambiguity: whence is an enum in witx, and a host whose bindings check
 * enum values may trap instead of returning (wasmtime did so for an invalid
 * clockid in clock_invalid_id). stdout is flushed first to show progress.
 * Known divergence: wasmtime 49 traps ("Invalid enum value Whence", exit
 * status 1); node returns EINVAL.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    __wasi_filesize_t pos = 0;
    printf("opened\n");
    fflush(stdout);
    REPORT("seek whence=3", __wasi_fd_seek(fd, 0, 3, &pos));
    fflush(stdout);
    REPORT("seek whence=255", __wasi_fd_seek(fd, 0, 255, &pos));
    return 0;
}
