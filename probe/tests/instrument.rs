//! The probe instrumenter end to end: modules written in text, their calls
//! instrumented, the probe run as a WASI command on the reference runtime
//! (in process) and its stdout compared byte for byte.

use conformance_probe::{
    Action, InstrumentError, ModuleFacts, Observed, ProbeOptions, RefTop, Value, instrument,
};
use reference_runtime::wasi::{RunExit, WasiCtxBuilder, run_command};

fn wasm(text: &str) -> Vec<u8> {
    wat::parse_str(text).expect("test module parses")
}

fn invoke(export: &str, args: Vec<Value>) -> Action {
    Action::Invoke {
        instance: None,
        export: export.into(),
        args,
    }
}

fn get(export: &str) -> Action {
    Action::Get {
        instance: None,
        export: export.into(),
    }
}

fn run(probe: &[u8]) -> (RunExit, String) {
    let ctx = WasiCtxBuilder::new()
        .args(["probe.wasm"])
        .capture_stdout(1 << 20)
        .capture_stderr(1 << 20)
        .deterministic(0)
        .build()
        .expect("context");
    let config = reference_runtime::Config::default();
    let outcome = run_command(probe, ctx, &config);
    let stdout = String::from_utf8(outcome.stdout).expect("stdout is text");
    (outcome.exit, stdout)
}

fn probe_with(text: &str, calls: &[Action], host_refs: bool) -> Vec<u8> {
    instrument(&wasm(text), calls, &ProbeOptions { host_refs }).expect("instrumented")
}

/// Instruments, runs, asserts a clean exit, returns stdout.
fn stdout_of(text: &str, calls: &[Action], host_refs: bool) -> String {
    let probe = probe_with(text, calls, host_refs);
    let (exit, stdout) = run(&probe);
    assert!(
        matches!(exit, RunExit::Exit(0)),
        "{exit:?}, stdout {stdout:?}"
    );
    stdout
}

fn memories(probe: &[u8]) -> Vec<wasmparser::MemoryType> {
    let mut out = Vec::new();
    for payload in wasmparser::Parser::new(0).parse_all(probe) {
        match payload.unwrap() {
            wasmparser::Payload::ImportSection(r) => {
                for i in r.into_imports() {
                    if let wasmparser::TypeRef::Memory(m) = i.unwrap().ty {
                        out.push(m);
                    }
                }
            }
            wasmparser::Payload::MemorySection(r) => out.extend(r.into_iter().map(Result::unwrap)),
            _ => {}
        }
    }
    out
}

const NUMBERS: &str = r#"(module
  (func (export "i32") (result i32) i32.const 42)
  (func (export "i64") (result i64) i64.const -1)
  (func (export "f32nan") (result f32) f32.const nan:0x400001)
  (func (export "f32neg") (result f32) f32.const -1.5)
  (func (export "f64nan") (result f64) f64.const -nan:0x8000000000001)
  (func (export "f64") (result f64) f64.const 0.1)
  (func (export "v128") (result v128) v128.const i32x4 0x04030201 0x08070605 0x0c0b0a09 0x100f0e0d)
  (func (export "multi") (result i32 i64 f32 f64)
    i32.const 1 i64.const 0x123456789abcdef f32.const 0 f64.const -0)
  (func (export "none"))
  (func (export "add") (param i32 i32) (result i32) (i32.add (local.get 0) (local.get 1)))
  (func (export "args") (param i64 f32 f64 v128) (result v128 f64 f32 i64)
    local.get 3 local.get 2 local.get 1 local.get 0)
)"#;

#[test]
fn numbers_print_as_their_bits() {
    let v = 0x100f0e0d_0c0b0a09_08070605_04030201u128;
    let calls = [
        invoke("i32", vec![]),
        invoke("i64", vec![]),
        invoke("f32nan", vec![]),
        invoke("f32neg", vec![]),
        invoke("f64nan", vec![]),
        invoke("f64", vec![]),
        invoke("v128", vec![]),
        invoke("multi", vec![]),
        invoke("none", vec![]),
        invoke("add", vec![Value::I32(0xffff_ffff), Value::I32(3)]),
        invoke(
            "args",
            vec![
                Value::I64(0x8000_0000_0000_0001),
                Value::F32(0x7fa0_0000),
                Value::F64(0xfff4_0000_0000_0000),
                Value::V128(v),
            ],
        ),
    ];
    let stdout = stdout_of(NUMBERS, &calls, false);
    let expected = format!(
        "ready\n\
         0 i32:0000002a\n\
         1 i64:ffffffffffffffff\n\
         2 f32:7fc00001\n\
         3 f32:bfc00000\n\
         4 f64:fff8000000000001\n\
         5 f64:3fb999999999999a\n\
         6 {}\n\
         7 i32:00000001 i64:0123456789abcdef f32:00000000 f64:8000000000000000\n\
         8\n\
         9 i32:00000002\n\
         10 v128:{v:032x} f64:fff4000000000000 f32:7fa00000 i64:8000000000000001\n\
         done\n",
        Observed::V128(v)
    );
    assert_eq!(stdout, expected);
    // Every token parses back as what it shows.
    for line in stdout.lines().skip(1) {
        for token in line.split(' ').skip(1) {
            token.parse::<Observed>().expect(token);
        }
    }
}

#[test]
fn memory_zero_is_used_and_left_as_it_was() {
    let text = r#"(module
      (memory 1)
      (data (i32.const 0) "0123456789abcdefghijklmnopqrstuvwxyz")
      (func (export "load") (param i32) (result i64) (i64.load (local.get 0)))
      (func (export "store") (param i32 i64) (i64.store (local.get 0) (local.get 1)))
    )"#;
    let calls = [
        invoke("load", vec![Value::I32(0)]),
        invoke("load", vec![Value::I32(8)]),
        invoke(
            "store",
            vec![Value::I32(16), Value::I64(0x4142_4344_4546_4748)],
        ),
        invoke("load", vec![Value::I32(16)]),
        invoke("load", vec![Value::I32(24)]),
        invoke("load", vec![Value::I32(28)]),
    ];
    let le = |s: &[u8]| u64::from_le_bytes(s.try_into().unwrap());
    let text_bytes = b"0123456789abcdefghijklmnopqrstuvwxyz";
    let stdout = stdout_of(text, &calls, false);
    assert_eq!(
        stdout,
        format!(
            "ready\n0 i64:{:016x}\n1 i64:{:016x}\n2\n3 i64:4142434445464748\n4 i64:{:016x}\n5 i64:{:016x}\ndone\n",
            le(&text_bytes[0..8]),
            le(&text_bytes[8..16]),
            le(&text_bytes[24..32]),
            le(&text_bytes[28..36]),
        )
    );
    let probe = probe_with(text, &calls, false);
    assert_eq!(memories(&probe).len(), 1, "memory 0 is reused");
}

#[test]
fn a_memory_too_small_gets_a_memory_of_its_own() {
    let text = r#"(module
      (memory 0)
      (func (export "size") (result i32) memory.size)
      (func (export "grow") (result i32) (memory.grow (i32.const 1)))
      (func (export "load") (result i64) (i64.load (i32.const 0)))
    )"#;
    let calls = [
        invoke("size", vec![]),
        invoke("grow", vec![]),
        invoke("load", vec![]),
        invoke("size", vec![]),
    ];
    assert_eq!(
        stdout_of(text, &calls, false),
        "ready\n0 i32:00000000\n1 i32:00000000\n2 i64:0000000000000000\n3 i32:00000001\ndone\n"
    );
    let probe = probe_with(text, &calls, false);
    let mems = memories(&probe);
    assert_eq!(mems.len(), 2);
    // The probe's memory comes first (WasmEdge's WASI host writes through
    // memory 0), the module's follows.
    assert_eq!(mems[0].initial, 1);
    assert_eq!(mems[1].initial, 0);

    // memory64 is never written by the probe either.
    let probe = probe_with(
        r#"(module (memory i64 1) (func (export "f") (result i64) memory.size))"#,
        &[invoke("f", vec![])],
        false,
    );
    assert_eq!(memories(&probe).len(), 2);
    assert_eq!(run(&probe).1, "ready\n0 i64:0000000000000001\ndone\n");

    // No memory at all: one is added.
    let probe = probe_with(
        r#"(module (func (export "f")))"#,
        &[invoke("f", vec![])],
        false,
    );
    assert_eq!(memories(&probe).len(), 1);
    assert_eq!(run(&probe).1, "ready\n0\ndone\n");
}

#[test]
fn custom_page_sizes_count_in_bytes() {
    // 63 one-byte pages: too small; 64: enough.
    for (pages, count) in [(63, 2), (64, 1)] {
        let text = format!(
            r#"(module (memory {pages} (pagesize 1))
                 (func (export "size") (result i32) memory.size))"#
        );
        let probe = probe_with(&text, &[invoke("size", vec![])], false);
        assert_eq!(memories(&probe).len(), count, "{pages} pages");
        assert_eq!(run(&probe).1, format!("ready\n0 i32:{pages:08x}\ndone\n"));
    }
}

#[test]
fn a_trap_ends_the_run_after_the_lines_before_it() {
    let text = r#"(module
      (func (export "ok") (result i32) i32.const 7)
      (func (export "boom") (result i32) unreachable)
    )"#;
    let calls = [
        invoke("ok", vec![]),
        invoke("boom", vec![]),
        invoke("ok", vec![]),
    ];
    let (exit, stdout) = run(&probe_with(text, &calls, false));
    assert!(matches!(exit, RunExit::Trap(..)), "{exit:?}");
    assert_eq!(stdout, "ready\n0 i32:00000007\n");
}

#[test]
fn the_start_function_runs_before_ready() {
    let text = r#"(module
      (global $g (mut i32) (i32.const 0))
      (func $init (global.set $g (i32.const 9)))
      (start $init)
      (func (export "g") (result i32) global.get $g)
    )"#;
    assert_eq!(
        stdout_of(text, &[invoke("g", vec![])], false),
        "ready\n0 i32:00000009\ndone\n"
    );
    let (exit, stdout) = run(&probe_with(
        r#"(module (func $s unreachable) (start $s) (func (export "f")))"#,
        &[invoke("f", vec![])],
        false,
    ));
    assert!(matches!(exit, RunExit::Trap(..)), "{exit:?}");
    assert_eq!(stdout, "");
}

#[test]
fn spectest_imports_become_the_references_definitions() {
    let text = r#"(module
      (import "spectest" "print_i32" (func $print_i32 (param i32)))
      (import "spectest" "print" (func $print))
      (import "spectest" "print_f64_f64" (func (param f64 f64)))
      (import "spectest" "global_i32" (global $gi i32))
      (import "spectest" "global_i64" (global $gl i64))
      (import "spectest" "global_f32" (global $gf f32))
      (global (export "gd") (import "spectest" "global_f64") f64)
      (import "spectest" "table" (table $t 10 funcref))
      (import "spectest" "memory" (memory 1))
      (global $copy i32 (global.get $gi))
      (func (export "gi") (result i32) global.get $gi)
      (func (export "gl") (result i64) global.get $gl)
      (func (export "gf") (result f32) global.get $gf)
      (func (export "copy") (result i32) global.get $copy)
      (func (export "print") (param i32) (result i32)
        (call $print_i32 (local.get 0)) (call $print) (local.get 0))
      (func (export "tsize") (result i32) table.size $t)
      (func (export "tgrow") (param i32) (result i32) (table.grow $t (ref.null func) (local.get 0)))
      (func (export "msize") (result i32) memory.size)
      (func (export "mgrow") (param i32) (result i32) (memory.grow (local.get 0)))
      (func (export "store") (i32.store (i32.const 0) (i32.const 0x01020304)))
      (func (export "load") (result i32) (i32.load (i32.const 0)))
    )"#;
    let calls = [
        invoke("gi", vec![]),
        invoke("gl", vec![]),
        invoke("gf", vec![]),
        get("gd"),
        invoke("copy", vec![]),
        invoke("print", vec![Value::I32(5)]),
        invoke("tsize", vec![]),
        invoke("tgrow", vec![Value::I32(11)]),
        invoke("tgrow", vec![Value::I32(10)]),
        invoke("msize", vec![]),
        invoke("mgrow", vec![Value::I32(2)]),
        invoke("mgrow", vec![Value::I32(1)]),
        invoke("store", vec![]),
        invoke("load", vec![]),
    ];
    let expected = format!(
        "ready\n0 i32:0000029a\n1 i64:000000000000029a\n2 f32:{:08x}\n3 f64:{:016x}\n\
         4 i32:0000029a\n5 i32:00000005\n6 i32:0000000a\n7 i32:ffffffff\n8 i32:0000000a\n\
         9 i32:00000001\n10 i32:ffffffff\n11 i32:00000001\n12\n13 i32:01020304\ndone\n",
        666.6f32.to_bits(),
        666.6f64.to_bits()
    );
    assert_eq!(stdout_of(text, &calls, false), expected);
}

#[test]
fn spectest_imports_it_cannot_provide_stay_imports() {
    for import in [
        r#"(import "spectest" "nope" (func))"#,
        r#"(import "spectest" "print_i32" (func (param i64)))"#,
        r#"(import "spectest" "print" (func (result i32)))"#,
        r#"(import "spectest" "global_i32" (global i64))"#,
        r#"(import "spectest" "global_i32" (global (mut i32)))"#,
        r#"(import "spectest" "table" (table 11 funcref))"#,
        r#"(import "spectest" "table" (table 10 15 funcref))"#,
        r#"(import "spectest" "table" (table 10 externref))"#,
        r#"(import "spectest" "memory" (memory 2))"#,
        r#"(import "spectest" "memory" (memory 1 1))"#,
        r#"(import "spectest" "memory" (memory i64 1))"#,
        r#"(import "spectest" "global_i32" (memory 1))"#,
    ] {
        let text = format!(r#"(module {import} (func (export "f")))"#);
        let probe = probe_with(&text, &[invoke("f", vec![])], false);
        let (exit, stdout) = run(&probe);
        assert!(matches!(exit, RunExit::Rejected(_)), "{import}: {exit:?}");
        assert_eq!(stdout, "", "{import}");
    }
    // Limits the reference's table and memory satisfy.
    for import in [
        r#"(import "spectest" "table" (table 0 20 funcref))"#,
        r#"(import "spectest" "memory" (memory 0 3))"#,
    ] {
        let text = format!(r#"(module {import} (func (export "f")))"#);
        assert_eq!(
            stdout_of(&text, &[invoke("f", vec![])], false),
            "ready\n0\ndone\n"
        );
    }
}

#[test]
fn other_modules_imports_are_refused() {
    let text = r#"(module
      (import "M" "f" (func $f (result i32)))
      (import "spectest" "print" (func))
      (import "N" "g" (global i32))
      (func (export "f") (result i32) call $f)
      (func (export "pure") (result i32) i32.const 1)
    )"#;
    let err = instrument(
        &wasm(text),
        &[invoke("pure", vec![])],
        &ProbeOptions::default(),
    )
    .unwrap_err();
    let pairs = vec![
        ("M".to_string(), "f".to_string()),
        ("N".to_string(), "g".to_string()),
    ];
    assert_eq!(err, InstrumentError::LinkedImports(pairs.clone()));
    assert_eq!(
        err.to_string(),
        r#"imports need other modules linked: "M"."f", "N"."g""#
    );
    let facts = ModuleFacts::new(&wasm(text)).unwrap();
    assert_eq!(facts.linked_imports(), pairs);
    assert!(!facts.is_pure("f"));
    assert!(facts.is_pure("pure"));
}

const REFS: &str = r#"(module
  (type $s (struct (field i32)))
  (type $a (array i8))
  (type $ft (func))
  (func $g (export "g"))
  (elem declare func $g)
  (func (export "null_func") (result funcref) ref.null func)
  (func (export "func") (result funcref) ref.func $g)
  (func (export "typed") (result (ref $ft)) ref.func $g)
  (func (export "null_extern") (result externref) ref.null extern)
  (func (export "extern_id") (param externref) (result externref) local.get 0)
  (func (export "extern_i31") (param i32) (result externref)
    (extern.convert_any (ref.i31 (local.get 0))))
  (func (export "any_id") (param anyref) (result anyref) local.get 0)
  (func (export "eq_id") (param eqref) (result eqref) local.get 0)
  (func (export "i31") (param i32) (result i31ref) (ref.i31 (local.get 0)))
  (func (export "struct") (result (ref null $s)) (struct.new $s (i32.const 1)))
  (func (export "array") (result arrayref) (array.new_default $a (i32.const 2)))
  (func (export "null_struct") (result structref) ref.null struct)
  (func (export "nullref") (result nullref) ref.null none)
  (func (export "is_null") (param externref) (result i32) (ref.is_null (local.get 0)))
)"#;

#[test]
fn references_print_their_class() {
    let calls = [
        invoke("null_func", vec![]),
        invoke("func", vec![]),
        invoke("typed", vec![]),
        invoke("null_extern", vec![]),
        invoke("extern_id", vec![Value::RefNull(Some(RefTop::Extern))]),
        invoke("extern_i31", vec![Value::I32(5)]),
        invoke("any_id", vec![Value::RefNull(None)]),
        invoke("i31", vec![Value::I32(7)]),
        invoke("i31", vec![Value::I32(0x4000_0003)]),
        invoke("struct", vec![]),
        invoke("array", vec![]),
        invoke("null_struct", vec![]),
        invoke("nullref", vec![]),
        invoke("is_null", vec![Value::RefNull(Some(RefTop::Extern))]),
    ];
    let expected = "ready\n0 null:func\n1 ref:func\n2 ref:func\n3 null:extern\n4 null:extern\n\
                    5 ref:extern\n6 null:any\n7 ref:i31:7\n8 ref:i31:1073741827\n9 ref:struct\n\
                    10 ref:array\n11 null:any\n12 null:any\n13 i32:00000001\ndone\n";
    assert_eq!(stdout_of(REFS, &calls, false), expected);
}

#[test]
fn host_references_round_trip_with_host_refs() {
    let calls = [
        invoke("extern_id", vec![Value::RefExtern(5)]),
        invoke("extern_id", vec![Value::RefExtern(0)]),
        invoke("extern_i31", vec![Value::I32(5)]),
        invoke("extern_i31", vec![Value::I32(0x4000_0009)]),
        invoke("any_id", vec![Value::RefHost(3)]),
        invoke("eq_id", vec![Value::RefHost(0x3fff_ffff)]),
        invoke("i31", vec![Value::I32(7)]),
        invoke("is_null", vec![Value::RefExtern(1)]),
        invoke("extern_id", vec![Value::RefNull(Some(RefTop::Extern))]),
    ];
    let expected = "ready\n0 ref:extern:5\n1 ref:extern:0\n2 ref:extern\n3 ref:extern:9\n\
                    4 ref:host:3\n5 ref:host:1073741823\n6 ref:i31:7\n7 i32:00000000\n\
                    8 null:extern\ndone\n";
    let stdout = stdout_of(REFS, &calls, true);
    assert_eq!(stdout, expected);
    assert_eq!(
        "ref:extern:5".parse::<Observed>(),
        Ok(Observed::Ref(conformance_probe::RefClass::Extern(5)))
    );
    // Without host_refs the arguments cannot be made.
    let err = instrument(
        &wasm(REFS),
        &[invoke("extern_id", vec![Value::RefExtern(5)])],
        &ProbeOptions::default(),
    )
    .unwrap_err();
    assert_eq!(err, InstrumentError::HostRefs("extern_id".into()));
}

#[test]
fn get_reads_an_exported_global() {
    let text = r#"(module
      (global $c (export "c") i64 (i64.const 77))
      (global $m (export "m") (mut i32) (i32.const 1))
      (global (export "r") funcref (ref.null func))
      (global (export "v") v128 (v128.const i64x2 1 2))
      (func (export "bump") (global.set $m (i32.add (global.get $m) (i32.const 1))))
    )"#;
    let calls = [
        get("c"),
        get("m"),
        invoke("bump", vec![]),
        get("m"),
        get("r"),
        get("v"),
    ];
    assert_eq!(
        stdout_of(text, &calls, false),
        "ready\n0 i64:000000000000004d\n1 i32:00000001\n2\n3 i32:00000002\n4 null:func\n\
         5 v128:00000000000000020000000000000001\ndone\n"
    );
    let facts = ModuleFacts::new(&wasm(text)).unwrap();
    assert!(facts.is_pure("c"));
    assert!(!facts.is_pure("bump"));
}

#[test]
fn bad_calls_are_errors() {
    let m = wasm(NUMBERS);
    let o = ProbeOptions::default();
    let args_err = |calls: &[Action]| match instrument(&m, calls, &o) {
        Err(InstrumentError::Arguments { export, .. }) => export,
        other => panic!("{other:?}"),
    };
    assert_eq!(args_err(&[invoke("add", vec![Value::I32(1)])]), "add");
    assert_eq!(
        args_err(&[invoke("add", vec![Value::I32(1), Value::I64(1)])]),
        "add"
    );
    assert_eq!(
        args_err(&[invoke("add", vec![Value::I32(1), Value::RefNull(None)])]),
        "add"
    );
    assert_eq!(
        instrument(&m, &[invoke("missing", vec![])], &o),
        Err(InstrumentError::UnknownExport("missing".into()))
    );
    let g = wasm(r#"(module (global (export "g") i32 (i32.const 0)) (func (export "f")))"#);
    assert_eq!(
        instrument(&g, &[invoke("g", vec![])], &o),
        Err(InstrumentError::NotAFunction("g".into()))
    );
    assert_eq!(
        instrument(&g, &[get("f")], &o),
        Err(InstrumentError::NotAGlobal("f".into()))
    );
    // Nulls of the wrong hierarchy, non-null parameters, host references
    // where the parameter cannot hold them.
    let r = wasm(REFS);
    let h = ProbeOptions { host_refs: true };
    for call in [
        invoke("extern_id", vec![Value::RefNull(Some(RefTop::Func))]),
        invoke("any_id", vec![Value::RefExtern(1)]),
        invoke("extern_id", vec![Value::RefHost(1)]),
        invoke("extern_id", vec![Value::RefExtern(0x4000_0000)]),
    ] {
        assert!(
            matches!(
                instrument(&r, std::slice::from_ref(&call), &h),
                Err(InstrumentError::Arguments { .. })
            ),
            "{call:?}"
        );
    }
    let nn = wasm(r#"(module (type $t (func)) (func (export "f") (param (ref $t))))"#);
    assert!(matches!(
        instrument(&nn, &[invoke("f", vec![Value::RefNull(None)])], &o),
        Err(InstrumentError::Arguments { .. })
    ));
}

#[test]
fn malformed_and_invalid_modules_are_errors_not_panics() {
    let good = wasm(NUMBERS);
    let calls = [invoke("i32", vec![])];
    let o = ProbeOptions::default();
    for bad in [
        b"".to_vec(),
        b"\0asm".to_vec(),
        b"not wasm at all".to_vec(),
        good[..good.len() / 2].to_vec(),
        wasm(r#"(module (func (result i32)))"#),
    ] {
        assert!(matches!(
            instrument(&bad, &calls, &o),
            Err(InstrumentError::Module(_))
        ));
        assert!(matches!(
            ModuleFacts::new(&bad),
            Err(InstrumentError::Module(_))
        ));
    }
    // Every truncation and many single-byte corruptions: never a panic.
    for cut in 0..good.len() {
        let _ = instrument(&good[..cut], &calls, &o);
    }
    for i in 8..good.len() {
        for x in [0x00, 0x7f, 0x80, 0xff] {
            let mut m = good.clone();
            m[i] = x;
            let _ = instrument(&m, &calls, &o);
            let _ = ModuleFacts::new(&m);
        }
    }
}

#[test]
fn exports_dropped_keep_ref_func_declared_and_names_free() {
    // `$f` is declared for `ref.func` by its export alone; the module also
    // exports its own `_start` and `memory`, which the probe's replace.
    let text = r#"(module
      (type $t (func (result i32)))
      (memory (export "memory") 1)
      (func $f (export "f") (type $t) i32.const 3)
      (func (export "_start") unreachable)
      (func (export "get") (result i32) (call_ref $t (ref.func $f)))
    )"#;
    assert_eq!(
        stdout_of(text, &[invoke("get", vec![]), invoke("f", vec![])], false),
        "ready\n0 i32:00000003\n1 i32:00000003\ndone\n"
    );
}

#[test]
fn purity_is_conservative() {
    let text = r#"(module
      (import "spectest" "print_i32" (func $print (param i32)))
      (memory 1)
      (table 1 funcref)
      (global $g (mut i32) (i32.const 0))
      (func $helper (result i32) (i32.load (i32.const 0)))
      (func $writer (i32.store (i32.const 0) (i32.const 1)))
      (func $rec (export "rec") (param i32) (result i32)
        (if (result i32) (local.get 0)
          (then (call $rec (i32.sub (local.get 0) (i32.const 1))))
          (else (call $helper))))
      (func (export "pure") (result i32) (i32.add (call $helper) (i32.const 1)))
      (func (export "load") (result i32) (call $helper))
      (func (export "store") (call $writer))
      (func (export "indirect") (call_indirect (i32.const 0)))
      (func (export "print") (call $print (i32.const 1)))
      (export "print_import" (func $print))
      (func (export "set") (global.set $g (i32.const 1)))
      (func (export "grow") (result i32) (memory.grow (i32.const 0)))
      (func (export "fill") (memory.fill (i32.const 0) (i32.const 0) (i32.const 0)))
      (func (export "tset") (table.set (i32.const 0) (ref.null func)))
      (func (export "tail") (return_call $writer))
      (func (export "atomic") (result i32) (i32.atomic.rmw.add (i32.const 0) (i32.const 1)))
      (func (export "v128store") (v128.store (i32.const 0) (v128.const i64x2 0 0)))
      (global (export "glob") i32 (i32.const 1))
    )"#;
    let facts = ModuleFacts::new(&wasm(text)).unwrap();
    for e in ["pure", "load", "rec", "glob"] {
        assert!(facts.is_pure(e), "{e} is pure");
    }
    for e in [
        "store",
        "indirect",
        "print",
        "print_import",
        "set",
        "grow",
        "fill",
        "tset",
        "tail",
        "atomic",
        "v128store",
        "missing",
    ] {
        assert!(!facts.is_pure(e), "{e} is not pure");
    }
    assert!(facts.linked_imports().is_empty());
    let gc = ModuleFacts::new(&wasm(
        r#"(module (type $s (struct (field (mut i32))))
             (func (export "sset") (param (ref $s)) (struct.set $s 0 (local.get 0) (i32.const 1)))
             (func (export "snew") (result (ref $s)) (struct.new $s (i32.const 1))))"#,
    ))
    .unwrap();
    assert!(!gc.is_pure("sset"));
    assert!(gc.is_pure("snew"));
}

/// The probes' output on a real wasmtime equals the reference's.
#[test]
fn wasmtime_prints_the_same() {
    let Some(home) = std::env::var_os("HOME") else {
        eprintln!("skipped: HOME is not set, so no wasmtime binary to run");
        return;
    };
    let bin = std::path::Path::new(&home).join(".cache/wasi-conformance/runtimes/bin/wasmtime");
    if !bin.exists() {
        eprintln!("skipped: no wasmtime binary at {}", bin.display());
        return;
    }
    let dir = tempfile_dir();
    let cases: Vec<(&str, Vec<Action>)> = vec![
        (
            NUMBERS,
            vec![
                invoke("i32", vec![]),
                invoke("f32nan", vec![]),
                invoke("f64nan", vec![]),
                invoke("v128", vec![]),
                invoke("multi", vec![]),
                invoke("none", vec![]),
                invoke("add", vec![Value::I32(40), Value::I32(2)]),
            ],
        ),
        (
            r#"(module
              (import "spectest" "global_i32" (global $gi i32))
              (import "spectest" "memory" (memory 1))
              (data (i32.const 0) "abcdefgh")
              (func (export "gi") (result i32) global.get $gi)
              (func (export "load") (result i64) (i64.load (i32.const 0)))
              (func (export "trap") unreachable))"#,
            vec![
                invoke("gi", vec![]),
                invoke("load", vec![]),
                invoke("trap", vec![]),
                invoke("gi", vec![]),
            ],
        ),
    ];
    for (n, (text, calls)) in cases.iter().enumerate() {
        let probe = probe_with(text, calls, false);
        let path = dir.join(format!("probe{n}.wasm"));
        std::fs::write(&path, &probe).unwrap();
        let output = std::process::Command::new(&bin)
            .arg("run")
            .arg(&path)
            .output()
            .expect("wasmtime runs");
        let (exit, reference) = run(&probe);
        assert_eq!(
            String::from_utf8_lossy(&output.stdout),
            reference,
            "probe {n}, stderr {}",
            String::from_utf8_lossy(&output.stderr)
        );
        assert_eq!(output.status.success(), matches!(exit, RunExit::Exit(0)));
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn tempfile_dir() -> std::path::PathBuf {
    let dir = std::env::temp_dir().join(format!("probe-instrument-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Random valid modules (wasm-smith, importing from `spectest`): every
/// exported function with constructible arguments and every exported
/// global becomes a call; the probe must validate, link on the reference
/// and print one line per call before `done`.
#[test]
fn random_modules_instrument_and_run() {
    let spectest = wasm(
        r#"(module
          (import "spectest" "print" (func))
          (import "spectest" "print_i32" (func (param i32)))
          (import "spectest" "print_i64" (func (param i64)))
          (import "spectest" "print_f32" (func (param f32)))
          (import "spectest" "print_f64" (func (param f64)))
          (import "spectest" "print_i32_f32" (func (param i32 f32)))
          (import "spectest" "print_f64_f64" (func (param f64 f64)))
          (import "spectest" "global_i32" (global i32))
          (import "spectest" "global_i64" (global i64))
          (import "spectest" "global_f32" (global f32))
          (import "spectest" "global_f64" (global f64))
          (import "spectest" "table" (table 10 20 funcref))
          (import "spectest" "memory" (memory 1 2)))"#,
    );
    let config = wasm_smith::Config {
        available_imports: Some(spectest),
        export_everything: true,
        gc_enabled: true,
        exceptions_enabled: true,
        simd_enabled: true,
        memory64_enabled: true,
        custom_page_sizes_enabled: true,
        tail_call_enabled: true,
        max_memories: 2,
        max_memory32_bytes: 1 << 20,
        max_memory64_bytes: 1 << 20,
        max_table_elements: 1_000,
        threads_enabled: false,
        ..wasm_smith::Config::default()
    };
    let mut seed = 0x9e37_79b9_7f4a_7c15u64;
    let (mut ran, mut importing) = (0, 0);
    for _ in 0..150 {
        let bytes: Vec<u8> = (0..4096)
            .map(|_| {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                seed as u8
            })
            .collect();
        let mut u = arbitrary::Unstructured::new(&bytes);
        let Ok(generated) = wasm_smith::Module::new(config.clone(), &mut u) else {
            continue;
        };
        let module = generated.to_bytes();
        let facts = ModuleFacts::new(&module).expect("facts of a valid module");
        assert!(facts.linked_imports().is_empty());
        let types = wasmparser::Validator::new_with_features(wasmparser::WasmFeatures::all())
            .validate_all(&module)
            .unwrap();
        let mut calls: Vec<Action> = Vec::new();
        let mut funcs = Vec::new();
        for payload in wasmparser::Parser::new(0).parse_all(&module) {
            let payload = payload.unwrap();
            if let wasmparser::Payload::ImportSection(r) = &payload {
                importing += usize::from(r.count() > 0);
            }
            if let wasmparser::Payload::ExportSection(r) = payload {
                for e in r {
                    let e = e.unwrap();
                    match e.kind {
                        wasmparser::ExternalKind::Global => calls.push(get(e.name)),
                        wasmparser::ExternalKind::Func => funcs.push((e.name.to_string(), e.index)),
                        _ => {}
                    }
                }
            }
        }
        for (name, index) in funcs {
            let id = types.as_ref().core_function_at(index);
            let ty = types[id].unwrap_func();
            let args: Option<Vec<Value>> = ty
                .params()
                .iter()
                .map(|p| match p {
                    wasmparser::ValType::I32 => Some(Value::I32(0)),
                    wasmparser::ValType::I64 => Some(Value::I64(0)),
                    wasmparser::ValType::F32 => Some(Value::F32(0)),
                    wasmparser::ValType::F64 => Some(Value::F64(0)),
                    wasmparser::ValType::V128 => Some(Value::V128(0)),
                    wasmparser::ValType::Ref(r) if r.is_nullable() => Some(Value::RefNull(None)),
                    wasmparser::ValType::Ref(_) => None,
                })
                .collect();
            if let Some(args) = args {
                calls.push(invoke(&name, args));
            }
        }
        let probe = match instrument(&module, &calls, &ProbeOptions::default()) {
            Ok(p) => p,
            Err(InstrumentError::Unsupported { .. }) => continue,
            Err(e) => panic!("{e}"),
        };
        let mut config = reference_runtime::Config::default();
        config.fuel(Some(200_000));
        let ctx = WasiCtxBuilder::new()
            .args(["probe.wasm"])
            .capture_stdout(1 << 20)
            .build()
            .unwrap();
        let outcome = run_command(&probe, ctx, &config);
        let stdout = String::from_utf8(outcome.stdout).unwrap();
        match outcome.exit {
            RunExit::Rejected(why) => panic!("probe rejected: {why}"),
            RunExit::Exit(code) => {
                assert_eq!(code, 0);
                let lines: Vec<&str> = stdout.lines().collect();
                assert_eq!(lines.len(), calls.len() + 2, "{stdout}");
                assert_eq!(lines[0], "ready");
                assert_eq!(lines[lines.len() - 1], "done");
                for (i, line) in lines[1..lines.len() - 1].iter().enumerate() {
                    let mut words = line.split(' ');
                    assert_eq!(words.next(), Some(i.to_string().as_str()));
                    for token in words {
                        token.parse::<Observed>().expect(token);
                    }
                }
                ran += 1;
            }
            RunExit::Trap(..) => {
                assert!(
                    stdout.is_empty() || stdout.starts_with("ready\n"),
                    "{stdout}"
                );
            }
        }
    }
    assert!(ran > 20, "only {ran} random probes ran to the end");
    assert!(
        importing > 20,
        "only {importing} random modules import from spectest"
    );
}
