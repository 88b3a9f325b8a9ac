/*
 * environ_basic: the variables passed by the embedder are visible as
 * KEY=VALUE entries (environ_get joins key and value with '=') and through
 * getenv. The entries are sorted before printing: the spec does not promise
 * any order.
 */
#include "wasi_case.h"

extern char **environ;

static int cmp(const void *a, const void *b) {
    return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void) {
    int n = 0;
    for (char **e = environ; e && *e; e++)
        n++;
    char **copy = calloc(n + 1, sizeof *copy);
    CHECK(copy);
    for (int i = 0; i < n; i++)
        copy[i] = environ[i];
    qsort(copy, n, sizeof *copy, cmp);
    printf("count=%d\n", n);
    for (int i = 0; i < n; i++)
        printf("[%s]\n", copy[i]);
    const char *foo = getenv("FOO");
    printf("getenv(FOO)=%s\n", foo ? foo : "(null)");
    printf("getenv(MISSING)=%s\n", getenv("MISSING") ? "set" : "(null)");
    return 0;
}
