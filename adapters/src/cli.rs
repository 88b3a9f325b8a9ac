//! An external runtime driven through its command line. A runtime is data: a
//! [`CliSpec`] of argument templates and a [`Classifier`]; the same code runs
//! every built-in adapter and every runtime a user defines in TOML.

use std::collections::BTreeMap;
use std::ffi::OsString;
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::{
    AdapterError, Capabilities, CapturedOutput, ExitStatus, Observation, ProcessOutcome,
    ProcessRequest, Runtime, RuntimeInfo, ScriptJob, ScriptObservation, ScriptRunner, TrapKind,
    WasiJob, run_process,
};

/// How to drive a runtime's CLI.
///
/// Templates are lists of arguments. In `run`, the whole-argument tokens
/// `{dirs}`, `{env}` and `{args}` expand to several arguments (from `dir`,
/// `env`, and the guest's args), `{cache}` to the `cache` arguments when the
/// run has a compilation cache (to nothing otherwise), and `{module}` becomes
/// the module path. In `dir`, `{host}` and `{guest}` are substituted; in
/// `env`, `{key}` and `{value}`. In `process_env` values, `{scratch}` is the
/// job's scratch dir; in `cache` and `cache_env`, `{cache}` is the run's
/// cache dir for this runtime. `{features}` expands to `feature_args`, where
/// the runtime takes them (a run template without it gets none).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CliSpec {
    /// The name used on the command line and in reports.
    pub name: String,
    /// The program: a name looked up by discovery, or an absolute path.
    pub binary: String,
    /// The arguments that run a WASI command.
    pub run: Vec<String>,
    /// The arguments that enable every Wasm proposal the runtime's CLI can
    /// enable (wasmtime's `-W gc=y`, WasmEdge's `--enable-gc`, node's
    /// `--experimental-wasm-gc`), at the `{features}` token of `run`. None
    /// of them may change WASI behaviour.
    #[serde(default)]
    pub feature_args: Vec<String>,
    /// The arguments for one preopened dir.
    #[serde(default)]
    pub dir: Vec<String>,
    /// The arguments for one environment variable.
    #[serde(default)]
    pub env: Vec<String>,
    /// The arguments that print the version.
    #[serde(default = "default_version_args")]
    pub version: Vec<String>,
    /// Extra environment for the runtime process itself.
    #[serde(default)]
    pub process_env: BTreeMap<String, String>,
    /// The arguments that make the runtime keep compiled code in `{cache}`,
    /// a dir shared by the jobs of one run (wazero's `-cachedir`).
    #[serde(default)]
    pub cache: Vec<String>,
    /// Environment that does the same (wasmtime's cache under
    /// `XDG_CACHE_HOME`, wasmer's `WASMER_DIR`); it wins over `process_env`.
    #[serde(default)]
    pub cache_env: BTreeMap<String, String>,
    /// How exit codes and stderr map to an exit status.
    #[serde(default)]
    pub classify: Classifier,
    /// What the runtime can do.
    #[serde(default = "default_capabilities")]
    pub capabilities: Capabilities,
    /// How it runs spec scripts itself, when `capabilities.scripts` is set.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scripts: Option<ScriptRunner>,
    /// Another runtime whose binary this one runs (`wasmtime-wast` runs
    /// `wasmtime`): its `--runtime-path` entry and its variable
    /// (`WASMTIME=...`) find the binary.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locate_as: Option<String>,
}

fn default_version_args() -> Vec<String> {
    vec!["--version".into()]
}

fn default_capabilities() -> Capabilities {
    Capabilities {
        wasi: true,
        guest_path_remap: true,
        invoke: false,
        scripts: false,
    }
}

/// Maps a finished process to an [`ExitStatus`]. Patterns are matched
/// case-insensitively against stderr and against the runtime's own lines
/// taken out of stdout (see `stdout_log` and `stdout_report`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Classifier {
    /// Exit codes that mean a trap, when the output also matches
    /// `trap_patterns` (any exit code when this list is empty).
    #[serde(default)]
    pub trap_exit_codes: Vec<i32>,
    /// Text that marks a trap; the line holding it becomes the message.
    #[serde(default)]
    pub trap_patterns: Vec<String>,
    /// Text that marks an error raised by the runtime's host side (a WASI
    /// call it refused to complete), under any non-zero exit code: a trap of
    /// kind `host`.
    #[serde(default)]
    pub host_error_patterns: Vec<String>,
    /// Text that marks a module the runtime refused.
    #[serde(default)]
    pub reject_patterns: Vec<String>,
    /// Text that marks a failed instantiation, under any non-zero exit code
    /// (after `reject_patterns` and `trap_patterns` did not match): a trap
    /// when its line names a trap kind (a start function or an active
    /// segment that trapped: `WASM module instantiate failed: out of bounds
    /// memory access`), else a refusal (an import that does not link).
    #[serde(default)]
    pub instantiation_patterns: Vec<String>,
    /// The runtime's own log lines on **stdout** (WasmEdge logs through
    /// spdlog to stdout, iwasm prints its warnings there), told by how they
    /// begin: `?` stands for any one character, `*` for any run of
    /// characters. Wherever one starts, even right after guest bytes that
    /// had no newline, the rest of its line goes to the end of stderr
    /// without the matched prefix (a timestamp, say), so that stdout holds
    /// only what the guest wrote and stderr does not change from run to run.
    #[serde(default)]
    pub stdout_log: Vec<String>,
    /// Log lines (told as `stdout_log` tells them, by how they begin once
    /// their prefix is gone) that say nothing about the run and are
    /// dropped: WasmEdge's `[warning] GC proposal is enabled, this is
    /// experimental.` on every run with `--enable-gc`.
    #[serde(default)]
    pub stdout_noise: Vec<String>,
    /// Lines the runtime prints at the end of **stdout** when a run fails
    /// (iwasm: `Exception: unreachable`), told by how they begin. When the
    /// process exits with one of `stdout_report_codes`, the run of such
    /// lines at the very end of stdout (the first may follow guest bytes
    /// that had no newline) moves to the end of stderr.
    #[serde(default)]
    pub stdout_report: Vec<String>,
    /// The exit codes under which the runtime prints its report on stdout
    /// (any but 0 when empty); under another code, such as a guest's own
    /// `proc_exit(3)`, stdout is left whole.
    #[serde(default)]
    pub stdout_report_codes: Vec<i32>,
}

impl Classifier {
    /// Classify a finished process (after moving the runtime's own lines
    /// out of stdout, as [`Classifier::separate`] does).
    pub fn classify(&self, outcome: &ProcessOutcome) -> ExitStatus {
        self.classify_separated(&self.separate(outcome))
    }

    /// `outcome` with the runtime's own lines taken out of stdout and put
    /// at the end of stderr: its log lines wherever they are, and, when the
    /// process did not exit 0, the report at the end (see `stdout_log` and
    /// `stdout_report`). A process killed by a signal or by the timeout
    /// printed no report: only its log lines move.
    pub fn separate(&self, outcome: &ProcessOutcome) -> ProcessOutcome {
        let mut separated = outcome.clone();
        let mut moved = Vec::new();
        if !self.stdout_log.is_empty() {
            let (guest, log) =
                split_log_lines(&outcome.stdout, &self.stdout_log, &self.stdout_noise);
            separated.stdout = guest;
            moved = log;
        }
        let reports = outcome.code.is_some_and(|code| {
            code != 0
                && (self.stdout_report_codes.is_empty() || self.stdout_report_codes.contains(&code))
        });
        if reports && let Some(at) = report_start(&separated.stdout, &self.stdout_report) {
            let mut report = separated.stdout.split_off(at);
            if !moved.is_empty() && !report.ends_with(b"\n") {
                report.push(b'\n');
            }
            moved.splice(0..0, report);
        }
        if !moved.is_empty() {
            if !separated.stderr.is_empty() && !separated.stderr.ends_with(b"\n") {
                separated.stderr.push(b'\n');
            }
            separated.stderr.extend_from_slice(&moved);
        }
        separated
    }

    fn classify_separated(&self, outcome: &ProcessOutcome) -> ExitStatus {
        if outcome.timed_out {
            return ExitStatus::Timeout;
        }
        let Some(code) = outcome.code else {
            return ExitStatus::Crash {
                signal: outcome.signal.unwrap_or(0),
            };
        };
        if code == 0 {
            return ExitStatus::Exit { code };
        }
        let stderr = String::from_utf8_lossy(&outcome.stderr);
        if let Some(message) = message_for(&stderr, &self.reject_patterns) {
            return ExitStatus::Rejected { message };
        }
        if (self.trap_exit_codes.is_empty() || self.trap_exit_codes.contains(&code))
            && let Some(message) = message_for(&stderr, &self.trap_patterns)
        {
            return ExitStatus::Trap {
                trap: TrapKind::from_message(&message),
                message,
            };
        }
        if let Some(message) = message_for(&stderr, &self.instantiation_patterns) {
            return match TrapKind::from_message(&message) {
                TrapKind::Unknown => ExitStatus::Rejected { message },
                trap => ExitStatus::Trap { trap, message },
            };
        }
        if let Some(message) = message_for(&stderr, &self.host_error_patterns) {
            return ExitStatus::Trap {
                trap: TrapKind::Host,
                message,
            };
        }
        ExitStatus::Exit { code }
    }
}

/// The length of the match of `pattern` at the start of `text`, if it
/// matches: `?` is any one byte but a newline, `*` any run of them (the
/// shortest that lets the rest match); letters match either case.
fn match_len(text: &[u8], pattern: &[u8]) -> Option<usize> {
    match pattern.split_first() {
        None => Some(0),
        Some((b'*', rest)) => (0..=text.len())
            .take_while(|n| !text[..*n].contains(&b'\n'))
            .find_map(|n| match_len(&text[n..], rest).map(|m| n + m)),
        Some((p, rest)) => match text.split_first() {
            Some((t, text)) if *t != b'\n' && (*p == b'?' || p.eq_ignore_ascii_case(t)) => {
                match_len(text, rest).map(|m| m + 1)
            }
            _ => None,
        },
    }
}

/// The longest match of any of `patterns` at the start of `text`.
fn match_any(text: &[u8], patterns: &[String]) -> Option<usize> {
    patterns
        .iter()
        .filter_map(|p| match_len(text, p.as_bytes()))
        .max()
}

/// `stdout` split into the guest's bytes and the runtime's log lines (each
/// without the prefix that marked it, newline-terminated).
fn split_log_lines(stdout: &[u8], patterns: &[String], noise: &[String]) -> (Vec<u8>, Vec<u8>) {
    let (mut guest, mut log) = (Vec::new(), Vec::new());
    for line in stdout.split_inclusive(|b| *b == b'\n') {
        let found = (0..line.len()).find_map(|i| Some((i, match_any(&line[i..], patterns)?)));
        match found {
            Some((at, len)) => {
                guest.extend_from_slice(&line[..at]);
                if match_any(&line[at + len..], noise).is_some() {
                    continue;
                }
                log.extend_from_slice(&line[at + len..]);
                if !log.ends_with(b"\n") {
                    log.push(b'\n');
                }
            }
            None => guest.extend_from_slice(line),
        }
    }
    (guest, log)
}

/// Where the runtime's report begins at the end of `stdout`: the run of
/// lines at the end that each start with a pattern. The first of them may
/// begin inside the line before, after guest bytes that had no newline.
fn report_start(stdout: &[u8], patterns: &[String]) -> Option<usize> {
    let is_report = |text: &[u8]| match_any(text, patterns).is_some();
    let mut from = None;
    let mut end = stdout.len();
    while end > 0 {
        // The line that ends at `end` (its newline included).
        let start = stdout[..end - 1]
            .iter()
            .rposition(|b| *b == b'\n')
            .map_or(0, |i| i + 1);
        let line = &stdout[start..end];
        if !is_report(line) {
            let inside = (1..line.len()).find(|i| is_report(&line[*i..]));
            return inside.map(|i| start + i).or(from);
        }
        from = Some(start);
        end = start;
    }
    from
}

/// When a line of `stderr` holds one of `patterns`, the message to report:
/// that line when it says more than the pattern (`wasm trap: unreachable`),
/// else (nothing more, or a line ending in `:`) the innermost cause of the
/// error chain.
fn message_for(stderr: &str, patterns: &[String]) -> Option<String> {
    let patterns: Vec<String> = patterns.iter().map(|p| p.to_ascii_lowercase()).collect();
    let (line, pattern) = stderr.lines().rev().find_map(|line| {
        let lower = line.to_ascii_lowercase();
        let pattern = patterns.iter().find(|p| lower.contains(p.as_str()))?;
        Some((line, pattern))
    })?;
    let lower = line.to_ascii_lowercase();
    let after = lower
        .find(pattern.as_str())
        .map_or("", |i| &lower[i + pattern.len()..]);
    // A line that ends in `:`, or holds nothing past the pattern,
    // introduces the cause that follows it, unless it names a trap class
    // itself (wasmer's `Uncaught exception` is followed by the stack, not
    // by a cause).
    let introduces = line.trim_end().ends_with(':')
        || after
            .trim_matches(|c: char| c.is_whitespace() || c == ':')
            .is_empty();
    if introduces && TrapKind::from_message(line) == TrapKind::Unknown {
        Some(innermost_cause(stderr))
    } else {
        Some(strip_chain_index(line.trim()).to_string())
    }
}

/// `2: wasm trap: ...` without its `2: `.
fn strip_chain_index(line: &str) -> &str {
    match line.split_once(": ") {
        Some((index, rest)) if !index.is_empty() && index.chars().all(|c| c.is_ascii_digit()) => {
            rest
        }
        _ => line,
    }
}

/// The last line of an error report that says something (the innermost
/// cause, in the error chains CLIs print), without its chain index;
/// source-snippet decoration (`--> file:1:1`, `1 | text`, `| ^`) is skipped.
pub(crate) fn innermost_cause(stderr: &str) -> String {
    let is_decoration = |l: &str| {
        l.starts_with('|')
            || l.starts_with("-->")
            || l.split_once(" |")
                .is_some_and(|(n, _)| n.chars().all(|c| c.is_ascii_digit()))
    };
    let line = stderr
        .lines()
        .map(str::trim)
        .rfind(|l| !l.is_empty() && !is_decoration(l))
        .unwrap_or("");
    strip_chain_index(line).to_string()
}

/// A runtime behind its CLI.
#[derive(Debug, Clone)]
pub struct CliRuntime {
    spec: CliSpec,
    info: RuntimeInfo,
    cache: Option<PathBuf>,
}

/// A runtime that could not be opened: not found, or its binary does not run.
#[derive(Debug, thiserror::Error)]
pub enum OpenError {
    /// The binary was not found.
    #[error(transparent)]
    NotFound(#[from] crate::DiscoveryError),
    /// The binary did not answer its version query.
    #[error(transparent)]
    Broken(#[from] AdapterError),
}

impl CliRuntime {
    /// Find the spec's binary and open it.
    pub fn discover(spec: CliSpec, discovery: &crate::Discovery) -> Result<CliRuntime, OpenError> {
        let name = spec.locate_as.as_deref().unwrap_or(&spec.name);
        let located = discovery.locate(name, &spec.binary)?;
        Ok(CliRuntime::new(spec, located.path)?)
    }

    /// Wrap `binary`, asking it for its version (an error when it cannot run).
    pub fn new(spec: CliSpec, binary: PathBuf) -> Result<CliRuntime, AdapterError> {
        let version = query_version(&spec, &binary)?;
        let info = RuntimeInfo {
            name: spec.name.clone(),
            version,
            binary: Some(binary),
            capabilities: spec.capabilities,
        };
        Ok(CliRuntime {
            spec,
            info,
            cache: None,
        })
    }

    /// Let the runtime keep compiled code in `dir`, shared by every job it
    /// runs (one run's jobs), when its spec says how (`cache`,
    /// `cache_env`). Without it each job starts cold: its HOME is its own.
    pub fn with_compile_cache(mut self, dir: PathBuf) -> CliRuntime {
        self.cache = Some(dir);
        self
    }

    /// Whether its spec knows how to point it at a compilation cache.
    pub fn caches(&self) -> bool {
        !self.spec.cache.is_empty() || !self.spec.cache_env.is_empty()
    }

    /// The spec it runs.
    pub fn spec(&self) -> &CliSpec {
        &self.spec
    }
}

fn query_version(spec: &CliSpec, binary: &Path) -> Result<String, AdapterError> {
    let outcome = run_process(&ProcessRequest {
        program: binary.to_path_buf(),
        args: spec.version.iter().map(OsString::from).collect(),
        env: base_env(),
        cwd: std::env::temp_dir(),
        stdin: Vec::new(),
        timeout: Duration::from_secs(30),
        output_cap: 64 * 1024,
    })
    .map_err(|source| AdapterError::Spawn {
        runtime: spec.name.clone(),
        binary: binary.to_path_buf(),
        source,
    })?;
    let text = if outcome.stdout.iter().any(|b| !b.is_ascii_whitespace()) {
        outcome.stdout
    } else {
        outcome.stderr
    };
    let text = String::from_utf8_lossy(&text);
    let first = text
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    // WasmEdge starts its version line with the program path it was given:
    // keep only the program's name.
    let dir = binary
        .parent()
        .map(|d| format!("{}/", d.display()))
        .unwrap_or_default();
    let first = first.strip_prefix(dir.as_str()).unwrap_or(first);
    if outcome.code != Some(0) || first.is_empty() {
        return Err(AdapterError::Unsupported {
            runtime: spec.name.clone(),
            reason: format!(
                "`{} {}` failed ({}): {}",
                binary.display(),
                spec.version.join(" "),
                outcome
                    .code
                    .map_or("killed".to_string(), |c| format!("exit {c}")),
                first
            ),
        });
    }
    Ok(first.to_string())
}

/// The environment every runtime process starts from: nothing of the
/// harness's own (notably no `RUST_BACKTRACE`), but a `PATH`.
fn base_env() -> Vec<(OsString, OsString)> {
    let path = std::env::var_os("PATH").unwrap_or_else(|| "/usr/bin:/bin".into());
    vec![("PATH".into(), path), ("LANG".into(), "C.UTF-8".into())]
}

fn substitute(template: &str, pairs: &[(&str, &str)]) -> String {
    pairs
        .iter()
        .fold(template.to_string(), |acc, (key, value)| {
            acc.replace(key, value)
        })
}

impl CliSpec {
    /// The arguments (after the program) that run `job`, with the
    /// compilation cache in `cache` when there is one.
    pub fn arguments(&self, job: &WasiJob, cache: Option<&Path>) -> Vec<String> {
        expand_run(self, job, cache)
    }
}

fn expand_run(spec: &CliSpec, job: &WasiJob, cache: Option<&Path>) -> Vec<String> {
    let module = job.module.to_string_lossy();
    let mut out = Vec::new();
    for token in &spec.run {
        match token.as_str() {
            "{dirs}" => {
                for preopen in &job.preopens {
                    let host = preopen.host.to_string_lossy();
                    let pairs = [
                        ("{host}", host.as_ref()),
                        ("{guest}", preopen.guest.as_str()),
                    ];
                    out.extend(spec.dir.iter().map(|t| substitute(t, &pairs)));
                }
            }
            "{env}" => {
                for (key, value) in &job.env {
                    let pairs = [("{key}", key.as_str()), ("{value}", value.as_str())];
                    out.extend(spec.env.iter().map(|t| substitute(t, &pairs)));
                }
            }
            "{args}" => out.extend(job.args.iter().cloned()),
            "{features}" => out.extend(spec.feature_args.iter().cloned()),
            "{cache}" => {
                if let Some(cache) = cache {
                    let cache = cache.to_string_lossy();
                    let pairs = [("{cache}", cache.as_ref())];
                    out.extend(spec.cache.iter().map(|t| substitute(t, &pairs)));
                }
            }
            _ => out.push(substitute(token, &[("{module}", module.as_ref())])),
        }
    }
    out
}

impl Runtime for CliRuntime {
    fn info(&self) -> &RuntimeInfo {
        &self.info
    }

    fn run_wasi(&self, job: &WasiJob) -> Result<Observation, AdapterError> {
        let binary = self.info.binary.clone().unwrap_or_default();
        let home = job.scratch.join(".home");
        std::fs::create_dir_all(&home).map_err(|source| AdapterError::Io {
            runtime: self.spec.name.clone(),
            context: format!("creating {}", home.display()),
            source,
        })?;
        if let Some(cache) = &self.cache {
            std::fs::create_dir_all(cache).map_err(|source| AdapterError::Io {
                runtime: self.spec.name.clone(),
                context: format!("creating {}", cache.display()),
                source,
            })?;
        }
        let scratch = job.scratch.to_string_lossy();
        let mut env = base_env();
        env.push(("HOME".into(), home.clone().into()));
        env.push(("TMPDIR".into(), home.into()));
        env.extend(self.spec.process_env.iter().map(|(k, v)| {
            (
                OsString::from(k),
                OsString::from(substitute(v, &[("{scratch}", scratch.as_ref())])),
            )
        }));
        if let Some(cache) = &self.cache {
            let cache = cache.to_string_lossy();
            for (key, value) in &self.spec.cache_env {
                let value = substitute(value, &[("{cache}", cache.as_ref())]);
                env.retain(|(k, _)| k.as_os_str() != key.as_str());
                env.push((key.into(), value.into()));
            }
        }
        let request = ProcessRequest {
            program: binary.clone(),
            args: expand_run(&self.spec, job, self.cache.as_deref())
                .into_iter()
                .map(OsString::from)
                .collect(),
            env,
            cwd: job.scratch.clone(),
            stdin: job.stdin.clone(),
            timeout: job.timeout,
            output_cap: job.output_cap,
        };
        let outcome = run_process(&request).map_err(|source| AdapterError::Spawn {
            runtime: self.spec.name.clone(),
            binary,
            source,
        })?;
        let outcome = self.spec.classify.separate(&outcome);
        Ok(Observation {
            status: self.spec.classify.classify_separated(&outcome),
            stdout: CapturedOutput::from_bytes(&outcome.stdout, outcome.stdout_truncated),
            stderr: CapturedOutput::from_bytes(&outcome.stderr, outcome.stderr_truncated),
            duration_ms: outcome.duration.as_secs_f64() * 1000.0,
            fs_after: None,
            trace: None,
        })
    }

    fn run_script(&self, job: &ScriptJob) -> Result<ScriptObservation, AdapterError> {
        match (self.spec.scripts, &self.info.binary) {
            (Some(runner), Some(binary)) if self.spec.capabilities.scripts => {
                crate::native_script::run_script(runner, &self.spec.name, binary, job)
            }
            _ => Err(AdapterError::Unsupported {
                runtime: self.spec.name.clone(),
                reason: format!("cannot run spec scripts such as {}", job.name),
            }),
        }
    }

    fn command_line(&self, job: &WasiJob) -> Vec<String> {
        let binary = self
            .info
            .binary
            .as_deref()
            .unwrap_or(self.spec.binary.as_ref());
        std::iter::once(binary.to_string_lossy().into_owned())
            .chain(expand_run(&self.spec, job, self.cache.as_deref()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Preopen;

    fn job() -> WasiJob {
        WasiJob {
            module: "/s/case.wasm".into(),
            args: vec!["a b".into(), "".into()],
            env: vec![("K".into(), "V=1".into())],
            preopens: vec![Preopen {
                guest: "fs.dir".into(),
                host: "/s/fs.dir".into(),
            }],
            stdin: Vec::new(),
            scratch: "/s".into(),
            timeout: Duration::from_secs(1),
            output_cap: 1,
        }
    }

    fn outcome(code: Option<i32>, stderr: &str) -> ProcessOutcome {
        ProcessOutcome {
            code,
            signal: code.is_none().then_some(11),
            timed_out: false,
            stdout: Vec::new(),
            stdout_truncated: false,
            stderr: stderr.as_bytes().to_vec(),
            stderr_truncated: false,
            duration: Duration::ZERO,
        }
    }

    #[test]
    fn run_template_expands_dirs_env_and_args() {
        let spec = CliSpec {
            name: "t".into(),
            binary: "t".into(),
            run: ["run", "{features}", "{dirs}", "{env}", "{module}", "{args}"]
                .map(String::from)
                .to_vec(),
            feature_args: ["-W", "gc=y"].map(String::from).to_vec(),
            dir: ["--dir", "{host}::{guest}"].map(String::from).to_vec(),
            env: ["--env", "{key}={value}"].map(String::from).to_vec(),
            version: default_version_args(),
            process_env: BTreeMap::new(),
            cache: Vec::new(),
            cache_env: BTreeMap::new(),
            classify: Classifier::default(),
            capabilities: default_capabilities(),
            scripts: None,
            locate_as: None,
        };
        assert_eq!(
            expand_run(&spec, &job(), None),
            [
                "run",
                "-W",
                "gc=y",
                "--dir",
                "/s/fs.dir::fs.dir",
                "--env",
                "K=V=1",
                "/s/case.wasm",
                "a b",
                ""
            ]
        );
    }

    #[test]
    fn classifier_tells_exit_trap_reject_and_crash_apart() {
        let c = Classifier {
            trap_exit_codes: vec![134],
            trap_patterns: vec!["wasm trap:".into()],
            host_error_patterns: vec!["error while executing".into()],
            reject_patterns: vec!["failed to parse".into()],
            ..Classifier::default()
        };
        assert_eq!(
            c.classify(&outcome(Some(3), "")),
            ExitStatus::Exit { code: 3 }
        );
        assert_eq!(
            c.classify(&outcome(
                Some(134),
                "Error\n  2: wasm trap: wasm `unreachable` instruction executed\n"
            )),
            ExitStatus::Trap {
                trap: TrapKind::Unreachable,
                message: "wasm trap: wasm `unreachable` instruction executed".into()
            }
        );
        assert_eq!(
            c.classify(&outcome(
                Some(1),
                "Caused by:\n    1: error while executing at wasm backtrace:\n    2: Pointer out of bounds\n"
            )),
            ExitStatus::Trap {
                trap: TrapKind::Host,
                message: "Pointer out of bounds".into()
            }
        );
        // A trap pattern under another exit code is the guest's own text.
        assert_eq!(
            c.classify(&outcome(Some(1), "wasm trap: x")),
            ExitStatus::Exit { code: 1 }
        );
        assert!(matches!(
            c.classify(&outcome(
                Some(1),
                "Error: failed to parse WebAssembly module"
            )),
            ExitStatus::Rejected { .. }
        ));
        assert_eq!(
            c.classify(&outcome(None, "")),
            ExitStatus::Crash { signal: 11 }
        );
    }

    #[test]
    fn a_failed_instantiation_is_a_trap_when_it_names_one() {
        let c = Classifier {
            instantiation_patterns: vec!["instantiate failed".into()],
            ..Classifier::default()
        };
        assert_eq!(
            c.classify(&outcome(
                Some(255),
                "WASM module instantiate failed: out of bounds memory access"
            )),
            ExitStatus::Trap {
                trap: TrapKind::MemoryOutOfBounds,
                message: "WASM module instantiate failed: out of bounds memory access".into()
            }
        );
        assert!(matches!(
            c.classify(&outcome(
                Some(255),
                "instantiate failed: unknown import foo.bar"
            )),
            ExitStatus::Rejected { .. }
        ));
    }

    fn with_stdout(code: Option<i32>, stdout: &str) -> ProcessOutcome {
        ProcessOutcome {
            stdout: stdout.as_bytes().to_vec(),
            stderr: b"guest err".to_vec(),
            ..outcome(code, "")
        }
    }

    #[test]
    fn log_lines_leave_stdout_wherever_they_are_without_their_prefix() {
        let c = Classifier {
            stdout_log: vec!["[????-??-?? ??:??:??.???] ".into(), "[??:?? - *]: ".into()],
            stdout_noise: vec!["[warning] GC ".into()],
            ..Classifier::default()
        };
        let out = c.separate(&with_stdout(
            Some(0),
            "[12:34 - 7FB8]: warning: x\n[2026-12-05 10:33:25.999] [warning] GC on\nabc[2026-12-05 10:33:25.999] [error] failed\ndef\n",
        ));
        assert_eq!(String::from_utf8_lossy(&out.stdout), "abcdef\n");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "guest err\nwarning: x\n[error] failed\n"
        );
    }

    #[test]
    fn a_report_at_the_end_of_stdout_moves_only_under_its_exit_codes() {
        let c = Classifier {
            trap_patterns: vec!["Exception:".into()],
            stdout_report: vec!["Exception: ".into()],
            stdout_report_codes: vec![1],
            ..Classifier::default()
        };
        let trapped = with_stdout(Some(1), "line\nabcException: unreachable\n");
        let out = c.separate(&trapped);
        assert_eq!(String::from_utf8_lossy(&out.stdout), "line\nabc");
        assert_eq!(
            String::from_utf8_lossy(&out.stderr),
            "guest err\nException: unreachable\n"
        );
        assert_eq!(
            c.classify(&trapped),
            ExitStatus::Trap {
                trap: TrapKind::Unreachable,
                message: "Exception: unreachable".into()
            }
        );
        // The guest's own words, under its own exit code or in mid-output.
        for (code, text) in [
            (Some(3), "Exception: mine\n"),
            (Some(0), "Exception: mine\n"),
            (Some(1), "Exception: mine\nmore\n"),
            (None, "Exception: mine\n"),
        ] {
            let out = c.separate(&with_stdout(code, text));
            assert_eq!(String::from_utf8_lossy(&out.stdout), text, "{code:?}");
        }
    }

    #[test]
    fn patterns_match_with_wildcards_at_the_start_only() {
        assert_eq!(match_len(b"[ab]: rest", b"[*]: "), Some(6));
        assert_eq!(match_len(b"x[ab]: rest", b"[*]: "), None);
        assert_eq!(match_len(b"[a\nb]: ", b"[*]: "), None);
        assert_eq!(match_len(b"EXCEPTION: x", b"Exception: "), Some(11));
        assert_eq!(match_len(b"12-3", b"??-?"), Some(4));
        assert_eq!(match_len(b"1", b"??"), None);
    }

    #[test]
    fn a_compile_cache_reaches_the_runtime_by_argument_and_environment() {
        use std::os::unix::fs::PermissionsExt;
        let tmp = tempfile::tempdir().unwrap();
        let binary = tmp.path().join("fake-runtime");
        std::fs::write(
            &binary,
            "#!/bin/sh\n[ \"$1\" = --version ] && { echo fake 1; exit 0; }\necho \"env=$MY_CACHE args=$*\"\n",
        )
        .unwrap();
        std::fs::set_permissions(&binary, std::fs::Permissions::from_mode(0o755)).unwrap();
        let spec = CliSpec {
            name: "fake".into(),
            binary: "fake-runtime".into(),
            run: ["{cache}", "{module}"].map(String::from).to_vec(),
            feature_args: Vec::new(),
            dir: Vec::new(),
            env: Vec::new(),
            version: default_version_args(),
            process_env: [("MY_CACHE".to_string(), "none".to_string())].into(),
            cache: vec!["--cache={cache}".into()],
            cache_env: [("MY_CACHE".to_string(), "{cache}/x".to_string())].into(),
            classify: Classifier::default(),
            capabilities: default_capabilities(),
            scripts: None,
            locate_as: None,
        };
        let job = WasiJob {
            scratch: tmp.path().to_path_buf(),
            preopens: Vec::new(),
            output_cap: 4096,
            ..job()
        };
        let cold = CliRuntime::new(spec, binary).unwrap();
        assert!(cold.caches());
        let stdout = |rt: &CliRuntime| rt.run_wasi(&job).unwrap().stdout.text;
        assert_eq!(stdout(&cold), "env=none args=/s/case.wasm\n");
        let cache = tmp.path().join("cache");
        let warm = cold.with_compile_cache(cache.clone());
        assert_eq!(
            stdout(&warm),
            format!("env={0}/x args=--cache={0} /s/case.wasm\n", cache.display())
        );
        assert!(cache.is_dir(), "the cache dir is made for the runtime");
    }
}
