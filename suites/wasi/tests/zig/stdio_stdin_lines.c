/*
 * stdio_stdin_lines (zig cc): a filter reading stdin with fgets until EOF
 * (fd_read returning 0 bytes on a pipe at end of input, POSIX read: "If no
 * process has the pipe open for writing, read() shall return 0 to
 * indicate end-of-file"), including a last line without a newline, then
 * getchar() again at EOF returns EOF.
 */
#include <ctype.h>
#include "wasi_case.h"

int main(void) {
    char line[256];
    int n = 0;
    while (fgets(line, sizeof line, stdin)) {
        n++;
        size_t len = strlen(line);
        int nl = len > 0 && line[len - 1] == '\n';
        if (nl)
            line[--len] = 0;
        for (size_t i = 0; i < len; i++)
            line[i] = toupper((unsigned char)line[i]);
        printf("%d: %s%s\n", n, line, nl ? "" : " (no newline)");
    }
    printf("lines: %d, feof: %d, ferror: %d\n", n, feof(stdin) != 0, ferror(stdin) != 0);
    printf("getchar at EOF: %s\n", getchar() == EOF ? "EOF" : "data");
    return 0;
}
