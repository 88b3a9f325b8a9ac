/*
 * random_get_basic: random_get fills the whole buffer with random bytes.
 * Only properties are printed: two 32-byte draws differ, a draw is not all
 * zeros, bytes past the requested length are left untouched, and a
 * zero-length request succeeds. (Chance of a false failure: ~2^-256.)
 */
#include "wasi_case.h"

int main(void) {
    uint8_t a[40], b[40];
    memset(a, 0x5A, sizeof a);
    memset(b, 0x5A, sizeof b);
    REPORT("random_get(32)", __wasi_random_get(a, 32));
    CHECK_OK(__wasi_random_get(b, 32));
    printf("two draws differ: %s\n", memcmp(a, b, 32) != 0 ? "yes" : "no");
    int zero = 1;
    for (int i = 0; i < 32; i++)
        if (a[i] != 0)
            zero = 0;
    printf("draw is all zeros: %s\n", zero ? "yes" : "no");
    int tail = 1;
    for (int i = 32; i < 40; i++)
        if (a[i] != 0x5A || b[i] != 0x5A)
            tail = 0;
    printf("bytes past the length untouched: %s\n", tail ? "yes" : "no");
    REPORT("random_get(0)", __wasi_random_get(a, 0));
    return 0;
}
