//! Known failures per runtime, one TOML file each in `suites/expectations/`:
//! a case listed there that fails is `xfail`, one that passes is `xpass`, and
//! a listed skip is not run at all. Every entry gives its reason.

use std::collections::BTreeMap;
use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::SuiteError;

/// What is expected of a listed case.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ExpectedOutcome {
    /// It is known to fail.
    Fail,
    /// It is not run.
    Skip,
}

/// One entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    /// The suite (`wasi`, `spec`, ...).
    pub suite: String,
    /// The case, as named in reports.
    pub case: String,
    /// Fail or skip.
    pub outcome: ExpectedOutcome,
    /// Why: runtime bug, spec ambiguity, missing feature.
    pub reason: String,
    /// The upstream issue, where one exists.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub issue: Option<String>,
    /// For a spec script, the lines of the directives known to fail: a
    /// failure on any other line is new, and the script fails rather than
    /// `xfail`s. Empty: any failure of the script is the known one.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<usize>,
}

impl Expectation {
    /// The failing lines this entry does not list (none when it lists no
    /// lines, which covers any failure).
    pub fn unlisted(&self, failing: impl IntoIterator<Item = usize>) -> Vec<usize> {
        if self.lines.is_empty() {
            return Vec::new();
        }
        failing
            .into_iter()
            .filter(|l| !self.lines.contains(l))
            .collect()
    }
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ExpectationsFile {
    #[serde(default)]
    expected: Vec<Expectation>,
}

/// The expectations of one runtime.
#[derive(Debug, Clone, Default)]
pub struct Expectations {
    by_case: BTreeMap<(String, String), Expectation>,
}

impl Expectations {
    /// Load `<dir>/<runtime>.toml`; no file means no expectations. Another
    /// version of a runtime (`wasmtime@42`) without a file of its own uses its
    /// runtime's (`wasmtime.toml`): a known failure fixed in that version then
    /// shows as `xpass`.
    pub fn load(dir: &Path, runtime: &str) -> Result<Expectations, SuiteError> {
        let own = dir.join(format!("{runtime}.toml"));
        let path = match runtime.split_once('@') {
            Some((base, _)) if !own.exists() => dir.join(format!("{base}.toml")),
            _ => own,
        };
        let text = match std::fs::read_to_string(&path) {
            Ok(text) => text,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                return Ok(Expectations::default());
            }
            Err(e) => return Err(SuiteError::io(&path)(e)),
        };
        Expectations::parse(&path, &text)
    }

    /// Parse the text of an expectations file.
    pub fn parse(path: &Path, text: &str) -> Result<Expectations, SuiteError> {
        let file: ExpectationsFile = toml::from_str(text).map_err(|e| SuiteError::toml(path, e))?;
        let by_case = file
            .expected
            .into_iter()
            .map(|e| ((e.suite.clone(), e.case.clone()), e))
            .collect();
        Ok(Expectations { by_case })
    }

    /// The entry for a case, if it is listed.
    pub fn get(&self, suite: &str, case: &str) -> Option<&Expectation> {
        self.by_case.get(&(suite.to_string(), case.to_string()))
    }

    /// Every entry.
    pub fn iter(&self) -> impl Iterator<Item = &Expectation> {
        self.by_case.values()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_entries_and_reports_bad_lines() {
        let text = r#"
[[expected]]
suite = "wasi"
case = "proc_exit_126"
outcome = "fail"
reason = "rejects exit codes >= 126"
"#;
        let e = Expectations::parse(Path::new("w.toml"), text).unwrap();
        assert_eq!(
            e.get("wasi", "proc_exit_126").unwrap().outcome,
            ExpectedOutcome::Fail
        );
        assert!(e.get("wasi", "other").is_none());

        let spec = r#"
[[expected]]
suite = "spec"
case = "wasm-v2/binary.wast"
outcome = "fail"
reason = "runtime bug: accepts duplicate sections"
lines = [1211, 1221]
"#;
        let e = Expectations::parse(Path::new("w.toml"), spec).unwrap();
        let entry = e.get("spec", "wasm-v2/binary.wast").unwrap();
        assert!(entry.unlisted([1211, 1221]).is_empty());
        assert_eq!(entry.unlisted([1211, 1300]), vec![1300]);

        let err =
            Expectations::parse(Path::new("w.toml"), "[[expected]]\nsuite = 1\n").unwrap_err();
        let text = err.to_string();
        assert!(text.starts_with("w.toml: "), "{text}");
        assert!(text.contains("line 2"), "{text}");
    }
}
