/*
 * environ_libc (zig cc): getenv() and the environ array, filled from
 * environ_sizes_get/environ_get. The environment is exactly what the
 * runner passes (README: not inherited); values may contain '=' and
 * spaces and may be empty (POSIX environ: strings "name=value"). The
 * program sorts environ (order unspecified). setenv/unsetenv change only
 * the program's copy.
 */
#include "wasi_case.h"

extern char **environ;

static int cmp(const void *a, const void *b) { return strcmp(*(char *const *)a, *(char *const *)b); }

int main(void) {
    const char *keys[] = {"PLAIN", "WITH_EQ", "SPACES", "EMPTY", "UNSET"};
    for (int i = 0; i < 5; i++) {
        const char *v = getenv(keys[i]);
        printf("getenv %s: %s%s%s\n", keys[i], v ? "[" : "", v ? v : "(null)", v ? "]" : "");
    }
    int n = 0;
    while (environ[n])
        n++;
    char **copy = malloc(sizeof(char *) * (n + 1));
    memcpy(copy, environ, sizeof(char *) * n);
    qsort(copy, n, sizeof(char *), cmp);
    printf("environ has %d entries:\n", n);
    for (int i = 0; i < n; i++)
        printf("  %s\n", copy[i]);
    CHECK(setenv("NEW", "1", 1) == 0);
    CHECK(unsetenv("PLAIN") == 0);
    printf("after setenv/unsetenv: NEW=%s PLAIN=%s\n", getenv("NEW"), getenv("PLAIN") ? "set" : "unset");
    return 0;
}
