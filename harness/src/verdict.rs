//! Judging an observation against what a case expects: the exit code exactly,
//! a trap when one is expected, and stdout and stderr exactly when the case
//! states them (never as a prefix), line endings normalized.

use std::collections::BTreeMap;

use conformance_adapters::{ExitStatus, FsEntryKind, FsTree, Observation, sha256_hex};
use conformance_suites::{CaseSpec, FsExpectation, OneOrMany};

use crate::{Expected, Verdict};

impl From<&CaseSpec> for Expected {
    fn from(spec: &CaseSpec) -> Expected {
        let normalize = |s: &String| s.replace("\r\n", "\n");
        Expected {
            exit_code: spec.exit_code.clone().unwrap_or(OneOrMany::One(0)),
            trap: spec.trap,
            stdout: spec.stdout.as_ref().map(|s| s.map(normalize)),
            stderr: spec.stderr.as_ref().map(|s| s.map(normalize)),
            fs_after: spec.fs_after.clone(),
            covers: {
                let mut covers: Vec<String> = spec
                    .covers
                    .success
                    .iter()
                    .chain(&spec.covers.error)
                    .cloned()
                    .collect();
                covers.sort();
                covers.dedup();
                covers
            },
        }
    }
}

fn describe<T: std::fmt::Display + PartialEq>(values: &OneOrMany<T>) -> String {
    let texts: Vec<String> = values.values().iter().map(|v| v.to_string()).collect();
    texts.join(" or ")
}

/// The verdict and, unless it passed, one line per difference.
pub fn judge_wasi(expected: &Expected, observed: &Observation) -> (Verdict, Vec<String>) {
    let mut reasons = Vec::new();
    let status_ok = match (&observed.status, expected.trap) {
        (ExitStatus::Trap { .. }, true) => true,
        (ExitStatus::Exit { code }, false) => expected.exit_code.allows(code),
        _ => false,
    };
    if !status_ok {
        let wanted = if expected.trap {
            "a trap".to_string()
        } else {
            format!("exit {}", describe(&expected.exit_code))
        };
        let got = match &observed.status {
            ExitStatus::Rejected { message } => {
                format!("the runtime rejected the module: {message}")
            }
            ExitStatus::Trap { message, .. } => format!("a trap: {message}"),
            other => other.summary(),
        };
        reasons.push(format!("expected {wanted}, got {got}"));
    }
    for (stream, want, got) in [
        ("stdout", &expected.stdout, &observed.stdout),
        ("stderr", &expected.stderr, &observed.stderr),
    ] {
        if let Some(want) = want
            && (!want.allows(&got.text) || got.truncated)
        {
            let cut = if got.truncated {
                " (output was cut at the cap)"
            } else {
                ""
            };
            let which = if want.values().len() > 1 {
                " (any of the allowed texts)"
            } else {
                ""
            };
            reasons.push(format!(
                "{stream} differs from the expected text{which}{cut}"
            ));
        }
    }
    reasons.extend(judge_fs_after(
        &expected.fs_after,
        observed.fs_after.as_ref(),
    ));
    let verdict = if reasons.is_empty() {
        Verdict::Pass
    } else {
        Verdict::Fail
    };
    (verdict, reasons)
}

/// How two runs of the same case behaved differently, one line per
/// difference: how they ended (a trap's message is the runtime's own, so
/// any two traps agree), stdout, and the preopened dirs after the run.
/// stderr is left out: runtimes print their own diagnostics there.
pub fn behaviour_differences(a: &Observation, b: &Observation) -> Vec<String> {
    let mut differences = Vec::new();
    let ending = |o: &Observation| match &o.status {
        ExitStatus::Trap { .. } => "trap".to_string(),
        other => other.summary(),
    };
    if ending(a) != ending(b) {
        differences.push(format!(
            "ends with {} vs {}",
            a.status.summary(),
            b.status.summary()
        ));
    }
    if a.stdout.text != b.stdout.text {
        differences.push("stdout differs".to_string());
    }
    let tree = |o: &Observation| o.fs_after.as_ref().map(FsTree::lines).unwrap_or_default();
    if tree(a) != tree(b) {
        differences.push("the dirs differ after the run".to_string());
    }
    differences
}

/// One line per path of `fs_after` that is not as expected.
fn judge_fs_after(expected: &BTreeMap<String, String>, tree: Option<&FsTree>) -> Vec<String> {
    let mut reasons = Vec::new();
    for (path, text) in expected {
        let Ok(want) = FsExpectation::parse(text) else {
            reasons.push(format!(
                "fs_after {path}: cannot read the expectation `{text}`"
            ));
            continue;
        };
        let entry = tree.and_then(|t| t.get(path));
        let got = match entry {
            None => "nothing".to_string(),
            Some(e) => match e.kind {
                FsEntryKind::File => format!("a file of {} bytes", e.size.unwrap_or(0)),
                FsEntryKind::Dir => "a directory".into(),
                FsEntryKind::Symlink => {
                    format!("a symlink to {}", e.target.as_deref().unwrap_or(""))
                }
                FsEntryKind::Other => "a special file".into(),
            },
        };
        let ok = match (&want, entry) {
            (FsExpectation::Absent, None) => true,
            (FsExpectation::Dir, Some(e)) => e.kind == FsEntryKind::Dir,
            (FsExpectation::File(None), Some(e)) => e.kind == FsEntryKind::File,
            (FsExpectation::File(Some(content)), Some(e)) => {
                e.kind == FsEntryKind::File
                    && e.size == Some(content.len() as u64)
                    && e.sha256.as_deref() == Some(sha256_hex(content.as_bytes()).as_str())
            }
            (FsExpectation::Symlink(target), Some(e)) => {
                e.kind == FsEntryKind::Symlink && e.target.as_deref() == Some(target.as_str())
            }
            _ => false,
        };
        if !ok {
            let content_differs = matches!(&want, FsExpectation::File(Some(_)))
                && entry.is_some_and(|e| e.kind == FsEntryKind::File);
            let detail = if content_differs {
                " with other content"
            } else {
                ""
            };
            reasons.push(format!(
                "fs_after {path}: expected {text}, got {got}{detail}"
            ));
        }
    }
    reasons
}

#[cfg(test)]
mod tests {
    use super::*;
    use conformance_adapters::{CapturedOutput, TrapKind};

    fn observed(status: ExitStatus, stdout: &str) -> Observation {
        Observation {
            status,
            stdout: CapturedOutput {
                text: stdout.into(),
                ..Default::default()
            },
            stderr: CapturedOutput::default(),
            duration_ms: 1.0,
            fs_after: None,
            trace: None,
        }
    }

    fn expected(exit_code: i32, stdout: Option<&str>) -> Expected {
        Expected {
            exit_code: OneOrMany::One(exit_code),
            trap: false,
            stdout: stdout.map(|s| OneOrMany::One(s.to_string())),
            stderr: None,
            fs_after: BTreeMap::new(),
            covers: Vec::new(),
        }
    }

    #[test]
    fn alternatives_accept_any_allowed_outcome() {
        let mut want = expected(0, None);
        want.exit_code = OneOrMany::Many(vec![0, 44]);
        want.stdout = Some(OneOrMany::Many(vec![
            "EPERM\n".into(),
            "ENOTCAPABLE\n".into(),
        ]));
        let ok = observed(ExitStatus::Exit { code: 44 }, "ENOTCAPABLE\n");
        assert_eq!(judge_wasi(&want, &ok).0, Verdict::Pass);
        let (v, r) = judge_wasi(&want, &observed(ExitStatus::Exit { code: 1 }, "ENOENT\n"));
        assert_eq!(v, Verdict::Fail);
        assert_eq!(
            r,
            [
                "expected exit 0 or 44, got exit 1",
                "stdout differs from the expected text (any of the allowed texts)"
            ]
        );
    }

    #[test]
    fn fs_after_checks_listed_paths() {
        let tmp = tempfile::tempdir().unwrap();
        std::fs::write(tmp.path().join("out.txt"), "hi\n").unwrap();
        std::fs::create_dir(tmp.path().join("sub")).unwrap();
        let tree = FsTree::snapshot([("d", tmp.path())]).unwrap();
        let mut obs = observed(ExitStatus::Exit { code: 0 }, "");
        obs.fs_after = Some(tree);
        let mut want = expected(0, None);
        for (path, text) in [
            ("d/out.txt", "file:hi\n"),
            ("d/sub", "dir"),
            ("d/gone", "absent"),
        ] {
            want.fs_after.insert(path.into(), text.into());
        }
        assert_eq!(judge_wasi(&want, &obs), (Verdict::Pass, vec![]));
        want.fs_after
            .insert("d/out.txt".into(), "file:bye\n".into());
        want.fs_after.insert("d/sub".into(), "absent".into());
        let (_, reasons) = judge_wasi(&want, &obs);
        assert_eq!(
            reasons,
            [
                "fs_after d/out.txt: expected file:bye\n, got a file of 3 bytes with other content",
                "fs_after d/sub: expected absent, got a directory"
            ]
        );
    }

    #[test]
    fn exact_match_passes() {
        let (v, r) = judge_wasi(
            &expected(0, Some("hi\n")),
            &observed(ExitStatus::Exit { code: 0 }, "hi\n"),
        );
        assert_eq!((v, r.len()), (Verdict::Pass, 0));
    }

    #[test]
    fn a_prefix_is_not_a_match() {
        let (v, r) = judge_wasi(
            &expected(0, Some("hi")),
            &observed(ExitStatus::Exit { code: 0 }, "hi\nmore"),
        );
        assert_eq!(v, Verdict::Fail);
        assert_eq!(r, ["stdout differs from the expected text"]);
    }

    #[test]
    fn unstated_stdout_is_not_checked_but_exit_code_is() {
        let (v, r) = judge_wasi(
            &expected(3, None),
            &observed(ExitStatus::Exit { code: 1 }, "x"),
        );
        assert_eq!(v, Verdict::Fail);
        assert_eq!(r, ["expected exit 3, got exit 1"]);
    }

    #[test]
    fn trap_expectations() {
        let trap = ExitStatus::Trap {
            trap: TrapKind::Host,
            message: "bad pointer".into(),
        };
        let mut want = expected(0, None);
        want.trap = true;
        assert_eq!(
            judge_wasi(&want, &observed(trap.clone(), "")).0,
            Verdict::Pass
        );
        assert_eq!(
            judge_wasi(&want, &observed(ExitStatus::Exit { code: 0 }, "")).0,
            Verdict::Fail
        );
        let (v, r) = judge_wasi(&expected(0, None), &observed(trap, ""));
        assert_eq!(v, Verdict::Fail);
        assert_eq!(r, ["expected exit 0, got a trap: bad pointer"]);
    }

    #[test]
    fn rejected_module_says_so() {
        let obs = observed(
            ExitStatus::Rejected {
                message: "failed to parse WebAssembly module".into(),
            },
            "",
        );
        let (_, r) = judge_wasi(&expected(0, None), &obs);
        assert_eq!(
            r,
            [
                "expected exit 0, got the runtime rejected the module: failed to parse WebAssembly module"
            ]
        );
    }
}
