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

/// The WASI errno of an error, by name (std keeps the WASI value as the raw OS error).
fn errno(e: &std::io::Error) -> &'static str {
    match e.raw_os_error() {
        Some(2) => "EACCES",
        Some(8) => "EBADF",
        Some(20) => "EEXIST",
        Some(28) => "EINVAL",
        Some(31) => "EISDIR",
        Some(32) => "ELOOP",
        Some(44) => "ENOENT",
        Some(54) => "ENOTDIR",
        Some(55) => "ENOTEMPTY",
        Some(63) => "EPERM",
        Some(76) => "ENOTCAPABLE",
        Some(_) => "another errno",
        None => "not an OS error",
    }
}
