//! The report's overview: a score card per runtime, and heat maps of
//! preview1 function × runtime (from the WASI cases' `covers`) and spec
//! feature × runtime (directives passed), drawn as inline SVG so that the
//! page needs nothing from the network.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use conformance_harness::{CaseResult, RunRecord, Verdict};
use serde::Serialize;

/// The class of a known failure, from the first words of its reason.
pub fn failure_class(known_issue: Option<&str>) -> &'static str {
    match known_issue {
        Some(r) if r.starts_with("runtime bug") => "bug",
        Some(r) if r.starts_with("runtime limitation") => "limitation",
        Some(r) if r.starts_with("spec ambiguity") => "ambiguity",
        Some(r) if r.starts_with("oracle bug") || r.starts_with("harness artifact") => "fixed",
        Some(_) => "other",
        None => "",
    }
}

/// One runtime's score card.
#[derive(Debug, Serialize)]
pub struct Card {
    /// The runtime.
    pub name: String,
    /// Its version.
    pub version: String,
    /// Per suite: (suite, passed, run, percent).
    pub suites: Vec<(String, usize, usize, u32)>,
    /// Known failures by class: (class, count).
    pub classes: Vec<(&'static str, usize)>,
    /// Kinds of differential divergence (suites `smith` and `wasi-fuzz`).
    pub findings: usize,
    /// Unexpected results (fail, diverge, error).
    pub unexpected: usize,
}

fn passed(r: &CaseResult) -> bool {
    matches!(r.verdict, Verdict::Pass | Verdict::Xpass)
}

fn ran(r: &CaseResult) -> bool {
    r.verdict != Verdict::Skip
}

/// A score card per runtime, in column order.
pub fn cards(record: &RunRecord) -> Vec<Card> {
    record
        .runtimes
        .iter()
        .map(|rt| {
            let mine: Vec<&CaseResult> = record
                .results
                .iter()
                .filter(|r| r.runtime == rt.name)
                .collect();
            let mut suites: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
            let mut classes: BTreeMap<&'static str, usize> = BTreeMap::new();
            let mut findings = 0;
            for r in &mine {
                let differential = r.suite == "smith" || r.suite == "wasi-fuzz";
                if differential {
                    findings += usize::from(matches!(r.verdict, Verdict::Diverge | Verdict::Xfail));
                } else if ran(r) {
                    let e = suites.entry(r.suite.as_str()).or_default();
                    e.1 += 1;
                    e.0 += usize::from(passed(r));
                }
                if r.verdict == Verdict::Xfail {
                    *classes
                        .entry(failure_class(r.known_issue.as_deref()))
                        .or_default() += 1;
                }
            }
            Card {
                name: rt.name.clone(),
                version: rt.version.clone(),
                suites: suites
                    .into_iter()
                    .map(|(s, (p, n))| (s.to_string(), p, n, percent(p, n)))
                    .collect(),
                classes: classes.into_iter().collect(),
                findings,
                unexpected: mine.iter().filter(|r| r.verdict.is_unexpected()).count(),
            }
        })
        .collect()
}

fn percent(part: usize, whole: usize) -> u32 {
    if whole == 0 {
        0
    } else {
        ((part * 100) as f64 / whole as f64).floor() as u32
    }
}

/// A cell of a heat map: passed of total, or nothing measured.
type Cell = Option<(usize, usize)>;

/// preview1 function × runtime: the share of WASI cases covering the
/// function that each runtime passed. `None` without WASI cases.
pub fn function_heatmap(record: &RunRecord) -> Option<String> {
    let runtimes: Vec<&str> = record.runtimes.iter().map(|r| r.name.as_str()).collect();
    let mut cells: BTreeMap<&str, BTreeMap<&str, (usize, usize)>> = BTreeMap::new();
    for r in record.results.iter().filter(|r| ran(r)) {
        for f in r.expected.iter().flat_map(|e| &e.covers) {
            let c = cells
                .entry(f.as_str())
                .or_default()
                .entry(r.runtime.as_str())
                .or_default();
            c.1 += 1;
            c.0 += usize::from(passed(r));
        }
    }
    if cells.is_empty() {
        return None;
    }
    let rows: Vec<(String, Vec<Cell>)> = cells
        .iter()
        .map(|(f, per)| {
            (
                f.to_string(),
                runtimes.iter().map(|rt| per.get(rt).copied()).collect(),
            )
        })
        .collect();
    Some(heatmap_svg("function-heatmap", &runtimes, &rows))
}

/// spec feature (directory) × runtime: directives passed of those run.
pub fn feature_heatmap(record: &RunRecord) -> Option<String> {
    let runtimes: Vec<&str> = record.runtimes.iter().map(|r| r.name.as_str()).collect();
    let directories = crate::directory_rows(record);
    if directories.is_empty() {
        return None;
    }
    let mut order: Vec<String> = Vec::new();
    for d in &directories {
        if !order.contains(&d.directory) {
            order.push(d.directory.clone());
        }
    }
    let rows: Vec<(String, Vec<Cell>)> = order
        .iter()
        .map(|dir| {
            let cells = runtimes
                .iter()
                .map(|rt| {
                    directories
                        .iter()
                        .find(|d| &d.directory == dir && d.runtime == *rt)
                        .filter(|d| d.passed + d.failed > 0)
                        .map(|d| (d.passed, d.passed + d.failed))
                })
                .collect();
            (dir.clone(), cells)
        })
        .collect();
    Some(heatmap_svg("feature-heatmap", &runtimes, &rows))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// Red (0 %) through yellow to green (100 %); grey where nothing ran.
fn colour(cell: Cell) -> String {
    match cell {
        Some((p, n)) if n > 0 => {
            let hue = 120.0 * p as f64 / n as f64;
            format!("hsl({hue:.0},65%,55%)")
        }
        _ => "#e4e4e7".to_string(),
    }
}

/// A heat map: one row per label, one column per runtime, each cell
/// coloured by its pass rate, with the percentage written in it and the
/// counts in its tooltip.
fn heatmap_svg(id: &str, columns: &[&str], rows: &[(String, Vec<Cell>)]) -> String {
    const LABEL: usize = 210;
    const CELL_W: usize = 74;
    const CELL_H: usize = 20;
    const HEAD: usize = 26;
    let width = LABEL + CELL_W * columns.len();
    let height = HEAD + CELL_H * rows.len();
    let mut svg = format!(
        "<svg id=\"{id}\" class=\"heatmap\" xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\">"
    );
    for (i, c) in columns.iter().enumerate() {
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"17\" text-anchor=\"middle\" class=\"col\">{}</text>",
            LABEL + i * CELL_W + CELL_W / 2,
            escape(c)
        );
    }
    for (j, (label, cells)) in rows.iter().enumerate() {
        let y = HEAD + j * CELL_H;
        let _ = write!(
            svg,
            "<text x=\"{}\" y=\"{}\" text-anchor=\"end\" class=\"row\">{}</text>",
            LABEL - 6,
            y + 14,
            escape(label)
        );
        for (i, cell) in cells.iter().enumerate() {
            let x = LABEL + i * CELL_W;
            let (text, title) = match cell {
                Some((p, n)) => (
                    format!("{}%", percent(*p, *n)),
                    format!("{}: {label}: {p} of {n} passed", columns[i]),
                ),
                None => (String::new(), format!("{}: {label}: not run", columns[i])),
            };
            let _ = write!(
                svg,
                "<g><title>{}</title><rect x=\"{x}\" y=\"{y}\" width=\"{}\" height=\"{}\" fill=\"{}\"/><text x=\"{}\" y=\"{}\" text-anchor=\"middle\" class=\"pct\">{text}</text></g>",
                escape(&title),
                CELL_W - 2,
                CELL_H - 2,
                colour(*cell),
                x + CELL_W / 2,
                y + 14
            );
        }
    }
    svg.push_str("</svg>");
    svg
}
