/*
 * path_open_eisdir: a directory cannot be opened for writing: POSIX open()
 * gives EISDIR for O_WRONLY or O_RDWR on a directory, and for O_TRUNC.
 * Through wasi-libc, open() maps O_WRONLY/O_RDWR to the fd_write right and
 * O_TRUNC to oflags TRUNC. Opening the directory read-only succeeds.
 */
#include "wasi_case.h"
#include <fcntl.h>
#include <unistd.h>

int main(void) {
    int fd;
    REPORT_LIBC("open(sub, O_WRONLY)", fd = open("fs.dir/sub", O_WRONLY));
    REPORT_LIBC("open(sub, O_RDWR)", fd = open("fs.dir/sub", O_RDWR));
    REPORT_LIBC("open(sub, O_RDONLY|O_TRUNC)", fd = open("fs.dir/sub", O_RDONLY | O_TRUNC));
    REPORT_LIBC("open(sub, O_RDONLY)", fd = open("fs.dir/sub", O_RDONLY));
    return 0;
}
