/*
 * args_none: with no arguments, argc is exactly 1 (argv[0] only).
 * args_sizes_get must report a single argument; nothing else is printed.
 * argv[0] is not printed (its value is runtime-defined).
 */
#include "wasi_case.h"

int main(int argc, char **argv) {
    printf("argc-1=%d\n", argc - 1);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=[%s]\n", i, argv[i]);
    return 0;
}
