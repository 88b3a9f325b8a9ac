//! path_rename_std_replace: rename onto existing names (POSIX rename):
//! a file replaces a file atomically; a directory may replace an empty
//! directory; a file onto a directory is EISDIR; a directory onto a
//! non-empty directory is ENOTEMPTY or EEXIST (POSIX allows either, printed
//! "not empty"); a directory onto a file is ENOTDIR.
fn main() {
    let show = |what: &str, r: std::io::Result<()>| match r {
        Ok(()) => println!("{what}: ok"),
        Err(e) => println!(
            "{what}: {}",
            match errno(&e) {
                "ENOTEMPTY" | "EEXIST" => "not empty",
                other => other,
            }
        ),
    };
    show("a.txt onto b.txt", std::fs::rename("fs.dir/sub/a.txt", "fs.dir/sub/b.txt"));
    std::fs::create_dir("fs.dir/empty").unwrap();
    show("nested onto empty", std::fs::rename("fs.dir/sub/nested", "fs.dir/empty"));
    show("hello.txt onto sub", std::fs::rename("fs.dir/hello.txt", "fs.dir/sub"));
    show("empty onto sub", std::fs::rename("fs.dir/empty", "fs.dir/sub"));
    show("sub onto hello.txt", std::fs::rename("fs.dir/sub", "fs.dir/hello.txt"));
    print!("b.txt: {}", std::fs::read_to_string("fs.dir/sub/b.txt").unwrap());
    print!("empty/c.txt: {}", std::fs::read_to_string("fs.dir/empty/c.txt").unwrap());
}

#[path = "../../include/wasi_std.rs"]
mod wasi_std;
use wasi_std::errno;
