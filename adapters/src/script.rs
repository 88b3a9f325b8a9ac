//! Spec test scripts (`.wast`) as a job: what a runtime that can run them
//! (in-process, a native `wast` runner, or the probe instrumenter) reports,
//! directive by directive.

use serde::{Deserialize, Serialize};

/// Run one `.wast` script.
#[derive(Debug, Clone)]
pub struct ScriptJob {
    /// Its name in reports: `wasm-v1/i32.wast`.
    pub name: String,
    /// Its feature group (`wasm-v1`, `simd`, `gc`, ...): which proposals to enable.
    pub group: String,
    /// The script's text.
    pub text: String,
}

/// How one directive went.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum DirectiveOutcome {
    /// As the script asserts.
    Pass,
    /// Not as the script asserts.
    Fail,
    /// Not run (unsupported by this runtime or its driver).
    Skip,
}

/// One directive that did not pass.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DirectiveFailure {
    /// Line in the script.
    pub line: usize,
    /// `assert_return`, `module`, ...
    pub kind: String,
    /// What happened.
    pub message: String,
    /// What the script expected, in the matcher's words (`i32:0000002a`,
    /// `trap (integer divide by zero)`, `refused`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<String>,
    /// What the runtime showed, in the same words (a probe's transcript
    /// line, the exit status).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed: Option<String>,
}

/// Directives not run, for one reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkipGroup {
    /// Why they were not run.
    pub reason: String,
    /// Their lines in the script.
    pub lines: Vec<usize>,
}

fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl ScriptObservation {
    /// Record that the directive at `line` was not run, for `reason`.
    pub fn skip(&mut self, line: usize, reason: &str) {
        self.skipped += 1;
        match self.skips.iter_mut().find(|g| g.reason == reason) {
            Some(group) => group.lines.push(line),
            None => self.skips.push(SkipGroup {
                reason: reason.to_string(),
                lines: vec![line],
            }),
        }
    }
}

/// What running a script showed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ScriptObservation {
    /// Directives that passed.
    pub passed: usize,
    /// Directives that failed.
    pub failed: usize,
    /// Directives that were not run.
    pub skipped: usize,
    /// The script itself did not parse.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub parse_error: Option<String>,
    /// The failed directives, in order. Every directive neither here nor
    /// in `skips` passed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failures: Vec<DirectiveFailure>,
    /// The directives not run, grouped by reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub skips: Vec<SkipGroup>,
    /// Set when the whole script was not run because the runtime lacks a
    /// feature it needs (decided once per directory, from the first module
    /// the runtime refused for it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsupported_feature: Option<String>,
    /// Processes the script took (probes; 0 for in-process runs).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub processes: usize,
    /// Wall time, in milliseconds.
    pub duration_ms: f64,
}
