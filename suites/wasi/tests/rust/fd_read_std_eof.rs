//! fd_read_std_eof: reads at end of file return 0 bytes, again and again
//! (POSIX read: "If the starting position is at or after the end-of-file, 0
//! shall be returned"); `read_exact` for more than is left fails with
//! UnexpectedEof; a read at an offset past the end also returns 0.
use std::io::{Read, Seek, SeekFrom};
fn main() {
    let mut f = std::fs::File::open("fs.dir/sub/b.txt").unwrap();
    let mut buf = [0u8; 16];
    println!("first read: {}", f.read(&mut buf).unwrap());
    println!("at end: {}", f.read(&mut buf).unwrap());
    println!("at end again: {}", f.read(&mut buf).unwrap());
    f.seek(SeekFrom::Start(1)).unwrap();
    match f.read_exact(&mut buf[..5]) {
        Ok(()) => println!("read_exact 5 from 1: ok"),
        Err(e) => println!("read_exact 5 from 1: {:?}", e.kind()),
    }
    f.seek(SeekFrom::Start(100)).unwrap();
    println!("read past end: {}", f.read(&mut buf).unwrap());
}
