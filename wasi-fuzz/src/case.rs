//! One generated case on one runtime: the tree built in a fresh scratch
//! dir, preopened as `fs`, the program run as a command, the tree
//! snapshotted afterwards.

use std::path::{Path, PathBuf};
use std::time::Duration;

use conformance_adapters::{AdapterError, FsTree, Observation, Preopen, Runtime, WasiJob};

use crate::program::Program;
use crate::transcript::{Difference, RunView, first_difference};
use crate::tree::Tree;
use conformance_seed::SeedRng;

/// The name the guest sees its directory by.
pub const PREOPEN: &str = "fs";

/// A generated case: the tree and the program over it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Case {
    /// The seed it came from.
    pub seed: u64,
    /// The directory the program is given.
    pub tree: Tree,
    /// The calls.
    pub program: Program,
}

impl Case {
    /// The case of `seed`.
    pub fn generate(seed: u64) -> Case {
        let mut rng = SeedRng::new(seed);
        let tree = Tree::generate(&mut rng);
        let program = Program::generate(&mut rng, &tree);
        Case {
            seed,
            tree,
            program,
        }
    }
}

/// Why a case could not be run.
#[derive(Debug, thiserror::Error)]
pub enum CaseError {
    /// The scratch dir or the tree could not be made.
    #[error("preparing {path}: {source}")]
    Prepare {
        /// Where.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
    /// The runtime could not be run.
    #[error(transparent)]
    Adapter(#[from] AdapterError),
}

/// What one runtime did with a case.
#[derive(Debug, Clone)]
pub struct CaseRun {
    /// How it ran.
    pub observation: Observation,
    /// The tree afterwards, one line per entry.
    pub tree_after: Vec<String>,
    /// The tree afterwards.
    pub fs_tree: FsTree,
    /// The content of each file afterwards that is short UTF-8 text, by
    /// its path in the tree.
    pub contents: std::collections::BTreeMap<String, String>,
}

impl CaseRun {
    /// The parts the judge compares.
    pub fn view(&self) -> RunView<'_> {
        RunView {
            stdout: &self.observation.stdout.text,
            status: self.observation.status.summary(),
            tree: &self.tree_after,
        }
    }
}

/// Run `case` (emitted as `module`) on `runtime` in a fresh dir under
/// `scratch`, which is removed afterwards.
pub fn run_case(
    runtime: &dyn Runtime,
    case: &Case,
    module: &[u8],
    scratch: &Path,
    timeout: Duration,
) -> Result<CaseRun, CaseError> {
    let job_dir = tempfile::Builder::new()
        .prefix("wasi-fuzz-")
        .tempdir_in(scratch)
        .map_err(|source| CaseError::Prepare {
            path: scratch.to_path_buf(),
            source,
        })?;
    let root = job_dir.path().join(PREOPEN);
    let prepare = |source| CaseError::Prepare {
        path: root.clone(),
        source,
    };
    std::fs::create_dir(&root).map_err(prepare)?;
    crate::tree::prepare_decoy().map_err(|source| CaseError::Prepare {
        path: crate::tree::DECOY.into(),
        source,
    })?;
    case.tree.materialize(&root).map_err(prepare)?;
    let module_path = job_dir.path().join("program.wasm");
    std::fs::write(&module_path, module).map_err(prepare)?;
    let job = WasiJob {
        module: module_path,
        args: Vec::new(),
        env: Vec::new(),
        preopens: vec![Preopen {
            guest: PREOPEN.into(),
            host: root.clone(),
        }],
        stdin: Vec::new(),
        scratch: job_dir.path().to_path_buf(),
        timeout,
        output_cap: 1 << 20,
    };
    let observation = runtime.run_wasi(&job);
    let (fs_tree, tree_after) = match FsTree::snapshot([(PREOPEN, root.as_path())]) {
        Ok(tree) => {
            let lines = tree.lines();
            (tree, lines)
        }
        Err(e) => (FsTree::default(), vec![format!("(no snapshot: {e})")]),
    };
    let contents = fs_tree
        .entries
        .iter()
        .filter(|e| e.kind == conformance_adapters::FsEntryKind::File && e.size.unwrap_or(0) <= 256)
        .filter_map(|e| {
            let rest = e.path.strip_prefix(PREOPEN)?.trim_start_matches('/');
            let bytes = std::fs::read(root.join(rest)).ok()?;
            Some((e.path.clone(), String::from_utf8(bytes).ok()?))
        })
        .collect();
    case.tree.release(&root);
    release_all(&root);
    Ok(CaseRun {
        observation: observation?,
        tree_after,
        fs_tree,
        contents,
    })
}

/// Give write permission back to every directory under `root` (a program
/// may have created entries the tree does not know), so that it can be
/// removed.
fn release_all(root: &Path) {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mut stack = vec![root.to_path_buf()];
        while let Some(dir) = stack.pop() {
            let _ = std::fs::set_permissions(&dir, std::fs::Permissions::from_mode(0o755));
            if let Ok(entries) = std::fs::read_dir(&dir) {
                for entry in entries.flatten() {
                    if entry.file_type().is_ok_and(|t| t.is_dir()) {
                        stack.push(entry.path());
                    }
                }
            }
        }
    }
    #[cfg(not(unix))]
    let _ = root;
}

/// Run `case` on the oracle and on `runtime`; the first difference, if any.
pub fn judge(oracle: &CaseRun, runtime: &CaseRun, program: &Program) -> Option<Difference> {
    first_difference(program, &oracle.view(), &runtime.view())
}
