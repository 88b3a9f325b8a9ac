//! fd_filestat_set_size_std_set_len: `File::set_len` (witx
//! `fd_filestat_set_size`: "adjust the size of an open file. If this
//! increases the file's size, the extra bytes are filled with zeros"). Shrink
//! hello.txt to 5 bytes, then extend it to 8: the tail is three zero bytes.
//! set_len leaves the offset alone (POSIX ftruncate does not move it).
use std::io::{Read, Seek, SeekFrom};
fn main() {
    let mut f = std::fs::OpenOptions::new().read(true).write(true).open("fs.dir/hello.txt").unwrap();
    f.set_len(5).unwrap();
    println!("after set_len(5): len {}", f.metadata().unwrap().len());
    f.set_len(8).unwrap();
    println!("after set_len(8): len {}", f.metadata().unwrap().len());
    println!("offset: {}", f.stream_position().unwrap());
    f.seek(SeekFrom::Start(0)).unwrap();
    let mut all = Vec::new();
    f.read_to_end(&mut all).unwrap();
    println!("content: {all:?}");
}
