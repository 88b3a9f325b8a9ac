/*
 * clock_monotonic_nondecreasing: successive clock_time_get(monotonic) values
 * never go backwards (that is what "monotonic" means), across 10000 calls
 * and across a short busy loop, for precision 0 and for a coarse precision.
 * Actual values vary, so only the property is printed.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_timestamp_t prev = 0, now = 0, first = 0;
    CHECK_OK(__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 0, &first));
    prev = first;
    int ok = 1;
    for (int i = 0; i < 10000; i++) {
        __wasi_timestamp_t precision = (i & 1) ? 1000000 : 0;
        CHECK_OK(__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, precision, &now));
        if (now < prev)
            ok = 0;
        prev = now;
    }
    printf("monotonic is non-decreasing: %s\n", ok ? "yes" : "no");
    /* Spin until the clock moves: it must advance at some point. */
    int advanced = 0;
    for (long i = 0; i < 200000000L; i++) {
        CHECK_OK(__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 0, &now));
        if (now > first) {
            advanced = 1;
            break;
        }
    }
    printf("monotonic advances: %s\n", advanced ? "yes" : "no");
    return 0;
}
