//! args_std: `std::env::args()` (args_sizes_get, then args_get) gives each
//! argument as passed, in order, including an empty one, one with spaces and
//! one that is not ASCII. argv[0] is the runtime's choice and is skipped.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    println!("count: {}", args.len());
    for (i, a) in args.iter().enumerate() {
        println!("{i}: {a:?} ({} bytes)", a.len());
    }
    println!("argv[0] present: {}", std::env::args_os().next().is_some());
}
