//! `reference-runtime run` as a person uses it: `--trace` on stderr or into
//! a file, and the one-line refusal of a module that imports a preview1
//! function with the wrong signature.

use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_reference-runtime"))
}

const HELLO: &str = r#"(module
  (import "wasi_snapshot_preview1" "fd_write" (func $w (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 16) "hi\n")
  (func (export "_start")
    (i32.store (i32.const 0) (i32.const 16))
    (i32.store (i32.const 4) (i32.const 3))
    (drop (call $w (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8)))
    (call $exit (i32.const 3))))"#;

const TRACE: &str = "fd_write(fd: 1, iovs: 0x0, iovs_len: 1, nwritten: 0x8) -> OK; nwritten = 3\nproc_exit(rval: 3) -> exit 3\n";

fn module(dir: &std::path::Path, wat: &str) -> std::path::PathBuf {
    let path = dir.join("m.wasm");
    std::fs::write(&path, wat::parse_str(wat).unwrap()).unwrap();
    path
}

#[test]
fn trace_goes_to_stderr_or_to_the_file_given() {
    let dir = tempfile::tempdir().unwrap();
    let m = module(dir.path(), HELLO);
    let out = bin().args(["run", "--trace"]).arg(&m).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "hi\n");
    assert_eq!(String::from_utf8_lossy(&out.stderr), TRACE);

    let file = dir.path().join("trace.txt");
    let out = bin()
        .arg("run")
        .arg(format!("--trace={}", file.display()))
        .arg(&m)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), TRACE);

    // Without --trace, nothing but the guest's output.
    let out = bin().arg("run").arg(&m).output().unwrap();
    assert!(out.stderr.is_empty());
}

#[test]
fn a_wrong_import_signature_is_one_line_naming_both() {
    let dir = tempfile::tempdir().unwrap();
    let m = module(
        dir.path(),
        r#"(module (import "wasi_snapshot_preview1" "fd_write" (func (param i32 i32) (result i32))) (func (export "_start")))"#,
    );
    let out = bin().arg("run").arg(&m).output().unwrap();
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(
        stderr,
        format!(
            "error: {}: unlinkable: wasi_snapshot_preview1::fd_write: imported as (i32, i32) -> i32, preview1 defines (fd: i32, iovs: i32, iovs_len: i32, nwritten: i32) -> errno i32\n",
            m.display()
        )
    );
}

/// Prints argv (NUL-separated), the environment, stdin and the file `f` of
/// the preopen at fd 3, then exits 5.
const ECHO_ALL: &str = r#"(module
  (import "wasi_snapshot_preview1" "args_sizes_get" (func $asz (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "args_get" (func $aget (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_sizes_get" (func $esz (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "environ_get" (func $eget (param i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_read" (func $read (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "fd_write" (func $write (param i32 i32 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "path_open" (func $open (param i32 i32 i32 i32 i32 i64 i64 i32 i32) (result i32)))
  (import "wasi_snapshot_preview1" "proc_exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 64) "f")
  ;; write(1, ptr, len)
  (func $out (param $ptr i32) (param $len i32)
    (i32.store (i32.const 0) (local.get $ptr))
    (i32.store (i32.const 4) (local.get $len))
    (drop (call $write (i32.const 1) (i32.const 0) (i32.const 1) (i32.const 8))))
  ;; read(fd) into 8192.., then write what was read
  (func $cat (param $fd i32)
    (i32.store (i32.const 0) (i32.const 8192))
    (i32.store (i32.const 4) (i32.const 4096))
    (drop (call $read (local.get $fd) (i32.const 0) (i32.const 1) (i32.const 8)))
    (call $out (i32.const 8192) (i32.load (i32.const 8))))
  (func (export "_start")
    (drop (call $asz (i32.const 16) (i32.const 20)))
    (drop (call $aget (i32.const 1024) (i32.const 2048)))
    (call $out (i32.const 2048) (i32.load (i32.const 20)))
    (drop (call $esz (i32.const 16) (i32.const 20)))
    (drop (call $eget (i32.const 1024) (i32.const 4096)))
    (call $out (i32.const 4096) (i32.load (i32.const 20)))
    (call $cat (i32.const 0))
    (drop (call $open (i32.const 3) (i32.const 0) (i32.const 64) (i32.const 1)
      (i32.const 0) (i64.const 2) (i64.const 0) (i32.const 0) (i32.const 24)))
    (call $cat (i32.load (i32.const 24)))
    (call $exit (i32.const 5))))"#;

/// `ReferenceRuntime::command_line` reproduces the in-process run: the
/// binary, given that line, prints the same output and exits the same.
#[test]
fn the_adapters_command_line_reproduces_its_run() {
    use conformance_adapters::{ExitStatus, Preopen, ReferenceRuntime, Runtime, WasiJob};
    let dir = tempfile::tempdir().unwrap();
    let fixture = dir.path().join("fixture");
    std::fs::create_dir(&fixture).unwrap();
    std::fs::write(fixture.join("f"), b"file text\n").unwrap();
    let job = WasiJob {
        module: module(dir.path(), ECHO_ALL),
        args: vec!["-x".into(), "two words".into(), String::new()],
        env: vec![("K".into(), "V".into()), ("EMPTY".into(), String::new())],
        preopens: vec![Preopen {
            guest: "/data".into(),
            host: fixture,
        }],
        stdin: b"from stdin\n".to_vec(),
        scratch: dir.path().to_path_buf(),
        timeout: std::time::Duration::from_secs(5),
        output_cap: 1 << 16,
    };
    let runtime = ReferenceRuntime::new();
    let observed = runtime.run_wasi(&job).unwrap();
    assert_eq!(observed.status, ExitStatus::Exit { code: 5 });
    assert!(observed.stdout.text.contains("from stdin\nfile text\n"));
    assert!(observed.stdout.text.contains("two words"));

    let line = runtime.command_line(&job);
    assert_eq!(line[0], "reference-runtime");
    let out = bin().args(&line[1..]).output().unwrap();
    assert_eq!(out.status.code(), Some(5));
    assert_eq!(String::from_utf8_lossy(&out.stdout), observed.stdout.text);
    assert!(
        out.stderr.is_empty(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn plain_mode_runs_the_same_command() {
    let dir = tempfile::tempdir().unwrap();
    let m = module(dir.path(), HELLO);
    let out = bin().args(["run", "--plain"]).arg(&m).output().unwrap();
    assert_eq!(out.status.code(), Some(3));
    assert_eq!(String::from_utf8_lossy(&out.stdout), "hi\n");
}
