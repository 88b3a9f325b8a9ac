/*
 * fd_readdir_rewind_seek (zig cc): rewinddir() starts the listing again
 * and seekdir() to a telldir() position resumes after the same entry
 * (POSIX seekdir: "the position of the directory stream ... shall be set
 * to the position ... at the time the telldir() operation was performed";
 * wasi-libc keeps fd_readdir cookies, witx dircookie: "A reference to the
 * offset of a directory entry"). Names are compared, not their order.
 *
 * Known divergence: WasmEdge 0.15.1 and WAMR 2.4.5 do not resume after
 * the entry whose d_next cookie is passed back to fd_readdir (witx
 * dirent.d_next: "The offset of the next directory entry stored in this
 * directory"), so seekdir(telldir()) lands elsewhere.
 */
#include <dirent.h>
#include "wasi_case.h"

int main(void) {
    DIR *d = opendir("fs.dir/sub");
    CHECK(d);
    char first[8][64];
    int n = 0;
    struct dirent *e;
    long pos = -1;
    char after[64] = "";
    while ((e = readdir(d)) && n < 8) {
        snprintf(first[n++], 64, "%s", e->d_name);
        if (n == 2)
            pos = telldir(d);
        else if (n == 3)
            snprintf(after, sizeof after, "%s", e->d_name);
    }
    printf("entries first pass (dots included if any): %s\n", n >= 3 ? ">= 3" : "< 3");
    rewinddir(d);
    int m = 0, same = 1;
    while ((e = readdir(d)) && m < 8) {
        if (strcmp(first[m], e->d_name))
            same = 0;
        m++;
    }
    printf("rewinddir gives the same sequence: %s\n", same && m == n ? "yes" : "no");
    seekdir(d, pos);
    e = readdir(d);
    printf("seekdir(telldir after 2nd) gives the 3rd: %s\n", e && !strcmp(e->d_name, after) ? "yes" : "no");
    closedir(d);
    return 0;
}
