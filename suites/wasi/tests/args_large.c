/*
 * args_large: 200 arguments, the last one 65536 bytes long ("a" .. "z"
 * repeated), arrive intact and in order; args_sizes_get agrees with what
 * args_get fills. Spec: witx args_sizes_get/args_get "Read command-line
 * argument data. The size of the array should match that returned by
 * args_sizes_get. Each argument is expected to be \0 terminated."
 * argv[0] is chosen by the runtime and not printed.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_size_t argc = 0, size = 0;
    CHECK_OK(__wasi_args_sizes_get(&argc, &size));
    char **argv = malloc((argc + 1) * sizeof *argv);
    char *buf = malloc(size);
    CHECK(argv && buf);
    CHECK_OK(__wasi_args_get((uint8_t **)argv, (uint8_t *)buf));
    printf("argc: %u\n", (unsigned)argc);
    size_t total = 0;
    for (unsigned i = 0; i < argc; i++)
        total += strlen(argv[i]) + 1;
    printf("size matches the strings: %s\n", total == size ? "yes" : "no");
    int ok = argc == 201;
    for (unsigned i = 1; ok && i < 200; i++) {
        char want[16];
        snprintf(want, sizeof want, "arg%03u", i);
        ok = strcmp(argv[i], want) == 0;
    }
    printf("arg001..arg199 in order: %s\n", ok ? "yes" : "no");
    const char *last = argc == 201 ? argv[200] : "";
    size_t len = strlen(last);
    ok = len == 65536;
    for (size_t i = 0; ok && i < len; i++)
        ok = last[i] == 'a' + (char)(i % 26);
    printf("last: %zu bytes, intact: %s\n", len, ok ? "yes" : "no");
    return 0;
}
