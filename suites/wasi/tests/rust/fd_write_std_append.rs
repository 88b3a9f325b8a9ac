//! fd_write_std_append: `OpenOptions::new().append(true)` (path_open with
//! fdflags APPEND). witx fdflags `append`: "Data written to the file is always
//! appended to the file's end", even after a seek (POSIX O_APPEND: "the file
//! offset shall be set to the end of the file prior to each write").
use std::io::{Seek, SeekFrom, Write};
fn main() {
    let mut f = std::fs::OpenOptions::new().append(true).open("fs.dir/hello.txt").unwrap();
    f.write_all(b"one\n").unwrap();
    f.seek(SeekFrom::Start(0)).unwrap();
    f.write_all(b"two\n").unwrap();
    drop(f);
    let mut g = std::fs::OpenOptions::new().create(true).append(true).open("fs.dir/log.txt").unwrap();
    writeln!(g, "line 1").unwrap();
    writeln!(g, "line 2").unwrap();
    drop(g);
    print!("{}", std::fs::read_to_string("fs.dir/hello.txt").unwrap());
    print!("{}", std::fs::read_to_string("fs.dir/log.txt").unwrap());
}
