//! fd_write_std_create: `std::fs::write` creates a file (path_open with
//! O_CREAT|O_TRUNC and write rights) and writes it with `fd_write`; reading it
//! back gives the same bytes. A second `fs::write` truncates first (O_TRUNC,
//! POSIX open: "the length shall be truncated to 0").
fn main() {
    std::fs::write("fs.dir/out.txt", "first version, long\n").unwrap();
    std::fs::write("fs.dir/out.txt", "second\n").unwrap();
    print!("out.txt: {}", std::fs::read_to_string("fs.dir/out.txt").unwrap());
    std::fs::write("fs.dir/sub/new.bin", [0u8, 1, 2, 255]).unwrap();
    println!("new.bin: {:?}", std::fs::read("fs.dir/sub/new.bin").unwrap());
}
