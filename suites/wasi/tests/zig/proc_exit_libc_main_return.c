/*
 * proc_exit_libc_main_return (zig cc): returning N from main ends the
 * process with status N (C11 5.1.2.2.3: "a return from the initial call to
 * the main function is equivalent to calling the exit function with the
 * value returned"); wasi-libc's _start passes a nonzero status to
 * proc_exit. Output written to stderr before is not buffered away.
 */
#include "wasi_case.h"

int main(int argc, char **argv) {
    int code = argc > 1 ? atoi(argv[1]) : 0;
    printf("returning %d\n", code);
    fprintf(stderr, "stderr line\n");
    return code;
}
