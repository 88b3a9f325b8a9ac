//! The hot path: runs a function's register-form operations
//! ([`crate::lower`]) as threaded code. Each operation has its own handler
//! function, which does its work and then calls the handler of the next
//! operation as its very last act, so that the compiler turns the call into
//! a jump (a sibling call). The interpreter registers (the instruction
//! pointer, the frame, the fuel and memory 0's base and length) travel as
//! arguments, so they stay in machine registers, and each operation ends
//! in its own indirect jump, which the branch predictor learns separately.
//!
//! Sibling calls are an optimization, not a promise of the language: the
//! build script enables them (`cfg(tail_dispatch)`) only where the compiler
//! is known to make them (optimized builds for x86-64 and AArch64, without
//! sanitizers). Elsewhere each handler returns to a trampoline loop in
//! [`run`], which calls the next one: slower, the same semantics, and no
//! growth of the host stack in either form.
//!
//! Calls and returns between functions of the current instance stay on the
//! hot path; [`Op::Cold`] operations, and calls and returns that cross
//! instances or need more stack, leave it as [`Exit::Cold`] for the general
//! loop in [`super::run`], which then comes back.

use super::num::*;
use super::*;
use crate::ir::BinOp;
use crate::lower::{Op, Reg, SLOT_BYTES, with_op_table};
use crate::store::{GlobalEntity, MemoryEntity};

/// The interpreter registers handed between the general loop and the hot
/// path. `pc` counts operations; `sp` is only meaningful on
/// [`Exit::Cold`].
#[derive(Clone, Copy)]
pub(super) struct Regs {
    pub pc: usize,
    pub sp: usize,
    pub fp: usize,
    pub fuel: u64,
}

/// Why the hot path stopped.
pub(super) enum Exit {
    /// An instruction for the general loop, to run with `Regs::sp` (its
    /// fuel is paid and `pc` is past it).
    Cold(Instr),
    Trap(TrapKind),
}

/// What the hot path may touch besides the registers: the current function
/// and its callers, and the parts of the store and of the current instance
/// that its instructions read.
pub(super) struct Env<'a> {
    pub body: &'a mut BodyRef,
    pub frames: &'a mut Vec<Frame>,
    pub max_depth: usize,
    pub memories: &'a mut [MemoryEntity],
    pub globals: &'a mut [GlobalEntity],
    /// The current instance, its function and memory addresses, and the
    /// address of its memory 0 (`usize::MAX` if it has none).
    pub inst: u32,
    pub inst_bodies: &'a [Option<Arc<FuncBody>>],
    pub inst_mems: &'a [u32],
    pub inst_globals: &'a [u32],
    pub mem0: usize,
}

/// [`Env`] plus what the handlers share besides their arguments: the
/// stack, the start of the current function's operations, and where the
/// exit goes.
struct Cx<'a> {
    env: Env<'a>,
    stack: Slots,
    /// The current function's first operation.
    base: *const Threaded,
    /// How deep `Call` may take the frame stack: the call-depth limit, or
    /// the frames' capacity if lower (a full frame stack grows in the
    /// general loop, so that `Call` calls nothing and saves no registers).
    depth_limit: usize,
    regs: &'a mut Regs,
    exit: Option<Exit>,
    /// Where the trampoline resumes (unused with `tail_dispatch`).
    resume: Args,
    /// The machine stack pointer in `run`: debug builds check that the
    /// handlers stay near it.
    #[cfg(debug_assertions)]
    stack_mark: usize,
}

/// How far below `run`'s stack pointer a handler may run in debug builds:
/// more than any one handler's frame, less than a few dozen of them. A
/// handler whose dispatch is not a sibling call nests the following
/// handlers, and a loop through it trips this check at once in the test
/// profile, where a release build would overflow the host stack.
#[cfg(debug_assertions)]
const MAX_HANDLER_DEPTH: usize = 4096;

/// The machine stack pointer (0 where not known).
#[cfg(debug_assertions)]
#[inline(always)]
fn machine_sp() -> usize {
    #[allow(unused_mut)]
    let mut sp = 0usize;
    #[cfg(target_arch = "x86_64")]
    // SAFETY: reads a register.
    unsafe {
        std::arch::asm!("mov {}, rsp", out(reg) sp, options(nomem, nostack, preserves_flags))
    };
    #[cfg(target_arch = "aarch64")]
    // SAFETY: reads a register.
    unsafe {
        std::arch::asm!("mov {}, sp", out(reg) sp, options(nomem, nostack, preserves_flags))
    };
    sp
}

/// The handlers' arguments, for the trampoline.
#[derive(Clone, Copy)]
struct Args {
    ip: *const Threaded,
    frame: *mut Slot,
    fuel: u64,
    mem: *mut u8,
    len: usize,
}

/// One operation's handler: instruction pointer (at the operation), frame,
/// fuel, memory 0's base and length, and the shared context (a `Cx`, its
/// lifetime erased).
type Handler = unsafe fn(*const Threaded, *mut Slot, u64, *mut u8, usize, *mut ());

/// An operation as the hot path runs it: with the addresses of its
/// handlers (without and with metering), so that dispatch is a load and a
/// jump (direct threading), not a table lookup.
#[derive(Clone, Copy)]
#[repr(C)]
pub(crate) struct Threaded {
    handlers: [Handler; 2],
    pub op: Op,
}

impl std::fmt::Debug for Threaded {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.op.fmt(f)
    }
}

/// `ops` with their handlers.
pub(crate) fn thread(ops: &[Op]) -> Box<[Threaded]> {
    ops.iter()
        .map(|&op| {
            let t = tag(&op) as usize;
            Threaded {
                handlers: [Table::<false>::HANDLERS[t], Table::<true>::HANDLERS[t]],
                op,
            }
        })
        .collect()
}

/// The state of one handler while it runs: its arguments.
struct Hot<'c, 'a> {
    ip: *const Threaded,
    frame: *mut Slot,
    fuel: u64,
    mem: *mut u8,
    len: usize,
    cx: &'c mut Cx<'a>,
}

/// The operation's tag: with `repr(u16)`, its first two bytes.
#[inline(always)]
const fn tag(op: &Op) -> u16 {
    // SAFETY: `Op` is `repr(u16)`, so it starts with its `u16` tag.
    unsafe { *(op as *const Op as *const u16) }
}

/// The size of the handler tables: more than the number of operations.
const TABLE_LEN: usize = 512;

/// The handler tables, one per metering.
struct Table<const M: bool>;

impl<'c, 'a> Hot<'c, 'a> {
    /// The low 64 bits of the slot at byte offset `r`: all a numeric value
    /// uses.
    #[inline(always)]
    fn get(&self, r: Reg) -> u64 {
        debug_assert!(self.in_frame(r));
        // SAFETY: lowering only names slots below the frame size that
        // `Call` and the general loop made room for; on little-endian
        // targets the low half of a u128 is its first 8 bytes.
        unsafe {
            if cfg!(target_endian = "little") {
                *(self.frame.byte_add(r as usize) as *const u64)
            } else {
                *self.frame.byte_add(r as usize) as u64
            }
        }
    }

    /// Writes a numeric value to slot `r` (only the low 64 bits on
    /// little-endian targets: the upper half of a numeric slot is never
    /// read).
    #[inline(always)]
    fn set(&mut self, r: Reg, v: u64) {
        debug_assert!(self.in_frame(r));
        // SAFETY: as for `get`.
        unsafe {
            if cfg!(target_endian = "little") {
                *(self.frame.byte_add(r as usize) as *mut u64) = v;
            } else {
                *self.frame.byte_add(r as usize) = v as Slot;
            }
        }
    }

    /// The whole slot at byte offset `r`.
    #[inline(always)]
    fn slot(&mut self, r: Reg) -> &mut Slot {
        debug_assert!(self.in_frame(r));
        // SAFETY: as for `get`.
        unsafe { &mut *self.frame.byte_add(r as usize) }
    }

    #[inline(always)]
    fn copy(&mut self, dst: Reg, src: Reg) {
        *self.slot(dst) = *self.slot(src);
    }

    /// Copies the low 64 bits: a numeric value. (A 128-bit load of a slot
    /// just written as 64 bits would wait for the store to retire.)
    #[inline(always)]
    fn copy64(&mut self, dst: Reg, src: Reg) {
        let v = self.get(src);
        self.set(dst, v);
    }

    // Inlined like every method that takes the handler's state by
    // reference: a call that sees the state's address would keep the
    // handler's last call from being a sibling call.
    #[inline(always)]
    fn in_frame(&self, r: Reg) -> bool {
        self.fp() + ((r / SLOT_BYTES) as usize) < self.cx.stack.len
    }

    /// The frame pointer as a slot index.
    #[inline(always)]
    fn fp(&self) -> usize {
        // SAFETY: the frame lies in the stack.
        unsafe { self.frame.offset_from(self.cx.stack.ptr) as usize }
    }

    /// The index of the next operation.
    #[inline(always)]
    fn pc(&self) -> usize {
        // SAFETY: `ip` and `base` point into the same function.
        unsafe { self.ip.offset_from(self.cx.base) as usize }
    }

    /// Continues `rel` operations after the next one (a branch target,
    /// relative to the operation after the branch).
    #[inline(always)]
    fn jump(&mut self, rel: u32) {
        // An empty `asm!` has effects for the optimizer, so a conditional
        // branch stays a branch, which the processor predicts: as a
        // conditional move of `ip`, every later operand load would wait
        // for the condition.
        #[cfg(tail_dispatch)]
        // SAFETY: the assembly is empty.
        unsafe {
            std::arch::asm!("", options(nomem, nostack, preserves_flags))
        };
        // SAFETY: lowering maps every branch target inside the function.
        self.ip = unsafe { self.ip.offset(rel as i32 as isize) };
        debug_assert!(self.pc() < self.cx.env.body.ops.len());
    }

    /// `(a * b) + c` in f64 (slot offsets).
    #[inline(always)]
    fn mul_add(&self, a: u16, b: u16, c: u16) -> u64 {
        let t = BinOp::F64Mul.apply(self.get(Reg::from(a)), self.get(Reg::from(b)));
        BinOp::F64Add.apply(t, self.get(Reg::from(c)))
    }

    /// `x += inc` in 32 bits; the new value.
    #[inline(always)]
    fn add_in_place(&mut self, x: u16, inc: i16) -> u64 {
        let x = Reg::from(x);
        let v = BinOp::Add.apply(self.get(x), BinOp::Add.imm(inc as i32 as u32));
        self.set(x, v);
        v
    }

    /// Returns to a caller of the current instance, moving the `keep` (at
    /// most one) results from slot `from` on with `copy`; false (and nothing
    /// done) for the general loop's returns.
    #[inline(always)]
    fn ret(&mut self, from: Reg, keep: u32, copy: fn(&mut Self, Reg, Reg)) -> bool {
        let inst = self.cx.env.inst;
        // Multiple results go through the general loop: a copy loop here
        // would cost every return registers.
        if keep > 1 {
            return false;
        }
        let Some(caller) = self.cx.env.frames.pop_if(|caller| caller.inst == inst) else {
            return false;
        };
        // (A result computed in place needs no move: see
        // `Peephole::return_in_place`.)
        if keep == 1 && from != 0 {
            copy(self, 0, from);
        }
        self.cx.base = caller.body.ops.as_ptr();
        *self.cx.env.body = caller.body;
        // SAFETY: the caller's frame is inside the stack.
        self.frame = unsafe { self.cx.stack.ptr.add(caller.fp) };
        self.ip = caller.ip;
        true
    }

    /// Leaves the hot path for the general loop.
    #[inline(always)]
    fn leave(self, exit: Exit, sp: usize) {
        *self.cx.regs = Regs {
            pc: self.pc(),
            sp,
            fp: self.fp(),
            fuel: self.fuel,
        };
        self.cx.exit = Some(exit);
    }

    /// Leaves for the general loop's return of the `keep` values from slot
    /// `from` on (to another instance, or of several values).
    #[inline(always)]
    fn leave_return(self, from: Reg, keep: u32) {
        let sp = self.fp() + (from / SLOT_BYTES + keep) as usize;
        self.leave(Exit::Cold(Instr::Return { keep }), sp)
    }

    #[inline(always)]
    fn fail(self, kind: TrapKind) {
        self.leave(Exit::Trap(kind), 0)
    }

    /// The `n` bytes at address `addr` plus `offset` in memory 0 (a 32-bit
    /// memory: see `Lowering::mem0_64`), if they are inside it.
    #[inline(always)]
    fn access(&self, addr: u32, offset: u32, n: usize) -> Option<*mut u8> {
        // No overflow: at most 2^33 + 8.
        let ea = addr as u64 + offset as u64;
        if ea + n as u64 > self.len as u64 {
            return None;
        }
        // SAFETY: checked just above.
        Some(unsafe { self.mem.add(ea as usize) })
    }

    /// Runs the operation at `ip`: a sibling call to its handler with
    /// `tail_dispatch`, else a return to the trampoline.
    #[inline(always)]
    fn next<const M: bool>(self) {
        if cfg!(tail_dispatch) {
            // SAFETY: `ip` is at an operation (see `jump`), and the table
            // maps every operation's tag to its handler.
            unsafe {
                let handler = handler::<M>(self.ip);
                let cx = self.cx as *mut Cx<'a> as *mut ();
                handler(self.ip, self.frame, self.fuel, self.mem, self.len, cx)
            }
        } else {
            self.cx.resume = Args {
                ip: self.ip,
                frame: self.frame,
                fuel: self.fuel,
                mem: self.mem,
                len: self.len,
            };
        }
    }
}

/// The handler of the operation at `ip`.
///
/// # Safety
/// `ip` points at an operation.
#[inline(always)]
unsafe fn handler<const M: bool>(ip: *const Threaded) -> Handler {
    // SAFETY: see above.
    unsafe { (*ip).handlers[M as usize] }
}

/// Runs the current function from `regs.pc` until an instruction for the
/// general loop or a trap. `M`: whether each operation takes one unit of
/// `regs.fuel`.
pub(super) fn run<const M: bool>(stack: Slots, regs: &mut Regs, env: Env<'_>) -> Exit {
    let (mem, len) = match env.memories.get_mut(env.mem0) {
        Some(m) => (m.data.as_mut_ptr(), m.data.len()),
        None => (std::ptr::null_mut(), 0),
    };
    let base = env.body.ops.as_ptr();
    debug_assert!(regs.pc < env.body.ops.len());
    let mut args = Args {
        // SAFETY: the general loop resumes at an operation of the function.
        ip: unsafe { base.add(regs.pc) },
        // SAFETY: `fp` is inside the stack (see `Slots`).
        frame: unsafe { stack.ptr.add(regs.fp) },
        fuel: regs.fuel,
        mem,
        len,
    };
    let depth_limit = env.max_depth.min(env.frames.capacity());
    let mut cx = Cx {
        env,
        stack,
        base,
        depth_limit,
        regs,
        exit: None,
        resume: args,
        #[cfg(debug_assertions)]
        stack_mark: machine_sp(),
    };
    loop {
        // SAFETY: `ip` is at an operation, and the arguments are the
        // registers of the current function.
        unsafe {
            let handler = handler::<M>(args.ip);
            let cx = &mut cx as *mut Cx<'_> as *mut ();
            handler(args.ip, args.frame, args.fuel, args.mem, args.len, cx);
        }
        if let Some(exit) = cx.exit.take() {
            return exit;
        }
        args = cx.resume;
    }
}

/// The handlers, one function per operation, and the table that maps an
/// operation's tag to its handler. Each body sees the operation's fields
/// and the state `$s` (a [`Hot`]), with `ip` already past the operation; it
/// may `return` after `leave` or `fail`.
macro_rules! handlers {
    ($s:ident; $( $name:ident { $($f:ident),* } => $body:block )*) => {
        #[allow(non_snake_case)]
        mod handlers {
            use super::*;
            $(
                /// # Safety
                /// `ip` points at an operation of this kind in the current
                /// function, whose frame is `frame`.
                #[allow(unused_mut, unreachable_code, clippy::unnecessary_cast)]
                pub(super) unsafe fn $name<const M: bool>(
                    ip: *const Threaded,
                    frame: *mut Slot,
                    fuel: u64,
                    mem: *mut u8,
                    len: usize,
                    cx: *mut (),
                ) {
                    // SAFETY: `cx` is the `Cx<T>` of `run`, which outlives
                    // every handler it calls.
                    let cx = unsafe { &mut *(cx as *mut Cx<'_>) };
                    #[cfg(debug_assertions)]
                    {
                        let depth = cx.stack_mark.wrapping_sub(machine_sp());
                        assert!(
                            depth < MAX_HANDLER_DEPTH,
                            "{} runs {depth} bytes below the hot path's entry: a \
                             handler's dispatch was not a sibling call",
                            stringify!($name),
                        );
                    }
                    let mut $s = Hot { ip, frame, fuel, mem, len, cx };
                    if M {
                        if $s.fuel == 0 {
                            return $s.fail(TrapKind::OutOfFuel);
                        }
                        $s.fuel -= 1;
                    }
                    // SAFETY: see above.
                    let Op::$name { $($f),* } = (unsafe { (*ip).op }) else {
                        // SAFETY: the table chose this handler by the tag.
                        unsafe { std::hint::unreachable_unchecked() }
                    };
                    // SAFETY: every function ends with a return, so an
                    // operation that falls through has a successor.
                    $s.ip = unsafe { ip.add(1) };
                    $body
                    $s.next::<M>()
                }
            )*
        }

        /// Reached only through a tag that is not an operation's.
        unsafe fn unknown(
            _: *const Threaded, _: *mut Slot, _: u64, _: *mut u8, _: usize, _: *mut (),
        ) {
            unreachable!("an operation without a handler")
        }

        impl<const M: bool> Table<M> {
            const HANDLERS: [Handler; TABLE_LEN] = {
                let mut table = [unknown as Handler; TABLE_LEN];
                $(
                    let t = tag(&Op::$name { $($f: 0),* }) as usize;
                    assert!(t < TABLE_LEN);
                    table[t] = handlers::$name::<M>;
                )*
                table
            };
        }
    };
}

/// A load from memory 0 at `$addr` plus `$offset` into `$dst`, as `$t`
/// converted by `$conv`.
macro_rules! load0 {
    ($s:ident, $dst:expr, $addr:expr, $offset:expr, $t:ty, $conv:expr) => {{
        match $s.access($addr, $offset, std::mem::size_of::<$t>()) {
            // SAFETY: `access` checked the range.
            // (A byte array, not `read_unaligned`, whose temporary would
            // keep the final call from being a sibling call in debug builds.)
            Some(p) => {
                const N: usize = std::mem::size_of::<$t>();
                let v = <$t>::from_le_bytes(unsafe { *(p as *const [u8; N]) });
                $s.set($dst, $conv(v))
            }
            None => return $s.fail(TrapKind::MemoryOutOfBounds),
        }
    }};
}

/// A store of `$v` as `$t` to memory 0 at `$addr` plus `$offset`.
macro_rules! store0 {
    ($s:ident, $addr:expr, $offset:expr, $t:ty, $v:expr) => {{
        const N: usize = std::mem::size_of::<$t>();
        let v = ($v as $t).to_le_bytes();
        match $s.access($addr, $offset, N) {
            // SAFETY: `access` checked the range.
            Some(p) => unsafe { *(p as *mut [u8; N]) = v },
            None => return $s.fail(TrapKind::MemoryOutOfBounds),
        }
    }};
}

/// `a + b` in 32 bits: an address in a 32-bit memory.
fn wrap(a: u64, b: u32) -> u32 {
    (a as u32).wrapping_add(b)
}

/// Runs stack-form memory instruction `instr` of the current function (for
/// a memory other than 0) with the stack pointer at `sp`; on a trap, sets
/// the exit and returns false. Scalars in, a flag out, and not inlined: the
/// handler's own frame holds nothing this call could see, so the handler's
/// last call stays a sibling call.
#[inline(never)]
fn legacy_op(cx: &mut Cx<'_>, fp: usize, instr: u32, sp: usize) -> bool {
    let instr = cx.env.body.code[instr as usize];
    match legacy(cx, fp, instr, sp) {
        Ok(()) => true,
        Err(kind) => {
            cx.exit = Some(Exit::Trap(kind));
            false
        }
    }
}

fn legacy(cx: &mut Cx<'_>, fp: usize, instr: Instr, mut sp: usize) -> Result<(), TrapKind> {
    let Cx { env, stack, .. } = cx;
    let (memories, inst_mems, mem0) = (&mut *env.memories, env.inst_mems, env.mem0);
    let mem_addr = |m: u32| {
        if m == 0 {
            mem0
        } else {
            inst_mems[m as usize] as usize
        }
    };
    // The `$n` bytes at address `$addr` plus the offset, or a trap.
    macro_rules! read_mem {
        ($addr:expr, $arg:expr, $n:literal) => {{
            let mem = &memories[mem_addr($arg.mem)];
            let ea = u64_($addr).saturating_add($arg.offset as u64);
            range(ea, $n, mem.data.len())
                .and_then(|r| <[u8; $n]>::try_from(&mem.data[r]).ok())
                .ok_or(TrapKind::MemoryOutOfBounds)?
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
            let mem = &mut memories[mem_addr($arg.mem)];
            let value = $value as $ty;
            let ea = u64_(stack[sp - 1]).saturating_add($arg.offset as u64);
            let r = range(ea, $n, mem.data.len()).ok_or(TrapKind::MemoryOutOfBounds)?;
            mem.data[r].copy_from_slice(&value.to_le_bytes());
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
    match instr {
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
        }
        Instr::I64LoadLocal { local, m } => {
            let b = read_mem!(stack[fp + local as usize], m, 8);
            stack[sp] = pu64(u64::from_le_bytes(b));
        }
        Instr::I32StoreLocal { local, m } => write_mem!(stack[fp + local as usize], m, 4, u32),
        Instr::I64StoreLocal { local, m } => write_mem!(stack[fp + local as usize], m, 8, u64),
        other => unreachable!("{other:?} is lowered, not run as a stack instruction"),
    }
    Ok(())
}

macro_rules! define_hot_path {
    (
        {}
        arith { $($aop:ident => $arr:ident, $ari:ident;)* }
        compare { $($cop:ident => $crr:ident, $cri:ident, $cbr:ident, $cbri:ident;)* }
        unary { $($un:ident => $uget:ident, $uput:ident, |$ua:ident| $ue:expr;)* }
        unary_try { $($unt:ident => $utget:ident, $utput:ident, $utf:expr;)* }
        binary { $($bn:ident => $bget:ident, $bput:ident, |$ba:ident, $bb:ident| $be:expr;)* }
        binary_try { $($bnt:ident => $btget:ident, $btput:ident, $btf:expr;)* }
        add_branch { $($ab:ident => $abrr:ident, $abri:ident;)* }
        fused { $($fz:ident => $f1:ident, $f2:ident, $fl:literal;)* }
    ) => {
handlers! { s;
    Copy { dst, src } => { s.copy(dst, src) }
    Copy64 { dst, src } => { s.copy64(dst, src) }
    Const { dst, imm } => { s.set(dst, imm) }
    Const128 { dst, imm } => { *s.slot(dst) = Slot::from(imm) }
    Select { a, b, cond } => {
        if s.get(cond) as u32 == 0 {
            s.copy(a, b);
        }
    }
    Select64 { a, b, cond } => {
        if s.get(cond) as u32 == 0 {
            s.copy64(a, b);
        }
    }
    Br { target } => { s.jump(target) }
    BrNez { cond, target } => {
        if s.get(cond) as u32 != 0 {
            s.jump(target);
        }
    }
    BrEqz { cond, target } => {
        if s.get(cond) as u32 == 0 {
            s.jump(target);
        }
    }
    BrNull { cond, target } => {
        if *s.slot(cond) == 0 {
            s.jump(target);
        }
    }
    BrNonNull { cond, target } => {
        if *s.slot(cond) != 0 {
            s.jump(target);
        }
    }
    BrTable { index, len } => {
        let entry = (s.get(index) as u32).min(len) as usize;
        // SAFETY: lowering puts `len + 1` entries after the operation.
        s.ip = unsafe { s.ip.add(entry) };
    }
    Return { from, keep } => {
        if !s.ret(from, keep, Hot::copy) {
            return s.leave_return(from, keep);
        }
    }
    Return64 { from, keep } => {
        if !s.ret(from, keep, Hot::copy64) {
            return s.leave_return(from, keep);
        }
    }
    Return1 { from } => {
        if !s.ret(from, 1, Hot::copy64) {
            return s.leave_return(from, 1);
        }
    }
    GlobalGet { dst, global } => {
        let env = &s.cx.env;
        let value = env.globals[env.inst_globals[global as usize] as usize].value;
        *s.slot(dst) = value;
    }
    GlobalSet { src, global } => {
        let value = *s.slot(src);
        let env = &mut s.cx.env;
        env.globals[env.inst_globals[global as usize] as usize].value = value;
    }
    Call { func, args } => {
        // A call within the instance, with room on both stacks.
        let caller_fp = s.fp();
        let sp = caller_fp + args as usize;
        let bodies = s.cx.env.inst_bodies;
        debug_assert!((func as usize) < bodies.len());
        // SAFETY: validation checked the function index.
        let Some(callee) = (unsafe { bodies.get_unchecked(func as usize) }) else {
            return s.leave(Exit::Cold(Instr::Call(func)), sp);
        };
        let fp = sp - callee.params as usize;
        let depth = s.cx.env.frames.len();
        if depth >= s.cx.depth_limit || fp + callee.frame_size as usize > s.cx.stack.len {
            return s.leave(Exit::Cold(Instr::Call(func)), sp);
        }
        let caller = Frame {
            body: std::mem::replace(s.cx.env.body, BodyRef::of(callee)),
            ip: s.ip,
            fp: caller_fp,
            inst: s.cx.env.inst,
        };
        let frames = &mut *s.cx.env.frames;
        // SAFETY: below the capacity (`depth_limit`); `push` would bring
        // in the growth path, a call.
        unsafe {
            frames.as_mut_ptr().add(depth).write(caller);
            frames.set_len(depth + 1);
        }
        // SAFETY: checked against the stack's length above.
        s.frame = unsafe { s.cx.stack.ptr.add(fp) };
        let locals = callee.params as usize;
        for i in locals..locals + callee.zeroed_locals as usize {
            // SAFETY: as above (locals are below the frame size). Volatile
            // so that the loop stays a loop, not a call to `memset`.
            unsafe { s.frame.add(i).write_volatile(0) };
        }
        s.cx.base = callee.ops.as_ptr();
        s.ip = s.cx.base;
    }
    I32Load { dst, addr, offset } => { load0!(s, dst, s.get(addr) as u32, offset, u32, |v| v as u64) }
    I64Load { dst, addr, offset } => { load0!(s, dst, s.get(addr) as u32, offset, u64, |v| v) }
    I32Load8S { dst, addr, offset } => {
        load0!(s, dst, s.get(addr) as u32, offset, i8, |v| v as i32 as u32 as u64)
    }
    I32Load8U { dst, addr, offset } => { load0!(s, dst, s.get(addr) as u32, offset, u8, |v| v as u64) }
    I32Load16S { dst, addr, offset } => {
        load0!(s, dst, s.get(addr) as u32, offset, i16, |v| v as i32 as u32 as u64)
    }
    I32Load16U { dst, addr, offset } => { load0!(s, dst, s.get(addr) as u32, offset, u16, |v| v as u64) }
    I64Load8S { dst, addr, offset } => { load0!(s, dst, s.get(addr) as u32, offset, i8, |v| v as i64 as u64) }
    I64Load8U { dst, addr, offset } => { load0!(s, dst, s.get(addr) as u32, offset, u8, |v| v as u64) }
    I64Load16S { dst, addr, offset } => {
        load0!(s, dst, s.get(addr) as u32, offset, i16, |v| v as i64 as u64)
    }
    I64Load16U { dst, addr, offset } => { load0!(s, dst, s.get(addr) as u32, offset, u16, |v| v as u64) }
    I64Load32S { dst, addr, offset } => {
        load0!(s, dst, s.get(addr) as u32, offset, i32, |v| v as i64 as u64)
    }
    I64Load32U { dst, addr, offset } => { load0!(s, dst, s.get(addr) as u32, offset, u32, |v| v as u64) }
    I32Store { addr, value, offset } => { store0!(s, s.get(addr) as u32, offset, u32, s.get(value)) }
    I64Store { addr, value, offset } => { store0!(s, s.get(addr) as u32, offset, u64, s.get(value)) }
    I32Store8 { addr, value, offset } => { store0!(s, s.get(addr) as u32, offset, u8, s.get(value)) }
    I32Store16 { addr, value, offset } => { store0!(s, s.get(addr) as u32, offset, u16, s.get(value)) }
    I64Store32 { addr, value, offset } => { store0!(s, s.get(addr) as u32, offset, u32, s.get(value)) }
    I32StoreImm { addr, imm, offset } => { store0!(s, s.get(addr) as u32, offset, u32, imm) }
    I64StoreImm { addr, imm, offset } => {
        store0!(s, s.get(addr) as u32, offset, u64, imm as i32 as i64)
    }
    I32Store8Imm { addr, imm, offset } => { store0!(s, s.get(addr) as u32, offset, u8, imm) }
    I32Store16Imm { addr, imm, offset } => { store0!(s, s.get(addr) as u32, offset, u16, imm) }
    I64Store32Imm { addr, imm, offset } => { store0!(s, s.get(addr) as u32, offset, u32, imm) }
    I32LoadRR { dst, a, b } => { load0!(s, dst, wrap(s.get(a), s.get(b) as u32), 0, u32, |v| v as u64) }
    I32LoadRI { dst, a, imm } => { load0!(s, dst, wrap(s.get(a), imm), 0, u32, |v| v as u64) }
    I64LoadRR { dst, a, b } => { load0!(s, dst, wrap(s.get(a), s.get(b) as u32), 0, u64, |v| v) }
    I64LoadRI { dst, a, imm } => { load0!(s, dst, wrap(s.get(a), imm), 0, u64, |v| v) }
    I32Load8URR { dst, a, b } => { load0!(s, dst, wrap(s.get(a), s.get(b) as u32), 0, u8, |v| v as u64) }
    I32Load8URI { dst, a, imm } => { load0!(s, dst, wrap(s.get(a), imm), 0, u8, |v| v as u64) }
    I32StoreRR { a, b, value } => { store0!(s, wrap(s.get(a), s.get(b) as u32), 0, u32, s.get(value)) }
    I32StoreRI { a, imm, value } => { store0!(s, wrap(s.get(a), imm), 0, u32, s.get(value)) }
    I64StoreRR { a, b, value } => { store0!(s, wrap(s.get(a), s.get(b) as u32), 0, u64, s.get(value)) }
    I64StoreRI { a, imm, value } => { store0!(s, wrap(s.get(a), imm), 0, u64, s.get(value)) }
    I32Store8RR { a, b, value } => { store0!(s, wrap(s.get(a), s.get(b) as u32), 0, u8, s.get(value)) }
    I32Store8RI { a, imm, value } => { store0!(s, wrap(s.get(a), imm), 0, u8, s.get(value)) }
    I32LoadAbs { dst, ea } => { load0!(s, dst, ea, 0, u32, |v| v as u64) }
    I64LoadAbs { dst, ea } => { load0!(s, dst, ea, 0, u64, |v| v) }
    I32StoreAbs { ea, value } => { store0!(s, ea, 0, u32, s.get(value)) }
    I64StoreAbs { ea, value } => { store0!(s, ea, 0, u64, s.get(value)) }
    SubIR { dst, imm, b } => { s.set(dst, BinOp::Sub.apply(imm as u64, s.get(b))) }
    Sub64IR { dst, imm, b } => {
        s.set(dst, BinOp::Sub64.apply(BinOp::Sub64.imm(imm), s.get(b)))
    }
    Cold { instr, sp } => {
        let instr = s.cx.env.body.code[instr as usize];
        let sp = s.fp() + sp as usize;
        return s.leave(Exit::Cold(instr), sp);
    }
    Legacy { instr, sp } => {
        let fp = s.fp();
        if !legacy_op(&mut *s.cx, fp, instr, fp + sp as usize) {
            let Some(exit) = s.cx.exit.take() else {
                unreachable!("a failed instruction sets the exit")
            };
            return s.leave(exit, 0);
        }
    }
    $(
        $un { dst, src } => {
            let $ua = $uget(s.get(src) as Slot);
            s.set(dst, $uput($ue) as u64)
        }
    )*
    $(
        $unt { dst, src } => {
            match $utf($utget(s.get(src) as Slot) as f64) {
                Ok(v) => s.set(dst, $utput(v) as u64),
                Err(kind) => return s.fail(kind),
            }
        }
    )*
    $(
        $bn { dst, a, b } => {
            let ($ba, $bb) = ($bget(s.get(a) as Slot), $bget(s.get(b) as Slot));
            s.set(dst, $bput($be) as u64)
        }
    )*
    $(
        $bnt { dst, a, b } => {
            match $btf($btget(s.get(a) as Slot), $btget(s.get(b) as Slot)) {
                Ok(v) => s.set(dst, $btput(v) as u64),
                Err(kind) => return s.fail(kind),
            }
        }
    )*
    $(
        $abrr { x, inc, b, target } => {
            let v = s.add_in_place(x, inc);
            if BinOp::$ab.apply(v, s.get(b)) != 0 {
                s.jump(target);
            }
        }
        $abri { x, inc, imm, target } => {
            let v = s.add_in_place(x, inc);
            if BinOp::$ab.apply(v, BinOp::$ab.imm(imm)) != 0 {
                s.jump(target);
            }
        }
    )*
    AddBrNez { x, inc, target } => {
        if s.add_in_place(x, inc) != 0 {
            s.jump(target);
        }
    }
    AddBrEqz { x, inc, target } => {
        if s.add_in_place(x, inc) == 0 {
            s.jump(target);
        }
    }
    F64MulAddAddL { dst, a, b, c, d } => {
        let t = s.mul_add(a, b, c);
        let v = BinOp::F64Add.apply(t, s.get(Reg::from(d)));
        s.set(Reg::from(dst), v)
    }
    F64MulAddAddR { dst, a, b, c, d } => {
        let t = s.mul_add(a, b, c);
        let v = BinOp::F64Add.apply(s.get(Reg::from(d)), t);
        s.set(Reg::from(dst), v)
    }
    $(
        $fz { dst, a, b, c } => {
            let t = BinOp::$f1.apply(s.get(Reg::from(a)), s.get(Reg::from(b)));
            let c = s.get(Reg::from(c));
            let v = if $fl { BinOp::$f2.apply(t, c) } else { BinOp::$f2.apply(c, t) };
            s.set(Reg::from(dst), v)
        }
    )*
    $(
        $arr { dst, a, b } => { s.set(dst, BinOp::$aop.apply(s.get(a), s.get(b))) }
        $ari { dst, a, imm } => {
            s.set(dst, BinOp::$aop.apply(s.get(a), BinOp::$aop.imm(imm)))
        }
    )*
    $(
        $crr { dst, a, b } => { s.set(dst, BinOp::$cop.apply(s.get(a), s.get(b))) }
        $cri { dst, a, imm } => {
            s.set(dst, BinOp::$cop.apply(s.get(a), BinOp::$cop.imm(imm)))
        }
        $cbr { a, b, target } => {
            if BinOp::$cop.apply(s.get(a), s.get(b)) != 0 {
                s.jump(target);
            }
        }
        $cbri { a, imm, target } => {
            if BinOp::$cop.apply(s.get(a), BinOp::$cop.imm(imm)) != 0 {
                s.jump(target);
            }
        }
    )*
}
    };
}
with_op_table!(define_hot_path! {});
