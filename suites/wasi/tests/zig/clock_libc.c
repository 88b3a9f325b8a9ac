/*
 * clock_libc (zig cc): clock_gettime/clock_getres/nanosleep/time as C
 * programs use them. CLOCK_MONOTONIC never goes back (POSIX: "cannot be
 * set ... and cannot have negative clock jumps"), its resolution is
 * positive; CLOCK_REALTIME is after 2020-01-01 (any real clock); nanosleep
 * of 20 ms (poll_oneoff with a relative clock subscription) lets at least
 * 20 ms of monotonic time pass (POSIX nanosleep: "suspended until either
 * the time interval ... has elapsed"). time() agrees with CLOCK_REALTIME
 * within a few seconds. Only properties are printed.
 */
#include <time.h>
#include "wasi_case.h"

static long long ns(struct timespec t) { return (long long)t.tv_sec * 1000000000LL + t.tv_nsec; }

int main(void) {
    struct timespec a, b, res;
    REPORT_LIBC("clock_getres monotonic", clock_getres(CLOCK_MONOTONIC, &res));
    printf("resolution > 0: %s\n", ns(res) > 0 ? "yes" : "no");
    CHECK(clock_gettime(CLOCK_MONOTONIC, &a) == 0);
    int back = 0;
    for (int i = 0; i < 1000; i++) {
        CHECK(clock_gettime(CLOCK_MONOTONIC, &b) == 0);
        if (ns(b) < ns(a))
            back = 1;
        a = b;
    }
    printf("monotonic non-decreasing: %s\n", back ? "no" : "yes");
    struct timespec req = {0, 20 * 1000000};
    CHECK(clock_gettime(CLOCK_MONOTONIC, &a) == 0);
    REPORT_LIBC("nanosleep 20ms", nanosleep(&req, NULL));
    CHECK(clock_gettime(CLOCK_MONOTONIC, &b) == 0);
    printf("slept >= 20ms: %s\n", ns(b) - ns(a) >= 20000000LL ? "yes" : "no");
    struct timespec rt;
    REPORT_LIBC("clock_gettime realtime", clock_gettime(CLOCK_REALTIME, &rt));
    printf("realtime after 2020: %s\n", rt.tv_sec > 1577836800LL ? "yes" : "no");
    time_t t = time(NULL);
    printf("time() close to realtime: %s\n", (long long)t - rt.tv_sec <= 5 && (long long)t >= rt.tv_sec ? "yes" : "no");
    return 0;
}
