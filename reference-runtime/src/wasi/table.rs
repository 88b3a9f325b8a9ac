//! The fd table: typed entries (stdio, file, directory) with their
//! preview1 rights. A right can be dropped (`fd_fdstat_set_rights`) but
//! never regained; what a directory hands down is bounded by its
//! inheriting rights.

use super::errno::Errno;
use super::types::rights;
use cap_std::fs::{Dir, File};
use std::collections::BTreeMap;

/// One cached directory entry for `fd_readdir`.
#[derive(Debug, Clone)]
pub(crate) struct DirListingEntry {
    pub name: Vec<u8>,
    pub ino: u64,
    pub filetype: u8,
}

/// A directory descriptor.
#[derive(Debug)]
pub(crate) struct DirState {
    pub dir: Dir,
    /// The guest name, for a preopen (`fd_prestat_get`).
    pub preopen: Option<String>,
    /// The listing taken when `fd_readdir` was last called with cookie 0;
    /// cookies index into it.
    pub listing: Option<Vec<DirListingEntry>>,
}

/// What an fd refers to.
#[derive(Debug)]
pub(crate) enum Descriptor {
    Stdin,
    Stdout,
    Stderr,
    File(File),
    Dir(DirState),
}

/// An fd table entry.
#[derive(Debug)]
pub(crate) struct Entry {
    pub desc: Descriptor,
    pub base: u64,
    pub inheriting: u64,
    /// `fdflags` kept by the host for stdio and directories (files keep
    /// theirs in the OS).
    pub flags: u16,
}

impl Entry {
    pub(crate) fn new(desc: Descriptor, base: u64, inheriting: u64) -> Self {
        Entry {
            desc,
            base,
            inheriting,
            flags: 0,
        }
    }

    /// A directory with every directory right, handing down every right.
    pub(crate) fn dir(dir: Dir, preopen: Option<String>) -> Self {
        Entry::new(
            Descriptor::Dir(DirState {
                dir,
                preopen,
                listing: None,
            }),
            rights::DIRECTORY,
            rights::INHERITABLE,
        )
    }

    /// `ENOTCAPABLE` unless the entry holds every right in `needed`.
    pub(crate) fn require(&self, needed: u64) -> Result<(), Errno> {
        if self.base & needed == needed {
            Ok(())
        } else {
            Err(Errno::Notcapable)
        }
    }
}

/// The table: fd number to entry.
#[derive(Debug, Default)]
pub(crate) struct FdTable {
    entries: BTreeMap<u32, Entry>,
}

impl FdTable {
    pub(crate) fn insert_at(&mut self, fd: u32, entry: Entry) {
        self.entries.insert(fd, entry);
    }

    /// Inserts at the lowest free fd, as POSIX `open` does.
    pub(crate) fn push(&mut self, entry: Entry) -> u32 {
        let mut fd = 0u32;
        for &k in self.entries.keys() {
            if k != fd {
                break;
            }
            fd += 1;
        }
        self.entries.insert(fd, entry);
        fd
    }

    pub(crate) fn get(&self, fd: u32) -> Result<&Entry, Errno> {
        self.entries.get(&fd).ok_or(Errno::Badf)
    }

    pub(crate) fn get_mut(&mut self, fd: u32) -> Result<&mut Entry, Errno> {
        self.entries.get_mut(&fd).ok_or(Errno::Badf)
    }

    pub(crate) fn remove(&mut self, fd: u32) -> Result<Entry, Errno> {
        self.entries.remove(&fd).ok_or(Errno::Badf)
    }

    pub(crate) fn contains(&self, fd: u32) -> bool {
        self.entries.contains_key(&fd)
    }

    /// A directory entry and its rights, or `EBADF`/`ENOTDIR`.
    pub(crate) fn dir(&self, fd: u32, needed: u64) -> Result<&Dir, Errno> {
        let entry = self.get(fd)?;
        let Descriptor::Dir(state) = &entry.desc else {
            return Err(Errno::Notdir);
        };
        entry.require(needed)?;
        Ok(&state.dir)
    }
}
