/*
 * poll_oneoff_stdin_read: with data piped on stdin, an FD_READ subscription
 * on fd 0 together with a 10-second relative clock returns the fd_read event
 * (not the timeout), error 0, and the data then reads normally. Spec: witx
 * eventtype::fd_read "File descriptor subscription_fd_readwrite::
 * file_descriptor has data available for reading." The byte count in
 * event_fd_readwrite::nbytes is only a hint and is not printed.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_subscription_t sub[2] = {{0}, {0}};
    sub[0].userdata = 1;
    sub[0].u.tag = __WASI_EVENTTYPE_FD_READ;
    sub[0].u.u.fd_read.file_descriptor = 0;
    sub[1].userdata = 2;
    sub[1].u.tag = __WASI_EVENTTYPE_CLOCK;
    sub[1].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    sub[1].u.u.clock.timeout = 10000000000ull;
    __wasi_event_t ev[2];
    __wasi_size_t n = 0;
    REPORT("poll", __wasi_poll_oneoff(sub, ev, 2, &n));
    int read_ready = 0, timeout = 0;
    for (unsigned i = 0; i < n; i++) {
        if (ev[i].userdata == 1 && ev[i].type == __WASI_EVENTTYPE_FD_READ && ev[i].error == 0)
            read_ready = 1;
        if (ev[i].userdata == 2)
            timeout = 1;
    }
    printf("stdin readable: %s, timed out: %s\n", read_ready ? "yes" : "no", timeout ? "yes" : "no");
    char buf[64];
    size_t got = read_all(0, buf, sizeof buf);
    printf("stdin: %.*s", (int)got, buf);
    return 0;
}
