//! fd_readdir_std_empty_and_many: `read_dir` of a new empty directory yields
//! nothing (std drops `.` and `..`), and of a directory with 60 files yields
//! each exactly once (std reads 4 KiB of dirents per fd_readdir and follows
//! the cookie of the last whole entry).
fn main() {
    std::fs::create_dir("fs.dir/empty").unwrap();
    println!("empty: {}", std::fs::read_dir("fs.dir/empty").unwrap().count());
    std::fs::create_dir("fs.dir/many").unwrap();
    for i in 0..60 {
        std::fs::write(format!("fs.dir/many/file-with-a-longer-name-{i:03}.txt"), "").unwrap();
    }
    let mut names: Vec<String> = std::fs::read_dir("fs.dir/many")
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    names.sort();
    let before = names.len();
    names.dedup();
    println!("many: {before} entries, {} distinct", names.len());
    println!("first: {}", names[0]);
    println!("last: {}", names[names.len() - 1]);
}
