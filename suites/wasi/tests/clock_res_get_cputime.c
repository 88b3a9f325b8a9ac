/*
 * clock_res_get_cputime: the CPU-time clocks (process_cputime_id,
 * thread_cputime_id) are optional in preview1, but the witx text of
 * clock_res_get is explicit: "Implementations are required to provide a
 * non-zero value for supported clocks. For unsupported clocks, return
 * errno::inval." So each must either succeed with res > 0 or fail with
 * EINVAL; any other errno is a divergence (the actual one is printed).
 *
 * Known divergence: wasmtime 49 returns EBADF for both clocks (it does not
 * support them and uses the wrong errno). node (uvwasi) supports them.
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
    probe("process_cputime", __WASI_CLOCKID_PROCESS_CPUTIME_ID, 1);
    probe("thread_cputime", __WASI_CLOCKID_THREAD_CPUTIME_ID, 1);
    return 0;
}
