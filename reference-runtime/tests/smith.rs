//! Robustness of the interpreter on generated modules: wasm-smith modules
//! with every feature the interpreter supports (`support/smith_config.rs`,
//! shared with the `smith` fuzz target) go through [`exercise`], which validates them, instantiates them with stub
//! imports and calls every exported function with fuel. Nothing may panic;
//! traps are fine. The fuzz targets in `fuzz/` drive the same function.

use arbitrary::Unstructured;
use reference_runtime::exercise::{self, exercise};

mod support {
    pub mod smith_config;
}
use support::smith_config::{pseudo_random_bytes, smith_config};

#[test]
fn generated_modules_run_without_panicking() {
    let config = exercise::config();
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let mut ran = 0;
    for _ in 0..500 {
        let data = pseudo_random_bytes(&mut seed, 4096);
        let mut u = Unstructured::new(&data);
        let Ok(generated) = wasm_smith::Module::new(smith_config(), &mut u) else {
            continue;
        };
        let outcome = exercise(&generated.to_bytes(), &config);
        if let Some(e) = &outcome.rejection {
            panic!("wasm-smith module rejected: {e}");
        }
        assert_eq!(outcome.failures, 0, "a call failed without trapping");
        ran += outcome.calls;
    }
    eprintln!("ran {ran} generated functions");
    assert!(ran > 0, "no generated function ran");
}
