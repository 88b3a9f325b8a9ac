//! One generated case on the runtimes under test: the oracle's script run
//! through probes, each failed directive a divergence unless its outcome
//! depends on the runtime's limits (poisoned: counted, never reported).

use std::path::Path;
use std::time::Duration;

use conformance_adapters::{
    DirectiveFailure, ProbeCache, Runtime, ScriptJob, run_script_through_probes,
};
use conformance_probe::ProbeOptions;

use crate::generate::{Proposals, module_for_seed};
use crate::memory_hash::MEMORY_HASH_PREFIX;
use crate::oracle::{OracleError, oracle_script};

/// One runtime's disagreement with the oracle on one case.
#[derive(Debug, Clone, PartialEq)]
pub struct Divergence {
    /// The runtime.
    pub runtime: String,
    /// The first directive that differs (line in the case's script).
    pub first: DirectiveFailure,
    /// Directives that differ.
    pub count: usize,
    /// All of them, in order (the first is `first`).
    pub failures: Vec<DirectiveFailure>,
    /// The export the first differing directive reads or calls.
    pub export: Option<String>,
    /// What it compared: `function` (results), `global` or `memory`.
    pub compared: &'static str,
}

/// What makes two divergences the same bug: the runtime, the kind of
/// directive, how it differed, the trap class involved, and what was
/// compared (a function's results, a global, a memory's hash). Export
/// names are left out: wasm-smith's are numbers, the same in every module.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub struct Signature {
    /// The runtime.
    pub runtime: String,
    /// `assert_return`, `assert_trap`, `module`...
    pub kind: String,
    /// How it differed: `wrong result`, `the call ended the process`...
    pub message: String,
    /// The trap class involved, when one is: the runtime's, or the one the
    /// oracle expected.
    pub trap: Option<String>,
    /// `function`, `global` or `memory`.
    pub compared: &'static str,
}

impl std::fmt::Display for Signature {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}: {} ({}, {}",
            self.runtime, self.message, self.kind, self.compared
        )?;
        if let Some(trap) = &self.trap {
            write!(f, ", trap {trap}")?;
        }
        write!(f, ")")
    }
}

/// What one seed gave.
#[derive(Debug, Clone, Default)]
pub struct CaseOutcome {
    /// The generated module (empty when the seed gave none).
    pub module: Vec<u8>,
    /// The oracle's script.
    pub wast: String,
    /// Calls compared, over all runtimes.
    pub calls: usize,
    /// Outcomes set aside: the oracle's own (stack or fuel) and the
    /// runtimes' (timeouts, stack exhaustion).
    pub poisoned: usize,
    /// Divergences, one per runtime at most.
    pub divergences: Vec<Divergence>,
    /// Per runtime, in the order given: (name, calls compared, poisoned,
    /// time spent running its probes).
    pub per_runtime: Vec<(String, usize, usize, Duration)>,
}

/// Why a seed gave no comparable case.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    /// wasm-smith could not build a module from the seed's bytes.
    #[error("seed {0}: wasm-smith made no module: {1}")]
    Generate(u64, arbitrary::Error),
    /// The oracle refused its own generator's module.
    #[error("seed {0}: {1}")]
    Oracle(u64, OracleError),
}

/// Generate the case of `seed` and run it on every runtime.
pub fn run_seed(
    seed: u64,
    proposals: &Proposals,
    runtimes: &[&dyn Runtime],
    scratch: &Path,
    timeout: Duration,
    cache: Option<&ProbeCache>,
) -> Result<CaseOutcome, CaseError> {
    let module = module_for_seed(seed, proposals).map_err(|e| CaseError::Generate(seed, e))?;
    let oracle = oracle_script(&module, seed).map_err(|e| CaseError::Oracle(seed, e))?;
    let mut outcome = CaseOutcome {
        module,
        poisoned: usize::from(oracle.poisoned),
        ..CaseOutcome::default()
    };
    let job = ScriptJob {
        name: format!("smith/seed-{seed}.wast"),
        group: "smith".into(),
        text: oracle.wast.clone(),
    };
    outcome.wast = oracle.wast;
    for runtime in runtimes {
        let started = std::time::Instant::now();
        let (divergence, poisoned) = judge(*runtime, &job, scratch, timeout, cache);
        let compared = oracle.calls.saturating_sub(poisoned);
        outcome.poisoned += poisoned;
        outcome.calls += compared;
        outcome.divergences.extend(divergence);
        outcome.per_runtime.push((
            runtime.info().name.clone(),
            compared,
            poisoned,
            started.elapsed(),
        ));
    }
    Ok(outcome)
}

/// Run an oracle script (a bundle's `case.wast` or `shrunk.wast`) on
/// `runtime` again: its divergence, if it still diverges.
pub fn replay(
    runtime: &dyn Runtime,
    name: &str,
    wast: &str,
    scratch: &Path,
    timeout: Duration,
) -> Option<Divergence> {
    let job = ScriptJob {
        name: name.to_string(),
        group: "smith".into(),
        text: wast.to_string(),
    };
    judge(runtime, &job, scratch, timeout, None).0
}

/// Run the oracle's script `job` on `runtime`: its divergence, if any, and
/// how many of its outcomes were poisoned.
fn judge(
    runtime: &dyn Runtime,
    job: &ScriptJob,
    scratch: &Path,
    timeout: Duration,
    cache: Option<&ProbeCache>,
) -> (Option<Divergence>, usize) {
    let options = ProbeOptions { host_refs: false };
    let observed = run_script_through_probes(runtime, job, &options, scratch, timeout, cache);
    let (poisoned, real): (Vec<_>, Vec<_>) = observed.failures.into_iter().partition(is_poisoned);
    let divergence = real.first().map(|first| {
        let (export, compared) = subject_at(&job.text, first.line);
        Divergence {
            runtime: runtime.info().name.clone(),
            first: first.clone(),
            count: real.len(),
            failures: real.clone(),
            export,
            compared,
        }
    });
    (divergence, poisoned.len())
}

impl Divergence {
    /// What makes two divergences the same bug, for deduplication and for
    /// shrinking ([`Signature`]).
    pub fn signature(&self) -> Signature {
        let inside = |text: &str| {
            let rest = text.strip_prefix("trap (")?;
            rest.split_once(')').map(|(class, _)| class.to_string())
        };
        let trap = self.first.observed.as_deref().and_then(inside).or_else(|| {
            let expected = self.first.expected.as_deref().and_then(inside)?;
            Some(format!("expected {expected}"))
        });
        Signature {
            runtime: self.runtime.clone(),
            kind: self.first.kind.clone(),
            message: self.first.message.clone(),
            trap,
            compared: self.compared,
        }
    }
}

/// The oracle's script and the runtime's, one directive per line (module
/// bytes elided): where the runtime differed, its line ends in what it did
/// instead (`;; observed: ...`), so a line diff of the two shows exactly the
/// directives that differ, among the calls around them.
pub fn transcripts(script: &str, failures: &[DirectiveFailure]) -> (String, String) {
    let (mut oracle, mut runtime) = (String::new(), String::new());
    for (i, line) in script.lines().enumerate() {
        let shown = match line.find("(module binary ") {
            Some(at) => format!("{}(module binary …)", &line[..at]),
            None => line.to_string(),
        };
        oracle.push_str(&shown);
        oracle.push('\n');
        match failures.iter().find(|f| f.line == i + 1) {
            Some(f) => {
                // The directive up to the end of its action, without the
                // oracle's results.
                let head = action_end(&shown).map_or(shown.as_str(), |end| &shown[..end]);
                runtime.push_str(&format!(
                    "{head} ;; {}: {})\n",
                    f.message,
                    f.observed.as_deref().unwrap_or("-")
                ));
            }
            None => {
                runtime.push_str(&shown);
                runtime.push('\n');
            }
        }
    }
    (oracle, runtime)
}

/// Where the `(invoke ...)` or `(get ...)` of a directive ends (just past
/// its closing parenthesis), reading quoted names whole.
fn action_end(line: &str) -> Option<usize> {
    let start = line.find("(invoke ").or_else(|| line.find("(get "))?;
    let (mut depth, mut quoted, mut escaped) = (0usize, false, false);
    for (i, c) in line[start..].char_indices() {
        match c {
            _ if escaped => escaped = false,
            '\\' if quoted => escaped = true,
            '"' => quoted = !quoted,
            '(' if !quoted => depth += 1,
            ')' if !quoted => {
                depth -= 1;
                if depth == 0 {
                    return Some(start + i + 1);
                }
            }
            _ => {}
        }
    }
    None
}

/// The export named by the directive at `line` of `script` (the quoted
/// string after `(invoke ` or `(get `), and what it compares: `function`,
/// `global` or `memory` (a hash function's result).
fn subject_at(script: &str, line: usize) -> (Option<String>, &'static str) {
    let Some(text) = line.checked_sub(1).and_then(|i| script.lines().nth(i)) else {
        return (None, "function");
    };
    let quoted = |prefix: &str| {
        let rest = &text[text.find(prefix)? + prefix.len()..];
        rest.find('"').map(|end| rest[..end].to_string())
    };
    if let Some(global) = quoted("(get \"") {
        return (Some(global), "global");
    }
    match quoted("(invoke \"") {
        Some(name) if name.starts_with(MEMORY_HASH_PREFIX) => (Some(name), "memory"),
        other => (other, "function"),
    }
}

/// A divergent case made small.
#[derive(Debug, Clone)]
pub struct Shrunk {
    /// The smallest module found that still diverges the same way.
    pub module: Vec<u8>,
    /// The oracle's script for it.
    pub wast: String,
    /// Its divergence.
    pub divergence: Divergence,
}

/// A module as text, for a bundle (the bytes when it does not print).
pub fn module_text(module: &[u8]) -> String {
    wasmprinter::print_bytes(module).unwrap_or_else(|e| format!(";; not printable: {e}\n"))
}

/// Why shrinking failed.
#[derive(Debug, thiserror::Error)]
#[error("shrinking failed: {0}")]
pub struct ShrinkError(String);

/// Shrink `module` (the case of `seed`) with `wasm-shrink`, keeping only
/// candidates on which `runtime` still diverges from the oracle with the
/// same signature as `divergence`.
pub fn shrink(
    module: &[u8],
    seed: u64,
    runtime: &dyn Runtime,
    divergence: &Divergence,
    scratch: &Path,
    timeout: Duration,
    attempts: u32,
) -> Result<Shrunk, ShrinkError> {
    let wanted = divergence.signature();
    let diverges = |candidate: &[u8]| -> Option<(String, Divergence)> {
        let oracle = oracle_script(candidate, seed).ok()?;
        let job = ScriptJob {
            name: format!("smith/seed-{seed}.wast"),
            group: "smith".into(),
            text: oracle.wast.clone(),
        };
        let (found, _) = judge(runtime, &job, scratch, timeout, None);
        found
            .filter(|d| d.signature() == wanted)
            .map(|d| (oracle.wast, d))
    };
    let info = wasm_shrink::WasmShrink::default()
        .attempts(attempts)
        .seed(seed)
        .run(module.to_vec(), |candidate| {
            Ok::<bool, anyhow::Error>(diverges(candidate).is_some())
        })
        .map_err(|e| ShrinkError(e.to_string()))?;
    let (wast, divergence) = diverges(&info.output)
        .ok_or_else(|| ShrinkError("the smallest module no longer diverges".into()))?;
    Ok(Shrunk {
        module: info.output,
        wast,
        divergence,
    })
}

/// Outcomes that depend on the runtime's limits or the machine: a
/// timeout, stack exhaustion, running out of fuel. A crash is not one: it
/// is reported.
fn is_poisoned(failure: &DirectiveFailure) -> bool {
    failure.observed.as_deref().is_some_and(|o| {
        o == "timed out" || o.contains("StackExhausted") || o.contains("OutOfFuel")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_subject_of_a_directive_is_read_from_its_line() {
        let script = "(module binary \"\")\n(assert_return (invoke \"3\" (i32.const 0)) (i32.const 1))\n(assert_return (get \"g\") (i32.const 1))\n(assert_return (invoke \"memory-hash 0\") (i64.const 7))\n";
        assert_eq!(subject_at(script, 2), (Some("3".into()), "function"));
        assert_eq!(subject_at(script, 3), (Some("g".into()), "global"));
        assert_eq!(
            subject_at(script, 4),
            (Some("memory-hash 0".into()), "memory")
        );
        assert_eq!(subject_at(script, 9), (None, "function"));
    }

    #[test]
    fn the_transcripts_differ_exactly_where_the_runtime_did() {
        let script = "(module binary \"\\00asm\")\n(assert_return (invoke \"0\") (i32.const 1))\n(assert_return (invoke \"1\" (i32.const 5)) (i32.const 2) (i32.const 4))\n";
        let failure = DirectiveFailure {
            line: 3,
            kind: "assert_return".into(),
            message: "wrong result".into(),
            expected: Some("i32:00000002".into()),
            observed: Some("i32:00000003".into()),
        };
        let (oracle, runtime) = transcripts(script, &[failure]);
        let lines = |t: &str| t.lines().map(String::from).collect::<Vec<_>>();
        let (oracle, runtime) = (lines(&oracle), lines(&runtime));
        assert_eq!(oracle[0], "(module binary …)");
        assert_eq!(oracle[..2], runtime[..2]);
        assert_eq!(
            oracle[2],
            r#"(assert_return (invoke "1" (i32.const 5)) (i32.const 2) (i32.const 4))"#
        );
        assert_eq!(
            runtime[2],
            r#"(assert_return (invoke "1" (i32.const 5)) ;; wrong result: i32:00000003)"#
        );
    }

    #[test]
    fn the_trap_class_is_part_of_the_signature() {
        let divergence = |observed: &str| Divergence {
            runtime: "x".into(),
            first: DirectiveFailure {
                line: 2,
                kind: "assert_return".into(),
                message: "the call ended the process".into(),
                expected: Some("i32:00000001".into()),
                observed: Some(observed.into()),
            },
            count: 1,
            failures: Vec::new(),
            export: Some("3".into()),
            compared: "function",
        };
        let a = divergence("trap (MemoryOutOfBounds): out of bounds");
        let b = divergence("trap (IntegerDivByZero): divide by zero");
        assert_eq!(a.signature().trap.as_deref(), Some("MemoryOutOfBounds"));
        assert_ne!(a.signature(), b.signature());
        assert_eq!(
            a.signature().to_string(),
            "x: the call ended the process (assert_return, function, trap MemoryOutOfBounds)"
        );
    }
}
