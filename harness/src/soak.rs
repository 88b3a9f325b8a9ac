//! Soak runs: the same plan run again and again in one process, to show
//! that verdicts do not drift, that memory stays flat, and that nothing
//! leaks (file descriptors, processes, scratch directories). What a soak
//! measures of this process after each run is a [`ProcessSample`]; how a
//! later run differs from the first is a [`RunDrift`].

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::RunRecord;

/// This process, read off `/proc` after a run.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct ProcessSample {
    /// Resident memory now, in KiB (`VmRSS`).
    pub rss_kib: u64,
    /// Peak resident memory since the last [`reset_peak_rss`], in KiB
    /// (`VmHWM`).
    pub peak_rss_kib: u64,
    /// The largest resident memory of any child process waited for so far,
    /// in KiB (`getrusage(RUSAGE_CHILDREN)`).
    pub children_peak_rss_kib: u64,
    /// File descriptors open (`/proc/self/fd`).
    pub open_fds: usize,
    /// Threads of this process.
    pub threads: u64,
    /// Processes still alive below this one (pid and command), zombies
    /// included. After a run there should be none.
    pub descendants: Vec<(u32, String)>,
    /// Scratch directories of runs (`wasi-conformance-*`) left in the temp
    /// dir.
    pub scratch_dirs: Vec<String>,
}

/// Make this process the reaper of its orphans (`PR_SET_CHILD_SUBREAPER`):
/// a runtime that double-forks and leaves a process behind is then
/// reparented here and counted in [`ProcessSample::descendants`], instead
/// of escaping to init.
pub fn become_subreaper() -> std::io::Result<()> {
    // SAFETY: prctl with PR_SET_CHILD_SUBREAPER takes one integer argument.
    let status = unsafe { libc::prctl(libc::PR_SET_CHILD_SUBREAPER, 1, 0, 0, 0) };
    if status == 0 {
        Ok(())
    } else {
        Err(std::io::Error::last_os_error())
    }
}

/// Reset this process's peak resident memory to its current one
/// (`/proc/self/clear_refs`, value 5), so that the next sample's peak is
/// the next run's.
pub fn reset_peak_rss() -> std::io::Result<()> {
    std::fs::write("/proc/self/clear_refs", "5")
}

/// Read the sample. `temp_dir` is where runs make their scratch dirs.
pub fn sample(temp_dir: &Path) -> std::io::Result<ProcessSample> {
    let status = std::fs::read_to_string("/proc/self/status")?;
    let field = |name: &str| {
        status
            .lines()
            .find_map(|line| line.strip_prefix(name))
            .and_then(|rest| rest.split_whitespace().next())
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or(0)
    };
    let open_fds = std::fs::read_dir("/proc/self/fd")?.count();
    let mut scratch_dirs: Vec<String> = std::fs::read_dir(temp_dir)?
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|name| name.starts_with("wasi-conformance-"))
        .collect();
    scratch_dirs.sort();
    Ok(ProcessSample {
        rss_kib: field("VmRSS:"),
        peak_rss_kib: field("VmHWM:"),
        children_peak_rss_kib: children_peak_rss_kib(),
        // read_dir holds one fd of its own while counting.
        open_fds: open_fds.saturating_sub(1),
        threads: field("Threads:"),
        descendants: descendants(std::process::id()),
        scratch_dirs,
    })
}

fn children_peak_rss_kib() -> u64 {
    // SAFETY: getrusage fills the struct it is given.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: as above; RUSAGE_CHILDREN is a valid `who`.
    if unsafe { libc::getrusage(libc::RUSAGE_CHILDREN, &mut usage) } == 0 {
        u64::try_from(usage.ru_maxrss).unwrap_or(0)
    } else {
        0
    }
}

/// Every live process whose chain of parents leads to `root`.
fn descendants(root: u32) -> Vec<(u32, String)> {
    let Ok(entries) = std::fs::read_dir("/proc") else {
        return Vec::new();
    };
    // pid -> (parent, command)
    let mut processes = BTreeMap::new();
    for entry in entries.filter_map(Result::ok) {
        let Some(pid) = entry
            .file_name()
            .to_str()
            .and_then(|n| n.parse::<u32>().ok())
        else {
            continue;
        };
        // Threads are not listed in /proc itself, only processes.
        let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
            continue;
        };
        // `pid (comm) state ppid ...`; comm may hold spaces and parens.
        let Some((head, rest)) = stat.rsplit_once(')') else {
            continue;
        };
        let command = head.split_once('(').map_or("", |(_, c)| c).to_string();
        let Some(parent) = rest.split_whitespace().nth(1).and_then(|p| p.parse().ok()) else {
            continue;
        };
        processes.insert(pid, (parent, command));
    }
    let mut found = Vec::new();
    for (&pid, (_, command)) in &processes {
        let mut at = pid;
        // A chain longer than the table is a cycle (pids reused mid-scan).
        for _ in 0..processes.len() {
            match processes.get(&at) {
                Some(&(parent, _)) if parent == root => {
                    found.push((pid, command.clone()));
                    break;
                }
                Some(&(parent, _)) if parent > 1 => at = parent,
                _ => break,
            }
        }
    }
    found
}

/// How a later run of the same plan differs from the first.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct RunDrift {
    /// Results whose verdict changed: `suite/case on runtime: first -> now`.
    pub verdicts: Vec<String>,
    /// Results whose behaviour (exit status, output, tree, script
    /// failures; timings aside) changed while the verdict did not.
    pub behaviours: Vec<String>,
    /// Results of one run that the other lacks.
    pub missing: Vec<String>,
}

impl RunDrift {
    /// Compare `now` with `first`, result by result.
    pub fn between(first: &RunRecord, now: &RunRecord) -> RunDrift {
        let key = |r: &crate::CaseResult| format!("{}/{} on {}", r.suite, r.case, r.runtime);
        let earlier: BTreeMap<String, &crate::CaseResult> =
            first.results.iter().map(|r| (key(r), r)).collect();
        let later: BTreeMap<String, &crate::CaseResult> =
            now.results.iter().map(|r| (key(r), r)).collect();
        let mut drift = RunDrift::default();
        for (name, before) in &earlier {
            let Some(after) = later.get(name) else {
                drift.missing.push(name.clone());
                continue;
            };
            if before.verdict != after.verdict {
                drift.verdicts.push(format!(
                    "{name}: {} -> {}",
                    before.verdict.as_str(),
                    after.verdict.as_str()
                ));
            } else if before.behaviour() != after.behaviour() {
                drift.behaviours.push(name.clone());
            }
        }
        drift.missing.extend(
            later
                .keys()
                .filter(|name| !earlier.contains_key(*name))
                .cloned(),
        );
        drift
    }

    /// Whether the verdicts and the set of results are the same.
    pub fn verdicts_identical(&self) -> bool {
        self.verdicts.is_empty() && self.missing.is_empty()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_child_left_running_is_a_descendant_until_reaped() {
        let mut child = std::process::Command::new("sleep")
            .arg("30")
            .spawn()
            .expect("spawning sleep");
        let pid = child.id();
        let seen = sample(&std::env::temp_dir()).expect("sampling");
        assert!(
            seen.descendants
                .iter()
                .any(|(p, c)| *p == pid && c == "sleep"),
            "{:?}",
            seen.descendants
        );
        child.kill().expect("killing sleep");
        child.wait().expect("reaping sleep");
        let after = sample(&std::env::temp_dir()).expect("sampling");
        assert!(!after.descendants.iter().any(|(p, _)| *p == pid));
        assert!(after.open_fds >= 3, "stdin, stdout, stderr at least");
        assert!(after.rss_kib > 0 && after.peak_rss_kib >= after.rss_kib);
    }
}
