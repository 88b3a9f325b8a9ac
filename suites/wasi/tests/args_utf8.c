/*
 * args_utf8: non-ASCII UTF-8 arguments (2-, 3- and 4-byte sequences) arrive
 * byte for byte; the byte length of each is printed too.
 * argv[0] is not printed (its value is runtime-defined).
 */
#include "wasi_case.h"

int main(int argc, char **argv) {
    printf("argc-1=%d\n", argc - 1);
    for (int i = 1; i < argc; i++)
        printf("argv[%d]=[%s] len=%zu\n", i, argv[i], strlen(argv[i]));
    return 0;
}
