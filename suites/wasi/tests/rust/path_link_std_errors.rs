//! path_link_std_errors: `fs::hard_link` where POSIX link refuses: a
//! directory as the source is EPERM ("The file named by path1 is a
//! directory"; Linux says EPERM too); a missing source is ENOENT; a new name
//! in a missing directory is ENOENT. No link is left behind.
fn main() {
    for (from, to) in [("fs.dir/sub", "fs.dir/sublink"), ("fs.dir/missing", "fs.dir/x"), ("fs.dir/hello.txt", "fs.dir/nodir/x")] {
        match std::fs::hard_link(from, to) {
            Ok(()) => println!("{from} -> {to}: ok"),
            Err(e) => println!("{from} -> {to}: {}", errno(&e)),
        }
    }
}

#[path = "../../include/wasi_std.rs"]
mod wasi_std;
use wasi_std::errno;
