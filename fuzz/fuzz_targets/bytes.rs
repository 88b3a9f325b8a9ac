//! Arbitrary bytes into the reference runtime's robustness driver: decoding
//! and validation must reject malformed or invalid modules with an error,
//! and whatever does validate must instantiate and run without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reference_runtime::exercise::{self, exercise};
use std::sync::LazyLock;

static CONFIG: LazyLock<reference_runtime::Config> = LazyLock::new(exercise::config);

fuzz_target!(|bytes: &[u8]| {
    let outcome = exercise(bytes, &CONFIG);
    assert_eq!(outcome.failures, 0, "a call failed without trapping");
});
