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
