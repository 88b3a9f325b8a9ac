//! End to end: the WASI suite on the reference runtime (in-process) and on
//! real runtimes (wasmtime, wasmer, wasmi, node, WasmEdge, WAMR's two
//! interpreters, wazero), one
//! libtest-mimic trial per (runtime, case). A trial passes when its verdict
//! is `pass`, or `xfail` as listed in `suites/expectations/<runtime>.toml`; an
//! `xpass` fails, so the list stays honest. A runtime that is not installed
//! has its trials ignored, and the reason is printed.
//!
//! `WASI_SUITE_RUNTIMES=reference` (a comma-separated list) keeps only
//! those runtimes' trials: `cargo xtask mutants` judges each mutant of the
//! reference runtime by the WASI suite this way, as the harness judges it.

use std::collections::BTreeMap;
use std::sync::Arc;
use std::time::Duration;

use conformance_adapters::{CliRuntime, Discovery, ReferenceRuntime, Runtime, builtin_specs};
use conformance_harness::{Case, Limits, Verdict, run_case};
use conformance_suites::{Expectations, expectations_dir, load_wasi_dir, wasi_suite_dir};
use libtest_mimic::{Arguments, Failed, Trial};

const RUNTIMES: &[&str] = &[
    "reference",
    "wasmtime",
    "wasmer",
    "wasmi",
    "node",
    "wasmedge",
    "wamr",
    "wamr-classic",
    "wazero",
];

fn main() {
    let args = Arguments::from_args();
    let cases =
        Arc::new(load_wasi_dir(&wasi_suite_dir().join("tests")).expect("loading the WASI suite"));
    let scratch = Arc::new(tempfile::tempdir().expect("scratch dir"));
    let discovery = Discovery::standard(BTreeMap::new());
    let limits = Limits {
        timeout: Duration::from_secs(20),
        output_cap: 1 << 20,
    };
    let only = std::env::var("WASI_SUITE_RUNTIMES").ok();
    let chosen = |name: &str| {
        only.as_deref()
            .is_none_or(|list| list.split(',').any(|n| n.trim() == name))
    };
    if let Some(list) = &only {
        eprintln!("WASI_SUITE_RUNTIMES={list}: only those runtimes' trials");
    }
    let mut trials = Vec::new();
    for name in RUNTIMES.iter().filter(|n| chosen(n)) {
        let runtime: Option<Arc<dyn Runtime>> = if *name == "reference" {
            Some(Arc::new(ReferenceRuntime::new()))
        } else {
            let spec = builtin_specs()
                .into_iter()
                .find(|s| s.name == *name)
                .expect("a built-in runtime");
            match CliRuntime::discover(spec, &discovery) {
                // One compilation cache for all of a runtime's trials, as
                // for the jobs of one `cargo xtask conformance` run.
                Ok(rt) => Some(Arc::new(
                    rt.with_compile_cache(scratch.path().join("compile-cache").join(name)),
                )),
                Err(e) => {
                    eprintln!("SKIPPING the WASI suite on {name}: {e}");
                    None
                }
            }
        };
        let expectations = Arc::new(
            Expectations::load(&expectations_dir(), name).expect("reading the expectations file"),
        );
        for index in 0..cases.len() {
            let case_name = format!("{name}::{}", cases[index].name);
            let Some(runtime) = runtime.clone() else {
                trials.push(Trial::test(case_name, || Ok(())).with_ignored_flag(true));
                continue;
            };
            let (cases, scratch, expectations) =
                (cases.clone(), scratch.clone(), expectations.clone());
            trials.push(Trial::test(case_name, move || {
                let case = Case::Wasi(Box::new(cases[index].clone()));
                let known = expectations.get("wasi", case.name());
                let result = run_case(runtime.as_ref(), "wasi", &case, known, &limits, scratch.path(), None);
                match result.verdict {
                    Verdict::Pass | Verdict::Xfail | Verdict::Skip => Ok(()),
                    Verdict::Xpass => Err(Failed::from(format!(
                        "passes now, but suites/expectations/{}.toml lists it as failing: remove the entry",
                        result.runtime
                    ))),
                    other => Err(Failed::from(format!(
                        "{}: {}\n{}",
                        other.as_str(),
                        result.reasons.join("; "),
                        serde_json::to_string_pretty(&result.observation).unwrap_or_default()
                    ))),
                }
            }));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}
