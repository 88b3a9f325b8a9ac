/*
 * args_libc (zig cc): argc/argv from args_sizes_get/args_get. Each argument
 * arrives as one string, unchanged: spaces, quotes, '=', UTF-8 and the
 * empty string are not split or dropped (witx args_get: "Read command-line
 * argument data"; the runner passes each element as one argument).
 * argv[0] is the runtime's choice and is not printed; argv[argc] is NULL
 * (C11 5.1.2.2.1).
 */
#include "wasi_case.h"

int main(int argc, char **argv) {
    printf("argc: %d\n", argc);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]: [%s] %zu bytes\n", i, argv[i], strlen(argv[i]));
    printf("argv[argc] is NULL: %s\n", argv[argc] == NULL ? "yes" : "no");
    return 0;
}
