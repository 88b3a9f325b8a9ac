//! Judging an observation against what a case expects: the exit code exactly,
//! a trap when one is expected, and stdout and stderr exactly when the case
//! states them (never as a prefix), line endings normalized.

use conformance_adapters::{ExitStatus, Observation};
use conformance_suites::CaseSpec;

use crate::{Expected, Verdict};

impl From<&CaseSpec> for Expected {
    fn from(spec: &CaseSpec) -> Expected {
        let normalize = |s: &String| s.replace("\r\n", "\n");
        Expected {
            exit_code: spec.exit_code.unwrap_or(0),
            trap: spec.trap,
            stdout: spec.stdout.as_ref().map(normalize),
            stderr: spec.stderr.as_ref().map(normalize),
        }
    }
}

/// The verdict and, unless it passed, one line per difference.
pub fn judge_wasi(expected: &Expected, observed: &Observation) -> (Verdict, Vec<String>) {
    let mut reasons = Vec::new();
    let status_ok = match (&observed.status, expected.trap) {
        (ExitStatus::Trap { .. }, true) => true,
        (ExitStatus::Exit { code }, false) => *code == expected.exit_code,
        _ => false,
    };
    if !status_ok {
        let wanted = if expected.trap {
            "a trap".to_string()
        } else {
            format!("exit {}", expected.exit_code)
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
            && (*want != got.text || got.truncated)
        {
            let cut = if got.truncated {
                " (output was cut at the cap)"
            } else {
                ""
            };
            reasons.push(format!("{stream} differs from the expected text{cut}"));
        }
    }
    let verdict = if reasons.is_empty() {
        Verdict::Pass
    } else {
        Verdict::Fail
    };
    (verdict, reasons)
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
        }
    }

    fn expected(exit_code: i32, stdout: Option<&str>) -> Expected {
        Expected {
            exit_code,
            trap: false,
            stdout: stdout.map(str::to_string),
            stderr: None,
        }
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
