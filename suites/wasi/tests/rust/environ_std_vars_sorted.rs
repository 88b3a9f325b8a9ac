//! environ_std_vars_sorted: `std::env::vars()` (environ_sizes_get, then
//! environ_get) holds exactly the variables the command was given (the host's
//! environment is not inherited), each split at its first `=`, so a value may
//! contain `=` and may be empty. witx leaves the order open: printed sorted.
fn main() {
    let mut vars: Vec<(String, String)> = std::env::vars().collect();
    vars.sort();
    println!("count: {}", vars.len());
    for (k, v) in vars {
        println!("{k}={v:?}");
    }
}
