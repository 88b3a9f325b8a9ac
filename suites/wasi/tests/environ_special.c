/*
 * environ_special: values that are easy to mangle survive unchanged: a value
 * containing '=' (only the first '=' separates key and value), an empty value
 * (the variable exists, with length 0), spaces, and UTF-8. The raw
 * environ_sizes_get / environ_get pair is also checked for consistency:
 * the buffer size is the sum of (strlen + 1) of the NUL-terminated
 * KEY=VALUE strings, and every pointer is inside the buffer.
 */
#include "wasi_case.h"

static void show(const char *k) {
    const char *v = getenv(k);
    if (v)
        printf("%s=[%s] len=%zu\n", k, v, strlen(v));
    else
        printf("%s unset\n", k);
}

int main(void) {
    __wasi_size_t count = 0, size = 0;
    CHECK_OK(__wasi_environ_sizes_get(&count, &size));
    uint8_t **env = calloc(count + 1, sizeof *env);
    uint8_t *buf = malloc(size + 1);
    CHECK(env && buf);
    CHECK_OK(__wasi_environ_get(env, buf));
    size_t total = 0;
    int inside = 1;
    for (__wasi_size_t i = 0; i < count; i++) {
        if (env[i] < buf || env[i] >= buf + size)
            inside = 0;
        else
            total += strlen((char *)env[i]) + 1;
    }
    printf("count=%u\n", (unsigned)count);
    printf("pointers inside buffer: %s\n", inside ? "yes" : "no");
    printf("size == sum(strlen+1): %s\n", total == size ? "yes" : "no");
    show("EQ");
    show("EMPTY");
    show("SPACES");
    show("UTF8");
    return 0;
}
