//! A runtime's expectations TOML (`suites/expectations/NAME.toml`): any
//! text gives the known failures or an error naming the file, never a
//! panic; what parses can be looked up.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|text: &str| {
    match conformance_suites::Expectations::parse(Path::new("fuzz.toml"), text) {
        Ok(known) => {
            let _ = known.get("wasi", "args_basic");
            let _ = known.get("spec", "wasm-v1/i32.wast");
        }
        Err(e) => assert!(e.to_string().contains("fuzz.toml"), "{e}"),
    }
});
