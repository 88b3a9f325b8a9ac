//! path_unlink_file_std: `std::fs::remove_file` (witx `path_unlink_file`).
//! Removing a file works once; again it is NotFound (POSIX unlink: ENOENT).
//! Removing a directory with it fails (POSIX unlink on a directory: EPERM;
//! Linux and WASI hosts say EISDIR; both are accepted here as "refused").
//! `remove_dir` on a file fails with ENOTDIR (POSIX rmdir).
fn main() {
    std::fs::remove_file("fs.dir/hello.txt").unwrap();
    println!("hello.txt removed, exists: {}", std::path::Path::new("fs.dir/hello.txt").exists());
    match std::fs::remove_file("fs.dir/hello.txt") {
        Ok(()) => println!("again: ok"),
        Err(e) => println!("again: {:?} {}", e.kind(), errno(&e)),
    }
    match std::fs::remove_file("fs.dir/sub/nested") {
        Ok(()) => println!("remove_file on a dir: ok"),
        Err(e) => println!(
            "remove_file on a dir: {}",
            match errno(&e) {
                "EISDIR" | "EPERM" | "EACCES" => "refused",
                other => other,
            }
        ),
    }
    match std::fs::remove_dir("fs.dir/sub/a.txt") {
        Ok(()) => println!("remove_dir on a file: ok"),
        Err(e) => println!("remove_dir on a file: {}", errno(&e)),
    }
}

#[path = "../../include/wasi_std.rs"]
mod wasi_std;
use wasi_std::errno;
