//! A Markdown summary for CI job pages and pull requests: verdict counts per
//! runtime, then every result that is not a pass, with its first reason.

use conformance_harness::{RunRecord, Verdict};

fn escape(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

/// Render the record as Markdown.
pub fn render_markdown(record: &RunRecord) -> String {
    let mut out = String::from("# wasi-conformance\n\n");
    if let Some(baseline) = &record.baseline {
        out.push_str(&crate::markdown_baseline(baseline));
    }
    out.push_str(&format!(
        "Run of {} ({:.1} s), suites: {}.\n\n",
        record.started_at,
        record.duration_ms / 1000.0,
        record.options.suites.join(", ")
    ));
    out.push_str("| runtime | version |");
    for v in Verdict::ALL {
        out.push_str(&format!(" {} |", v.as_str()));
    }
    out.push_str("\n|---|---|");
    out.push_str(&"---:|".repeat(Verdict::ALL.len()));
    out.push('\n');
    for rt in &record.runtimes {
        out.push_str(&format!("| {} | {} |", rt.name, escape(&rt.version)));
        for n in record.tally(&rt.name) {
            out.push_str(&format!(" {n} |"));
        }
        out.push('\n');
    }
    let directories = crate::directory_rows(record);
    if !directories.is_empty() {
        out.push_str("\n| spec directory | runtime | files | directives passed | failed | skipped |\n|---|---|---:|---:|---:|---:|\n");
        for row in directories {
            out.push_str(&format!(
                "| {} | {} | {}/{} | {} | {} | {} |\n",
                row.directory,
                row.runtime,
                row.files_passed,
                row.files,
                row.passed,
                row.failed,
                row.skipped
            ));
        }
    }
    let campaigns = crate::campaign_rows(record);
    if !campaigns.is_empty() {
        out.push_str(&format!(
            "\n| {} |\n|---|---|---:|---:|---:|---:|---:|\n",
            crate::CAMPAIGN_HEADER.join(" | ")
        ));
        for row in campaigns {
            out.push_str(&format!("| {} |\n", row.join(" | ")));
        }
    }
    for s in &record.skipped_runtimes {
        out.push_str(&format!(
            "\n- **{}** not run: {}",
            s.name,
            escape(&s.reason)
        ));
    }
    if record.interrupted {
        out.push_str("\n\n**Interrupted**: jobs that did not finish are listed as skipped, \"not run: the run was interrupted\".");
    }
    let flaky = crate::flaky_lines(record);
    if !flaky.is_empty() {
        out.push_str(&format!("\n\n## Flaky ({})\n\n", flaky.len()));
        for line in flaky {
            out.push_str(&format!("- {}\n", escape(&line)));
        }
    }
    let notable: Vec<_> = record
        .results
        .iter()
        .filter(|r| r.verdict != Verdict::Pass)
        .collect();
    if !notable.is_empty() {
        out.push_str(
            "\n\n## Not passing\n\n| runtime | case | verdict | why |\n|---|---|---|---|\n",
        );
        for r in notable {
            let why = r
                .known_issue
                .as_deref()
                .or(r.reasons.first().map(String::as_str))
                .unwrap_or("");
            out.push_str(&format!(
                "| {} | {}/{} | {} | {} |\n",
                r.runtime,
                r.suite,
                escape(&r.case),
                r.verdict.as_str(),
                escape(why)
            ));
        }
    }
    out
}
