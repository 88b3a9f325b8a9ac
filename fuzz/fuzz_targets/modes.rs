//! The optimized translation against the plain one: a wasm-smith module
//! (the `smith` target's features, NaNs canonicalized) runs in both modes
//! in lockstep through `reference_runtime::modes::compare`, with arguments
//! seeded from the input, which compares results bit for bit, traps and
//! their kinds, and exported globals, memories and tables after every
//! call. Any difference is a bug; running out of fuel ends the comparison
//! and is set aside (see `modes`).
//!
//! With `MODES_FINDINGS=<dir>` set, a difference first writes the module to
//! `<dir>/<seed>.wasm`, the form `reference-runtime/tests/modes.rs` replays.
#![no_main]

use arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use reference_runtime::Config;
use reference_runtime::{exercise, modes};

#[path = "../../reference-runtime/tests/support/smith_config.rs"]
mod smith_config;
use smith_config::modes_smith_config;
use std::sync::LazyLock;

static CONFIG: LazyLock<Config> = LazyLock::new(exercise::config);

fn run(data: &[u8]) -> Result<()> {
    let mut u = Unstructured::new(data);
    let module = wasm_smith::Module::new(modes_smith_config(), &mut u)?;
    let seed: u64 = u.arbitrary()?;
    let bytes = module.to_bytes();
    match modes::compare(&bytes, &CONFIG, seed) {
        Ok(agreement) => assert!(
            agreement.validated,
            "a wasm-smith module was rejected in both modes"
        ),
        Err(difference) => {
            if let Some(dir) = std::env::var_os("MODES_FINDINGS") {
                let path = std::path::Path::new(&dir).join(format!("{seed}.wasm"));
                if let Err(e) = std::fs::write(&path, &bytes) {
                    eprintln!("could not write {}: {e}", path.display());
                }
            }
            panic!("the translations differ (argument seed {seed}): {difference}")
        }
    }
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(data);
});
