/*
 * random_get_large: a 1 MiB request is filled completely. Some hosts fill
 * from a fixed-size internal buffer; a partial fill would leave a run of the
 * sentinel pattern behind. The buffer is pre-filled with zeros and every
 * 64-byte block must contain a non-zero byte afterwards (false failure
 * chance ~2^-512 per block). Also checks all 256 byte values occur.
 */
#include "wasi_case.h"

#define N (1024 * 1024)

int main(void) {
    uint8_t *buf = calloc(N, 1);
    CHECK(buf);
    REPORT("random_get(1 MiB)", __wasi_random_get(buf, N));
    int blocks_ok = 1;
    for (size_t off = 0; off < N; off += 64) {
        int nz = 0;
        for (int i = 0; i < 64; i++)
            nz |= buf[off + i];
        if (!nz)
            blocks_ok = 0;
    }
    printf("every 64-byte block filled: %s\n", blocks_ok ? "yes" : "no");
    static int seen[256];
    for (size_t i = 0; i < N; i++)
        seen[buf[i]] = 1;
    int all = 1;
    for (int i = 0; i < 256; i++)
        all &= seen[i];
    printf("all 256 byte values occur: %s\n", all ? "yes" : "no");
    return 0;
}
