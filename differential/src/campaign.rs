//! One generated case on the runtimes under test: the oracle's script run
//! through probes, each failed directive a divergence unless its outcome
//! depends on the runtime's limits (poisoned: counted, never reported).

use std::path::Path;
use std::time::Duration;

use conformance_adapters::{
    DirectiveFailure, ProbeCache, Runtime, ScriptJob, run_script_through_probes,
};
use conformance_probe::ProbeOptions;

use crate::generate::{Proposals, module_for_seed};
use crate::oracle::{OracleError, oracle_script};

/// One runtime's disagreement with the oracle on one case.
#[derive(Debug, Clone, PartialEq)]
pub struct Divergence {
    /// The runtime.
    pub runtime: String,
    /// The first directive that differs (line in the case's script).
    pub first: DirectiveFailure,
    /// Directives that differ.
    pub count: usize,
}

/// What one seed gave.
#[derive(Debug, Clone, Default)]
pub struct CaseOutcome {
    /// The generated module (empty when the seed gave none).
    pub module: Vec<u8>,
    /// The oracle's script.
    pub wast: String,
    /// Calls compared, over all runtimes.
    pub calls: usize,
    /// Outcomes set aside: the oracle's own (stack or fuel) and the
    /// runtimes' (timeouts, stack exhaustion).
    pub poisoned: usize,
    /// Divergences, one per runtime at most.
    pub divergences: Vec<Divergence>,
}

/// Why a seed gave no comparable case.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    /// wasm-smith could not build a module from the seed's bytes.
    #[error("seed {0}: wasm-smith made no module: {1}")]
    Generate(u64, arbitrary::Error),
    /// The oracle refused its own generator's module.
    #[error("seed {0}: {1}")]
    Oracle(u64, OracleError),
}

/// Generate the case of `seed` and run it on every runtime.
pub fn run_seed(
    seed: u64,
    proposals: &Proposals,
    runtimes: &[&dyn Runtime],
    scratch: &Path,
    timeout: Duration,
    cache: Option<&ProbeCache>,
) -> Result<CaseOutcome, CaseError> {
    let module = module_for_seed(seed, proposals).map_err(|e| CaseError::Generate(seed, e))?;
    let oracle = oracle_script(&module, seed).map_err(|e| CaseError::Oracle(seed, e))?;
    let mut outcome = CaseOutcome {
        module,
        poisoned: usize::from(oracle.poisoned),
        ..CaseOutcome::default()
    };
    let job = ScriptJob {
        name: format!("smith/seed-{seed}.wast"),
        group: "smith".into(),
        text: oracle.wast.clone(),
    };
    outcome.wast = oracle.wast;
    for runtime in runtimes {
        let options = ProbeOptions { host_refs: false };
        let observed = run_script_through_probes(*runtime, &job, &options, scratch, timeout, cache);
        let (poisoned, real): (Vec<_>, Vec<_>) =
            observed.failures.into_iter().partition(is_poisoned);
        outcome.poisoned += poisoned.len();
        outcome.calls += oracle.calls.saturating_sub(poisoned.len());
        if let Some(first) = real.first() {
            outcome.divergences.push(Divergence {
                runtime: runtime.info().name.clone(),
                first: first.clone(),
                count: real.len(),
            });
        }
    }
    Ok(outcome)
}

/// Outcomes that depend on the runtime's limits or the machine: a
/// timeout, stack exhaustion, a crash.
fn is_poisoned(failure: &DirectiveFailure) -> bool {
    failure.observed.as_deref().is_some_and(|o| {
        o == "timed out"
            || o.starts_with("crash")
            || o.contains("StackExhausted")
            || o.contains("OutOfFuel")
    })
}
