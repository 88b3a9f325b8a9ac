/*
 * poll_oneoff_clock_zero: a relative clock subscription with timeout 0 has
 * already expired: poll_oneoff returns at once with its one event (what
 * wasi-libc's poll() with timeout 0 and nanosleep of 0 rely on).
 * Spec: witx subscription_clock::timeout "The absolute or relative
 * timestamp"; poll_oneoff "Concurrently poll for the occurrence of a set of
 * events"; POSIX poll(): "If the value of timeout is 0, poll() shall return
 * immediately."
 */
#include "wasi_case.h"

int main(void) {
    __wasi_subscription_t sub;
    memset(&sub, 0, sizeof sub);
    sub.userdata = 7;
    sub.u.tag = __WASI_EVENTTYPE_CLOCK;
    sub.u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    sub.u.u.clock.timeout = 0;
    __wasi_event_t ev;
    memset(&ev, 0xff, sizeof ev);
    __wasi_size_t n = 0;
    REPORT("poll_oneoff", __wasi_poll_oneoff(&sub, &ev, 1, &n));
    printf("nevents: %u\n", (unsigned)n);
    printf("userdata: %llu, error: %s\n", (unsigned long long)ev.userdata, errno_name(ev.error));
    return 0;
}
