/*
 * path_symlink_readlink: path_symlink creates a symbolic link whose content
 * is the given text; path_readlink returns exactly that text (no NUL, length
 * returned); path_filestat_get without SYMLINK_FOLLOW sees a symbolic_link,
 * with it sees the target; opening through a relative link reads the
 * target. A link whose target is absolute, or leads out with "..", must not
 * be followed out of the preopen (refused, errno not printed: hosts differ).
 * Creating a link over an existing name gives EEXIST (POSIX symlink).
 *
 * Known divergence: node 20 (uvwasi) creates and reads the link, but every
 * lookup that follows a symlink fails with ENOENT (even a link to a file in
 * the same directory), so stat/open through the link fail.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), fd;
    REPORT("symlink link -> sub/a.txt", __wasi_path_symlink("sub/a.txt", root, "link"));
    char buf[64];
    memset(buf, '#', sizeof buf);
    __wasi_size_t n = 0;
    REPORT("readlink link", __wasi_path_readlink(root, "link", (uint8_t *)buf, sizeof buf, &n));
    printf("  [%.*s] len=%u\n", (int)n, buf, (unsigned)n);
    __wasi_filestat_t st;
    CHECK_OK(__wasi_path_filestat_get(root, 0, "link", &st));
    printf("stat link (nofollow): %s\n", filetype_name(st.filetype));
    CHECK_OK(__wasi_path_filestat_get(root, __WASI_LOOKUPFLAGS_SYMLINK_FOLLOW, "link", &st));
    printf("stat link (follow): %s size=%llu\n", filetype_name(st.filetype), (unsigned long long)st.size);
    REPORT("open link", open_at(root, "link", 0, 0, &fd));
    size_t got = read_all(fd, buf, sizeof buf);
    printf("  content: [%.*s]\n", (int)got, buf);
    REPORT("symlink hello.txt -> x (exists)", __wasi_path_symlink("x", root, "hello.txt"));
    __wasi_errno_t e = __wasi_path_symlink("/etc/passwd", root, "abs");
    if (e == 0)
        e = open_at(root, "abs", 0, 0, &fd);
    printf("absolute link followed: %s\n", e == 0 ? "yes" : "no");
    e = __wasi_path_symlink("../../etc/passwd", root, "up");
    if (e == 0)
        e = open_at(root, "up", 0, 0, &fd);
    printf("escaping link followed: %s\n", e == 0 ? "yes" : "no");
    return 0;
}
