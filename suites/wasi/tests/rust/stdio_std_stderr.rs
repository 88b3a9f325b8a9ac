//! stdio_std_stderr: `println!` goes to fd 1 and `eprintln!` to fd 2
//! (`fd_write`), each stream keeping its own order; a large write through
//! `io::stdout().write_all` arrives whole (std loops over short writes).
use std::io::Write;
fn main() {
    println!("out 1");
    eprintln!("err 1");
    println!("out 2");
    eprintln!("err 2");
    let big = "x".repeat(9999) + "\n";
    std::io::stdout().write_all(big.as_bytes()).unwrap();
    std::io::stdout().flush().unwrap();
    println!("out 3");
}
