//! fd_seek_std: `Seek for File` with each `SeekFrom` (std calls `fd_seek` with
//! whence SET, END, CUR) on "Hello, WASI!\n" (13 bytes). witx `fd_seek`
//! returns "the new offset of the file descriptor, relative to the start of
//! the file"; a seek before the start is an error (POSIX lseek: EINVAL).
use std::io::{Read, Seek, SeekFrom};
fn main() {
    let mut f = std::fs::File::open("fs.dir/hello.txt").unwrap();
    let mut buf = [0u8; 5];
    println!("Start(7) -> {}", f.seek(SeekFrom::Start(7)).unwrap());
    f.read_exact(&mut buf).unwrap();
    println!("read: {}", String::from_utf8_lossy(&buf));
    println!("End(-6) -> {}", f.seek(SeekFrom::End(-6)).unwrap());
    println!("Current(-2) -> {}", f.seek(SeekFrom::Current(-2)).unwrap());
    let mut rest = String::new();
    f.read_to_string(&mut rest).unwrap();
    println!("rest: {rest:?}");
    println!("End(0) -> {}", f.seek(SeekFrom::End(0)).unwrap());
    match f.seek(SeekFrom::Current(-100)) {
        Ok(n) => println!("Current(-100) -> {n}"),
        Err(e) => println!("Current(-100) -> {}", errno(&e)),
    }
    println!("position after the failed seek: {}", f.stream_position().unwrap());
}

#[path = "../../include/wasi_std.rs"]
mod wasi_std;
use wasi_std::errno;
