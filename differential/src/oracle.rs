//! The oracle's answer for a generated module, written as a spec script:
//! the module, then one `assert_return`/`assert_trap` per call with the
//! reference runtime's result, and after each call an `assert_return` of
//! every exported global and of a hash of every memory (through functions
//! added to the module, [`crate::memory_hash`]). Any runtime is then judged by the same probe
//! driver as the spec scripts, and a divergent case is a `.wast` file that
//! `wasmtime wast` or `spectest-interp` can replay as well.

use std::fmt::Write as _;

use reference_runtime::{
    Config, Engine, Error, Extern, Instance, Module, Store, TrapKind, Val, ValType,
};

use crate::memory_hash::{MEMORY_HASH_PREFIX, MemoryHashError, with_memory_hashes};
use conformance_seed::SeedRng;

/// Calls made per exported function: zeros, edge values, random values.
pub const CALLS_PER_EXPORT: usize = 3;

/// Instructions the oracle lets one call run before it calls the outcome
/// poisoned (wasm-smith's own fuel ends loops long before).
const ORACLE_FUEL: u64 = 50_000_000;

/// What the oracle made of one module.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OracleScript {
    /// The spec script (text).
    pub wast: String,
    /// Calls written as assertions.
    pub calls: usize,
    /// The call that ran out of stack or fuel on the oracle: it and the
    /// calls after it are left out (their outcome is not comparable).
    pub poisoned: bool,
}

/// Why a module has no oracle script.
#[derive(Debug, thiserror::Error)]
pub enum OracleError {
    /// The oracle refused the module (a generator or oracle bug).
    #[error("the reference runtime refused the module: {0}")]
    Refused(Error),
    /// The memory-hash functions could not be added.
    #[error(transparent)]
    MemoryHash(MemoryHashError),
}

/// Run every exported function of `module` on the reference runtime with
/// argument vectors drawn from `seed` and write what happened as a script.
pub fn oracle_script(module: &[u8], seed: u64) -> Result<OracleScript, OracleError> {
    let (module, memory_hashes) = with_memory_hashes(module).map_err(OracleError::MemoryHash)?;
    let module = module.as_slice();
    let mut config = Config::default();
    config.features(Config::supported_features());
    let engine = Engine::new(&config);
    let compiled = Module::new(&engine, module).map_err(OracleError::Refused)?;
    let mut wast = String::new();
    let _ = writeln!(wast, "(module binary {})", wast_bytes(module));
    let mut store = Store::new(&engine, ());
    store.set_fuel(Some(ORACLE_FUEL));
    let instance = match Instance::new(&mut store, &compiled, &[]) {
        Ok(instance) => instance,
        Err(Error::Trap(trap)) if !poisons(trap.kind()) => {
            // The module traps in its start function (or a segment does
            // not fit): every runtime must refuse to instantiate it.
            let mut wast = String::new();
            let _ = writeln!(
                wast,
                "(assert_trap (module binary {}) {})",
                wast_bytes(module),
                wast_string(trap.kind().message())
            );
            return Ok(OracleScript {
                wast,
                calls: 0,
                poisoned: false,
            });
        }
        Err(Error::Trap(_)) => {
            return Ok(OracleScript {
                wast,
                calls: 0,
                poisoned: true,
            });
        }
        Err(e) => return Err(OracleError::Refused(e)),
    };
    // A trap ends the instance, as it ends a runtime's process: the calls
    // after it run on a fresh instance (a new `module` directive), so no
    // runtime has to recreate what the trapping call left half done.
    let mut instance = instance;
    let exports = instance.exports(&store);
    let global_names: Vec<String> = exports
        .iter()
        .filter_map(|(name, item)| match item {
            Extern::Global(g) if printable(g.ty(&store).content_type) => Some(name.clone()),
            _ => None,
        })
        .collect();
    let mut draws = SeedRng::new(seed ^ 0x5eed_ca11);
    let mut calls = 0;
    for (name, item) in &exports {
        let Extern::Func(func) = item else { continue };
        if name.starts_with(MEMORY_HASH_PREFIX) {
            continue;
        }
        let ty = func.ty(&store);
        if !ty.params().iter().all(|t| is_number(*t)) || !ty.results().iter().all(|t| printable(*t))
        {
            continue;
        }
        for round in 0..CALLS_PER_EXPORT {
            let Some(func) = instance.get_func(&store, name) else {
                break;
            };
            let args: Vec<Val> = ty
                .params()
                .iter()
                .enumerate()
                .map(|(i, t)| argument(*t, round, i, &mut draws))
                .collect();
            let mut results: Vec<Val> = ty.results().iter().map(|t| Val::default_for(*t)).collect();
            store.set_fuel(Some(ORACLE_FUEL));
            let invoke = format!("(invoke {}{})", wast_string(name), values(&args));
            match func.call(&mut store, &args, &mut results) {
                Ok(()) => {
                    let _ = writeln!(wast, "(assert_return {invoke}{})", values(&results));
                }
                Err(Error::Trap(trap)) if !poisons(trap.kind()) => {
                    let _ = writeln!(
                        wast,
                        "(assert_trap {invoke} {})",
                        wast_string(trap.kind().message())
                    );
                    calls += 1;
                    store.set_fuel(Some(ORACLE_FUEL));
                    instance = match Instance::new(&mut store, &compiled, &[]) {
                        Ok(fresh) => fresh,
                        Err(e) => return Err(OracleError::Refused(e)),
                    };
                    let _ = writeln!(wast, "(module binary {})", wast_bytes(module));
                    continue;
                }
                Err(Error::Trap(_)) => {
                    return Ok(OracleScript {
                        wast,
                        calls,
                        poisoned: true,
                    });
                }
                Err(e) => return Err(OracleError::Refused(e)),
            }
            calls += 1;
            for global in &global_names {
                let Some(Extern::Global(g)) = instance.get_export(&store, global) else {
                    continue;
                };
                let value = g.get(&store);
                let _ = writeln!(
                    wast,
                    "(assert_return (get {}){})",
                    wast_string(global),
                    values(&[value])
                );
            }
            // Memories by their hash, through the functions added for it:
            // plain calls every runtime makes like any other.
            for hash in &memory_hashes {
                let Some(func) = instance.get_func(&store, hash) else {
                    continue;
                };
                let mut result = [Val::I64(0)];
                store.set_fuel(Some(ORACLE_FUEL));
                if let Err(e) = func.call(&mut store, &[], &mut result) {
                    return Err(OracleError::Refused(e));
                }
                let _ = writeln!(
                    wast,
                    "(assert_return (invoke {}){})",
                    wast_string(hash),
                    values(&result)
                );
            }
        }
    }
    Ok(OracleScript {
        wast,
        calls,
        poisoned: false,
    })
}

/// Outcomes that depend on a runtime's limits, not on the spec.
fn poisons(kind: TrapKind) -> bool {
    matches!(kind, TrapKind::CallStackExhausted | TrapKind::OutOfFuel)
}

fn is_number(t: ValType) -> bool {
    matches!(
        t,
        ValType::I32 | ValType::I64 | ValType::F32 | ValType::F64 | ValType::V128
    )
}

/// Types a result can be asserted with: numbers, and nullable func and
/// extern references (by class).
fn printable(t: ValType) -> bool {
    match t {
        ValType::Ref(r) => r.is_func_ref() || r.is_extern_ref(),
        t => is_number(t),
    }
}

/// Argument `i` of round `round`: zeros, then edge values, then random.
fn argument(t: ValType, round: usize, i: usize, draws: &mut SeedRng) -> Val {
    let r = draws.next_u64();
    match (round, t) {
        (0, t) => Val::default_for(t),
        (1, ValType::I32) => Val::I32([-1, i32::MIN, i32::MAX, 1][i % 4]),
        (1, ValType::I64) => Val::I64([-1, i64::MIN, i64::MAX, 1][i % 4]),
        (1, ValType::F32) => Val::F32([0x8000_0000, 0x7f80_0000, 0x0000_0001, 0x4f00_0000][i % 4]),
        (1, ValType::F64) => Val::F64(
            [
                0x8000_0000_0000_0000,
                0xfff0_0000_0000_0000,
                0x0000_0000_0000_0001,
                0x43e0_0000_0000_0000,
            ][i % 4],
        ),
        (1, ValType::V128) => Val::V128(u128::MAX),
        (_, ValType::I32) => Val::I32(r as i32),
        (_, ValType::I64) => Val::I64(r as i64),
        // Random floats, but never NaN: a NaN argument's payload is the
        // runtime's to carry or not.
        (_, ValType::F32) => Val::F32(not_nan32(r as u32)),
        (_, ValType::F64) => Val::F64(not_nan64(r)),
        (_, ValType::V128) => Val::V128(u128::from(r) | (u128::from(draws.next_u64()) << 64)),
        (_, t) => Val::default_for(t),
    }
}

fn not_nan32(bits: u32) -> u32 {
    if f32::from_bits(bits).is_nan() {
        bits & !0x0040_0000 & 0xff80_0000
    } else {
        bits
    }
}

fn not_nan64(bits: u64) -> u64 {
    if f64::from_bits(bits).is_nan() {
        bits & 0xfff0_0000_0000_0000
    } else {
        bits
    }
}

/// ` (i32.const 1) (f32.const 0x1p+0)` ...; NaNs with their exact bits
/// (`nan:0x25005f`): wasm-smith canonicalizes every NaN an arithmetic
/// operation makes, so a NaN result is either the canonical one or a
/// constant moved without arithmetic, whose bits the spec fixes (a
/// signalling NaN read back from a global must stay signalling).
/// References by class.
fn values(values: &[Val]) -> String {
    let mut out = String::new();
    for v in values {
        out.push(' ');
        out.push_str(&value(v));
    }
    out
}

fn value(v: &Val) -> String {
    match v {
        Val::I32(x) => format!("(i32.const {x})"),
        Val::I64(x) => format!("(i64.const {x})"),
        Val::F32(bits) => format!("(f32.const {})", hex_f32(*bits)),
        Val::F64(bits) => format!("(f64.const {})", hex_f64(*bits)),
        Val::V128(x) => {
            let lanes: Vec<String> = (0..4)
                .map(|i| format!("0x{:08x}", (x >> (32 * i)) as u32))
                .collect();
            format!("(v128.const i32x4 {})", lanes.join(" "))
        }
        Val::FuncRef(None) => "(ref.null func)".into(),
        Val::FuncRef(Some(_)) => "(ref.func)".into(),
        Val::ExternRef(None) => "(ref.null extern)".into(),
        Val::ExternRef(Some(_)) => "(ref.extern)".into(),
        Val::AnyRef(None) => "(ref.null any)".into(),
        Val::AnyRef(Some(_)) => "(ref.any)".into(),
    }
}

/// A float's exact value in the text format's hexadecimal notation.
fn hex_float(
    negative: bool,
    exponent: i64,
    fraction: u64,
    fraction_digits: usize,
    bias: i64,
    max_exponent: i64,
) -> String {
    let sign = if negative { "-" } else { "" };
    if exponent == max_exponent {
        return if fraction == 0 {
            format!("{sign}inf")
        } else {
            format!("{sign}nan:0x{fraction:x}")
        };
    }
    let (lead, exp) = if exponent == 0 {
        (0, 1 - bias)
    } else {
        (1, exponent - bias)
    };
    format!("{sign}0x{lead}.{fraction:0fraction_digits$x}p{exp:+}")
}

fn hex_f32(bits: u32) -> String {
    if f32::from_bits(bits).is_nan() {
        let sign = if bits >> 31 == 1 { "-" } else { "" };
        return format!("{sign}nan:0x{:x}", bits & 0x7f_ffff);
    }
    // 23 fraction bits, shifted to fill 6 hex digits.
    hex_float(
        bits >> 31 == 1,
        i64::from((bits >> 23) & 0xff),
        u64::from(bits & 0x7f_ffff) << 1,
        6,
        127,
        0xff,
    )
}

fn hex_f64(bits: u64) -> String {
    hex_float(
        bits >> 63 == 1,
        ((bits >> 52) & 0x7ff) as i64,
        bits & 0xf_ffff_ffff_ffff,
        13,
        1023,
        0x7ff,
    )
}

/// A name as a wast string: printable ASCII as is, every other byte of
/// its UTF-8 as `\XX` (Rust's `{:?}` writes `\0` and `\u{14}`, which the
/// text format does not read).
fn wast_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for b in s.bytes() {
        if (0x20..0x7f).contains(&b) && b != b'"' && b != b'\\' {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "\\{b:02x}");
        }
    }
    out.push('"');
    out
}

/// Bytes as one wast string: `"\00asm..."`.
fn wast_bytes(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len() * 3 + 2);
    out.push('"');
    for b in bytes {
        let _ = write!(out, "\\{b:02x}");
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_written_as_the_text_format_reads_them() {
        assert_eq!(wast_string("f"), r#""f""#);
        assert_eq!(wast_string("\0\u{14}\"\\é"), r#""\00\14\22\5c\c3\a9""#);
        let name = "\0\u{14}\"\\é";
        let text = format!("(module (func (export {})))", wast_string(name));
        let wasm = wat::parse_str(&text).expect("the text format reads it");
        assert!(wasm.windows(name.len()).any(|w| w == name.as_bytes()));
    }

    #[test]
    fn floats_are_written_exactly() {
        assert_eq!(hex_f32(1.0f32.to_bits()), "0x1.000000p+0");
        assert_eq!(hex_f32((-0.75f32).to_bits()), "-0x1.800000p-1");
        assert_eq!(hex_f32(1), "0x0.000002p-126");
        assert_eq!(hex_f32(f32::INFINITY.to_bits()), "inf");
        assert_eq!(hex_f64(2.5f64.to_bits()), "0x1.4000000000000p+1");
        assert_eq!(hex_f64(0), "0x0.0000000000000p-1022");
        assert_eq!(hex_f32(0x7fa5_005f), "nan:0x25005f");
        assert_eq!(hex_f32(0xffc0_0000), "-nan:0x400000");
        assert_eq!(hex_f64(0x7ff4_0000_0000_0001), "nan:0x4000000000001");
        for bits in [
            1.0f32.to_bits(),
            0x0000_0001,
            0x8040_0000,
            0x7f7f_ffff,
            0x7fa5_005f,
            0xffc0_0000,
        ] {
            let text = format!("(module (func (result f32) (f32.const {})))", hex_f32(bits));
            let wasm = wat::parse_str(&text).expect("the text format reads it");
            let pos = wasm
                .windows(1)
                .rposition(|w| w[0] == 0x43)
                .expect("f32.const");
            let read = u32::from_le_bytes(wasm[pos + 1..pos + 5].try_into().expect("4 bytes"));
            assert_eq!(read, bits, "{}", hex_f32(bits));
        }
    }

    #[test]
    fn the_script_asserts_the_oracles_results_and_traps() {
        let module = wat::parse_str(
            r#"(module
              (global (export "g") (mut i32) (i32.const 0))
              (func (export "div") (param i32 i32) (result i32)
                (global.set 0 (i32.add (global.get 0) (i32.const 1)))
                (i32.div_s (local.get 0) (local.get 1))))"#,
        )
        .expect("module");
        let script = oracle_script(&module, 1).expect("a script");
        assert_eq!(script.calls, CALLS_PER_EXPORT);
        assert!(!script.poisoned);
        assert!(
            script.wast.contains(r#"(assert_trap (invoke "div" (i32.const 0) (i32.const 0)) "integer divide by zero")"#),
            "{}",
            script.wast
        );
        assert!(
            script
                .wast
                .contains(r#"(assert_return (get "g") (i32.const 1))"#),
            "{}",
            script.wast
        );
        // The trap ended the instance; the next call runs on a fresh one.
        assert_eq!(
            script.wast.matches("(module binary").count(),
            2,
            "{}",
            script.wast
        );
        conformance_probe::Script::parse("case.wast", &script.wast).expect("the script parses");
    }

    #[test]
    fn memory_is_compared_by_its_hash_after_every_call() {
        let module = wat::parse_str(
            r#"(module
              (memory (export "m") 1 1)
              (func (export "put") (param i32)
                (i32.store (i32.const 64) (local.get 0))))"#,
        )
        .expect("module");
        let script = oracle_script(&module, 1).expect("a script");
        let hashes: Vec<&str> = script
            .wast
            .lines()
            .filter(|l| l.starts_with(r#"(assert_return (invoke "memory-hash 0")"#))
            .collect();
        assert_eq!(hashes.len(), CALLS_PER_EXPORT, "{}", script.wast);
        // Zeros, then -1: the memory differs, and so does its hash.
        assert_ne!(hashes[0], hashes[1], "{}", script.wast);
        assert_eq!(script.calls, CALLS_PER_EXPORT, "hash calls are not counted");
    }

    #[test]
    fn running_out_of_stack_poisons_the_rest() {
        let module =
            wat::parse_str(r#"(module (func $f (export "f") (call $f)) (func (export "g")))"#)
                .expect("module");
        let script = oracle_script(&module, 1).expect("a script");
        assert!(script.poisoned);
        assert_eq!(script.calls, 0);
    }
}
