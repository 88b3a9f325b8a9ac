//! SIMD (`v128`) translation and execution, kept apart from the scalar
//! executor. Values are 128-bit slots holding little-endian lanes;
//! `v128.const` and `i8x16.shuffle` immediates live in the function's
//! constant pool. Lane arithmetic is written with portable lane arrays, not
//! host intrinsics, so the semantics are plain to read.

use crate::error::{Error, TrapKind};
use crate::exec::num::{f32_max, f32_min, f64_max, f64_min, quiet32, quiet64};
use crate::ir::MemArg;
use crate::store::MemoryEntity;
use crate::value::Slot;
use wasmparser::Operator;

macro_rules! simd_ops {
    ($($name:ident)*) => {
        /// A SIMD instruction of the internal IR (at most 12 bytes, so
        /// [`crate::ir::Instr`] stays 16 bytes wide).
        #[derive(Debug, Clone, Copy, PartialEq, Eq)]
        pub(crate) enum SimdOp {
            $($name,)*
            Load(LoadKind, MemArg),
            Store(MemArg),
            LoadLane(u8, MemArg, u8),
            StoreLane(u8, MemArg, u8),
            /// `i8x16.shuffle`, lanes in the constant pool at this index.
            Shuffle(u32),
            ExtractLane(Lane, u8),
            ReplaceLane(Lane, u8),
        }

        /// Maps the operators without immediates.
        fn plain(op: &Operator<'_>) -> Option<SimdOp> {
            Some(match op {
                $(Operator::$name => SimdOp::$name,)*
                _ => return None,
            })
        }
    };
}

simd_ops! {
    I8x16Swizzle I8x16Splat I16x8Splat I32x4Splat I64x2Splat F32x4Splat F64x2Splat
    I8x16Eq I8x16Ne I8x16LtS I8x16LtU I8x16GtS I8x16GtU I8x16LeS I8x16LeU I8x16GeS I8x16GeU
    I16x8Eq I16x8Ne I16x8LtS I16x8LtU I16x8GtS I16x8GtU I16x8LeS I16x8LeU I16x8GeS I16x8GeU
    I32x4Eq I32x4Ne I32x4LtS I32x4LtU I32x4GtS I32x4GtU I32x4LeS I32x4LeU I32x4GeS I32x4GeU
    I64x2Eq I64x2Ne I64x2LtS I64x2GtS I64x2LeS I64x2GeS
    F32x4Eq F32x4Ne F32x4Lt F32x4Gt F32x4Le F32x4Ge
    F64x2Eq F64x2Ne F64x2Lt F64x2Gt F64x2Le F64x2Ge
    V128Not V128And V128AndNot V128Or V128Xor V128Bitselect V128AnyTrue
    I8x16Abs I8x16Neg I8x16Popcnt I8x16AllTrue I8x16Bitmask I8x16NarrowI16x8S I8x16NarrowI16x8U
    I8x16Shl I8x16ShrS I8x16ShrU I8x16Add I8x16AddSatS I8x16AddSatU I8x16Sub I8x16SubSatS
    I8x16SubSatU I8x16MinS I8x16MinU I8x16MaxS I8x16MaxU I8x16AvgrU
    I16x8ExtAddPairwiseI8x16S I16x8ExtAddPairwiseI8x16U I16x8Abs I16x8Neg I16x8Q15MulrSatS
    I16x8AllTrue I16x8Bitmask I16x8NarrowI32x4S I16x8NarrowI32x4U
    I16x8ExtendLowI8x16S I16x8ExtendHighI8x16S I16x8ExtendLowI8x16U I16x8ExtendHighI8x16U
    I16x8Shl I16x8ShrS I16x8ShrU I16x8Add I16x8AddSatS I16x8AddSatU I16x8Sub I16x8SubSatS
    I16x8SubSatU I16x8Mul I16x8MinS I16x8MinU I16x8MaxS I16x8MaxU I16x8AvgrU
    I16x8ExtMulLowI8x16S I16x8ExtMulHighI8x16S I16x8ExtMulLowI8x16U I16x8ExtMulHighI8x16U
    I32x4ExtAddPairwiseI16x8S I32x4ExtAddPairwiseI16x8U I32x4Abs I32x4Neg I32x4AllTrue
    I32x4Bitmask I32x4ExtendLowI16x8S I32x4ExtendHighI16x8S I32x4ExtendLowI16x8U
    I32x4ExtendHighI16x8U I32x4Shl I32x4ShrS I32x4ShrU I32x4Add I32x4Sub I32x4Mul I32x4MinS
    I32x4MinU I32x4MaxS I32x4MaxU I32x4DotI16x8S
    I32x4ExtMulLowI16x8S I32x4ExtMulHighI16x8S I32x4ExtMulLowI16x8U I32x4ExtMulHighI16x8U
    I64x2Abs I64x2Neg I64x2AllTrue I64x2Bitmask I64x2ExtendLowI32x4S I64x2ExtendHighI32x4S
    I64x2ExtendLowI32x4U I64x2ExtendHighI32x4U I64x2Shl I64x2ShrS I64x2ShrU I64x2Add I64x2Sub
    I64x2Mul I64x2ExtMulLowI32x4S I64x2ExtMulHighI32x4S I64x2ExtMulLowI32x4U
    I64x2ExtMulHighI32x4U
    F32x4Ceil F32x4Floor F32x4Trunc F32x4Nearest F32x4Abs F32x4Neg F32x4Sqrt F32x4Add F32x4Sub
    F32x4Mul F32x4Div F32x4Min F32x4Max F32x4PMin F32x4PMax
    F64x2Ceil F64x2Floor F64x2Trunc F64x2Nearest F64x2Abs F64x2Neg F64x2Sqrt F64x2Add F64x2Sub
    F64x2Mul F64x2Div F64x2Min F64x2Max F64x2PMin F64x2PMax
    I32x4TruncSatF32x4S I32x4TruncSatF32x4U F32x4ConvertI32x4S F32x4ConvertI32x4U
    I32x4TruncSatF64x2SZero I32x4TruncSatF64x2UZero F64x2ConvertLowI32x4S F64x2ConvertLowI32x4U
    F32x4DemoteF64x2Zero F64x2PromoteLowF32x4
    F32x4RelaxedMadd F32x4RelaxedNmadd F64x2RelaxedMadd F64x2RelaxedNmadd
    I16x8RelaxedDotI8x16I7x16S I32x4RelaxedDotI8x16I7x16AddS
}

/// The lane shape of an extract/replace-lane instruction.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lane {
    I8S,
    I8U,
    I16S,
    I16U,
    I32,
    I64,
}

/// What a `v128.load*` reads and how it widens it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum LoadKind {
    Full,
    I8x8S,
    I8x8U,
    I16x4S,
    I16x4U,
    I32x2S,
    I32x2U,
    Splat8,
    Splat16,
    Splat32,
    Splat64,
    Zero32,
    Zero64,
}

fn mem_arg(m: &wasmparser::MemArg) -> Result<MemArg, Error> {
    let mem = match m.target {
        wasmparser::MemArgTarget::Memory(mem) => mem,
        wasmparser::MemArgTarget::Array(_) => {
            return Err(Error::Unsupported("array memory operands".into()));
        }
    };
    // Offsets beyond 32 bits (memory64 only) saturate: every access with
    // them is out of bounds, as memories are capped at 4 GiB.
    let offset = u32::try_from(m.offset).unwrap_or(u32::MAX);
    Ok(MemArg { mem, offset })
}

/// Maps a SIMD operator to its IR form; `Ok(None)` for non-SIMD operators.
pub(crate) fn translate(
    op: &Operator<'_>,
    consts: &mut Vec<u128>,
) -> Result<Option<SimdOp>, Error> {
    use LoadKind as L;
    use Operator as O;
    if let Some(plain) = plain(op) {
        return Ok(Some(plain));
    }
    // Relaxed SIMD: each instruction takes one of the behaviours the
    // proposal allows, always the same one: swizzle and truncation as their
    // strict forms, bitselect, Wasm min/max, the strict q15mulr; multiply-add
    // (unfused) and the signed dot products are executed below.
    let relaxed = match op {
        O::I8x16RelaxedSwizzle => Some(SimdOp::I8x16Swizzle),
        O::I32x4RelaxedTruncF32x4S => Some(SimdOp::I32x4TruncSatF32x4S),
        O::I32x4RelaxedTruncF32x4U => Some(SimdOp::I32x4TruncSatF32x4U),
        O::I32x4RelaxedTruncF64x2SZero => Some(SimdOp::I32x4TruncSatF64x2SZero),
        O::I32x4RelaxedTruncF64x2UZero => Some(SimdOp::I32x4TruncSatF64x2UZero),
        O::I8x16RelaxedLaneselect
        | O::I16x8RelaxedLaneselect
        | O::I32x4RelaxedLaneselect
        | O::I64x2RelaxedLaneselect => Some(SimdOp::V128Bitselect),
        O::F32x4RelaxedMin => Some(SimdOp::F32x4Min),
        O::F32x4RelaxedMax => Some(SimdOp::F32x4Max),
        O::F64x2RelaxedMin => Some(SimdOp::F64x2Min),
        O::F64x2RelaxedMax => Some(SimdOp::F64x2Max),
        O::I16x8RelaxedQ15mulrS => Some(SimdOp::I16x8Q15MulrSatS),
        _ => None,
    };
    if relaxed.is_some() {
        return Ok(relaxed);
    }
    let load =
        |kind, m| -> Result<Option<SimdOp>, Error> { Ok(Some(SimdOp::Load(kind, mem_arg(m)?))) };
    Ok(Some(match op {
        O::V128Load { memarg } => return load(L::Full, memarg),
        O::V128Load8x8S { memarg } => return load(L::I8x8S, memarg),
        O::V128Load8x8U { memarg } => return load(L::I8x8U, memarg),
        O::V128Load16x4S { memarg } => return load(L::I16x4S, memarg),
        O::V128Load16x4U { memarg } => return load(L::I16x4U, memarg),
        O::V128Load32x2S { memarg } => return load(L::I32x2S, memarg),
        O::V128Load32x2U { memarg } => return load(L::I32x2U, memarg),
        O::V128Load8Splat { memarg } => return load(L::Splat8, memarg),
        O::V128Load16Splat { memarg } => return load(L::Splat16, memarg),
        O::V128Load32Splat { memarg } => return load(L::Splat32, memarg),
        O::V128Load64Splat { memarg } => return load(L::Splat64, memarg),
        O::V128Load32Zero { memarg } => return load(L::Zero32, memarg),
        O::V128Load64Zero { memarg } => return load(L::Zero64, memarg),
        O::V128Store { memarg } => SimdOp::Store(mem_arg(memarg)?),
        O::V128Load8Lane { memarg, lane } => SimdOp::LoadLane(1, mem_arg(memarg)?, *lane),
        O::V128Load16Lane { memarg, lane } => SimdOp::LoadLane(2, mem_arg(memarg)?, *lane),
        O::V128Load32Lane { memarg, lane } => SimdOp::LoadLane(4, mem_arg(memarg)?, *lane),
        O::V128Load64Lane { memarg, lane } => SimdOp::LoadLane(8, mem_arg(memarg)?, *lane),
        O::V128Store8Lane { memarg, lane } => SimdOp::StoreLane(1, mem_arg(memarg)?, *lane),
        O::V128Store16Lane { memarg, lane } => SimdOp::StoreLane(2, mem_arg(memarg)?, *lane),
        O::V128Store32Lane { memarg, lane } => SimdOp::StoreLane(4, mem_arg(memarg)?, *lane),
        O::V128Store64Lane { memarg, lane } => SimdOp::StoreLane(8, mem_arg(memarg)?, *lane),
        O::I8x16Shuffle { lanes } => {
            consts.push(u128::from_le_bytes(*lanes));
            SimdOp::Shuffle(consts.len() as u32 - 1)
        }
        O::I8x16ExtractLaneS { lane } => SimdOp::ExtractLane(Lane::I8S, *lane),
        O::I8x16ExtractLaneU { lane } => SimdOp::ExtractLane(Lane::I8U, *lane),
        O::I16x8ExtractLaneS { lane } => SimdOp::ExtractLane(Lane::I16S, *lane),
        O::I16x8ExtractLaneU { lane } => SimdOp::ExtractLane(Lane::I16U, *lane),
        O::I32x4ExtractLane { lane } | O::F32x4ExtractLane { lane } => {
            SimdOp::ExtractLane(Lane::I32, *lane)
        }
        O::I64x2ExtractLane { lane } | O::F64x2ExtractLane { lane } => {
            SimdOp::ExtractLane(Lane::I64, *lane)
        }
        O::I8x16ReplaceLane { lane } => SimdOp::ReplaceLane(Lane::I8U, *lane),
        O::I16x8ReplaceLane { lane } => SimdOp::ReplaceLane(Lane::I16U, *lane),
        O::I32x4ReplaceLane { lane } | O::F32x4ReplaceLane { lane } => {
            SimdOp::ReplaceLane(Lane::I32, *lane)
        }
        O::I64x2ReplaceLane { lane } | O::F64x2ReplaceLane { lane } => {
            SimdOp::ReplaceLane(Lane::I64, *lane)
        }
        _ => return Ok(None),
    }))
}

// Lane views of a v128 (little-endian: lane 0 is the lowest bits).

fn lanes<const N: usize>(v: u128) -> [u64; N] {
    let bits = 128 / N;
    let mask = if bits == 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    };
    std::array::from_fn(|i| (v >> (bits * i)) as u64 & mask)
}

fn pack<const N: usize>(lanes: [u64; N]) -> u128 {
    let bits = 128 / N;
    let mask = if bits == 64 {
        u64::MAX
    } else {
        (1u64 << bits) - 1
    };
    lanes
        .iter()
        .enumerate()
        .fold(0, |acc, (i, x)| acc | ((*x & mask) as u128) << (bits * i))
}

/// Sign-extends the low `bits` of a lane.
fn sx(x: u64, bits: u32) -> i64 {
    ((x << (64 - bits)) as i64) >> (64 - bits)
}

fn map<const N: usize>(a: u128, f: impl Fn(u64) -> u64) -> u128 {
    pack::<N>(lanes::<N>(a).map(f))
}

fn zip<const N: usize>(a: u128, b: u128, f: impl Fn(u64, u64) -> u64) -> u128 {
    let (a, b) = (lanes::<N>(a), lanes::<N>(b));
    pack::<N>(std::array::from_fn(|i| f(a[i], b[i])))
}

/// Lane-wise signed binary op on lanes of `128 / N` bits.
fn zip_s<const N: usize>(a: u128, b: u128, f: impl Fn(i64, i64) -> i64) -> u128 {
    let bits = (128 / N) as u32;
    zip::<N>(a, b, |x, y| f(sx(x, bits), sx(y, bits)) as u64)
}

fn mask(c: bool) -> u64 {
    if c { u64::MAX } else { 0 }
}

fn f32l(x: u64) -> f32 {
    f32::from_bits(x as u32)
}
fn f64l(x: u64) -> f64 {
    f64::from_bits(x)
}
fn b32(x: f32) -> u64 {
    x.to_bits() as u64
}
fn b64(x: f64) -> u64 {
    x.to_bits()
}

fn sat(x: i64, lo: i64, hi: i64) -> u64 {
    x.clamp(lo, hi) as u64
}

/// Narrows the signed lanes of `a` then `b` (N input lanes each) with
/// saturation to `[lo, hi]`.
fn narrow<const N: usize, const M: usize>(a: u128, b: u128, lo: i64, hi: i64) -> u128 {
    let bits = (128 / N) as u32;
    let (a, b) = (lanes::<N>(a), lanes::<N>(b));
    pack::<M>(std::array::from_fn(|i| {
        let x = if i < N { a[i] } else { b[i - N] };
        sat(sx(x, bits), lo, hi)
    }))
}

/// Widens half of the N-lane vector (`high` picks the upper half) into
/// N/2 lanes, sign- or zero-extending.
fn extend<const N: usize, const M: usize>(a: u128, high: bool, signed: bool) -> u128 {
    let bits = (128 / N) as u32;
    let a = lanes::<N>(a);
    let base = if high { M } else { 0 };
    pack::<M>(std::array::from_fn(|i| {
        let x = a[base + i];
        if signed { sx(x, bits) as u64 } else { x }
    }))
}

fn ext_mul<const N: usize, const M: usize>(a: u128, b: u128, high: bool, signed: bool) -> u128 {
    let (a, b) = (
        extend::<N, M>(a, high, signed),
        extend::<N, M>(b, high, signed),
    );
    zip::<M>(a, b, |x, y| x.wrapping_mul(y))
}

fn ext_add_pairwise<const N: usize, const M: usize>(a: u128, signed: bool) -> u128 {
    let bits = (128 / N) as u32;
    let a = lanes::<N>(a);
    let ext = |x: u64| if signed { sx(x, bits) as u64 } else { x };
    pack::<M>(std::array::from_fn(|i| {
        ext(a[2 * i]).wrapping_add(ext(a[2 * i + 1]))
    }))
}

fn all_true<const N: usize>(a: u128) -> Slot {
    lanes::<N>(a).iter().all(|x| *x != 0) as Slot
}

fn bitmask<const N: usize>(a: u128) -> Slot {
    let bits = 128 / N;
    lanes::<N>(a).iter().enumerate().fold(0, |acc, (i, x)| {
        acc | (((x >> (bits - 1)) & 1) as Slot) << i
    })
}

fn shift<const N: usize>(a: u128, s: u32, f: impl Fn(u64, u32, u32) -> u64) -> u128 {
    let bits = (128 / N) as u32;
    map::<N>(a, |x| f(x, s % bits, bits))
}

fn trunc_sat_f64_i32(x: f64, signed: bool) -> u64 {
    if signed {
        x as i32 as u32 as u64
    } else {
        x as u32 as u64
    }
}

/// Executes one SIMD instruction on the operand stack `stack[..*sp]`;
/// `memory` maps a module memory index to the store's memory.
pub(crate) fn execute(
    op: SimdOp,
    stack: &mut [Slot],
    sp: &mut usize,
    consts: &[u128],
    memories: &mut [MemoryEntity],
    memory: &dyn Fn(u32) -> usize,
) -> Result<(), TrapKind> {
    use SimdOp as S;
    let top = *sp - 1;
    let a1 = stack[top];
    macro_rules! un {
        ($e:expr) => {{
            stack[top] = $e;
        }};
    }
    macro_rules! bin {
        (|$a:ident, $b:ident| $e:expr) => {{
            let $b = stack[top];
            let $a = stack[top - 1];
            stack[top - 1] = $e;
            *sp -= 1;
        }};
    }
    macro_rules! shift {
        ($n:literal, $f:expr) => {{
            let s = stack[top] as u32;
            let a = stack[top - 1];
            stack[top - 1] = shift::<$n>(a, s, $f);
            *sp -= 1;
        }};
    }
    macro_rules! ternary {
        (|$a:ident, $b:ident, $c:ident| $e:expr) => {{
            let $c = stack[top];
            let $b = stack[top - 1];
            let $a = stack[top - 2];
            stack[top - 2] = $e;
            *sp -= 2;
        }};
    }
    match op {
        S::F32x4RelaxedMadd | S::F32x4RelaxedNmadd => {
            let sign = if op == S::F32x4RelaxedNmadd {
                -1.0
            } else {
                1.0
            };
            ternary!(|a, b, c| {
                let (a, b, c) = (lanes::<4>(a), lanes::<4>(b), lanes::<4>(c));
                pack::<4>(std::array::from_fn(|i| {
                    b32(sign * (f32l(a[i]) * f32l(b[i])) + f32l(c[i]))
                }))
            })
        }
        S::F64x2RelaxedMadd | S::F64x2RelaxedNmadd => {
            let sign = if op == S::F64x2RelaxedNmadd {
                -1.0
            } else {
                1.0
            };
            ternary!(|a, b, c| {
                let (a, b, c) = (lanes::<2>(a), lanes::<2>(b), lanes::<2>(c));
                pack::<2>(std::array::from_fn(|i| {
                    b64(sign * (f64l(a[i]) * f64l(b[i])) + f64l(c[i]))
                }))
            })
        }
        S::I16x8RelaxedDotI8x16I7x16S => bin!(|a, b| {
            let (a, b) = (lanes::<16>(a), lanes::<16>(b));
            pack::<8>(std::array::from_fn(|i| {
                let p = |j: usize| sx(a[j], 8) * sx(b[j], 8);
                p(2 * i).wrapping_add(p(2 * i + 1)) as u64
            }))
        }),
        S::I32x4RelaxedDotI8x16I7x16AddS => ternary!(|a, b, c| {
            let (a, b, c) = (lanes::<16>(a), lanes::<16>(b), lanes::<4>(c));
            pack::<4>(std::array::from_fn(|i| {
                let p = |j: usize| sx(a[j], 8) * sx(b[j], 8);
                let dot = (0..4).map(|k| p(4 * i + k)).sum::<i64>();
                (dot as i32).wrapping_add(c[i] as u32 as i32) as u32 as u64
            }))
        }),
        S::Load(kind, m) => {
            let mem = &memories[memory(m.mem)];
            let ea = (stack[top] as u64).saturating_add(m.offset as u64);
            let n = match kind {
                LoadKind::Full => 16,
                LoadKind::Splat8 => 1,
                LoadKind::Splat16 => 2,
                LoadKind::Splat32 | LoadKind::Zero32 => 4,
                _ => 8,
            };
            let bytes = read(&mem.data, ea, n)?;
            let mut buf = [0u8; 16];
            buf[..n].copy_from_slice(bytes);
            let raw = u128::from_le_bytes(buf);
            let low = raw as u64 as u128;
            stack[top] = match kind {
                LoadKind::Full | LoadKind::Zero32 | LoadKind::Zero64 => raw,
                LoadKind::I8x8S => extend::<16, 8>(low, false, true),
                LoadKind::I8x8U => extend::<16, 8>(low, false, false),
                LoadKind::I16x4S => extend::<8, 4>(low, false, true),
                LoadKind::I16x4U => extend::<8, 4>(low, false, false),
                LoadKind::I32x2S => extend::<4, 2>(low, false, true),
                LoadKind::I32x2U => extend::<4, 2>(low, false, false),
                LoadKind::Splat8 => pack::<16>([raw as u64; 16]),
                LoadKind::Splat16 => pack::<8>([raw as u64; 8]),
                LoadKind::Splat32 => pack::<4>([raw as u64; 4]),
                LoadKind::Splat64 => pack::<2>([raw as u64; 2]),
            };
        }
        S::Store(m) => {
            let mem = &mut memories[memory(m.mem)];
            let ea = (stack[top - 1] as u64).saturating_add(m.offset as u64);
            write(&mut mem.data, ea, &stack[top].to_le_bytes())?;
            *sp -= 2;
        }
        S::LoadLane(n, m, lane) => {
            let mem = &memories[memory(m.mem)];
            let ea = (stack[top - 1] as u64).saturating_add(m.offset as u64);
            let n = n as usize;
            let mut buf = [0u8; 16];
            buf[..n].copy_from_slice(read(&mem.data, ea, n)?);
            let mut v = stack[top].to_le_bytes();
            let at = lane as usize * n;
            v[at..at + n].copy_from_slice(&buf[..n]);
            stack[top - 1] = u128::from_le_bytes(v);
            *sp -= 1;
        }
        S::StoreLane(n, m, lane) => {
            let mem = &mut memories[memory(m.mem)];
            let ea = (stack[top - 1] as u64).saturating_add(m.offset as u64);
            let n = n as usize;
            let v = stack[top].to_le_bytes();
            let at = lane as usize * n;
            write(&mut mem.data, ea, &v[at..at + n])?;
            *sp -= 2;
        }
        S::Shuffle(i) => {
            let sel = consts[i as usize].to_le_bytes();
            bin!(|a, b| {
                let (a, b) = (a.to_le_bytes(), b.to_le_bytes());
                u128::from_le_bytes(std::array::from_fn(|j| {
                    let k = sel[j] as usize;
                    if k < 16 { a[k] } else { b[k - 16] }
                }))
            })
        }
        S::ExtractLane(shape, lane) => {
            let l = lane as usize;
            un!(match shape {
                Lane::I8S => sx(lanes::<16>(a1)[l], 8) as u32 as Slot,
                Lane::I8U => lanes::<16>(a1)[l] as Slot,
                Lane::I16S => sx(lanes::<8>(a1)[l], 16) as u32 as Slot,
                Lane::I16U => lanes::<8>(a1)[l] as Slot,
                Lane::I32 => lanes::<4>(a1)[l] as Slot,
                Lane::I64 => lanes::<2>(a1)[l] as Slot,
            })
        }
        S::ReplaceLane(shape, lane) => {
            let l = lane as usize;
            bin!(|a, x| {
                let x = x as u64;
                match shape {
                    Lane::I8S | Lane::I8U => {
                        let mut v = lanes::<16>(a);
                        v[l] = x;
                        pack(v)
                    }
                    Lane::I16S | Lane::I16U => {
                        let mut v = lanes::<8>(a);
                        v[l] = x;
                        pack(v)
                    }
                    Lane::I32 => {
                        let mut v = lanes::<4>(a);
                        v[l] = x;
                        pack(v)
                    }
                    Lane::I64 => {
                        let mut v = lanes::<2>(a);
                        v[l] = x;
                        pack(v)
                    }
                }
            })
        }
        S::I8x16Swizzle => bin!(|a, b| {
            let (a, s) = (a.to_le_bytes(), b.to_le_bytes());
            u128::from_le_bytes(std::array::from_fn(|j| {
                a.get(s[j] as usize).copied().unwrap_or(0)
            }))
        }),
        S::I8x16Splat => un!(pack::<16>([a1 as u64; 16])),
        S::I16x8Splat => un!(pack::<8>([a1 as u64; 8])),
        S::I32x4Splat | S::F32x4Splat => un!(pack::<4>([a1 as u64; 4])),
        S::I64x2Splat | S::F64x2Splat => un!(pack::<2>([a1 as u64; 2])),

        S::I8x16Eq => bin!(|a, b| zip::<16>(a, b, |x, y| mask(x == y))),
        S::I8x16Ne => bin!(|a, b| zip::<16>(a, b, |x, y| mask(x != y))),
        S::I8x16LtS => bin!(|a, b| zip_s::<16>(a, b, |x, y| mask(x < y) as i64)),
        S::I8x16LtU => bin!(|a, b| zip::<16>(a, b, |x, y| mask(x < y))),
        S::I8x16GtS => bin!(|a, b| zip_s::<16>(a, b, |x, y| mask(x > y) as i64)),
        S::I8x16GtU => bin!(|a, b| zip::<16>(a, b, |x, y| mask(x > y))),
        S::I8x16LeS => bin!(|a, b| zip_s::<16>(a, b, |x, y| mask(x <= y) as i64)),
        S::I8x16LeU => bin!(|a, b| zip::<16>(a, b, |x, y| mask(x <= y))),
        S::I8x16GeS => bin!(|a, b| zip_s::<16>(a, b, |x, y| mask(x >= y) as i64)),
        S::I8x16GeU => bin!(|a, b| zip::<16>(a, b, |x, y| mask(x >= y))),
        S::I16x8Eq => bin!(|a, b| zip::<8>(a, b, |x, y| mask(x == y))),
        S::I16x8Ne => bin!(|a, b| zip::<8>(a, b, |x, y| mask(x != y))),
        S::I16x8LtS => bin!(|a, b| zip_s::<8>(a, b, |x, y| mask(x < y) as i64)),
        S::I16x8LtU => bin!(|a, b| zip::<8>(a, b, |x, y| mask(x < y))),
        S::I16x8GtS => bin!(|a, b| zip_s::<8>(a, b, |x, y| mask(x > y) as i64)),
        S::I16x8GtU => bin!(|a, b| zip::<8>(a, b, |x, y| mask(x > y))),
        S::I16x8LeS => bin!(|a, b| zip_s::<8>(a, b, |x, y| mask(x <= y) as i64)),
        S::I16x8LeU => bin!(|a, b| zip::<8>(a, b, |x, y| mask(x <= y))),
        S::I16x8GeS => bin!(|a, b| zip_s::<8>(a, b, |x, y| mask(x >= y) as i64)),
        S::I16x8GeU => bin!(|a, b| zip::<8>(a, b, |x, y| mask(x >= y))),
        S::I32x4Eq => bin!(|a, b| zip::<4>(a, b, |x, y| mask(x == y))),
        S::I32x4Ne => bin!(|a, b| zip::<4>(a, b, |x, y| mask(x != y))),
        S::I32x4LtS => bin!(|a, b| zip_s::<4>(a, b, |x, y| mask(x < y) as i64)),
        S::I32x4LtU => bin!(|a, b| zip::<4>(a, b, |x, y| mask(x < y))),
        S::I32x4GtS => bin!(|a, b| zip_s::<4>(a, b, |x, y| mask(x > y) as i64)),
        S::I32x4GtU => bin!(|a, b| zip::<4>(a, b, |x, y| mask(x > y))),
        S::I32x4LeS => bin!(|a, b| zip_s::<4>(a, b, |x, y| mask(x <= y) as i64)),
        S::I32x4LeU => bin!(|a, b| zip::<4>(a, b, |x, y| mask(x <= y))),
        S::I32x4GeS => bin!(|a, b| zip_s::<4>(a, b, |x, y| mask(x >= y) as i64)),
        S::I32x4GeU => bin!(|a, b| zip::<4>(a, b, |x, y| mask(x >= y))),
        S::I64x2Eq => bin!(|a, b| zip::<2>(a, b, |x, y| mask(x == y))),
        S::I64x2Ne => bin!(|a, b| zip::<2>(a, b, |x, y| mask(x != y))),
        S::I64x2LtS => bin!(|a, b| zip_s::<2>(a, b, |x, y| mask(x < y) as i64)),
        S::I64x2GtS => bin!(|a, b| zip_s::<2>(a, b, |x, y| mask(x > y) as i64)),
        S::I64x2LeS => bin!(|a, b| zip_s::<2>(a, b, |x, y| mask(x <= y) as i64)),
        S::I64x2GeS => bin!(|a, b| zip_s::<2>(a, b, |x, y| mask(x >= y) as i64)),
        S::F32x4Eq => bin!(|a, b| zip::<4>(a, b, |x, y| mask(f32l(x) == f32l(y)))),
        S::F32x4Ne => bin!(|a, b| zip::<4>(a, b, |x, y| mask(f32l(x) != f32l(y)))),
        S::F32x4Lt => bin!(|a, b| zip::<4>(a, b, |x, y| mask(f32l(x) < f32l(y)))),
        S::F32x4Gt => bin!(|a, b| zip::<4>(a, b, |x, y| mask(f32l(x) > f32l(y)))),
        S::F32x4Le => bin!(|a, b| zip::<4>(a, b, |x, y| mask(f32l(x) <= f32l(y)))),
        S::F32x4Ge => bin!(|a, b| zip::<4>(a, b, |x, y| mask(f32l(x) >= f32l(y)))),
        S::F64x2Eq => bin!(|a, b| zip::<2>(a, b, |x, y| mask(f64l(x) == f64l(y)))),
        S::F64x2Ne => bin!(|a, b| zip::<2>(a, b, |x, y| mask(f64l(x) != f64l(y)))),
        S::F64x2Lt => bin!(|a, b| zip::<2>(a, b, |x, y| mask(f64l(x) < f64l(y)))),
        S::F64x2Gt => bin!(|a, b| zip::<2>(a, b, |x, y| mask(f64l(x) > f64l(y)))),
        S::F64x2Le => bin!(|a, b| zip::<2>(a, b, |x, y| mask(f64l(x) <= f64l(y)))),
        S::F64x2Ge => bin!(|a, b| zip::<2>(a, b, |x, y| mask(f64l(x) >= f64l(y)))),

        S::V128Not => un!(!a1),
        S::V128And => bin!(|a, b| a & b),
        S::V128AndNot => bin!(|a, b| a & !b),
        S::V128Or => bin!(|a, b| a | b),
        S::V128Xor => bin!(|a, b| a ^ b),
        S::V128Bitselect => {
            let c = stack[top];
            let v2 = stack[top - 1];
            let v1 = stack[top - 2];
            stack[top - 2] = (v1 & c) | (v2 & !c);
            *sp -= 2;
        }
        S::V128AnyTrue => un!((a1 != 0) as Slot),

        S::I8x16Abs => un!(map::<16>(a1, |x| sx(x, 8).unsigned_abs())),
        S::I8x16Neg => un!(map::<16>(a1, |x| x.wrapping_neg())),
        S::I8x16Popcnt => un!(map::<16>(a1, |x| x.count_ones() as u64)),
        S::I8x16AllTrue => un!(all_true::<16>(a1)),
        S::I8x16Bitmask => un!(bitmask::<16>(a1)),
        S::I8x16NarrowI16x8S => bin!(|a, b| narrow::<8, 16>(a, b, -128, 127)),
        S::I8x16NarrowI16x8U => bin!(|a, b| narrow::<8, 16>(a, b, 0, 255)),
        S::I8x16Shl => shift!(16, |x, s, _| x << s),
        S::I8x16ShrS => shift!(16, |x, s, b| (sx(x, b) >> s) as u64),
        S::I8x16ShrU => shift!(16, |x, s, _| x >> s),
        S::I8x16Add => bin!(|a, b| zip::<16>(a, b, |x, y| x.wrapping_add(y))),
        S::I8x16AddSatS => bin!(|a, b| zip_s::<16>(a, b, |x, y| (x + y).clamp(-128, 127))),
        S::I8x16AddSatU => bin!(|a, b| zip::<16>(a, b, |x, y| (x + y).min(255))),
        S::I8x16Sub => bin!(|a, b| zip::<16>(a, b, |x, y| x.wrapping_sub(y))),
        S::I8x16SubSatS => bin!(|a, b| zip_s::<16>(a, b, |x, y| (x - y).clamp(-128, 127))),
        S::I8x16SubSatU => bin!(|a, b| zip::<16>(a, b, |x, y| x.saturating_sub(y))),
        S::I8x16MinS => bin!(|a, b| zip_s::<16>(a, b, |x, y| x.min(y))),
        S::I8x16MinU => bin!(|a, b| zip::<16>(a, b, |x, y| x.min(y))),
        S::I8x16MaxS => bin!(|a, b| zip_s::<16>(a, b, |x, y| x.max(y))),
        S::I8x16MaxU => bin!(|a, b| zip::<16>(a, b, |x, y| x.max(y))),
        S::I8x16AvgrU => bin!(|a, b| zip::<16>(a, b, |x, y| (x + y).div_ceil(2))),

        S::I16x8ExtAddPairwiseI8x16S => un!(ext_add_pairwise::<16, 8>(a1, true)),
        S::I16x8ExtAddPairwiseI8x16U => un!(ext_add_pairwise::<16, 8>(a1, false)),
        S::I16x8Abs => un!(map::<8>(a1, |x| sx(x, 16).unsigned_abs())),
        S::I16x8Neg => un!(map::<8>(a1, |x| x.wrapping_neg())),
        S::I16x8Q15MulrSatS => bin!(|a, b| zip_s::<8>(a, b, |x, y| {
            ((x * y + 0x4000) >> 15).clamp(-32768, 32767)
        })),
        S::I16x8AllTrue => un!(all_true::<8>(a1)),
        S::I16x8Bitmask => un!(bitmask::<8>(a1)),
        S::I16x8NarrowI32x4S => bin!(|a, b| narrow::<4, 8>(a, b, -32768, 32767)),
        S::I16x8NarrowI32x4U => bin!(|a, b| narrow::<4, 8>(a, b, 0, 65535)),
        S::I16x8ExtendLowI8x16S => un!(extend::<16, 8>(a1, false, true)),
        S::I16x8ExtendHighI8x16S => un!(extend::<16, 8>(a1, true, true)),
        S::I16x8ExtendLowI8x16U => un!(extend::<16, 8>(a1, false, false)),
        S::I16x8ExtendHighI8x16U => un!(extend::<16, 8>(a1, true, false)),
        S::I16x8Shl => shift!(8, |x, s, _| x << s),
        S::I16x8ShrS => shift!(8, |x, s, b| (sx(x, b) >> s) as u64),
        S::I16x8ShrU => shift!(8, |x, s, _| x >> s),
        S::I16x8Add => bin!(|a, b| zip::<8>(a, b, |x, y| x.wrapping_add(y))),
        S::I16x8AddSatS => bin!(|a, b| zip_s::<8>(a, b, |x, y| (x + y).clamp(-32768, 32767))),
        S::I16x8AddSatU => bin!(|a, b| zip::<8>(a, b, |x, y| (x + y).min(65535))),
        S::I16x8Sub => bin!(|a, b| zip::<8>(a, b, |x, y| x.wrapping_sub(y))),
        S::I16x8SubSatS => bin!(|a, b| zip_s::<8>(a, b, |x, y| (x - y).clamp(-32768, 32767))),
        S::I16x8SubSatU => bin!(|a, b| zip::<8>(a, b, |x, y| x.saturating_sub(y))),
        S::I16x8Mul => bin!(|a, b| zip::<8>(a, b, |x, y| x.wrapping_mul(y))),
        S::I16x8MinS => bin!(|a, b| zip_s::<8>(a, b, |x, y| x.min(y))),
        S::I16x8MinU => bin!(|a, b| zip::<8>(a, b, |x, y| x.min(y))),
        S::I16x8MaxS => bin!(|a, b| zip_s::<8>(a, b, |x, y| x.max(y))),
        S::I16x8MaxU => bin!(|a, b| zip::<8>(a, b, |x, y| x.max(y))),
        S::I16x8AvgrU => bin!(|a, b| zip::<8>(a, b, |x, y| (x + y).div_ceil(2))),
        S::I16x8ExtMulLowI8x16S => bin!(|a, b| ext_mul::<16, 8>(a, b, false, true)),
        S::I16x8ExtMulHighI8x16S => bin!(|a, b| ext_mul::<16, 8>(a, b, true, true)),
        S::I16x8ExtMulLowI8x16U => bin!(|a, b| ext_mul::<16, 8>(a, b, false, false)),
        S::I16x8ExtMulHighI8x16U => bin!(|a, b| ext_mul::<16, 8>(a, b, true, false)),

        S::I32x4ExtAddPairwiseI16x8S => un!(ext_add_pairwise::<8, 4>(a1, true)),
        S::I32x4ExtAddPairwiseI16x8U => un!(ext_add_pairwise::<8, 4>(a1, false)),
        S::I32x4Abs => un!(map::<4>(a1, |x| sx(x, 32).unsigned_abs())),
        S::I32x4Neg => un!(map::<4>(a1, |x| x.wrapping_neg())),
        S::I32x4AllTrue => un!(all_true::<4>(a1)),
        S::I32x4Bitmask => un!(bitmask::<4>(a1)),
        S::I32x4ExtendLowI16x8S => un!(extend::<8, 4>(a1, false, true)),
        S::I32x4ExtendHighI16x8S => un!(extend::<8, 4>(a1, true, true)),
        S::I32x4ExtendLowI16x8U => un!(extend::<8, 4>(a1, false, false)),
        S::I32x4ExtendHighI16x8U => un!(extend::<8, 4>(a1, true, false)),
        S::I32x4Shl => shift!(4, |x, s, _| x << s),
        S::I32x4ShrS => shift!(4, |x, s, b| (sx(x, b) >> s) as u64),
        S::I32x4ShrU => shift!(4, |x, s, _| x >> s),
        S::I32x4Add => bin!(|a, b| zip::<4>(a, b, |x, y| x.wrapping_add(y))),
        S::I32x4Sub => bin!(|a, b| zip::<4>(a, b, |x, y| x.wrapping_sub(y))),
        S::I32x4Mul => bin!(|a, b| zip::<4>(a, b, |x, y| x.wrapping_mul(y))),
        S::I32x4MinS => bin!(|a, b| zip_s::<4>(a, b, |x, y| x.min(y))),
        S::I32x4MinU => bin!(|a, b| zip::<4>(a, b, |x, y| x.min(y))),
        S::I32x4MaxS => bin!(|a, b| zip_s::<4>(a, b, |x, y| x.max(y))),
        S::I32x4MaxU => bin!(|a, b| zip::<4>(a, b, |x, y| x.max(y))),
        S::I32x4DotI16x8S => bin!(|a, b| {
            let (a, b) = (lanes::<8>(a), lanes::<8>(b));
            pack::<4>(std::array::from_fn(|i| {
                let p = |j: usize| sx(a[j], 16) * sx(b[j], 16);
                p(2 * i).wrapping_add(p(2 * i + 1)) as u64
            }))
        }),
        S::I32x4ExtMulLowI16x8S => bin!(|a, b| ext_mul::<8, 4>(a, b, false, true)),
        S::I32x4ExtMulHighI16x8S => bin!(|a, b| ext_mul::<8, 4>(a, b, true, true)),
        S::I32x4ExtMulLowI16x8U => bin!(|a, b| ext_mul::<8, 4>(a, b, false, false)),
        S::I32x4ExtMulHighI16x8U => bin!(|a, b| ext_mul::<8, 4>(a, b, true, false)),

        S::I64x2Abs => un!(map::<2>(a1, |x| (x as i64).unsigned_abs())),
        S::I64x2Neg => un!(map::<2>(a1, |x| x.wrapping_neg())),
        S::I64x2AllTrue => un!(all_true::<2>(a1)),
        S::I64x2Bitmask => un!(bitmask::<2>(a1)),
        S::I64x2ExtendLowI32x4S => un!(extend::<4, 2>(a1, false, true)),
        S::I64x2ExtendHighI32x4S => un!(extend::<4, 2>(a1, true, true)),
        S::I64x2ExtendLowI32x4U => un!(extend::<4, 2>(a1, false, false)),
        S::I64x2ExtendHighI32x4U => un!(extend::<4, 2>(a1, true, false)),
        S::I64x2Shl => shift!(2, |x, s, _| x << s),
        S::I64x2ShrS => shift!(2, |x, s, _| ((x as i64) >> s) as u64),
        S::I64x2ShrU => shift!(2, |x, s, _| x >> s),
        S::I64x2Add => bin!(|a, b| zip::<2>(a, b, |x, y| x.wrapping_add(y))),
        S::I64x2Sub => bin!(|a, b| zip::<2>(a, b, |x, y| x.wrapping_sub(y))),
        S::I64x2Mul => bin!(|a, b| zip::<2>(a, b, |x, y| x.wrapping_mul(y))),
        S::I64x2ExtMulLowI32x4S => bin!(|a, b| ext_mul::<4, 2>(a, b, false, true)),
        S::I64x2ExtMulHighI32x4S => bin!(|a, b| ext_mul::<4, 2>(a, b, true, true)),
        S::I64x2ExtMulLowI32x4U => bin!(|a, b| ext_mul::<4, 2>(a, b, false, false)),
        S::I64x2ExtMulHighI32x4U => bin!(|a, b| ext_mul::<4, 2>(a, b, true, false)),

        S::F32x4Ceil => un!(map::<4>(a1, |x| b32(quiet32(f32l(x).ceil())))),
        S::F32x4Floor => un!(map::<4>(a1, |x| b32(quiet32(f32l(x).floor())))),
        S::F32x4Trunc => un!(map::<4>(a1, |x| b32(quiet32(f32l(x).trunc())))),
        S::F32x4Nearest => un!(map::<4>(a1, |x| b32(quiet32(f32l(x).round_ties_even())))),
        S::F32x4Abs => un!(map::<4>(a1, |x| x & 0x7fff_ffff)),
        S::F32x4Neg => un!(map::<4>(a1, |x| x ^ 0x8000_0000)),
        S::F32x4Sqrt => un!(map::<4>(a1, |x| b32(quiet32(f32l(x).sqrt())))),
        S::F32x4Add => bin!(|a, b| zip::<4>(a, b, |x, y| b32(f32l(x) + f32l(y)))),
        S::F32x4Sub => bin!(|a, b| zip::<4>(a, b, |x, y| b32(f32l(x) - f32l(y)))),
        S::F32x4Mul => bin!(|a, b| zip::<4>(a, b, |x, y| b32(f32l(x) * f32l(y)))),
        S::F32x4Div => bin!(|a, b| zip::<4>(a, b, |x, y| b32(f32l(x) / f32l(y)))),
        S::F32x4Min => bin!(|a, b| zip::<4>(a, b, |x, y| b32(f32_min(f32l(x), f32l(y))))),
        S::F32x4Max => bin!(|a, b| zip::<4>(a, b, |x, y| b32(f32_max(f32l(x), f32l(y))))),
        S::F32x4PMin => bin!(|a, b| zip::<4>(a, b, |x, y| if f32l(y) < f32l(x) { y } else { x })),
        S::F32x4PMax => bin!(|a, b| zip::<4>(a, b, |x, y| if f32l(x) < f32l(y) { y } else { x })),
        S::F64x2Ceil => un!(map::<2>(a1, |x| b64(quiet64(f64l(x).ceil())))),
        S::F64x2Floor => un!(map::<2>(a1, |x| b64(quiet64(f64l(x).floor())))),
        S::F64x2Trunc => un!(map::<2>(a1, |x| b64(quiet64(f64l(x).trunc())))),
        S::F64x2Nearest => un!(map::<2>(a1, |x| b64(quiet64(f64l(x).round_ties_even())))),
        S::F64x2Abs => un!(map::<2>(a1, |x| x & 0x7fff_ffff_ffff_ffff)),
        S::F64x2Neg => un!(map::<2>(a1, |x| x ^ 0x8000_0000_0000_0000)),
        S::F64x2Sqrt => un!(map::<2>(a1, |x| b64(quiet64(f64l(x).sqrt())))),
        S::F64x2Add => bin!(|a, b| zip::<2>(a, b, |x, y| b64(f64l(x) + f64l(y)))),
        S::F64x2Sub => bin!(|a, b| zip::<2>(a, b, |x, y| b64(f64l(x) - f64l(y)))),
        S::F64x2Mul => bin!(|a, b| zip::<2>(a, b, |x, y| b64(f64l(x) * f64l(y)))),
        S::F64x2Div => bin!(|a, b| zip::<2>(a, b, |x, y| b64(f64l(x) / f64l(y)))),
        S::F64x2Min => bin!(|a, b| zip::<2>(a, b, |x, y| b64(f64_min(f64l(x), f64l(y))))),
        S::F64x2Max => bin!(|a, b| zip::<2>(a, b, |x, y| b64(f64_max(f64l(x), f64l(y))))),
        S::F64x2PMin => bin!(|a, b| zip::<2>(a, b, |x, y| if f64l(y) < f64l(x) { y } else { x })),
        S::F64x2PMax => bin!(|a, b| zip::<2>(a, b, |x, y| if f64l(x) < f64l(y) { y } else { x })),

        S::I32x4TruncSatF32x4S => un!(map::<4>(a1, |x| f32l(x) as i32 as u32 as u64)),
        S::I32x4TruncSatF32x4U => un!(map::<4>(a1, |x| f32l(x) as u32 as u64)),
        S::F32x4ConvertI32x4S => un!(map::<4>(a1, |x| b32(x as u32 as i32 as f32))),
        S::F32x4ConvertI32x4U => un!(map::<4>(a1, |x| b32(x as u32 as f32))),
        S::I32x4TruncSatF64x2SZero | S::I32x4TruncSatF64x2UZero => {
            let signed = op == S::I32x4TruncSatF64x2SZero;
            let a = lanes::<2>(a1);
            un!(pack::<4>([
                trunc_sat_f64_i32(f64l(a[0]), signed),
                trunc_sat_f64_i32(f64l(a[1]), signed),
                0,
                0
            ]))
        }
        S::F64x2ConvertLowI32x4S => {
            let a = lanes::<4>(a1);
            un!(pack::<2>([0, 1].map(|i| b64(a[i] as u32 as i32 as f64))))
        }
        S::F64x2ConvertLowI32x4U => {
            let a = lanes::<4>(a1);
            un!(pack::<2>([0, 1].map(|i| b64(a[i] as u32 as f64))))
        }
        S::F32x4DemoteF64x2Zero => {
            let a = lanes::<2>(a1);
            un!(pack::<4>([
                b32(f64l(a[0]) as f32),
                b32(f64l(a[1]) as f32),
                0,
                0
            ]))
        }
        S::F64x2PromoteLowF32x4 => {
            let a = lanes::<4>(a1);
            un!(pack::<2>([0, 1].map(|i| b64(f32l(a[i]) as f64))))
        }
    }
    Ok(())
}

fn read(data: &[u8], ea: u64, n: usize) -> Result<&[u8], TrapKind> {
    let end = ea
        .checked_add(n as u64)
        .ok_or(TrapKind::MemoryOutOfBounds)?;
    if end > data.len() as u64 {
        return Err(TrapKind::MemoryOutOfBounds);
    }
    Ok(&data[ea as usize..end as usize])
}

fn write(data: &mut [u8], ea: u64, bytes: &[u8]) -> Result<(), TrapKind> {
    let end = ea
        .checked_add(bytes.len() as u64)
        .ok_or(TrapKind::MemoryOutOfBounds)?;
    if end > data.len() as u64 {
        return Err(TrapKind::MemoryOutOfBounds);
    }
    data[ea as usize..end as usize].copy_from_slice(bytes);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lanes_round_trip() {
        let v = 0x0011_2233_4455_6677_8899_aabb_ccdd_eeffu128;
        assert_eq!(pack::<16>(lanes::<16>(v)), v);
        assert_eq!(pack::<8>(lanes::<8>(v)), v);
        assert_eq!(pack::<4>(lanes::<4>(v)), v);
        assert_eq!(pack::<2>(lanes::<2>(v)), v);
        assert_eq!(lanes::<4>(v)[0], 0xccdd_eeff);
    }
}
