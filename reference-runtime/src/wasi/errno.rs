//! The preview1 `errno` type and the one place where host errors become
//! guest errnos: an exhaustive mapping from [`rustix::io::Errno`] (and from
//! [`std::io::Error`] through it), as wasmtime's `crates/wasi` does.

use std::io;

/// `errno` of `wasi_snapshot_preview1`, with the witx numbering.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[repr(u16)]
#[allow(missing_docs)] // the names are the witx names; see `Errno::name`
pub enum Errno {
    Success = 0,
    TooBig = 1,
    Acces = 2,
    Addrinuse = 3,
    Addrnotavail = 4,
    Afnosupport = 5,
    Again = 6,
    Already = 7,
    Badf = 8,
    Badmsg = 9,
    Busy = 10,
    Canceled = 11,
    Child = 12,
    Connaborted = 13,
    Connrefused = 14,
    Connreset = 15,
    Deadlk = 16,
    Destaddrreq = 17,
    Dom = 18,
    Dquot = 19,
    Exist = 20,
    Fault = 21,
    Fbig = 22,
    Hostunreach = 23,
    Idrm = 24,
    Ilseq = 25,
    Inprogress = 26,
    Intr = 27,
    Inval = 28,
    Io = 29,
    Isconn = 30,
    Isdir = 31,
    Loop = 32,
    Mfile = 33,
    Mlink = 34,
    Msgsize = 35,
    Multihop = 36,
    Nametoolong = 37,
    Netdown = 38,
    Netreset = 39,
    Netunreach = 40,
    Nfile = 41,
    Nobufs = 42,
    Nodev = 43,
    Noent = 44,
    Noexec = 45,
    Nolck = 46,
    Nolink = 47,
    Nomem = 48,
    Nomsg = 49,
    Noprotoopt = 50,
    Nospc = 51,
    Nosys = 52,
    Notconn = 53,
    Notdir = 54,
    Notempty = 55,
    Notrecoverable = 56,
    Notsock = 57,
    Notsup = 58,
    Notty = 59,
    Nxio = 60,
    Overflow = 61,
    Ownerdead = 62,
    Perm = 63,
    Pipe = 64,
    Proto = 65,
    Protonosupport = 66,
    Prototype = 67,
    Range = 68,
    Rofs = 69,
    Spipe = 70,
    Srch = 71,
    Stale = 72,
    Timedout = 73,
    Txtbsy = 74,
    Xdev = 75,
    Notcapable = 76,
}

impl Errno {
    /// Every errno, indexed by its raw value.
    pub const ALL: [Errno; 77] = [
        Errno::Success,
        Errno::TooBig,
        Errno::Acces,
        Errno::Addrinuse,
        Errno::Addrnotavail,
        Errno::Afnosupport,
        Errno::Again,
        Errno::Already,
        Errno::Badf,
        Errno::Badmsg,
        Errno::Busy,
        Errno::Canceled,
        Errno::Child,
        Errno::Connaborted,
        Errno::Connrefused,
        Errno::Connreset,
        Errno::Deadlk,
        Errno::Destaddrreq,
        Errno::Dom,
        Errno::Dquot,
        Errno::Exist,
        Errno::Fault,
        Errno::Fbig,
        Errno::Hostunreach,
        Errno::Idrm,
        Errno::Ilseq,
        Errno::Inprogress,
        Errno::Intr,
        Errno::Inval,
        Errno::Io,
        Errno::Isconn,
        Errno::Isdir,
        Errno::Loop,
        Errno::Mfile,
        Errno::Mlink,
        Errno::Msgsize,
        Errno::Multihop,
        Errno::Nametoolong,
        Errno::Netdown,
        Errno::Netreset,
        Errno::Netunreach,
        Errno::Nfile,
        Errno::Nobufs,
        Errno::Nodev,
        Errno::Noent,
        Errno::Noexec,
        Errno::Nolck,
        Errno::Nolink,
        Errno::Nomem,
        Errno::Nomsg,
        Errno::Noprotoopt,
        Errno::Nospc,
        Errno::Nosys,
        Errno::Notconn,
        Errno::Notdir,
        Errno::Notempty,
        Errno::Notrecoverable,
        Errno::Notsock,
        Errno::Notsup,
        Errno::Notty,
        Errno::Nxio,
        Errno::Overflow,
        Errno::Ownerdead,
        Errno::Perm,
        Errno::Pipe,
        Errno::Proto,
        Errno::Protonosupport,
        Errno::Prototype,
        Errno::Range,
        Errno::Rofs,
        Errno::Spipe,
        Errno::Srch,
        Errno::Stale,
        Errno::Timedout,
        Errno::Txtbsy,
        Errno::Xdev,
        Errno::Notcapable,
    ];

    /// The errno with this raw value, if preview1 defines one.
    pub fn from_raw(raw: u16) -> Option<Errno> {
        Errno::ALL.get(usize::from(raw)).copied()
    }

    /// The raw value the guest sees.
    pub fn raw(self) -> u16 {
        self as u16
    }

    /// The POSIX-style name (`ENOENT`, ...; `OK` for success), as the suite
    /// prints it.
    pub fn name(self) -> &'static str {
        use Errno::*;
        match self {
            Success => "OK",
            TooBig => "E2BIG",
            Acces => "EACCES",
            Addrinuse => "EADDRINUSE",
            Addrnotavail => "EADDRNOTAVAIL",
            Afnosupport => "EAFNOSUPPORT",
            Again => "EAGAIN",
            Already => "EALREADY",
            Badf => "EBADF",
            Badmsg => "EBADMSG",
            Busy => "EBUSY",
            Canceled => "ECANCELED",
            Child => "ECHILD",
            Connaborted => "ECONNABORTED",
            Connrefused => "ECONNREFUSED",
            Connreset => "ECONNRESET",
            Deadlk => "EDEADLK",
            Destaddrreq => "EDESTADDRREQ",
            Dom => "EDOM",
            Dquot => "EDQUOT",
            Exist => "EEXIST",
            Fault => "EFAULT",
            Fbig => "EFBIG",
            Hostunreach => "EHOSTUNREACH",
            Idrm => "EIDRM",
            Ilseq => "EILSEQ",
            Inprogress => "EINPROGRESS",
            Intr => "EINTR",
            Inval => "EINVAL",
            Io => "EIO",
            Isconn => "EISCONN",
            Isdir => "EISDIR",
            Loop => "ELOOP",
            Mfile => "EMFILE",
            Mlink => "EMLINK",
            Msgsize => "EMSGSIZE",
            Multihop => "EMULTIHOP",
            Nametoolong => "ENAMETOOLONG",
            Netdown => "ENETDOWN",
            Netreset => "ENETRESET",
            Netunreach => "ENETUNREACH",
            Nfile => "ENFILE",
            Nobufs => "ENOBUFS",
            Nodev => "ENODEV",
            Noent => "ENOENT",
            Noexec => "ENOEXEC",
            Nolck => "ENOLCK",
            Nolink => "ENOLINK",
            Nomem => "ENOMEM",
            Nomsg => "ENOMSG",
            Noprotoopt => "ENOPROTOOPT",
            Nospc => "ENOSPC",
            Nosys => "ENOSYS",
            Notconn => "ENOTCONN",
            Notdir => "ENOTDIR",
            Notempty => "ENOTEMPTY",
            Notrecoverable => "ENOTRECOVERABLE",
            Notsock => "ENOTSOCK",
            Notsup => "ENOTSUP",
            Notty => "ENOTTY",
            Nxio => "ENXIO",
            Overflow => "EOVERFLOW",
            Ownerdead => "EOWNERDEAD",
            Perm => "EPERM",
            Pipe => "EPIPE",
            Proto => "EPROTO",
            Protonosupport => "EPROTONOSUPPORT",
            Prototype => "EPROTOTYPE",
            Range => "ERANGE",
            Rofs => "EROFS",
            Spipe => "ESPIPE",
            Srch => "ESRCH",
            Stale => "ESTALE",
            Timedout => "ETIMEDOUT",
            Txtbsy => "ETXTBSY",
            Xdev => "EXDEV",
            Notcapable => "ENOTCAPABLE",
        }
    }
}

impl std::fmt::Display for Errno {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.name())
    }
}

impl From<rustix::io::Errno> for Errno {
    /// Host errno to WASI errno. Every errno that has a WASI twin maps to
    /// it; the host-only rest (`ENOTBLK`, `ECOMM`, ...) becomes `EIO`.
    fn from(e: rustix::io::Errno) -> Errno {
        use rustix::io::Errno as E;
        match e {
            E::TOOBIG => Errno::TooBig,
            E::ACCESS => Errno::Acces,
            E::ADDRINUSE => Errno::Addrinuse,
            E::ADDRNOTAVAIL => Errno::Addrnotavail,
            E::AFNOSUPPORT => Errno::Afnosupport,
            E::AGAIN => Errno::Again, // == EWOULDBLOCK
            E::ALREADY => Errno::Already,
            E::BADF => Errno::Badf,
            E::BADMSG => Errno::Badmsg,
            E::BUSY => Errno::Busy,
            E::CANCELED => Errno::Canceled,
            E::CHILD => Errno::Child,
            E::CONNABORTED => Errno::Connaborted,
            E::CONNREFUSED => Errno::Connrefused,
            E::CONNRESET => Errno::Connreset,
            E::DEADLK => Errno::Deadlk,
            E::DESTADDRREQ => Errno::Destaddrreq,
            E::DOM => Errno::Dom,
            E::DQUOT => Errno::Dquot,
            E::EXIST => Errno::Exist,
            E::FAULT => Errno::Fault,
            E::FBIG => Errno::Fbig,
            E::HOSTUNREACH => Errno::Hostunreach,
            E::IDRM => Errno::Idrm,
            E::ILSEQ => Errno::Ilseq,
            E::INPROGRESS => Errno::Inprogress,
            E::INTR => Errno::Intr,
            E::INVAL => Errno::Inval,
            E::IO => Errno::Io,
            E::ISCONN => Errno::Isconn,
            E::ISDIR => Errno::Isdir,
            E::LOOP => Errno::Loop,
            E::MFILE => Errno::Mfile,
            E::MLINK => Errno::Mlink,
            E::MSGSIZE => Errno::Msgsize,
            E::MULTIHOP => Errno::Multihop,
            E::NAMETOOLONG => Errno::Nametoolong,
            E::NETDOWN => Errno::Netdown,
            E::NETRESET => Errno::Netreset,
            E::NETUNREACH => Errno::Netunreach,
            E::NFILE => Errno::Nfile,
            E::NOBUFS => Errno::Nobufs,
            E::NODEV => Errno::Nodev,
            E::NOENT => Errno::Noent,
            E::NOEXEC => Errno::Noexec,
            E::NOLCK => Errno::Nolck,
            E::NOLINK => Errno::Nolink,
            E::NOMEM => Errno::Nomem,
            E::NOMSG => Errno::Nomsg,
            E::NOPROTOOPT => Errno::Noprotoopt,
            E::NOSPC => Errno::Nospc,
            E::NOSYS => Errno::Nosys,
            E::NOTCONN => Errno::Notconn,
            E::NOTDIR => Errno::Notdir,
            E::NOTEMPTY => Errno::Notempty,
            E::NOTRECOVERABLE => Errno::Notrecoverable,
            E::NOTSOCK => Errno::Notsock,
            E::NOTSUP => Errno::Notsup, // == EOPNOTSUPP on Linux
            E::NOTTY => Errno::Notty,
            E::NXIO => Errno::Nxio,
            E::OVERFLOW => Errno::Overflow,
            E::OWNERDEAD => Errno::Ownerdead,
            E::PERM => Errno::Perm,
            E::PIPE => Errno::Pipe,
            E::PROTO => Errno::Proto,
            E::PROTONOSUPPORT => Errno::Protonosupport,
            E::PROTOTYPE => Errno::Prototype,
            E::RANGE => Errno::Range,
            E::ROFS => Errno::Rofs,
            E::SPIPE => Errno::Spipe,
            E::SRCH => Errno::Srch,
            E::STALE => Errno::Stale,
            E::TIMEDOUT => Errno::Timedout,
            E::TXTBSY => Errno::Txtbsy,
            E::XDEV => Errno::Xdev,
            _ => Errno::Io,
        }
    }
}

impl From<io::Error> for Errno {
    /// The single mapping from host I/O errors. An OS error goes through
    /// its errno. An error without one comes from cap-std's own path
    /// resolution: `PermissionDenied` there means "a path led outside of
    /// the filesystem" (an absolute path, `..` above the preopen, a symlink
    /// pointing out), which is a sandbox escape and becomes `EPERM`, as
    /// wasi-testsuite asserts (`interesting_paths`: an absolute path and
    /// too many `..` are `ERRNO_PERM`) and as wasmtime, wasmi, WasmEdge
    /// and wazero answer; it was `ENOTCAPABLE` until the WASI call-sequence
    /// fuzzer compared runtimes on generated paths.
    fn from(e: io::Error) -> Errno {
        if let Some(raw) = e.raw_os_error() {
            return rustix::io::Errno::from_raw_os_error(raw).into();
        }
        match e.kind() {
            io::ErrorKind::PermissionDenied => Errno::Perm,
            io::ErrorKind::NotFound => Errno::Noent,
            io::ErrorKind::AlreadyExists => Errno::Exist,
            io::ErrorKind::WouldBlock => Errno::Again,
            io::ErrorKind::InvalidInput => Errno::Inval,
            io::ErrorKind::InvalidData => Errno::Ilseq,
            io::ErrorKind::Interrupted => Errno::Intr,
            io::ErrorKind::Unsupported => Errno::Notsup,
            io::ErrorKind::OutOfMemory => Errno::Nomem,
            io::ErrorKind::NotADirectory => Errno::Notdir,
            io::ErrorKind::IsADirectory => Errno::Isdir,
            io::ErrorKind::DirectoryNotEmpty => Errno::Notempty,
            io::ErrorKind::InvalidFilename => Errno::Inval,
            io::ErrorKind::BrokenPipe => Errno::Pipe,
            io::ErrorKind::WriteZero | io::ErrorKind::UnexpectedEof => Errno::Io,
            _ => Errno::Io,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn os_errors_keep_their_errno_and_escapes_are_eperm() {
        let e: Errno = io::Error::from_raw_os_error(rustix::io::Errno::NOENT.raw_os_error()).into();
        assert_eq!(e, Errno::Noent);
        let escape = io::Error::new(io::ErrorKind::PermissionDenied, "a path led outside");
        assert_eq!(Errno::from(escape), Errno::Perm);
        let eperm: Errno =
            io::Error::from_raw_os_error(rustix::io::Errno::PERM.raw_os_error()).into();
        assert_eq!(eperm, Errno::Perm);
    }
}
