//! path_open_std_truncate: `OpenOptions::write(true).truncate(true)` (path_open
//! with O_TRUNC) empties an existing file (POSIX open: "the length shall be
//! truncated to 0"); without truncate, a write overwrites in place and keeps
//! the rest of the file.
use std::io::Write;
fn main() {
    let mut f = std::fs::OpenOptions::new().write(true).open("fs.dir/sub/b.txt").unwrap();
    f.write_all(b"X").unwrap();
    drop(f);
    println!("b.txt overwritten in place: {:?}", std::fs::read_to_string("fs.dir/sub/b.txt").unwrap());
    let f = std::fs::OpenOptions::new().write(true).truncate(true).open("fs.dir/hello.txt").unwrap();
    println!("hello.txt after open: len {}", f.metadata().unwrap().len());
    drop(f);
    let mut f = std::fs::OpenOptions::new().write(true).truncate(true).open("fs.dir/sub/a.txt").unwrap();
    f.write_all(b"new a\n").unwrap();
    drop(f);
    println!("a.txt: {:?}", std::fs::read_to_string("fs.dir/sub/a.txt").unwrap());
}
