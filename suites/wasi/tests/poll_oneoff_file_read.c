/*
 * poll_oneoff_file_read: FD_READ and FD_WRITE subscriptions on a regular
 * file are ready at once (POSIX poll: "Regular files shall always poll TRUE
 * for reading and writing"); the call returns both events with error 0
 * before a 10 s clock in the same poll.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &fd));
    __wasi_subscription_t sub[3] = {{0}, {0}, {0}};
    sub[0].userdata = 1;
    sub[0].u.tag = __WASI_EVENTTYPE_FD_READ;
    sub[0].u.u.fd_read.file_descriptor = fd;
    sub[1].userdata = 2;
    sub[1].u.tag = __WASI_EVENTTYPE_FD_WRITE;
    sub[1].u.u.fd_write.file_descriptor = fd;
    sub[2].userdata = 3;
    sub[2].u.tag = __WASI_EVENTTYPE_CLOCK;
    sub[2].u.u.clock.id = __WASI_CLOCKID_MONOTONIC;
    sub[2].u.u.clock.timeout = 10000000000ull;
    __wasi_event_t ev[3];
    __wasi_size_t n = 0;
    REPORT("poll", __wasi_poll_oneoff(sub, ev, 3, &n));
    int r = 0, w = 0, c = 0;
    for (unsigned i = 0; i < n; i++) {
        if (ev[i].userdata == 1 && ev[i].error == 0 && ev[i].type == __WASI_EVENTTYPE_FD_READ) r = 1;
        if (ev[i].userdata == 2 && ev[i].error == 0 && ev[i].type == __WASI_EVENTTYPE_FD_WRITE) w = 1;
        if (ev[i].userdata == 3) c = 1;
    }
    printf("readable: %s, writable: %s, clock fired: %s\n", r ? "yes" : "no", w ? "yes" : "no", c ? "yes" : "no");
    return 0;
}
