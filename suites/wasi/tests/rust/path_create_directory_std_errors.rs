//! path_create_directory_std_errors: `fs::create_dir` where POSIX mkdir
//! refuses: an existing file or directory is EEXIST, a missing parent is
//! ENOENT, a file as parent is ENOTDIR; with a trailing slash a new
//! directory is made (POSIX: the trailing slash names a directory).
//! Known divergence: wazero 1.9 says ENOENT for `hello.txt/x`; POSIX mkdir
//! says ENOTDIR when "a component of the path prefix names an existing file
//! that is neither a directory nor a symbolic link to a directory".
fn main() {
    for p in ["fs.dir/hello.txt", "fs.dir/sub", "fs.dir/missing/x", "fs.dir/hello.txt/x", "fs.dir/made/"] {
        match std::fs::create_dir(p) {
            Ok(()) => println!("{p}: ok"),
            Err(e) => println!("{p}: {}", errno(&e)),
        }
    }
    println!("made is a dir: {}", std::fs::metadata("fs.dir/made").unwrap().is_dir());
}

#[path = "../../include/wasi_std.rs"]
mod wasi_std;
use wasi_std::errno;
