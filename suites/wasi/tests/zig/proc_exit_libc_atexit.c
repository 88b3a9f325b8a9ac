/*
 * proc_exit_libc_atexit (zig cc): exit(42) runs atexit handlers in reverse
 * order of registration and flushes stdio before proc_exit (C11 7.22.4.4:
 * "all functions registered by the atexit function are called, in the
 * reverse order ... all open streams with unwritten buffered data are
 * flushed"), and the status reaches the host (witx proc_exit: "The exit
 * code returned by the process").
 */
#include "wasi_case.h"

static void first(void) { printf("atexit first-registered runs last\n"); }
static void second(void) { printf("atexit second-registered runs first\n"); }

int main(void) {
    atexit(first);
    atexit(second);
    printf("buffered line, no newline flush yet");
    printf("\n");
    exit(42);
}
