//! Differential cases: wasm-smith modules under a differential
//! configuration ([`generate`]), the reference runtime's answer for their
//! calls written as a spec script ([`oracle`]), and every runtime judged
//! against it through the probe driver ([`campaign`]). A divergence is a
//! runtime that answers otherwise; outcomes that depend on a runtime's
//! limits (stack, time) are counted as poisoned and never reported.

pub mod campaign;
pub mod generate;
pub mod memory_hash;
pub mod oracle;

pub use campaign::{
    CaseError, CaseOutcome, Divergence, ShrinkError, Shrunk, Signature, module_text, replay,
    run_seed, shrink, transcripts,
};
pub use generate::{Proposals, differential_config, module_for_seed};
pub use memory_hash::{MEMORY_HASH_PREFIX, with_memory_hashes};
pub use oracle::{OracleScript, oracle_script};
