//! The "since baseline" part of every report: new failures first, then
//! fixes, failures that changed, and runtimes whose version changed.

use conformance_harness::{Baseline, Change};

/// How many changes of each kind are listed before the rest are counted.
const LISTED: usize = 40;

/// The comparison as text for the terminal, one line per change.
pub fn render_baseline(baseline: &Baseline) -> String {
    let mut out = baseline.headline();
    out.push('\n');
    for v in &baseline.versions {
        out.push_str(&format!(
            "version   {}: {} -> {}\n",
            v.runtime, v.before, v.after
        ));
    }
    let mut list = |label: &str, changes: &[Change]| {
        for c in changes.iter().take(LISTED) {
            out.push_str(&format!(
                "{label:<9} {} {}/{} ({} -> {}): {}\n",
                c.runtime, c.suite, c.case, c.before, c.after, c.detail
            ));
        }
        if changes.len() > LISTED {
            out.push_str(&format!(
                "{label:<9} … and {} more\n",
                changes.len() - LISTED
            ));
        }
    };
    list("new fail", &baseline.new_failures);
    list("fixed", &baseline.fixes);
    list("changed", &baseline.changed_failures);
    out
}

/// The comparison as a Markdown section (it leads the summary).
pub fn markdown_baseline(baseline: &Baseline) -> String {
    let escape = |t: &str| t.replace('|', "\\|").replace('\n', " ");
    let mut out = format!("## Since baseline\n\n{}\n\n", escape(&baseline.headline()));
    let mut table = |title: &str, changes: &[Change]| {
        if changes.is_empty() {
            return;
        }
        out.push_str(&format!(
            "### {title} ({})\n\n| runtime | case | before | now | detail |\n|---|---|---|---|---|\n",
            changes.len()
        ));
        for c in changes.iter().take(LISTED) {
            out.push_str(&format!(
                "| {} | {}/{} | {} | {} | {} |\n",
                c.runtime,
                c.suite,
                c.case,
                c.before,
                c.after,
                escape(&c.detail)
            ));
        }
        out.push('\n');
    };
    table("New failures", &baseline.new_failures);
    table("Fixes", &baseline.fixes);
    table("Failures that changed", &baseline.changed_failures);
    if !baseline.versions.is_empty() {
        out.push_str("### Versions\n\n");
        for v in &baseline.versions {
            out.push_str(&format!(
                "- {}: {} → {}\n",
                v.runtime,
                escape(&v.before),
                escape(&v.after)
            ));
        }
        out.push('\n');
    }
    out
}
