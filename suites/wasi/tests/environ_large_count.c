/*
 * environ_large_count: an environment of 200 variables (V000=value000 ..
 * V199=value199) arrives complete: environ_sizes_get reports 200 entries and
 * a buffer size equal to the sum of "NAME=VALUE\0" lengths (200 x 14 = 2800 bytes), and
 * environ_get returns every pair exactly once. Order is not specified, so
 * the program sorts. Spec: witx environ_sizes_get "Returns the number of
 * environment variable arguments and the size of the environment variable
 * data."; environ_get "Read environment variable data. The sizes of the
 * buffers should match that returned by environ_sizes_get. Key/value pairs
 * are expected to be joined with `=`s, and terminated with `\0`s."
 */
#include "wasi_case.h"

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void) {
    __wasi_size_t count = 0, size = 0;
    CHECK_OK(__wasi_environ_sizes_get(&count, &size));
    printf("count: %u, size: %u\n", (unsigned)count, (unsigned)size);
    char **env = malloc((count + 1) * sizeof *env);
    char *buf = malloc(size);
    CHECK(env && buf);
    CHECK_OK(__wasi_environ_get((uint8_t **)env, (uint8_t *)buf));
    qsort(env, count, sizeof *env, cmp);
    int ok = count == 200;
    for (unsigned i = 0; ok && i < count; i++) {
        char want[32];
        snprintf(want, sizeof want, "V%03u=value%03u", i, i);
        ok = strcmp(env[i], want) == 0;
    }
    printf("every pair present once: %s\n", ok ? "yes" : "no");
    return 0;
}
