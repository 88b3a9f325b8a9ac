//! Judging a runtime's run of a program against the oracle's: the
//! transcript line by line (errnos where the spec allows several match
//! any of them; directory listings as sets), then the exit status, then
//! the tree afterwards.

use reference_runtime::wasi::Errno;

use crate::program::Program;

/// Every function that resolves a path beneath a directory fd.
const PATH_FUNCTIONS: &[&str] = &[
    "path_open",
    "path_filestat_get",
    "path_create_directory",
    "path_remove_directory",
    "path_unlink_file",
    "path_rename",
    "path_symlink",
    "path_link",
    "path_readlink",
];

/// Functions that read, write or move the offset of an fd.
const FD_IO_FUNCTIONS: &[&str] = &[
    "fd_read",
    "fd_pread",
    "fd_write",
    "fd_pwrite",
    "fd_seek",
    "fd_tell",
];

/// Errnos that name the same outcome where preview1 leaves the choice to
/// the host: each group is a set of alternatives for the functions listed.
/// The sources are the community's shared tests, whose `assert_errno!`
/// accepts several errnos in exactly these places, and POSIX, which
/// preview1 defers to.
const ALTERNATIVES: &[(&[&str], &[Errno])] = &[
    // Leaving the preopen (an absolute path, `..` above it, a symlink out):
    // preview1 names no errno; wasi-testsuite's interesting_paths asserts
    // EPERM (wasmtime, wasmi, WasmEdge, wazero, the reference), older
    // suites and node and WAMR give ENOTCAPABLE.
    (PATH_FUNCTIONS, &[Errno::Perm, Errno::Notcapable]),
    // A file named with a trailing slash: wasi-testsuite's
    // interesting_paths accepts ENOTDIR or ENOENT.
    (PATH_FUNCTIONS, &[Errno::Notdir, Errno::Noent]),
    // A base fd that is not a directory: wasi-testsuite's
    // path_open_dirfd_not_dir accepts ENOTDIR or ENOTCAPABLE.
    (PATH_FUNCTIONS, &[Errno::Notdir, Errno::Notcapable]),
    // Opening a symlink without following it: nofollow_errors accepts
    // ELOOP or ENOTDIR with `directory`, ELOOP or EACCES without.
    (&["path_open"], &[Errno::Loop, Errno::Notdir]),
    (&["path_open"], &[Errno::Loop, Errno::Acces]),
    // I/O on a directory fd: wasi-testsuite's dir_fd_op_failures accepts
    // EISDIR, EBADF or ENOTCAPABLE ("on posix, this fails with EISDIR").
    (
        FD_IO_FUNCTIONS,
        &[Errno::Isdir, Errno::Badf, Errno::Notcapable],
    ),
    // ftruncate on a directory: the same test adds EINVAL (POSIX's).
    (
        &["fd_filestat_set_size"],
        &[Errno::Isdir, Errno::Inval, Errno::Badf, Errno::Notcapable],
    ),
    // rmdir(2): "ENOTEMPTY or EEXIST" for a directory that is not empty.
    (&["path_remove_directory"], &[Errno::Notempty, Errno::Exist]),
    // unlink(2) of a directory: POSIX says EPERM, Linux gives EISDIR.
    (&["path_unlink_file"], &[Errno::Isdir, Errno::Perm]),
];

/// The other errnos that mean what `errno` means for `function`.
pub fn alternatives(function: &str, errno: Errno) -> Vec<Errno> {
    let mut out = Vec::new();
    for (functions, group) in ALTERNATIVES {
        if functions.contains(&function) && group.contains(&errno) {
            for e in group.iter().copied() {
                if e != errno && !out.contains(&e) {
                    out.push(e);
                }
            }
        }
    }
    out
}

/// Whether `a` and `b` are the same outcome of `function`.
pub fn errnos_match(function: &str, a: u16, b: u16) -> bool {
    if a == b {
        return true;
    }
    let (Some(a), Some(b)) = (Errno::from_raw(a), Errno::from_raw(b)) else {
        return false;
    };
    ALTERNATIVES.iter().any(|(functions, group)| {
        functions.contains(&function) && group.contains(&a) && group.contains(&b)
    })
}

/// One call's line: its index, errno and results.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Line {
    /// The call's index in the program.
    pub index: usize,
    /// The errno it returned.
    pub errno: u16,
    /// What it printed after the errno.
    pub results: Vec<String>,
}

/// Parse a program's stdout; lines that do not parse are dropped.
pub fn parse(stdout: &str) -> Vec<Line> {
    stdout
        .lines()
        .filter_map(|line| {
            let mut words = line.split(' ');
            let index = words.next()?.parse().ok()?;
            let errno = words.next()?.parse().ok()?;
            Some(Line {
                index,
                errno,
                results: words.map(String::from).collect(),
            })
        })
        .collect()
}

/// A transcript line in words: `3 path_open ENOENT`, `5 fd_read OK 2 6868`.
pub fn render(program: &Program, line: &Line) -> String {
    let function = program.calls.get(line.index).map_or("?", |c| c.function());
    let errno = Errno::from_raw(line.errno)
        .map_or_else(|| line.errno.to_string(), |e| e.name().to_string());
    let mut out = format!("{} {function} {errno}", line.index);
    for r in &line.results {
        out.push(' ');
        out.push_str(r);
    }
    out
}

/// The whole transcript in words, one line per call.
pub fn render_all(program: &Program, stdout: &str) -> String {
    parse(stdout)
        .iter()
        .map(|l| render(program, l) + "\n")
        .collect()
}

/// How a runtime's run differs from the oracle's first.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Difference {
    /// A call returned another errno.
    Errno {
        /// The call.
        index: usize,
        /// Its function.
        function: &'static str,
        /// The oracle's errno name.
        oracle: &'static str,
        /// The runtime's.
        runtime: &'static str,
    },
    /// A call succeeded on both with other results.
    Results {
        /// The call.
        index: usize,
        /// Its function.
        function: &'static str,
        /// The oracle's line.
        oracle: String,
        /// The runtime's.
        runtime: String,
    },
    /// The runtime printed no line for a call the oracle made (it trapped,
    /// crashed or exited early).
    Missing {
        /// The call.
        index: usize,
        /// Its function.
        function: &'static str,
        /// How the runtime's run ended.
        ended: String,
    },
    /// The exit status differs.
    Exit {
        /// The oracle's.
        oracle: String,
        /// The runtime's.
        runtime: String,
    },
    /// The trees afterwards differ.
    Tree {
        /// The first entry line that differs (`-` oracle only, `+` runtime only).
        first: String,
    },
}

impl Difference {
    /// The difference in a few words without the call's index: what the
    /// variants of one signature are told apart by.
    pub fn variant(&self) -> String {
        match self {
            Difference::Errno {
                function,
                oracle,
                runtime,
                ..
            } => format!("{function}: {runtime} instead of {oracle}"),
            other => other.signature(),
        }
    }

    /// What makes two differences the same bug, within a family of
    /// functions (`fd_*`, `path_*`): a runtime that checks the kind of an
    /// fd or the shape of a path in one place answers every function of
    /// the family the same wrong way (a signature per function split one
    /// bug into a dozen kinds; a 30-minute campaign found 420).
    /// - A call that succeeded on one side and failed on the other keeps
    ///   its errno: `path_*: OK instead of ELOOP`.
    /// - A call refused on both sides with other errnos is `path_*: another
    ///   errno`: preview1 names no errno per function, and which refusal a
    ///   runtime picks follows its host layer, not a bug per pair; the
    ///   pairs seen are kept as [`Difference::variant`]s.
    /// - Other results, a missing result and a trap stay per function.
    pub fn signature(&self) -> String {
        match self {
            Difference::Errno {
                function,
                oracle,
                runtime,
                ..
            } if *oracle == "OK" || *runtime == "OK" => {
                format!("{}: {runtime} instead of {oracle}", family(function))
            }
            Difference::Errno { function, .. } => format!("{}: another errno", family(function)),
            Difference::Results { function, .. } => format!("{function}: other results"),
            Difference::Missing {
                function, ended, ..
            } => {
                format!("{function}: no result ({ended})")
            }
            Difference::Exit { oracle, runtime } => format!("exit: {runtime} instead of {oracle}"),
            Difference::Tree { .. } => "tree afterwards differs".into(),
        }
    }
}

impl std::fmt::Display for Difference {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Difference::Errno {
                index,
                function,
                oracle,
                runtime,
            } => write!(f, "call {index} {function}: {runtime}, the oracle {oracle}"),
            Difference::Results {
                index,
                function,
                oracle,
                runtime,
            } => write!(
                f,
                "call {index} {function}: `{runtime}`, the oracle `{oracle}`"
            ),
            Difference::Missing {
                index,
                function,
                ended,
            } => write!(f, "call {index} {function}: no result; the run {ended}"),
            Difference::Exit { oracle, runtime } => {
                write!(f, "exit: {runtime}, the oracle {oracle}")
            }
            Difference::Tree { first } => write!(f, "tree afterwards: {first}"),
        }
    }
}

/// The family of a preview1 function for signatures: `path_*`, `fd_*`, or
/// the function itself.
fn family(function: &str) -> &str {
    if function.starts_with("path_") {
        "path_*"
    } else if function.starts_with("fd_") {
        "fd_*"
    } else {
        function
    }
}

/// Whether two calls' results agree. Directory listings compare as sets
/// of entries without `.` and `..` (whose presence preview1 leaves to the
/// host); a listing that filled the buffer (`full`) holds some entries in
/// the host's order, so its entries need only be among the other's (two
/// cut listings are not compared). Everything else compares as is.
fn results_agree(function: &str, oracle: &[String], runtime: &[String]) -> bool {
    if function != "fd_readdir" {
        return oracle == runtime;
    }
    let cut = |r: &[String]| r.iter().any(|e| e == "full");
    let names = |r: &[String]| -> std::collections::BTreeSet<String> {
        r.iter()
            .filter(|e| *e != "full" && !e.ends_with(":2e") && !e.ends_with(":2e2e"))
            .cloned()
            .collect()
    };
    match (cut(oracle), cut(runtime)) {
        (false, false) => names(oracle) == names(runtime),
        (true, false) => names(oracle).is_subset(&names(runtime)),
        (false, true) => names(runtime).is_subset(&names(oracle)),
        (true, true) => true,
    }
}

/// What a run showed, as the judge needs it.
#[derive(Debug, Clone)]
pub struct RunView<'a> {
    /// stdout.
    pub stdout: &'a str,
    /// The exit status, summarized (`exit 0`, `trap (...)`).
    pub status: String,
    /// The tree afterwards, one line per entry.
    pub tree: &'a [String],
}

/// The first difference between the oracle's run and the runtime's.
pub fn first_difference(
    program: &Program,
    oracle: &RunView<'_>,
    runtime: &RunView<'_>,
) -> Option<Difference> {
    let (want, got) = (parse(oracle.stdout), parse(runtime.stdout));
    for w in &want {
        let function = program.calls.get(w.index).map_or("?", |c| c.function());
        let Some(g) = got.iter().find(|g| g.index == w.index) else {
            return Some(Difference::Missing {
                index: w.index,
                function,
                ended: runtime.status.clone(),
            });
        };
        if !errnos_match(function, w.errno, g.errno) {
            let name = |e: u16| Errno::from_raw(e).map_or("E?", Errno::name);
            return Some(Difference::Errno {
                index: w.index,
                function,
                oracle: name(w.errno),
                runtime: name(g.errno),
            });
        }
        if w.errno == 0 && g.errno == 0 && !results_agree(function, &w.results, &g.results) {
            return Some(Difference::Results {
                index: w.index,
                function,
                oracle: render(program, w),
                runtime: render(program, g),
            });
        }
    }
    if oracle.status != runtime.status {
        return Some(Difference::Exit {
            oracle: oracle.status.clone(),
            runtime: runtime.status.clone(),
        });
    }
    if oracle.tree != runtime.tree {
        let first = oracle
            .tree
            .iter()
            .find(|l| !runtime.tree.contains(l))
            .map(|l| format!("- {l}"))
            .or_else(|| {
                runtime
                    .tree
                    .iter()
                    .find(|l| !oracle.tree.contains(l))
                    .map(|l| format!("+ {l}"))
            })
            .unwrap_or_default();
        return Some(Difference::Tree { first });
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::program::{Call, FdRef};

    fn program() -> Program {
        Program {
            calls: vec![
                Call::PathRemoveDirectory {
                    dir: FdRef::Preopen,
                    path: "d".into(),
                },
                Call::FdReaddir {
                    fd: FdRef::Preopen,
                    len: 4096,
                },
            ],
        }
    }

    fn view<'a>(stdout: &'a str, tree: &'a [String]) -> RunView<'a> {
        RunView {
            stdout,
            status: "exit 0".into(),
            tree,
        }
    }

    #[test]
    fn allowed_alternatives_and_listing_order_are_not_differences() {
        let tree = vec!["dir fs/".to_string()];
        let oracle = "0 55\n1 0 3:2e 3:2e2e 4:61 3:64\n";
        let runtime = "0 20\n1 0 3:64 4:61\n";
        assert_eq!(
            first_difference(&program(), &view(oracle, &tree), &view(runtime, &tree)),
            None
        );
        // A listing cut at the buffer's end holds some of the entries: an
        // empty directory's cut listing (only `.`) is a complete listing
        // without `.` and `..`, but a cut listing with a name the other
        // lacks is a difference.
        let cut = "0 55\n1 0 3:2e full\n";
        assert_eq!(
            first_difference(&program(), &view(cut, &tree), &view("0 55\n1 0\n", &tree)),
            None
        );
        let cut = "0 55\n1 0 3:64 full\n";
        assert!(
            first_difference(
                &program(),
                &view(cut, &tree),
                &view("0 55\n1 0 4:61\n", &tree)
            )
            .is_some()
        );
    }

    #[test]
    fn another_errno_a_missing_line_and_the_tree_are_differences() {
        let tree = vec!["dir fs/".to_string()];
        let oracle = "0 55\n1 0 4:61\n";
        let d = first_difference(
            &program(),
            &view(oracle, &tree),
            &view("0 44\n1 0 4:61\n", &tree),
        );
        assert_eq!(
            d.map(|d| d.signature()).as_deref(),
            Some("path_*: another errno")
        );
        let d = first_difference(&program(), &view(oracle, &tree), &view("0 55\n", &tree));
        assert!(
            matches!(d, Some(Difference::Missing { index: 1, .. })),
            "{d:?}"
        );
        let other = vec!["dir fs/".to_string(), "file fs/x 0".to_string()];
        let d = first_difference(&program(), &view(oracle, &tree), &view(oracle, &other));
        assert_eq!(
            d,
            Some(Difference::Tree {
                first: "+ file fs/x 0".into()
            })
        );
    }
}
