//! The differential pipeline end to end: generated modules, the oracle's
//! script, probes on a runtime. The reference runtime run as a probe
//! subject must never diverge from itself (any divergence is a bug of the
//! generator, the oracle's script or the probe); a known WAMR divergence
//! must be found, shrunk and replayed (skipped, with the reason, when WAMR
//! is not available: set WAMR to its `iwasm`).

use std::collections::BTreeMap;
use std::time::Duration;

use conformance_adapters::{CliRuntime, Discovery, ReferenceRuntime, builtin_specs};
use conformance_differential::{Proposals, replay, run_seed, shrink};
use libtest_mimic::{Arguments, Failed, Trial};

const SEEDS: std::ops::Range<u64> = 0..24;

fn reference_never_diverges_from_itself() -> Result<(), Failed> {
    let scratch = tempfile::tempdir()?;
    let runtime = ReferenceRuntime::new();
    let proposals = Proposals::shared_by(["reference"]);
    let (mut modules, mut calls) = (0, 0);
    for seed in SEEDS {
        let Ok(case) = run_seed(
            seed,
            &proposals,
            &[&runtime],
            scratch.path(),
            Duration::from_secs(30),
            None,
        ) else {
            continue;
        };
        modules += 1;
        calls += case.calls;
        if let Some(d) = case.divergences.first() {
            return Err(format!(
                "seed {seed}: the reference diverges from itself at line {}: {} (expected {:?}, observed {:?})\n{}",
                d.first.line, d.first.message, d.first.expected, d.first.observed, case.wast
            )
            .into());
        }
    }
    if modules < SEEDS.count() / 2 || calls == 0 {
        return Err(format!("too little compared: {modules} modules, {calls} calls").into());
    }
    Ok(())
}

fn wamr_v128_divergence_is_shrunk_and_replayed() -> Result<(), Failed> {
    let spec = builtin_specs()
        .into_iter()
        .find(|s| s.name == "wamr")
        .ok_or("no built-in wamr")?;
    let wamr = CliRuntime::discover(spec, &Discovery::standard(BTreeMap::new()))?;
    let scratch = tempfile::tempdir()?;
    let proposals = Proposals::shared_by(["wamr"]);
    let timeout = Duration::from_secs(20);
    // Seed 3: a function returning (externref f64 i32 v128 i64 f32); WAMR
    // 2.4.5 (fast interpreter) returns garbage in the v128.
    let case = run_seed(3, &proposals, &[&wamr], scratch.path(), timeout, None)?;
    let d = case
        .divergences
        .first()
        .ok_or("WAMR no longer diverges on seed 3 (fixed upstream?)")?;
    let shrunk = shrink(&case.module, 3, &wamr, d, scratch.path(), timeout, 200)?;
    if shrunk.module.len() >= case.module.len() / 2 {
        return Err(format!(
            "shrinking kept {} of {} bytes",
            shrunk.module.len(),
            case.module.len()
        )
        .into());
    }
    if replay(&wamr, "shrunk.wast", &shrunk.wast, scratch.path(), timeout).is_none() {
        return Err("the shrunk case does not diverge when replayed".into());
    }
    let reference = ReferenceRuntime::new();
    if let Some(d) = replay(
        &reference,
        "shrunk.wast",
        &shrunk.wast,
        scratch.path(),
        timeout,
    ) {
        return Err(format!(
            "the reference diverges from its own script: {}",
            d.first.message
        )
        .into());
    }
    Ok(())
}

fn main() {
    let args = Arguments::from_args();
    let mut trials = vec![Trial::test(
        "reference_through_probes_never_diverges_from_itself",
        reference_never_diverges_from_itself,
    )];
    let wamr_present = builtin_specs()
        .into_iter()
        .find(|s| s.name == "wamr")
        .is_some_and(|spec| {
            CliRuntime::discover(spec, &Discovery::standard(BTreeMap::new())).is_ok()
        });
    let wamr = Trial::test(
        "wamr_v128_multi_value_divergence_is_shrunk_and_replayed",
        wamr_v128_divergence_is_shrunk_and_replayed,
    );
    if wamr_present {
        trials.push(wamr);
    } else {
        eprintln!(
            "SKIPPING the WAMR divergence test: WAMR is not installed (set WAMR to its iwasm)"
        );
        trials.push(wamr.with_ignored_flag(true));
    }
    libtest_mimic::run(&args, trials).exit();
}
