//! proc_exit_std_3: `std::process::exit(3)` is `proc_exit(3)`: the command's
//! exit status is 3 (witx proc_exit: "the exit code returned by the process"),
//! and a line printed before it is not lost (println! flushes at the newline).
fn main() {
    println!("before exit");
    std::process::exit(3);
}
