//! path_symlink_std_follow_on_write: what std does with symlinks it meets
//! (std opens with SYMLINK_FOLLOW, renames and removes without following):
//! `fs::write` through a link to a file replaces the target's content and
//! keeps the link; `fs::rename` of a link moves the link (POSIX rename: "If
//! the old argument points to the pathname of a symbolic link, the symbolic
//! link shall be renamed"); `remove_dir_all` of a tree holding a link to a
//! directory outside it removes the link and leaves the outside directory
//! and its files alone (the link is an entry whose d_type is symbolic_link).
//! Known divergence: WasmEdge 0.15.1 follows the link in path_rename and
//! moves `hello.txt` itself, so read_link of the new name is EINVAL.
#[link(wasm_import_module = "wasi_snapshot_preview1")]
extern "C" {
    fn path_symlink(old: *const u8, old_len: usize, fd: u32, new: *const u8, new_len: usize) -> u16;
}

/// path_symlink beneath the preopen "fs.dir" (fd 3).
fn symlink(target: &str, link: &str) {
    assert_eq!(unsafe { path_symlink(target.as_ptr(), target.len(), 3, link.as_ptr(), link.len()) }, 0, "{link}");
}

fn main() {
    symlink("hello.txt", "link");
    std::fs::write("fs.dir/link", "replaced\n").unwrap();
    print!("hello.txt: {}", std::fs::read_to_string("fs.dir/hello.txt").unwrap());
    println!("link still a link: {}", std::fs::symlink_metadata("fs.dir/link").unwrap().file_type().is_symlink());
    std::fs::rename("fs.dir/link", "fs.dir/renamed-link").unwrap();
    println!("renamed link: {}", std::fs::read_link("fs.dir/renamed-link").unwrap().display());
    println!("hello.txt still there: {}", std::path::Path::new("fs.dir/hello.txt").is_file());
    std::fs::create_dir("fs.dir/tree").unwrap();
    symlink("../sub", "tree/to-sub");
    std::fs::remove_dir_all("fs.dir/tree").unwrap();
    println!("tree exists: {}", std::path::Path::new("fs.dir/tree").exists());
    let mut left: Vec<String> = std::fs::read_dir("fs.dir/sub").unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    left.sort();
    println!("sub keeps: {left:?}");
}
