/*
 * proc_exit_3: proc_exit(3) ends the command with exit status 3. Output
 * written before the call (flushed) must appear; nothing after it runs.
 * The raw import is called so that the exact code reaches the host.
 */
#include "wasi_case.h"

int main(void) {
    printf("before proc_exit(3)\n");
    fflush(stdout);
    __wasi_proc_exit(3);
    printf("after proc_exit: must not appear\n");
    return 0;
}
