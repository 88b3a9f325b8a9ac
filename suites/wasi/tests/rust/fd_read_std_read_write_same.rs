//! fd_read_std_read_write_same: one file opened read+write (path_open with
//! both rights): writes move the shared offset, a read after a seek back sees
//! the written bytes, and a read continues from where the write stopped.
use std::io::{Read, Seek, SeekFrom, Write};
fn main() {
    let mut f = std::fs::OpenOptions::new().read(true).write(true).open("fs.dir/hello.txt").unwrap();
    f.write_all(b"Howdy").unwrap();
    let mut rest = String::new();
    f.read_to_string(&mut rest).unwrap();
    println!("rest after write: {rest:?}");
    f.seek(SeekFrom::Start(0)).unwrap();
    let mut all = String::new();
    f.read_to_string(&mut all).unwrap();
    println!("all: {all:?}");
}
