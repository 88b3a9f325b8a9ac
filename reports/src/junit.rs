//! JUnit XML for CI systems: one test suite per runtime, one test case per
//! case. `fail` and `error` are failures and errors; `skip` and `xfail` are
//! skipped with their reason; `xpass` is a failure, so the expectations file
//! gets updated.

use std::time::Duration;

use conformance_harness::{RunRecord, Verdict};
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

use crate::ReportError;

/// Render the record as JUnit XML.
pub fn render_junit(record: &RunRecord) -> Result<String, ReportError> {
    let mut report = Report::new("wasi-conformance");
    for runtime in &record.runtimes {
        let mut suite = TestSuite::new(format!("{} {}", runtime.name, runtime.version));
        for r in record.results.iter().filter(|r| r.runtime == runtime.name) {
            let reasons = r.reasons.join("\n");
            let mut status = match r.verdict {
                Verdict::Pass => TestCaseStatus::success(),
                Verdict::Fail | Verdict::Diverge | Verdict::Xpass => {
                    TestCaseStatus::non_success(NonSuccessKind::Failure)
                }
                Verdict::Error => TestCaseStatus::non_success(NonSuccessKind::Error),
                Verdict::Skip | Verdict::Xfail => TestCaseStatus::skipped(),
            };
            let message = match (r.verdict, &r.known_issue) {
                (Verdict::Pass, _) => None,
                (Verdict::Xfail, Some(k)) => Some(format!("expected failure: {k}")),
                (Verdict::Xpass, Some(k)) => Some(format!("passes, but is listed as failing: {k}")),
                _ => Some(reasons.lines().next().unwrap_or("").to_string()),
            };
            if let Some(message) = message {
                status.set_message(message);
                status.set_description(reasons);
            }
            let mut case = TestCase::new(format!("{}/{}", r.suite, r.case), status);
            case.set_classname(r.suite.clone());
            if let Some(o) = &r.observation {
                case.set_time(Duration::from_secs_f64(o.duration_ms.max(0.0) / 1000.0));
            }
            suite.add_test_case(case);
        }
        report.add_test_suite(suite);
    }
    Ok(report.to_string()?)
}
