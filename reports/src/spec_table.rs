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
    /// run that passed, followed by `(3/17 scripts)` when the runtime
    /// refused the feature in the other scripts; `not supported` when it
    /// refused it in every script, `-` when nothing ran.
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
    // (scripts, scripts refused for a missing feature)
    let refused = |feature: &str, runtime: &str| {
        let scripts: Vec<_> = record
            .results
            .iter()
            .filter(|r| r.runtime == runtime)
            .filter(|r| r.case.rsplit_once('/').is_some_and(|(d, _)| d == feature))
            .filter_map(|r| r.script.as_ref())
            .collect();
        let refused = scripts
            .iter()
            .filter(|s| s.unsupported_feature.is_some())
            .count();
        (scripts.len(), refused)
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
                    let (scripts, refused) = refused(&feature, &rt.name);
                    match row {
                        _ if scripts > 0 && refused == scripts => "not supported".to_string(),
                        Some(r) if r.passed + r.failed > 0 => {
                            let share = 100.0 * r.passed as f64 / (r.passed + r.failed) as f64;
                            if refused > 0 {
                                format!("{share:.1}% ({}/{scripts} scripts)", scripts - refused)
                            } else {
                                format!("{share:.1}%")
                            }
                        }
                        _ => "-".to_string(),
                    }
                })
                .collect(),
            feature,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runtime(name: &str) -> serde_json::Value {
        serde_json::json!({
            "name": name, "version": "1",
            "capabilities": {"wasi": true, "guest_path_remap": true, "invoke": true, "scripts": false}
        })
    }

    fn script(
        runtime: &str,
        case: &str,
        passed: usize,
        failed: usize,
        unsupported: bool,
    ) -> serde_json::Value {
        let mut script = serde_json::json!({
            "passed": passed, "failed": failed, "skipped": 0, "duration_ms": 1.0
        });
        if unsupported {
            script["unsupported_feature"] = "the runtime refused the module".into();
        }
        serde_json::json!({
            "runtime": runtime, "suite": "spec", "case": case,
            "verdict": if failed > 0 { "fail" } else if unsupported { "skip" } else { "pass" },
            "script": script
        })
    }

    fn record(results: Vec<serde_json::Value>) -> RunRecord {
        let record = serde_json::json!({
            "schema_version": conformance_harness::SCHEMA_VERSION,
            "tool_version": "0", "started_at": "2026-01-01T00:00:00Z", "duration_ms": 1.0,
            "host": {"os": "linux", "arch": "x86_64"},
            "options": {"jobs": 1, "timeout_ms": 1, "output_cap": 1, "suites": ["spec"]},
            "runtimes": [runtime("a"), runtime("b")],
            "results": results
        });
        serde_json::from_value(record).expect("a well-formed record")
    }

    #[test]
    fn cells_are_pass_percentages_not_supported_or_a_dash() {
        let record = record(vec![
            script("a", "wasm-v1/i32.wast", 3, 1, false),
            script("a", "wasm-v1/i64.wast", 4, 0, false),
            script("b", "wasm-v1/i32.wast", 4, 0, false),
            script("b", "wasm-v1/i64.wast", 4, 0, false),
            script("a", "proposals/gc/struct.wast", 10, 0, false),
            script("b", "proposals/gc/struct.wast", 0, 0, true),
            script("b", "proposals/gc/array.wast", 0, 0, true),
            script("a", "proposals/tail-call/return_call.wast", 0, 0, false),
        ]);
        let matrix = feature_matrix(&record);
        let cells = |feature: &str| {
            matrix
                .iter()
                .find(|r| r.feature == feature)
                .map(|r| r.cells.clone())
                .expect("the feature has a row")
        };
        assert_eq!(matrix.len(), 3);
        assert_eq!(cells("wasm-v1"), ["87.5%", "100.0%"]);
        assert_eq!(cells("proposals/gc"), ["100.0%", "not supported"]);
        assert_eq!(cells("proposals/tail-call"), ["-", "-"]);
    }

    #[test]
    fn a_feature_refused_in_only_some_scripts_is_still_measured() {
        let record = record(vec![
            script("b", "proposals/gc/struct.wast", 0, 0, true),
            script("b", "proposals/gc/array.wast", 2, 2, false),
        ]);
        assert_eq!(
            feature_matrix(&record)[0].cells,
            ["-", "50.0% (1/2 scripts)"]
        );
    }
}
