//! Every `wasi_snapshot_preview1` function has at least one success case and
//! one error-path case in the WASI suite, and every `covers` declaration names
//! a function the case's module really imports.

use conformance_suites::coverage::coverage;
use conformance_suites::{load_wasi_dir, wasi_suite_dir};

#[test]
fn every_preview1_function_has_a_success_and_an_error_case() {
    let cases = load_wasi_dir(&wasi_suite_dir().join("tests")).expect("loading the WASI suite");
    let table = coverage(&cases).expect("reading the modules");
    assert!(
        table.problems.is_empty(),
        "bad declarations:\n{}",
        table.problems.join("\n")
    );
    let gaps = table.gaps();
    assert!(
        gaps.is_empty(),
        "not covered (see `cargo xtask suite-coverage`):\n{}",
        gaps.join("\n")
    );
    assert!(cases.len() >= 150, "only {} cases", cases.len());
}
