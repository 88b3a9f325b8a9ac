//! fd_filestat_get_std_metadata: `File::metadata` (witx `fd_filestat_get`) on
//! an open file and an open directory, and the size growing as the file is
//! written (witx filestat `size`: "for regular files, the file size in
//! bytes").
use std::io::Write;
fn main() {
    let f = std::fs::File::open("fs.dir/hello.txt").unwrap();
    let m = f.metadata().unwrap();
    println!("hello.txt: len {} file {} dir {}", m.len(), m.is_file(), m.is_dir());
    let d = std::fs::File::open("fs.dir/sub").unwrap();
    let m = d.metadata().unwrap();
    println!("sub: file {} dir {} symlink {}", m.is_file(), m.is_dir(), m.file_type().is_symlink());
    let mut w = std::fs::File::create("fs.dir/grow.txt").unwrap();
    println!("grow.txt: len {}", w.metadata().unwrap().len());
    w.write_all(b"0123456789").unwrap();
    println!("grow.txt: len {}", w.metadata().unwrap().len());
}
