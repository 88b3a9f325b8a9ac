/* WASI workload: 10,000 path_open + fd_close of one file in data/. */
#include <fcntl.h>
#include <stdio.h>
#include <unistd.h>
int main(void) {
    int fd = open("data/file.txt", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) { perror("create"); return 1; }
    close(fd);
    for (int i = 0; i < 10000; i++) {
        fd = open("data/file.txt", O_RDONLY);
        if (fd < 0) { perror("open"); return 1; }
        close(fd);
    }
    puts("10000");
    return 0;
}
