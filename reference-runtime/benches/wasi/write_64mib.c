/* WASI workload: 64 MiB written through fd_write in 4 KiB chunks to
 * data/out.bin, then closed. Prints the bytes written. */
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>
int main(void) {
    static char chunk[4096];
    memset(chunk, 'x', sizeof chunk);
    int fd = open("data/out.bin", O_WRONLY | O_CREAT | O_TRUNC, 0644);
    if (fd < 0) { perror("open"); return 1; }
    long long total = 0;
    for (int i = 0; i < (64 << 20) / 4096; i++) {
        ssize_t n = write(fd, chunk, sizeof chunk);
        if (n != sizeof chunk) { perror("write"); return 1; }
        total += n;
    }
    close(fd);
    printf("%lld\n", total);
    return 0;
}
