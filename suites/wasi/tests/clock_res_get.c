/*
 * clock_res_get: the witx spec requires a non-zero resolution for every
 * supported clock. realtime and monotonic are the two clocks every preview1
 * host supports (wasi-libc's clock_gettime relies on them), so both must
 * succeed with res > 0. Resolutions themselves vary and are not printed.
 * The optional CPU-time clocks are in clock_res_get_cputime.
 */
#include "wasi_case.h"

static void probe(const char *name, __wasi_clockid_t id, int optional) {
    __wasi_timestamp_t res = 0;
    __wasi_errno_t e = __wasi_clock_res_get(id, &res);
    if (!optional) {
        printf("%s: %s, res > 0: %s\n", name, errno_name(e), res > 0 ? "yes" : "no");
    } else {
        int good = (e == 0 && res > 0) || e == __WASI_ERRNO_INVAL;
        if (good)
            printf("%s: supported with res > 0, or EINVAL: yes\n", name);
        else
            printf("%s: supported with res > 0, or EINVAL: no (%s)\n", name, errno_name(e));
    }
}

int main(void) {
    probe("realtime", __WASI_CLOCKID_REALTIME, 0);
    probe("monotonic", __WASI_CLOCKID_MONOTONIC, 0);
    return 0;
}
