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
    /// The failed directives, in order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub failures: Vec<DirectiveFailure>,
    /// Wall time, in milliseconds.
    pub duration_ms: f64,
}
