//! fd_read_std_read_to_string: `std::fs::read_to_string` and `std::fs::read`
//! of a fixture file, the commonest way a Rust program reads. std finds the
//! preopen whose name prefixes the path (`fs.dir`), then `path_open`s the rest
//! beneath it and reads with `fd_read` until it returns 0 bytes (witx
//! `fd_read`: "read from a file descriptor"; POSIX read: 0 at end of file).
fn main() {
    let text = std::fs::read_to_string("fs.dir/hello.txt").unwrap();
    print!("hello.txt: {text}");
    let bytes = std::fs::read("fs.dir/sub/nested/c.txt").unwrap();
    println!("c.txt: {} bytes, {:?}", bytes.len(), String::from_utf8(bytes).unwrap());
    let empty = std::fs::read("fs.dir/sub/a.txt").unwrap();
    println!("a.txt: {} bytes", empty.len());
}
