//! Chooses how the hot path dispatches (see `src/exec/hot.rs`): with
//! sibling calls (`cfg(tail_dispatch)`) where the compiler is known to turn
//! a call in tail position into a jump, else through a trampoline.
//!
//! LLVM marks such calls (its `tailcallelim` pass) only from opt-level 2
//! on, and makes them jumps on x86-64 and AArch64 when all arguments travel
//! in registers. Sanitizers and Miri get the trampoline.
//! `REFERENCE_RUNTIME_DISPATCH=trampoline` forces it, to test that form.

use std::env;

fn main() {
    println!("cargo::rustc-check-cfg=cfg(tail_dispatch)");
    println!("cargo::rerun-if-changed=build.rs");
    println!("cargo::rerun-if-env-changed=REFERENCE_RUNTIME_DISPATCH");
    let var = |name: &str| env::var(name).unwrap_or_default();
    let optimized = matches!(var("OPT_LEVEL").as_str(), "2" | "3" | "s" | "z");
    let arch = matches!(var("CARGO_CFG_TARGET_ARCH").as_str(), "x86_64" | "aarch64");
    // `-Zsanitizer=...` (address, memory, ...), not libFuzzer's coverage
    // instrumentation (`-sanitizer-coverage-*`), which leaves calls alone.
    let instrumented = var("CARGO_ENCODED_RUSTFLAGS").contains("sanitizer=")
        || env::var_os("CARGO_CFG_MIRI").is_some()
        || env::var_os("CARGO_CFG_SANITIZE").is_some();
    let forced_off = var("REFERENCE_RUNTIME_DISPATCH") == "trampoline";
    if optimized && arch && !instrumented && !forced_off {
        println!("cargo::rustc-cfg=tail_dispatch");
    }
}
