//! A WASI case's `.json` (the legacy keys, or the operation-based format
//! when it has `operations`), as `cargo xtask conformance` reads it from a
//! suite directory: any text gives a case or an error naming the file,
//! line and column, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|text: &str| {
    if let Err(e) = conformance_suites::wasi::parse_case_spec(Path::new("case.json"), text) {
        assert!(e.to_string().contains("case.json"), "{e}");
    }
});
