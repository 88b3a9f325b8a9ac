//! `--repeat N`: a job whose runs behave differently is marked flaky, with
//! each behaviour and how often it showed; a job that behaves the same
//! every time (timings aside) is not.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use conformance_adapters::{
    AdapterError, CapturedOutput, ExitStatus, Observation, Runtime, RuntimeInfo, WasiJob,
};
use conformance_harness::{Plan, run};

mod support;

/// Prints `hello` (what args_basic-like cases do not expect) every run;
/// on every third run it prints `hello!` instead, and its duration
/// changes every run.
struct Wobbly {
    info: RuntimeInfo,
    runs: AtomicUsize,
    every: usize,
}

impl Runtime for Wobbly {
    fn info(&self) -> &RuntimeInfo {
        &self.info
    }

    fn run_wasi(&self, _job: &WasiJob) -> Result<Observation, AdapterError> {
        let n = self.runs.fetch_add(1, Ordering::SeqCst);
        let text = if self.every > 0 && n % self.every == self.every - 1 {
            "hello!\n"
        } else {
            "hello\n"
        };
        Ok(Observation {
            status: ExitStatus::Exit { code: 0 },
            stdout: CapturedOutput::from_bytes(text.as_bytes(), false),
            stderr: CapturedOutput::from_bytes(b"", false),
            duration_ms: n as f64,
            fs_after: None,
            trace: None,
        })
    }
}

fn wobbly(every: usize) -> Arc<dyn Runtime> {
    Arc::new(Wobbly {
        info: support::info(&format!("wobbly{every}")),
        runs: AtomicUsize::new(0),
        every,
    })
}

fn plan(runtime: Arc<dyn Runtime>, repeat: usize) -> Plan {
    support::wasi_plan(runtime, Some("args_basic"), 1, repeat, None)
}

#[test]
fn a_job_whose_runs_differ_is_flaky_with_each_behaviour_counted() {
    let record = run(&plan(wobbly(3), 6)).expect("the run");
    assert_eq!(record.options.repeat, 6);
    let flaky: Vec<_> = record
        .results
        .iter()
        .filter_map(|r| r.flaky.as_ref())
        .collect();
    assert!(!flaky.is_empty(), "nothing marked flaky");
    for f in flaky {
        assert_eq!(f.runs, 6);
        let counts: Vec<usize> = f.behaviours.iter().map(|(n, _)| *n).collect();
        assert_eq!(counts, [4, 2], "{f:?}");
        assert!(f.behaviours[1].1.contains("hello!"), "{f:?}");
    }
}

#[test]
fn a_job_that_differs_only_in_timing_is_not_flaky() {
    let record = run(&plan(wobbly(0), 4)).expect("the run");
    assert!(!record.results.is_empty());
    assert!(record.results.iter().all(|r| r.flaky.is_none()));
    let once = run(&plan(wobbly(3), 1)).expect("the run");
    assert!(once.results.iter().all(|r| r.flaky.is_none()));
}
