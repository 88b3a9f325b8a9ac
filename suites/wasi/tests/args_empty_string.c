/*
 * args_empty_string: empty-string arguments are preserved as arguments of
 * length 0 (they must not be dropped or merged), including first and last.
 * argv[0] is not printed (its value is runtime-defined).
 */
#include "wasi_case.h"

int main(int argc, char **argv) {
    printf("argc-1=%d\n", argc - 1);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=[%s] len=%zu\n", i, argv[i], strlen(argv[i]));
    return 0;
}
