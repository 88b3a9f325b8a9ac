/*
 * fd_fdstat_get: reports the filetype of an fd: directory for a preopen,
 * regular_file for an opened file, directory for an opened subdirectory.
 * A preopen must hold the rights needed to use it as a directory
 * (path_open, fd_readdir). A file opened read-only has no APPEND flag; after
 * fd_fdstat_set_flags(APPEND) the flag is reported and writes append.
 * The rights sets themselves differ between hosts and are not printed.
 *
 * Known divergence: node 20 (uvwasi) accepts set_flags(APPEND) and then
 * appends, but fd_fdstat_get never reports the APPEND flag.
 */
#include "wasi_case.h"

int main(void) {
    __wasi_fd_t root = preopen_fd("fs.dir"), file, dir;
    __wasi_fdstat_t st;
    REPORT("fdstat preopen", __wasi_fd_fdstat_get(root, &st));
    printf("  %s, has path_open+fd_readdir rights: %s\n", filetype_name(st.fs_filetype),
           ((st.fs_rights_base & __WASI_RIGHTS_PATH_OPEN) &&
            (st.fs_rights_base & __WASI_RIGHTS_FD_READDIR)) ? "yes" : "no");
    CHECK_OK(open_at(root, "hello.txt", 0, 0, &file));
    REPORT("fdstat hello.txt", __wasi_fd_fdstat_get(file, &st));
    printf("  %s, APPEND: %s\n", filetype_name(st.fs_filetype),
           (st.fs_flags & __WASI_FDFLAGS_APPEND) ? "yes" : "no");
    REPORT("set_flags APPEND", __wasi_fd_fdstat_set_flags(file, __WASI_FDFLAGS_APPEND));
    CHECK_OK(__wasi_fd_fdstat_get(file, &st));
    printf("  APPEND now: %s\n", (st.fs_flags & __WASI_FDFLAGS_APPEND) ? "yes" : "no");
    __wasi_filesize_t pos;
    CHECK_OK(__wasi_fd_seek(file, 0, __WASI_WHENCE_SET, &pos));
    write_all(file, "+\n", 2);
    __wasi_filestat_t fst;
    CHECK_OK(__wasi_fd_filestat_get(file, &fst));
    printf("  size after write at offset 0: %llu\n", (unsigned long long)fst.size);
    CHECK_OK(open_dir(root, "sub", &dir));
    REPORT("fdstat sub", __wasi_fd_fdstat_get(dir, &st));
    printf("  %s\n", filetype_name(st.fs_filetype));
    return 0;
}
