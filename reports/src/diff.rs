//! Line diffs between two texts (expected vs observed, or one runtime vs
//! another), with unchanged stretches cut down to a little context.

use serde::Serialize;
use similar::{ChangeTag, TextDiff};

/// What a diff line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum DiffTag {
    /// In both.
    Same,
    /// Only in the left (old) text.
    Del,
    /// Only in the right (new) text.
    Ins,
    /// A cut stretch of unchanged lines.
    Gap,
}

/// One line of a diff.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DiffLine {
    /// Its kind.
    pub tag: DiffTag,
    /// The text, without its line ending.
    pub text: String,
}

/// The diff of `old` to `new`, with `context` unchanged lines around each
/// change. Empty when the texts are equal.
pub fn line_diff(old: &str, new: &str, context: usize) -> Vec<DiffLine> {
    if old == new {
        return Vec::new();
    }
    let diff = TextDiff::from_lines(old, new);
    let mut lines = Vec::new();
    for (i, group) in diff.grouped_ops(context).iter().enumerate() {
        if i > 0 {
            lines.push(DiffLine {
                tag: DiffTag::Gap,
                text: "…".into(),
            });
        }
        for op in group {
            for change in diff.iter_changes(op) {
                let tag = match change.tag() {
                    ChangeTag::Equal => DiffTag::Same,
                    ChangeTag::Delete => DiffTag::Del,
                    ChangeTag::Insert => DiffTag::Ins,
                };
                let mut text = change.value().to_string();
                if text.ends_with('\n') {
                    text.pop();
                } else {
                    text.push_str(" ⏎ (no newline at end)");
                }
                lines.push(DiffLine { tag, text });
            }
        }
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diff_marks_changed_lines_and_missing_newline() {
        let d = line_diff("a\nb\nc\n", "a\nB\nc", 1);
        let tags: Vec<DiffTag> = d.iter().map(|l| l.tag).collect();
        assert_eq!(
            tags,
            [
                DiffTag::Same,
                DiffTag::Del,
                DiffTag::Del,
                DiffTag::Ins,
                DiffTag::Ins
            ]
        );
        assert_eq!(d[4].text, "c ⏎ (no newline at end)");
        assert!(line_diff("same", "same", 3).is_empty());
    }
}
