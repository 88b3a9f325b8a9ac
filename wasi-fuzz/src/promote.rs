//! A divergent case made into a WASI suite case: the program as WAT, its
//! tree as the case's fixture directory, and the oracle's behaviour as the
//! expectation (`.json`), with every errno the alternatives allow.

use conformance_adapters::FsEntryKind;
use reference_runtime::wasi::Errno;

use crate::case::{Case, CaseRun};
use crate::transcript::{alternatives, parse};
use crate::tree::Node;

/// The files of a promoted case.
#[derive(Debug, Clone)]
pub struct Promoted {
    /// The case's name (`fd_sync_fuzz_seed1`).
    pub name: String,
    /// The program as text (`NAME.wat`).
    pub wat: String,
    /// The expectation (`NAME.json`).
    pub json: String,
    /// Entries of the fixture dir (`NAME.dir`), as the tree holds them.
    pub fixture: crate::tree::Tree,
}

/// Why a case cannot become a suite case.
#[derive(Debug, thiserror::Error)]
pub enum PromoteError {
    /// Git cannot hold the tree as it is.
    #[error("the tree cannot be kept in git: {0}")]
    Tree(String),
    /// The oracle's run cannot be an expectation.
    #[error("the oracle's run cannot be an expectation: {0}")]
    Oracle(String),
}

/// At most this many alternative stdouts are listed.
const MAX_STDOUTS: usize = 16;

/// Promote `case`, run by the oracle as `oracle`, under `name`. The tree
/// afterwards is checked at the paths the tree or the program names.
pub fn promote(case: &Case, oracle: &CaseRun, name: &str) -> Result<Promoted, PromoteError> {
    for e in &case.tree.entries {
        match &e.node {
            Node::HardLink { to } => {
                return Err(PromoteError::Tree(format!(
                    "{} is a hard link to {to} (git stores two files)",
                    e.path
                )));
            }
            Node::Dir
                if !case
                    .tree
                    .entries
                    .iter()
                    .any(|c| c.path.starts_with(&format!("{}/", e.path))) =>
            {
                return Err(PromoteError::Tree(format!(
                    "{} is an empty directory (git stores none)",
                    e.path
                )));
            }
            _ if e.readonly => {
                return Err(PromoteError::Tree(format!(
                    "{} is read-only (git keeps no permissions)",
                    e.path
                )));
            }
            _ => {}
        }
    }
    if case.tree.entries.is_empty() {
        return Err(PromoteError::Tree(
            "the tree is empty and git stores no empty directory".into(),
        ));
    }
    let code = match &oracle.observation.status {
        conformance_adapters::ExitStatus::Exit { code } => *code,
        other => return Err(PromoteError::Oracle(other.summary())),
    };
    let fixture_name = format!("{name}.dir");
    let module = crate::emit::emit_for(&case.program, &fixture_name);
    let wat = wasmprinter::print_bytes(&module)
        .map_err(|e| PromoteError::Oracle(format!("the program does not print as WAT: {e}")))?;
    let stdouts = stdout_alternatives(case, &oracle.observation.stdout.text);
    let fs_after = fs_after(oracle, &fixture_name);
    let json = serde_json::json!({
        "dirs": [fixture_name],
        "exit_code": code,
        "stdout": if stdouts.len() == 1 { serde_json::json!(stdouts[0]) } else { serde_json::json!(stdouts) },
        "fs_after": fs_after,
    });
    let header = format!(
        ";; {name}: found by `cargo xtask fuzz wasi` (seed {}), cut down to the calls\n;; and tree entries below; the expectation is the oracle's behaviour.\n;;\n{};;\n{}",
        case.seed,
        case.tree
            .describe()
            .lines()
            .map(|l| format!(";; tree: {l}\n"))
            .collect::<String>(),
        case.program
            .describe()
            .lines()
            .map(|l| format!(";; call {l}\n"))
            .collect::<String>(),
    );
    Ok(Promoted {
        name: name.to_string(),
        wat: format!("{header}{wat}\n"),
        json: serde_json::to_string_pretty(&json).unwrap_or_default() + "\n",
        fixture: case.tree.clone(),
    })
}

/// The oracle's stdout and the variants with the other errnos the
/// alternatives allow, line by line (at most [`MAX_STDOUTS`]).
fn stdout_alternatives(case: &Case, stdout: &str) -> Vec<String> {
    let mut outs = vec![String::new()];
    for (line, raw) in parse(stdout).iter().zip(stdout.lines()) {
        let function = case
            .program
            .calls
            .get(line.index)
            .map_or("", |c| c.function());
        let mut errnos = vec![line.errno];
        if let Some(e) = Errno::from_raw(line.errno) {
            for other in alternatives(function, e) {
                if !errnos.contains(&other.raw()) {
                    errnos.push(other.raw());
                }
            }
        }
        let rest = raw
            .splitn(3, ' ')
            .nth(2)
            .map_or(String::new(), |r| format!(" {r}"));
        let mut next = Vec::new();
        for out in &outs {
            for errno in &errnos {
                // Results follow only a success, which has no alternative.
                let tail = if *errno == line.errno {
                    rest.as_str()
                } else {
                    ""
                };
                next.push(format!("{out}{} {errno}{tail}\n", line.index));
            }
        }
        next.truncate(MAX_STDOUTS);
        outs = next;
    }
    outs
}

/// What the tree must be afterwards, at every path it holds, under the
/// fixture's name: files with their content when it is short text.
fn fs_after(oracle: &CaseRun, fixture: &str) -> serde_json::Map<String, serde_json::Value> {
    let mut map = serde_json::Map::new();
    let prefix = format!("{}/", crate::case::PREOPEN);
    for entry in &oracle.fs_tree.entries {
        let Some(rest) = entry.path.strip_prefix(&prefix) else {
            continue;
        };
        let value = match entry.kind {
            FsEntryKind::Dir => "dir".to_string(),
            FsEntryKind::File => match oracle.contents.get(&entry.path) {
                Some(text) => format!("file:{text}"),
                None => "file".to_string(),
            },
            FsEntryKind::Symlink => format!("symlink:{}", entry.target.as_deref().unwrap_or("")),
            FsEntryKind::Other => continue,
        };
        map.insert(
            format!("{fixture}/{rest}"),
            serde_json::Value::String(value),
        );
    }
    map
}
