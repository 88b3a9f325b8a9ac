/*
 * poll_oneoff_clock_absolute: a MONOTONIC clock subscription with
 * SUBSCRIPTION_CLOCK_ABSTIME and a deadline 30 ms from now returns one clock
 * event with the subscription's userdata, not before the deadline; an
 * absolute deadline in the past fires at once.
 * Spec: witx subclockflags::subscription_clock_abstime "If set, treat the
 * timestamp provided in subscription_clock::timeout as an absolute timestamp
 * of clock subscription_clock::id. If clear, treat the timestamp provided in
 * subscription_clock::timeout relative to the current time value of clock
 * subscription_clock::id."
 */
#include "wasi_case.h"

static void poll_until(const char *label, __wasi_timestamp_t deadline) {
    __wasi_subscription_t sub = {0};
    sub.userdata = 0xabcdef;
    sub.u.tag = __WASI_EVENTTYPE_CLOCK;
    sub.u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    sub.u.u.clock.timeout = deadline;
    sub.u.u.clock.flags = __WASI_SUBCLOCKFLAGS_SUBSCRIPTION_CLOCK_ABSTIME;
    __wasi_event_t ev;
    __wasi_size_t n = 0;
    REPORT(label, __wasi_poll_oneoff(&sub, &ev, 1, &n));
    printf("  nevents: %u, clock event: %s, userdata: %s, error: %s\n", (unsigned)n,
           ev.type == __WASI_EVENTTYPE_CLOCK ? "yes" : "no", ev.userdata == 0xabcdef ? "yes" : "no",
           errno_name(ev.error));
}

int main(void) {
    __wasi_timestamp_t t0, t1;
    CHECK_OK(__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t0));
    poll_until("poll until now+30ms", t0 + 30000000);
    CHECK_OK(__wasi_clock_time_get(__WASI_CLOCKID_MONOTONIC, 1, &t1));
    printf("  deadline reached: %s\n", t1 >= t0 + 30000000 ? "yes" : "no");
    poll_until("poll until a past time", t0 / 2);
    return 0;
}
