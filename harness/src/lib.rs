//! The runner of wasi-conformance: it schedules every (runtime, case) job in
//! parallel, each in a fresh scratch directory, judges what each runtime did
//! against the case's expectation, and produces the [`RunRecord`], the one
//! source of truth that every report is rendered from.

mod baseline;
mod record;
mod runner;
mod scratch;
pub mod soak;
mod verdict;

pub use baseline::{Baseline, Change, VersionChange};
pub use record::{
    CampaignStats, CaseResult, DivergenceDetail, Expected, Flaky, HostInfo, MergeError,
    RecordError, RunOptions, RunRecord, SCHEMA_VERSION, SkippedRuntime, Verdict,
};
pub use runner::{Case, Limits, NOT_RUN, Plan, Shard, Suite, run, run_case};
pub use scratch::prepare_wasi_job;
pub use verdict::{behaviour_differences, judge_wasi};
