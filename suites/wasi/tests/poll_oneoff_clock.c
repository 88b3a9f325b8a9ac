/*
 * poll_oneoff_clock: a single relative clock subscription (monotonic, 20 ms)
 * blocks until the timeout and yields exactly one event: of type clock,
 * with the subscription's userdata and error success; at least 20 ms of
 * monotonic time have passed. nanosleep in wasi-libc is built on this.
 * sched_yield succeeds. Durations are compared, never printed.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_timestamp_t t0, t1;
    CHECK_OK(__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 0, &t0));
    __wasi_subscription_t sub;
    memset(&sub, 0, sizeof sub);
    sub.userdata = 0x1234567890ABCDEFull;
    sub.u.tag = __WASI_EVENTTYPE_CLOCK;
    sub.u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    sub.u.u.clock.timeout = 20000000ull; /* 20 ms */
    sub.u.u.clock.precision = 0;
    sub.u.u.clock.flags = 0; /* relative */
    __wasi_event_t ev;
    memset(&ev, 0xff, sizeof ev);
    __wasi_size_t n = 0;
    REPORT("poll_oneoff", __wasi_poll_oneoff(&sub, &ev, 1, &n));
    CHECK_OK(__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 0, &t1));
    printf("nevents: %u\n", (unsigned)n);
    printf("event type is clock: %s\n", ev.type == __WASI_EVENTTYPE_CLOCK ? "yes" : "no");
    printf("userdata matches: %s\n", ev.userdata == sub.userdata ? "yes" : "no");
    printf("event error: %s\n", errno_name(ev.error));
    printf("at least 20 ms elapsed: %s\n", t1 - t0 >= 20000000ull ? "yes" : "no");
    REPORT("sched_yield", __wasi_sched_yield());
    return 0;
}
