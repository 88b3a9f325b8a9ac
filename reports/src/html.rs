//! The HTML report: one self-contained page (no external assets) with the
//! runtime × case matrix, and for each case the expected output beside every
//! runtime's, with diffs against the expectation and between runtimes.

use conformance_harness::{CaseResult, RunRecord, Verdict, behaviour_differences};
use minijinja::Environment;
use serde::Serialize;

use conformance_suites::OneOrMany;

use crate::{DiffLine, ReportError, line_diff};

const TEMPLATE: &str = include_str!("../templates/report.html.j2");

#[derive(Serialize)]
struct RuntimeView<'a> {
    name: &'a str,
    version: &'a str,
    binary: String,
    counts: Vec<(&'static str, usize)>,
}

/// One runtime's result of a case, as the page's script renders it.
/// Empty fields are left out of the JSON (the script treats a missing
/// field as empty), and a pass carries no command line and no tree
/// unless its tree differs from the first runtime's: the details of a
/// full run must stay a few megabytes.
#[derive(Serialize)]
struct Observed {
    runtime: String,
    verdict: &'static str,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    reasons: Vec<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    known_issue: Option<String>,
    status: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    message: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    duration_ms: Option<f64>,
    #[serde(skip_serializing_if = "Option::is_none")]
    stdout: Option<String>,
    #[serde(skip_serializing_if = "is_empty_text")]
    stderr: Option<String>,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    truncated: bool,
    #[serde(skip_serializing_if = "String::is_empty")]
    command: String,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    fs_after: Vec<String>,
    /// The preview1 calls, when the runtime traced them (the reference,
    /// with `--trace`), and how many came after the ones kept.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    trace: Vec<String>,
    #[serde(skip_serializing_if = "is_zero")]
    trace_dropped: u64,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    stdout_diff: Vec<DiffLine>,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    stderr_diff: Vec<DiffLine>,
    /// Against the first runtime that ran this case, when this one differs.
    #[serde(skip_serializing_if = "Option::is_none")]
    vs_first: Option<VsFirst>,
    /// For a spec script: directive counts and the failures kept.
    #[serde(skip_serializing_if = "Option::is_none")]
    script: Option<conformance_adapters::ScriptObservation>,
    /// For a differential divergence: its bundle, the shrunk module and
    /// the diff of the oracle's transcript to the runtime's.
    #[serde(skip_serializing_if = "Option::is_none")]
    divergence: Option<DivergenceView>,
}

fn is_empty_text(text: &Option<String>) -> bool {
    text.as_deref().is_none_or(str::is_empty)
}

fn is_zero(n: &u64) -> bool {
    *n == 0
}

#[derive(Serialize)]
struct DivergenceView {
    bundle: String,
    seeds: String,
    modules: usize,
    shrunk_wat: Option<String>,
    transcript_diff: Vec<DiffLine>,
}

#[derive(Serialize)]
struct VsFirst {
    runtime: String,
    stdout_diff: Vec<DiffLine>,
    fs_diff: Vec<DiffLine>,
}

#[derive(Serialize)]
struct Row {
    id: String,
    suite: String,
    case: String,
    verdicts: Vec<&'static str>,
    /// The runtime of each verdict.
    runtimes: Vec<String>,
    /// The classes of its known failures (`bug`, `ambiguity`, ...).
    classes: Vec<&'static str>,
    differs: bool,
    has_problem: bool,
    expected_exit: String,
    expected_stdout: Option<String>,
    expected_stderr: Option<String>,
    expected_fs_after: Vec<String>,
    observed: Vec<Observed>,
}

/// What the page's script needs of a case to render its details.
#[derive(Serialize)]
struct Detail<'a> {
    suite: &'a str,
    case: &'a str,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    differs: bool,
    #[serde(skip_serializing_if = "str::is_empty")]
    expected_exit: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    expected_stdout: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    expected_stderr: Option<&'a str>,
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    expected_fs_after: &'a [String],
    observed: &'a [Observed],
}

/// The first of the allowed texts: the one diffs are shown against.
fn first_allowed(values: Option<&OneOrMany<String>>) -> Option<&String> {
    values.and_then(|v| v.values().first())
}

/// The allowed texts, one after the other, marked when there are several.
fn alternatives(values: &OneOrMany<String>) -> String {
    match values.values() {
        [one] => one.clone(),
        many => many
            .iter()
            .enumerate()
            .map(|(i, v)| format!("── allowed text {} ──\n{v}", i + 1))
            .collect::<Vec<_>>()
            .join("\n"),
    }
}

fn shell_quote(arg: &str) -> String {
    let plain = !arg.is_empty()
        && arg
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "-_./:=,@+".contains(c));
    if plain {
        arg.to_string()
    } else {
        format!("'{}'", arg.replace('\'', r"'\''"))
    }
}

/// Whether two results show different behaviour (for WASI cases: how the
/// run ended, stdout, the dirs after it; for scripts: the directive counts).
fn behave_differently(a: &CaseResult, b: &CaseResult) -> bool {
    match (&a.observation, &b.observation) {
        (Some(x), Some(y)) => !behaviour_differences(x, y).is_empty(),
        _ => {
            let counts =
                |r: &CaseResult| r.script.as_ref().map(|s| (s.passed, s.failed, s.skipped));
            counts(a) != counts(b)
        }
    }
}

fn observed(r: &CaseResult, first: Option<&CaseResult>) -> Observed {
    let o = r.observation.as_ref();
    let expected = r.expected.as_ref();
    let diff_against = |want: Option<&String>, got: Option<&String>| match (want, got) {
        (Some(want), Some(got)) => line_diff(want, got, 3),
        _ => Vec::new(),
    };
    // A pass needs no command line to reproduce it.
    let detailed = r.verdict != Verdict::Pass;
    let stdout = o.map(|o| o.stdout.text.clone());
    let stderr = o.map(|o| o.stderr.text.clone());
    let vs_first = first.filter(|f| behave_differently(f, r)).and_then(|f| {
        let (fo, o) = (f.observation.as_ref()?, o?);
        let tree = |obs: &conformance_adapters::Observation| {
            obs.fs_after
                .as_ref()
                .map(|t| t.lines().join("\n") + "\n")
                .unwrap_or_default()
        };
        Some(VsFirst {
            runtime: f.runtime.clone(),
            stdout_diff: line_diff(&fo.stdout.text, &o.stdout.text, 3),
            fs_diff: line_diff(&tree(fo), &tree(o), 2),
        })
    });
    Observed {
        runtime: r.runtime.clone(),
        verdict: r.verdict.as_str(),
        reasons: r
            .flaky
            .iter()
            .flat_map(|f| {
                std::iter::once(format!(
                    "flaky: {} behaviours in {} runs",
                    f.behaviours.len(),
                    f.runs
                ))
                .chain(f.behaviours.iter().map(|(n, b)| format!("{n}x {b}")))
            })
            .chain(r.reasons.iter().cloned())
            .collect(),
        known_issue: r.known_issue.clone(),
        status: o.map_or_else(|| "not run".to_string(), |o| o.status.summary()),
        message: o.and_then(|o| match &o.status {
            conformance_adapters::ExitStatus::Trap { message, .. }
            | conformance_adapters::ExitStatus::Rejected { message } => Some(message.clone()),
            _ => None,
        }),
        duration_ms: o.map(|o| o.duration_ms),
        truncated: o.is_some_and(|o| o.stdout.truncated || o.stderr.truncated),
        stdout_diff: diff_against(
            first_allowed(expected.and_then(|e| e.stdout.as_ref())),
            stdout.as_ref(),
        ),
        stderr_diff: diff_against(
            first_allowed(expected.and_then(|e| e.stderr.as_ref())),
            stderr.as_ref(),
        ),
        stdout,
        stderr,
        command: if detailed {
            r.command
                .iter()
                .map(|a| shell_quote(a))
                .collect::<Vec<_>>()
                .join(" ")
        } else {
            String::new()
        },
        fs_after: o
            .and_then(|o| o.fs_after.as_ref())
            .filter(|_| detailed || vs_first.is_some())
            .map(|t| t.lines())
            .unwrap_or_default(),
        trace: o
            .and_then(|o| o.trace.as_ref())
            .map(|t| t.calls.clone())
            .unwrap_or_default(),
        trace_dropped: o.and_then(|o| o.trace.as_ref()).map_or(0, |t| t.dropped),
        vs_first,
        script: r.script.clone(),
        divergence: r.divergence.as_ref().map(|d| DivergenceView {
            bundle: d.bundle.clone(),
            seeds: d
                .seeds
                .iter()
                .map(u64::to_string)
                .collect::<Vec<_>>()
                .join(", "),
            modules: d.modules,
            shrunk_wat: d.shrunk_wat.clone(),
            transcript_diff: line_diff(&d.oracle_transcript, &d.runtime_transcript, 3),
        }),
    }
}

fn rows(record: &RunRecord) -> Vec<Row> {
    let mut rows: Vec<Row> = Vec::new();
    let mut index = std::collections::BTreeMap::new();
    let mut grouped: Vec<Vec<&CaseResult>> = Vec::new();
    for r in &record.results {
        let key = (r.suite.clone(), r.case.clone());
        let i = *index.entry(key).or_insert_with(|| {
            grouped.push(Vec::new());
            grouped.len() - 1
        });
        grouped[i].push(r);
    }
    for (n, results) in grouped.into_iter().enumerate() {
        let head = results[0];
        let order = |r: &&CaseResult| record.runtimes.iter().position(|rt| rt.name == r.runtime);
        let mut results = results;
        results.sort_by_key(order);
        let ran: Vec<&CaseResult> = results
            .iter()
            .copied()
            .filter(|r| r.observation.is_some() || r.script.is_some())
            .collect();
        let first = ran.first().copied();
        let differs = ran.windows(2).any(|w| behave_differently(w[0], w[1]));
        let expected = head.expected.as_ref();
        rows.push(Row {
            id: format!("case-{n}"),
            suite: head.suite.clone(),
            case: head.case.clone(),
            verdicts: results.iter().map(|r| r.verdict.as_str()).collect(),
            runtimes: results.iter().map(|r| r.runtime.clone()).collect(),
            classes: {
                let mut c: Vec<&'static str> = results
                    .iter()
                    .filter(|r| r.verdict == Verdict::Xfail)
                    .map(|r| crate::failure_class(r.known_issue.as_deref()))
                    .collect();
                c.sort_unstable();
                c.dedup();
                c
            },
            differs,
            has_problem: results.iter().any(|r| r.verdict != Verdict::Pass),
            expected_fs_after: expected
                .map(|e| {
                    e.fs_after
                        .iter()
                        .map(|(p, t)| format!("{p}: {t}"))
                        .collect()
                })
                .unwrap_or_default(),
            expected_exit: expected.map_or_else(String::new, |e| {
                if e.trap {
                    "trap".into()
                } else {
                    let codes: Vec<String> =
                        e.exit_code.values().iter().map(|c| c.to_string()).collect();
                    format!("exit {}", codes.join(" or "))
                }
            }),
            expected_stdout: expected.and_then(|e| e.stdout.as_ref()).map(alternatives),
            expected_stderr: expected.and_then(|e| e.stderr.as_ref()).map(alternatives),
            observed: results
                .iter()
                .map(|r| observed(r, first.filter(|f| !std::ptr::eq(*f, *r))))
                .collect(),
        });
    }
    rows
}

/// Render the whole report.
pub fn render_html(record: &RunRecord) -> Result<String, ReportError> {
    let runtimes: Vec<RuntimeView> = record
        .runtimes
        .iter()
        .map(|rt| {
            let tally = record.tally(&rt.name);
            RuntimeView {
                name: &rt.name,
                version: &rt.version,
                binary: rt
                    .binary
                    .as_ref()
                    .map_or_else(|| "in-process".to_string(), |b| b.display().to_string()),
                counts: Verdict::ALL
                    .iter()
                    .zip(tally)
                    .filter(|(_, n)| *n > 0)
                    .map(|(v, n)| (v.as_str(), n))
                    .collect(),
            }
        })
        .collect();
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    env.add_template("report", TEMPLATE)?;
    let rows = rows(record);
    // Case details travel as one JSON block, rendered when a case is
    // opened: the page itself holds the overview and the matrix only.
    let details: Vec<Detail> = rows
        .iter()
        .map(|r| Detail {
            suite: &r.suite,
            case: &r.case,
            differs: r.differs,
            expected_exit: &r.expected_exit,
            expected_stdout: r.expected_stdout.as_deref(),
            expected_stderr: r.expected_stderr.as_deref(),
            expected_fs_after: &r.expected_fs_after,
            observed: &r.observed,
        })
        .collect();
    let details = serde_json::to_string(&details)
        .unwrap_or_else(|_| "[]".to_string())
        // `<` only occurs inside JSON strings: as `\u003c` it can never
        // close the script element or open a comment.
        .replace('<', "\\u003c");
    let html = env.get_template("report")?.render(minijinja::context! {
        record => record,
        runtimes => runtimes,
        cards => crate::cards(record),
        function_heatmap => crate::function_heatmap(record).map(minijinja::Value::from_safe_string),
        feature_heatmap => crate::feature_heatmap(record).map(minijinja::Value::from_safe_string),
        details => minijinja::Value::from_safe_string(details),
        suites => {
            let mut s: Vec<&str> = record.results.iter().map(|r| r.suite.as_str()).collect();
            s.sort_unstable();
            s.dedup();
            s
        },
        rows => rows,
        directories => crate::directory_rows(record),
        features => crate::feature_matrix(record),
        campaign_header => crate::CAMPAIGN_HEADER,
        campaigns => crate::campaign_rows(record),
        duration_s => format!("{:.1}", record.duration_ms / 1000.0),
    })?;
    Ok(html)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record whose reference observation carries a trace, as
    /// `cargo xtask conformance --trace` writes it.
    const TRACED: &str = r#"{"schema_version": 1, "tool_version": "0.1.0", "started_at": "2026-12-05T10:56:05Z", "duration_ms": 1.0,
      "host": {"os": "linux", "arch": "x86_64"},
      "options": {"jobs": 2, "timeout_ms": 10000, "output_cap": 1048576, "suites": ["wasi"]},
      "runtimes": [{"name": "reference", "version": "0.1.0", "capabilities": {"wasi": true, "guest_path_remap": true, "invoke": true, "scripts": true}}],
      "skipped_runtimes": [],
      "results": [{"runtime": "reference", "suite": "wasi", "case": "open_dot", "verdict": "pass",
        "observation": {"status": {"kind": "exit", "code": 0}, "stdout": {"text": ""}, "stderr": {"text": ""}, "duration_ms": 1.0,
          "trace": {"calls": ["path_open(fd: 3, path: \".\") -> EISDIR"], "dropped": 2}},
        "command": ["reference-runtime", "run", "m.wasm"]}]}"#;

    /// The case details the page carries as JSON, for the page's script.
    fn case_data(html: &str) -> serde_json::Value {
        let start = r#"<script type="application/json" id="case-data">"#;
        let from = html.find(start).expect("the case data") + start.len();
        let to = from + html[from..].find("</script>").expect("its end");
        serde_json::from_str(&html[from..to]).expect("the case data is JSON")
    }

    #[test]
    fn a_traced_observation_carries_its_calls_and_how_many_were_not_kept() {
        let record: RunRecord = serde_json::from_str(TRACED).unwrap();
        let html = render_html(&record).unwrap();
        let seen = &case_data(&html)[0]["observed"][0];
        assert_eq!(seen["trace"][0], "path_open(fd: 3, path: \".\") -> EISDIR");
        assert_eq!(seen["trace_dropped"], 2);
        assert!(html.contains("'preview1 calls'"), "the script shows them");
        let mut untraced = record.clone();
        if let Some(o) = untraced.results[0].observation.as_mut() {
            o.trace = None;
        }
        let html = render_html(&untraced).unwrap();
        assert!(case_data(&html)[0]["observed"][0].get("trace").is_none());
    }

    #[test]
    fn no_text_in_the_case_data_can_close_its_script_element() {
        let mut record: RunRecord = serde_json::from_str(TRACED).unwrap();
        if let Some(o) = record.results[0].observation.as_mut() {
            o.stdout.text = "</script><script>alert(1)</script><!--".into();
        }
        let html = render_html(&record).unwrap();
        assert!(!html.contains("</script><script>alert"));
        assert_eq!(
            case_data(&html)[0]["observed"][0]["stdout"],
            "</script><script>alert(1)</script><!--"
        );
    }

    /// A record a `fuzz smith` campaign writes: one kind of divergence and
    /// the per-runtime counts.
    const CAMPAIGN: &str = r#"{"schema_version": 1, "tool_version": "0.1.0", "started_at": "2026-12-06T04:29:22Z", "duration_ms": 1000.0,
      "host": {"os": "linux", "arch": "x86_64"},
      "options": {"jobs": 1, "timeout_ms": 10000, "output_cap": 0, "suites": ["smith"]},
      "runtimes": [{"name": "wamr", "version": "iwasm 2.4.5", "capabilities": {"wasi": true, "guest_path_remap": true, "invoke": false, "scripts": false}}],
      "skipped_runtimes": [],
      "results": [{"runtime": "wamr", "suite": "smith", "case": "assert_return: wrong result (global)", "verdict": "diverge",
        "reasons": ["wamr: wrong result (assert_return, global)"],
        "divergence": {"bundle": "target/fuzz/smith/divergences/seed-88-wamr", "seeds": [88, 90], "modules": 2,
          "shrunk_wat": "(module (global (export \"P\") (mut v128) (v128.const i64x2 0 0)))",
          "oracle_transcript": "(module binary …)\n(assert_return (get \"P\") (v128.const i32x4 1 2 3 4))\n",
          "runtime_transcript": "(module binary …)\n(assert_return (get \"P\") ;; wrong result: v128:00)\n"}}],
      "campaigns": [{"runtime": "wamr", "suite": "smith", "modules": 89, "calls": 204, "poisoned": 14, "divergent_modules": 2, "seconds": 2.06}]}"#;

    #[test]
    fn a_campaign_shows_its_counts_the_transcript_diff_and_the_shrunk_module() {
        let record: RunRecord = serde_json::from_str(CAMPAIGN).expect("a campaign record");
        let html = render_html(&record).expect("renders");
        assert!(html.contains("Differential campaigns"), "the counts table");
        assert!(html.contains("<td>14 (6.4%)</td>"), "poisoned share");
        assert!(html.contains("<td>43.2</td>"), "modules per second");
        let divergence = &case_data(&html)[0]["observed"][0]["divergence"];
        let inserted: Vec<&serde_json::Value> = divergence["transcript_diff"]
            .as_array()
            .expect("the transcript diff")
            .iter()
            .filter(|l| l["tag"] == "ins")
            .collect();
        assert_eq!(
            inserted[0]["text"], "(assert_return (get \"P\") ;; wrong result: v128:00)",
            "the runtime's line in the diff"
        );
        assert_eq!(
            divergence["bundle"],
            "target/fuzz/smith/divergences/seed-88-wamr"
        );
        assert!(divergence["shrunk_wat"].is_string());
        assert!(
            html.contains("'cargo xtask repro '") && html.contains("'transcript: oracle → '"),
            "the script shows the replay command and the diff"
        );
        let summary = crate::render_summary(&record);
        assert!(summary.contains("modules/s"), "{summary}");
        assert!(summary.contains("43.2"), "{summary}");
        let markdown = crate::render_markdown(&record);
        assert!(
            markdown.contains("| smith | wamr | 89 | 204 | 14 (6.4%) | 2 | 43.2 |"),
            "{markdown}"
        );
    }
}
