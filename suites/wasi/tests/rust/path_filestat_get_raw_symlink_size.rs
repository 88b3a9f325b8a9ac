//! path_filestat_get_raw_symlink_size: the size of a symlink itself
//! (path_filestat_get without SYMLINK_FOLLOW). witx filestat `size`: "For
//! regular files, the file size in bytes. For symbolic links, the length in
//! bytes of the pathname contained in the symbolic link." So links to
//! `hello.txt` and `sub/nested/c.txt` have sizes 9 and 16, and path_readlink
//! returns that many bytes.
#![allow(dead_code)]
fn main() {
    for (target, link) in [("hello.txt", "l1"), ("sub/nested/c.txt", "l2")] {
        unsafe { path_symlink(target.as_ptr(), target.len(), PREOPEN, link.as_ptr(), link.len()) };
        let mut st = Filestat::default();
        let e = unsafe { path_filestat_get(PREOPEN, 0, link.as_ptr(), link.len(), &mut st) };
        println!("{link} -> {target}: {} {} size {}", errno_name(e), filetype_name(st.filetype), st.size);
    }
}

// Preview1 declared by hand, as the `wasi` crate does.
#[path = "../../include/wasi_raw.rs"]
mod wasi_raw;
use wasi_raw::*;
