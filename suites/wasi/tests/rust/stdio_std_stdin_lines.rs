//! stdio_std_stdin_lines: reading a pipe on fd 0 through `io::stdin().lines()`
//! and to its end: `fd_read` on stdin returns the bytes fed, then 0 at end of
//! input (POSIX read on a pipe whose writer closed: 0). A last line without a
//! newline is still a line.
use std::io::BufRead;
fn main() {
    let lines: Vec<String> = std::io::stdin().lock().lines().map(|l| l.unwrap()).collect();
    println!("lines: {}", lines.len());
    for (i, l) in lines.iter().enumerate().rev() {
        println!("{i}: {}", l.to_uppercase());
    }
    let mut rest = String::new();
    let n = std::io::Read::read_to_string(&mut std::io::stdin(), &mut rest).unwrap();
    println!("after end of input: {n} bytes");
}
