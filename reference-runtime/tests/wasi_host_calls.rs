//! Answers of the reference's preview1 calls that the WASI suite cannot pin
//! down because the runtimes rightly differ on them, or because they need
//! the host's stdio: the rights each call checks, flag words out of range,
//! the flags a directory keeps, the order of a listing, absolute clock
//! deadlines, deterministic randomness, output caps, and the CLI's stdio
//! and environment. Each one was a surviving mutant of `cargo xtask
//! mutants --scope wasi`: a behaviour nothing checked.
//!
//! The guest programs report one errno per call as one byte on stdout
//! (`$e`), and values as little-endian words (`$u16`, `$u64`), so each test
//! reads back the whole sequence at once. Rights and flags are written as
//! literal numbers from the witx, never taken from the crate, so that a
//! wrong constant in the crate cannot hide itself.

use std::io::Write as _;
use std::process::{Command, Stdio};

use reference_runtime::Config;
use reference_runtime::wasi::{RunExit, RunOutcome, WasiCtx, WasiCtxBuilder, run_command};

const PRELUDE: &str = r#"
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $fd_read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_pread" (func $fd_pread (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_seek" (func $fd_seek (param i32 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_readdir" (func $fd_readdir (param i32 i32 i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_advise" (func $fd_advise (param i32 i64 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_allocate" (func $fd_allocate (param i32 i64 i64) (result i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_get" (func $fd_fdstat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_set_flags" (func $fd_fdstat_set_flags (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_filestat_get" (func $fd_filestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_filestat_set_size" (func $fd_filestat_set_size (param i32 i64) (result i32)))
  (import "wasi_snapshot_preview1" "path_open" (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_filestat_get" (func $path_filestat_get (param i32 i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_unlink_file" (func $path_unlink_file (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $environ_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $environ_sizes_get (param i32 i32) (result i32)))
  (memory (export "memory") 1)
  ;; What the guest reports, collected at 4096.. and written out by $flush.
  (global $at (mut i32) (i32.const 4096))
  (func $e (param i32)
    (i32.store8 (global.get $at) (local.get 0))
    (global.set $at (i32.add (global.get $at) (i32.const 1))))
  (func $u16 (param i32)
    (i32.store16 (global.get $at) (local.get 0))
    (global.set $at (i32.add (global.get $at) (i32.const 2))))
  (func $u64 (param i64)
    (i64.store (global.get $at) (local.get 0))
    (global.set $at (i32.add (global.get $at) (i32.const 8))))
  (func $bytes (param $ptr i32) (param $len i32)
    (memory.copy (global.get $at) (local.get $ptr) (local.get $len))
    (global.set $at (i32.add (global.get $at) (local.get $len))))
  (func $flush
    (i32.store (i32.const 0) (i32.const 4096))
    (i32.store (i32.const 4) (i32.sub (global.get $at) (i32.const 4096)))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  ;; Names used by the tests: "s" at 400, "f" at 410, "g" at 420, "n" at 430.
  (data (i32.const 400) "s")
  (data (i32.const 410) "f")
  (data (i32.const 420) "g")
  (data (i32.const 430) "n")
"#;

fn module(body: &str) -> Vec<u8> {
    let wat = format!("(module {PRELUDE} (func (export \"_start\") {body} (call $flush)))");
    wat::parse_str(&wat).unwrap_or_else(|e| panic!("{e}\n{wat}"))
}

fn run(body: &str, b: WasiCtxBuilder) -> RunOutcome {
    let b = b
        .arg("t.wasm")
        .capture_stdout(1 << 16)
        .capture_stderr(1 << 16);
    let out = run_command(&module(body), b.build().unwrap(), &Config::default());
    assert_eq!(
        out.exit,
        RunExit::Exit(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

/// A directory with the file `f` ("hello") and `s/g` ("x"), preopened as fd 3.
fn tree() -> (tempfile::TempDir, WasiCtxBuilder) {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("f"), b"hello").unwrap();
    std::fs::create_dir(dir.path().join("s")).unwrap();
    std::fs::write(dir.path().join("s/g"), b"x").unwrap();
    let b = WasiCtxBuilder::new().preopen_dir(dir.path(), "d").unwrap();
    (dir, b)
}

fn u16_at(b: &[u8], at: usize) -> u16 {
    u16::from_le_bytes(b[at..at + 2].try_into().unwrap())
}

fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().unwrap())
}

// witx errnos.
const OK: u8 = 0;
const BADF: u8 = 8;
const FBIG: u8 = 22;
const INVAL: u8 = 28;
const NOTSUP: u8 = 58;
const NOTCAPABLE: u8 = 76;

#[test]
fn each_call_checks_the_right_it_needs() {
    let (dir, b) = tree();
    // "s" opened with path_open (1 << 13) and fd_filestat_get (1 << 21)
    // only; "f" once with fd_write | fd_seek | fd_tell (100) and once with
    // fd_read | fd_tell (34).
    let body = r#"
        (call $e (call $path_open (i32.const 3) (i32.const 0) (i32.const 400) (i32.const 1)
          (i32.const 2) (i64.const 2105344) (i64.const 0x1fffffff) (i32.const 0) (i32.const 500)))
        (call $e (call $fd_fdstat_get (i32.load (i32.const 500)) (i32.const 600)))
        (call $u64 (i64.load (i32.const 608)))
        ;; CREAT needs path_create_file; TRUNC path_filestat_set_size.
        (call $e (call $path_open (i32.load (i32.const 500)) (i32.const 0) (i32.const 430) (i32.const 1)
          (i32.const 1) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 504)))
        (call $e (call $path_open (i32.load (i32.const 500)) (i32.const 0) (i32.const 420) (i32.const 1)
          (i32.const 8) (i64.const 64) (i64.const 0) (i32.const 0) (i32.const 504)))
        (call $e (call $path_filestat_get (i32.load (i32.const 500)) (i32.const 0) (i32.const 420) (i32.const 1) (i32.const 700)))
        (call $e (call $path_unlink_file (i32.load (i32.const 500)) (i32.const 420) (i32.const 1)))
        (call $e (call $fd_readdir (i32.load (i32.const 500)) (i32.const 800) (i32.const 128) (i64.const 0) (i32.const 508)))
        ;; fd_pread needs fd_read; fd_filestat_set_size its own right.
        (call $e (call $path_open (i32.const 3) (i32.const 0) (i32.const 410) (i32.const 1)
          (i32.const 0) (i64.const 100) (i64.const 0) (i32.const 0) (i32.const 512)))
        (i32.store (i32.const 520) (i32.const 900))
        (i32.store (i32.const 524) (i32.const 4))
        (call $e (call $fd_pread (i32.load (i32.const 512)) (i32.const 520) (i32.const 1) (i64.const 0) (i32.const 528)))
        (call $e (call $fd_filestat_set_size (i32.load (i32.const 512)) (i64.const 0)))
        ;; fd_seek(0, CUR) is a tell; any other seek needs fd_seek.
        (call $e (call $path_open (i32.const 3) (i32.const 0) (i32.const 410) (i32.const 1)
          (i32.const 0) (i64.const 34) (i64.const 0) (i32.const 0) (i32.const 532)))
        (call $e (call $fd_seek (i32.load (i32.const 532)) (i64.const 0) (i32.const 1) (i32.const 536)))
        (call $e (call $fd_seek (i32.load (i32.const 532)) (i64.const 0) (i32.const 0) (i32.const 536)))
        ;; stdout's rights: fd_datasync, fd_fdstat_set_flags, fd_sync,
        ;; fd_write, fd_filestat_get, poll_fd_readwrite.
        (call $e (call $fd_fdstat_get (i32.const 1) (i32.const 600)))
        (call $u64 (i64.load (i32.const 608)))
    "#;
    let out = run(body, b).stdout;
    assert_eq!(out[..2], [OK, OK]);
    assert_eq!(
        u64_at(&out, 2),
        2105344,
        "a directory gets the rights asked for, no more"
    );
    assert_eq!(out[10..15], [NOTCAPABLE; 5], "{out:?}");
    assert_eq!(out[15..18], [OK, NOTCAPABLE, NOTCAPABLE], "{out:?}");
    assert_eq!(out[18..21], [OK, OK, NOTCAPABLE], "{out:?}");
    assert_eq!(out[21], OK);
    assert_eq!(u64_at(&out, 22), 1 | 8 | 16 | 64 | (1 << 21) | (1 << 27));
    assert!(dir.path().join("s/g").exists());
    assert!(!dir.path().join("s/n").exists());
    assert_eq!(std::fs::read(dir.path().join("f")).unwrap(), b"hello");
}

#[test]
fn flag_words_are_checked_and_kept_as_linux_keeps_them() {
    let (_dir, b) = tree();
    let open_s_with = |fdflags: u32| {
        format!(
            "(call $e (call $path_open (i32.const 3) (i32.const 0) (i32.const 400) (i32.const 1)
               (i32.const 2) (i64.const 8192) (i64.const 0) (i32.const {fdflags}) (i32.const 540)))
             (call $e (call $fd_fdstat_get (i32.load (i32.const 540)) (i32.const 600)))
             (call $u16 (i32.load16_u (i32.const 602)))"
        )
    };
    let body = format!(
        r#"
        ;; oflags bit 4 and fdflags bit 5 are not in the witx: EINVAL.
        (call $e (call $path_open (i32.const 3) (i32.const 0) (i32.const 410) (i32.const 1)
          (i32.const 0x10) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 500)))
        ;; "f" with fd_read | fd_write | fd_fdstat_set_flags | fd_allocate.
        (call $e (call $path_open (i32.const 3) (i32.const 0) (i32.const 410) (i32.const 1)
          (i32.const 0) (i64.const 330) (i64.const 0) (i32.const 0) (i32.const 504)))
        (call $e (call $fd_fdstat_set_flags (i32.load (i32.const 504)) (i32.const 0x20)))
        ;; dsync, rsync and sync cannot be turned on after opening (Linux
        ;; F_SETFL ignores them).
        (call $e (call $fd_fdstat_set_flags (i32.load (i32.const 504)) (i32.const 2)))
        (call $e (call $fd_fdstat_set_flags (i32.load (i32.const 504)) (i32.const 8)))
        (call $e (call $fd_fdstat_set_flags (i32.load (i32.const 504)) (i32.const 16)))
        (call $e (call $fd_allocate (i32.load (i32.const 504)) (i64.const 0) (i64.const 0)))
        ;; An offset and a length that are not negative but run past the
        ;; largest file: EFBIG, as posix_fallocate gives, not EINVAL.
        (call $e (call $fd_allocate (i32.load (i32.const 504)) (i64.const 0x7fffffffffffffff) (i64.const 1)))
        (call $e (call $fd_allocate (i32.load (i32.const 504)) (i64.const 1) (i64.const 0x7fffffffffffffff)))
        ;; fd_advise on a directory: EBADF, as posix_fadvise on one is.
        (call $e (call $fd_advise (i32.const 3) (i64.const 0) (i64.const 0) (i32.const 0)))
        ;; A directory opened with dsync, rsync, sync, append.
        {}
        {}
        {}
        {}
    "#,
        open_s_with(2),
        open_s_with(8),
        open_s_with(16),
        open_s_with(1)
    );
    let out = run(&body, b).stdout;
    assert_eq!(
        out[..10],
        [
            INVAL, OK, INVAL, NOTSUP, NOTSUP, NOTSUP, INVAL, FBIG, FBIG, BADF
        ],
        "{out:?}"
    );
    let kept: Vec<(u8, u8, u16)> = out[10..]
        .chunks(4)
        .map(|c| (c[0], c[1], u16_at(c, 2)))
        .collect();
    // rsync and sync are O_SYNC on Linux, reported as sync | rsync (24);
    // so is dsync, because rustix's linux_raw backend spells O_DSYNC as
    // O_SYNC (files opened with dsync get O_SYNC too, and F_GETFL says so);
    // append stays append.
    assert_eq!(
        kept,
        [(OK, OK, 24), (OK, OK, 24), (OK, OK, 24), (OK, OK, 1)],
        "{out:?}"
    );
}

#[test]
fn rights_a_directory_cannot_hand_down_are_refused_only_where_they_apply() {
    let (_dir, b) = tree();
    let body = r#"
        (i32.store8 (i32.const 440) (i32.const 46))
        ;; "s" as a directory that hands down path_open (1 << 13) alone.
        (call $e (call $path_open (i32.const 3) (i32.const 0) (i32.const 400) (i32.const 1)
          (i32.const 2) (i64.const 8192) (i64.const 8192) (i32.const 0) (i32.const 500)))
        ;; fd_read, which it cannot hand down, asked for "." (a directory,
        ;; opened without oflags::directory): fd_read is no directory's
        ;; right, so nothing applies and it opens, with no right to read
        ;; or write.
        (call $e (call $path_open (i32.load (i32.const 500)) (i32.const 0) (i32.const 440) (i32.const 1)
          (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 504)))
        ;; The same for the file "g": refused.
        (call $e (call $path_open (i32.load (i32.const 500)) (i32.const 0) (i32.const 420) (i32.const 1)
          (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 504)))
        ;; "f" opened nonblocking keeps the flag.
        (call $e (call $path_open (i32.const 3) (i32.const 0) (i32.const 410) (i32.const 1)
          (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 4) (i32.const 508)))
        (call $e (call $fd_fdstat_get (i32.load (i32.const 508)) (i32.const 600)))
        (call $u16 (i32.load16_u (i32.const 602)))
    "#;
    let out = run(body, b).stdout;
    assert_eq!(out[..5], [OK, OK, NOTCAPABLE, OK, OK], "{out:?}");
    assert_eq!(u16_at(&out, 5), 4, "fdflags::nonblock");
}

#[test]
fn device_files_have_their_filetypes() {
    use std::os::unix::fs::FileTypeExt as _;
    // Any block device under /dev: stat needs no right to the device.
    let block = std::fs::read_dir("/dev").ok().and_then(|entries| {
        entries
            .flatten()
            .find(|e| e.file_type().is_ok_and(|t| t.is_block_device()))
            .map(|e| e.file_name().into_string().unwrap_or_default())
    });
    let Some(block) = block.filter(|name| !name.is_empty()) else {
        eprintln!("skipped: no block device under /dev to stat");
        return;
    };
    let stores: String = block
        .bytes()
        .enumerate()
        .map(|(i, b)| format!("(i32.store8 (i32.const {}) (i32.const {b}))", 1200 + i))
        .collect();
    let body = format!(
        r#"
        {stores}
        (i32.store (i32.const 1100) (i32.const 0x6c6c756e))
        (call $e (call $path_filestat_get (i32.const 3) (i32.const 0) (i32.const 1200) (i32.const {len}) (i32.const 700)))
        (call $e (i32.load8_u (i32.const 716)))
        ;; Opened with fd_filestat_get (1 << 21) alone, so read-only.
        (call $e (call $path_open (i32.const 3) (i32.const 0) (i32.const 1200) (i32.const {len})
          (i32.const 0) (i64.const 0x200000) (i64.const 0) (i32.const 0) (i32.const 500)))
        (call $e (call $fd_filestat_get (i32.load (i32.const 500)) (i32.const 700)))
        (call $e (i32.load8_u (i32.const 716)))
        (call $e (call $fd_fdstat_get (i32.load (i32.const 500)) (i32.const 600)))
        (call $e (i32.load8_u (i32.const 600)))
        (call $e (call $path_filestat_get (i32.const 3) (i32.const 0) (i32.const 1100) (i32.const 4) (i32.const 700)))
        (call $e (i32.load8_u (i32.const 716)))
    "#,
        len = block.len()
    );
    let b = WasiCtxBuilder::new().preopen_dir("/dev", "dev").unwrap();
    let out = run(&body, b).stdout;
    // witx filetypes: block_device 1, character_device 2.
    assert_eq!(
        out,
        [OK, 1, OK, OK, 1, OK, 1, OK, 2],
        "/dev/{block}: stat, open, fstat, fdstat; then /dev/null"
    );
}

#[test]
fn a_listing_starts_with_dot_then_dotdot_then_names_in_order() {
    let (_dir, b) = tree();
    let body = r#"
        (call $e (call $fd_readdir (i32.const 3) (i32.const 1024) (i32.const 2048) (i64.const 0) (i32.const 500)))
        (call $bytes (i32.const 1024) (i32.load (i32.const 500)))
    "#;
    let out = run(body, b).stdout;
    assert_eq!(out[0], OK);
    let mut names = Vec::new();
    let mut at = 1;
    while at + 24 <= out.len() {
        let len = u32::from_le_bytes(out[at + 16..at + 20].try_into().unwrap()) as usize;
        names.push(String::from_utf8_lossy(&out[at + 24..at + 24 + len]).into_owned());
        at += 24 + len;
    }
    assert_eq!(names, [".", "..", "f", "s"]);
}

#[test]
fn an_absolute_deadline_waits_until_then_not_for_that_long() {
    // Deterministic realtime starts in 2024: read as a relative timeout,
    // the deadline would move the clock on by 54 years.
    let body = r#"
        (drop (call $clock_time_get (i32.const 0) (i64.const 1) (i32.const 100)))
        (i64.store (i32.const 200) (i64.const 1))
        (i32.store8 (i32.const 208) (i32.const 0))
        (i32.store (i32.const 216) (i32.const 0))
        (i64.store (i32.const 224) (i64.add (i64.load (i32.const 100)) (i64.const 5000000)))
        (i64.store (i32.const 232) (i64.const 0))
        (i32.store16 (i32.const 240) (i32.const 1))
        (call $e (call $poll_oneoff (i32.const 200) (i32.const 300) (i32.const 1) (i32.const 340)))
        (drop (call $clock_time_get (i32.const 0) (i64.const 1) (i32.const 108)))
        (call $u64 (i64.load (i32.const 100)))
        (call $u64 (i64.load (i32.const 108)))
    "#;
    let out = run(body, WasiCtxBuilder::new().deterministic(3)).stdout;
    assert_eq!(out[0], OK);
    let waited = u64_at(&out, 9) - u64_at(&out, 1);
    assert!((5_000_000..1_000_000_000).contains(&waited), "{waited} ns");
}

#[test]
fn deterministic_randomness_is_splitmix64_of_the_seed() {
    fn splitmix64(state: &mut u64) -> u64 {
        *state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = *state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    let body = r#"
        (call $e (call $random_get (i32.const 100) (i32.const 12)))
        (call $bytes (i32.const 100) (i32.const 12))
    "#;
    let out = run(body, WasiCtxBuilder::new().deterministic(7)).stdout;
    let mut state = 7;
    let mut want = vec![OK];
    want.extend(splitmix64(&mut state).to_le_bytes());
    want.extend(&splitmix64(&mut state).to_le_bytes()[..4]);
    assert_eq!(out, want);
}

#[test]
fn captured_output_is_cut_at_its_cap_and_says_so() {
    let body = r#"
        (i64.store (i32.const 100) (i64.const 0x6867666564636261)) ;; abcdefgh
        (i32.store (i32.const 0) (i32.const 100))
        (i32.store (i32.const 4) (i32.const 8))
        (drop (call $fd_write (i32.const 2) (i32.const 0) (i32.const 1) (i32.const 8)))
    "#;
    let wasm = module(body);
    let ctx = |cap| WasiCtxBuilder::new().capture_stderr(cap).build().unwrap();
    let cut = run_command(&wasm, ctx(5), &Config::default());
    assert_eq!(
        (cut.stderr.as_slice(), cut.stderr_truncated),
        (&b"abcde"[..], true)
    );
    let whole = run_command(&wasm, ctx(8), &Config::default());
    assert_eq!(
        (whole.stderr.as_slice(), whole.stderr_truncated),
        (&b"abcdefgh"[..], false)
    );
    // Not captured: nothing kept.
    let quiet: WasiCtx = WasiCtx::builder().build().unwrap();
    assert!(quiet.stdout().bytes().is_empty());
    assert!(!quiet.is_deterministic());
    assert!(
        WasiCtx::builder()
            .deterministic(1)
            .build()
            .unwrap()
            .is_deterministic()
    );
}

/// The CLI with `args`, the module from `body`, stdin a pipe fed `stdin`
/// (kept open while the guest runs when `None`).
/// `reference-runtime run ARGS m.wasm` for the module of `body`, run by
/// `launcher` (a command that runs its arguments) when given; the module
/// lives in the returned dir.
fn cli_command(body: &str, args: &[&str], launcher: &[&str]) -> (tempfile::TempDir, Command) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("m.wasm");
    std::fs::write(&path, module(body)).unwrap();
    let binary = env!("CARGO_BIN_EXE_reference-runtime");
    let mut command = match launcher.split_first() {
        Some((program, rest)) => {
            let mut c = Command::new(program);
            c.args(rest).arg(binary);
            c
        }
        None => Command::new(binary),
    };
    command.arg("run").args(args).arg(&path);
    (dir, command)
}

/// The CLI exited 0; its stderr otherwise.
fn assert_exited_0(out: &std::process::Output) {
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

fn cli(body: &str, args: &[&str], stdin: Option<&[u8]>) -> std::process::Output {
    let (_dir, mut command) = cli_command(body, args, &[]);
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let pipe = child.stdin.take();
    let _open = match (stdin, pipe) {
        (Some(bytes), Some(mut pipe)) => {
            pipe.write_all(bytes).unwrap();
            None
        }
        (None, pipe) => pipe,
        (Some(_), None) => unreachable!("stdin is piped"),
    };
    let out = child.wait_with_output().unwrap();
    assert_exited_0(&out);
    out
}

#[test]
fn the_cli_gives_the_guest_its_stdio_and_the_env_given() {
    // Read stdin (one fd_read), then report the environment's bytes.
    let body = r#"
        (i32.store (i32.const 0) (i32.const 1024))
        (i32.store (i32.const 4) (i32.const 64))
        (call $e (call $fd_read (i32.const 0) (i32.const 0) (i32.const 1) (i32.const 8)))
        (call $bytes (i32.const 1024) (i32.load (i32.const 8)))
        (call $e (call $environ_sizes_get (i32.const 100) (i32.const 104)))
        (call $e (call $environ_get (i32.const 200) (i32.const 300)))
        (call $bytes (i32.const 300) (i32.load (i32.const 104)))
    "#;
    let out = cli(body, &["--env", "A=b"], Some(b"hi\n"));
    assert_eq!(out.stdout, b"\0hi\n\0\0A=b\0");
}

#[test]
fn the_cli_polls_the_hosts_stdin_until_the_clock_fires() {
    // fd_read on stdin (a pipe with nothing in it, kept open) and a
    // relative 300 ms clock: only the clock fires, after 300 ms.
    let body = r#"
        (drop (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 100)))
        (i64.store (i32.const 200) (i64.const 1))
        (i32.store8 (i32.const 208) (i32.const 1))
        (i32.store (i32.const 216) (i32.const 0))
        (i64.store (i32.const 248) (i64.const 2))
        (i32.store8 (i32.const 256) (i32.const 0))
        (i32.store (i32.const 264) (i32.const 1))
        (i64.store (i32.const 272) (i64.const 300000000))
        (call $e (call $poll_oneoff (i32.const 200) (i32.const 400) (i32.const 2) (i32.const 340)))
        (drop (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 108)))
        (call $e (i32.load (i32.const 340)))
        (call $u64 (i64.load (i32.const 400)))
        (call $u64 (i64.sub (i64.load (i32.const 108)) (i64.load (i32.const 100))))
    "#;
    let out = cli(body, &[], None).stdout;
    assert_eq!(out[..2], [OK, 1], "{out:?}");
    assert_eq!(u64_at(&out, 2), 2, "the clock's event");
    assert!(u64_at(&out, 10) >= 250_000_000, "{} ns", u64_at(&out, 10));
}

#[test]
fn a_terminal_on_stdin_is_a_character_device() {
    use rustix::pty::{OpenptFlags, grantpt, openpt, ptsname, unlockpt};
    let master = match openpt(OpenptFlags::RDWR | OpenptFlags::NOCTTY) {
        Ok(master) => master,
        Err(e) => {
            eprintln!("skipped: no pseudo-terminal here (openpt: {e})");
            return;
        }
    };
    grantpt(&master).expect("grantpt");
    unlockpt(&master).expect("unlockpt");
    let name = ptsname(&master, Vec::new()).expect("ptsname");
    let terminal = std::fs::OpenOptions::new()
        .read(true)
        .write(true)
        .open(name.to_str().expect("pts names are UTF-8"))
        .expect("opening the pty's terminal end");
    let body = r#"
        (call $e (call $fd_filestat_get (i32.const 0) (i32.const 700)))
        (call $e (i32.load8_u (i32.const 716)))
        (call $e (call $fd_fdstat_get (i32.const 0) (i32.const 600)))
        (call $e (i32.load8_u (i32.const 600)))
    "#;
    let (_dir, mut command) = cli_command(body, &[], &[]);
    let out = command
        .stdin(Stdio::from(terminal))
        .stderr(Stdio::piped())
        .output()
        .unwrap();
    assert_exited_0(&out);
    // witx filetype character_device (2), from fstat and from fdstat.
    assert_eq!(out.stdout, [OK, 2, OK, 2]);
}

#[test]
fn a_write_cut_by_the_file_size_limit_reports_what_was_written_then_efbig() {
    // sh runs the CLI with a file size limit of one block (512 or 1024
    // bytes, as the shell counts) and SIGXFSZ ignored, so a write past it
    // is cut short and the next one fails with EFBIG.
    let body = r#"
        (i32.store8 (i32.const 440) (i32.const 111))
        ;; "o" created with fd_write (64).
        (call $e (call $path_open (i32.const 3) (i32.const 0) (i32.const 440) (i32.const 1)
          (i32.const 1) (i64.const 64) (i64.const 0) (i32.const 0) (i32.const 500)))
        ;; Two buffers of 4096 bytes: the first is cut by the limit.
        (i32.store (i32.const 0) (i32.const 8192))
        (i32.store (i32.const 4) (i32.const 4096))
        (i32.store (i32.const 8) (i32.const 12288))
        (i32.store (i32.const 12) (i32.const 4096))
        (call $e (call $fd_write (i32.load (i32.const 500)) (i32.const 0) (i32.const 2) (i32.const 504)))
        (call $u64 (i64.extend_i32_u (i32.load (i32.const 504))))
        ;; At the limit: nothing written, EFBIG.
        (call $e (call $fd_write (i32.load (i32.const 500)) (i32.const 0) (i32.const 2) (i32.const 504)))
    "#;
    let scratch = tempfile::tempdir().unwrap();
    let dir = format!("{}::d", scratch.path().display());
    let launcher = ["sh", "-c", "trap '' XFSZ; ulimit -f 1 && exec \"$@\"", "sh"];
    let (_dir, mut command) = cli_command(body, &["--dir", &dir], &launcher);
    let out = command.stderr(Stdio::piped()).output().unwrap();
    assert_exited_0(&out);
    let written = std::fs::metadata(scratch.path().join("o")).unwrap().len();
    assert!(
        matches!(written, 512 | 1024),
        "the limit cut the file at {written}"
    );
    assert_eq!(out.stdout.len(), 11, "{:?}", out.stdout);
    assert_eq!(out.stdout[..2], [OK, OK], "{:?}", out.stdout);
    assert_eq!(
        u64_at(&out.stdout, 2),
        written,
        "nwritten is what reached the file"
    );
    assert_eq!(out.stdout[10], FBIG);
}

#[test]
fn a_size_the_file_system_allows_is_set_whole() {
    // tmpfs takes files up to i64::MAX bytes (ext4 stops at 16 TiB), so
    // fd_filestat_set_size(i64::MAX) is the host's to accept there.
    let Ok(tmpfs) = tempfile::tempdir_in("/dev/shm") else {
        eprintln!("skipped: no /dev/shm to make a tmpfs dir in");
        return;
    };
    let is_tmpfs = rustix::fs::statfs(tmpfs.path()).is_ok_and(|s| s.f_type == 0x0102_1994);
    if !is_tmpfs {
        eprintln!("skipped: /dev/shm is not tmpfs");
        return;
    }
    std::fs::write(tmpfs.path().join("f"), b"").unwrap();
    let b = WasiCtxBuilder::new()
        .preopen_dir(tmpfs.path(), "d")
        .unwrap();
    let body = r#"
        ;; "f" with fd_filestat_set_size (1 << 22).
        (call $e (call $path_open (i32.const 3) (i32.const 0) (i32.const 410) (i32.const 1)
          (i32.const 0) (i64.const 0x400000) (i64.const 0) (i32.const 0) (i32.const 500)))
        (call $e (call $fd_filestat_set_size (i32.load (i32.const 500)) (i64.const 0x7fffffffffffffff)))
        (call $e (call $fd_filestat_set_size (i32.load (i32.const 500)) (i64.const 0x8000000000000000)))
    "#;
    let out = run(body, b).stdout;
    assert_eq!(out, [OK, OK, FBIG]);
    assert_eq!(
        std::fs::metadata(tmpfs.path().join("f")).unwrap().len(),
        i64::MAX as u64
    );
}
