//! path_rename_std: `std::fs::rename` of a file, within a directory and into
//! a subdirectory, then of a directory (witx `path_rename`; POSIX rename).
//! The old names are gone, the new ones hold the same content.
fn main() {
    std::fs::rename("fs.dir/hello.txt", "fs.dir/renamed.txt").unwrap();
    std::fs::rename("fs.dir/renamed.txt", "fs.dir/sub/moved.txt").unwrap();
    print!("moved.txt: {}", std::fs::read_to_string("fs.dir/sub/moved.txt").unwrap());
    println!("hello.txt exists: {}", std::path::Path::new("fs.dir/hello.txt").exists());
    std::fs::rename("fs.dir/sub/nested", "fs.dir/top").unwrap();
    print!("top/c.txt: {}", std::fs::read_to_string("fs.dir/top/c.txt").unwrap());
}
