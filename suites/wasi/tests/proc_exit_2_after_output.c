/*
 * proc_exit_2_after_output: output written before proc_exit reaches stdout
 * and stderr (it was already handed to the host by fd_write), and the
 * status is 2. atexit handlers do not run for the raw __wasi_proc_exit (it
 * is not exit()): the handler would print "atexit ran".
 * Spec: witx proc_exit "Terminate the process normally."
 */
#include "wasi_case.h"

static void handler(void) { printf("atexit ran\n"); fflush(stdout); }

int main(void) {
    atexit(handler);
    write_all(1, "to stdout\n", 10);
    write_all(2, "to stderr\n", 10);
    __wasi_proc_exit(2);
}
