//! wasm-smith modules, using every feature the reference runtime supports
//! (`Config::supported_features`), into the robustness driver: each must
//! validate, and instantiating it and calling its exports (with fuel, so
//! that loops end) must not panic.
#![no_main]

use arbitrary::{Result, Unstructured};
use libfuzzer_sys::fuzz_target;
use reference_runtime::Config;
use reference_runtime::exercise::{self, exercise};

#[path = "../../reference-runtime/tests/support/smith_config.rs"]
mod smith_config;
use smith_config::smith_config;
use std::sync::LazyLock;

static CONFIG: LazyLock<Config> = LazyLock::new(exercise::config);

fn run(data: &[u8]) -> Result<()> {
    let mut u = Unstructured::new(data);
    let module = wasm_smith::Module::new(smith_config(), &mut u)?;
    let outcome = exercise(&module.to_bytes(), &CONFIG);
    if let Some(rejection) = &outcome.rejection {
        panic!("wasm-smith module rejected: {rejection}");
    }
    assert_eq!(outcome.failures, 0, "a call failed without trapping");
    Ok(())
}

fuzz_target!(|data: &[u8]| {
    let _ = run(data);
});
