/*
 * args_sizes_get: the raw args_sizes_get / args_get imports agree with each
 * other. The witx spec says args_sizes_get returns the number of arguments
 * and the size of the argument string data, and that each argument written
 * by args_get is NUL-terminated; so argv_buf_size must equal the sum of
 * (strlen + 1) over all arguments, argv[0] included, and every argv pointer
 * must point inside argv_buf. argv[0] itself is never printed.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_size_t count = 0, bufsize = 0;
    CHECK_OK(__wasi_args_sizes_get(&count, &bufsize));
    printf("count-1=%u\n", (unsigned)count - 1);
    uint8_t **argv = calloc(count + 1, sizeof *argv);
    uint8_t *buf = malloc(bufsize + 1);
    CHECK(argv && buf);
    memset(buf, 0xAA, bufsize + 1);
    CHECK_OK(__wasi_args_get(argv, buf));
    size_t total = 0;
    int inside = 1;
    for (__wasi_size_t i = 0; i < count; i++) {
        if (argv[i] < buf || argv[i] >= buf + bufsize)
            inside = 0;
        else
            total += strlen((char *)argv[i]) + 1;
    }
    printf("pointers inside argv_buf: %s\n", inside ? "yes" : "no");
    printf("argv_buf_size == sum(strlen+1): %s\n", total == bufsize ? "yes" : "no");
    printf("byte after argv_buf untouched: %s\n", buf[bufsize] == 0xAA ? "yes" : "no");
    for (__wasi_size_t i = 1; i < count; i++)
        printf("arg %u: [%s]\n", (unsigned)i, (char *)argv[i]);
    return 0;
}
