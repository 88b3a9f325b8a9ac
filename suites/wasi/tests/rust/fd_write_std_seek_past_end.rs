//! fd_write_std_seek_past_end: a seek past the end is allowed (POSIX lseek:
//! "allow the file offset to be set beyond the end of the existing data"),
//! and a write there leaves a gap that reads back as zeros ("bytes ... in the
//! gap ... shall return bytes with the value 0"). hello.txt is 13 bytes; the
//! write at 20 makes it 22.
use std::io::{Read, Seek, SeekFrom, Write};
fn main() {
    let mut f = std::fs::OpenOptions::new().read(true).write(true).open("fs.dir/hello.txt").unwrap();
    println!("seek to 20: {}", f.seek(SeekFrom::Start(20)).unwrap());
    println!("len before write: {}", f.metadata().unwrap().len());
    f.write_all(b"!\n").unwrap();
    println!("len after write: {}", f.metadata().unwrap().len());
    f.seek(SeekFrom::Start(13)).unwrap();
    let mut gap = [1u8; 7];
    f.read_exact(&mut gap).unwrap();
    println!("gap: {gap:?}");
}
