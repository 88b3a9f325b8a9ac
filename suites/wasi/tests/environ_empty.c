/*
 * environ_empty: with no variables given, the command's environment is
 * empty: environ_sizes_get reports 0 variables and 0 bytes, and `environ`
 * has no entries. WASI gives a command only what the embedder passes; the
 * host environment must not leak in (wasmtime needs -S inherit-env, wasmer
 * --forward-host-env to inherit it, so the default is empty).
 */
#include "wasi_case.h"

extern char **environ;

int main(void) {
    __wasi_size_t count = 99, size = 99;
    CHECK_OK(__wasi_environ_sizes_get(&count, &size));
    printf("environ_sizes_get: count=%u size=%u\n", (unsigned)count, (unsigned)size);
    int n = 0;
    for (char **e = environ; e && *e; e++)
        n++;
    printf("environ entries: %d\n", n);
    printf("getenv(PATH): %s\n", getenv("PATH") ? "set" : "unset");
    return 0;
}
