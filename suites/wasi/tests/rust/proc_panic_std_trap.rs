//! proc_panic_std_trap: a Rust panic on wasm32-wasi. std is built with
//! panic=abort for this target: the panic hook prints the message on fd 2,
//! then `abort()` executes `unreachable`, a trap. So the run must end in a
//! trap (wasmtime: exit status 134), not an exit status, whatever the runtime
//! prints. The line before the panic reaches stdout. Seen: wasmtime 134
//! with the trap on stderr, wazero 1 with the trap on stderr, WasmEdge 134
//! and WAMR 1 with the trap report on stdout, which their adapters do not
//! classify as a trap yet (a harness matter, not a runtime bug).
fn main() {
    println!("before the panic");
    let v: Vec<u32> = std::env::args().skip(1).map(|a| a.parse().unwrap()).collect();
    println!("sum: {}", v.iter().sum::<u32>());
    let missing: Option<u32> = None;
    println!("never printed: {}", missing.expect("no value"));
}
