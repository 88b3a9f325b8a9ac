//! fd_seek_std_append_tell: the offset of an append-mode fd after a write
//! is the end of the file (POSIX write: with O_APPEND "the file offset shall
//! be set to the end of the file prior to each write", and the write then
//! advances it), so `stream_position` after appending 4 bytes to a 13-byte
//! file is 17, even after a seek to 0 before the write.
use std::io::{Seek, SeekFrom, Write};
fn main() {
    let mut f = std::fs::OpenOptions::new().append(true).open("fs.dir/hello.txt").unwrap();
    println!("position at open: {}", f.stream_position().unwrap());
    f.write_all(b"abc\n").unwrap();
    println!("position after append: {}", f.stream_position().unwrap());
    f.seek(SeekFrom::Start(0)).unwrap();
    f.write_all(b"def\n").unwrap();
    println!("position after seek 0 + append: {}", f.stream_position().unwrap());
}
