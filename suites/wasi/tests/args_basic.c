/*
 * args_basic: the command sees argv[1..] exactly as given, in order.
 * args_sizes_get / args_get deliver the arguments the runtime was asked to
 * pass. argv[0] is not printed (its value is runtime-defined).
 */
#include "wasi_case.h"

int main(int argc, char **argv) {
    printf("argc-1=%d\n", argc - 1);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=[%s]\n", i, argv[i]);
    return 0;
}
