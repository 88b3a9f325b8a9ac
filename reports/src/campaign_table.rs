//! The differential campaigns' counts, one row per runtime, as the terminal,
//! Markdown and HTML reports all show them.

use conformance_harness::RunRecord;

/// The table's header.
pub const CAMPAIGN_HEADER: [&str; 7] = [
    "campaign",
    "runtime",
    "modules",
    "calls compared",
    "poisoned",
    "divergent modules",
    "modules/s",
];

/// One row per (campaign, runtime), in the header's order.
pub fn campaign_rows(record: &RunRecord) -> Vec<[String; 7]> {
    record
        .campaigns
        .iter()
        .map(|c| {
            [
                c.suite.clone(),
                c.runtime.clone(),
                c.modules.to_string(),
                c.calls.to_string(),
                format!("{} ({:.1}%)", c.poisoned, c.poisoned_percent()),
                c.divergent_modules.to_string(),
                format!("{:.1}", c.modules_per_second()),
            ]
        })
        .collect()
}
