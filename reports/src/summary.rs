//! The terminal summary: a table of verdict counts per runtime, the runtimes
//! that did not run and why, then one line per unexpected result.

use comfy_table::{Table, presets::UTF8_FULL_CONDENSED};
use conformance_harness::{RunRecord, Verdict};

/// How many unexpected results are listed one per line before the rest are
/// only counted.
const LISTED: usize = 40;

/// Render the summary.
pub fn render_summary(record: &RunRecord) -> String {
    let mut table = Table::new();
    table.load_preset(UTF8_FULL_CONDENSED);
    let mut header = vec!["runtime".to_string(), "version".to_string()];
    header.extend(Verdict::ALL.iter().map(|v| v.as_str().to_string()));
    table.set_header(header);
    for rt in &record.runtimes {
        let mut row = vec![rt.name.clone(), rt.version.clone()];
        row.extend(record.tally(&rt.name).iter().map(|n| n.to_string()));
        table.add_row(row);
    }
    let mut out = table.to_string();
    out.push('\n');
    let directories = crate::directory_rows(record);
    if !directories.is_empty() {
        let mut table = Table::new();
        table.load_preset(UTF8_FULL_CONDENSED);
        table.set_header([
            "spec directory",
            "runtime",
            "files",
            "directives passed",
            "failed",
            "skipped",
        ]);
        for row in directories {
            table.add_row([
                row.directory,
                row.runtime,
                format!("{}/{}", row.files_passed, row.files),
                row.passed.to_string(),
                row.failed.to_string(),
                row.skipped.to_string(),
            ]);
        }
        out.push_str(&table.to_string());
        out.push('\n');
        let mut table = Table::new();
        table.load_preset(UTF8_FULL_CONDENSED);
        let mut header = vec!["feature (directives passed)".to_string()];
        header.extend(record.runtimes.iter().map(|r| r.name.clone()));
        table.set_header(header);
        for row in crate::feature_matrix(record) {
            let mut cells = vec![row.feature];
            cells.extend(row.cells);
            table.add_row(cells);
        }
        out.push_str(&table.to_string());
        out.push('\n');
    }
    let campaigns = crate::campaign_rows(record);
    if !campaigns.is_empty() {
        let mut table = Table::new();
        table.load_preset(UTF8_FULL_CONDENSED);
        table.set_header(crate::CAMPAIGN_HEADER);
        for row in campaigns {
            table.add_row(row);
        }
        out.push_str(&table.to_string());
        out.push('\n');
    }
    for s in &record.skipped_runtimes {
        out.push_str(&format!("not run: {} ({})\n", s.name, s.reason));
    }
    // Why cases were skipped, once per (runtime, reason).
    let mut skips: std::collections::BTreeMap<(&str, &str), usize> = Default::default();
    for r in record.results.iter().filter(|r| r.verdict == Verdict::Skip) {
        let reason = r.reasons.first().map_or("", String::as_str);
        *skips.entry((r.runtime.as_str(), reason)).or_default() += 1;
    }
    for ((runtime, reason), n) in skips {
        out.push_str(&format!("skipped: {runtime}: {n} case(s): {reason}\n"));
    }
    let unexpected: Vec<_> = record
        .results
        .iter()
        .filter(|r| r.verdict.is_unexpected() || r.verdict == Verdict::Xpass)
        .collect();
    for r in unexpected.iter().take(LISTED) {
        let why = r.reasons.first().map_or("", String::as_str);
        out.push_str(&format!(
            "{:<5} {} {}/{}: {}\n",
            r.verdict.as_str(),
            r.runtime,
            r.suite,
            r.case,
            why
        ));
    }
    if unexpected.len() > LISTED {
        out.push_str(&format!(
            "… and {} more (see the report)\n",
            unexpected.len() - LISTED
        ));
    }
    if let Some(baseline) = &record.baseline {
        out.push_str(&crate::render_baseline(baseline));
    }
    for line in crate::flaky_lines(record) {
        out.push_str(&line);
        out.push('\n');
    }
    if record.interrupted {
        out.push_str("interrupted: jobs that did not finish are listed as not run\n");
    }
    out
}
