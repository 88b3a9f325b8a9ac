//! Baselines, as a CI job would use them: a run of a runtime at version 1
//! (every case passes), then a run at version 2 (one case now fails)
//! with `--baseline` the first run's record. The planted regression must
//! lead the summaries, `--fail-on new` must exit 1 for it alone, and
//! `compare` must say the same from the two records.

use std::path::Path;
use std::process::{Command, Output};

mod support;
use support::{script, text};

fn conformance(d: &Path, binary: &str, out: &str, extra: &[&str]) -> Output {
    support::conformance_with_toy(d, binary, "toy", out, extra)
}

#[test]
fn a_planted_regression_leads_the_reports_and_gates_with_fail_on_new() {
    let dir = tempfile::tempdir().expect("a temp dir");
    let d = dir.path();
    let suite = d.join("suite");
    std::fs::create_dir(&suite).expect("creating the suite");
    for name in ["steady", "regresses"] {
        std::fs::write(suite.join(format!("{name}.wasm")), b"\0asm\x01\0\0\0").expect("a case");
    }
    script(d, "toy1", "toy 1", "exit 0");
    // Version 2 fails the case `regresses` (its module path names it).
    script(
        d,
        "toy2",
        "toy 2",
        "case \"$1\" in *regresses*) exit 3;; esac; exit 0",
    );

    let first = conformance(d, "toy1", "one", &[]);
    assert_eq!(first.status.code(), Some(0), "{}", text(&first));

    let old = d.join("one/run.json");
    let old_arg = old.display().to_string();
    let second = conformance(
        d,
        "toy2",
        "two",
        &["--baseline", &old_arg, "--fail-on", "new"],
    );
    let said = text(&second);
    assert_eq!(second.status.code(), Some(1), "{said}");
    assert!(said.contains("1 new failure(s), 0 fix(es)"), "{said}");
    assert!(said.contains("toy 1 -> toy 2"), "{said}");
    assert!(said.contains("new fail  toy"), "{said}");
    let summary = std::fs::read_to_string(d.join("two/summary.md")).expect("summary.md");
    let lead = summary.lines().nth(2).unwrap_or_default();
    assert_eq!(lead, "## Since baseline", "{summary}");
    assert!(summary.contains("/regresses | pass | fail |"), "{summary}");
    let html = std::fs::read_to_string(d.join("two/report.html")).expect("report.html");
    assert!(html.contains("id=\"baseline\"") && html.contains("regresses"));

    // The same run without --fail-on new fails on the failure itself, and
    // with --fail-on new against itself it passes (nothing new).
    let again = conformance(d, "toy2", "three", &[]);
    assert_eq!(again.status.code(), Some(1));
    let same = d.join("three/run.json").display().to_string();
    let steady = conformance(
        d,
        "toy2",
        "four",
        &["--baseline", &same, "--fail-on", "new"],
    );
    assert_eq!(steady.status.code(), Some(0), "{}", text(&steady));

    let compare = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args([
            "compare",
            &old_arg,
            &d.join("two/run.json").display().to_string(),
        ])
        .args(["--fail-on", "new"])
        .output()
        .expect("running compare");
    let said = text(&compare);
    assert_eq!(compare.status.code(), Some(1), "{said}");
    assert!(said.contains("1 new failure(s)"), "{said}");
    let reverse = Command::new(env!("CARGO_BIN_EXE_xtask"))
        .args([
            "compare",
            &d.join("two/run.json").display().to_string(),
            &old_arg,
        ])
        .output()
        .expect("running compare");
    let said = text(&reverse);
    assert_eq!(reverse.status.code(), Some(0), "{said}");
    assert!(said.contains("0 new failure(s), 1 fix(es)"), "{said}");

    let missing = conformance(d, "toy2", "five", &["--fail-on", "new"]);
    assert_eq!(missing.status.code(), Some(2), "{}", text(&missing));
}
