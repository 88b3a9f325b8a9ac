/*
 * proc_exit_0: proc_exit(0) ends the command with exit status 0. Output
 * written before the call (flushed) must appear; nothing after it runs.
 * The raw import is called so that the exact code reaches the host.
 * proc_exit(0) is an explicit successful exit, distinct from returning
 * from _start.
 */
#include "wasi_case.h"

int main(void) {
    printf("before proc_exit(0)\n");
    fflush(stdout);
    __wasi_proc_exit(0);
    printf("after proc_exit: must not appear\n");
    return 0;
}
