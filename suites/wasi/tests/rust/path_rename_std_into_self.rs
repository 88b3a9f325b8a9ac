//! path_rename_std_into_self: POSIX rename: "The new pathname shall not
//! contain a path prefix that names old. ... [EINVAL]". Moving `sub` into
//! `sub/nested/inner` fails with EINVAL and leaves the tree as it was;
//! renaming a name onto itself succeeds and changes nothing ("If the old
//! argument and the new argument resolve to ... the same existing file,
//! rename() shall return successfully and perform no other action").
fn main() {
    match std::fs::rename("fs.dir/sub", "fs.dir/sub/nested/inner") {
        Ok(()) => println!("sub into sub/nested/inner: ok"),
        Err(e) => println!("sub into sub/nested/inner: {}", errno(&e)),
    }
    match std::fs::rename("fs.dir/hello.txt", "fs.dir/hello.txt") {
        Ok(()) => println!("hello.txt onto itself: ok"),
        Err(e) => println!("hello.txt onto itself: {}", errno(&e)),
    }
    match std::fs::rename("fs.dir/sub", "fs.dir/sub") {
        Ok(()) => println!("sub onto itself: ok"),
        Err(e) => println!("sub onto itself: {}", errno(&e)),
    }
    print!("hello.txt: {}", std::fs::read_to_string("fs.dir/hello.txt").unwrap());
    print!("sub/nested/c.txt: {}", std::fs::read_to_string("fs.dir/sub/nested/c.txt").unwrap());
}

#[path = "../../include/wasi_std.rs"]
mod wasi_std;
use wasi_std::errno;
