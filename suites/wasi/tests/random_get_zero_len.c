/*
 * random_get_zero_len: random_get with length 0 succeeds and writes nothing
 * (the buffer keeps its 0x5A fill); random_get of 1 byte writes at most
 * that byte. Spec: witx random_get "Write high-quality random data into a
 * buffer." buf_len 0 asks for no data.
 */
#include "wasi_case.h"

int main(void) {
    uint8_t buf[16];
    memset(buf, 0x5A, sizeof buf);
    REPORT("random_get len 0", __wasi_random_get(buf, 0));
    int untouched = 1;
    for (int i = 0; i < 16; i++)
        untouched &= buf[i] == 0x5A;
    printf("  buffer untouched: %s\n", untouched ? "yes" : "no");
    REPORT("random_get len 1", __wasi_random_get(buf + 4, 1));
    untouched = 1;
    for (int i = 0; i < 16; i++)
        if (i != 4)
            untouched &= buf[i] == 0x5A;
    printf("  neighbours untouched: %s\n", untouched ? "yes" : "no");
    return 0;
}
