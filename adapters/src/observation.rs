//! What came back from a job, normalized so that runtimes can be compared:
//! how the run ended, its output, and the state of its preopened dirs.

use serde::{Deserialize, Serialize};

use crate::FsTree;
pub use conformance_probe::TrapKind;

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "kebab-case")]
pub enum ExitStatus {
    /// The guest exited (returned from `_start` = 0, or `proc_exit(code)`).
    Exit {
        /// The exit code the runtime reported.
        code: i32,
    },
    /// The guest trapped.
    Trap {
        /// The kind, as far as the message tells.
        trap: TrapKind,
        /// The runtime's own words.
        message: String,
    },
    /// The runtime process died from a signal it did not handle.
    Crash {
        /// The signal number.
        signal: i32,
    },
    /// The wall-clock limit passed and the run was killed.
    Timeout,
    /// The runtime refused the module (decode, validation or link error).
    Rejected {
        /// The runtime's own words.
        message: String,
    },
}

impl ExitStatus {
    /// A short human form, e.g. `exit 3`, `trap (unreachable)`.
    pub fn summary(&self) -> String {
        match self {
            ExitStatus::Exit { code } => format!("exit {code}"),
            ExitStatus::Trap { trap, .. } => format!("trap ({})", trap_name(*trap)),
            ExitStatus::Crash { signal } => format!("crash (signal {signal})"),
            ExitStatus::Timeout => "timeout".to_string(),
            ExitStatus::Rejected { .. } => "rejected".to_string(),
        }
    }
}

fn trap_name(kind: TrapKind) -> String {
    serde_json::to_value(kind)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_else(|| format!("{kind:?}"))
}

/// A captured output stream: text (lossily decoded when not UTF-8), with
/// line endings normalized to `\n`, and whether it was cut at the cap.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CapturedOutput {
    /// The text.
    pub text: String,
    /// The stream was longer than the cap and was cut.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
    /// The bytes were not valid UTF-8 and were decoded lossily.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub lossy: bool,
}

impl CapturedOutput {
    /// Normalize raw bytes: lossy UTF-8, `\r\n` to `\n`.
    pub fn from_bytes(bytes: &[u8], truncated: bool) -> CapturedOutput {
        let (text, lossy) = match std::str::from_utf8(bytes) {
            Ok(text) => (text.to_string(), false),
            Err(_) => (String::from_utf8_lossy(bytes).into_owned(), true),
        };
        CapturedOutput {
            text: text.replace("\r\n", "\n"),
            truncated,
            lossy,
        }
    }
}

/// Everything observed about one run.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Observation {
    /// How it ended.
    pub status: ExitStatus,
    /// The guest's stdout.
    pub stdout: CapturedOutput,
    /// The guest's stderr (plus whatever the runtime itself printed).
    pub stderr: CapturedOutput,
    /// Wall time of the run, in milliseconds.
    pub duration_ms: f64,
    /// The preopened dirs after the run, when the job had any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fs_after: Option<FsTree>,
    /// The preview1 calls the guest made, when the runtime traces them and
    /// the harness asked for it (only the reference runtime, with
    /// `--trace`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace: Option<CallTrace>,
}

/// The preview1 calls of one run, one line each, in order:
/// `path_open(fd: 3, dirflags: symlink_follow, path: ".", ...) -> EISDIR`.
/// Only the first calls are kept (the limit is the runtime's setting);
/// `dropped` counts the rest.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CallTrace {
    /// One line per call: the function, its named arguments, its errno
    /// (and on success the values it stored).
    pub calls: Vec<String>,
    /// Calls made after the limit, not kept.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub dropped: u64,
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

impl CallTrace {
    /// The first call where `self` and `other` differ: its index and the
    /// two lines (`None` where one trace ended first). `None` when they
    /// agree on every call both kept.
    pub fn first_difference<'a>(
        &'a self,
        other: &'a CallTrace,
    ) -> Option<(usize, Option<&'a str>, Option<&'a str>)> {
        let longest = self.calls.len().max(other.calls.len());
        (0..longest).find_map(|i| {
            let (a, b) = (self.calls.get(i), other.calls.get(i));
            if a == b {
                return None;
            }
            // A trace cut at its limit has not ended: past the shorter
            // limit nothing is known.
            let cut = |t: &CallTrace| t.dropped > 0 && i >= t.calls.len();
            if cut(self) || cut(other) {
                return None;
            }
            Some((i, a.map(String::as_str), b.map(String::as_str)))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn trap_kind_from_engine_messages() {
        assert_eq!(
            TrapKind::from_message("wasm trap: wasm `unreachable` instruction executed"),
            TrapKind::Unreachable
        );
        assert_eq!(
            TrapKind::from_message("RuntimeError: memory access out of bounds"),
            TrapKind::MemoryOutOfBounds
        );
        assert_eq!(TrapKind::from_message("something odd"), TrapKind::Unknown);
    }

    #[test]
    fn trap_kinds_of_gc_and_exceptions_are_told_apart() {
        for (message, kind) in [
            ("out of bounds array access", TrapKind::ArrayOutOfBounds),
            ("wasm trap: cast failure", TrapKind::CastFailure),
            ("uncaught exception", TrapKind::UncaughtException),
            ("allocation too large", TrapKind::AllocationTooLarge),
            ("null reference", TrapKind::NullReference),
        ] {
            assert_eq!(TrapKind::from_message(message), kind, "{message}");
        }
    }

    #[test]
    fn two_traces_show_their_first_different_call() {
        let trace = |calls: &[&str], dropped| CallTrace {
            calls: calls.iter().map(|c| c.to_string()).collect(),
            dropped,
        };
        let a = trace(&["a() -> OK", "b() -> OK", "c() -> OK"], 0);
        let b = trace(&["a() -> OK", "b() -> EBADF", "c() -> OK"], 0);
        assert_eq!(
            a.first_difference(&b),
            Some((1, Some("b() -> OK"), Some("b() -> EBADF")))
        );
        assert_eq!(a.first_difference(&a), None);
        let shorter = trace(&["a() -> OK"], 0);
        assert_eq!(
            a.first_difference(&shorter),
            Some((1, Some("b() -> OK"), None))
        );
        // Cut at its limit, a trace says nothing about the calls after it.
        let cut = trace(&["a() -> OK"], 2);
        assert_eq!(a.first_difference(&cut), None);
        let json = serde_json::to_string(&cut).unwrap();
        assert_eq!(json, r#"{"calls":["a() -> OK"],"dropped":2}"#);
        assert_eq!(
            serde_json::to_string(&shorter).unwrap(),
            r#"{"calls":["a() -> OK"]}"#
        );
    }

    #[test]
    fn captured_output_normalizes_line_endings_and_marks_lossy() {
        let out = CapturedOutput::from_bytes(b"a\r\nb\xff", false);
        assert_eq!(out.text, "a\nb\u{fffd}");
        assert!(out.lossy);
    }

    #[test]
    fn exit_status_serializes_with_a_kind_tag() {
        let json = serde_json::to_string(&ExitStatus::Exit { code: 3 }).unwrap();
        assert_eq!(json, r#"{"kind":"exit","code":3}"#);
        assert_eq!(
            ExitStatus::Trap {
                trap: TrapKind::MemoryOutOfBounds,
                message: String::new()
            }
            .summary(),
            "trap (memory-out-of-bounds)"
        );
    }
}
