//! Errors of the reference runtime: decoding/validation failures, link
//! failures, and traps (with [`TrapKind`] naming every trap of the spec).

use std::fmt;

/// Everything that can go wrong when compiling, linking or running Wasm.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// The bytes are not a valid module (malformed or invalid); the message
    /// carries the byte offset, as wasmparser prints it.
    #[error("invalid module: {0}")]
    Invalid(#[from] wasmparser::BinaryReaderError),
    /// The module uses a feature this interpreter does not implement.
    #[error("unsupported: {0}")]
    Unsupported(String),
    /// An import could not be resolved or has an incompatible type.
    #[error("unlinkable: {0}")]
    Link(String),
    /// Execution (or instantiation) trapped.
    #[error(transparent)]
    Trap(#[from] Trap),
    /// The embedder used the API wrongly (wrong argument count or type, ...).
    #[error("usage error: {0}")]
    Usage(String),
}

impl Error {
    /// The trap, if this error is one.
    pub fn as_trap(&self) -> Option<&Trap> {
        match self {
            Error::Trap(trap) => Some(trap),
            _ => None,
        }
    }
}

/// The reason execution stopped abnormally.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TrapKind {
    /// `unreachable` was executed.
    Unreachable,
    /// Signed division overflow or float-to-int conversion out of range.
    IntegerOverflow,
    /// Integer division or remainder by zero.
    IntegerDivideByZero,
    /// Float-to-int conversion of a NaN.
    InvalidConversionToInteger,
    /// A memory access outside the memory's bounds.
    MemoryOutOfBounds,
    /// A table access outside the table's bounds.
    TableOutOfBounds,
    /// `call_indirect` with an index outside the table.
    UndefinedElement,
    /// `call_indirect` on a null table entry.
    UninitializedElement,
    /// `call_indirect` on a function of another type.
    IndirectCallTypeMismatch,
    /// Dereference of a null reference (e.g. `call_ref` on null).
    NullReference,
    /// The call stack (frames or value stack) exceeded its configured limit.
    CallStackExhausted,
    /// The fuel budget ran out.
    OutOfFuel,
    /// A Wasm exception was thrown and not caught.
    UncaughtException,
    /// An array access outside the array.
    ArrayOutOfBounds,
    /// `ref.cast` of a reference of another type.
    CastFailure,
    /// An array larger than this interpreter allocates.
    AllocationTooLarge,
    /// A host function asked to end the run with this exit code
    /// (WASI `proc_exit`).
    Exit(i32),
    /// A host function failed; see [`Trap::host_error`].
    Host,
}

impl TrapKind {
    /// The message the spec scripts use for this trap.
    pub fn message(&self) -> &'static str {
        match self {
            TrapKind::Unreachable => "unreachable",
            TrapKind::IntegerOverflow => "integer overflow",
            TrapKind::IntegerDivideByZero => "integer divide by zero",
            TrapKind::InvalidConversionToInteger => "invalid conversion to integer",
            TrapKind::MemoryOutOfBounds => "out of bounds memory access",
            TrapKind::TableOutOfBounds => "out of bounds table access",
            TrapKind::UndefinedElement => "undefined element",
            TrapKind::UninitializedElement => "uninitialized element",
            TrapKind::IndirectCallTypeMismatch => "indirect call type mismatch",
            TrapKind::NullReference => "null reference",
            TrapKind::CallStackExhausted => "call stack exhausted",
            TrapKind::OutOfFuel => "all fuel consumed",
            TrapKind::UncaughtException => "uncaught exception",
            TrapKind::ArrayOutOfBounds => "out of bounds array access",
            TrapKind::CastFailure => "cast failure",
            TrapKind::AllocationTooLarge => "allocation too large",
            TrapKind::Exit(_) => "exit",
            TrapKind::Host => "host error",
        }
    }
}

impl fmt::Display for TrapKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TrapKind::Exit(code) => write!(f, "exit with code {code}"),
            other => f.write_str(other.message()),
        }
    }
}

/// A trap: its kind and, for [`TrapKind::Host`], the host's error.
#[derive(Debug)]
pub struct Trap {
    kind: TrapKind,
    host: Option<Box<dyn std::error::Error + Send + Sync + 'static>>,
}

impl Trap {
    /// A trap of the given kind.
    pub fn new(kind: TrapKind) -> Self {
        Trap { kind, host: None }
    }

    /// The trap a host function returns to end the run with an exit code
    /// (WASI `proc_exit`); the embedder matches [`TrapKind::Exit`].
    pub fn exit(code: i32) -> Self {
        Trap::new(TrapKind::Exit(code))
    }

    /// A trap carrying a host function's error; get it back with
    /// [`Trap::host_error`] or [`Trap::downcast_ref`].
    pub fn host(error: impl std::error::Error + Send + Sync + 'static) -> Self {
        Trap {
            kind: TrapKind::Host,
            host: Some(Box::new(error)),
        }
    }

    /// A host trap from a plain message.
    pub fn host_message(message: impl Into<String>) -> Self {
        Trap::host(HostMessage(message.into()))
    }

    /// What kind of trap this is.
    pub fn kind(&self) -> TrapKind {
        self.kind
    }

    /// The exit code if a host function ended the run with one.
    pub fn exit_code(&self) -> Option<i32> {
        match self.kind {
            TrapKind::Exit(code) => Some(code),
            _ => None,
        }
    }

    /// The host error, for [`TrapKind::Host`].
    pub fn host_error(&self) -> Option<&(dyn std::error::Error + Send + Sync + 'static)> {
        self.host.as_deref()
    }

    /// The host error as a concrete type.
    pub fn downcast_ref<E: std::error::Error + 'static>(&self) -> Option<&E> {
        self.host.as_deref().and_then(|e| e.downcast_ref::<E>())
    }
}

impl From<TrapKind> for Trap {
    fn from(kind: TrapKind) -> Self {
        Trap::new(kind)
    }
}

impl fmt::Display for Trap {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.host {
            Some(host) => write!(f, "host error: {host}"),
            None => write!(f, "{}", self.kind),
        }
    }
}

impl std::error::Error for Trap {}

/// A host error that is just a message.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct HostMessage(pub String);
