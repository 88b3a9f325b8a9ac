//! Spec scripts run by a runtime's own script runner (`wasmtime wast`,
//! WABT's `wast2json` + `spectest-interp`), as second-opinion columns
//! beside the in-process reference.
//!
//! Neither runner reports directive by directive in a form we can trust
//! for every directive, so the directive list comes from our own parse of
//! the script ([`conformance_probe::Script::parse`]) and the runner's
//! output only names the lines that failed: those are mapped onto the
//! directive that holds them, and everything the runner did not run is a
//! skip with the reason.

use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

use crate::{
    AdapterError, DirectiveFailure, ProcessOutcome, ProcessRequest, ScriptJob, ScriptObservation,
    run_process,
};

/// A runtime's own way of running `.wast` scripts.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ScriptRunner {
    /// `wasmtime wast`: the binary is `wasmtime`.
    WasmtimeWast,
    /// WABT: `wast2json` then `spectest-interp`, found beside the binary
    /// (`wasm-interp`).
    Wabt,
}

/// Wall-clock limit of one runner process (a whole script).
const TIMEOUT: Duration = Duration::from_secs(300);
/// Bytes kept of each output stream.
const OUTPUT_CAP: usize = 32 * 1024 * 1024;
/// The script's name inside the scratch dir (runners name it in their output).
const SCRIPT: &str = "script.wast";
/// The longest failure message kept.
const MESSAGE_CAP: usize = 600;

/// Skip reason for the directives after `wasmtime wast`'s first failure.
pub const WASMTIME_STOPS: &str = "`wasmtime wast` stops at the first failure";

/// Each proposal's name in the runner tables below, with its feature flag.
const PROPOSAL_FLAGS: &[(&str, wasmparser::WasmFeatures)] = {
    use wasmparser::WasmFeatures as F;
    &[
        ("mutable-globals", F::MUTABLE_GLOBAL),
        ("saturating-float-to-int", F::SATURATING_FLOAT_TO_INT),
        ("sign-extension", F::SIGN_EXTENSION),
        ("multi-value", F::MULTI_VALUE),
        ("bulk-memory", F::BULK_MEMORY),
        ("reference-types", F::REFERENCE_TYPES),
        ("simd", F::SIMD),
        ("exceptions", F::EXCEPTIONS),
        ("memory64", F::MEMORY64),
        ("multi-memory", F::MULTI_MEMORY),
        ("tail-call", F::TAIL_CALL),
        ("extended-const", F::EXTENDED_CONST),
        ("function-references", F::FUNCTION_REFERENCES),
        ("gc", F::GC),
        ("relaxed-simd", F::RELAXED_SIMD),
        ("wide-arithmetic", F::WIDE_ARITHMETIC),
        ("custom-page-sizes", F::CUSTOM_PAGE_SIZES),
    ]
};

/// The proposals (beyond the MVP) a spec group needs, in the names of the
/// feature tables below: the reference's `suite_features`, so a native
/// runner and the reference enable the same set.
fn group_proposals(group: &str) -> Option<Vec<&'static str>> {
    let features = reference_runtime::wast::suite_features(group)?;
    Some(
        PROPOSAL_FLAGS
            .iter()
            .filter(|(_, flag)| features.contains(*flag))
            .map(|(name, _)| *name)
            .collect(),
    )
}

/// wasmtime's `-W` switches for every proposal it lets us turn on and off
/// (mutable globals, saturating conversions and sign extension are always
/// on in wasmtime).
const WASMTIME_PROPOSALS: &[&str] = &[
    "multi-value",
    "bulk-memory",
    "reference-types",
    "simd",
    "relaxed-simd",
    "tail-call",
    "extended-const",
    "multi-memory",
    "memory64",
    "function-references",
    "gc",
    "exceptions",
    "custom-page-sizes",
    "wide-arithmetic",
    "threads",
];

/// WABT 1.0.x: the features on by default (`--disable-X` turns them off).
const WABT_ON_BY_DEFAULT: &[&str] = &[
    "exceptions",
    "mutable-globals",
    "saturating-float-to-int",
    "sign-extension",
    "simd",
    "multi-value",
    "tail-call",
    "bulk-memory",
    "reference-types",
    "memory64",
    "multi-memory",
    "extended-const",
    "relaxed-simd",
];

/// WABT: the features off by default (`--enable-X` turns them on).
const WABT_OFF_BY_DEFAULT: &[&str] = &[
    "threads",
    "function-references",
    "gc",
    "custom-page-sizes",
    "wide-arithmetic",
];

/// Component-model switches, always off: the scripts are core wasm, and
/// wasmtime refuses to run its async components without reference types.
const WASMTIME_OFF: &[&str] = &["component-model=n", "component-model-async=n"];

fn wasmtime_feature_args(proposals: &[&str]) -> Vec<String> {
    let switches: Vec<String> = WASMTIME_PROPOSALS
        .iter()
        .map(|p| format!("{p}={}", if proposals.contains(p) { "y" } else { "n" }))
        .chain(WASMTIME_OFF.iter().map(|s| s.to_string()))
        .collect();
    vec!["-W".into(), switches.join(",")]
}

/// Kept on in WABT whatever the group: besides its instructions, WABT's
/// bulk-memory switch decides the elem syntax (`(elem $name ...)` names a
/// table without it) and whether a failing instantiation leaves earlier
/// data segments written, and the `wasm-v1` scripts expect the current
/// syntax and semantics (`elem.wast`, `linking.wast`).
const WABT_ALWAYS_ON: &[&str] = &["bulk-memory"];

fn wabt_feature_args(proposals: &[&str]) -> Vec<String> {
    let off = WABT_ON_BY_DEFAULT
        .iter()
        .filter(|p| !proposals.contains(p) && !WABT_ALWAYS_ON.contains(p))
        .map(|p| format!("--disable-{p}"));
    let on = WABT_OFF_BY_DEFAULT
        .iter()
        .filter(|p| proposals.contains(p))
        .map(|p| format!("--enable-{p}"));
    off.chain(on).collect()
}

/// One directive of the script, as our parse sees it.
#[derive(Debug, Clone)]
struct Directive {
    line: usize,
    kind: &'static str,
    outcome: Outcome,
}

#[derive(Debug, Clone)]
enum Outcome {
    Pass,
    Fail(String),
    Skip(String),
}

/// The script's directives, all passed until told otherwise, or why the
/// script does not parse.
fn directives(job: &ScriptJob) -> Result<Vec<Directive>, String> {
    match conformance_probe::Script::parse(&job.name, &job.text) {
        Ok(script) => Ok(script
            .commands
            .iter()
            .map(|c| Directive {
                line: c.line,
                kind: c.kind.as_str(),
                outcome: Outcome::Pass,
            })
            .collect()),
        Err(e) => Err(e.to_string()),
    }
}

/// What a script that does not parse shows: nothing was run.
fn unparsed(error: String) -> ScriptObservation {
    ScriptObservation {
        parse_error: Some(error),
        ..ScriptObservation::default()
    }
}

/// The directive (at or after `from`) that holds a line a runner named: of
/// the directives that start at or before it, the last line's first one
/// not before `from`. Runners name a directive by its first line
/// (wasmtime) or by the line of its action (wast2json, for a multi-line
/// `assert_return`).
fn holder(lines: &[usize], line: usize, from: usize) -> Option<usize> {
    let before = lines.partition_point(|l| *l <= line);
    let start_line = *lines[..before].last()?;
    let first = lines.partition_point(|l| *l < start_line);
    Some(first.max(from).min(before - 1))
}

fn finish(directives: &[Directive], started: Instant, processes: usize) -> ScriptObservation {
    let mut observation = ScriptObservation {
        processes,
        ..ScriptObservation::default()
    };
    for d in directives {
        match &d.outcome {
            Outcome::Pass => observation.passed += 1,
            Outcome::Fail(message) => {
                observation.failed += 1;
                observation.failures.push(DirectiveFailure {
                    line: d.line,
                    kind: d.kind.to_string(),
                    message: message.clone(),
                    expected: None,
                    observed: None,
                });
            }
            Outcome::Skip(reason) => observation.skip(d.line, reason),
        }
    }
    observation.duration_ms = started.elapsed().as_secs_f64() * 1000.0;
    observation
}

fn skip_all(directives: &mut [Directive], reason: &str) {
    for d in directives {
        d.outcome = Outcome::Skip(reason.to_string());
    }
}

fn capped(message: String) -> String {
    if message.len() <= MESSAGE_CAP {
        return message;
    }
    let mut end = MESSAGE_CAP;
    while !message.is_char_boundary(end) {
        end -= 1;
    }
    format!("{}...", &message[..end])
}

/// A scratch dir holding the script, and how to run tools in it.
struct Scratch {
    dir: tempfile::TempDir,
    runtime: String,
}

impl Scratch {
    fn new(runtime: &str, job: &ScriptJob) -> Result<Scratch, AdapterError> {
        let io = |context: String| {
            let runtime = runtime.to_string();
            move |source| AdapterError::Io {
                runtime,
                context,
                source,
            }
        };
        let dir = tempfile::Builder::new()
            .prefix("native-script-")
            .tempdir()
            .map_err(io("creating a scratch dir".into()))?;
        std::fs::create_dir_all(dir.path().join(".home"))
            .map_err(io("creating the scratch HOME".into()))?;
        std::fs::write(dir.path().join(SCRIPT), &job.text)
            .map_err(io(format!("writing {}", job.name)))?;
        Ok(Scratch {
            dir,
            runtime: runtime.to_string(),
        })
    }

    fn write_script(&self, text: &str) -> Result<(), AdapterError> {
        std::fs::write(self.path().join(SCRIPT), text).map_err(|source| AdapterError::Io {
            runtime: self.runtime.clone(),
            context: format!("writing {SCRIPT}"),
            source,
        })
    }

    fn path(&self) -> &Path {
        self.dir.path()
    }

    /// Run `program` in the scratch dir, with HOME inside it and nothing of
    /// the harness's environment but PATH.
    fn run(&self, program: &Path, args: &[String]) -> Result<ProcessOutcome, AdapterError> {
        let home = self.path().join(".home");
        let path = std::env::var_os("PATH").unwrap_or_else(|| "/usr/bin:/bin".into());
        let request = ProcessRequest {
            program: program.to_path_buf(),
            args: args.iter().map(OsString::from).collect(),
            env: vec![
                ("PATH".into(), path),
                ("LANG".into(), "C.UTF-8".into()),
                ("HOME".into(), home.clone().into()),
                ("TMPDIR".into(), home.into()),
            ],
            cwd: self.path().to_path_buf(),
            stdin: Vec::new(),
            timeout: TIMEOUT,
            output_cap: OUTPUT_CAP,
        };
        run_process(&request).map_err(|source| AdapterError::Spawn {
            runtime: self.runtime.clone(),
            binary: program.to_path_buf(),
            source,
        })
    }
}

/// Why a process ended without the report we wanted, in a few words.
fn how_it_ended(outcome: &ProcessOutcome) -> String {
    if outcome.timed_out {
        format!("timed out after {}s", TIMEOUT.as_secs())
    } else if let Some(signal) = outcome.signal {
        format!("killed by signal {signal}")
    } else {
        format!("exit {}", outcome.code.unwrap_or(-1))
    }
}

fn unsupported_group(runtime: &str, group: &str) -> AdapterError {
    AdapterError::Unsupported {
        runtime: runtime.to_string(),
        reason: format!("no feature set for spec directory `{group}`"),
    }
}

/// Run `job` with `runner`; `binary` is the runtime's discovered binary.
pub(crate) fn run_script(
    runner: ScriptRunner,
    runtime: &str,
    binary: &Path,
    job: &ScriptJob,
) -> Result<ScriptObservation, AdapterError> {
    match runner {
        ScriptRunner::WasmtimeWast => run_wasmtime_wast(runtime, binary, job),
        ScriptRunner::Wabt => run_wabt(runtime, binary, job),
    }
}

fn run_wasmtime_wast(
    runtime: &str,
    binary: &Path,
    job: &ScriptJob,
) -> Result<ScriptObservation, AdapterError> {
    let started = Instant::now();
    let proposals =
        group_proposals(&job.group).ok_or_else(|| unsupported_group(runtime, &job.group))?;
    let mut directives = match directives(job) {
        Ok(d) => d,
        Err(error) => return Ok(unparsed(error)),
    };
    let scratch = Scratch::new(runtime, job)?;
    let mut args: Vec<String> = vec!["wast".into(), "-C".into(), "parallel-compilation=n".into()];
    args.extend(wasmtime_feature_args(&proposals));
    // Error messages of refused modules are each implementation's own
    // words; the spec asks only that the module be refused.
    args.push("--ignore-error-messages".into());
    args.push(SCRIPT.into());
    let lines: Vec<usize> = directives.iter().map(|d| d.line).collect();
    let mut text = job.text.clone();
    // Directives before `from` are decided by an earlier run.
    let mut from = 0;
    let mut processes = 0;
    loop {
        if processes > 0 {
            scratch.write_script(&text)?;
        }
        let outcome = scratch.run(binary, &args)?;
        processes += 1;
        if outcome.code == Some(0) {
            break;
        }
        let stderr = String::from_utf8_lossy(&outcome.stderr);
        let Some((line, message)) = wasmtime_failure(&stderr) else {
            let why = crate::cli::innermost_cause(&stderr);
            skip_all(
                &mut directives[from..],
                &format!(
                    "`wasmtime wast` refused the script ({}): {why}",
                    how_it_ended(&outcome)
                ),
            );
            break;
        };
        let Some(at) = holder(&lines, line, from).filter(|at| *at >= from) else {
            skip_all(
                &mut directives[from..],
                &format!("`wasmtime wast` named line {line}, before any directive left: {message}"),
            );
            break;
        };
        // A trap of the asserted class in wasmtime's own words: the same
        // script with wasmtime's words in that assertion runs exactly the
        // same calls, so a rerun of it goes on past this directive.
        let next_line = lines.get(at + 1).copied();
        let resumed = (directives[at].kind == "assert_trap" && processes <= MAX_RERUNS)
            .then(|| trap_in_other_words(&stderr))
            .flatten()
            .and_then(|(expected, observed)| {
                rewrite_last(&text, lines[at], next_line, &expected, &observed)
            });
        match resumed {
            Some(rewritten) => {
                text = rewritten;
                from = at + 1;
            }
            None => {
                directives[at].outcome = Outcome::Fail(message);
                skip_all(&mut directives[at + 1..], WASMTIME_STOPS);
                break;
            }
        }
    }
    Ok(finish(&directives, started, processes))
}

/// Reruns of one script after a trap message in wasmtime's words.
const MAX_RERUNS: usize = 20;

/// `expected 'uninitialized element 7', got '... wasm trap: uninitialized
/// element'`: the message the script asserts and wasmtime's trap message,
/// when they name the same class of trap.
fn trap_in_other_words(stderr: &str) -> Option<(String, String)> {
    let (_, rest) = stderr.split_once("expected '")?;
    let (expected, rest) = rest.split_once("', got '")?;
    let (_, trap) = rest.split_once("wasm trap: ")?;
    let observed = trap.lines().next()?.trim();
    let kind = conformance_probe::TrapKind::from_message(observed);
    (kind != conformance_probe::TrapKind::Unknown
        && conformance_probe::trap_matches(kind, expected)
        && !observed.is_empty()
        && !observed.contains(['"', '\\']))
    .then(|| (expected.to_string(), observed.to_string()))
}

/// `text` with the last `"expected"` of the directive that starts on
/// `line` (before the line `next` where the next one starts) replaced by
/// `"observed"`: the assertion's message is its last token. Lines do not
/// move.
fn rewrite_last(
    text: &str,
    line: usize,
    next: Option<usize>,
    expected: &str,
    observed: &str,
) -> Option<String> {
    let line_start = |n: usize| -> Option<usize> {
        if n <= 1 {
            return Some(0);
        }
        text.match_indices('\n').nth(n - 2).map(|(i, _)| i + 1)
    };
    let start = line_start(line)?;
    let end = next.and_then(line_start).unwrap_or(text.len());
    let needle = format!("\"{expected}\"");
    let at = start + text[start..end].rfind(&needle)?;
    Some(format!(
        "{}\"{observed}\"{}",
        &text[..at],
        &text[at + needle.len()..]
    ))
}

/// The line `wasmtime wast` names (`failed directive on script.wast:8`)
/// and the causes it gives after it, on one line.
fn wasmtime_failure(stderr: &str) -> Option<(usize, String)> {
    let marker = format!("failed directive on {SCRIPT}:");
    let mut lines = stderr.lines();
    let line = lines.by_ref().find_map(|l| {
        let at = l.find(&marker)?;
        l[at + marker.len()..].trim().parse::<usize>().ok()
    })?;
    let causes: Vec<String> = lines
        .take_while(|l| !l.trim_start().starts_with("Stack backtrace"))
        .map(|l| {
            let l = l.trim();
            // `1: result 0 didn't match` without its chain index.
            match l.split_once(": ") {
                Some((n, rest)) if !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()) => rest,
                _ => l,
            }
        })
        .filter(|l| !l.is_empty())
        .map(|l| l.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect();
    Some((line, capped(causes.join("; "))))
}

/// A tool that sits beside `binary`: `wast2json` beside `wasm-interp`, or
/// `wast2json@1.0.36` beside `wasm-interp@1.0.36`.
fn sibling(binary: &Path, tool: &str) -> PathBuf {
    let name = binary
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tool = match name.split_once('@') {
        Some((_, version)) => format!("{tool}@{version}"),
        None => tool.to_string(),
    };
    binary.with_file_name(tool)
}

fn run_wabt(
    runtime: &str,
    binary: &Path,
    job: &ScriptJob,
) -> Result<ScriptObservation, AdapterError> {
    let started = Instant::now();
    let proposals =
        group_proposals(&job.group).ok_or_else(|| unsupported_group(runtime, &job.group))?;
    let (wast2json, interp) = (
        sibling(binary, "wast2json"),
        sibling(binary, "spectest-interp"),
    );
    for tool in [&wast2json, &interp] {
        if !tool.is_file() {
            return Err(AdapterError::Unsupported {
                runtime: runtime.to_string(),
                reason: format!(
                    "{} is missing (WABT's script runner beside {})",
                    tool.display(),
                    binary.display()
                ),
            });
        }
    }
    let mut directives = match directives(job) {
        Ok(d) => d,
        Err(error) => return Ok(unparsed(error)),
    };
    let scratch = Scratch::new(runtime, job)?;
    let features = wabt_feature_args(&proposals);
    let mut args = features.clone();
    args.extend([SCRIPT.into(), "-o".into(), "script.json".into()]);
    let converted = scratch.run(&wast2json, &args)?;
    if converted.code != Some(0) {
        let stderr = String::from_utf8_lossy(&converted.stderr);
        let first = stderr
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .unwrap_or("")
            .to_string();
        let first = first
            .strip_prefix(&format!("{SCRIPT}:"))
            .map_or(first.clone(), |rest| format!("line {rest}"));
        skip_all(
            &mut directives,
            &format!(
                "wast2json refused the script ({}): {first}",
                how_it_ended(&converted)
            ),
        );
        return Ok(finish(&directives, started, 1));
    }
    let json_path = scratch.path().join("script.json");
    let commands = std::fs::read(&json_path)
        .map_err(|e| e.to_string())
        .and_then(|bytes| json_commands(&bytes))
        .map_err(|e| AdapterError::Setup {
            runtime: runtime.to_string(),
            source: format!("reading wast2json's {}: {e}", json_path.display()).into(),
        })?;
    let mut args = features;
    args.push("script.json".into());
    let ran = scratch.run(&interp, &args)?;
    let stdout = String::from_utf8_lossy(&ran.stdout);
    let mut report = spectest_report(&stdout);
    add_module_errors(&mut report, &String::from_utf8_lossy(&ran.stderr));
    apply_wabt_report(&mut directives, &commands, &report, &how_it_ended(&ran));
    Ok(finish(&directives, started, 2))
}

/// The `(type, line)` of each command of wast2json's JSON.
fn json_commands(bytes: &[u8]) -> Result<Vec<(String, usize)>, String> {
    #[derive(Deserialize)]
    struct File {
        commands: Vec<Command>,
    }
    #[derive(Deserialize)]
    struct Command {
        #[serde(rename = "type")]
        kind: String,
        line: usize,
    }
    let file: File = serde_json::from_slice(bytes).map_err(|e| e.to_string())?;
    Ok(file
        .commands
        .into_iter()
        .map(|c| (c.kind, c.line))
        .collect())
}

/// What `spectest-interp` printed: the failures it named, in order, and
/// whether it got to its summary (`N/M tests passed.`).
#[derive(Debug, Default)]
struct SpectestReport {
    /// `(line, message)` of each failure.
    failures: Vec<(usize, String)>,
    /// The last line it named at all (passes included).
    last_named: Option<usize>,
    finished: bool,
}

fn spectest_report(stdout: &str) -> SpectestReport {
    let mut report = SpectestReport::default();
    let prefix = format!("{SCRIPT}:");
    // Whether the current named line is a failure, to attach its
    // indented continuation lines.
    let mut in_failure = false;
    for line in stdout.lines() {
        if let Some(rest) = line.strip_prefix(&prefix)
            && let Some((number, message)) = rest.split_once(": ")
            && let Ok(number) = number.parse::<usize>()
        {
            report.last_named = Some(number);
            // `assert_trap passed: integer divide by zero`
            let passed = message
                .split_once(" passed")
                .is_some_and(|(kind, _)| !kind.contains(' '));
            in_failure = !passed;
            if !passed {
                report.failures.push((number, message.trim().to_string()));
            }
        } else if line.starts_with("  ") && in_failure {
            if let Some((_, message)) = report.failures.last_mut() {
                message.push_str(" | ");
                message.push_str(line.trim());
            }
        } else {
            in_failure = false;
            let trimmed = line.trim();
            if trimmed.ends_with("tests passed.") && trimmed.contains('/') {
                report.finished = true;
            }
        }
    }
    report
}

/// spectest-interp says why a module did not load on stderr
/// (`script.9.wasm:0000071: error: type mismatch ...`), apart from the
/// failure on stdout that names the file (`error reading module:
/// "script.9.wasm"`): the first such line joins the failure.
fn add_module_errors(report: &mut SpectestReport, stderr: &str) {
    for (_, message) in &mut report.failures {
        let Some(file) = message
            .split('"')
            .nth(1)
            .filter(|f| f.starts_with("script.") && f.ends_with(".wasm"))
        else {
            continue;
        };
        let prefix = format!("{file}:");
        if let Some(line) = stderr.lines().find(|l| l.starts_with(&prefix)) {
            let detail = line[prefix.len()..].trim().to_string();
            message.push_str(" | ");
            message.push_str(&detail);
        }
    }
}

fn apply_wabt_report(
    directives: &mut [Directive],
    commands: &[(String, usize)],
    report: &SpectestReport,
    ended: &str,
) {
    let lines: Vec<usize> = directives.iter().map(|d| d.line).collect();
    // Each JSON command onto the directive it came from, in order.
    let mut owner = vec![None; commands.len()];
    let mut next = 0;
    for (i, (_, line)) in commands.iter().enumerate() {
        if let Some(at) = holder(&lines, *line, next) {
            owner[i] = Some(at);
            next = at + 1;
        }
    }
    let mut converted = vec![false; directives.len()];
    for at in owner.iter().flatten() {
        converted[*at] = true;
    }
    // Each named failure onto the command with that line (the first not
    // before the previous failure's: one command may be named twice).
    let mut failed: Vec<Vec<String>> = vec![Vec::new(); directives.len()];
    let mut cursor = 0;
    for (line, message) in &report.failures {
        let found = (cursor..commands.len())
            .find(|i| commands[*i].1 == *line)
            .or_else(|| (0..commands.len()).find(|i| commands[*i].1 == *line));
        let target = match found {
            Some(i) => {
                cursor = i;
                owner[i]
            }
            None => holder(&lines, *line, 0),
        };
        if let Some(at) = target {
            failed[at].push(message.clone());
        }
    }
    for (at, d) in directives.iter_mut().enumerate() {
        d.outcome = if !failed[at].is_empty() {
            Outcome::Fail(capped(failed[at].join("; ")))
        } else if !converted[at] {
            Outcome::Skip("wast2json left it out of the JSON spectest-interp runs".into())
        } else if !report.finished && report.last_named.is_none_or(|l| d.line > l) {
            Outcome::Skip(format!("spectest-interp stopped before it ({ended})"))
        } else {
            Outcome::Pass
        };
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_named_line_belongs_to_the_directive_that_holds_it() {
        let lines = [1, 4, 7, 7, 9];
        assert_eq!(holder(&lines, 1, 0), Some(0));
        assert_eq!(holder(&lines, 5, 0), Some(1));
        assert_eq!(holder(&lines, 7, 0), Some(2));
        assert_eq!(holder(&lines, 7, 3), Some(3));
        assert_eq!(holder(&lines, 8, 3), Some(3));
        assert_eq!(holder(&lines, 20, 0), Some(4));
        assert_eq!(holder(&lines, 0, 0), None);
    }

    #[test]
    fn feature_flags_follow_the_group() {
        let v1 = group_proposals("wasm-v1").unwrap();
        let wabt = wabt_feature_args(&v1);
        assert!(wabt.contains(&"--disable-simd".to_string()));
        assert!(!wabt.contains(&"--disable-bulk-memory".to_string()));
        assert!(!wabt.iter().any(|a| a.starts_with("--enable")));
        let gc = wabt_feature_args(&group_proposals("gc").unwrap());
        assert!(gc.contains(&"--enable-gc".to_string()));
        assert!(gc.contains(&"--enable-function-references".to_string()));
        let w = wasmtime_feature_args(&group_proposals("simd").unwrap());
        assert!(w[1].contains("simd=y") && w[1].contains("relaxed-simd=n"));
        assert!(group_proposals("nosuch").is_none());
    }

    #[test]
    fn wasmtime_names_the_failing_line_and_its_causes() {
        let stderr = "Error: failed to run script file 'script.wast'\n\nCaused by:\n    0: failed directive on script.wast:8\n    1: result 0 didn't match\n    2: expected                  4 / 0x4\nactual 3\n";
        let (line, message) = wasmtime_failure(stderr).unwrap();
        assert_eq!(line, 8);
        assert_eq!(message, "result 0 didn't match; expected 4 / 0x4; actual 3");
    }

    #[test]
    fn a_trap_in_other_words_is_rewritten_in_place() {
        let stderr = "    0: failed directive on script.wast:3\n    1: expected 'uninitialized element 7', got 'error while executing at wasm backtrace:\n    0:     0x6c - wasm-function[2]\n\nCaused by:\n    wasm trap: uninitialized element\n'\n";
        let (expected, observed) = trap_in_other_words(stderr).unwrap();
        assert_eq!(
            (expected.as_str(), observed.as_str()),
            ("uninitialized element 7", "uninitialized element")
        );
        let other = stderr.replace("wasm trap: uninitialized element", "wasm trap: unreachable");
        assert_eq!(trap_in_other_words(&other), None);
        let text = "(module)\n(x \"m\")\n(assert_trap (invoke \"m\")\n  \"m\")\n(y \"m\")\n";
        assert_eq!(
            rewrite_last(text, 3, Some(5), "m", "n").unwrap(),
            "(module)\n(x \"m\")\n(assert_trap (invoke \"m\")\n  \"n\")\n(y \"m\")\n"
        );
        assert_eq!(rewrite_last(text, 3, Some(5), "zz", "n"), None);
    }

    #[test]
    fn spectest_interp_passes_and_failures() {
        let out = "script.wast:8: mismatch in result 0 of assert_return: expected i32:4, got i32:3\nscript.wast:9: assert_trap passed: integer divide by zero\nscript.wast:3: assert_invalid passed:\n  x.wasm:0001: error: type mismatch\ng() => i32:7\nscript.wast:2: expected module to be malformed: \"q.wat\"\n  detail\n3/5 tests passed.\n";
        let report = spectest_report(out);
        assert!(report.finished);
        assert_eq!(
            report.failures,
            vec![
                (
                    8,
                    "mismatch in result 0 of assert_return: expected i32:4, got i32:3".into()
                ),
                (
                    2,
                    "expected module to be malformed: \"q.wat\" | detail".into()
                ),
            ]
        );
    }
}
