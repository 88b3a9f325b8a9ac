/*
 * poll_libc_file_timeout (zig cc, newer wasi-libc's poll() and select()
 * over poll_oneoff): a regular file is always ready (POSIX poll: "Regular
 * files shall always poll TRUE for reading and writing"; select: "File
 * descriptors associated with regular files shall always select true for
 * ready to read, ready to write"), so poll() returns at once with POLLIN
 * and POLLOUT and select() marks it readable. poll() with no fds and a
 * 30 ms timeout sleeps at least 30 ms and returns 0 (POSIX: "If none of
 * the defined events have occurred ... poll() shall wait at least timeout
 * milliseconds"). A closed fd is reported in revents as POLLNVAL, not as a
 * failure of poll() (POSIX: "POLLNVAL The specified fd value is invalid";
 * poll's own errors are EAGAIN, EINTR, EINVAL); wasi-libc maps a
 * subscription whose event has error EBADF to POLLNVAL.
 * getentropy() (random_get) fills 64 bytes (not all zero) and refuses more
 * than 256 with EIO (wasi-libc, as POSIX getentropy).
 *
 * Known divergence: wasmtime 49 reports a file readable only for writing
 * (as in poll_oneoff_file_read) and fails the whole poll_oneoff with EBADF
 * for the closed fd; WasmEdge 0.15.1 reports the file ready for neither;
 * wazero 1.9.0 not ready for writing.
 */
#include <fcntl.h>
#include <poll.h>
#include <sys/random.h>
#include <sys/select.h>
#include <time.h>
#include <unistd.h>
#include "wasi_case.h"

static long long now_ns(void) {
    struct timespec t;
    CHECK(clock_gettime(CLOCK_MONOTONIC, &t) == 0);
    return (long long)t.tv_sec * 1000000000LL + t.tv_nsec;
}

int main(void) {
    int f = open("fs.dir/hello.txt", O_RDWR);
    CHECK(f >= 0);
    struct pollfd p = {f, POLLIN | POLLOUT, 0};
    errno = 0;
    int r = poll(&p, 1, 1000);
    printf("poll file: %d %s, POLLIN %s, POLLOUT %s\n", r, errno_name(errno),
           p.revents & POLLIN ? "yes" : "no", p.revents & POLLOUT ? "yes" : "no");
    fd_set rs;
    FD_ZERO(&rs);
    FD_SET(f, &rs);
    struct timeval tv = {1, 0};
    errno = 0;
    r = select(f + 1, &rs, NULL, NULL, &tv);
    printf("select file: %d %s, readable %s\n", r, errno_name(errno), FD_ISSET(f, &rs) ? "yes" : "no");
    long long t0 = now_ns();
    errno = 0;
    r = poll(NULL, 0, 30);
    printf("poll no fds 30 ms: %d %s, waited >= 30 ms: %s\n", r, errno_name(errno), now_ns() - t0 >= 30000000LL ? "yes" : "no");
    CHECK(close(f) == 0);
    struct pollfd q = {f, POLLIN, 0};
    errno = 0;
    r = poll(&q, 1, 0);
    printf("poll closed fd: %d %s, POLLNVAL %s\n", r, errno_name(errno), q.revents & POLLNVAL ? "yes" : "no");
    unsigned char b[64] = {0};
    int nz = 0;
    REPORT_LIBC("getentropy 64", getentropy(b, 64));
    for (int i = 0; i < 64; i++)
        nz |= b[i];
    printf("not all zero: %s\n", nz ? "yes" : "no");
    REPORT_LIBC("getentropy 300", getentropy(b, 300));
    return 0;
}
