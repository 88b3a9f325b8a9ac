//! WASI call-sequence fuzzing: from a seed, a file tree ([`tree`]) and a
//! preview1 program over it ([`program`]), emitted as a WASI command that
//! prints one line per call ([`emit`]); every runtime's transcript, exit
//! status and tree afterwards are judged against the oracle's
//! ([`transcript`]).

pub mod campaign;
pub mod case;
pub mod emit;
pub mod program;
pub mod promote;
pub mod shrink;
pub mod transcript;
pub mod tree;

pub use campaign::{Campaign, CampaignError, Found, RuntimeCounts, Settings, run_campaign};
pub use case::{Case, CaseError, CaseRun, PREOPEN, judge, run_case};
pub use emit::{emit, emit_for};
pub use program::{Call, FdRef, Program};
pub use promote::{PromoteError, Promoted, promote};
pub use shrink::{Bench, Shrunk, rebuild, shrink};
pub use transcript::{Difference, errnos_match};
pub use tree::{Node, Tree};
