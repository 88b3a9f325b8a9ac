//! The run record: one JSON document per run, versioned, documented in
//! `docs/run-record.md`. Reports are rendered from it, two records can be
//! compared, and shards of one run can be merged.

use std::collections::BTreeMap;

use conformance_adapters::{Observation, RuntimeInfo, ScriptObservation};
use conformance_suites::OneOrMany;
use serde::{Deserialize, Serialize};

/// Bumped on any change that an older reader would misread.
pub const SCHEMA_VERSION: u32 = 1;

/// The verdict on one (runtime, case).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Did what the case expects.
    Pass,
    /// Differs from what the case expects.
    Fail,
    /// Failed, as its expectations file says it does.
    Xfail,
    /// Passed, although its expectations file says it fails.
    Xpass,
    /// Differs from the oracle where the case states no expectation.
    Diverge,
    /// Not run, with a reason.
    Skip,
    /// The harness itself could not run it.
    Error,
}

impl Verdict {
    /// Every verdict, in report order.
    pub const ALL: [Verdict; 7] = [
        Verdict::Pass,
        Verdict::Fail,
        Verdict::Xfail,
        Verdict::Xpass,
        Verdict::Diverge,
        Verdict::Skip,
        Verdict::Error,
    ];

    /// The lower-case name used in the record.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Pass => "pass",
            Verdict::Fail => "fail",
            Verdict::Xfail => "xfail",
            Verdict::Xpass => "xpass",
            Verdict::Diverge => "diverge",
            Verdict::Skip => "skip",
            Verdict::Error => "error",
        }
    }

    /// Whether this verdict makes the run fail (exit status 1).
    pub fn is_unexpected(self) -> bool {
        matches!(self, Verdict::Fail | Verdict::Error | Verdict::Diverge)
    }
}

/// What a WASI case expects, as stated by its `.json` (defaults filled in).
/// `exit_code`, `stdout` and `stderr` are a value or a list of allowed values.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Expected {
    /// The exit code (or the allowed ones), unless a trap is expected.
    pub exit_code: OneOrMany<i32>,
    /// The run must trap.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub trap: bool,
    /// Exact stdout (or the allowed ones), when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stdout: Option<OneOrMany<String>>,
    /// Exact stderr (or the allowed ones), when stated.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stderr: Option<OneOrMany<String>>,
    /// What given paths must be after the run (`dir`, `absent`, `file`,
    /// `file:<content>`, `symlink:<target>`).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fs_after: BTreeMap<String, String>,
    /// The preview1 functions the case covers (its `covers`, success and
    /// error paths together), for the report's function × runtime map.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub covers: Vec<String>,
}

/// The outcome of one (runtime, case).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseResult {
    /// The runtime's name.
    pub runtime: String,
    /// The suite's name.
    pub suite: String,
    /// The case, by its path relative to its suite.
    pub case: String,
    /// The verdict.
    pub verdict: Verdict,
    /// Why it is not a pass: one line per difference, or the skip/error reason.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub reasons: Vec<String>,
    /// The reason given in the expectations file, when the case is listed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub known_issue: Option<String>,
    /// What the case expects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expected: Option<Expected>,
    /// What the runtime did, for a WASI case.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observation: Option<Observation>,
    /// What the runtime did, for a spec script: directive counts and the
    /// first failures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub script: Option<ScriptObservation>,
    /// The command that was run, for reproducing by hand.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub command: Vec<String>,
    /// For a differential case (suite `smith`): where its repro bundle is,
    /// the shrunk module and both transcripts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub divergence: Option<DivergenceDetail>,
    /// With `--repeat N`: the job's runs did not all behave the same (the
    /// verdict and observation above are the first run's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub flaky: Option<Flaky>,
}

impl CaseResult {
    /// What a run of a job did, for comparing repeats and baselines: the
    /// verdict, then the observation without timings (exit status,
    /// stdout, stderr where the case checks it, tree afterwards, script
    /// failures), scratch dir names masked.
    pub fn behaviour(&self) -> String {
        fn without_timings(value: &mut serde_json::Value) {
            match value {
                serde_json::Value::Object(map) => {
                    map.retain(|k, _| !k.ends_with("_ms") && k != "duration");
                    map.values_mut().for_each(without_timings);
                }
                serde_json::Value::Array(items) => items.iter_mut().for_each(without_timings),
                _ => {}
            }
        }
        let mut seen = serde_json::json!({
            "observation": self.observation,
            "script": self.script,
        });
        // stderr counts only where the case checks it: elsewhere it holds
        // a runtime's own messages, whose thread ids and timings vary
        // from run to run (wasmer's panic names its thread).
        let checks_stderr = self.expected.as_ref().is_some_and(|e| e.stderr.is_some());
        if !checks_stderr
            && let Some(o) = seen.get_mut("observation").and_then(|o| o.as_object_mut())
        {
            o.remove("stderr");
        }
        without_timings(&mut seen);
        let first_reason = self.reasons.first().map_or("", String::as_str);
        mask_scratch(&format!("{}: {first_reason} {seen}", self.verdict.as_str()))
    }
}

/// The text with the random part of the harness's scratch dir names
/// (`wasi-conformance-XXXXXX`, `job-XXXXXX`, `probe-XXXXXX`) masked: a
/// runtime that prints its paths must not look flaky, or changed, for it.
fn mask_scratch(text: &str) -> String {
    const PREFIXES: [&str; 3] = ["wasi-conformance-", "job-", "probe-"];
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    'outer: while !rest.is_empty() {
        for prefix in PREFIXES {
            if let Some(tail) = rest.strip_prefix(prefix) {
                let random = tail.chars().take_while(char::is_ascii_alphanumeric).count();
                if random == 6 {
                    out.push_str(prefix);
                    out.push('*');
                    rest = &tail[random..];
                    continue 'outer;
                }
            }
        }
        let mut chars = rest.chars();
        if let Some(c) = chars.next() {
            out.push(c);
        }
        rest = chars.as_str();
    }
    out
}

/// A job whose repeated runs differed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flaky {
    /// How many times it ran.
    pub runs: usize,
    /// Each distinct behaviour (verdict, exit status, output, tree
    /// afterwards, script failures; never timings), with how many runs
    /// showed it, most frequent first.
    pub behaviours: Vec<(usize, String)>,
}

/// One kind of divergence a differential campaign found (one signature):
/// the first case that showed it, made small.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DivergenceDetail {
    /// The repro bundle's directory (`cargo xtask repro` replays it).
    pub bundle: String,
    /// Seeds whose modules showed it (the first ones).
    pub seeds: Vec<u64>,
    /// How many modules showed it.
    pub modules: usize,
    /// The shrunk module as text, when shrinking succeeded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shrunk_wat: Option<String>,
    /// The oracle's script, one directive per line (module bytes elided).
    pub oracle_transcript: String,
    /// The same directives with what the runtime did instead where it
    /// differed.
    pub runtime_transcript: String,
}

/// A differential campaign's counts for one runtime.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CampaignStats {
    /// The runtime.
    pub runtime: String,
    /// The campaign (`smith`).
    pub suite: String,
    /// Modules generated and run.
    pub modules: usize,
    /// Calls compared (poisoned ones not counted).
    pub calls: usize,
    /// Outcomes set aside: stack exhaustion, fuel, timeouts.
    pub poisoned: usize,
    /// Modules on which the runtime diverged.
    pub divergent_modules: usize,
    /// Time spent in the runtime's own processes, in seconds.
    pub seconds: f64,
}

impl CampaignStats {
    /// Share of outcomes set aside, in percent.
    pub fn poisoned_percent(&self) -> f64 {
        100.0 * self.poisoned as f64 / (self.calls + self.poisoned).max(1) as f64
    }

    /// Modules per second of the runtime's own processes.
    pub fn modules_per_second(&self) -> f64 {
        self.modules as f64 / self.seconds.max(1e-9)
    }
}

/// A runtime that was asked for but could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SkippedRuntime {
    /// Its name.
    pub name: String,
    /// Why (not installed, version query failed, ...).
    pub reason: String,
}

/// The machine the run happened on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct HostInfo {
    /// `linux`, `macos`, ...
    pub os: String,
    /// `x86_64`, `aarch64`, ...
    pub arch: String,
}

impl HostInfo {
    /// This machine.
    pub fn current() -> HostInfo {
        HostInfo {
            os: std::env::consts::OS.to_string(),
            arch: std::env::consts::ARCH.to_string(),
        }
    }
}

/// The settings of the run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunOptions {
    /// Parallel jobs.
    pub jobs: usize,
    /// Per-job timeout, in milliseconds.
    pub timeout_ms: u64,
    /// Bytes kept of each output stream.
    pub output_cap: usize,
    /// The case-name filter, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub filter: Option<String>,
    /// The suites that ran.
    pub suites: Vec<String>,
    /// The shards (`K/N`) this record holds; empty for a whole run.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub shards: Vec<String>,
    /// Runs per job (`--repeat`); 0 or 1: once.
    #[serde(default, skip_serializing_if = "once")]
    pub repeat: usize,
}

fn once(repeat: &usize) -> bool {
    *repeat <= 1
}

/// One run: the single source of truth.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RunRecord {
    /// [`SCHEMA_VERSION`] at the time of writing.
    pub schema_version: u32,
    /// The harness's version.
    pub tool_version: String,
    /// When the run started (RFC 3339, UTC).
    pub started_at: String,
    /// Wall time of the whole run, in milliseconds.
    pub duration_ms: f64,
    /// The machine.
    pub host: HostInfo,
    /// The settings.
    pub options: RunOptions,
    /// The runtimes that ran.
    pub runtimes: Vec<RuntimeInfo>,
    /// The runtimes that were asked for but could not run.
    #[serde(default)]
    pub skipped_runtimes: Vec<SkippedRuntime>,
    /// One entry per (runtime, case), sorted by suite, case, runtime.
    pub results: Vec<CaseResult>,
    /// Differential campaigns' counts, one entry per runtime and campaign.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub campaigns: Vec<CampaignStats>,
    /// What changed since an earlier run (`--baseline`), when one was
    /// given.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<crate::Baseline>,
    /// The run was interrupted (SIGINT, SIGTERM): the results hold what
    /// finished, and every job that did not is a `skip` whose reason is
    /// "not run: the run was interrupted".
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub interrupted: bool,
}

/// A run record that cannot be read.
#[derive(Debug, thiserror::Error)]
pub enum RecordError {
    /// Not JSON at all.
    #[error("not JSON: {0}")]
    Json(serde_json::Error),
    /// Written by another schema version (or by something else).
    #[error("schema_version {found:?}, this harness reads {SCHEMA_VERSION}")]
    Schema {
        /// What the document says, if anything.
        found: Option<u64>,
    },
    /// JSON of the right version that is not a run record.
    #[error("not a run record: {0}")]
    Shape(serde_json::Error),
}

impl RunRecord {
    /// Read a record from its JSON text, checking its schema version
    /// first (so that a record of another version is named as such, not
    /// as malformed).
    pub fn from_json(text: &str) -> Result<RunRecord, RecordError> {
        let value: serde_json::Value = serde_json::from_str(text).map_err(RecordError::Json)?;
        let found = value
            .get("schema_version")
            .and_then(serde_json::Value::as_u64);
        if found != Some(u64::from(SCHEMA_VERSION)) {
            return Err(RecordError::Schema { found });
        }
        serde_json::from_value(value).map_err(RecordError::Shape)
    }
}

/// Records that cannot be merged.
#[derive(Debug, thiserror::Error)]
pub enum MergeError {
    /// Nothing to merge.
    #[error("no run record to merge")]
    Empty,
    /// Written by another schema version.
    #[error("schema_version {found} cannot be merged with {expected}")]
    Schema {
        /// The first record's.
        expected: u32,
        /// The other.
        found: u32,
    },
    /// One runtime name, two versions: the shards did not test the same thing.
    #[error("runtime {name} is {a} in one record and {b} in another")]
    RuntimeVersion {
        /// Its name.
        name: String,
        /// One version.
        a: String,
        /// The other.
        b: String,
    },
    /// Two records hold the same (runtime, suite, case).
    #[error("{runtime} {suite}/{case} is in two records (overlapping shards?)")]
    Duplicate {
        /// Runtime.
        runtime: String,
        /// Suite.
        suite: String,
        /// Case.
        case: String,
    },
}

impl RunRecord {
    /// Merge records of one run's shards (or of separate runs of different
    /// runtimes) into one: runtimes and results are united, the start is the
    /// earliest, the duration the longest.
    pub fn merge(records: Vec<RunRecord>) -> Result<RunRecord, MergeError> {
        let mut records = records.into_iter();
        let mut merged = records.next().ok_or(MergeError::Empty)?;
        let mut seen: std::collections::BTreeSet<(String, String, String)> = merged
            .results
            .iter()
            .map(|r| (r.runtime.clone(), r.suite.clone(), r.case.clone()))
            .collect();
        for record in records {
            if record.schema_version != merged.schema_version {
                return Err(MergeError::Schema {
                    expected: merged.schema_version,
                    found: record.schema_version,
                });
            }
            for rt in record.runtimes {
                match merged.runtimes.iter().find(|m| m.name == rt.name) {
                    Some(m) if m.version != rt.version => {
                        return Err(MergeError::RuntimeVersion {
                            name: rt.name,
                            a: m.version.clone(),
                            b: rt.version,
                        });
                    }
                    Some(_) => {}
                    None => merged.runtimes.push(rt),
                }
            }
            for s in record.skipped_runtimes {
                if !merged.skipped_runtimes.iter().any(|m| m.name == s.name) {
                    merged.skipped_runtimes.push(s);
                }
            }
            for r in record.results {
                if !seen.insert((r.runtime.clone(), r.suite.clone(), r.case.clone())) {
                    return Err(MergeError::Duplicate {
                        runtime: r.runtime,
                        suite: r.suite,
                        case: r.case,
                    });
                }
                merged.results.push(r);
            }
            for suite in record.options.suites {
                if !merged.options.suites.contains(&suite) {
                    merged.options.suites.push(suite);
                }
            }
            merged.campaigns.extend(record.campaigns);
            merged.interrupted |= record.interrupted;
            merged.options.shards.extend(record.options.shards);
            merged.started_at = merged.started_at.clone().min(record.started_at);
            merged.duration_ms = merged.duration_ms.max(record.duration_ms);
        }
        // A runtime that ran in some record is not "not run".
        let ran: Vec<String> = merged.runtimes.iter().map(|r| r.name.clone()).collect();
        merged.skipped_runtimes.retain(|s| !ran.contains(&s.name));
        let column = |name: &str| ran.iter().position(|r| r == name).unwrap_or(usize::MAX);
        merged.results.sort_by(|a, b| {
            (&a.suite, &a.case, column(&a.runtime)).cmp(&(&b.suite, &b.case, column(&b.runtime)))
        });
        merged.options.shards.sort();
        Ok(merged)
    }

    /// Count of each verdict for one runtime.
    pub fn tally(&self, runtime: &str) -> [usize; Verdict::ALL.len()] {
        let mut counts = [0; Verdict::ALL.len()];
        for r in self.results.iter().filter(|r| r.runtime == runtime) {
            if let Some(i) = Verdict::ALL.iter().position(|v| *v == r.verdict) {
                counts[i] += 1;
            }
        }
        counts
    }

    /// Whether anything unexpected happened (the run's exit status is 1).
    pub fn has_unexpected(&self) -> bool {
        self.results.iter().any(|r| r.verdict.is_unexpected())
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn scratch_names_are_masked() {
        assert_eq!(
            super::mask_scratch("/tmp/wasi-conformance-a1B2c3/job-XyZ123/fs: no"),
            "/tmp/wasi-conformance-*/job-*/fs: no"
        );
        assert_eq!(super::mask_scratch("job-ab ünï"), "job-ab ünï");
    }
}
