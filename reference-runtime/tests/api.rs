//! The embedding API as the WASI host and the harness adapter use it: host
//! imports through a `Linker`, caller memory access, exit codes, fuel and
//! stack limits, and robustness against arbitrary bytes.

use reference_runtime::{
    Caller, Config, Engine, Error, FuncType, Linker, Module, Store, Trap, TrapKind, Val, ValType,
};

fn module(engine: &Engine, wat: &str) -> Module {
    let bytes = wat::parse_str(wat).expect("test module is valid text");
    Module::new(engine, &bytes).expect("test module validates")
}

/// Instantiates `wat` (without imports) in a store of `config` and calls
/// its export `name`, which returns one value.
fn call_export(config: &Config, wat: &str, name: &str, args: &[Val]) -> Result<Val, Error> {
    let engine = Engine::new(config);
    let mut store = Store::new(&engine, ());
    let instance = Linker::new()
        .instantiate(&mut store, &module(&engine, wat))
        .expect("instantiates");
    let f = instance.get_func(&store, name).expect("exported");
    let mut results = [Val::I32(0)];
    f.call(&mut store, args, &mut results)?;
    let [result] = results;
    Ok(result)
}

/// Embedder state of the tests: what the guest wrote.
#[derive(Default)]
struct Host {
    written: Vec<u8>,
}

const GUEST: &str = r#"
(module
  (import "env" "write" (func $write (param i32 i32) (result i32)))
  (import "env" "exit" (func $exit (param i32)))
  (memory (export "memory") 1)
  (data (i32.const 8) "hello")
  (func (export "run") (result i32)
    (call $write (i32.const 8) (i32.const 5)))
  (func (export "quit") (call $exit (i32.const 3)) unreachable))
"#;

fn host_linker() -> Linker<Host> {
    let mut linker = Linker::new();
    linker.func_new(
        "env",
        "write",
        FuncType::new([ValType::I32, ValType::I32], [ValType::I32]),
        |mut caller: Caller<'_, Host>, args, results| {
            let (Some(ptr), Some(len)) = (args[0].i32(), args[1].i32()) else {
                return Err(Trap::host_message("bad arguments"));
            };
            let memory = caller.memory().ok_or(Trap::host_message("no memory"))?;
            let mut buf = vec![0; len as usize];
            memory.read(&caller, ptr as usize, &mut buf)?;
            memory.write(&mut caller, 0, b"ok")?;
            caller.data_mut().written.extend_from_slice(&buf);
            results[0] = Val::I32(len);
            Ok(())
        },
    );
    linker.func_new(
        "env",
        "exit",
        FuncType::new([ValType::I32], []),
        |_, args, _| Err(Trap::exit(args[0].i32().unwrap_or(-1))),
    );
    linker
}

#[test]
fn host_function_reads_and_writes_caller_memory() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, Host::default());
    let instance = host_linker()
        .instantiate(&mut store, &module(&engine, GUEST))
        .expect("instantiates");
    let run = instance.get_func(&store, "run").expect("exported");
    let mut results = [Val::I32(0)];
    run.call(&mut store, &[], &mut results).expect("runs");
    assert_eq!(results, [Val::I32(5)]);
    assert_eq!(store.data().written, b"hello");
    let memory = instance.get_memory(&store, "memory").expect("exported");
    assert_eq!(&memory.data(&store)[..2], b"ok");
}

#[test]
fn host_function_ends_the_run_with_an_exit_code() {
    let engine = Engine::default();
    let mut store = Store::new(&engine, Host::default());
    let instance = host_linker()
        .instantiate(&mut store, &module(&engine, GUEST))
        .expect("instantiates");
    let quit = instance.get_func(&store, "quit").expect("exported");
    match quit.call(&mut store, &[], &mut []) {
        Err(Error::Trap(trap)) => {
            assert_eq!(trap.kind(), TrapKind::Exit(3));
            assert_eq!(trap.exit_code(), Some(3));
        }
        other => panic!("expected an exit, got {other:?}"),
    }
}

#[test]
fn fuel_ends_an_infinite_loop() {
    let mut config = Config::default();
    config.fuel(Some(10_000));
    let engine = Engine::new(&config);
    let mut store = Store::new(&engine, ());
    let m = module(&engine, r#"(module (func (export "spin") (loop (br 0))))"#);
    let instance = Linker::new()
        .instantiate(&mut store, &m)
        .expect("instantiates");
    let spin = instance.get_func(&store, "spin").expect("exported");
    let err = spin
        .call(&mut store, &[], &mut [])
        .expect_err("runs out of fuel");
    assert_eq!(err.as_trap().map(Trap::kind), Some(TrapKind::OutOfFuel));
    assert_eq!(store.fuel(), Some(0));
}

/// Tens of millions of operations in one call: if the hot path's handlers
/// ever stopped being sibling calls (or the trampoline stopped returning),
/// each operation would take host stack and this would overflow the test
/// thread's 2 MiB.
#[test]
fn a_long_run_keeps_the_host_stack_flat() {
    for fuel in [None, Some(u64::MAX)] {
        let mut config = Config::default();
        config.fuel(fuel);
        let result = call_export(
            &config,
            r#"(module (memory 1) (func $f (export "f") (param i32) (result i32) (local i32)
                 (loop
                   (i32.store8 (i32.const 0) (local.get 0))
                   (local.set 1 (i32.add (local.get 1) (i32.load8_u (i32.const 0))))
                   (br_if 0 (local.tee 0 (i32.sub (local.get 0) (i32.const 1)))))
                 (local.get 1)))"#,
            "f",
            &[Val::I32(5_000_000)],
        )
        .expect("runs");
        // The sum of (n mod 256) for n = 1..=5,000,000.
        let expected = (1..=5_000_000u32).fold(0u32, |a, n| a.wrapping_add(n % 256));
        assert_eq!(result, Val::I32(expected as i32), "fuel {fuel:?}");
    }
}

/// A local read before it is set is zero even where the frame reuses
/// slots a previous call left non-zero (the hot path skips zeroing only for
/// functions that set every local before reading it).
#[test]
fn locals_start_at_zero_in_a_reused_frame() {
    let result = call_export(
        &Config::default(),
        r#"(module
             (func $dirty (param i32 i32 i32 i32) (result i32) (local.get 3))
             (func $unset (result i32) (local i32 i64) (local.get 0))
             (func $set (result i32) (local i32) (local.set 0 (i32.const 5)) (local.get 0))
             (func (export "main") (result i32)
               (drop (call $dirty (i32.const 7) (i32.const 7) (i32.const 7) (i32.const 7)))
               (i32.add (call $unset) (call $set))))"#,
        "main",
        &[],
    )
    .expect("runs");
    assert_eq!(result, Val::I32(5));
}

/// A null reference is 0 in the whole slot, also where the slot last held
/// a v128 with a non-zero upper half (found by the `smith` fuzz target:
/// `ref.null` wrote only the low 64 bits, and the result read as a
/// non-null externref).
#[test]
fn ref_null_clears_a_slot_that_held_a_v128() {
    let result = call_export(
        &Config::default(),
        r#"(module (func (export "f") (result externref)
             (drop (v128.const i64x2 0 -1))
             (ref.null extern)))"#,
        "f",
        &[],
    )
    .expect("runs");
    assert_eq!(result, Val::ExternRef(None));
}

#[test]
fn deep_recursion_exhausts_the_call_stack_not_the_host_stack() {
    let mut config = Config::default();
    config.max_call_depth(1_000_000).max_value_stack(1 << 24);
    let err = call_export(
        &config,
        r#"(module (func $f (export "f") (param i64) (result i64)
             (i64.add (i64.const 1) (call $f (local.get 0)))))"#,
        "f",
        &[Val::I64(0)],
    )
    .expect_err("exhausts");
    assert_eq!(
        err.as_trap().map(Trap::kind),
        Some(TrapKind::CallStackExhausted)
    );
}

#[test]
fn arbitrary_bytes_are_rejected_without_panicking() {
    let engine = Engine::default();
    let valid = wat::parse_str(GUEST).expect("valid text");
    let mut seed = 0x2545_f491_4f6c_dd1du64;
    let mut next = || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    for _ in 0..20_000 {
        let mut bytes = valid.clone();
        for _ in 0..(next() % 4 + 1) {
            let i = (next() as usize) % bytes.len();
            bytes[i] = next() as u8;
        }
        if next() % 8 == 0 {
            bytes.truncate((next() as usize) % bytes.len());
        }
        let _ = Module::new(&engine, &bytes);
    }
}

#[test]
fn modules_and_stores_cross_threads() {
    fn send<T: Send>() {}
    fn sync<T: Sync>() {}
    send::<Store<Host>>();
    send::<Module>();
    sync::<Module>();
    sync::<Engine>();
    send::<Error>();
}
