/*
 * poll_oneoff_events_at_memory_end: the events buffer may end exactly at
 * the end of linear memory: one subscription needs room for one event (32
 * bytes), no more. A relative clock subscription with a 1 µs timeout fires
 * with one event.
 * Spec: witx poll_oneoff "out: Pointer<event> The events that have
 * occurred", nsubscriptions events of size 32 (event: userdata u64, error
 * u16, type u8, fd_readwrite 16 bytes at offset 16).
 */
#include "wasi_case.h"

int main(void) {
    __wasi_subscription_t sub;
    memset(&sub, 0, sizeof sub);
    sub.userdata = 42;
    sub.u.tag = __WASI_EVENTTYPE_CLOCK;
    sub.u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    sub.u.u.clock.timeout = 1000; /* 1 µs: see poll_oneoff_clock_zero */
    uintptr_t end = __builtin_wasm_memory_size(0) * 65536;
    __wasi_event_t *ev = (__wasi_event_t *)(end - sizeof(__wasi_event_t));
    printf("event size: %u\n", (unsigned)sizeof(__wasi_event_t));
    __wasi_size_t n = 0;
    REPORT("poll_oneoff", __wasi_poll_oneoff(&sub, ev, 1, &n));
    printf("nevents: %u\n", (unsigned)n);
    if (n == 1)
        printf("userdata: %llu, type is clock: %s\n", (unsigned long long)ev->userdata,
               ev->type == __WASI_EVENTTYPE_CLOCK ? "yes" : "no");
    return 0;
}
