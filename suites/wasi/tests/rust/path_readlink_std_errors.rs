//! path_readlink_std_errors: `std::fs::read_link` on things that are not
//! symlinks: a regular file and a directory give EINVAL (POSIX readlink: "The
//! path argument names a file that is not a symbolic link"), a missing name
//! ENOENT.
fn main() {
    for p in ["fs.dir/hello.txt", "fs.dir/sub", "fs.dir/missing"] {
        match std::fs::read_link(p) {
            Ok(t) => println!("{p}: {}", t.display()),
            Err(e) => println!("{p}: {}", errno(&e)),
        }
    }
}

#[path = "../../include/wasi_std.rs"]
mod wasi_std;
use wasi_std::errno;
