/*
 * poll_oneoff_two_clocks: a 10 ms and a 10 s relative MONOTONIC clock in one
 * poll: the call returns after the short one with exactly one event, the
 * short one's userdata. Spec: witx poll_oneoff "Concurrently poll for the
 * occurrence of a set of events"; it returns when at least one has
 * occurred.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_subscription_t sub[2] = {{0}, {0}};
    for (int i = 0; i < 2; i++) {
        sub[i].u.tag = __WASI_EVENTTYPE_CLOCK;
        sub[i].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    }
    sub[0].userdata = 100;
    sub[0].u.u.clock.timeout = 10000000000ull;
    sub[1].userdata = 200;
    sub[1].u.u.clock.timeout = 10000000ull;
    __wasi_event_t ev[2];
    __wasi_size_t n = 0;
    REPORT("poll", __wasi_poll_oneoff(sub, ev, 2, &n));
    printf("nevents: %u, first is the 10 ms clock: %s\n", (unsigned)n, n >= 1 && ev[0].userdata == 200 ? "yes" : "no");
    return 0;
}
