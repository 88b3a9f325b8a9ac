//! The oracle against wasmtime, case by case over the WASI suite: the
//! reference runtime's observations (how the run ended, stdout, the dirs
//! after it) must equal wasmtime's, except where both fall within the
//! outcomes the case allows (the spec leaves a choice: alternatives) or the
//! case is listed as failing in `suites/expectations/wasmtime.toml`, each
//! entry with the witx or POSIX text that justifies the reference. A listed
//! case must really differ, so the list stays short and true. Without
//! wasmtime the trials are ignored and the reason is printed.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use conformance_adapters::{CliRuntime, Discovery, ReferenceRuntime, Runtime, builtin_specs};
use conformance_harness::{Case, Limits, Verdict, behaviour_differences, run_case};
use conformance_suites::{
    Expectations, ExpectedOutcome, expectations_dir, load_wasi_dir, wasi_suite_dir,
};
use libtest_mimic::{Arguments, Failed, Trial};

fn main() {
    let args = Arguments::from_args();
    let cases = load_wasi_dir(&wasi_suite_dir().join("tests")).expect("loading the WASI suite");
    let listed =
        Expectations::load(&expectations_dir(), "wasmtime").expect("reading wasmtime.toml");
    let spec = builtin_specs()
        .into_iter()
        .find(|s| s.name == "wasmtime")
        .expect("built-in");
    let wasmtime: Option<Arc<dyn Runtime>> =
        match CliRuntime::discover(spec, &Discovery::standard(BTreeMap::new())) {
            Ok(rt) => Some(Arc::new(rt)),
            Err(e) => {
                eprintln!("SKIPPING reference-vs-wasmtime: {e}");
                None
            }
        };
    let scratch = Arc::new(tempfile::tempdir().expect("scratch dir"));
    let limits = Limits {
        timeout: Duration::from_secs(20),
        output_cap: 1 << 20,
    };
    let mut trials = Vec::new();
    for case in cases {
        let name = format!("reference_vs_wasmtime::{}", case.name);
        let Some(wasmtime) = wasmtime.clone() else {
            trials.push(Trial::test(name, || Ok(())).with_ignored_flag(true));
            continue;
        };
        let justified = listed
            .get("wasi", &case.name)
            .filter(|e| e.outcome == ExpectedOutcome::Fail)
            .map(|e| e.reason.clone());
        let scratch = scratch.clone();
        trials.push(Trial::test(name, move || {
            let case = Case::Wasi(Box::new(case));
            let observe = |runtime: &dyn Runtime| {
                let result = run_case(runtime, "wasi", &case, None, &limits, scratch.path(), None);
                let passed = result.verdict == Verdict::Pass;
                result
                    .observation
                    .map(|o| (o, passed))
                    .ok_or_else(|| Failed::from(format!("{} did not run it", runtime.info().name)))
            };
            let (reference, reference_passed) = observe(&ReferenceRuntime::new())?;
            let (theirs, theirs_passed) = observe(wasmtime.as_ref())?;
            let differences = behaviour_differences(&reference, &theirs);
            let both_allowed = reference_passed && theirs_passed;
            match (differences.is_empty(), justified) {
                (true, None) | (false, Some(_)) => Ok(()),
                (false, None) if both_allowed => Ok(()),
                (false, None) => Err(Failed::from(format!(
                    "the reference and wasmtime differ, and suites/expectations/wasmtime.toml does not justify it: {}\nreference stdout:\n{}\nwasmtime stdout:\n{}",
                    differences.join("; "),
                    reference.stdout.text,
                    theirs.stdout.text
                ))),
                (true, Some(reason)) => Err(Failed::from(format!(
                    "listed as a divergence ({reason}), but the reference and wasmtime agree: remove the entry"
                ))),
            }
        }));
    }
    libtest_mimic::run(&args, trials).exit();
}
