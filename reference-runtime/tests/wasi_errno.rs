//! The one mapping from host errors to guest errnos, checked whole: every
//! Linux errno against the name the C library gives it, every error kind
//! without an OS errno, and the witx numbering. No suite case can make the
//! host return most of these errnos (`ECHILD`, `EALREADY`, ...), so without
//! this test an arm of the table could be deleted unnoticed (cargo-mutants
//! found ten such arms in ten tries).

use reference_runtime::wasi::Errno;
use std::io;

#[cfg(all(target_os = "linux", target_env = "gnu"))]
unsafe extern "C" {
    /// glibc's own name of an errno (`"ENOENT"`), or null.
    fn strerrorname_np(errnum: std::ffi::c_int) -> *const std::ffi::c_char;
}

/// Every host errno maps to the WASI errno of the same name, and one
/// without a WASI twin to `EIO`. The names come from the C library
/// (glibc's `strerrorname_np`), not from a second copy of the table.
#[cfg(all(target_os = "linux", target_env = "gnu"))]
#[test]
fn every_host_errno_maps_to_the_wasi_errno_of_its_name() {
    // Linux spells two of WASI's errnos by another name.
    let aliases = [("EOPNOTSUPP", "ENOTSUP"), ("EDEADLOCK", "EDEADLK")];
    let mut twins = std::collections::BTreeSet::new();
    for raw in 1..=133 {
        // SAFETY: strerrorname_np returns null or a static string.
        let name = unsafe { strerrorname_np(raw) };
        if name.is_null() {
            // Linux leaves 41 and 58 unused: no twin, so EIO.
            assert!([41, 58].contains(&raw), "glibc names errno {raw}");
            assert_eq!(Errno::from(io::Error::from_raw_os_error(raw)), Errno::Io);
            continue;
        }
        // SAFETY: a non-null result is a static NUL-terminated string.
        let name = unsafe { std::ffi::CStr::from_ptr(name) }
            .to_str()
            .expect("errno names are ASCII");
        let name = aliases
            .iter()
            .find(|(host, _)| *host == name)
            .map_or(name, |(_, wasi)| wasi);
        let through_rustix = Errno::from(rustix::io::Errno::from_raw_os_error(raw));
        let through_io = Errno::from(io::Error::from_raw_os_error(raw));
        assert_eq!(
            through_rustix, through_io,
            "{name}: rustix and io::Error agree"
        );
        match Errno::ALL.iter().find(|e| e.name() == name) {
            Some(&twin) => {
                twins.insert(twin.raw());
                assert_eq!(through_io, twin, "host {name} ({raw})");
            }
            None => assert_eq!(
                through_io,
                Errno::Io,
                "host {name} ({raw}) has no WASI twin"
            ),
        }
    }
    // Every WASI errno but success and ENOTCAPABLE has a Linux twin.
    assert_eq!(twins.len(), Errno::ALL.len() - 2);
}

/// Errors without an OS errno (cap-std's own path resolution, std's own
/// checks) map by kind; `PermissionDenied` there is a sandbox escape.
#[test]
fn errors_without_an_os_errno_map_by_kind() {
    use io::ErrorKind as K;
    let expected = [
        (K::PermissionDenied, Errno::Perm),
        (K::NotFound, Errno::Noent),
        (K::AlreadyExists, Errno::Exist),
        (K::WouldBlock, Errno::Again),
        (K::InvalidInput, Errno::Inval),
        (K::InvalidData, Errno::Ilseq),
        (K::Interrupted, Errno::Intr),
        (K::Unsupported, Errno::Notsup),
        (K::OutOfMemory, Errno::Nomem),
        (K::NotADirectory, Errno::Notdir),
        (K::IsADirectory, Errno::Isdir),
        (K::DirectoryNotEmpty, Errno::Notempty),
        (K::InvalidFilename, Errno::Inval),
        (K::BrokenPipe, Errno::Pipe),
        (K::WriteZero, Errno::Io),
        (K::UnexpectedEof, Errno::Io),
        (K::Other, Errno::Io),
    ];
    for (kind, errno) in expected {
        assert_eq!(Errno::from(io::Error::from(kind)), errno, "{kind:?}");
    }
}

/// The raw values and names are witx's: `from_raw` inverts `raw`, every
/// name is distinct, and `Display` prints the name.
#[test]
fn raw_values_round_trip_and_names_are_distinct() {
    let mut names = std::collections::BTreeSet::new();
    for (index, &errno) in Errno::ALL.iter().enumerate() {
        assert_eq!(usize::from(errno.raw()), index);
        assert_eq!(Errno::from_raw(errno.raw()), Some(errno));
        assert!(names.insert(errno.name()), "{} twice", errno.name());
        assert!(errno.name().starts_with('E') || errno == Errno::Success);
        assert_eq!(errno.to_string(), errno.name());
    }
    assert_eq!(Errno::from_raw(77), None);
    assert_eq!(Errno::Notcapable.raw(), 76);
    assert_eq!(Errno::Success.name(), "OK");
    assert_eq!(Errno::TooBig.name(), "E2BIG");
}
