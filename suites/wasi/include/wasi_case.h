/*
 * wasi_case.h -- shared helpers for the WASI preview1 command cases in
 * suites/wasi/tests/.
 *
 * Every case prints a deterministic transcript to stdout that its .json
 * compares exactly. Error numbers are printed by their symbolic name
 * (ENOENT, EBADF, ...) so that expectations are readable. In wasi-libc the
 * values of <errno.h> are the WASI preview1 errno values, so errno_name()
 * serves both the `errno` left by libc calls and the __wasi_errno_t returned
 * by the raw __wasi_* imports.
 *
 * Conventions:
 *  - "OK" stands for success (errno 0).
 *  - A failed CHECK prints "CHECK FAILED ..." on stdout and exits with 1, so
 *    a broken invariant shows up both in stdout and in the exit code.
 *  - Nothing here prints values that vary between runs or runtimes.
 */
#ifndef WASI_CASE_H
#define WASI_CASE_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wasi/api.h>

static const char *const wasi_case_errno_names_[] = {
    "OK",           "E2BIG",        "EACCES",        "EADDRINUSE",
    "EADDRNOTAVAIL", "EAFNOSUPPORT", "EAGAIN",        "EALREADY",
    "EBADF",        "EBADMSG",      "EBUSY",         "ECANCELED",
    "ECHILD",       "ECONNABORTED", "ECONNREFUSED",  "ECONNRESET",
    "EDEADLK",      "EDESTADDRREQ", "EDOM",          "EDQUOT",
    "EEXIST",       "EFAULT",       "EFBIG",         "EHOSTUNREACH",
    "EIDRM",        "EILSEQ",       "EINPROGRESS",   "EINTR",
    "EINVAL",       "EIO",          "EISCONN",       "EISDIR",
    "ELOOP",        "EMFILE",       "EMLINK",        "EMSGSIZE",
    "EMULTIHOP",    "ENAMETOOLONG", "ENETDOWN",      "ENETRESET",
    "ENETUNREACH",  "ENFILE",       "ENOBUFS",       "ENODEV",
    "ENOENT",       "ENOEXEC",      "ENOLCK",        "ENOLINK",
    "ENOMEM",       "ENOMSG",       "ENOPROTOOPT",   "ENOSPC",
    "ENOSYS",       "ENOTCONN",     "ENOTDIR",       "ENOTEMPTY",
    "ENOTRECOVERABLE", "ENOTSOCK",  "ENOTSUP",       "ENOTTY",
    "ENXIO",        "EOVERFLOW",    "EOWNERDEAD",    "EPERM",
    "EPIPE",        "EPROTO",       "EPROTONOSUPPORT", "EPROTOTYPE",
    "ERANGE",       "EROFS",        "ESPIPE",        "ESRCH",
    "ESTALE",       "ETIMEDOUT",    "ETXTBSY",       "EXDEV",
    "ENOTCAPABLE",
};

/* Symbolic name of a WASI preview1 errno (0 gives "OK"). */
static inline const char *errno_name(int e) {
    static char unknown[32];
    if (e >= 0 && (size_t)e < sizeof(wasi_case_errno_names_) /
                                   sizeof(wasi_case_errno_names_[0]))
        return wasi_case_errno_names_[e];
    snprintf(unknown, sizeof unknown, "E?%d", e);
    return unknown;
}

/* Abort the case (exit 1) with a readable line when COND is false. */
#define CHECK(cond)                                                          \
    do {                                                                     \
        if (!(cond)) {                                                       \
            printf("CHECK FAILED line %d: %s\n", __LINE__, #cond);           \
            fflush(stdout);                                                  \
            exit(1);                                                         \
        }                                                                    \
    } while (0)

/* Abort the case unless a raw __wasi_* call returned success. */
#define CHECK_OK(expr)                                                       \
    do {                                                                     \
        int wc_e_ = (int)(expr);                                             \
        if (wc_e_ != 0) {                                                    \
            printf("CHECK FAILED line %d: %s -> %s\n", __LINE__, #expr,      \
                   errno_name(wc_e_));                                       \
            fflush(stdout);                                                  \
            exit(1);                                                         \
        }                                                                    \
    } while (0)

/* Print "LABEL: NAME" for the errno returned by a raw __wasi_* call. */
#define REPORT(label, expr)                                                  \
    do {                                                                     \
        int wc_e_ = (int)(expr);                                             \
        printf("%s: %s\n", (label), errno_name(wc_e_));                      \
    } while (0)

/* Print "LABEL: OK" when a libc call returned >= 0, else "LABEL: <errno>". */
#define REPORT_LIBC(label, expr)                                             \
    do {                                                                     \
        errno = 0;                                                           \
        long wc_r_ = (long)(expr);                                           \
        printf("%s: %s\n", (label), wc_r_ < 0 ? errno_name(errno) : "OK");   \
    } while (0)

static inline __wasi_errno_t open_dir(__wasi_fd_t dir, const char *path,
                                      __wasi_fd_t *out);

/*
 * Find the preopened directory whose guest name is NAME; exits 1 if none.
 * A runtime that preopens one virtual root ("/" or ".") and mounts the dirs
 * beneath it (wasmer does) gets NAME opened beneath that root instead: the
 * cases test what a directory fd does, not how preopens are named
 * (fd_prestat_get checks the naming itself).
 */
static inline __wasi_fd_t preopen_fd(const char *name) {
    __wasi_fd_t root = (__wasi_fd_t)-1;
    for (__wasi_fd_t fd = 3; fd < 64; fd++) {
        __wasi_prestat_t ps;
        if (__wasi_fd_prestat_get(fd, &ps) != 0)
            break;
        if (ps.tag != __WASI_PREOPENTYPE_DIR)
            continue;
        size_t len = ps.u.dir.pr_name_len;
        char buf[256];
        if (len >= sizeof buf)
            continue;
        if (__wasi_fd_prestat_dir_name(fd, (uint8_t *)buf, len) != 0)
            continue;
        buf[len] = 0;
        /* Some runtimes report the name with a trailing NUL or slash. */
        while (len > 0 && (buf[len - 1] == 0 || buf[len - 1] == '/'))
            buf[--len] = 0;
        if (strcmp(buf, name) == 0)
            return fd;
        if ((len == 0 || strcmp(buf, ".") == 0) && root == (__wasi_fd_t)-1)
            root = fd;
    }
    __wasi_fd_t dir;
    if (root != (__wasi_fd_t)-1 && open_dir(root, name, &dir) == 0)
        return dir;
    printf("CHECK FAILED: no preopen named %s\n", name);
    fflush(stdout);
    exit(1);
}

/*
 * path_open asking for every right the directory DIR may hand down (its
 * fs_rights_inheriting, as wasi-libc's open() does): asking for more than
 * that is ENOTCAPABLE under the preview1 rights model (node does check).
 * Returns the errno and stores the new fd in *out.
 */
static inline __wasi_errno_t open_at(__wasi_fd_t dir, const char *path,
                                     __wasi_oflags_t oflags,
                                     __wasi_fdflags_t fdflags,
                                     __wasi_fd_t *out) {
    __wasi_fdstat_t st;
    __wasi_errno_t e = __wasi_fd_fdstat_get(dir, &st);
    if (e != 0)
        return e;
    return __wasi_path_open(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, path,
                            oflags, st.fs_rights_inheriting,
                            st.fs_rights_inheriting, fdflags, out);
}

/*
 * Open directory PATH (oflags DIRECTORY) asking only for rights that apply
 * to directories: the inheriting rights minus the write-side file rights,
 * as wasi-libc's open(O_RDONLY|O_DIRECTORY) does. (Asking for fd_write on a
 * directory gives EISDIR on wasmtime and node; the witx text would let a
 * host drop such rights instead, so the cases avoid depending on either.)
 */
static inline __wasi_errno_t open_dir(__wasi_fd_t dir, const char *path,
                                      __wasi_fd_t *out) {
    __wasi_fdstat_t st;
    __wasi_errno_t e = __wasi_fd_fdstat_get(dir, &st);
    if (e != 0)
        return e;
    __wasi_rights_t drop = __WASI_RIGHTS_FD_WRITE | __WASI_RIGHTS_FD_DATASYNC |
                           __WASI_RIGHTS_FD_ALLOCATE |
                           __WASI_RIGHTS_FD_FILESTAT_SET_SIZE;
    return __wasi_path_open(dir, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, path,
                            __WASI_OFLAGS_DIRECTORY,
                            st.fs_rights_inheriting & ~drop,
                            st.fs_rights_inheriting, 0, out);
}

/* Write all of S to FD through the raw import; exits 1 on failure. */
static inline void write_all(__wasi_fd_t fd, const char *s, size_t n) {
    while (n > 0) {
        __wasi_ciovec_t iov = {(const uint8_t *)s, n};
        __wasi_size_t done = 0;
        CHECK_OK(__wasi_fd_write(fd, &iov, 1, &done));
        CHECK(done > 0 && done <= n);
        s += done;
        n -= done;
    }
}

/* Read up to CAP bytes from FD (until EOF); returns the count. */
static inline size_t read_all(__wasi_fd_t fd, char *buf, size_t cap) {
    size_t got = 0;
    while (got < cap) {
        __wasi_iovec_t iov = {(uint8_t *)buf + got, cap - got};
        __wasi_size_t n = 0;
        CHECK_OK(__wasi_fd_read(fd, &iov, 1, &n));
        if (n == 0)
            break;
        got += n;
    }
    return got;
}

static inline const char *filetype_name(__wasi_filetype_t t) {
    switch (t) {
    case __WASI_FILETYPE_UNKNOWN: return "unknown";
    case __WASI_FILETYPE_BLOCK_DEVICE: return "block_device";
    case __WASI_FILETYPE_CHARACTER_DEVICE: return "character_device";
    case __WASI_FILETYPE_DIRECTORY: return "directory";
    case __WASI_FILETYPE_REGULAR_FILE: return "regular_file";
    case __WASI_FILETYPE_SOCKET_DGRAM: return "socket_dgram";
    case __WASI_FILETYPE_SOCKET_STREAM: return "socket_stream";
    case __WASI_FILETYPE_SYMBOLIC_LINK: return "symbolic_link";
    default: return "?";
    }
}

/* One directory entry read by readdir_all(). */
struct wc_dirent {
    char name[256];
    __wasi_filetype_t type;
};

static int wc_dirent_cmp_(const void *a, const void *b) {
    return strcmp(((const struct wc_dirent *)a)->name,
                  ((const struct wc_dirent *)b)->name);
}

/*
 * Read every entry of directory FD with the raw fd_readdir, starting with a
 * BUFSIZE-byte buffer and following d_next cookies. A truncated last entry
 * is re-read from its cookie, with a bigger buffer when even one entry does
 * not fit (as the witx doc describes). "." and ".." are dropped (whether they
 * appear is not specified: node omits them, wasmtime lists them) and counted
 * in *dots if DOTS is non-null. The result is sorted by name (the order is
 * not specified either) and malloc'd; *count receives the number of entries.
 */
static inline struct wc_dirent *readdir_all(__wasi_fd_t fd, size_t bufsize,
                                            size_t *count, int *dots) {
    size_t cap = 16, n = 0;
    struct wc_dirent *out = malloc(cap * sizeof *out);
    uint8_t *buf = malloc(bufsize);
    CHECK(out && buf);
    __wasi_dircookie_t cookie = __WASI_DIRCOOKIE_START;
    if (dots)
        *dots = 0;
    for (int rounds = 0;; rounds++) {
        CHECK(rounds < 100000);
        __wasi_size_t used = 0;
        CHECK_OK(__wasi_fd_readdir(fd, buf, bufsize, cookie, &used));
        CHECK(used <= bufsize);
        size_t off = 0;
        int progressed = 0;
        while (off + sizeof(__wasi_dirent_t) <= used) {
            __wasi_dirent_t d;
            memcpy(&d, buf + off, sizeof d);
            if (off + sizeof d + d.d_namlen > used)
                break; /* truncated entry: re-read from its cookie */
            const char *name = (const char *)buf + off + sizeof d;
            if ((d.d_namlen == 1 && name[0] == '.') ||
                (d.d_namlen == 2 && name[0] == '.' && name[1] == '.')) {
                if (dots)
                    (*dots)++;
            } else {
                CHECK(d.d_namlen < sizeof out[0].name);
                if (n == cap) {
                    cap *= 2;
                    out = realloc(out, cap * sizeof *out);
                    CHECK(out);
                }
                memcpy(out[n].name, name, d.d_namlen);
                out[n].name[d.d_namlen] = 0;
                out[n].type = d.d_type;
                n++;
            }
            cookie = d.d_next;
            off += sizeof d + d.d_namlen;
            progressed = 1;
        }
        if (used < bufsize)
            break; /* end of directory */
        if (!progressed) {
            bufsize *= 2; /* not even one entry fits */
            buf = realloc(buf, bufsize);
            CHECK(buf);
        }
    }
    free(buf);
    qsort(out, n, sizeof *out, wc_dirent_cmp_);
    *count = n;
    return out;
}

#endif /* WASI_CASE_H */
