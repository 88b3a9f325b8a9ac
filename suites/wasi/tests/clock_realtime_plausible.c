/*
 * clock_realtime_plausible: clock_time_get(realtime) returns nanoseconds
 * since the Unix epoch (witx: timestamp is nanoseconds; realtime is "the
 * time value of a clock that corresponds to the wall clock time"), so the
 * value must lie between 2020-01-01 and 2200-01-01: a value in seconds or
 * microseconds, or from the monotonic clock, would fail. Also checks that
 * libc's time() agrees with it to within a minute. No value is printed.
 */
#include "wasi_case.h"
#include <time.h>

int main(void) {
    __wasi_timestamp_t t = 0;
    CHECK_OK(__wasi_clock_time_get(__WASI_CLOCKID_REALTIME, 1, &t));
    const __wasi_timestamp_t y2020 = 1577836800ull * 1000000000ull;
    const __wasi_timestamp_t y2200 = 7258118400ull * 1000000000ull;
    printf("realtime in [2020, 2200) as ns since epoch: %s\n",
           (t >= y2020 && t < y2200) ? "yes" : "no");
    time_t s = time(NULL);
    long long diff = (long long)s - (long long)(t / 1000000000ull);
    if (diff < 0)
        diff = -diff;
    printf("time() agrees within 60 s: %s\n", diff <= 60 ? "yes" : "no");
    return 0;
}
