//! The run was asked to stop (SIGINT or SIGTERM): no new process starts,
//! running ones are killed, and what ran so far is kept. The flag is
//! process-wide; the command line sets it from its signal handler.

use std::sync::Arc;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicBool, Ordering};

fn flag() -> &'static Arc<AtomicBool> {
    static FLAG: OnceLock<Arc<AtomicBool>> = OnceLock::new();
    FLAG.get_or_init(|| Arc::new(AtomicBool::new(false)))
}

/// The flag itself, for a signal handler to set (`signal_hook::flag`).
pub fn interrupt_flag() -> Arc<AtomicBool> {
    Arc::clone(flag())
}

/// Whether the run was asked to stop.
pub fn interrupted() -> bool {
    flag().load(Ordering::SeqCst)
}

/// Ask the run to stop (what the signal handler does).
pub fn interrupt() {
    flag().store(true, Ordering::SeqCst);
}
