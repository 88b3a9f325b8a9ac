//! A snapshot of the directories a guest was given, taken after its run, so
//! that what a program did to the filesystem is compared, not only its output.

use std::fs;
use std::io;
use std::path::Path;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};

/// What a tree entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum FsEntryKind {
    /// A regular file.
    File,
    /// A directory.
    Dir,
    /// A symbolic link (not followed).
    Symlink,
    /// Anything else (FIFO, socket, device).
    Other,
}

/// One entry of a tree, named by its `/`-separated path from the tree's root.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FsEntry {
    /// Path relative to the root; the root's own preopen name comes first.
    pub path: String,
    /// Its kind.
    pub kind: FsEntryKind,
    /// Size in bytes, for files.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub size: Option<u64>,
    /// SHA-256 of the content, for files (of its first and last MiB for
    /// files over 64 MiB).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sha256: Option<String>,
    /// Where a symlink points.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<String>,
}

/// The sorted entries under one or more roots.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct FsTree {
    /// Entries sorted by path.
    pub entries: Vec<FsEntry>,
}

impl FsTree {
    /// Snapshot `roots`, each given as (name shown in the tree, host dir).
    pub fn snapshot<'a>(
        roots: impl IntoIterator<Item = (&'a str, &'a Path)>,
    ) -> io::Result<FsTree> {
        let mut entries = Vec::new();
        for (name, dir) in roots {
            entries.push(FsEntry {
                path: name.to_string(),
                kind: FsEntryKind::Dir,
                size: None,
                sha256: None,
                target: None,
            });
            walk(dir, name, &mut entries)?;
        }
        entries.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(FsTree { entries })
    }

    /// The entry at `path`, if there is one.
    pub fn get(&self, path: &str) -> Option<&FsEntry> {
        self.entries
            .binary_search_by(|e| e.path.as_str().cmp(path))
            .ok()
            .map(|i| &self.entries[i])
    }

    /// One line per entry, stable and diffable: `file a/b.txt 12 sha256:…`.
    pub fn lines(&self) -> Vec<String> {
        self.entries
            .iter()
            .map(|e| match e.kind {
                FsEntryKind::File => format!(
                    "file    {} {} sha256:{}",
                    e.path,
                    e.size.unwrap_or(0),
                    e.sha256.as_deref().map_or("", |h| &h[..h.len().min(16)])
                ),
                FsEntryKind::Dir => format!("dir     {}/", e.path),
                FsEntryKind::Symlink => {
                    format!(
                        "symlink {} -> {}",
                        e.path,
                        e.target.as_deref().unwrap_or("")
                    )
                }
                FsEntryKind::Other => format!("other   {}", e.path),
            })
            .collect()
    }
}

/// The SHA-256 of `bytes`, in lower-case hex (as in [`FsEntry::sha256`]).
pub fn sha256_hex(bytes: &[u8]) -> String {
    hex(&Sha256::digest(bytes))
}

fn hex(digest: &[u8]) -> String {
    digest.iter().map(|b| format!("{b:02x}")).collect()
}

/// Files larger than this are hashed by their first and last [`EDGE`]
/// bytes (and their size, which the entry holds): a program that seeks
/// far and writes makes a sparse file of gigabytes, and reading all of it
/// took the fuzzer's tree snapshots minutes.
const WHOLE_HASH_LIMIT: u64 = 64 << 20;
/// How much of each end of a large file is hashed.
const EDGE: u64 = 1 << 20;

/// The SHA-256 of a file's content, or of its two ends when it is large.
fn content_hash(path: &Path, len: u64) -> io::Result<String> {
    use io::{Read, Seek};
    let mut file = fs::File::open(path)?;
    let mut hasher = Sha256::new();
    if len <= WHOLE_HASH_LIMIT {
        io::copy(&mut file, &mut hasher)?;
    } else {
        io::copy(&mut (&mut file).take(EDGE), &mut hasher)?;
        file.seek(io::SeekFrom::Start(len - EDGE))?;
        io::copy(&mut file.take(EDGE), &mut hasher)?;
    }
    Ok(hex(&hasher.finalize()))
}

fn walk(dir: &Path, prefix: &str, entries: &mut Vec<FsEntry>) -> io::Result<()> {
    for item in fs::read_dir(dir)? {
        let item = item?;
        let name = item.file_name().to_string_lossy().into_owned();
        let path = format!("{}/{name}", prefix.trim_end_matches('/'));
        let meta = fs::symlink_metadata(item.path())?;
        let file_type = meta.file_type();
        let mut entry = FsEntry {
            path: path.clone(),
            kind: FsEntryKind::Other,
            size: None,
            sha256: None,
            target: None,
        };
        if file_type.is_symlink() {
            entry.kind = FsEntryKind::Symlink;
            entry.target = Some(fs::read_link(item.path())?.to_string_lossy().into_owned());
        } else if file_type.is_dir() {
            entry.kind = FsEntryKind::Dir;
            walk(&item.path(), &path, entries)?;
        } else if file_type.is_file() {
            entry.kind = FsEntryKind::File;
            entry.size = Some(meta.len());
            entry.sha256 = Some(content_hash(&item.path(), meta.len())?);
        }
        entries.push(entry);
    }
    Ok(())
}

/// Copy a directory tree, keeping symlinks as symlinks (dangling, looping
/// and pointing out of the tree included): how a case's fixture dir
/// reaches a scratch dir.
pub fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let (src, dst) = (entry.path(), to.join(entry.file_name()));
        let kind = entry.file_type()?;
        if kind.is_symlink() {
            std::os::unix::fs::symlink(std::fs::read_link(&src)?, &dst)?;
        } else if kind.is_dir() {
            copy_tree(&src, &dst)?;
        } else {
            std::fs::copy(&src, &dst)?;
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_large_sparse_file_is_hashed_by_its_ends() {
        let dir = tempfile::tempdir().expect("a temp dir");
        let sparse = |name: &str, last: &[u8]| {
            let f = std::fs::File::create(dir.path().join(name)).expect("a file");
            f.set_len(8 << 30).expect("a sparse 8 GiB file");
            use std::io::{Seek, Write};
            let mut f = f;
            f.seek(std::io::SeekFrom::End(-1)).expect("seeking");
            f.write_all(last).expect("writing");
        };
        sparse("a", b"x");
        sparse("b", b"y");
        let tree = FsTree::snapshot([("d", dir.path())]).expect("a snapshot");
        let hashes: Vec<_> = tree
            .entries
            .iter()
            .filter_map(|e| e.sha256.clone())
            .collect();
        assert_eq!(hashes.len(), 2);
        assert_ne!(hashes[0], hashes[1], "a write at the end changes the hash");
    }

    #[test]
    fn snapshot_lists_files_dirs_and_symlinks_sorted() {
        let tmp = tempfile::tempdir().unwrap();
        let root = tmp.path();
        fs::create_dir(root.join("sub")).unwrap();
        fs::write(root.join("sub/b.txt"), "hello").unwrap();
        fs::write(root.join("a.txt"), "").unwrap();
        std::os::unix::fs::symlink("sub/b.txt", root.join("link")).unwrap();
        let tree = FsTree::snapshot([("fs.dir", root)]).unwrap();
        let lines = tree.lines();
        assert_eq!(
            lines,
            vec![
                "dir     fs.dir/",
                "file    fs.dir/a.txt 0 sha256:e3b0c44298fc1c14",
                "symlink fs.dir/link -> sub/b.txt",
                "dir     fs.dir/sub/",
                "file    fs.dir/sub/b.txt 5 sha256:2cf24dba5fb0a30e",
            ]
        );
    }
}
