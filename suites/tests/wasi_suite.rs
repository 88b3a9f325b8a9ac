//! The WASI suite kept in this repository is consistent: every case loads,
//! has its source beside it, and its committed module is the one its current
//! source builds to (`cargo xtask build-suites` refreshes both).

use conformance_suites::build::{SuiteLayout, case_sources, stale_cases};
use conformance_suites::{load_wasi_dir, wasi_suite_dir};

fn layout() -> SuiteLayout {
    SuiteLayout {
        root: wasi_suite_dir(),
    }
}

#[test]
fn every_module_matches_its_recorded_source() {
    let problems = stale_cases(&layout()).expect("reading the build manifest");
    assert!(
        problems.is_empty(),
        "stale modules, run `cargo xtask build-suites`:\n{}",
        problems.join("\n")
    );
}

#[test]
fn every_case_loads_and_has_a_source() {
    let cases = load_wasi_dir(&layout().tests()).expect("loading the WASI suite");
    assert!(cases.len() >= 30, "only {} cases", cases.len());
    let sources = case_sources(&layout()).unwrap();
    for case in &cases {
        let has_source = sources
            .iter()
            .any(|s| s.with_extension("wasm") == case.wasm);
        assert!(
            has_source,
            "{}: no .c or .wat source beside the module",
            case.name
        );
        assert!(
            case.spec.stdout.is_some() || case.spec.trap,
            "{}: states neither stdout nor a trap, so a wrong program could pass",
            case.name
        );
    }
}
