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

#[path = "../../include/wasi_std.rs"]
mod wasi_std;
use wasi_std::errno;
