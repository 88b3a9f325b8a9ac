//! Generated file trees: files of several sizes, nested directories,
//! symlinks (relative, absolute, dangling, looping, pointing out of the
//! preopen), hard links, read-only entries, long and non-ASCII names. A
//! tree is data first ([`Tree`]), so it can be shrunk entry by entry, and
//! made real under any directory ([`Tree::materialize`]).

use std::io;
use std::path::Path;

use conformance_seed::SeedRng;

/// What an entry is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Node {
    /// A regular file with these bytes.
    File {
        /// Its content.
        bytes: Vec<u8>,
    },
    /// A directory.
    Dir,
    /// A symbolic link to `target` (any text: relative, absolute, dangling).
    Symlink {
        /// Where it points, as stored.
        target: String,
    },
    /// A second name for the file at `to` (a path in the tree).
    HardLink {
        /// The file it names.
        to: String,
    },
}

/// One entry: a `/`-separated path inside the preopen, and what it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// Path relative to the preopen's root.
    pub path: String,
    /// What it is.
    pub node: Node,
    /// Made read-only (mode 0o444 / 0o555) after the tree is built. The
    /// harness usually runs as root, for whom this changes nothing; the
    /// entry is still generated so that other users' runs differ.
    pub readonly: bool,
}

/// A tree: entries in creation order (a directory before what it holds, a
/// file before its hard links).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Tree {
    /// The entries.
    pub entries: Vec<Entry>,
}

/// Names entries are given: short, with a dot, hidden, with a space,
/// non-ASCII, and one at the usual 255-byte name limit's neighbourhood.
fn names() -> Vec<String> {
    vec![
        "a".into(),
        "b.txt".into(),
        "dir".into(),
        "nested".into(),
        ".hidden".into(),
        "with space".into(),
        "ünïcödé".into(),
        "日本".into(),
        "l".repeat(200),
    ]
}

impl Tree {
    /// The tree of `rng`'s next choices: up to a dozen entries, three deep.
    pub fn generate(rng: &mut SeedRng) -> Tree {
        let names = names();
        let mut tree = Tree::default();
        let mut dirs: Vec<String> = vec![String::new()];
        let count = 3 + rng.below(10);
        for _ in 0..count {
            let parent = rng.pick(&dirs).clone();
            let name = rng.pick(&names).clone();
            let path = if parent.is_empty() {
                name
            } else {
                format!("{parent}/{name}")
            };
            if tree.get(&path).is_some() || path.split('/').count() > 3 {
                continue;
            }
            let files: Vec<String> = tree
                .entries
                .iter()
                .filter(|e| matches!(e.node, Node::File { .. }))
                .map(|e| e.path.clone())
                .collect();
            let node = match rng.below(10) {
                0..=3 => Node::File {
                    bytes: content(rng),
                },
                4..=6 => Node::Dir,
                7 | 8 => Node::Symlink {
                    target: symlink_target(rng, &path, &tree),
                },
                _ if !files.is_empty() => Node::HardLink {
                    to: rng.pick(&files).clone(),
                },
                _ => Node::Dir,
            };
            if node == Node::Dir {
                dirs.push(path.clone());
            }
            tree.entries.push(Entry {
                path,
                node,
                readonly: rng.chance(10),
            });
        }
        tree
    }

    /// The entry at `path`.
    pub fn get(&self, path: &str) -> Option<&Entry> {
        self.entries.iter().find(|e| e.path == path)
    }

    /// The tree without entry `index` and what depends on it (what a
    /// directory holds, a file's hard links): a shrinking step.
    pub fn without(&self, index: usize) -> Tree {
        let Some(gone) = self.entries.get(index) else {
            return self.clone();
        };
        let prefix = format!("{}/", gone.path);
        let entries = self
            .entries
            .iter()
            .filter(|e| {
                e.path != gone.path
                    && !e.path.starts_with(&prefix)
                    && !matches!(&e.node, Node::HardLink { to } if *to == gone.path || to.starts_with(&prefix))
            })
            .cloned()
            .collect();
        Tree { entries }
    }

    /// The tree as git can keep it: an empty file `.keep` in the root when
    /// the tree is empty and in every empty directory (git stores no empty
    /// directory), and nothing read-only (git keeps no permissions; the
    /// harness runs as root, for whom they change nothing). The case is
    /// run again as kept, so what it shows is what the kept tree gives.
    pub fn keepable(&self) -> Tree {
        let mut entries = Vec::with_capacity(self.entries.len() + 1);
        let keep = |dir: &str| Entry {
            path: if dir.is_empty() {
                ".keep".into()
            } else {
                format!("{dir}/.keep")
            },
            node: Node::File { bytes: Vec::new() },
            readonly: false,
        };
        if self.entries.is_empty() {
            entries.push(keep(""));
        }
        for e in &self.entries {
            entries.push(Entry {
                readonly: false,
                ..e.clone()
            });
            let prefix = format!("{}/", e.path);
            if e.node == Node::Dir && !self.entries.iter().any(|c| c.path.starts_with(&prefix)) {
                entries.push(keep(&e.path));
            }
        }
        Tree { entries }
    }

    /// Build the tree under `root` (which must exist and be empty).
    pub fn materialize(&self, root: &Path) -> io::Result<()> {
        for entry in &self.entries {
            let path = root.join(&entry.path);
            match &entry.node {
                Node::File { bytes } => std::fs::write(&path, bytes)?,
                Node::Dir => std::fs::create_dir(&path)?,
                Node::Symlink { target } => symlink(target, &path)?,
                Node::HardLink { to } => std::fs::hard_link(root.join(to), &path)?,
            }
        }
        // Read-only last, deepest first, so that nothing is created in a
        // directory after it was made read-only.
        for entry in self.entries.iter().rev().filter(|e| e.readonly) {
            set_readonly(&root.join(&entry.path), &entry.node, true)?;
        }
        Ok(())
    }

    /// Give write permission back to every read-only entry under `root`,
    /// so that the directory can be removed.
    pub fn release(&self, root: &Path) {
        for entry in self.entries.iter().filter(|e| e.readonly) {
            let _ = set_readonly(&root.join(&entry.path), &entry.node, false);
        }
    }

    /// One line per entry, for bundles and notes.
    pub fn describe(&self) -> String {
        let mut out = String::new();
        for e in &self.entries {
            let ro = if e.readonly { " (read-only)" } else { "" };
            let line = match &e.node {
                Node::File { bytes } => format!("file    {} ({} bytes){ro}", e.path, bytes.len()),
                Node::Dir => format!("dir     {}/{ro}", e.path),
                Node::Symlink { target } => format!("symlink {} -> {target}", e.path),
                Node::HardLink { to } => format!("link    {} = {to}{ro}", e.path),
            };
            out.push_str(&line);
            out.push('\n');
        }
        out
    }
}

/// File contents: empty, a few bytes, a block and a bit.
fn content(rng: &mut SeedRng) -> Vec<u8> {
    let len = *rng.pick(&[0usize, 1, 13, 100, 4097]);
    (0..len).map(|i| b"abcdefghij\n"[i % 11]).collect()
}

/// Where every absolute path of a generated case points: a directory the
/// harness owns, never a file of the host. A runtime that does not keep a
/// program in its preopen follows these (one replaced /etc/passwd when an
/// earlier generator pointed links there), so what lies outside must be
/// worthless; [`prepare_decoy`] makes it before every run.
pub const DECOY: &str = "/tmp/wasi-conformance-decoy";

/// Make [`DECOY`] again: the directory and its `file`, writable, so that
/// whatever a runtime did to them last time is undone.
pub fn prepare_decoy() -> io::Result<()> {
    let dir = Path::new(DECOY);
    if dir.is_symlink() || dir.is_file() {
        std::fs::remove_file(dir)?;
    }
    std::fs::create_dir_all(dir)?;
    let file = dir.join("file");
    if file.is_symlink() || file.is_dir() {
        let _ = std::fs::remove_file(&file).or_else(|_| std::fs::remove_dir_all(&file));
    }
    std::fs::write(file, b"decoy\n")
}

/// Relative (to a sibling), absolute (into [`DECOY`]), dangling, looping
/// (to itself) or out of the preopen.
fn symlink_target(rng: &mut SeedRng, path: &str, tree: &Tree) -> String {
    let depth = path.split('/').count() - 1;
    let up = "../".repeat(depth);
    match rng.below(6) {
        0 if !tree.entries.is_empty() => format!("{up}{}", rng.pick(&tree.entries).path),
        1 => format!("{DECOY}/file"),
        2 => "missing".into(),
        3 => path.rsplit('/').next().unwrap_or(path).to_string(),
        4 => format!("{up}../outside"),
        _ => ".".into(),
    }
}

#[cfg(unix)]
fn symlink(target: &str, link: &Path) -> io::Result<()> {
    std::os::unix::fs::symlink(target, link)
}

#[cfg(not(unix))]
fn symlink(_target: &str, _link: &Path) -> io::Result<()> {
    Err(io::Error::other(
        "symlinks in generated trees need a Unix host",
    ))
}

#[cfg(unix)]
fn set_readonly(path: &Path, node: &Node, readonly: bool) -> io::Result<()> {
    use std::os::unix::fs::PermissionsExt;
    let mode = match (node, readonly) {
        (Node::Symlink { .. }, _) => return Ok(()),
        (Node::Dir, true) => 0o555,
        (Node::Dir, false) => 0o755,
        (_, true) => 0o444,
        (_, false) => 0o644,
    };
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode))
}

#[cfg(not(unix))]
fn set_readonly(path: &Path, node: &Node, readonly: bool) -> io::Result<()> {
    if matches!(node, Node::Symlink { .. }) {
        return Ok(());
    }
    let mut permissions = std::fs::metadata(path)?.permissions();
    permissions.set_readonly(readonly);
    std::fs::set_permissions(path, permissions)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every absolute path a case can reach: generated symlinks and
    /// program paths, and the WASI suite's fixtures, point into the decoy.
    #[test]
    fn nothing_points_at_the_hosts_files() {
        let outside = |target: &str| target.starts_with('/') && !target.starts_with(DECOY);
        for seed in 0..500 {
            let case = crate::Case::generate(seed);
            for e in &case.tree.entries {
                if let Node::Symlink { target } = &e.node {
                    assert!(!outside(target), "seed {seed}: {} -> {target}", e.path);
                }
            }
            let described = case.program.describe();
            for quoted in described.split('"').skip(1).step_by(2) {
                assert!(!outside(quoted), "seed {seed}: {quoted}");
            }
        }
        let tests = Path::new(env!("CARGO_MANIFEST_DIR")).join("../suites/wasi/tests");
        let mut dirs = vec![tests];
        while let Some(dir) = dirs.pop() {
            for entry in std::fs::read_dir(&dir).expect("reading the suite") {
                let path = entry.expect("an entry").path();
                if path.is_symlink() {
                    let target = std::fs::read_link(&path).expect("a link");
                    assert!(
                        !outside(&target.to_string_lossy()),
                        "{} -> {}",
                        path.display(),
                        target.display()
                    );
                } else if path.is_dir() {
                    dirs.push(path);
                }
            }
        }
    }

    #[test]
    fn a_kept_tree_has_no_empty_directory() {
        let dir = |path: &str| Entry {
            path: path.into(),
            node: Node::Dir,
            readonly: false,
        };
        let tree = Tree {
            entries: vec![dir("a"), dir("a/b"), dir("c")],
        };
        let paths: Vec<String> = tree
            .keepable()
            .entries
            .into_iter()
            .map(|e| e.path)
            .collect();
        assert_eq!(paths, ["a", "a/b", "a/b/.keep", "c", "c/.keep"]);
        let empty = Tree { entries: vec![] }.keepable();
        assert_eq!(empty.entries.len(), 1);
        assert_eq!(empty.entries[0].path, ".keep");
    }

    #[test]
    fn a_seed_gives_one_tree_and_it_can_be_built_and_shrunk() {
        let a = Tree::generate(&mut SeedRng::new(5));
        assert_eq!(a, Tree::generate(&mut SeedRng::new(5)));
        let dir = tempfile::tempdir().expect("a temp dir");
        a.materialize(dir.path()).expect("the tree builds");
        for e in &a.entries {
            assert!(
                std::fs::symlink_metadata(dir.path().join(&e.path)).is_ok(),
                "{} exists",
                e.path
            );
        }
        a.release(dir.path());
        let smaller = a.without(0);
        assert!(smaller.entries.len() < a.entries.len());
        assert!(smaller.get(&a.entries[0].path).is_none());
    }

    #[test]
    fn over_many_seeds_every_kind_of_entry_appears() {
        let mut kinds = [false; 5];
        for seed in 0..200 {
            for e in Tree::generate(&mut SeedRng::new(seed)).entries {
                let k = match e.node {
                    Node::File { .. } => 0,
                    Node::Dir => 1,
                    Node::Symlink { .. } => 2,
                    Node::HardLink { .. } => 3,
                };
                kinds[k] = true;
                kinds[4] |= e.readonly;
            }
        }
        assert_eq!(kinds, [true; 5]);
    }
}
