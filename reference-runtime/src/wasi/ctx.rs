//! The state of one WASI run and how an embedder builds it: arguments,
//! environment, preopened directories (each a `cap_std::fs::Dir`
//! capability), the three standard streams (captured or inherited), and
//! the mode: real host clocks and randomness, or a deterministic virtual
//! clock and a seeded generator.

use super::table::{Descriptor, Entry, FdTable};
use super::trace::{CallTrace, TraceSink};
use super::types::rights;
use cap_std::ambient_authority;
use cap_std::fs::Dir;
use std::io::Write;
use std::path::Path;

/// Where the guest's stdin comes from.
#[derive(Debug)]
pub enum InputStream {
    /// Fixed bytes, as if read from a pipe; EOF after them.
    Bytes {
        /// The bytes.
        data: Vec<u8>,
        /// How many have been read.
        pos: usize,
    },
    /// The host process's stdin.
    Inherit,
}

/// Where the guest's stdout or stderr goes.
#[derive(Debug)]
pub enum OutputStream {
    /// Kept in memory, up to `cap` bytes; the rest is dropped and
    /// `truncated` is set (the guest is told it was written).
    Capture {
        /// The bytes kept.
        buf: Vec<u8>,
        /// The most bytes kept.
        cap: usize,
        /// Bytes were dropped.
        truncated: bool,
    },
    /// The host process's stdout (for fd 1) or stderr (for fd 2).
    Inherit,
    /// Discarded.
    Null,
}

impl OutputStream {
    fn capture(cap: usize) -> Self {
        OutputStream::Capture {
            buf: Vec::new(),
            cap,
            truncated: false,
        }
    }

    /// Writes all of `data`; `stderr` picks the host stream when inherited.
    pub(crate) fn write(&mut self, data: &[u8], stderr: bool) -> std::io::Result<()> {
        match self {
            OutputStream::Capture {
                buf,
                cap,
                truncated,
            } => {
                let room = cap.saturating_sub(buf.len());
                let keep = room.min(data.len());
                buf.extend_from_slice(&data[..keep]);
                if keep < data.len() {
                    *truncated = true;
                }
                Ok(())
            }
            OutputStream::Inherit if stderr => {
                let mut e = std::io::stderr().lock();
                e.write_all(data)?;
                e.flush()
            }
            OutputStream::Inherit => {
                let mut o = std::io::stdout().lock();
                o.write_all(data)?;
                o.flush()
            }
            OutputStream::Null => Ok(()),
        }
    }

    /// The captured bytes (empty unless captured).
    pub fn bytes(&self) -> &[u8] {
        match self {
            OutputStream::Capture { buf, .. } => buf,
            _ => &[],
        }
    }

    /// Whether captured bytes were dropped at the cap.
    pub fn truncated(&self) -> bool {
        matches!(
            self,
            OutputStream::Capture {
                truncated: true,
                ..
            }
        )
    }

    /// Takes the captured bytes out.
    pub fn take(&mut self) -> Vec<u8> {
        match self {
            OutputStream::Capture { buf, .. } => std::mem::take(buf),
            _ => Vec::new(),
        }
    }
}

/// The virtual realtime clock's value at the first reading in
/// deterministic mode: 2024-01-01T00:00:00Z, in ns since the epoch.
pub const DETERMINISTIC_EPOCH_NS: u64 = 1_704_067_200_000_000_000;
/// How far every virtual clock moves on each reading in deterministic mode
/// (1 ms); also the resolution `clock_res_get` reports there.
pub const DETERMINISTIC_STEP_NS: u64 = 1_000_000;

/// Real or deterministic clocks and randomness.
#[derive(Debug)]
pub(crate) enum Mode {
    /// Host clocks, OS randomness.
    Real,
    /// Virtual time that starts fixed and advances a fixed step per
    /// reading (and by the timeout in `poll_oneoff`); a seeded generator.
    Deterministic {
        /// ns elapsed on the virtual clocks.
        elapsed: u64,
        /// splitmix64 state.
        rng: u64,
    },
}

impl Mode {
    /// The next deterministic random word (splitmix64).
    pub(crate) fn next_u64(state: &mut u64) -> u64 {
        *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
}

/// Everything a WASI preview1 guest can reach. Put it (or a type that is
/// `AsMut<WasiCtx>`) in the [`Store`](crate::Store) and call
/// [`add_to_linker`](super::add_to_linker).
#[derive(Debug)]
pub struct WasiCtx {
    pub(crate) args: Vec<Vec<u8>>,
    pub(crate) env: Vec<Vec<u8>>,
    pub(crate) table: FdTable,
    pub(crate) stdin: InputStream,
    pub(crate) stdout: OutputStream,
    pub(crate) stderr: OutputStream,
    pub(crate) mode: Mode,
    pub(crate) trace: Option<TraceSink>,
}

impl AsMut<WasiCtx> for WasiCtx {
    fn as_mut(&mut self) -> &mut WasiCtx {
        self
    }
}

impl WasiCtx {
    /// A builder with no args, no env, no preopens, empty stdin and
    /// discarded output, in real mode.
    pub fn builder() -> WasiCtxBuilder {
        WasiCtxBuilder::new()
    }

    /// The guest's stdout stream (captured bytes via [`OutputStream::bytes`]).
    pub fn stdout(&self) -> &OutputStream {
        &self.stdout
    }

    /// The guest's stderr stream.
    pub fn stderr(&self) -> &OutputStream {
        &self.stderr
    }

    /// Both output streams, mutably (to take captured bytes).
    pub fn outputs_mut(&mut self) -> (&mut OutputStream, &mut OutputStream) {
        (&mut self.stdout, &mut self.stderr)
    }

    /// The captured call trace, taken out (`None` unless the context was
    /// built with [`WasiCtxBuilder::capture_trace`]).
    pub fn take_trace(&mut self) -> Option<CallTrace> {
        match &mut self.trace {
            Some(TraceSink::Capture(trace, _)) => Some(std::mem::take(trace)),
            _ => None,
        }
    }

    /// Whether the clocks and randomness are deterministic.
    pub fn is_deterministic(&self) -> bool {
        matches!(self.mode, Mode::Deterministic { .. })
    }
}

/// Why a [`WasiCtx`] could not be built.
#[derive(Debug, thiserror::Error)]
pub enum WasiSetupError {
    /// A preopened host directory could not be opened.
    #[error("cannot open directory {host}: {source}")]
    Preopen {
        /// The host path.
        host: String,
        /// Why.
        source: std::io::Error,
    },
    /// An argument or environment entry contains a NUL byte (the guest
    /// sees C strings), or an environment name contains `=` or is empty.
    #[error("invalid {what}: {value:?}")]
    Invalid {
        /// `argument`, `environment variable`, `guest path`.
        what: &'static str,
        /// The offending value.
        value: String,
    },
}

/// Builds a [`WasiCtx`]:
/// `WasiCtx::builder().args(..).env(..).preopen_dir(host, guest)?.stdin(bytes).capture_stdout(cap).deterministic(seed).build()?`.
#[derive(Debug)]
pub struct WasiCtxBuilder {
    args: Vec<String>,
    env: Vec<(String, String)>,
    preopens: Vec<(Dir, String)>,
    stdin: InputStream,
    stdout: OutputStream,
    stderr: OutputStream,
    mode: Mode,
    trace: Option<TraceSink>,
}

impl Default for WasiCtxBuilder {
    fn default() -> Self {
        Self::new()
    }
}

impl WasiCtxBuilder {
    /// Nothing set: no args, env or preopens, stdin at EOF, output
    /// discarded, real mode.
    pub fn new() -> Self {
        WasiCtxBuilder {
            args: Vec::new(),
            env: Vec::new(),
            preopens: Vec::new(),
            stdin: InputStream::Bytes {
                data: Vec::new(),
                pos: 0,
            },
            stdout: OutputStream::Null,
            stderr: OutputStream::Null,
            mode: Mode::Real,
            trace: None,
        }
    }

    /// The whole `argv`, `argv[0]` included.
    pub fn args<S: AsRef<str>>(mut self, args: impl IntoIterator<Item = S>) -> Self {
        self.args = args.into_iter().map(|s| s.as_ref().to_string()).collect();
        self
    }

    /// Appends one argument.
    pub fn arg(mut self, arg: impl Into<String>) -> Self {
        self.args.push(arg.into());
        self
    }

    /// The whole environment, in order (the host's is never inherited).
    pub fn envs<K: AsRef<str>, V: AsRef<str>>(
        mut self,
        env: impl IntoIterator<Item = (K, V)>,
    ) -> Self {
        self.env = env
            .into_iter()
            .map(|(k, v)| (k.as_ref().to_string(), v.as_ref().to_string()))
            .collect();
        self
    }

    /// Appends one environment variable.
    pub fn env(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.env.push((key.into(), value.into()));
        self
    }

    /// Preopens the host directory `host` under the guest name `guest`;
    /// preopens get fds 3, 4, ... in the order they are added. Everything
    /// the guest reaches through it resolves beneath it.
    pub fn preopen_dir(
        mut self,
        host: impl AsRef<Path>,
        guest: impl Into<String>,
    ) -> Result<Self, WasiSetupError> {
        let host = host.as_ref();
        let dir = Dir::open_ambient_dir(host, ambient_authority()).map_err(|source| {
            WasiSetupError::Preopen {
                host: host.display().to_string(),
                source,
            }
        })?;
        self.preopens.push((dir, guest.into()));
        Ok(self)
    }

    /// Preopens an already opened directory capability.
    pub fn preopened_dir(mut self, dir: Dir, guest: impl Into<String>) -> Self {
        self.preopens.push((dir, guest.into()));
        self
    }

    /// stdin reads these bytes, then EOF (like a pipe: not seekable).
    pub fn stdin(mut self, bytes: impl Into<Vec<u8>>) -> Self {
        self.stdin = InputStream::Bytes {
            data: bytes.into(),
            pos: 0,
        };
        self
    }

    /// stdin is the host's stdin.
    pub fn inherit_stdin(mut self) -> Self {
        self.stdin = InputStream::Inherit;
        self
    }

    /// stdout is kept in memory, at most `cap` bytes.
    pub fn capture_stdout(mut self, cap: usize) -> Self {
        self.stdout = OutputStream::capture(cap);
        self
    }

    /// stderr is kept in memory, at most `cap` bytes.
    pub fn capture_stderr(mut self, cap: usize) -> Self {
        self.stderr = OutputStream::capture(cap);
        self
    }

    /// stdout and stderr go to the host's.
    pub fn inherit_stdout_stderr(mut self) -> Self {
        self.stdout = OutputStream::Inherit;
        self.stderr = OutputStream::Inherit;
        self
    }

    /// stdin, stdout and stderr are the host's (for a CLI).
    pub fn inherit_stdio(self) -> Self {
        self.inherit_stdin().inherit_stdout_stderr()
    }

    /// Deterministic mode: realtime starts at [`DETERMINISTIC_EPOCH_NS`],
    /// monotonic at 0, the CPU-time clocks at 0, each advancing
    /// [`DETERMINISTIC_STEP_NS`] per reading (and by the timeout when
    /// `poll_oneoff` waits, without sleeping); `random_get` draws from
    /// splitmix64 seeded with `seed`.
    pub fn deterministic(mut self, seed: u64) -> Self {
        self.mode = Mode::Deterministic {
            elapsed: 0,
            rng: seed,
        };
        self
    }

    /// Trace every preview1 call: one line each, written to `out` as the
    /// call returns (see the `trace` module for the format).
    pub fn trace_to(mut self, out: impl std::io::Write + Send + 'static) -> Self {
        self.trace = Some(TraceSink::Writer(Box::new(out)));
        self
    }

    /// Trace every preview1 call, keeping the first `limit` lines in
    /// memory (and counting the rest); take them with
    /// [`WasiCtx::take_trace`] or from [`RunOutcome::trace`](super::RunOutcome).
    pub fn capture_trace(mut self, limit: usize) -> Self {
        self.trace = Some(TraceSink::Capture(CallTrace::default(), limit));
        self
    }

    /// The context.
    pub fn build(self) -> Result<WasiCtx, WasiSetupError> {
        let mut args = Vec::with_capacity(self.args.len());
        for a in self.args {
            if a.contains('\0') {
                return Err(WasiSetupError::Invalid {
                    what: "argument",
                    value: a,
                });
            }
            args.push(a.into_bytes());
        }
        let mut env = Vec::with_capacity(self.env.len());
        for (k, v) in self.env {
            if k.is_empty() || k.contains('=') || k.contains('\0') || v.contains('\0') {
                return Err(WasiSetupError::Invalid {
                    what: "environment variable",
                    value: format!("{k}={v}"),
                });
            }
            env.push(format!("{k}={v}").into_bytes());
        }
        let mut table = FdTable::default();
        table.insert_at(0, Entry::new(Descriptor::Stdin, rights::STDIN, 0));
        table.insert_at(1, Entry::new(Descriptor::Stdout, rights::STDOUT, 0));
        table.insert_at(2, Entry::new(Descriptor::Stderr, rights::STDOUT, 0));
        for (dir, guest) in self.preopens {
            if guest.contains('\0') {
                return Err(WasiSetupError::Invalid {
                    what: "guest path",
                    value: guest,
                });
            }
            table.push(Entry::dir(dir, Some(guest)));
        }
        Ok(WasiCtx {
            args,
            env,
            table,
            stdin: self.stdin,
            stdout: self.stdout,
            stderr: self.stderr,
            mode: self.mode,
            trace: self.trace,
        })
    }
}
