/*
 * fd_renumber_self_preopen: fd_renumber(P, P) on a preopened directory is a
 * no-op: it succeeds and P still works (prestat and path lookups).
 * Spec: witx fd_renumber replaces `to` by `fd`; with fd == to nothing is
 * replaced. POSIX dup2: "If fildes2 is equal to fildes, dup2() shall return
 * fildes2 without closing it." Known divergence: wasmer #5676
 * (fd_renumber(3,3) closed the fd).
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir");
    REPORT("renumber(P, P)", __wasi_fd_renumber(root, root));
    __wasi_filestat_t st;
    REPORT("stat hello.txt via P", __wasi_path_filestat_get(root, 0, "hello.txt", &st));
    printf("  size: %llu\n", (unsigned long long)st.size);
    __wasi_fdstat_t fs;
    REPORT("fdstat P", __wasi_fd_fdstat_get(root, &fs));
    printf("  %s\n", filetype_name(fs.fs_filetype));
    return 0;
}
