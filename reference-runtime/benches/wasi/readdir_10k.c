/* WASI workload: fd_readdir over a directory of 10,000 entries. Run with an
 * argument, it creates the entries (an untimed setup run); without, it lists
 * the directory once and prints the entries seen. */
#include <dirent.h>
#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>
int main(int argc, char **argv) {
    int create = argc > 1;
    if (create) {
        mkdir("data/many", 0755);
        char name[64];
        for (int i = 0; i < 10000; i++) {
            snprintf(name, sizeof name, "data/many/entry-%05d", i);
            int fd = open(name, O_WRONLY | O_CREAT, 0644);
            if (fd < 0) { perror("create"); return 1; }
            close(fd);
        }
        return 0;
    }
    long seen = 0;
    {
        DIR *d = opendir("data/many");
        if (!d) { perror("opendir"); return 1; }
        while (readdir(d)) seen++;
        closedir(d);
    }
    printf("%ld\n", seen);
    return 0;
}
