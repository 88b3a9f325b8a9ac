/*
 * poll_oneoff_stdout_write: an FD_WRITE subscription on stdout (a pipe the
 * harness drains) is ready: poll_oneoff returns one fd_write event for it,
 * with error 0 and the subscription's userdata. Spec: witx
 * eventtype::fd_write "File descriptor subscription_fd_readwrite::file_
 * descriptor has capacity available for writing."
 */
#include "wasi_case.h"

int main(void) {
    __wasi_subscription_t sub = {0};
    sub.userdata = 42;
    sub.u.tag = __WASI_EVENTTYPE_FD_WRITE;
    sub.u.u.fd_write.file_descriptor = 1;
    __wasi_event_t ev;
    __wasi_size_t n = 0;
    __wasi_errno_t e = __wasi_poll_oneoff(&sub, &ev, 1, &n);
    printf("poll: %s\n", errno_name(e));
    printf("nevents: %u\n", (unsigned)n);
    printf("type fd_write: %s, userdata: %s, error: %s\n", ev.type == __WASI_EVENTTYPE_FD_WRITE ? "yes" : "no",
           ev.userdata == 42 ? "yes" : "no", errno_name(ev.error));
    return 0;
}
