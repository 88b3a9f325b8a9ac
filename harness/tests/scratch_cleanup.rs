//! No scratch directory outlives a run: after a normal run and after a job
//! that panics, the temp dir the run used is empty again. The test
//! process points TMPDIR at its own empty directory before any thread
//! starts, so that what is left there is what a run left.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use conformance_adapters::{
    AdapterError, Observation, ReferenceRuntime, Runtime, RuntimeInfo, WasiJob,
};
use conformance_harness::{Plan, Verdict, run};
use libtest_mimic::{Arguments, Failed, Trial};

mod support;

/// A runtime whose every job panics (a bug in an adapter, say).
struct Panicking(RuntimeInfo);

impl Runtime for Panicking {
    fn info(&self) -> &RuntimeInfo {
        &self.0
    }

    fn run_wasi(&self, _job: &WasiJob) -> Result<Observation, AdapterError> {
        panic!("a job panicked on purpose");
    }
}

/// Cases with fixture dirs, so that scratch dirs hold copies.
fn plan(runtime: Arc<dyn Runtime>) -> Plan {
    support::wasi_plan(runtime, Some("path_open,fd_readdir"), 2, 1, None)
}

fn left_in(tmp: &Path) -> Result<(), Failed> {
    let left: Vec<PathBuf> = std::fs::read_dir(tmp)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    if left.is_empty() {
        Ok(())
    } else {
        Err(format!("left behind: {left:?}").into())
    }
}

fn main() {
    let tmp = tempfile::tempdir().expect("a temp dir");
    let own = tmp.path().join("tmp");
    std::fs::create_dir(&own).expect("creating the test's TMPDIR");
    // SAFETY: no other thread runs yet; every temp dir made from here on
    // goes to `own`.
    unsafe { std::env::set_var("TMPDIR", &own) };
    let args = Arguments::from_args();
    let normal = own.clone();
    let panicking = own.clone();
    let trials = vec![
        Trial::test("a_normal_run_leaves_no_scratch_dir", move || {
            let record = run(&plan(Arc::new(ReferenceRuntime::new())))?;
            if record.results.is_empty()
                || record.results.iter().any(|r| r.verdict != Verdict::Pass)
            {
                return Err("the reference did not pass the cases".into());
            }
            left_in(&normal)
        }),
        Trial::test("a_panicking_job_leaves_no_scratch_dir", move || {
            let runtime = Panicking(support::info("panicking"));
            let plan = plan(Arc::new(runtime));
            // The panics are meant: keep their messages out of the output.
            let hook = std::panic::take_hook();
            std::panic::set_hook(Box::new(|_| {}));
            let outcome = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| run(&plan)));
            std::panic::set_hook(hook);
            if outcome.is_ok() {
                return Err("the job's panic did not reach the caller".into());
            }
            left_in(&panicking)
        }),
    ];
    // One at a time: both look at the same TMPDIR.
    let mut args = args;
    args.test_threads = Some(1);
    libtest_mimic::run(&args, trials).exit();
}
