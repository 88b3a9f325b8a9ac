//! proc_exit_std_main_err: a `main` that returns `Err` makes std print
//! `Error: <Debug of the error>` on stderr and end with exit status 1
//! (`Termination for Result`: "the failure exit code"); on wasm32-wasi that is
//! `proc_exit(1)` from the start routine. The error here is a real NotFound.
fn main() -> std::io::Result<()> {
    println!("opening a missing file");
    std::fs::File::open("fs.dir/missing.txt")?;
    println!("not reached");
    Ok(())
}
