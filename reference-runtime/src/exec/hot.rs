//! The hot loop: runs a function's register-form operations
//! ([`crate::lower`]) with the frame pointer, the instruction pointer and
//! the fuel in registers. Calls and returns between functions of the
//! current instance stay in the loop; [`Op::Cold`] operations, and calls and
//! returns that cross instances or need more stack, leave it as
//! [`Exit::Cold`] for the general loop in [`super::run`], which then comes
//! back.

use super::num::*;
use super::*;
use crate::ir::BinOp;
use crate::lower::{Op, Reg, SLOT_BYTES, with_op_table};
use crate::store::{FuncEntity, GlobalEntity, MemoryEntity};

/// The interpreter registers handed between the two loops. `pc` counts
/// operations; `sp` is only meaningful on [`Exit::Cold`].
#[derive(Clone, Copy)]
pub(super) struct Regs {
    pub pc: usize,
    pub sp: usize,
    pub fp: usize,
    pub fuel: u64,
}

/// Why the hot loop stopped.
pub(super) enum Exit {
    /// An instruction for the general loop, to run with `Regs::sp` (its
    /// fuel is paid and `pc` is past it).
    Cold(Instr),
    Trap(TrapKind),
}

/// What the hot loop may touch besides the registers: the current function
/// and its callers, and the parts of the store and of the current instance
/// that its instructions read.
pub(super) struct Env<'a, T> {
    pub body: &'a mut BodyRef,
    pub frames: &'a mut Vec<Frame>,
    pub max_depth: usize,
    pub funcs: &'a [FuncEntity<T>],
    pub memories: &'a mut [MemoryEntity],
    pub globals: &'a mut [GlobalEntity],
    /// The current instance, its function and memory addresses, and the
    /// address of its memory 0.
    pub inst: u32,
    pub inst_funcs: &'a [u32],
    pub inst_mems: &'a [u32],
    pub inst_globals: &'a [u32],
    pub mem0: usize,
}

/// The low 64 bits of the slot at byte offset `r` in the frame at `frame`:
/// all a numeric value uses.
///
/// # Safety
/// `frame + r` lies in the stack: lowering only names slots below the
/// frame size that `enter!` and calls made room for.
#[inline(always)]
unsafe fn get(frame: *mut Slot, r: Reg) -> u64 {
    // SAFETY: see above; on little-endian targets the low half of a u128
    // is its first 8 bytes.
    unsafe {
        if cfg!(target_endian = "little") {
            *(frame.byte_add(r as usize) as *const u64)
        } else {
            *frame.byte_add(r as usize) as u64
        }
    }
}

/// Writes a numeric value to slot `r` (only the low 64 bits on
/// little-endian targets: the upper half of a numeric slot is never read).
///
/// # Safety
/// As for [`get`].
#[inline(always)]
unsafe fn set(frame: *mut Slot, r: Reg, v: u64) {
    // SAFETY: as for `get`.
    unsafe {
        if cfg!(target_endian = "little") {
            *(frame.byte_add(r as usize) as *mut u64) = v;
        } else {
            *frame.byte_add(r as usize) = v as Slot;
        }
    }
}

macro_rules! define_hot_loop {
    (
        {}
        arith { $($aop:ident => $arr:ident, $ari:ident;)* }
        compare { $($cop:ident => $crr:ident, $cri:ident, $cbr:ident, $cbri:ident;)* }
        unary { $($un:ident => $uget:ident, $uput:ident, |$ua:ident| $ue:expr;)* }
        unary_try { $($unt:ident => $utget:ident, $utput:ident, $utf:expr;)* }
        binary { $($bn:ident => $bget:ident, $bput:ident, |$ba:ident, $bb:ident| $be:expr;)* }
        binary_try { $($bnt:ident => $btget:ident, $btput:ident, $btf:expr;)* }
    ) => {
/// Runs the current function from `regs.pc` until an instruction for the
/// general loop or a trap. `METERED`: whether each operation takes one
/// unit of `regs.fuel`.
#[inline(never)]
// A stack instruction's last stack-pointer update is not read: the next
// operation addresses its slots itself.
#[allow(unused_assignments)]
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
        globals,
        inst,
        inst_funcs,
        inst_mems,
        inst_globals,
        mem0,
    } = env;
    let Regs {
        pc, mut fp, mut fuel, ..
    } = *regs;
    // The stack pointer, for the stack instructions of `Op::Legacy`.
    let mut sp: usize;
    // The instruction pointer; `pc!()` is its index.
    let mut base = body.ops.as_ptr();
    debug_assert!(pc < body.ops.len());
    // SAFETY: lowering ends every function with a return and maps every
    // branch target inside it, so `ip` stays inside `body.ops`.
    let mut ip = unsafe { base.add(pc) };
    // SAFETY: `fp` is inside the stack (see `Slots`).
    let mut frame = unsafe { stack.ptr.add(fp) };
    macro_rules! pc {
        () => {
            // SAFETY: `ip` and `base` point into the same slice.
            unsafe { ip.offset_from(base) as usize }
        };
    }
    macro_rules! jump {
        ($target:expr) => {{
            let target = $target as usize;
            debug_assert!(target < body.ops.len());
            // SAFETY: see `ip`.
            ip = unsafe { base.add(target) };
        }};
    }
    macro_rules! get {
        ($r:expr) => {
            // SAFETY: see `get`.
            unsafe { get(frame, $r) }
        };
    }
    macro_rules! set {
        ($r:expr, $v:expr) => {{
            let v: u64 = $v;
            // SAFETY: see `get`.
            unsafe { set(frame, $r, v) }
        }};
    }
    // A whole slot (byte offset `$r`).
    macro_rules! slot {
        ($r:expr) => {{
            let r = $r as usize;
            debug_assert!(fp + r / (SLOT_BYTES as usize) < stack.len);
            // SAFETY: see `get`.
            unsafe { &mut *frame.byte_add(r) }
        }};
    }
    macro_rules! copy {
        ($dst:expr, $src:expr) => {{
            *slot!($dst) = *slot!($src);
        }};
    }
    macro_rules! leave {
        ($exit:expr, $sp:expr) => {{
            *regs = Regs {
                pc: pc!(),
                sp: $sp,
                fp,
                fuel,
            };
            return $exit;
        }};
    }
    macro_rules! fail {
        ($kind:expr) => {
            leave!(Exit::Trap($kind), 0)
        };
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
    // Stores the popped value at the address below it plus the offset.
    macro_rules! store_mem {
        ($arg:expr, $n:literal, $ty:ty) => {{
            let value = stack[sp - 1];
            sp -= 1;
            write_mem!(value, $arg, $n, $ty)
        }};
    }
    // The `$n` bytes at address `$addr` (a value) plus `$offset` in memory
    // 0, or an out-of-bounds trap.
    macro_rules! ea0 {
        ($addr:expr, $offset:expr, $n:expr) => {{
            debug_assert!(mem0 < memories.len());
            // SAFETY: a function that accesses memory 0 validated only if
            // its instance has one.
            let mem = unsafe { &mut memories.get_unchecked_mut(mem0).data };
            let ea = $addr as u128 + $offset as u128;
            if ea + $n as u128 > mem.len() as u128 {
                fail!(TrapKind::MemoryOutOfBounds);
            }
            // SAFETY: checked just above.
            unsafe { mem.get_unchecked_mut(ea as usize..ea as usize + $n as usize) }
        }};
    }
    // `a + b` in 32 bits: an address in a 32-bit memory.
    macro_rules! wrap {
        ($a:expr, $b:expr) => {
            (get!($a) as u32).wrapping_add($b as u32) as u64
        };
    }
    macro_rules! load0 {
        ($dst:expr, $addr:expr, $offset:expr, $t:ty, $conv:expr) => {{
            const N: usize = std::mem::size_of::<$t>();
            let bytes = ea0!($addr, $offset, N as u64);
            let mut b = [0u8; N];
            b.copy_from_slice(bytes);
            set!($dst, $conv(<$t>::from_le_bytes(b)));
        }};
    }
    macro_rules! store0 {
        ($addr:expr, $value:expr, $offset:expr, $t:ty) => {
            store0!($addr, $offset, $t, value = get!($value))
        };
        ($addr:expr, $offset:expr, $t:ty, value = $v:expr) => {{
            let v = $v as $t;
            const N: usize = std::mem::size_of::<$t>();
            ea0!($addr, $offset, N as u64).copy_from_slice(&v.to_le_bytes());
        }};
    }
    loop {
        if METERED {
            if fuel == 0 {
                fail!(TrapKind::OutOfFuel);
            }
            fuel -= 1;
        }
        // SAFETY: see `ip`.
        let op = unsafe { *ip };
        ip = unsafe { ip.add(1) };
        match op {
            Op::Copy { dst, src } => copy!(dst, src),
            Op::Const { dst, imm } => set!(dst, imm),
            Op::Select { a, b, cond } => {
                if get!(cond) as u32 == 0 {
                    copy!(a, b);
                }
            }
            Op::Br { target } => jump!(target),
            Op::BrNez { cond, target } => {
                if get!(cond) as u32 != 0 {
                    jump!(target);
                }
            }
            Op::BrEqz { cond, target } => {
                if get!(cond) as u32 == 0 {
                    jump!(target);
                }
            }
            Op::BrNull { cond, target } => {
                if *slot!(cond) == 0 {
                    jump!(target);
                }
            }
            Op::BrNonNull { cond, target } => {
                if *slot!(cond) != 0 {
                    jump!(target);
                }
            }
            Op::BrTable { index, len } => {
                let entry = (get!(index) as u32).min(len) as usize;
                jump!(pc!() + entry);
            }
            Op::Return { from, keep } => match frames.last() {
                Some(caller) if caller.inst == inst => {
                    // Most functions return one value.
                    if keep == 1 {
                        copy!(0, from);
                    } else {
                        for i in 0..keep {
                            copy!(i * SLOT_BYTES, from + i * SLOT_BYTES);
                        }
                    }
                    let Some(caller) = frames.pop() else {
                        unreachable!("a caller was just seen")
                    };
                    *body = caller.body;
                    fp = caller.fp;
                    // SAFETY: the caller's frame is inside the stack.
                    frame = unsafe { stack.ptr.add(fp) };
                    base = body.ops.as_ptr();
                    jump!(caller.pc);
                }
                _ => leave!(
                    Exit::Cold(Instr::Return { keep }),
                    fp + (from / SLOT_BYTES + keep) as usize
                ),
            },
            Op::GlobalGet { dst, global } => {
                *slot!(dst) = globals[inst_globals[global as usize] as usize].value;
            }
            Op::GlobalSet { src, global } => {
                globals[inst_globals[global as usize] as usize].value = *slot!(src);
            }
            Op::Call { func, args } => {
                // A call within the instance, with room on both stacks.
                let sp = fp + args as usize;
                debug_assert!((func as usize) < inst_funcs.len());
                // SAFETY: validation checked the function index, and the
                // instance maps each to a function of the store.
                let callee = unsafe {
                    let f = *inst_funcs.get_unchecked(func as usize) as usize;
                    debug_assert!(f < funcs.len());
                    funcs.get_unchecked(f)
                };
                if let FuncEntity::Wasm {
                    body: callee,
                    instance,
                    ..
                } = callee
                    && *instance == inst
                    && frames.len() < max_depth
                    && sp - callee.params as usize + callee.frame_size as usize <= stack.len
                {
                    frames.push(Frame {
                        body: std::mem::replace(body, BodyRef::of(callee)),
                        pc: pc!(),
                        fp,
                        inst,
                    });
                    fp = sp - body.params as usize;
                    let locals = fp + body.params as usize;
                    for i in locals..locals + body.locals as usize {
                        stack[i] = 0;
                    }
                    // SAFETY: checked against the stack's length above.
                    frame = unsafe { stack.ptr.add(fp) };
                    base = body.ops.as_ptr();
                    ip = base;
                } else {
                    leave!(Exit::Cold(Instr::Call(func)), sp)
                }
            }
            Op::I32Load { dst, addr, offset } => load0!(dst, get!(addr), offset, u32, |v| v as u64),
            Op::I64Load { dst, addr, offset } => load0!(dst, get!(addr), offset, u64, |v| v),
            Op::I32Load8S { dst, addr, offset } => {
                load0!(dst, get!(addr), offset, i8, |v| v as i32 as u32 as u64)
            }
            Op::I32Load8U { dst, addr, offset } => load0!(dst, get!(addr), offset, u8, |v| v as u64),
            Op::I32Load16S { dst, addr, offset } => {
                load0!(dst, get!(addr), offset, i16, |v| v as i32 as u32 as u64)
            }
            Op::I32Load16U { dst, addr, offset } => load0!(dst, get!(addr), offset, u16, |v| v as u64),
            Op::I64Load8S { dst, addr, offset } => load0!(dst, get!(addr), offset, i8, |v| v as i64 as u64),
            Op::I64Load8U { dst, addr, offset } => load0!(dst, get!(addr), offset, u8, |v| v as u64),
            Op::I64Load16S { dst, addr, offset } => {
                load0!(dst, get!(addr), offset, i16, |v| v as i64 as u64)
            }
            Op::I64Load16U { dst, addr, offset } => load0!(dst, get!(addr), offset, u16, |v| v as u64),
            Op::I64Load32S { dst, addr, offset } => {
                load0!(dst, get!(addr), offset, i32, |v| v as i64 as u64)
            }
            Op::I64Load32U { dst, addr, offset } => load0!(dst, get!(addr), offset, u32, |v| v as u64),
            Op::I32Store { addr, value, offset } => store0!(get!(addr), value, offset, u32),
            Op::I64Store { addr, value, offset } => store0!(get!(addr), value, offset, u64),
            Op::I32Store8 { addr, value, offset } => store0!(get!(addr), value, offset, u8),
            Op::I32Store16 { addr, value, offset } => store0!(get!(addr), value, offset, u16),
            Op::I64Store32 { addr, value, offset } => store0!(get!(addr), value, offset, u32),
            Op::I32StoreImm { addr, imm, offset } => store0!(get!(addr), offset, u32, value = imm),
            Op::I64StoreImm { addr, imm, offset } => {
                store0!(get!(addr), offset, u64, value = imm as i32 as i64)
            }
            Op::I32Store8Imm { addr, imm, offset } => store0!(get!(addr), offset, u8, value = imm),
            Op::I32Store16Imm { addr, imm, offset } => store0!(get!(addr), offset, u16, value = imm),
            Op::I64Store32Imm { addr, imm, offset } => store0!(get!(addr), offset, u32, value = imm),
            Op::I32LoadRR { dst, a, b } => load0!(dst, wrap!(a, get!(b)), 0, u32, |v| v as u64),
            Op::I32LoadRI { dst, a, imm } => load0!(dst, wrap!(a, imm), 0, u32, |v| v as u64),
            Op::I64LoadRR { dst, a, b } => load0!(dst, wrap!(a, get!(b)), 0, u64, |v| v),
            Op::I64LoadRI { dst, a, imm } => load0!(dst, wrap!(a, imm), 0, u64, |v| v),
            Op::I32Load8URR { dst, a, b } => load0!(dst, wrap!(a, get!(b)), 0, u8, |v| v as u64),
            Op::I32Load8URI { dst, a, imm } => load0!(dst, wrap!(a, imm), 0, u8, |v| v as u64),
            Op::I32StoreRR { a, b, value } => store0!(wrap!(a, get!(b)), value, 0, u32),
            Op::I32StoreRI { a, imm, value } => store0!(wrap!(a, imm), value, 0, u32),
            Op::I64StoreRR { a, b, value } => store0!(wrap!(a, get!(b)), value, 0, u64),
            Op::I64StoreRI { a, imm, value } => store0!(wrap!(a, imm), value, 0, u64),
            Op::I32Store8RR { a, b, value } => store0!(wrap!(a, get!(b)), value, 0, u8),
            Op::I32Store8RI { a, imm, value } => store0!(wrap!(a, imm), value, 0, u8),
            Op::I32LoadAbs { dst, ea } => load0!(dst, ea, 0, u32, |v| v as u64),
            Op::I64LoadAbs { dst, ea } => load0!(dst, ea, 0, u64, |v| v),
            Op::I32StoreAbs { ea, value } => store0!(ea, value, 0, u32),
            Op::I64StoreAbs { ea, value } => store0!(ea, value, 0, u64),
            Op::SubIR { dst, imm, b } => set!(dst, BinOp::Sub.apply(imm as u64, get!(b))),
            Op::Sub64IR { dst, imm, b } => {
                set!(dst, BinOp::Sub64.apply(BinOp::Sub64.imm(imm), get!(b)))
            }
            Op::Cold { instr, sp } => leave!(Exit::Cold(body.code[instr as usize]), fp + sp as usize),
            Op::Legacy { instr, sp: at } => {
                sp = fp + at as usize;
                match body.code[instr as usize] {
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
                    other => unreachable!("{other:?} is lowered, not run as a stack instruction"),
                }
            }
            $(
                Op::$un { dst, src } => {
                    let $ua = $uget(get!(src) as Slot);
                    set!(dst, $uput($ue) as u64)
                }
            )*
            $(
                Op::$unt { dst, src } => match $utf($utget(get!(src) as Slot) as f64) {
                    Ok(v) => set!(dst, $utput(v) as u64),
                    Err(kind) => fail!(kind),
                },
            )*
            $(
                Op::$bn { dst, a, b } => {
                    let ($ba, $bb) = ($bget(get!(a) as Slot), $bget(get!(b) as Slot));
                    set!(dst, $bput($be) as u64)
                }
            )*
            $(
                Op::$bnt { dst, a, b } => {
                    match $btf($btget(get!(a) as Slot), $btget(get!(b) as Slot)) {
                        Ok(v) => set!(dst, $btput(v) as u64),
                        Err(kind) => fail!(kind),
                    }
                }
            )*
            $(
                Op::$arr { dst, a, b } => set!(dst, BinOp::$aop.apply(get!(a), get!(b))),
                Op::$ari { dst, a, imm } => {
                    set!(dst, BinOp::$aop.apply(get!(a), BinOp::$aop.imm(imm)))
                }
            )*
            $(
                Op::$crr { dst, a, b } => set!(dst, BinOp::$cop.apply(get!(a), get!(b))),
                Op::$cri { dst, a, imm } => {
                    set!(dst, BinOp::$cop.apply(get!(a), BinOp::$cop.imm(imm)))
                }
                Op::$cbr { a, b, target } => {
                    if BinOp::$cop.apply(get!(a), get!(b)) != 0 {
                        jump!(target);
                    }
                }
                Op::$cbri { a, imm, target } => {
                    if BinOp::$cop.apply(get!(a), BinOp::$cop.imm(imm)) != 0 {
                        jump!(target);
                    }
                }
            )*
        }
    }
}
    };
}
with_op_table!(define_hot_loop! {});
