/*
 * proc_exit_1: proc_exit(1) ends the command with exit status 1. Output
 * written before the call (flushed) must appear; nothing after it runs.
 * The raw import is called so that the exact code reaches the host.
 */
#include "wasi_case.h"

int main(void) {
    printf("before proc_exit(1)\n");
    fflush(stdout);
    __wasi_proc_exit(1);
    printf("after proc_exit: must not appear\n");
    return 0;
}
