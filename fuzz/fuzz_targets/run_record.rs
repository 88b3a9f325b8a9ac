//! A run record as `cargo xtask report` and `merge` read it: any text
//! gives a record or an error, never a panic; a record that reads renders
//! every report (terminal, Markdown, JUnit, HTML) and merges with another
//! without a panic.
#![no_main]

use conformance_harness::RunRecord;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let Ok(record) = RunRecord::from_json(text) else {
        return;
    };
    let _ = conformance_reports::render_summary(&record);
    let _ = conformance_reports::render_markdown(&record);
    let _ = conformance_reports::render_junit(&record);
    let _ = conformance_reports::render_html(&record);
    let mut other = record.clone();
    for r in &mut other.results {
        r.runtime.push('2');
    }
    let _ = RunRecord::merge(vec![record, other]);
});
