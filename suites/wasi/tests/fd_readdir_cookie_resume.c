/*
 * fd_readdir_cookie_resume: listing sub/ (a.txt, b.txt, nested) one entry
 * at a time, each call resuming from the d_next cookie of the previous
 * entry, gives the same set of names as one big read, each exactly once.
 * Also: a cookie saved in the middle can be used again later and resumes at
 * the same place.
 * Spec: witx fd_readdir "cookie: The location within the directory to start
 * reading"; dirent::d_next "The offset of the next directory entry stored
 * in this directory." Order and the presence of "." and ".." are not
 * specified, so the program drops the dots and compares sets.
 */
#include "wasi_case.h"

static size_t one_entry(__wasi_fd_t fd, __wasi_dircookie_t cookie, char *name, __wasi_dircookie_t *next) {
    uint8_t buf[sizeof(__wasi_dirent_t) + 256];
    __wasi_size_t used;
    CHECK_OK(__wasi_fd_readdir(fd, buf, sizeof buf, cookie, &used));
    if (used < sizeof(__wasi_dirent_t))
        return 0;
    __wasi_dirent_t d;
    memcpy(&d, buf, sizeof d);
    CHECK(d.d_namlen < 256 && sizeof d + d.d_namlen <= used);
    memcpy(name, buf + sizeof d, d.d_namlen);
    name[d.d_namlen] = 0;
    *next = d.d_next;
    return 1;
}

static int is_dot(const char *n) { return !strcmp(n, ".") || !strcmp(n, ".."); }

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), dir;
    CHECK_OK(open_dir(root, "sub", &dir));
    size_t count;
    struct wc_dirent *all = readdir_all(dir, 4096, &count, NULL);
    printf("one read:");
    for (size_t i = 0; i < count; i++)
        printf(" %s", all[i].name);
    printf("\n");
    char names[16][256];
    __wasi_dircookie_t cookies[16], cookie = __WASI_DIRCOOKIE_START, next;
    size_t n = 0, steps = 0;
    char name[256];
    while (steps < 16 && one_entry(dir, cookie, name, &next)) {
        cookies[steps++] = cookie;
        if (!is_dot(name)) {
            CHECK(n < 16);
            strcpy(names[n++], name);
        }
        cookie = next;
    }
    qsort(names, n, sizeof names[0], (int (*)(const void *, const void *))strcmp);
    printf("one entry per call:");
    for (size_t i = 0; i < n; i++)
        printf(" %s", names[i]);
    printf("\n");
    /* re-read from the cookie of the last step: the same name comes back */
    char again[256], first[256];
    CHECK(steps > 0);
    CHECK(one_entry(dir, cookies[steps - 1], first, &next));
    CHECK(one_entry(dir, cookies[0], again, &next));
    CHECK(one_entry(dir, cookies[steps - 1], again, &next));
    printf("saved cookie resumes at the same entry: %s\n", strcmp(first, again) == 0 ? "yes" : "no");
    return 0;
}
