//! Delta debugging of a divergent case: drop calls, then tree entries, one
//! at a time, keeping every cut after which the runtime still diverges
//! from the oracle with the same signature, until no single cut keeps it.
//! Most WASI bugs come down to two or three calls.

use std::path::Path;
use std::time::Duration;

use conformance_adapters::Runtime;

use crate::case::{Case, judge, run_case};
use crate::emit::emit;

/// A case cut down, and what was cut, so that a replay can make it again
/// from the seed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shrunk {
    /// The smallest case found.
    pub case: Case,
    /// Indices (in the original program) of the calls kept.
    pub calls: Vec<usize>,
    /// Paths of the tree entries kept.
    pub entries: Vec<String>,
    /// Candidates tried.
    pub tries: usize,
}

/// What a shrinking step runs: the runtime and the oracle, where, and for
/// how long at most per run.
#[derive(Clone, Copy)]
pub struct Bench<'a> {
    /// The runtime that diverged.
    pub runtime: &'a dyn Runtime,
    /// The oracle.
    pub oracle: &'a dyn Runtime,
    /// Where runs make their dirs.
    pub scratch: &'a Path,
    /// Per-run limit.
    pub timeout: Duration,
}

impl Bench<'_> {
    /// Whether the runtime still diverges from the oracle on `case` with
    /// `signature`.
    pub fn diverges_the_same_way(&self, case: &Case, signature: &str) -> bool {
        let module = emit(&case.program);
        let (Ok(want), Ok(got)) = (
            run_case(self.oracle, case, &module, self.scratch, self.timeout),
            run_case(self.runtime, case, &module, self.scratch, self.timeout),
        ) else {
            return false;
        };
        judge(&want, &got, &case.program).is_some_and(|d| d.signature() == signature)
    }
}

/// Shrink `case` as long as the bench's runtime diverges with `signature`,
/// trying at most `max_tries` candidates for at most `max_time`.
pub fn shrink(
    case: &Case,
    bench: &Bench<'_>,
    signature: &str,
    max_tries: usize,
    max_time: Duration,
) -> Shrunk {
    let began = std::time::Instant::now();
    let more = |tries: usize| tries < max_tries && began.elapsed() < max_time;
    let mut best = case.clone();
    let mut calls: Vec<usize> = (0..case.program.calls.len()).collect();
    let mut tries = 0;
    let still = |candidate: &Case, tries: &mut usize| {
        *tries += 1;
        bench.diverges_the_same_way(candidate, signature)
    };
    let mut changed = true;
    while changed && more(tries) {
        changed = false;
        // Calls, last first: a later call rarely matters to an earlier one.
        let mut i = best.program.calls.len();
        while i > 0 && more(tries) {
            i -= 1;
            let candidate = Case {
                program: best.program.without(i),
                ..best.clone()
            };
            if still(&candidate, &mut tries) {
                best = candidate;
                calls.remove(i);
                changed = true;
            }
        }
        let mut j = best.tree.entries.len();
        while j > 0 && more(tries) {
            j -= 1;
            if j >= best.tree.entries.len() {
                continue;
            }
            let candidate = Case {
                tree: best.tree.without(j),
                ..best.clone()
            };
            if still(&candidate, &mut tries) {
                best = candidate;
                changed = true;
            }
        }
    }
    let entries = best.tree.entries.iter().map(|e| e.path.clone()).collect();
    Shrunk {
        case: best,
        calls,
        entries,
        tries,
    }
}

/// The case of `seed` cut to `calls` (indices in the original program) and
/// to the tree entries at `entries`: a shrunk case made again for replay.
pub fn rebuild(seed: u64, calls: &[usize], entries: &[String]) -> Case {
    let full = Case::generate(seed);
    let program = crate::program::Program {
        calls: calls
            .iter()
            .filter_map(|i| full.program.calls.get(*i).cloned())
            .collect(),
    };
    let tree = crate::tree::Tree {
        entries: full
            .tree
            .entries
            .into_iter()
            .filter(|e| entries.contains(&e.path))
            .collect(),
    };
    Case {
        seed,
        tree,
        program,
    }
}
