//! The opt-in call trace: one line per preview1 call, with its arguments
//! named and shown as their witx types (`path: "."`, `oflags:
//! directory`), and how the call ended (its errno, and on success the
//! values it stored through its out-pointers):
//!
//! ```text
//! path_open(fd: 3, dirflags: symlink_follow, path: ".", oflags: directory, fs_rights_base: 0x1fffffff, fs_rights_inheriting: 0x1fffffff, fdflags: 0, opened_fd: 0xffe0) -> OK; opened_fd = 4
//! ```
//!
//! Tracing costs nothing when it is off: the host call checks one
//! `Option` and takes the untraced path.

use std::fmt::Write as _;
use std::io::Write;

use super::errno::Errno;
use super::memory::GuestMemory;
use super::preview1::{Cx, Fail};
use super::signatures::{Function, Pointee, WitxType};
use crate::{Trap, Val};

/// Bytes of a guest string shown in a trace line; the rest is elided.
pub const STRING_SHOWN: usize = 96;

/// Where trace lines go.
pub(crate) enum TraceSink {
    /// Written as each call returns (`reference-runtime run --trace`).
    Writer(Box<dyn Write + Send>),
    /// Kept in memory, the first `limit` lines; the rest are counted.
    Capture(CallTrace, usize),
}

impl std::fmt::Debug for TraceSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            TraceSink::Writer(_) => f.write_str("Writer"),
            TraceSink::Capture(trace, limit) => write!(
                f,
                "Capture({} lines, limit {limit}, {} dropped)",
                trace.calls.len(),
                trace.dropped
            ),
        }
    }
}

/// A captured trace: the first calls, one line each, and how many calls
/// came after the limit.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CallTrace {
    /// One line per call, in order.
    pub calls: Vec<String>,
    /// Calls made after the limit, not kept.
    pub dropped: u64,
}

impl TraceSink {
    fn record(&mut self, line: String) -> std::io::Result<()> {
        match self {
            TraceSink::Writer(w) => writeln!(w, "{line}"),
            TraceSink::Capture(trace, limit) => {
                if trace.calls.len() < *limit {
                    trace.calls.push(line);
                } else {
                    trace.dropped += 1;
                }
                Ok(())
            }
        }
    }
}

/// Runs `function` as the untraced path does, and records one line for it.
pub(crate) fn call(function: &Function, cx: &mut Cx<'_>, args: &[Val]) -> Result<Errno, Trap> {
    let mut line = String::with_capacity(128);
    line.push_str(function.name);
    line.push('(');
    show_args(&mut line, function, args, &cx.mem);
    line.push_str(") -> ");
    let outcome = (function.handler)(cx, args);
    let result = match outcome {
        Ok(()) => {
            line.push_str(Errno::Success.name());
            show_outs(&mut line, function, args, &cx.mem);
            Ok(Errno::Success)
        }
        Err(Fail::Errno(e)) => {
            line.push_str(e.name());
            Ok(e)
        }
        Err(Fail::Trap(t)) => {
            match t.exit_code() {
                Some(code) => {
                    let _ = write!(line, "exit {code}");
                }
                None => {
                    let _ = write!(line, "trap: {t}");
                }
            }
            Err(t)
        }
    };
    if let Some(sink) = cx.ctx.trace.as_mut()
        && sink.record(line).is_err()
    {
        // The trace's writer failed (a closed pipe, a full disk): stop
        // tracing rather than fail the guest's call.
        cx.ctx.trace = None;
    }
    result
}

fn raw(v: &Val) -> u64 {
    match v {
        Val::I32(x) => *x as u32 as u64,
        Val::I64(x) => *x as u64,
        _ => 0,
    }
}

fn show_args(line: &mut String, function: &Function, args: &[Val], mem: &GuestMemory<'_>) {
    let mut first = true;
    let mut params = function.params.iter().zip(args).peekable();
    while let Some((param, value)) = params.next() {
        if !first {
            line.push_str(", ");
        }
        first = false;
        let _ = write!(line, "{}: ", param.name);
        let v = raw(value);
        if param.ty == WitxType::String
            && let Some((_, len)) = params.next_if(|(p, _)| p.ty == WitxType::Size)
        {
            show_string(line, mem, v as u32, raw(len) as u32);
            continue;
        }
        show_value(line, param.ty, v);
    }
}

fn show_string(line: &mut String, mem: &GuestMemory<'_>, ptr: u32, len: u32) {
    let Ok(bytes) = mem.slice(ptr, len) else {
        let _ = write!(line, "<{len} bytes at {ptr:#x}, out of bounds>");
        return;
    };
    let shown = &bytes[..bytes.len().min(STRING_SHOWN)];
    let text = String::from_utf8_lossy(shown);
    let _ = write!(line, "{text:?}");
    if shown.len() < bytes.len() {
        let _ = write!(line, "… ({} bytes)", bytes.len());
    }
}

fn flags(line: &mut String, v: u64, names: &[&str]) {
    if v == 0 {
        line.push('0');
        return;
    }
    let mut rest = v;
    let mut first = true;
    for (bit, name) in names.iter().enumerate() {
        if v & (1 << bit) != 0 {
            if !first {
                line.push('|');
            }
            line.push_str(name);
            first = false;
            rest &= !(1 << bit);
        }
    }
    if rest != 0 {
        if !first {
            line.push('|');
        }
        let _ = write!(line, "{rest:#x}");
    }
}

fn named(line: &mut String, v: u64, names: &[&str]) {
    match names.get(v as usize) {
        Some(name) => line.push_str(name),
        None => {
            let _ = write!(line, "{v}");
        }
    }
}

fn show_value(line: &mut String, ty: WitxType, v: u64) {
    match ty {
        WitxType::Fd
        | WitxType::Size
        | WitxType::Filesize
        | WitxType::Timestamp
        | WitxType::Dircookie
        | WitxType::Signal
        | WitxType::Exitcode
        | WitxType::Siflags => {
            let _ = write!(line, "{v}");
        }
        WitxType::Filedelta => {
            let _ = write!(line, "{}", v as i64);
        }
        WitxType::Rights | WitxType::Pointer | WitxType::String | WitxType::Out(_) => {
            let _ = write!(line, "{v:#x}");
        }
        WitxType::Fdflags => flags(line, v, &["append", "dsync", "nonblock", "rsync", "sync"]),
        WitxType::Oflags => flags(line, v, &["creat", "directory", "excl", "trunc"]),
        WitxType::Lookupflags => flags(line, v, &["symlink_follow"]),
        WitxType::Fstflags => flags(line, v, &["atim", "atim_now", "mtim", "mtim_now"]),
        WitxType::Riflags => flags(line, v, &["recv_peek", "recv_waitall"]),
        WitxType::Sdflags => flags(line, v, &["rd", "wr"]),
        WitxType::Clockid => named(
            line,
            v,
            &[
                "realtime",
                "monotonic",
                "process_cputime_id",
                "thread_cputime_id",
            ],
        ),
        WitxType::Whence => named(line, v, &["set", "cur", "end"]),
        WitxType::Advice => named(
            line,
            v,
            &[
                "normal",
                "sequential",
                "random",
                "willneed",
                "dontneed",
                "noreuse",
            ],
        ),
    }
}

/// `; nwritten = 3` for each out-pointer, read after success (for a
/// struct, the fields a divergence is most often about).
fn show_outs(line: &mut String, function: &Function, args: &[Val], mem: &GuestMemory<'_>) {
    for (param, value) in function.params.iter().zip(args) {
        let WitxType::Out(pointee) = param.ty else {
            continue;
        };
        let ptr = raw(value) as u32;
        let _ = write!(line, "; {} = ", param.name);
        let shown = match pointee {
            Pointee::Size | Pointee::Fd => mem.u32(ptr).map(|v| write!(line, "{v}")),
            Pointee::Filesize | Pointee::Timestamp => mem.u64(ptr).map(|v| write!(line, "{v}")),
            Pointee::Roflags => mem.u16(ptr).map(|v| write!(line, "{v}")),
            // The fields a divergence is most often about.
            Pointee::Fdstat => (|| {
                let (filetype, flags) = (mem.u8(ptr)?, mem.u16(ptr.wrapping_add(2))?);
                let base = mem.u64(ptr.wrapping_add(8))?;
                Ok(write!(
                    line,
                    "{{filetype: {filetype}, flags: {flags:#x}, rights_base: {base:#x}}}"
                ))
            })(),
            Pointee::Filestat => (|| {
                let (filetype, size) = (
                    mem.u8(ptr.wrapping_add(16))?,
                    mem.u64(ptr.wrapping_add(32))?,
                );
                Ok(write!(line, "{{filetype: {filetype}, size: {size}}}"))
            })(),
            Pointee::Prestat => (|| {
                let (tag, len) = (mem.u8(ptr)?, mem.u32(ptr.wrapping_add(4))?);
                Ok(write!(line, "{{tag: {tag}, name_len: {len}}}"))
            })(),
        };
        if shown.is_err() {
            line.push('?');
        }
    }
}
