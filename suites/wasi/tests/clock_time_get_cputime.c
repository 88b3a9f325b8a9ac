/*
 * clock_time_get_cputime: clock_time_get on the CPU-time clocks
 * (process_cputime_id, thread_cputime_id) either succeeds, with a value that
 * does not decrease after some busy work, or fails with EINVAL ("unsupported
 * clock"). Spec: witx clock_time_get "Return the time value of a clock.
 * Note: This is similar to clock_gettime in POSIX."; POSIX clock_gettime
 * [EINVAL] "The clock_id argument does not specify a known clock"; witx
 * clock_res_get: "For unsupported clocks, return errno::inval."
 * Known divergence: wasmtime answers EBADF in clock_res_get for these
 * clocks (clock_res_get_cputime).
 */
#include "wasi_case.h"

static volatile unsigned sink;

static void probe(const char *name, __wasi_clockid_t id) {
    __wasi_timestamp_t a = 0, b = 0;
    __wasi_errno_t e = __wasi_clock_time_get(id, 1, &a);
    for (unsigned i = 0; i < 2000000; i++)
        sink += i;
    __wasi_errno_t e2 = __wasi_clock_time_get(id, 1, &b);
    int good = (e == 0 && e2 == 0 && b >= a) || (e == __WASI_ERRNO_INVAL && e2 == __WASI_ERRNO_INVAL);
    if (good)
        printf("%s: non-decreasing, or EINVAL: yes\n", name);
    else
        printf("%s: %s then %s\n", name, errno_name(e), errno_name(e2));
}

int main(void) {
    probe("process_cputime", __WASI_CLOCKID_PROCESS_CPUTIME_ID);
    probe("thread_cputime", __WASI_CLOCKID_THREAD_CPUTIME_ID);
    return 0;
}
