//! path_open_std_dotdot: paths with `..` that stay inside the preopen resolve
//! (witx path resolution is beneath the directory fd; `..` back to it is
//! fine), and one that leaves it is refused: wasmtime says EPERM, others
//! ENOTCAPABLE (the sandbox's errno is left open), printed "refused".
fn main() {
    for p in ["fs.dir/sub/../hello.txt", "fs.dir/sub/nested/../../sub/a.txt", "fs.dir/./sub/./b.txt", "fs.dir/sub/../../fs.dir/hello.txt"] {
        match std::fs::read_to_string(p) {
            Ok(t) => println!("{p}: {t:?}"),
            Err(e) => println!(
                "{p}: {}",
                match errno(&e) {
                    "EPERM" | "ENOTCAPABLE" | "EACCES" => "refused",
                    other => other,
                }
            ),
        }
    }
}

#[path = "../../include/wasi_std.rs"]
mod wasi_std;
use wasi_std::errno;
