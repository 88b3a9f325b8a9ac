/*
 * fd_seek_stdin_pipe_cur: fd_seek(0, 0, CUR) on a pipe (stdin is fed
 * through a pipe) gives ESPIPE, and the data still reads in order
 * afterwards. Spec: POSIX lseek [ESPIPE] "The fildes argument is associated
 * with a pipe, FIFO, or socket"; witx errno::spipe "Invalid seek".
 * Known divergence: node withholds the seek right on stdio (ENOTCAPABLE),
 * wasmer gives EACCES; see fd_seek_stdin_espipe and wasmtime #12913.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_filesize_t pos;
    REPORT("seek stdin CUR 0", __wasi_fd_seek(0, 0, __WASI_WHENCE_CUR, &pos));
    REPORT("seek stdin END 0", __wasi_fd_seek(0, 0, __WASI_WHENCE_END, &pos));
    char buf[32];
    size_t got = read_all(0, buf, sizeof buf);
    printf("stdin: %.*s", (int)got, buf);
    return 0;
}
