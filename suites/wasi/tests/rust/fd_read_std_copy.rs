//! fd_read_std_copy: `std::fs::copy` reads the source and writes the
//! destination (on wasm32-wasi it is `io::copy` between two files, then the
//! source's permissions), returning the number of bytes copied; the copy
//! overwrites an existing destination. Copying a missing file is NotFound.
fn main() {
    println!("copied: {}", std::fs::copy("fs.dir/hello.txt", "fs.dir/copy.txt").unwrap());
    println!("copied: {}", std::fs::copy("fs.dir/sub/nested/c.txt", "fs.dir/sub/a.txt").unwrap());
    print!("copy.txt: {}", std::fs::read_to_string("fs.dir/copy.txt").unwrap());
    print!("a.txt: {}", std::fs::read_to_string("fs.dir/sub/a.txt").unwrap());
    match std::fs::copy("fs.dir/missing", "fs.dir/x") {
        Ok(n) => println!("missing: {n}"),
        Err(e) => println!("missing: {:?}", e.kind()),
    }
}
