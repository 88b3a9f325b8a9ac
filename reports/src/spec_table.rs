//! Spec-script results per directory and runtime: files passing and
//! directives passed, failed and skipped, the way spec conformance figures
//! are usually published.

use std::collections::BTreeMap;

use conformance_harness::{RunRecord, Verdict};
use serde::Serialize;

/// One (directory, runtime) row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct DirectoryRow {
    /// `wasm-v1`, `proposals/simd`.
    pub directory: String,
    /// The runtime.
    pub runtime: String,
    /// Scripts with no failed directive.
    pub files_passed: usize,
    /// Scripts run.
    pub files: usize,
    /// Directives passed.
    pub passed: usize,
    /// Directives failed.
    pub failed: usize,
    /// Directives skipped.
    pub skipped: usize,
}

/// The rows, in the order directories first appear in the record, then by
/// runtime column order. Empty when the run had no spec scripts.
pub fn directory_rows(record: &RunRecord) -> Vec<DirectoryRow> {
    let mut order: Vec<String> = Vec::new();
    let mut rows: BTreeMap<(usize, usize), DirectoryRow> = BTreeMap::new();
    for r in &record.results {
        let Some(script) = &r.script else { continue };
        let directory = r.case.rsplit_once('/').map_or("", |(d, _)| d).to_string();
        let d = order
            .iter()
            .position(|o| *o == directory)
            .unwrap_or_else(|| {
                order.push(directory.clone());
                order.len() - 1
            });
        let rt = record
            .runtimes
            .iter()
            .position(|x| x.name == r.runtime)
            .unwrap_or(usize::MAX);
        let row = rows.entry((d, rt)).or_insert_with(|| DirectoryRow {
            directory,
            runtime: r.runtime.clone(),
            ..DirectoryRow::default()
        });
        row.files += 1;
        if matches!(r.verdict, Verdict::Pass | Verdict::Xpass) {
            row.files_passed += 1;
        }
        row.passed += script.passed;
        row.failed += script.failed;
        row.skipped += script.skipped;
    }
    rows.into_values().collect()
}

/// One feature (spec directory) across the runtimes: the measured answer
/// to "what does this runtime support".
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FeatureRow {
    /// `wasm-v1`, `proposals/gc`, ...
    pub feature: String,
    /// One cell per runtime, in column order: `98.7%` of the directives
    /// run that passed, `not supported` when the runtime refused the
    /// feature in every script, `-` when nothing ran.
    pub cells: Vec<String>,
}

/// The feature × runtime matrix, from the directory rows and the scripts
/// marked as needing a feature the runtime lacks.
pub fn feature_matrix(record: &RunRecord) -> Vec<FeatureRow> {
    let rows = directory_rows(record);
    let mut features: Vec<String> = Vec::new();
    for r in &rows {
        if !features.contains(&r.directory) {
            features.push(r.directory.clone());
        }
    }
    let unsupported = |feature: &str, runtime: &str| {
        let scripts: Vec<_> = record
            .results
            .iter()
            .filter(|r| r.runtime == runtime)
            .filter(|r| r.case.rsplit_once('/').is_some_and(|(d, _)| d == feature))
            .filter_map(|r| r.script.as_ref())
            .collect();
        !scripts.is_empty() && scripts.iter().all(|s| s.unsupported_feature.is_some())
    };
    features
        .into_iter()
        .map(|feature| FeatureRow {
            cells: record
                .runtimes
                .iter()
                .map(|rt| {
                    let row = rows
                        .iter()
                        .find(|r| r.directory == feature && r.runtime == rt.name);
                    match row {
                        _ if unsupported(&feature, &rt.name) => "not supported".to_string(),
                        Some(r) if r.passed + r.failed > 0 => format!(
                            "{:.1}%",
                            100.0 * r.passed as f64 / (r.passed + r.failed) as f64
                        ),
                        _ => "-".to_string(),
                    }
                })
                .collect(),
            feature,
        })
        .collect()
}
