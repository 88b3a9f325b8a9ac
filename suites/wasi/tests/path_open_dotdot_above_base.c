/*
 * path_open_dotdot_above_base: a path whose ".." climbs above the base
 * directory fd is refused even when it would lead back into the same
 * preopen: "../fs.dir/hello.txt" relative to the preopen fs.dir. WASI
 * resolves every path relative to its directory fd (like openat beneath it,
 * RESOLVE_BENEATH style); there is no "parent" of a preopen to go through.
 * Only "refused"/"opened" is printed (hosts use EPERM, ENOTCAPABLE, ENOENT).
 *
 * Known divergence: node (uvwasi) joins the path to the preopen's guest name
 * and normalizes it lexically, so "fs.dir/../fs.dir/hello.txt" becomes
 * "fs.dir/hello.txt" and opens: it never leaves the sandbox, but it accepts
 * ".." above the base fd and makes the result depend on the guest name of
 * the preopen. wasmtime refuses.
 *
 * The last line applies the same rule to a directory fd opened from the
 * preopen: each directory fd is a capability of its own, so "../hello.txt"
 * relative to sub is refused although hello.txt is inside the preopen
 * (wasmtime and node agree on that one).
 */
#include "wasi_case.h"

static void try(__wasi_fd_t base, const char *path) {
    __wasi_fd_t fd;
    __wasi_errno_t e = open_at(base, path, 0, 0, &fd);
    printf("open %s: %s\n", path, e == 0 ? "opened" : "refused");
    if (e == 0)
        CHECK_OK(__wasi_fd_close(fd));
}

int main(void) {
    __wasi_fd_t fs = preopen_fd("fs.dir"), sub;
    try(fs, "../fs.dir/hello.txt");
    try(fs, "..");
    CHECK_OK(open_dir(fs, "sub", &sub));
    /* relative to sub: ".." is still inside the preopen, but above sub */
    try(sub, "../hello.txt");
    return 0;
}
