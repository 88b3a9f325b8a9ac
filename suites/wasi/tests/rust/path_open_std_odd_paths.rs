//! path_open_std_odd_paths: spellings of the same path that POSIX path
//! resolution accepts: "Multiple successive <slash> characters are
//! considered to be the same as one <slash>", `.` names the directory
//! itself, and a trailing `/.` on a directory names it. Names that are not
//! ASCII (UTF-8 bytes, as WASI paths are) are stored and listed unchanged.
fn main() {
    for p in ["fs.dir/sub//a.txt", "fs.dir/./sub/b.txt", "fs.dir/sub/nested/./c.txt", "fs.dir//sub///nested//c.txt"] {
        match std::fs::read_to_string(p) {
            Ok(t) => println!("{p}: {t:?}"),
            Err(e) => println!("{p}: {:?}", e.kind()),
        }
    }
    println!("metadata sub/.: dir {}", std::fs::metadata("fs.dir/sub/.").map(|m| m.is_dir()).unwrap_or(false));
    for name in ["ünïcödé.txt", "日本語", "with space.txt"] {
        std::fs::write(format!("fs.dir/sub/{name}"), name).unwrap();
    }
    let mut names: Vec<String> = std::fs::read_dir("fs.dir/sub").unwrap().map(|e| e.unwrap().file_name().into_string().unwrap()).collect();
    names.sort();
    println!("listed: {names:?}");
    println!("read back: {:?}", std::fs::read_to_string("fs.dir/sub/日本語").unwrap());
}
