/*
 * proc_exit_126: proc_exit(126) ends the command with exit status 126. Output
 * written before the call (flushed) must appear; nothing after it runs.
 * The raw import is called so that the exact code reaches the host.
 *
 * witx: proc_exit(rval: exitcode), exitcode is a u32, and "an exit code of 0
 * indicates successful termination ... the meanings of other values is
 * dependent on the environment". Nothing limits it to 0..125, so the
 * expectation is exit status 126. Known divergence: wasmtime (and wasmi)
 * reject codes >= 126 ("invalid exit status outside of [0..126)") and exit
 * with status 1, reserving 126+ for their own use; wasmer, node and "wamr"
 * pass 126 through.
 */
#include "wasi_case.h"

int main(void) {
    printf("before proc_exit(126)\n");
    fflush(stdout);
    __wasi_proc_exit(126);
    printf("after proc_exit: must not appear\n");
    return 0;
}
