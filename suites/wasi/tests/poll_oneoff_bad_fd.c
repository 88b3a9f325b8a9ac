/*
 * poll_oneoff_bad_fd: an FD_READ subscription on an fd that is not open.
 * witx: event::error "If non-zero, an error that occurred while processing
 * the subscription request." So the poll itself succeeds and reports the
 * subscription with error EBADF (POSIX poll reports POLLNVAL per fd rather
 * than failing). Some hosts fail the whole call with EBADF instead; the
 * program accepts both and prints "EBADF reported" for either.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_subscription_t sub = {0};
    sub.userdata = 7;
    sub.u.tag = __WASI_EVENTTYPE_FD_READ;
    sub.u.u.fd_read.file_descriptor = 1234;
    __wasi_event_t ev;
    __wasi_size_t n = 0;
    __wasi_errno_t e = __wasi_poll_oneoff(&sub, &ev, 1, &n);
    if (e == __WASI_ERRNO_BADF || (e == 0 && n == 1 && ev.userdata == 7 && ev.error == __WASI_ERRNO_BADF))
        printf("fd 1234: EBADF reported\n");
    else
        printf("fd 1234: poll %s, nevents %u, event error %s\n", errno_name(e), (unsigned)n, errno_name(ev.error));
    return 0;
}
