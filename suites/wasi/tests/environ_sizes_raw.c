/*
 * environ_sizes_raw: with exactly three variables A=1, EMPTYISH=x and
 * LONGER=hello world, environ_sizes_get reports count 3 and buffer size 34
 * (4 + 11 + 19 bytes: "NAME=VALUE\0" each), and environ_get stores the
 * pointers inside the buffer, each string NUL-terminated. Spec: witx
 * environ_sizes_get/environ_get; the exact sizes follow from "Key/value
 * pairs are expected to be joined with `=`s, and terminated with `\0`s."
 */
#include "wasi_case.h"

int main(void) {
    __wasi_size_t count = 0, size = 0;
    CHECK_OK(__wasi_environ_sizes_get(&count, &size));
    printf("count: %u, size: %u\n", (unsigned)count, (unsigned)size);
    char *ptrs[8];
    char buf[64];
    memset(buf, '#', sizeof buf);
    CHECK(count <= 8 && size <= sizeof buf);
    CHECK_OK(__wasi_environ_get((uint8_t **)ptrs, (uint8_t *)buf));
    int inside = 1;
    for (unsigned i = 0; i < count; i++)
        inside &= ptrs[i] >= buf && ptrs[i] < buf + size;
    printf("pointers inside the buffer: %s\n", inside ? "yes" : "no");
    printf("buffer ends with NUL and is not overrun: %s\n", buf[size - 1] == 0 && buf[size] == '#' ? "yes" : "no");
    return 0;
}
