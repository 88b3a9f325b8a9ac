//! Renderers of the run record. Each takes a [`RunRecord`] and nothing else,
//! so every report of a run says the same thing.

mod baseline;
mod campaign_table;
mod diff;
mod html;
mod junit;
mod markdown;
mod overview;
mod spec_table;
mod summary;

pub use baseline::{markdown_baseline, render_baseline};
pub use campaign_table::{CAMPAIGN_HEADER, campaign_rows};
pub use diff::{DiffLine, DiffTag, line_diff};
pub use html::render_html;
pub use junit::render_junit;
pub use markdown::render_markdown;
pub use overview::{Card, cards, failure_class, feature_heatmap, function_heatmap};
pub use spec_table::{DirectoryRow, FeatureRow, directory_rows, feature_matrix};
pub use summary::render_summary;

pub use conformance_harness::RunRecord;

/// A report could not be rendered.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The HTML template failed.
    #[error("rendering HTML: {0}")]
    Template(#[from] minijinja::Error),
    /// The JUnit writer failed.
    #[error("rendering JUnit XML: {0}")]
    Junit(#[from] quick_junit::SerializeError),
}

/// One line per flaky result (`--repeat`): the job, then each behaviour
/// (cut to a readable length) with how many runs showed it.
pub fn flaky_lines(record: &conformance_harness::RunRecord) -> Vec<String> {
    record
        .results
        .iter()
        .filter_map(|r| {
            let flaky = r.flaky.as_ref()?;
            // Shown from where the behaviours start to differ.
            let first = flaky.behaviours.first().map_or("", |(_, b)| b.as_str());
            let common = flaky
                .behaviours
                .iter()
                .map(|(_, b)| {
                    first
                        .char_indices()
                        .zip(b.chars())
                        .find(|((_, x), y)| x != y)
                        .map_or(first.len().min(b.len()), |((i, _), _)| i)
                })
                .min()
                .unwrap_or(0);
            let shown: Vec<String> = flaky
                .behaviours
                .iter()
                .map(|(n, b)| {
                    let from = b.floor_char_boundary(common.saturating_sub(40));
                    let cut: String = b[from..].chars().take(160).collect();
                    let before = if from > 0 { "…" } else { "" };
                    let after = if from + cut.len() < b.len() {
                        "…"
                    } else {
                        ""
                    };
                    format!("{n}x {before}{cut}{after}")
                })
                .collect();
            Some(format!(
                "flaky {} {}/{}: {} behaviours in {} runs: {}",
                r.runtime,
                r.suite,
                r.case,
                flaky.behaviours.len(),
                flaky.runs,
                shown.join(" | ")
            ))
        })
        .collect()
}
