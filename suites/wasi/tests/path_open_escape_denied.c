/*
 * path_open_escape_denied: a preopen is a capability; path resolution
 * relative to it must not leave it. Two directories are preopened side by
 * side (fs.dir and other.dir, copied next to each other on the host), so
 * "../other.dir/secret.txt" relative to fs.dir names a file that really
 * exists on the host: a host resolving paths naively would open it. Also
 * refused: the same through a subdirectory ("sub/../../other.dir/..."), and
 * an absolute path. ".." that stays inside the preopen is fine. Reaching
 * other.dir through its own preopen works, of course.
 *
 * Hosts disagree on the errno (wasmtime and wasmi: EPERM; node and "wamr":
 * ENOTCAPABLE; wasmer: ENOENT, from its virtual root) and the spec does not
 * fix one, so only "refused" or "opened" is printed, never the errno.
 */
#include "wasi_case.h"

static void try(__wasi_fd_t base, const char *label, const char *path) {
    __wasi_fd_t fd;
    __wasi_errno_t e = open_at(base, path, 0, 0, &fd);
    printf("open %s from %s: %s\n", path, label, e == 0 ? "opened" : "refused");
    if (e == 0)
        CHECK_OK(__wasi_fd_close(fd));
}

int main(void) {
    __wasi_fd_t fs = preopen_fd("fs.dir");
    __wasi_fd_t other = preopen_fd("other.dir");
    try(fs, "fs.dir", "../other.dir/secret.txt");
    try(fs, "fs.dir", "sub/../../other.dir/secret.txt");
    try(fs, "fs.dir", "/etc/passwd");
    try(fs, "fs.dir", "sub/../hello.txt");
    try(other, "other.dir", "secret.txt");
    return 0;
}
