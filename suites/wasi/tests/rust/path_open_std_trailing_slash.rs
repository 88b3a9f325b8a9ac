//! path_open_std_trailing_slash: POSIX path resolution: a pathname with a
//! trailing slash resolves only if it names a directory ("A pathname that
//! contains at least one non-<slash> character and that ends with one or more
//! trailing <slash> characters shall not be resolved successfully unless the
//! last pathname component before the trailing <slash> characters names an
//! existing directory"). So `sub/` works for metadata and read_dir,
//! `hello.txt/` is ENOTDIR, and creating the file `new.txt/` fails (EISDIR
//! per POSIX open with O_CREAT on a name ending in slash; ENOTDIR and
//! ENOENT are seen too: printed "refused"), leaving nothing behind.
fn main() {
    println!("metadata sub/: dir {}", std::fs::metadata("fs.dir/sub/").unwrap().is_dir());
    println!("read_dir sub/: {} entries", std::fs::read_dir("fs.dir/sub/").unwrap().count());
    match std::fs::metadata("fs.dir/hello.txt/") {
        Ok(_) => println!("metadata hello.txt/: ok"),
        Err(e) => println!("metadata hello.txt/: {}", errno(&e)),
    }
    match std::fs::File::open("fs.dir/hello.txt/") {
        Ok(_) => println!("open hello.txt/: ok"),
        Err(e) => println!("open hello.txt/: {}", errno(&e)),
    }
    match std::fs::File::create("fs.dir/new.txt/") {
        Ok(_) => println!("create new.txt/: ok"),
        Err(e) => println!(
            "create new.txt/: {}",
            match errno(&e) {
                "EISDIR" | "ENOTDIR" | "ENOENT" | "EINVAL" => "refused",
                other => other,
            }
        ),
    }
    println!("new.txt exists: {}", std::path::Path::new("fs.dir/new.txt").exists());
}

#[path = "../../include/wasi_std.rs"]
mod wasi_std;
use wasi_std::errno;
