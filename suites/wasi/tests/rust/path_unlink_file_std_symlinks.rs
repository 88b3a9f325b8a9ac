//! path_unlink_file_std_symlinks: removing symlinks removes the link, never
//! the target (POSIX unlink: "If path names a symbolic link, unlink() shall
//! remove the symbolic link ... and shall not affect any file or directory
//! named by the contents"): `remove_file` on a link to a directory removes
//! the link; `remove_dir` on it is ENOTDIR (rmdir does not follow the last
//! component; POSIX rmdir: "If path names a symbolic link, then rmdir()
//! shall fail and set errno to [ENOTDIR]"). A symlink onto an existing name
//! is EEXIST (POSIX symlink). Known divergence: WasmEdge 0.15.1 follows the
//! link in rmdir and answers ENOTEMPTY (the target `sub` is not empty).
#[link(wasm_import_module = "wasi_snapshot_preview1")]
extern "C" {
    fn path_symlink(old: *const u8, old_len: usize, fd: u32, new: *const u8, new_len: usize) -> u16;
}

/// path_symlink beneath the preopen "fs.dir" (fd 3); the errno's name.
fn symlink(target: &str, link: &str) -> &'static str {
    match unsafe { path_symlink(target.as_ptr(), target.len(), 3, link.as_ptr(), link.len()) } {
        0 => "ok",
        20 => "EEXIST",
        _ => "another errno",
    }
}

fn main() {
    println!("symlink dirlink -> sub: {}", symlink("sub", "dirlink"));
    println!("symlink filelink -> hello.txt: {}", symlink("hello.txt", "filelink"));
    println!("symlink onto hello.txt: {}", symlink("sub", "hello.txt"));
    match std::fs::remove_dir("fs.dir/dirlink") {
        Ok(()) => println!("remove_dir dirlink: ok"),
        Err(e) => println!("remove_dir dirlink: {}", errno(&e)),
    }
    std::fs::remove_file("fs.dir/dirlink").unwrap();
    std::fs::remove_file("fs.dir/filelink").unwrap();
    println!("removed both links");
    println!("sub still a dir: {}", std::fs::metadata("fs.dir/sub").unwrap().is_dir());
    print!("hello.txt: {}", std::fs::read_to_string("fs.dir/hello.txt").unwrap());
}

#[path = "../../include/wasi_std.rs"]
mod wasi_std;
use wasi_std::errno;
