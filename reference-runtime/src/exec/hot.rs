//! The hot loop: the instructions that make up nearly all of a compute
//! kernel's run (locals, constants, numeric operations, memory loads and
//! stores, branches) execute here, in a function small enough that the
//! compiler keeps its state (`pc`, `sp`, `fp`, the fuel) in registers.
//! Anything else (calls and returns, globals, tables, references, GC,
//! exceptions, SIMD, bulk memory) leaves the loop as [`Exit::Cold`] and is
//! executed by the general loop in [`super::run`], which then comes back.

use super::num::*;
use super::*;
use crate::store::{FuncEntity, MemoryEntity};

/// The interpreter registers handed between the two loops.
#[derive(Clone, Copy)]
pub(super) struct Regs {
    pub pc: usize,
    pub sp: usize,
    pub fp: usize,
    pub fuel: u64,
}

/// Why the hot loop stopped.
pub(super) enum Exit {
    /// It fetched an instruction it does not execute (`pc` is past it and
    /// its fuel is paid).
    Cold(Instr),
    Trap(TrapKind),
}

/// What the hot loop may touch besides the registers: the current function
/// and its callers, and the parts of the store and of the current instance
/// that its instructions read.
pub(super) struct Env<'a, T> {
    pub body: &'a mut Arc<FuncBody>,
    pub frames: &'a mut Vec<Frame>,
    pub max_depth: usize,
    pub funcs: &'a [FuncEntity<T>],
    pub memories: &'a mut [MemoryEntity],
    /// The current instance, its function and memory addresses, and the
    /// address of its memory 0.
    pub inst: u32,
    pub inst_funcs: &'a [u32],
    pub inst_mems: &'a [u32],
    pub mem0: usize,
}

/// Runs the current function from `regs.pc` until an instruction outside
/// the hot set or a trap. Calls to and returns between functions of the
/// current instance stay in the loop; others leave it. `METERED`: whether
/// each instruction takes one unit of `regs.fuel`.
#[inline(never)]
pub(super) fn run<T, const METERED: bool>(
    mut stack: Slots,
    regs: &mut Regs,
    env: Env<'_, T>,
) -> Exit {
    let Env {
        body,
        frames,
        max_depth,
        funcs,
        memories,
        inst,
        inst_funcs,
        inst_mems,
        mem0,
    } = env;
    let Regs {
        pc,
        mut sp,
        mut fp,
        mut fuel,
    } = *regs;
    // The instruction pointer; `pc!()` is its index.
    let mut base = body.code.as_ptr();
    debug_assert!(pc < body.code.len());
    // SAFETY: the translator ends every body with a return and resolves
    // every branch target inside it, so `ip` stays inside `code`.
    let mut ip = unsafe { base.add(pc) };
    macro_rules! pc {
        () => {
            // SAFETY: `ip` and `base` point into the same slice.
            unsafe { ip.offset_from(base) as usize }
        };
    }
    macro_rules! jump {
        ($target:expr) => {{
            let target = $target as usize;
            debug_assert!(target < body.code.len());
            // SAFETY: see `ip`.
            ip = unsafe { base.add(target) };
        }};
    }
    macro_rules! fail {
        ($kind:expr) => {{
            *regs = Regs {
                pc: pc!(),
                sp,
                fp,
                fuel,
            };
            return Exit::Trap($kind);
        }};
    }
    macro_rules! cold {
        ($instr:expr) => {{
            *regs = Regs {
                pc: pc!(),
                sp,
                fp,
                fuel,
            };
            return Exit::Cold($instr);
        }};
    }
    macro_rules! mem_addr {
        ($m:expr) => {
            if $m == 0 {
                mem0
            } else {
                inst_mems[$m as usize] as usize
            }
        };
    }
    macro_rules! drop_keep {
        ($dk:expr) => {{
            let DropKeep { drop, keep } = $dk;
            if drop != 0 {
                let (keep, drop) = (keep as usize, drop as usize);
                for i in sp - keep..sp {
                    stack[i - drop] = stack[i];
                }
                sp -= drop;
            }
        }};
    }
    macro_rules! bin {
        ($get:ident, $put:ident, |$a:ident, $b:ident| $e:expr) => {{
            let $b = $get(stack[sp - 1]);
            let $a = $get(stack[sp - 2]);
            sp -= 1;
            stack[sp - 1] = $put($e);
        }};
    }
    macro_rules! bin_try {
        ($get:ident, $put:ident, $f:expr) => {{
            let b = $get(stack[sp - 1]);
            let a = $get(stack[sp - 2]);
            sp -= 1;
            match $f(a, b) {
                Ok(v) => stack[sp - 1] = $put(v),
                Err(kind) => fail!(kind),
            }
        }};
    }
    macro_rules! un {
        ($get:ident, $put:ident, |$a:ident| $e:expr) => {{
            let $a = $get(stack[sp - 1]);
            stack[sp - 1] = $put($e);
        }};
    }
    macro_rules! un_try {
        ($get:ident, $put:ident, $f:expr) => {{
            match $f($get(stack[sp - 1]) as f64) {
                Ok(v) => stack[sp - 1] = $put(v),
                Err(kind) => fail!(kind),
            }
        }};
    }
    // The `$n` bytes at address `$addr` plus the offset, or a trap.
    macro_rules! read_mem {
        ($addr:expr, $arg:expr, $n:literal) => {{
            let mem = &memories[mem_addr!($arg.mem)];
            let ea = u64_($addr).saturating_add($arg.offset as u64);
            let bytes =
                range(ea, $n, mem.data.len()).and_then(|r| <[u8; $n]>::try_from(&mem.data[r]).ok());
            match bytes {
                Some(b) => b,
                None => fail!(TrapKind::MemoryOutOfBounds),
            }
        }};
    }
    macro_rules! load {
        ($arg:expr, $n:literal, $conv:expr) => {{
            let b = read_mem!(stack[sp - 1], $arg, $n);
            stack[sp - 1] = $conv(b);
        }};
    }
    // Stores `$value` at the popped address plus the offset.
    macro_rules! write_mem {
        ($value:expr, $arg:expr, $n:literal, $ty:ty) => {{
            let mem = &mut memories[mem_addr!($arg.mem)];
            let value = $value as $ty;
            let ea = u64_(stack[sp - 1]).saturating_add($arg.offset as u64);
            sp -= 1;
            match range(ea, $n, mem.data.len()) {
                Some(r) => mem.data[r].copy_from_slice(&value.to_le_bytes()),
                None => fail!(TrapKind::MemoryOutOfBounds),
            }
        }};
    }
    macro_rules! store_mem {
        ($arg:expr, $n:literal, $ty:ty) => {{
            let mem = &mut memories[mem_addr!($arg.mem)];
            let value = stack[sp - 1] as $ty;
            let ea = u64_(stack[sp - 2]).saturating_add($arg.offset as u64);
            sp -= 2;
            match range(ea, $n, mem.data.len()) {
                Some(r) => mem.data[r].copy_from_slice(&value.to_le_bytes()),
                None => fail!(TrapKind::MemoryOutOfBounds),
            }
        }};
    }
    loop {
        if METERED {
            if fuel == 0 {
                fail!(TrapKind::OutOfFuel);
            }
            fuel -= 1;
        }
        debug_assert_eq!(
            sp,
            fp + (body.params + body.locals + body.heights[pc!()]) as usize,
            "the recorded height of {:?} at {}",
            unsafe { &*ip },
            pc!()
        );
        // SAFETY: see `ip`.
        let instr = unsafe { &*ip };
        ip = unsafe { ip.add(1) };
        match *instr {
            Instr::Br { target, dk } => {
                drop_keep!(dk);
                jump!(target);
            }
            Instr::BrIfNez { target, dk } => {
                sp -= 1;
                if u32_(stack[sp]) != 0 {
                    drop_keep!(dk);
                    jump!(target);
                }
            }
            Instr::BrIfEqz { target } => {
                sp -= 1;
                if u32_(stack[sp]) == 0 {
                    jump!(target);
                }
            }
            Instr::BrTable { len } => {
                sp -= 1;
                jump!(pc!() + u32_(stack[sp]).min(len) as usize);
            }
            Instr::BrOnNull { target, dk } => {
                if stack[sp - 1] == 0 {
                    sp -= 1;
                    drop_keep!(dk);
                    jump!(target);
                }
            }
            Instr::BrOnNonNull { target, dk } => {
                if stack[sp - 1] != 0 {
                    drop_keep!(dk);
                    jump!(target);
                } else {
                    sp -= 1;
                }
            }
            Instr::Drop => sp -= 1,
            Instr::Select => {
                let c = u32_(stack[sp - 1]);
                sp -= 2;
                if c == 0 {
                    stack[sp - 1] = stack[sp];
                }
            }
            Instr::LocalGet(i) => {
                stack[sp] = stack[fp + i as usize];
                sp += 1;
            }
            Instr::LocalSet(i) => {
                sp -= 1;
                stack[fp + i as usize] = stack[sp];
            }
            Instr::LocalTee(i) => stack[fp + i as usize] = stack[sp - 1],
            Instr::Const32(v) => {
                stack[sp] = v as Slot;
                sp += 1;
            }
            Instr::Const64(v) => {
                stack[sp] = v as Slot;
                sp += 1;
            }
            Instr::I32Load(m) => load!(m, 4, |b| pu32(u32::from_le_bytes(b))),
            Instr::I64Load(m) => load!(m, 8, |b| pu64(u64::from_le_bytes(b))),
            Instr::I32Load8S(m) => load!(m, 1, |b| pi32(i8::from_le_bytes(b) as i32)),
            Instr::I32Load8U(m) => load!(m, 1, |b| pu32(u8::from_le_bytes(b) as u32)),
            Instr::I32Load16S(m) => load!(m, 2, |b| pi32(i16::from_le_bytes(b) as i32)),
            Instr::I32Load16U(m) => load!(m, 2, |b| pu32(u16::from_le_bytes(b) as u32)),
            Instr::I64Load8S(m) => load!(m, 1, |b| pi64(i8::from_le_bytes(b) as i64)),
            Instr::I64Load8U(m) => load!(m, 1, |b| pu64(u8::from_le_bytes(b) as u64)),
            Instr::I64Load16S(m) => load!(m, 2, |b| pi64(i16::from_le_bytes(b) as i64)),
            Instr::I64Load16U(m) => load!(m, 2, |b| pu64(u16::from_le_bytes(b) as u64)),
            Instr::I64Load32S(m) => load!(m, 4, |b| pi64(i32::from_le_bytes(b) as i64)),
            Instr::I64Load32U(m) => load!(m, 4, |b| pu64(u32::from_le_bytes(b) as u64)),
            Instr::I32Store(m) => store_mem!(m, 4, u32),
            Instr::I64Store(m) => store_mem!(m, 8, u64),
            Instr::I32Store8(m) => store_mem!(m, 1, u8),
            Instr::I32Store16(m) => store_mem!(m, 2, u16),
            Instr::I64Store32(m) => store_mem!(m, 4, u32),
            Instr::I32Eqz => un!(u32_, pbool, |a| a == 0),
            Instr::I32Eq => bin!(u32_, pbool, |a, b| a == b),
            Instr::I32Ne => bin!(u32_, pbool, |a, b| a != b),
            Instr::I32LtS => bin!(i32_, pbool, |a, b| a < b),
            Instr::I32LtU => bin!(u32_, pbool, |a, b| a < b),
            Instr::I32GtS => bin!(i32_, pbool, |a, b| a > b),
            Instr::I32GtU => bin!(u32_, pbool, |a, b| a > b),
            Instr::I32LeS => bin!(i32_, pbool, |a, b| a <= b),
            Instr::I32LeU => bin!(u32_, pbool, |a, b| a <= b),
            Instr::I32GeS => bin!(i32_, pbool, |a, b| a >= b),
            Instr::I32GeU => bin!(u32_, pbool, |a, b| a >= b),
            Instr::I64Eqz => un!(u64_, pbool, |a| a == 0),
            Instr::I64Eq => bin!(u64_, pbool, |a, b| a == b),
            Instr::I64Ne => bin!(u64_, pbool, |a, b| a != b),
            Instr::I64LtS => bin!(i64_, pbool, |a, b| a < b),
            Instr::I64LtU => bin!(u64_, pbool, |a, b| a < b),
            Instr::I64GtS => bin!(i64_, pbool, |a, b| a > b),
            Instr::I64GtU => bin!(u64_, pbool, |a, b| a > b),
            Instr::I64LeS => bin!(i64_, pbool, |a, b| a <= b),
            Instr::I64LeU => bin!(u64_, pbool, |a, b| a <= b),
            Instr::I64GeS => bin!(i64_, pbool, |a, b| a >= b),
            Instr::I64GeU => bin!(u64_, pbool, |a, b| a >= b),
            Instr::F32Eq => bin!(f32_, pbool, |a, b| a == b),
            Instr::F32Ne => bin!(f32_, pbool, |a, b| a != b),
            Instr::F32Lt => bin!(f32_, pbool, |a, b| a < b),
            Instr::F32Gt => bin!(f32_, pbool, |a, b| a > b),
            Instr::F32Le => bin!(f32_, pbool, |a, b| a <= b),
            Instr::F32Ge => bin!(f32_, pbool, |a, b| a >= b),
            Instr::F64Eq => bin!(f64_, pbool, |a, b| a == b),
            Instr::F64Ne => bin!(f64_, pbool, |a, b| a != b),
            Instr::F64Lt => bin!(f64_, pbool, |a, b| a < b),
            Instr::F64Gt => bin!(f64_, pbool, |a, b| a > b),
            Instr::F64Le => bin!(f64_, pbool, |a, b| a <= b),
            Instr::F64Ge => bin!(f64_, pbool, |a, b| a >= b),

            Instr::I32Clz => un!(u32_, pu32, |a| a.leading_zeros()),
            Instr::I32Ctz => un!(u32_, pu32, |a| a.trailing_zeros()),
            Instr::I32Popcnt => un!(u32_, pu32, |a| a.count_ones()),
            Instr::I32Add => bin!(u32_, pu32, |a, b| a.wrapping_add(b)),
            Instr::I32Sub => bin!(u32_, pu32, |a, b| a.wrapping_sub(b)),
            Instr::I32Mul => bin!(u32_, pu32, |a, b| a.wrapping_mul(b)),
            Instr::I32DivS => bin_try!(i32_, pi32, i32_div_s),
            Instr::I32DivU => bin_try!(u32_, pu32, i32_div_u),
            Instr::I32RemS => bin_try!(i32_, pi32, i32_rem_s),
            Instr::I32RemU => bin_try!(u32_, pu32, i32_rem_u),
            Instr::I32And => bin!(u32_, pu32, |a, b| a & b),
            Instr::I32Or => bin!(u32_, pu32, |a, b| a | b),
            Instr::I32Xor => bin!(u32_, pu32, |a, b| a ^ b),
            Instr::I32Shl => bin!(u32_, pu32, |a, b| a.wrapping_shl(b)),
            Instr::I32ShrS => bin!(i32_, pi32, |a, b| a.wrapping_shr(b as u32)),
            Instr::I32ShrU => bin!(u32_, pu32, |a, b| a.wrapping_shr(b)),
            Instr::I32Rotl => bin!(u32_, pu32, |a, b| a.rotate_left(b)),
            Instr::I32Rotr => bin!(u32_, pu32, |a, b| a.rotate_right(b)),
            Instr::I64Clz => un!(u64_, pu64, |a| a.leading_zeros() as u64),
            Instr::I64Ctz => un!(u64_, pu64, |a| a.trailing_zeros() as u64),
            Instr::I64Popcnt => un!(u64_, pu64, |a| a.count_ones() as u64),
            Instr::I64Add => bin!(u64_, pu64, |a, b| a.wrapping_add(b)),
            Instr::I64Sub => bin!(u64_, pu64, |a, b| a.wrapping_sub(b)),
            Instr::I64Mul => bin!(u64_, pu64, |a, b| a.wrapping_mul(b)),
            Instr::I64DivS => bin_try!(i64_, pi64, i64_div_s),
            Instr::I64DivU => bin_try!(u64_, pu64, i64_div_u),
            Instr::I64RemS => bin_try!(i64_, pi64, i64_rem_s),
            Instr::I64RemU => bin_try!(u64_, pu64, i64_rem_u),
            Instr::I64And => bin!(u64_, pu64, |a, b| a & b),
            Instr::I64Or => bin!(u64_, pu64, |a, b| a | b),
            Instr::I64Xor => bin!(u64_, pu64, |a, b| a ^ b),
            Instr::I64Shl => bin!(u64_, pu64, |a, b| a.wrapping_shl(b as u32)),
            Instr::I64ShrS => bin!(i64_, pi64, |a, b| a.wrapping_shr(b as u32)),
            Instr::I64ShrU => bin!(u64_, pu64, |a, b| a.wrapping_shr(b as u32)),
            Instr::I64Rotl => bin!(u64_, pu64, |a, b| a.rotate_left((b & 63) as u32)),
            Instr::I64Rotr => bin!(u64_, pu64, |a, b| a.rotate_right((b & 63) as u32)),

            Instr::F32Abs => un!(u32_, pu32, |a| a & 0x7fff_ffff),
            Instr::F32Neg => un!(u32_, pu32, |a| a ^ 0x8000_0000),
            Instr::F32Ceil => un!(f32_, pf32, |a| quiet32(a.ceil())),
            Instr::F32Floor => un!(f32_, pf32, |a| quiet32(a.floor())),
            Instr::F32Trunc => un!(f32_, pf32, |a| quiet32(a.trunc())),
            Instr::F32Nearest => un!(f32_, pf32, |a| quiet32(a.round_ties_even())),
            Instr::F32Sqrt => un!(f32_, pf32, |a| quiet32(a.sqrt())),
            Instr::F32Add => bin!(f32_, pf32, |a, b| a + b),
            Instr::F32Sub => bin!(f32_, pf32, |a, b| a - b),
            Instr::F32Mul => bin!(f32_, pf32, |a, b| a * b),
            Instr::F32Div => bin!(f32_, pf32, |a, b| a / b),
            Instr::F32Min => bin!(f32_, pf32, |a, b| f32_min(a, b)),
            Instr::F32Max => bin!(f32_, pf32, |a, b| f32_max(a, b)),
            Instr::F32Copysign => {
                bin!(u32_, pu32, |a, b| (a & 0x7fff_ffff) | (b & 0x8000_0000))
            }
            Instr::F64Abs => un!(u64_, pu64, |a| a & 0x7fff_ffff_ffff_ffff),
            Instr::F64Neg => un!(u64_, pu64, |a| a ^ 0x8000_0000_0000_0000),
            Instr::F64Ceil => un!(f64_, pf64, |a| quiet64(a.ceil())),
            Instr::F64Floor => un!(f64_, pf64, |a| quiet64(a.floor())),
            Instr::F64Trunc => un!(f64_, pf64, |a| quiet64(a.trunc())),
            Instr::F64Nearest => un!(f64_, pf64, |a| quiet64(a.round_ties_even())),
            Instr::F64Sqrt => un!(f64_, pf64, |a| quiet64(a.sqrt())),
            Instr::F64Add => bin!(f64_, pf64, |a, b| a + b),
            Instr::F64Sub => bin!(f64_, pf64, |a, b| a - b),
            Instr::F64Mul => bin!(f64_, pf64, |a, b| a * b),
            Instr::F64Div => bin!(f64_, pf64, |a, b| a / b),
            Instr::F64Min => bin!(f64_, pf64, |a, b| f64_min(a, b)),
            Instr::F64Max => bin!(f64_, pf64, |a, b| f64_max(a, b)),
            Instr::F64Copysign => bin!(u64_, pu64, |a, b| (a & 0x7fff_ffff_ffff_ffff)
                | (b & 0x8000_0000_0000_0000)),

            Instr::I32WrapI64 => un!(u64_, pu32, |a| a as u32),
            Instr::I32TruncF32S => un_try!(f32_, pi32, trunc_i32_s),
            Instr::I32TruncF32U => un_try!(f32_, pu32, trunc_i32_u),
            Instr::I32TruncF64S => un_try!(f64_, pi32, trunc_i32_s),
            Instr::I32TruncF64U => un_try!(f64_, pu32, trunc_i32_u),
            Instr::I64ExtendI32S => un!(i32_, pi64, |a| a as i64),
            Instr::I64TruncF32S => un_try!(f32_, pi64, trunc_i64_s),
            Instr::I64TruncF32U => un_try!(f32_, pu64, trunc_i64_u),
            Instr::I64TruncF64S => un_try!(f64_, pi64, trunc_i64_s),
            Instr::I64TruncF64U => un_try!(f64_, pu64, trunc_i64_u),
            Instr::F32ConvertI32S => un!(i32_, pf32, |a| a as f32),
            Instr::F32ConvertI32U => un!(u32_, pf32, |a| a as f32),
            Instr::F32ConvertI64S => un!(i64_, pf32, |a| a as f32),
            Instr::F32ConvertI64U => un!(u64_, pf32, |a| a as f32),
            Instr::F32DemoteF64 => un!(f64_, pf32, |a| a as f32),
            Instr::F64ConvertI32S => un!(i32_, pf64, |a| a as f64),
            Instr::F64ConvertI32U => un!(u32_, pf64, |a| a as f64),
            Instr::F64ConvertI64S => un!(i64_, pf64, |a| a as f64),
            Instr::F64ConvertI64U => un!(u64_, pf64, |a| a as f64),
            Instr::F64PromoteF32 => un!(f32_, pf64, |a| a as f64),
            Instr::I32Extend8S => un!(i32_, pi32, |a| a as i8 as i32),
            Instr::I32Extend16S => un!(i32_, pi32, |a| a as i16 as i32),
            Instr::I64Extend8S => un!(i64_, pi64, |a| a as i8 as i64),
            Instr::I64Extend16S => un!(i64_, pi64, |a| a as i16 as i64),
            Instr::I64Extend32S => un!(i64_, pi64, |a| a as i32 as i64),
            Instr::I32TruncSatF32S => un!(f32_, pi32, |a| a as i32),
            Instr::I32TruncSatF32U => un!(f32_, pu32, |a| a as u32),
            Instr::I32TruncSatF64S => un!(f64_, pi32, |a| a as i32),
            Instr::I32TruncSatF64U => un!(f64_, pu32, |a| a as u32),
            Instr::I64TruncSatF32S => un!(f32_, pi64, |a| a as i64),
            Instr::I64TruncSatF32U => un!(f32_, pu64, |a| a as u64),
            Instr::I64TruncSatF64S => un!(f64_, pi64, |a| a as i64),
            Instr::I64TruncSatF64U => un!(f64_, pu64, |a| a as u64),

            Instr::BinLocal { op, local } => {
                let b = u64_(stack[fp + local as usize]);
                stack[sp - 1] = pu64(op.apply(u64_(stack[sp - 1]), b));
            }
            Instr::BinConst { op, imm } => {
                stack[sp - 1] = pu64(op.apply(u64_(stack[sp - 1]), op.imm(imm)));
            }
            Instr::BinLocalSet {
                op,
                tee,
                local,
                dst,
            } => {
                let b = u64_(stack[fp + local as usize]);
                let r = pu64(op.apply(u64_(stack[sp - 1]), b));
                stack[fp + dst as usize] = r;
                if tee {
                    stack[sp - 1] = r;
                } else {
                    sp -= 1;
                }
            }
            Instr::BinConstSet { op, tee, imm, dst } => {
                let r = pu64(op.apply(u64_(stack[sp - 1]), op.imm(imm)));
                stack[fp + dst as usize] = r;
                if tee {
                    stack[sp - 1] = r;
                } else {
                    sp -= 1;
                }
            }
            Instr::LocalBinLocal { op, src, local } => {
                let a = u64_(stack[fp + src as usize]);
                let b = u64_(stack[fp + local as usize]);
                stack[sp] = pu64(op.apply(a, b));
                sp += 1;
            }
            Instr::LocalBinConst { op, src, imm } => {
                let a = u64_(stack[fp + src as usize]);
                stack[sp] = pu64(op.apply(a, op.imm(imm)));
                sp += 1;
            }
            Instr::LocalBinLocalSet {
                op,
                tee,
                src,
                local,
                dst,
            } => {
                let a = u64_(stack[fp + src as usize]);
                let b = u64_(stack[fp + local as usize]);
                let r = pu64(op.apply(a, b));
                stack[fp + dst as usize] = r;
                if tee {
                    stack[sp] = r;
                    sp += 1;
                }
            }
            Instr::LocalBinConstSet {
                op,
                tee,
                src,
                imm,
                dst,
            } => {
                let a = u64_(stack[fp + src as usize]);
                let r = pu64(op.apply(a, op.imm(imm)));
                stack[fp + dst as usize] = r;
                if tee {
                    stack[sp] = r;
                    sp += 1;
                }
            }
            Instr::I32LoadLocal { local, m } => {
                let b = read_mem!(stack[fp + local as usize], m, 4);
                stack[sp] = pu32(u32::from_le_bytes(b));
                sp += 1;
            }
            Instr::I64LoadLocal { local, m } => {
                let b = read_mem!(stack[fp + local as usize], m, 8);
                stack[sp] = pu64(u64::from_le_bytes(b));
                sp += 1;
            }
            Instr::I32StoreLocal { local, m } => {
                write_mem!(stack[fp + local as usize], m, 4, u32)
            }
            Instr::I64StoreLocal { local, m } => {
                write_mem!(stack[fp + local as usize], m, 8, u64)
            }
            Instr::BrIfLocalBinLocal {
                op,
                neg,
                src,
                local,
                target,
            } => {
                let a = u64_(stack[fp + src as usize]);
                let b = u64_(stack[fp + local as usize]);
                if (op.apply(a, b) != 0) != neg {
                    jump!(target);
                }
            }
            Instr::BrIfLocalBinConst {
                op,
                neg,
                src,
                imm,
                target,
            } => {
                let a = u64_(stack[fp + src as usize]);
                if (op.apply(a, op.imm(imm)) != 0) != neg {
                    jump!(target);
                }
            }
            Instr::BrIfBin { op, neg, target } => {
                sp -= 2;
                if (op.apply(u64_(stack[sp]), u64_(stack[sp + 1])) != 0) != neg {
                    jump!(target);
                }
            }
            Instr::BrIfBinLocal {
                op,
                neg,
                local,
                target,
            } => {
                sp -= 1;
                let b = u64_(stack[fp + local as usize]);
                if (op.apply(u64_(stack[sp]), b) != 0) != neg {
                    jump!(target);
                }
            }
            Instr::BrIfBinConst {
                op,
                neg,
                imm,
                target,
            } => {
                sp -= 1;
                if (op.apply(u64_(stack[sp]), op.imm(imm)) != 0) != neg {
                    jump!(target);
                }
            }
            Instr::Unreachable
            | Instr::CallIndirect { .. }
            | Instr::ReturnCall(..)
            | Instr::ReturnCallIndirect { .. }
            | Instr::CallRef { .. }
            | Instr::ReturnCallRef { .. }
            | Instr::GlobalGet(..)
            | Instr::GlobalSet(..)
            | Instr::ConstPool(..)
            | Instr::MemorySize(..)
            | Instr::MemoryGrow(..)
            | Instr::MemoryFill(..)
            | Instr::MemoryCopy { .. }
            | Instr::MemoryInit { .. }
            | Instr::DataDrop(..)
            | Instr::TableGet(..)
            | Instr::TableSet(..)
            | Instr::TableSize(..)
            | Instr::TableGrow(..)
            | Instr::TableFill(..)
            | Instr::TableCopy { .. }
            | Instr::TableInit { .. }
            | Instr::ElemDrop(..)
            | Instr::RefIsNull
            | Instr::RefFunc(..)
            | Instr::RefAsNonNull
            | Instr::StructNew(..)
            | Instr::StructNewDefault(..)
            | Instr::StructGet(..)
            | Instr::StructGetS { .. }
            | Instr::StructGetU { .. }
            | Instr::StructSet { .. }
            | Instr::ArrayNew(..)
            | Instr::ArrayNewDefault(..)
            | Instr::ArrayNewFixed { .. }
            | Instr::ArrayNewData { .. }
            | Instr::ArrayNewElem { .. }
            | Instr::ArrayGet
            | Instr::ArrayGetS(..)
            | Instr::ArrayGetU(..)
            | Instr::ArraySet(..)
            | Instr::ArrayLen
            | Instr::ArrayFill(..)
            | Instr::ArrayCopy
            | Instr::ArrayInitData { .. }
            | Instr::ArrayInitElem { .. }
            | Instr::RefI31
            | Instr::I31GetS
            | Instr::I31GetU
            | Instr::RefTest { .. }
            | Instr::RefCast { .. }
            | Instr::RefTestKeep { .. }
            | Instr::AnyConvertExtern
            | Instr::ExternConvertAny
            | Instr::RefEq
            | Instr::Throw(..)
            | Instr::ThrowRef
            | Instr::I64Add128
            | Instr::I64Sub128
            | Instr::I64MulWideS
            | Instr::I64MulWideU
            | Instr::Simd(..) => cold!(*instr),
            Instr::Call(idx) => {
                // A call within the instance, with room on both stacks.
                let f = inst_funcs[idx as usize] as usize;
                if let FuncEntity::Wasm {
                    body: callee,
                    instance,
                    ..
                } = &funcs[f]
                    && *instance == inst
                    && frames.len() < max_depth
                    && sp - callee.params as usize + callee.frame_size as usize <= stack.len
                {
                    frames.push(Frame {
                        body: std::mem::replace(body, callee.clone()),
                        pc: pc!(),
                        fp,
                        inst,
                    });
                    fp = sp - body.params as usize;
                    let locals = fp + body.params as usize;
                    sp = locals + body.locals as usize;
                    for i in locals..sp {
                        stack[i] = 0;
                    }
                    base = body.code.as_ptr();
                    ip = base;
                } else {
                    cold!(*instr)
                }
            }
            Instr::Return { keep } => match frames.last() {
                Some(caller) if caller.inst == inst => {
                    let keep = keep as usize;
                    for i in 0..keep {
                        stack[fp + i] = stack[sp - keep + i];
                    }
                    sp = fp + keep;
                    let Some(caller) = frames.pop() else {
                        unreachable!("a caller was just seen")
                    };
                    *body = caller.body;
                    fp = caller.fp;
                    base = body.code.as_ptr();
                    jump!(caller.pc);
                }
                _ => cold!(*instr),
            },
        }
    }
}
