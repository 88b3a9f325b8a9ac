/*
 * path_open_excl_libc (zig cc): open(O_CREAT|O_EXCL), the lock-file idiom.
 * It creates a missing file, fails with EEXIST on an existing one (POSIX
 * open: "O_CREAT and O_EXCL are set, and the named file exists"), and on a
 * symbolic link even when the link dangles (POSIX: "If O_EXCL and O_CREAT
 * are set, and path names a symbolic link, open() shall fail with [EEXIST],
 * regardless of the contents of the symbolic link"), and must not create
 * the link's target. fopen "wx" (C11) is the same.
 *
 * Known divergence: WasmEdge 0.15.1 and WAMR 2.4.5 follow the dangling
 * link and create its target (O_EXCL dangling symlink: OK, and
 * target_not_there appears); wasmtime, wazero and the reference refuse.
 */
#include <fcntl.h>
#include <unistd.h>
#include "wasi_case.h"

int main(void) {
    int fd;
    REPORT_LIBC("O_EXCL new", fd = open("fs.dir/lock", O_CREAT | O_EXCL | O_WRONLY, 0644));
    if (fd >= 0) {
        CHECK(write(fd, "pid\n", 4) == 4);
        close(fd);
    }
    REPORT_LIBC("O_EXCL existing", open("fs.dir/lock", O_CREAT | O_EXCL | O_WRONLY, 0644));
    REPORT_LIBC("O_EXCL existing dir", open("fs.dir/sub", O_CREAT | O_EXCL | O_WRONLY, 0644));
    CHECK(symlink("target_not_there", "fs.dir/dangling") == 0);
    REPORT_LIBC("O_EXCL dangling symlink", open("fs.dir/dangling", O_CREAT | O_EXCL | O_WRONLY, 0644));
    errno = 0;
    FILE *f = fopen("fs.dir/hello.txt", "wx");
    printf("fopen wx existing: %s\n", f ? "opened" : errno_name(errno));
    f = fopen("fs.dir/fresh", "wx");
    printf("fopen wx new: %s\n", f ? "OK" : errno_name(errno));
    if (f)
        fclose(f);
    return 0;
}
