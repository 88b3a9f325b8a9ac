//! What changed since an earlier run: the comparison of two run records
//! that `cargo xtask compare OLD NEW` prints and `conformance --baseline
//! OLD` keeps in the new record (so every report can show it).

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

use crate::{CaseResult, RunRecord, Verdict};

/// A run compared with an earlier one.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Baseline {
    /// The earlier record, as named on the command line.
    pub against: String,
    /// When the earlier run started.
    pub started_at: String,
    /// Cases that passed before and fail now. A case the earlier run did
    /// not have is no regression of the runtime, whatever it does now.
    pub new_failures: Vec<Change>,
    /// Cases that failed before and pass now.
    pub fixes: Vec<Change>,
    /// Cases that failed before and still fail, differently.
    pub changed_failures: Vec<Change>,
    /// Runtimes whose version changed.
    pub versions: Vec<VersionChange>,
}

/// One (runtime, case) whose outcome changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Change {
    /// The runtime.
    pub runtime: String,
    /// The suite.
    pub suite: String,
    /// The case.
    pub case: String,
    /// The verdict before (`absent` when the case did not run then).
    pub before: String,
    /// The verdict now.
    pub after: String,
    /// Why it fails now, or what it did before it was fixed.
    pub detail: String,
}

/// A runtime that ran in both runs with other versions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct VersionChange {
    /// The runtime.
    pub runtime: String,
    /// Its version before.
    pub before: String,
    /// Its version now.
    pub after: String,
}

/// A runtime's name without the `@VERSION` of a second install.
fn base_name(name: &str) -> String {
    name.split_once('@')
        .map_or(name, |(base, _)| base)
        .to_string()
}

fn failing(v: Verdict) -> bool {
    matches!(
        v,
        Verdict::Fail | Verdict::Xfail | Verdict::Diverge | Verdict::Error
    )
}

fn passing(v: Verdict) -> bool {
    matches!(v, Verdict::Pass | Verdict::Xpass)
}

impl Baseline {
    /// Compare `new` with `old` (named `against`). Results are matched by
    /// (runtime, suite, case); a skipped result on either side is no
    /// change.
    pub fn compare(old: &RunRecord, new: &RunRecord, against: &str) -> Baseline {
        // `wasmtime@42` in one run is `wasmtime` in the other: another
        // version of the same runtime.
        let key = |r: &CaseResult| (base_name(&r.runtime), r.suite.clone(), r.case.clone());
        let before: BTreeMap<_, &CaseResult> = old.results.iter().map(|r| (key(r), r)).collect();
        let mut baseline = Baseline {
            against: against.to_string(),
            started_at: old.started_at.clone(),
            ..Baseline::default()
        };
        for now in &new.results {
            let then = before.get(&key(now)).copied();
            let change = |detail: String| Change {
                runtime: now.runtime.clone(),
                suite: now.suite.clone(),
                case: now.case.clone(),
                before: then.map_or("absent", |t| t.verdict.as_str()).to_string(),
                after: now.verdict.as_str().to_string(),
                detail,
            };
            let reason = |r: &CaseResult| r.reasons.first().cloned().unwrap_or_default();
            match then {
                Some(t) if passing(t.verdict) && failing(now.verdict) => {
                    baseline.new_failures.push(change(reason(now)));
                }
                Some(t) if failing(t.verdict) && passing(now.verdict) => {
                    baseline.fixes.push(change(reason(t)));
                }
                Some(t)
                    if failing(t.verdict)
                        && failing(now.verdict)
                        && t.behaviour() != now.behaviour() =>
                {
                    baseline.changed_failures.push(change(format!(
                        "before: {}; now: {}",
                        reason(t),
                        reason(now)
                    )));
                }
                _ => {}
            }
        }
        for rt in &new.runtimes {
            if let Some(was) = old
                .runtimes
                .iter()
                .find(|o| base_name(&o.name) == base_name(&rt.name))
                && was.version != rt.version
            {
                baseline.versions.push(VersionChange {
                    runtime: rt.name.clone(),
                    before: was.version.clone(),
                    after: rt.version.clone(),
                });
            }
        }
        baseline
    }

    /// One line: what changed, in counts.
    pub fn headline(&self) -> String {
        let versions: Vec<String> = self
            .versions
            .iter()
            .map(|v| format!("{} {} -> {}", v.runtime, v.before, v.after))
            .collect();
        format!(
            "since {} ({}): {} new failure(s), {} fix(es), {} failure(s) that changed{}",
            self.against,
            self.started_at,
            self.new_failures.len(),
            self.fixes.len(),
            self.changed_failures.len(),
            if versions.is_empty() {
                String::new()
            } else {
                format!("; versions: {}", versions.join(", "))
            }
        )
    }
}
