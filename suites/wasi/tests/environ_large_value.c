/*
 * environ_large_value: one variable BIG whose value is 65536 bytes ("0123456789abcdef"
 * repeated 4096 times) and a small one after it arrive intact: getenv sees
 * both, BIG has the exact length and content. Spec: witx environ_get (no
 * size limit); POSIX requires no limit below ARG_MAX for the environment.
 */
#include "wasi_case.h"

int main(void) {
    const char *big = getenv("BIG"), *small = getenv("SMALL");
    printf("BIG present: %s\n", big ? "yes" : "no");
    CHECK(big);
    size_t len = strlen(big);
    int ok = len == 65536;
    for (size_t i = 0; ok && i < len; i++)
        ok = big[i] == "0123456789abcdef"[i % 16];
    printf("BIG length: %zu, content intact: %s\n", len, ok ? "yes" : "no");
    printf("SMALL: %s\n", small ? small : "(missing)");
    return 0;
}
