//! Running one runtime process: in its own process group, with a wall-clock
//! limit that kills the whole group, and with stdout and stderr capped.

use std::ffi::OsString;
use std::io::{self, Read, Write};
use std::os::unix::process::{CommandExt, ExitStatusExt};
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::thread;
use std::time::{Duration, Instant};

use wait_timeout::ChildExt;

/// A process to run.
#[derive(Debug, Clone)]
pub struct ProcessRequest {
    /// The program.
    pub program: PathBuf,
    /// Its arguments.
    pub args: Vec<OsString>,
    /// The whole environment (nothing is inherited).
    pub env: Vec<(OsString, OsString)>,
    /// Working directory.
    pub cwd: PathBuf,
    /// Fed to stdin, which is then closed.
    pub stdin: Vec<u8>,
    /// Wall-clock limit.
    pub timeout: Duration,
    /// Bytes kept of each output stream.
    pub output_cap: usize,
}

/// How the process ended and what it printed.
#[derive(Debug, Clone)]
pub struct ProcessOutcome {
    /// Exit code, when it exited.
    pub code: Option<i32>,
    /// Signal, when one killed it (not counting our own kill on timeout).
    pub signal: Option<i32>,
    /// The limit passed and we killed it.
    pub timed_out: bool,
    /// Captured stdout.
    pub stdout: Vec<u8>,
    /// stdout was cut at the cap.
    pub stdout_truncated: bool,
    /// Captured stderr.
    pub stderr: Vec<u8>,
    /// stderr was cut at the cap.
    pub stderr_truncated: bool,
    /// Wall time.
    pub duration: Duration,
}

/// Run the process to completion or timeout.
pub fn run_process(request: &ProcessRequest) -> io::Result<ProcessOutcome> {
    let start = Instant::now();
    let mut command = Command::new(&request.program);
    command
        .args(&request.args)
        .env_clear()
        .envs(request.env.iter().map(|(k, v)| (k, v)))
        .current_dir(&request.cwd)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .process_group(0);
    let mut child = command.spawn()?;
    let pgid = child.id() as libc::pid_t;

    let stdin = child.stdin.take();
    let input = request.stdin.clone();
    let feeder = thread::spawn(move || {
        if let Some(mut stdin) = stdin {
            // The guest may exit without reading: a broken pipe is not an error.
            let _ = stdin.write_all(&input);
        }
    });
    let cap = request.output_cap;
    let stdout = child
        .stdout
        .take()
        .map(|s| thread::spawn(move || read_capped(s, cap)));
    let stderr = child
        .stderr
        .take()
        .map(|s| thread::spawn(move || read_capped(s, cap)));

    // Waited for in slices, so that an interrupt of the run kills the
    // group within a tenth of a second.
    let (status, timed_out) = loop {
        let left = request.timeout.saturating_sub(start.elapsed());
        if let Some(status) = child.wait_timeout(left.min(Duration::from_millis(100)))? {
            break (status, false);
        }
        if crate::interrupted() || start.elapsed() >= request.timeout {
            kill_group(pgid);
            break (child.wait()?, !crate::interrupted());
        }
    };
    if crate::interrupted() {
        kill_group(pgid);
        return Err(io::Error::new(
            io::ErrorKind::Interrupted,
            "the run was interrupted",
        ));
    }
    // Whatever the runtime left behind in its group goes too, so that the
    // readers see EOF.
    kill_group(pgid);
    let _ = feeder.join();
    let (stdout, stdout_truncated) = join_reader(stdout)?;
    let (stderr, stderr_truncated) = join_reader(stderr)?;
    Ok(ProcessOutcome {
        code: status.code(),
        signal: if timed_out { None } else { status.signal() },
        timed_out,
        stdout,
        stdout_truncated,
        stderr,
        stderr_truncated,
        duration: start.elapsed(),
    })
}

fn kill_group(pgid: libc::pid_t) {
    // SAFETY: kill(2) with a negative pid signals a process group; it has no
    // memory-safety preconditions. ESRCH (group gone) is fine.
    unsafe {
        libc::kill(-pgid, libc::SIGKILL);
    }
}

type Reader = Option<thread::JoinHandle<io::Result<(Vec<u8>, bool)>>>;

fn join_reader(reader: Reader) -> io::Result<(Vec<u8>, bool)> {
    match reader {
        Some(handle) => handle
            .join()
            .unwrap_or_else(|_| Err(io::Error::other("output reader panicked"))),
        None => Ok((Vec::new(), false)),
    }
}

/// Keep the first `cap` bytes, drain the rest so the writer never blocks.
fn read_capped(mut source: impl Read, cap: usize) -> io::Result<(Vec<u8>, bool)> {
    let mut kept = Vec::new();
    let mut truncated = false;
    let mut buf = [0u8; 64 * 1024];
    loop {
        let n = match source.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        let room = cap.saturating_sub(kept.len());
        if n > room {
            truncated = true;
        }
        kept.extend_from_slice(&buf[..n.min(room)]);
    }
    Ok((kept, truncated))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sh(script: &str, timeout: Duration, cap: usize) -> ProcessOutcome {
        run_process(&ProcessRequest {
            program: "/bin/sh".into(),
            args: vec!["-c".into(), script.into()],
            env: vec![("PATH".into(), "/usr/bin:/bin".into())],
            cwd: std::env::temp_dir(),
            stdin: b"fed".to_vec(),
            timeout,
            output_cap: cap,
        })
        .unwrap()
    }

    #[test]
    fn exit_code_and_output() {
        let out = sh("cat; echo err >&2; exit 7", Duration::from_secs(10), 1024);
        assert_eq!(out.code, Some(7));
        assert_eq!(out.stdout, b"fed");
        assert_eq!(out.stderr, b"err\n");
        assert!(!out.timed_out);
    }

    #[test]
    fn timeout_kills_the_whole_group() {
        let start = Instant::now();
        // The grandchild holds stdout open; the group kill must end it too.
        let out = sh("sleep 30 & sleep 30", Duration::from_millis(200), 1024);
        assert!(out.timed_out);
        assert!(start.elapsed() < Duration::from_secs(10));
    }

    #[test]
    fn output_is_capped_and_marked() {
        let out = sh("yes | head -c 100000", Duration::from_secs(10), 1000);
        assert_eq!(out.stdout.len(), 1000);
        assert!(out.stdout_truncated);
        assert!(!out.stderr_truncated);
    }

    #[test]
    fn signal_is_reported() {
        let out = sh("kill -SEGV $$", Duration::from_secs(10), 1024);
        assert_eq!(out.signal, Some(libc::SIGSEGV));
        assert_eq!(out.code, None);
    }
}
