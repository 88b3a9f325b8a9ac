//! Behaviour of the WASI host that the suite cases do not pin down:
//! deterministic mode (virtual clocks, seeded randomness, `poll_oneoff`
//! without sleeping), the rights model (`fd_fdstat_set_rights` only drops),
//! `proc_exit` with any code, sockets, and the full import list.

use reference_runtime::Config;
use reference_runtime::wasi::{
    DETERMINISTIC_EPOCH_NS, DETERMINISTIC_STEP_NS, FUNCTIONS, Function, MODULE, RunExit,
    RunOutcome, WasiCtx, WasiCtxBuilder, function_names, run_command,
};
use reference_runtime::{Engine, Error, Extern, FuncType, Linker, Module, Store, Val};

const IMPORTS: &str = r#"
  (import "wasi_snapshot_preview1" "clock_time_get" (func $clock_time_get (param i32 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "random_get" (func $random_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "poll_oneoff" (func $poll_oneoff (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $fd_write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_get" (func $fd_fdstat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_fdstat_set_rights" (func $fd_fdstat_set_rights (param i32 i64 i64) (result i32)))
  (import "wasi_snapshot_preview1" "sock_shutdown" (func $sock_shutdown (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "sock_accept" (func $sock_accept (param i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open" (func $path_open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_filestat_get" (func $fd_filestat_get (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_filestat_set_times" (func $fd_filestat_set_times (param i32 i64 i64 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_sync" (func $fd_sync (param i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $proc_exit (param i32)))
  (memory (export "memory") 1)
  ;; write(1, mem[ptr..ptr+len])
  (func $out (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $fd_write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
"#;

fn run(body: &str, deterministic: Option<u64>) -> RunOutcome {
    run_with(body, deterministic, WasiCtxBuilder::new())
}

fn run_with(body: &str, deterministic: Option<u64>, b: WasiCtxBuilder) -> RunOutcome {
    let wat = format!("(module {IMPORTS} (func (export \"_start\") {body}))");
    let wasm = wat::parse_str(&wat).unwrap_or_else(|e| panic!("{e}\n{wat}"));
    let mut b = b
        .arg("t.wasm")
        .capture_stdout(1 << 16)
        .capture_stderr(1 << 16);
    if let Some(seed) = deterministic {
        b = b.deterministic(seed);
    }
    run_command(&wasm, b.build().unwrap(), &Config::default())
}

/// Two clock readings (realtime, monotonic) and 16 random bytes, raw.
const CLOCKS_AND_RANDOM: &str = r#"
    (drop (call $clock_time_get (i32.const 0) (i64.const 1) (i32.const 100)))
    (drop (call $clock_time_get (i32.const 0) (i64.const 1) (i32.const 108)))
    (drop (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 116)))
    (drop (call $random_get (i32.const 124) (i32.const 16)))
    (call $out (i32.const 100) (i32.const 40))
"#;

fn u64_at(b: &[u8], at: usize) -> u64 {
    u64::from_le_bytes(b[at..at + 8].try_into().unwrap())
}

#[test]
fn deterministic_mode_repeats_exactly_and_real_mode_does_not() {
    let a = run(CLOCKS_AND_RANDOM, Some(7));
    let b = run(CLOCKS_AND_RANDOM, Some(7));
    let c = run(CLOCKS_AND_RANDOM, Some(8));
    assert_eq!(a.exit, RunExit::Exit(0));
    assert_eq!(a.stdout, b.stdout);
    assert_ne!(
        a.stdout[24..40],
        c.stdout[24..40],
        "the seed changes random_get"
    );
    assert_eq!(u64_at(&a.stdout, 0), DETERMINISTIC_EPOCH_NS);
    assert_eq!(
        u64_at(&a.stdout, 8),
        DETERMINISTIC_EPOCH_NS + DETERMINISTIC_STEP_NS
    );
    assert_eq!(u64_at(&a.stdout, 16), 2 * DETERMINISTIC_STEP_NS);
    let r1 = run(CLOCKS_AND_RANDOM, None);
    let r2 = run(CLOCKS_AND_RANDOM, None);
    assert_ne!(r1.stdout[24..40], r2.stdout[24..40], "OS randomness");
}

#[test]
fn deterministic_poll_advances_the_clock_without_sleeping() {
    // One relative clock subscription of 10 s on the monotonic clock.
    let body = r#"
        (i64.store (i32.const 200) (i64.const 42))          ;; userdata
        (i32.store8 (i32.const 208) (i32.const 0))          ;; tag: clock
        (i32.store (i32.const 216) (i32.const 1))           ;; monotonic
        (i64.store (i32.const 224) (i64.const 10000000000)) ;; 10 s
        (drop (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 100)))
        (drop (call $poll_oneoff (i32.const 200) (i32.const 300) (i32.const 1) (i32.const 340)))
        (drop (call $clock_time_get (i32.const 1) (i64.const 1) (i32.const 108)))
        (call $out (i32.const 100) (i32.const 16))
        (call $out (i32.const 300) (i32.const 32))
        (call $out (i32.const 340) (i32.const 4))
    "#;
    let started = std::time::Instant::now();
    let out = run(body, Some(0));
    assert!(started.elapsed() < std::time::Duration::from_secs(5));
    let s = &out.stdout;
    assert_eq!(
        u64_at(s, 8) - u64_at(s, 0),
        10_000_000_000 + DETERMINISTIC_STEP_NS
    );
    assert_eq!(u64_at(s, 16), 42, "event userdata");
    assert_eq!(u16::from_le_bytes([s[24], s[25]]), 0, "event error");
    assert_eq!(s[26], 0, "event type clock");
    assert_eq!(u32::from_le_bytes(s[48..52].try_into().unwrap()), 1);
}

#[test]
fn rights_can_be_dropped_but_never_regained() {
    let body = r#"
        (call $proc_exit (i32.add
          (i32.mul (call $fd_fdstat_set_rights (i32.const 1) (i64.const 0) (i64.const 0)) (i32.const 10000))
          (i32.add
            (i32.mul (call $fd_fdstat_set_rights (i32.const 1) (i64.const 64) (i64.const 0)) (i32.const 100))
            (call $fd_write (i32.const 1) (i32.const 0) (i32.const 0) (i32.const 8)))))
    "#;
    // Dropping everything: OK; asking FD_WRITE back: ENOTCAPABLE (76);
    // writing without FD_WRITE: ENOTCAPABLE.
    assert_eq!(run(body, None).exit, RunExit::Exit(76 * 100 + 76));
}

#[test]
fn proc_exit_accepts_any_code() {
    for code in [0, 1, 125, 126, 255, 256, 300, -1, i32::MIN] {
        let out = run(&format!("(call $proc_exit (i32.const {code}))"), None);
        assert_eq!(out.exit, RunExit::Exit(code));
    }
}

#[test]
fn sockets_are_ebadf_or_enotsock() {
    let body = r#"
        (call $proc_exit (i32.add
          (i32.mul (call $sock_shutdown (i32.const 1) (i32.const 2)) (i32.const 100))
          (call $sock_accept (i32.const 77) (i32.const 0) (i32.const 8))))
    "#;
    assert_eq!(run(body, None).exit, RunExit::Exit(57 * 100 + 8));
}

#[test]
fn the_table_matches_the_witx_and_a_module_importing_all_46_links() {
    // The core signatures as the witx lowers them, written out by hand from
    // `wasi_snapshot_preview1.witx`, independently of the table.
    let sigs: &[(&str, &str)] = &[
        ("args_get", "(param i32 i32) (result i32)"),
        ("args_sizes_get", "(param i32 i32) (result i32)"),
        ("environ_get", "(param i32 i32) (result i32)"),
        ("environ_sizes_get", "(param i32 i32) (result i32)"),
        ("clock_res_get", "(param i32 i32) (result i32)"),
        ("clock_time_get", "(param i32 i64 i32) (result i32)"),
        ("fd_advise", "(param i32 i64 i64 i32) (result i32)"),
        ("fd_allocate", "(param i32 i64 i64) (result i32)"),
        ("fd_close", "(param i32) (result i32)"),
        ("fd_datasync", "(param i32) (result i32)"),
        ("fd_fdstat_get", "(param i32 i32) (result i32)"),
        ("fd_fdstat_set_flags", "(param i32 i32) (result i32)"),
        ("fd_fdstat_set_rights", "(param i32 i64 i64) (result i32)"),
        ("fd_filestat_get", "(param i32 i32) (result i32)"),
        ("fd_filestat_set_size", "(param i32 i64) (result i32)"),
        (
            "fd_filestat_set_times",
            "(param i32 i64 i64 i32) (result i32)",
        ),
        ("fd_pread", "(param i32 i32 i32 i64 i32) (result i32)"),
        ("fd_prestat_get", "(param i32 i32) (result i32)"),
        ("fd_prestat_dir_name", "(param i32 i32 i32) (result i32)"),
        ("fd_pwrite", "(param i32 i32 i32 i64 i32) (result i32)"),
        ("fd_read", "(param i32 i32 i32 i32) (result i32)"),
        ("fd_readdir", "(param i32 i32 i32 i64 i32) (result i32)"),
        ("fd_renumber", "(param i32 i32) (result i32)"),
        ("fd_seek", "(param i32 i64 i32 i32) (result i32)"),
        ("fd_sync", "(param i32) (result i32)"),
        ("fd_tell", "(param i32 i32) (result i32)"),
        ("fd_write", "(param i32 i32 i32 i32) (result i32)"),
        ("path_create_directory", "(param i32 i32 i32) (result i32)"),
        (
            "path_filestat_get",
            "(param i32 i32 i32 i32 i32) (result i32)",
        ),
        (
            "path_filestat_set_times",
            "(param i32 i32 i32 i32 i64 i64 i32) (result i32)",
        ),
        (
            "path_link",
            "(param i32 i32 i32 i32 i32 i32 i32) (result i32)",
        ),
        (
            "path_open",
            "(param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)",
        ),
        (
            "path_readlink",
            "(param i32 i32 i32 i32 i32 i32) (result i32)",
        ),
        ("path_remove_directory", "(param i32 i32 i32) (result i32)"),
        (
            "path_rename",
            "(param i32 i32 i32 i32 i32 i32) (result i32)",
        ),
        ("path_symlink", "(param i32 i32 i32 i32 i32) (result i32)"),
        ("path_unlink_file", "(param i32 i32 i32) (result i32)"),
        ("poll_oneoff", "(param i32 i32 i32 i32) (result i32)"),
        ("proc_exit", "(param i32)"),
        ("proc_raise", "(param i32) (result i32)"),
        ("sched_yield", "(result i32)"),
        ("random_get", "(param i32 i32) (result i32)"),
        ("sock_accept", "(param i32 i32 i32) (result i32)"),
        ("sock_recv", "(param i32 i32 i32 i32 i32 i32) (result i32)"),
        ("sock_send", "(param i32 i32 i32 i32 i32) (result i32)"),
        ("sock_shutdown", "(param i32 i32) (result i32)"),
    ];
    assert_eq!(sigs.len(), 46);
    let mut names: Vec<&str> = function_names().collect();
    names.sort();
    let mut listed: Vec<&str> = sigs.iter().map(|s| s.0).collect();
    listed.sort();
    assert_eq!(names, listed);
    for (name, witx) in sigs {
        let function = Function::find(name).unwrap_or_else(|| panic!("{name} not in the table"));
        assert_eq!(&wat_signature(&function.func_type()), witx, "{name}");
    }
    let imports: String = sigs
        .iter()
        .map(|(n, s)| format!("(import \"wasi_snapshot_preview1\" \"{n}\" (func {s}))\n"))
        .collect();
    let wat =
        format!("(module {imports} (memory (export \"memory\") 1) (func (export \"_start\")))");
    let out = run_command(
        &wat::parse_str(&wat).unwrap(),
        WasiCtxBuilder::new().build().unwrap(),
        &Config::default(),
    );
    assert_eq!(out.exit, RunExit::Exit(0));
}

#[test]
fn open_flags_that_cap_std_alone_would_refuse() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("log.txt"), b"old content").unwrap();
    // path_open(3, "new.txt", CREAT, rights FD_READ): POSIX creates it
    // read-only; then path_open(3, "log.txt", TRUNC, FD_WRITE, fdflags
    // APPEND): truncated and opened for appending. Exit: e1 * 100 + e2.
    let body = r#"
        (call $proc_exit (i32.add
          (i32.mul
            (call $path_open (i32.const 3) (i32.const 0) (i32.const 400) (i32.const 7)
              (i32.const 1) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 500))
            (i32.const 100))
          (call $path_open (i32.const 3) (i32.const 0) (i32.const 410) (i32.const 7)
            (i32.const 8) (i64.const 0x480040) (i64.const 0) (i32.const 1) (i32.const 504))))
    "#;
    let body = format!(
        "(i64.store (i32.const 400) (i64.const 0x7478742e77656e)) ;; new.txt\n\
         (i64.store (i32.const 410) (i64.const 0x7478742e676f6c)) ;; log.txt\n{body}"
    );
    let b = WasiCtxBuilder::new().preopen_dir(dir.path(), "d").unwrap();
    assert_eq!(run_with(&body, None, b).exit, RunExit::Exit(0));
    assert_eq!(std::fs::read(dir.path().join("new.txt")).unwrap(), b"");
    assert_eq!(std::fs::read(dir.path().join("log.txt")).unwrap(), b"");
}

fn wat_signature(ty: &FuncType) -> String {
    let list = |types: &[reference_runtime::ValType]| {
        types
            .iter()
            .map(|t| t.to_string())
            .collect::<Vec<_>>()
            .join(" ")
    };
    let mut parts = Vec::new();
    if !ty.params().is_empty() {
        parts.push(format!("(param {})", list(ty.params())));
    }
    if !ty.results().is_empty() {
        parts.push(format!("(result {})", list(ty.results())));
    }
    parts.join(" ")
}

/// Links `wat` against the preview1 host.
fn link(wat: &str) -> Result<(), Error> {
    let engine = Engine::new(&Config::default());
    let module = Module::new(&engine, &wat::parse_str(wat).unwrap())?;
    let mut store = Store::new(&engine, WasiCtxBuilder::new().build().unwrap());
    let mut linker = Linker::new();
    reference_runtime::wasi::add_to_linker(&mut linker);
    linker.instantiate(&mut store, &module).map(|_| ())
}

#[test]
fn every_table_entry_links_on_its_own() {
    for function in FUNCTIONS {
        let wat = format!(
            "(module (import \"{MODULE}\" \"{}\" (func {})) (memory (export \"memory\") 1))",
            function.name,
            wat_signature(&function.func_type())
        );
        assert!(link(&wat).is_ok(), "{}", function.name);
    }
}

#[test]
fn a_wrong_signature_fails_to_link_naming_the_function_and_both_signatures() {
    let cases = [
        (
            "fd_write",
            "(param i32 i32) (result i32)",
            "wasi_snapshot_preview1::fd_write: imported as (i32, i32) -> i32, preview1 defines (fd: i32, iovs: i32, iovs_len: i32, nwritten: i32) -> errno i32",
        ),
        (
            "fd_seek",
            "(param i32 i32 i32 i32) (result i32)",
            "wasi_snapshot_preview1::fd_seek: imported as (i32, i32, i32, i32) -> i32, preview1 defines (fd: i32, offset: i64, whence: i32, newoffset: i32) -> errno i32",
        ),
        (
            "proc_exit",
            "(param i32) (result i32)",
            "wasi_snapshot_preview1::proc_exit: imported as (i32) -> i32, preview1 defines (rval: i32) -> ()",
        ),
        (
            "sched_yield",
            "(param i32) (result i64)",
            "wasi_snapshot_preview1::sched_yield: imported as (i32) -> i64, preview1 defines () -> errno i32",
        ),
    ];
    for (name, sig, expected) in cases {
        let wat = format!("(module (import \"{MODULE}\" \"{name}\" (func {sig})))");
        let message = match link(&wat) {
            Err(Error::Link(message)) => message,
            other => panic!("{name}: {other:?}"),
        };
        assert_eq!(message, expected);
        assert!(!message.contains('\n'));
        // The same line reaches `run_command`'s caller.
        let out = run_command(
            &wat::parse_str(&wat).unwrap(),
            WasiCtxBuilder::new().build().unwrap(),
            &Config::default(),
        );
        assert_eq!(
            out.exit,
            RunExit::Rejected(format!("unlinkable: {expected}"))
        );
    }
}

#[test]
fn a_host_call_with_the_wrong_arity_is_refused() {
    let engine = Engine::new(&Config::default());
    let mut store = Store::new(&engine, WasiCtxBuilder::new().build().unwrap());
    let mut linker: Linker<WasiCtx> = Linker::new();
    reference_runtime::wasi::add_to_linker(&mut linker);
    let Some(Extern::Func(fd_write)) = linker.get(&mut store, MODULE, "fd_write") else {
        panic!("fd_write is not a function");
    };
    let mut results = [Val::I32(-1)];
    let short = fd_write.call(&mut store, &[Val::I32(1), Val::I32(0)], &mut results);
    assert!(matches!(short, Err(Error::Usage(_))), "{short:?}");
    let wrong_type = fd_write.call(
        &mut store,
        &[Val::I32(1), Val::I64(0), Val::I32(0), Val::I32(0)],
        &mut results,
    );
    assert!(matches!(wrong_type, Err(Error::Usage(_))), "{wrong_type:?}");
    assert_eq!(results, [Val::I32(-1)], "no call was made");
}

#[test]
fn the_trace_names_arguments_strings_errnos_and_out_values() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("f.txt"), b"abc").unwrap();
    // "f.txt" at 200; open it (fd_out at 100), then an fd that is not open.
    let body = r#"
        (i32.store8 (i32.const 200) (i32.const 0x66))
        (i32.store (i32.const 201) (i32.const 0x7478742e))
        (drop (call $path_open (i32.const 3) (i32.const 0) (i32.const 200) (i32.const 5)
            (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 100)))
        (drop (call $fd_filestat_get (i32.const 9) (i32.const 300)))
        (call $proc_exit (i32.const 7))
    "#;
    let b = WasiCtxBuilder::new()
        .preopen_dir(dir.path(), "d")
        .unwrap()
        .capture_trace(100);
    let out = run_with(body, Some(0), b);
    assert_eq!(out.exit, RunExit::Exit(7));
    let trace = out.trace.expect("a captured trace");
    assert_eq!(
        trace.calls,
        [
            "path_open(fd: 3, dirflags: 0, path: \"f.txt\", oflags: 0, fs_rights_base: 0x2, fs_rights_inheriting: 0x0, fdflags: 0, opened_fd: 0x64) -> OK; opened_fd = 4",
            "fd_filestat_get(fd: 9, buf: 0x12c) -> EBADF",
            "proc_exit(rval: 7) -> exit 7",
        ]
    );
    assert_eq!(trace.dropped, 0);
}

#[test]
fn the_trace_keeps_the_first_calls_and_counts_the_rest() {
    let body = r#"
        (drop (call $sock_shutdown (i32.const 0) (i32.const 3)))
        (drop (call $sock_shutdown (i32.const 1) (i32.const 1)))
        (drop (call $sock_shutdown (i32.const 2) (i32.const 0)))
    "#;
    let out = run_with(body, Some(0), WasiCtxBuilder::new().capture_trace(2));
    let trace = out.trace.expect("a captured trace");
    assert_eq!(trace.calls.len(), 2);
    assert!(
        trace.calls[0].starts_with("sock_shutdown(fd: 0, how: rd|wr) -> "),
        "{:?}",
        trace.calls
    );
    assert_eq!(trace.dropped, 1);
    // Without asking, there is no trace.
    assert!(run(body, Some(0)).trace.is_none());
}

#[test]
fn the_trace_can_go_to_a_writer_and_a_trap_ends_its_last_line() {
    #[derive(Clone, Default)]
    struct Shared(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);
    impl std::io::Write for Shared {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }
    let sink = Shared::default();
    // fd_write with its iovec array outside the one page of memory.
    let body =
        "(drop (call $fd_write (i32.const 1) (i32.const 70000) (i32.const 1) (i32.const 8)))";
    let out = run_with(body, Some(0), WasiCtxBuilder::new().trace_to(sink.clone()));
    assert!(matches!(out.exit, RunExit::Trap(..)), "{:?}", out.exit);
    assert!(out.trace.is_none(), "a writer's lines are not captured");
    let text = String::from_utf8(sink.0.lock().unwrap().clone()).unwrap();
    assert!(
        text.starts_with(
            "fd_write(fd: 1, iovs: 0x11170, iovs_len: 1, nwritten: 0x8) -> trap: host error: pointer out of bounds"
        ),
        "{text}"
    );
    assert_eq!(text.lines().count(), 1);
}

#[test]
fn rights_a_directory_cannot_hand_down_are_refused_where_they_apply() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/a.txt"), b"a").unwrap();
    // path_open(3, "sub", DIRECTORY, base = inheriting = every directory
    // right) as Zig's std opens a directory; then beneath it:
    //   "a.txt" asking FD_READ (2): it applies to a file and the directory
    //   cannot hand it down: ENOTCAPABLE (witx path_open: fewer rights only
    //   "if and only if those rights do not apply");
    //   "new.txt", CREAT, asking FD_WRITE (64): ENOTCAPABLE, nothing created;
    //   "a.txt" asking FD_READDIR (1 << 14), a right a file cannot use:
    //   dropped, so the open succeeds.
    // Exit: ((e0 * 100 + e1) * 100 + e2) * 100 + e3.
    let body = r#"
        (i32.store (i32.const 400) (i32.const 0x627573)) ;; sub
        (i64.store (i32.const 410) (i64.const 0x7478742e61)) ;; a.txt
        (i64.store (i32.const 420) (i64.const 0x7478742e77656e)) ;; new.txt
        (call $proc_exit (i32.add (i32.mul (i32.add (i32.mul (i32.add (i32.mul
          (call $path_open (i32.const 3) (i32.const 0) (i32.const 400) (i32.const 3)
            (i32.const 2) (i64.const 0xfbffe19) (i64.const 0xfbffe19) (i32.const 0) (i32.const 500))
          (i32.const 100))
          (call $path_open (i32.load (i32.const 500)) (i32.const 0) (i32.const 410) (i32.const 5)
            (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 504)))
          (i32.const 100))
          (call $path_open (i32.load (i32.const 500)) (i32.const 0) (i32.const 420) (i32.const 7)
            (i32.const 1) (i64.const 64) (i64.const 0) (i32.const 0) (i32.const 504)))
          (i32.const 100))
          (call $path_open (i32.load (i32.const 500)) (i32.const 0) (i32.const 410) (i32.const 5)
            (i32.const 0) (i64.const 0x4000) (i64.const 0) (i32.const 0) (i32.const 504))))
    "#;
    let b = WasiCtxBuilder::new().preopen_dir(dir.path(), "d").unwrap();
    assert_eq!(run_with(body, None, b).exit, RunExit::Exit(7676 * 100));
    assert!(!dir.path().join("sub/new.txt").exists());
}

#[test]
fn creat_with_directory_is_einval_whether_or_not_the_path_exists() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    // path_open(3, "new", CREAT|DIRECTORY) and path_open(3, "sub",
    // CREAT|DIRECTORY): EINVAL (28) both, as Linux, wasmtime, WAMR and
    // wazero answer (POSIX leaves the pair unspecified); nothing created.
    let body = r#"
        (i32.store (i32.const 400) (i32.const 0x77656e)) ;; new
        (i32.store (i32.const 410) (i32.const 0x627573)) ;; sub
        (call $proc_exit (i32.add
          (i32.mul
            (call $path_open (i32.const 3) (i32.const 0) (i32.const 400) (i32.const 3)
              (i32.const 3) (i64.const 0x4000) (i64.const 0) (i32.const 0) (i32.const 500))
            (i32.const 100))
          (call $path_open (i32.const 3) (i32.const 0) (i32.const 410) (i32.const 3)
            (i32.const 3) (i64.const 0x4000) (i64.const 0) (i32.const 0) (i32.const 504))))
    "#;
    let b = WasiCtxBuilder::new().preopen_dir(dir.path(), "d").unwrap();
    assert_eq!(run_with(body, None, b).exit, RunExit::Exit(2828));
    assert!(!dir.path().join("new").exists());
}

#[test]
fn a_directory_fd_can_be_synced_and_have_its_times_set() {
    use std::os::unix::fs::MetadataExt;
    let dir = tempfile::tempdir().unwrap();
    // fd_filestat_set_times(3, atim 1e18, mtim 1e18, ATIM|MTIM) and
    // fd_sync(3) on the preopened directory: both succeed (POSIX futimens
    // and fsync work on any open directory; wasmtime, WasmEdge, WAMR and
    // wazero set the times). Exit: e1 * 100 + e2.
    let body = r#"
        (call $proc_exit (i32.add
          (i32.mul
            (call $fd_filestat_set_times (i32.const 3)
              (i64.const 1000000000000000000) (i64.const 1000000000000000000) (i32.const 5))
            (i32.const 100))
          (call $fd_sync (i32.const 3))))
    "#;
    let b = WasiCtxBuilder::new().preopen_dir(dir.path(), "d").unwrap();
    assert_eq!(run_with(body, None, b).exit, RunExit::Exit(0));
    assert_eq!(
        std::fs::metadata(dir.path()).unwrap().mtime(),
        1_000_000_000
    );
}
