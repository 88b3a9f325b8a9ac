/*
 * path_open_dir_for_write (zig cc): open() of a directory for writing is
 * EISDIR (POSIX open: "[EISDIR] The named file is a directory and oflag
 * includes O_WRONLY or O_RDWR"), with or without O_CREAT; fopen(dir, "w")
 * too. O_RDONLY|O_DIRECTORY on a file is ENOTDIR (POSIX: "O_DIRECTORY was
 * specified and the path argument resolves to a non-directory file").
 */
#include <fcntl.h>
#include "wasi_case.h"

int main(void) {
    REPORT_LIBC("open sub O_WRONLY", open("fs.dir/sub", O_WRONLY));
    REPORT_LIBC("open sub O_RDWR", open("fs.dir/sub", O_RDWR));
    REPORT_LIBC("open sub O_WRONLY|O_CREAT", open("fs.dir/sub", O_WRONLY | O_CREAT, 0644));
    errno = 0;
    FILE *f = fopen("fs.dir/sub", "w");
    printf("fopen sub w: %s\n", f ? "opened" : errno_name(errno));
    REPORT_LIBC("open hello.txt O_DIRECTORY", open("fs.dir/hello.txt", O_RDONLY | O_DIRECTORY));
    REPORT_LIBC("open sub O_RDONLY|O_DIRECTORY", open("fs.dir/sub", O_RDONLY | O_DIRECTORY));
    return 0;
}
