/*
 * args_spaces: arguments containing spaces (leading, trailing, inner) and a
 * tab arrive as single, unsplit, untrimmed arguments: WASI passes an argv
 * vector, there is no shell word splitting.
 * argv[0] is not printed (its value is runtime-defined).
 */
#include "wasi_case.h"

int main(int argc, char **argv) {
    printf("argc-1=%d\n", argc - 1);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=[%s]\n", i, argv[i]);
    return 0;
}
