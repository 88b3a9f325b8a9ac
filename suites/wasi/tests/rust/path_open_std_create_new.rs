//! path_open_std_create_new: `OpenOptions::create_new` (path_open with
//! O_CREAT|O_EXCL). POSIX open: "O_CREAT and O_EXCL are set, open() shall fail
//! if the file exists" with EEXIST, which std reports as AlreadyExists; the
//! existing file is untouched. On a new name it creates the file.
use std::io::Write;
fn main() {
    let opts = || {
        let mut o = std::fs::OpenOptions::new();
        o.write(true).create_new(true);
        o
    };
    match opts().open("fs.dir/hello.txt") {
        Ok(_) => println!("hello.txt: opened"),
        Err(e) => println!("hello.txt: {:?} {}", e.kind(), errno(&e)),
    }
    let mut f = opts().open("fs.dir/fresh.txt").unwrap();
    f.write_all(b"fresh\n").unwrap();
    println!("fresh.txt: created");
    match opts().open("fs.dir/fresh.txt") {
        Ok(_) => println!("fresh.txt again: opened"),
        Err(e) => println!("fresh.txt again: {:?} {}", e.kind(), errno(&e)),
    }
    match opts().open("fs.dir/sub") {
        Ok(_) => println!("sub: opened"),
        Err(e) => println!("sub: {:?} {}", e.kind(), errno(&e)),
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
