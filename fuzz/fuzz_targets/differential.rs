//! The reference runtime against the `wasmi` crate, in process: a module
//! generated under the differential configuration (the proposals wasmi
//! passed in the measured spec matrix), the reference's answers for its
//! calls written as a spec script (`conformance_differential::oracle`),
//! and that script run by wasmi's own script runner (`wasmi_wast`). Any
//! directive wasmi fails is a divergence between the two, unless it ran
//! out of stack, which depends on each runtime's limits (poisoned).
#![no_main]

use conformance_differential::{Proposals, module_for_seed, oracle_script};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|seed: u64| {
    let proposals = Proposals::shared_by(["wasmi"]);
    let Ok(module) = module_for_seed(seed, &proposals) else {
        return;
    };
    let script = oracle_script(&module, seed).expect("the oracle runs its generator's module");
    let mut config = wasmi::Config::default();
    config
        .wasm_simd(proposals.simd)
        .wasm_tail_call(proposals.tail_call)
        .wasm_extended_const(proposals.extended_const)
        .wasm_multi_memory(proposals.multi_memory);
    let mut runner = wasmi_wast::WastRunner::new(&config);
    if let Err(e) = runner.process_directives("differential.wast", &script.wast) {
        let text = format!("{e:#}");
        if text.contains("stack") && text.contains("exhausted") {
            return; // poisoned
        }
        panic!(
            "wasmi diverges from the reference on seed {seed}: {text}\n{}",
            script.wast
        );
    }
});
