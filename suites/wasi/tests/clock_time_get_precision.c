/*
 * clock_time_get_precision: the precision argument is only a hint
 * ("The maximum lag (exclusive) that the returned time value may have,
 * compared to its actual value", witx clock_time_get): precision 0, 1 and
 * UINT64_MAX all succeed for REALTIME and MONOTONIC, and MONOTONIC values
 * taken in that order never decrease.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_timestamp_t precs[3] = {0, 1, UINT64_MAX}, t, last = 0;
    int ok = 1, mono = 1;
    for (int i = 0; i < 3; i++) {
        ok &= __wasi_clock_time_get(__WASI_CLOCKID_REALTIME, precs[i], &t) == 0;
        ok &= __wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, precs[i], &t) == 0;
        mono &= t >= last;
        last = t;
    }
    printf("all precisions accepted: %s\n", ok ? "yes" : "no");
    printf("monotonic non-decreasing: %s\n", mono ? "yes" : "no");
    return 0;
}
