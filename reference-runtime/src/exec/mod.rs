//! The executor: one loop over the IR of [`crate::ir`]. Wasm-to-Wasm calls
//! push a [`Frame`] on an explicit frame stack instead of recursing on the
//! host stack, so deep recursion ends in
//! [`TrapKind::CallStackExhausted`], never a host stack overflow.
//!
//! Stack layout of a frame: `[params | locals | operands]`, starting at
//! `fp`. A caller's arguments become the callee's parameters in place, and
//! results are moved down to `fp` on return.

pub(crate) mod num;

use crate::error::{Error, Trap, TrapKind};
use crate::gc;
use crate::ir::{DropKeep, FuncBody, HeapRef, Instr};
use crate::store::{Caller, Func, FuncEntity, Instance, Store};
use crate::types::Heap;
use crate::value::{Slot, Val};
use num::*;
use std::sync::Arc;

/// A suspended caller.
struct Frame {
    body: Arc<FuncBody>,
    pc: usize,
    fp: usize,
    inst: u32,
}

/// Calls `func` with `args`, writing `results`.
pub(crate) fn invoke<T>(
    store: &mut Store<T>,
    func: Func,
    args: &[Val],
    results: &mut [Val],
) -> Result<(), Error> {
    let entity = store
        .funcs
        .get(func.0 as usize)
        .ok_or_else(|| Error::Usage("function of another store".into()))?;
    let ty = store.types.list[entity.ty() as usize].clone();
    if args.len() != ty.params().len() || args.iter().zip(ty.params()).any(|(a, t)| !a.matches(*t))
    {
        return Err(Error::Usage(format!(
            "arguments {args:?} do not match the parameters {:?}",
            ty.params()
        )));
    }
    if results.len() != ty.results().len() {
        return Err(Error::Usage(format!(
            "expected {} result slots, got {}",
            ty.results().len(),
            results.len()
        )));
    }
    match entity {
        FuncEntity::Host { func, .. } => {
            let func = func.clone();
            func(
                Caller {
                    store,
                    instance: None,
                },
                args,
                results,
            )?;
        }
        FuncEntity::Wasm { .. } => {
            let mut stack: Vec<Slot> = vec![0; 1024];
            for (slot, arg) in stack.iter_mut().zip(args) {
                *slot = arg.to_slot();
            }
            let mut fuel = store.fuel.unwrap_or(u64::MAX);
            let outcome = run(store, func.0, &mut stack, &mut fuel);
            if store.fuel.is_some() {
                store.fuel = Some(fuel);
            }
            outcome?;
            for ((out, slot), ty) in results.iter_mut().zip(&stack).zip(ty.results()) {
                *out = Val::from_slot(*slot, *ty);
            }
        }
    }
    Ok(())
}

#[inline(always)]
fn i32_(s: Slot) -> i32 {
    s as u32 as i32
}
#[inline(always)]
fn u32_(s: Slot) -> u32 {
    s as u32
}
#[inline(always)]
fn i64_(s: Slot) -> i64 {
    s as u64 as i64
}
#[inline(always)]
fn u64_(s: Slot) -> u64 {
    s as u64
}
#[inline(always)]
fn f32_(s: Slot) -> f32 {
    f32::from_bits(s as u32)
}
#[inline(always)]
fn f64_(s: Slot) -> f64 {
    f64::from_bits(s as u64)
}
#[inline(always)]
fn pi32(v: i32) -> Slot {
    v as u32 as Slot
}
#[inline(always)]
fn pu32(v: u32) -> Slot {
    v as Slot
}
#[inline(always)]
fn pi64(v: i64) -> Slot {
    v as u64 as Slot
}
#[inline(always)]
fn pu64(v: u64) -> Slot {
    v as Slot
}
#[inline(always)]
fn pf32(v: f32) -> Slot {
    v.to_bits() as Slot
}
#[inline(always)]
fn pf64(v: f64) -> Slot {
    v.to_bits() as Slot
}
#[inline(always)]
fn pbool(v: bool) -> Slot {
    v as Slot
}

/// An address or index operand. i32 slots are zero-extended, so reading
/// 64 bits serves 32- and 64-bit memories and tables alike.
#[inline(always)]
fn index(s: Slot) -> usize {
    usize::try_from(s as u64).unwrap_or(usize::MAX)
}

/// `start..start + len` as a checked range within `size`.
#[inline]
fn range(start: u64, len: u64, size: usize) -> Option<std::ops::Range<usize>> {
    let end = start.checked_add(len)?;
    if end > size as u64 {
        return None;
    }
    Some(start as usize..end as usize)
}

fn trap<V>(kind: TrapKind) -> Result<V, Trap> {
    Err(Trap::new(kind))
}

/// Runs the Wasm function `entry` whose arguments are at `stack[0..]`;
/// leaves its results at `stack[0..]`.
fn run<T>(
    store: &mut Store<T>,
    entry: u32,
    stack: &mut Vec<Slot>,
    fuel_out: &mut u64,
) -> Result<(), Trap> {
    let max_depth = store.engine.config().max_call_depth;
    let max_stack = store.engine.config().max_value_stack;
    let (mut body, mut inst) = match &store.funcs[entry as usize] {
        FuncEntity::Wasm { body, instance, .. } => (body.clone(), *instance),
        FuncEntity::Host { .. } => return trap(TrapKind::Host),
    };
    let mut frames: Vec<Frame> = Vec::new();
    let mut fp = 0usize;
    let mut pc = 0usize;
    let mut sp: usize;
    let mut mem0 = default_memory(store, inst);
    // The budget lives in a register; every exit writes it back.
    let mut fuel = *fuel_out;

    macro_rules! fail {
        ($kind:expr) => {{
            *fuel_out = fuel;
            return trap($kind);
        }};
    }

    macro_rules! enter {
        () => {{
            let need = fp + body.frame_size as usize;
            if need > stack.len() {
                if need > max_stack {
                    fail!(TrapKind::CallStackExhausted);
                }
                let len = need.saturating_mul(2).min(max_stack).max(need);
                stack.resize(len, 0);
            }
            let locals = fp + body.params as usize;
            sp = locals + body.locals as usize;
            for slot in &mut stack[locals..sp] {
                *slot = 0;
            }
        }};
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
    macro_rules! mem_addr {
        ($m:expr) => {
            if $m == 0 {
                mem0
            } else {
                store.instances[inst as usize].memories[$m as usize] as usize
            }
        };
    }
    // The `$n` bytes at address `$addr` plus the offset, or a trap.
    macro_rules! read_mem {
        ($addr:expr, $arg:expr, $n:literal) => {{
            let mem = &store.memories[mem_addr!($arg.mem)];
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
            let mem = &mut store.memories[mem_addr!($arg.mem)];
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
            let mem = &mut store.memories[mem_addr!($arg.mem)];
            let value = stack[sp - 1] as $ty;
            let ea = u64_(stack[sp - 2]).saturating_add($arg.offset as u64);
            sp -= 2;
            match range(ea, $n, mem.data.len()) {
                Some(r) => mem.data[r].copy_from_slice(&value.to_le_bytes()),
                None => fail!(TrapKind::MemoryOutOfBounds),
            }
        }};
    }
    macro_rules! table_addr {
        ($t:expr) => {
            store.instances[inst as usize].tables[$t as usize] as usize
        };
    }
    macro_rules! return_from {
        ($keep:expr) => {{
            let keep = $keep;
            for i in 0..keep {
                stack[fp + i] = stack[sp - keep + i];
            }
            sp = fp + keep;
            match frames.pop() {
                None => {
                    *fuel_out = fuel;
                    return Ok(());
                }
                Some(frame) => {
                    body = frame.body;
                    pc = frame.pc;
                    fp = frame.fp;
                    if frame.inst != inst {
                        inst = frame.inst;
                        mem0 = default_memory(store, inst);
                    }
                }
            }
        }};
    }
    // Calls store function `$f`; `$tail` replaces the current frame.
    macro_rules! call {
        ($f:expr, $tail:expr) => {{
            let f = $f as usize;
            match &store.funcs[f] {
                FuncEntity::Wasm {
                    body: callee,
                    instance,
                    ..
                } => {
                    let callee = callee.clone();
                    let n = callee.params as usize;
                    if $tail {
                        stack.copy_within(sp - n..sp, fp);
                        body = callee;
                    } else {
                        if frames.len() >= max_depth {
                            fail!(TrapKind::CallStackExhausted);
                        }
                        frames.push(Frame {
                            body: std::mem::replace(&mut body, callee),
                            pc,
                            fp,
                            inst,
                        });
                        fp = sp - n;
                    }
                    pc = 0;
                    if *instance != inst {
                        inst = *instance;
                        mem0 = default_memory(store, inst);
                    }
                    enter!();
                }
                FuncEntity::Host { func, ty } => {
                    let func = func.clone();
                    let ty = store.types.list[*ty as usize].clone();
                    let n = ty.params().len();
                    let args: Vec<Val> = stack[sp - n..sp]
                        .iter()
                        .zip(ty.params())
                        .map(|(s, t)| Val::from_slot(*s, *t))
                        .collect();
                    let mut results: Vec<Val> =
                        ty.results().iter().map(|t| Val::default_for(*t)).collect();
                    if store.fuel.is_some() {
                        store.fuel = Some(fuel);
                    }
                    let outcome = func(
                        Caller {
                            store: &mut *store,
                            instance: Some(Instance(inst)),
                        },
                        &args,
                        &mut results,
                    );
                    if let Some(left) = store.fuel {
                        fuel = left;
                    }
                    if let Err(e) = outcome {
                        *fuel_out = fuel;
                        return Err(e);
                    }
                    sp -= n;
                    if sp + results.len() > stack.len() {
                        stack.resize(sp + results.len(), 0);
                    }
                    for r in &results {
                        stack[sp] = r.to_slot();
                        sp += 1;
                    }
                    if $tail {
                        return_from!(body.results as usize);
                    }
                }
            }
        }};
    }
    macro_rules! indirect_target {
        ($ty:expr, $table:expr) => {{
            let index = index(stack[sp - 1]);
            sp -= 1;
            let table = &store.tables[table_addr!($table)];
            let Some(&r) = table.elems.get(index) else {
                fail!(TrapKind::UndefinedElement);
            };
            if r == 0 {
                fail!(TrapKind::UninitializedElement);
            }
            let f = (r - 1) as u32;
            let expected = store.instances[inst as usize].types[$ty as usize];
            let actual = store.funcs[f as usize].ty();
            if actual != expected && !store.types.is_sub_id(actual, expected) {
                fail!(TrapKind::IndirectCallTypeMismatch);
            }
            f
        }};
    }
    // Unwinds to the innermost handler catching exception `$exn`, in this
    // frame or a caller's; traps when none does.
    macro_rules! throw {
        ($exn:expr) => {{
            let exn: usize = $exn;
            let tag = store.exceptions[exn].0;
            loop {
                // pc is one past the throwing instruction or the call.
                let at = (pc - 1) as u32;
                let mut caught = None;
                for h in body.handlers.iter() {
                    if h.start <= at && at < h.end {
                        caught = h
                            .clauses
                            .iter()
                            .find(|c| match c.tag {
                                None => true,
                                Some(t) => store.instances[inst as usize].tags[t as usize] == tag,
                            })
                            .map(|c| (h.height, *c));
                        if caught.is_some() {
                            break;
                        }
                    }
                }
                if let Some((height, clause)) = caught {
                    sp = fp + body.params as usize + body.locals as usize + height as usize;
                    if clause.tag.is_some() {
                        for v in store.exceptions[exn].1.iter() {
                            stack[sp] = *v;
                            sp += 1;
                        }
                    }
                    if clause.with_ref {
                        stack[sp] = exn as Slot + 1;
                        sp += 1;
                    }
                    pc = clause.pad as usize;
                    break;
                }
                match frames.pop() {
                    None => fail!(TrapKind::UncaughtException),
                    Some(frame) => {
                        body = frame.body;
                        pc = frame.pc;
                        fp = frame.fp;
                        if frame.inst != inst {
                            inst = frame.inst;
                            mem0 = default_memory(store, inst);
                        }
                    }
                }
            }
        }};
    }
    macro_rules! type_id {
        ($ty:expr) => {
            store.instances[inst as usize].types[$ty as usize]
        };
    }
    macro_rules! heap_of {
        ($heap:expr) => {
            match $heap {
                HeapRef::Abstract(a) => Heap::Abs(a),
                HeapRef::Type(t) => Heap::Id(type_id!(t)),
            }
        };
    }
    // The object a non-null struct/array reference points to.
    macro_rules! obj {
        ($slot:expr) => {{
            let slot: Slot = $slot;
            match gc::any_kind(slot) {
                gc::AnyKind::Object(i) if slot != 0 && i < store.gc.len() => i,
                _ => fail!(TrapKind::NullReference),
            }
        }};
    }
    macro_rules! new_object {
        ($ty:expr, $fields:expr) => {{
            let ty = type_id!($ty);
            store.gc.push(gc::GcObject {
                ty,
                fields: $fields,
            });
            gc::object_ref(store.gc.len() - 1)
        }};
    }
    macro_rules! ref_target {
        () => {{
            let r = stack[sp - 1];
            sp -= 1;
            if r == 0 {
                fail!(TrapKind::NullReference);
            }
            (r - 1) as u32
        }};
    }

    enter!();
    loop {
        if fuel == 0 {
            fail!(TrapKind::OutOfFuel);
        }
        fuel -= 1;
        let instr = body.code[pc];
        pc += 1;
        match instr {
            Instr::Unreachable => fail!(TrapKind::Unreachable),
            Instr::Br { target, dk } => {
                drop_keep!(dk);
                pc = target as usize;
            }
            Instr::BrIfNez { target, dk } => {
                sp -= 1;
                if u32_(stack[sp]) != 0 {
                    drop_keep!(dk);
                    pc = target as usize;
                }
            }
            Instr::BrIfEqz { target } => {
                sp -= 1;
                if u32_(stack[sp]) == 0 {
                    pc = target as usize;
                }
            }
            Instr::BrTable { len } => {
                sp -= 1;
                pc += u32_(stack[sp]).min(len) as usize;
            }
            Instr::BrOnNull { target, dk } => {
                if stack[sp - 1] == 0 {
                    sp -= 1;
                    drop_keep!(dk);
                    pc = target as usize;
                }
            }
            Instr::BrOnNonNull { target, dk } => {
                if stack[sp - 1] != 0 {
                    drop_keep!(dk);
                    pc = target as usize;
                } else {
                    sp -= 1;
                }
            }
            Instr::Return { keep } => return_from!(keep as usize),
            Instr::Call(idx) => {
                let f = store.instances[inst as usize].funcs[idx as usize];
                call!(f, false);
            }
            Instr::ReturnCall(idx) => {
                let f = store.instances[inst as usize].funcs[idx as usize];
                call!(f, true);
            }
            Instr::CallIndirect { ty, table } => {
                let f = indirect_target!(ty, table);
                call!(f, false);
            }
            Instr::ReturnCallIndirect { ty, table } => {
                let f = indirect_target!(ty, table);
                call!(f, true);
            }
            Instr::CallRef { .. } => {
                let f = ref_target!();
                call!(f, false);
            }
            Instr::ReturnCallRef { .. } => {
                let f = ref_target!();
                call!(f, true);
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
            Instr::GlobalGet(i) => {
                let g = store.instances[inst as usize].globals[i as usize];
                stack[sp] = store.globals[g as usize].value;
                sp += 1;
            }
            Instr::GlobalSet(i) => {
                let g = store.instances[inst as usize].globals[i as usize];
                sp -= 1;
                store.globals[g as usize].value = stack[sp];
            }
            Instr::Const32(v) => {
                stack[sp] = v as Slot;
                sp += 1;
            }
            Instr::Const64(v) => {
                stack[sp] = v as Slot;
                sp += 1;
            }
            Instr::ConstPool(i) => {
                stack[sp] = body.consts[i as usize];
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
            Instr::MemorySize(m) => {
                let mem = &store.memories[mem_addr!(m)];
                stack[sp] = pu64(mem.pages());
                sp += 1;
            }
            Instr::MemoryGrow(m) => {
                let mem = &mut store.memories[mem_addr!(m)];
                let delta = u64_(stack[sp - 1]);
                stack[sp - 1] = match mem.grow(delta) {
                    Some(old) => pu64(old),
                    None if mem.ty.memory64 => pi64(-1),
                    None => pi32(-1),
                };
            }
            Instr::MemoryFill(m) => {
                let mem = &mut store.memories[mem_addr!(m)];
                let n = u64_(stack[sp - 1]);
                let val = stack[sp - 2] as u8;
                let d = u64_(stack[sp - 3]);
                sp -= 3;
                match range(d, n, mem.data.len()) {
                    Some(r) => mem.data[r].fill(val),
                    None => fail!(TrapKind::MemoryOutOfBounds),
                }
            }
            Instr::MemoryCopy { dst, src } => {
                let n = u64_(stack[sp - 1]);
                let s = u64_(stack[sp - 2]);
                let d = u64_(stack[sp - 3]);
                sp -= 3;
                let (da, sa) = (mem_addr!(dst), mem_addr!(src));
                let src_len = store.memories[sa].data.len();
                let dst_len = store.memories[da].data.len();
                let (Some(sr), Some(dr)) = (range(s, n, src_len), range(d, n, dst_len)) else {
                    fail!(TrapKind::MemoryOutOfBounds);
                };
                if da == sa {
                    store.memories[da].data.copy_within(sr, dr.start);
                } else {
                    let bytes = store.memories[sa].data[sr].to_vec();
                    store.memories[da].data[dr].copy_from_slice(&bytes);
                }
            }
            Instr::MemoryInit { mem, data } => {
                let n = u64_(stack[sp - 1]);
                let s = u64_(stack[sp - 2]);
                let d = u64_(stack[sp - 3]);
                sp -= 3;
                let seg = store.instances[inst as usize].datas[data as usize] as usize;
                let ma = mem_addr!(mem);
                let bytes = &store.datas[seg];
                let memory = &mut store.memories[ma];
                let (Some(sr), Some(dr)) =
                    (range(s, n, bytes.len()), range(d, n, memory.data.len()))
                else {
                    fail!(TrapKind::MemoryOutOfBounds);
                };
                memory.data[dr].copy_from_slice(&bytes[sr]);
            }
            Instr::DataDrop(data) => {
                let seg = store.instances[inst as usize].datas[data as usize] as usize;
                store.datas[seg] = Arc::from(Vec::new());
            }

            Instr::TableGet(t) => {
                let table = &store.tables[table_addr!(t)];
                match table.elems.get(index(stack[sp - 1])) {
                    Some(r) => stack[sp - 1] = *r,
                    None => fail!(TrapKind::TableOutOfBounds),
                }
            }
            Instr::TableSet(t) => {
                let ta = table_addr!(t);
                let value = stack[sp - 1];
                let i = index(stack[sp - 2]);
                sp -= 2;
                match store.tables[ta].elems.get_mut(i) {
                    Some(r) => *r = value,
                    None => fail!(TrapKind::TableOutOfBounds),
                }
            }
            Instr::TableSize(t) => {
                stack[sp] = pu64(store.tables[table_addr!(t)].elems.len() as u64);
                sp += 1;
            }
            Instr::TableGrow(t) => {
                let ta = table_addr!(t);
                let n = u64_(stack[sp - 1]);
                let init = stack[sp - 2];
                sp -= 1;
                let table = &mut store.tables[ta];
                stack[sp - 1] = match table.grow(n, init) {
                    Some(old) => pu64(old),
                    None if table.ty.table64 => pi64(-1),
                    None => pi32(-1),
                };
            }
            Instr::TableFill(t) => {
                let ta = table_addr!(t);
                let n = u64_(stack[sp - 1]);
                let value = stack[sp - 2];
                let i = u64_(stack[sp - 3]);
                sp -= 3;
                let table = &mut store.tables[ta];
                match range(i, n, table.elems.len()) {
                    Some(r) => table.elems[r].fill(value),
                    None => fail!(TrapKind::TableOutOfBounds),
                }
            }
            Instr::TableCopy { dst, src } => {
                let n = u64_(stack[sp - 1]);
                let s = u64_(stack[sp - 2]);
                let d = u64_(stack[sp - 3]);
                sp -= 3;
                let (da, sa) = (table_addr!(dst), table_addr!(src));
                let src_len = store.tables[sa].elems.len();
                let dst_len = store.tables[da].elems.len();
                let (Some(sr), Some(dr)) = (range(s, n, src_len), range(d, n, dst_len)) else {
                    fail!(TrapKind::TableOutOfBounds);
                };
                if da == sa {
                    store.tables[da].elems.copy_within(sr, dr.start);
                } else {
                    let items = store.tables[sa].elems[sr].to_vec();
                    store.tables[da].elems[dr].copy_from_slice(&items);
                }
            }
            Instr::TableInit { table, elem } => {
                let n = u64_(stack[sp - 1]);
                let s = u64_(stack[sp - 2]);
                let d = u64_(stack[sp - 3]);
                sp -= 3;
                let seg = store.instances[inst as usize].elems[elem as usize] as usize;
                let ta = table_addr!(table);
                let items = &store.elems[seg];
                let dst = &mut store.tables[ta].elems;
                let (Some(sr), Some(dr)) = (range(s, n, items.len()), range(d, n, dst.len()))
                else {
                    fail!(TrapKind::TableOutOfBounds);
                };
                dst[dr].copy_from_slice(&items[sr]);
            }
            Instr::ElemDrop(elem) => {
                let seg = store.instances[inst as usize].elems[elem as usize] as usize;
                store.elems[seg] = Vec::new();
            }
            Instr::RefIsNull => stack[sp - 1] = pbool(stack[sp - 1] == 0),
            Instr::RefFunc(idx) => {
                stack[sp] = store.instances[inst as usize].funcs[idx as usize] as Slot + 1;
                sp += 1;
            }
            Instr::StructNew(ty) => {
                let info = &store.types.info[type_id!(ty) as usize];
                let n = info.fields.len();
                let fields: Vec<Slot> = stack[sp - n..sp]
                    .iter()
                    .zip(info.fields.iter())
                    .map(|(v, f)| gc::pack(*v, *f))
                    .collect();
                sp -= n;
                stack[sp] = new_object!(ty, fields);
                sp += 1;
            }
            Instr::StructNewDefault(ty) => {
                let n = store.types.info[type_id!(ty) as usize].fields.len();
                stack[sp] = new_object!(ty, vec![0; n]);
                sp += 1;
            }
            Instr::StructGet(field) => {
                let o = obj!(stack[sp - 1]);
                stack[sp - 1] = store.gc[o].fields[field as usize];
            }
            Instr::StructGetS { ty, field } | Instr::StructGetU { ty, field } => {
                let signed = matches!(instr, Instr::StructGetS { .. });
                let o = obj!(stack[sp - 1]);
                let f = store.types.info[type_id!(ty) as usize].fields[field as usize];
                stack[sp - 1] = gc::unpack(store.gc[o].fields[field as usize], f, signed);
            }
            Instr::StructSet { ty, field } => {
                let value = stack[sp - 1];
                let o = obj!(stack[sp - 2]);
                sp -= 2;
                let f = store.types.info[type_id!(ty) as usize].fields[field as usize];
                store.gc[o].fields[field as usize] = gc::pack(value, f);
            }
            Instr::ArrayNew(ty) | Instr::ArrayNewDefault(ty) => {
                let n = u64_(stack[sp - 1]);
                if n > gc::MAX_ARRAY_LEN {
                    fail!(TrapKind::AllocationTooLarge);
                }
                let init = if matches!(instr, Instr::ArrayNew(_)) {
                    sp -= 1;
                    let f = store.types.info[type_id!(ty) as usize].fields[0];
                    gc::pack(stack[sp - 1], f)
                } else {
                    0
                };
                stack[sp - 1] = new_object!(ty, vec![init; n as usize]);
            }
            Instr::ArrayNewFixed { ty, len } => {
                let n = len as usize;
                let f = store.types.info[type_id!(ty) as usize].fields[0];
                let fields: Vec<Slot> = stack[sp - n..sp].iter().map(|v| gc::pack(*v, f)).collect();
                sp -= n;
                stack[sp] = new_object!(ty, fields);
                sp += 1;
            }
            Instr::ArrayNewData { ty, data } => {
                let n = u64_(stack[sp - 1]);
                let s = u64_(stack[sp - 2]);
                sp -= 1;
                let bytes = store.types.info[type_id!(ty) as usize].fields[0].bytes as u64;
                let seg =
                    &store.datas[store.instances[inst as usize].datas[data as usize] as usize];
                let Some(r) = range(s, n * bytes, seg.len()) else {
                    fail!(TrapKind::MemoryOutOfBounds);
                };
                if n > gc::MAX_ARRAY_LEN {
                    fail!(TrapKind::AllocationTooLarge);
                }
                let fields = gc::values_from_bytes(&seg[r], bytes as usize);
                stack[sp - 1] = new_object!(ty, fields);
            }
            Instr::ArrayNewElem { ty, elem } => {
                let n = u64_(stack[sp - 1]);
                let s = u64_(stack[sp - 2]);
                sp -= 1;
                let seg =
                    &store.elems[store.instances[inst as usize].elems[elem as usize] as usize];
                let Some(r) = range(s, n, seg.len()) else {
                    fail!(TrapKind::TableOutOfBounds);
                };
                let fields = seg[r].to_vec();
                stack[sp - 1] = new_object!(ty, fields);
            }
            Instr::ArrayGet | Instr::ArrayGetS(_) | Instr::ArrayGetU(_) => {
                let i = index(stack[sp - 1]);
                let o = obj!(stack[sp - 2]);
                sp -= 1;
                let Some(&v) = store.gc[o].fields.get(i) else {
                    fail!(TrapKind::ArrayOutOfBounds);
                };
                stack[sp - 1] = match instr {
                    Instr::ArrayGetS(ty) | Instr::ArrayGetU(ty) => {
                        let f = store.types.info[type_id!(ty) as usize].fields[0];
                        gc::unpack(v, f, matches!(instr, Instr::ArrayGetS(_)))
                    }
                    _ => v,
                };
            }
            Instr::ArraySet(ty) => {
                let value = stack[sp - 1];
                let i = index(stack[sp - 2]);
                let o = obj!(stack[sp - 3]);
                sp -= 3;
                let f = store.types.info[type_id!(ty) as usize].fields[0];
                match store.gc[o].fields.get_mut(i) {
                    Some(slot) => *slot = gc::pack(value, f),
                    None => fail!(TrapKind::ArrayOutOfBounds),
                }
            }
            Instr::ArrayLen => {
                let o = obj!(stack[sp - 1]);
                stack[sp - 1] = pu32(store.gc[o].fields.len() as u32);
            }
            Instr::ArrayFill(ty) => {
                let n = u64_(stack[sp - 1]);
                let value = stack[sp - 2];
                let d = u64_(stack[sp - 3]);
                let o = obj!(stack[sp - 4]);
                sp -= 4;
                let f = store.types.info[type_id!(ty) as usize].fields[0];
                let fields = &mut store.gc[o].fields;
                match range(d, n, fields.len()) {
                    Some(r) => fields[r].fill(gc::pack(value, f)),
                    None => fail!(TrapKind::ArrayOutOfBounds),
                }
            }
            Instr::ArrayCopy => {
                let n = u64_(stack[sp - 1]);
                let s = u64_(stack[sp - 2]);
                let src = obj!(stack[sp - 3]);
                let d = u64_(stack[sp - 4]);
                let dst = obj!(stack[sp - 5]);
                sp -= 5;
                let (Some(sr), Some(dr)) = (
                    range(s, n, store.gc[src].fields.len()),
                    range(d, n, store.gc[dst].fields.len()),
                ) else {
                    fail!(TrapKind::ArrayOutOfBounds);
                };
                if src == dst {
                    store.gc[dst].fields.copy_within(sr, dr.start);
                } else {
                    let items = store.gc[src].fields[sr].to_vec();
                    store.gc[dst].fields[dr].copy_from_slice(&items);
                }
            }
            Instr::ArrayInitData { ty, data } => {
                let n = u64_(stack[sp - 1]);
                let s = u64_(stack[sp - 2]);
                let d = u64_(stack[sp - 3]);
                let o = obj!(stack[sp - 4]);
                sp -= 4;
                let Some(dr) = range(d, n, store.gc[o].fields.len()) else {
                    fail!(TrapKind::ArrayOutOfBounds);
                };
                let bytes = store.types.info[type_id!(ty) as usize].fields[0].bytes as u64;
                let seg =
                    &store.datas[store.instances[inst as usize].datas[data as usize] as usize];
                let Some(sr) = range(s, n * bytes, seg.len()) else {
                    fail!(TrapKind::MemoryOutOfBounds);
                };
                let values = gc::values_from_bytes(&seg[sr], bytes as usize);
                store.gc[o].fields[dr].copy_from_slice(&values);
            }
            Instr::ArrayInitElem { elem, .. } => {
                let n = u64_(stack[sp - 1]);
                let s = u64_(stack[sp - 2]);
                let d = u64_(stack[sp - 3]);
                let o = obj!(stack[sp - 4]);
                sp -= 4;
                let Some(dr) = range(d, n, store.gc[o].fields.len()) else {
                    fail!(TrapKind::ArrayOutOfBounds);
                };
                let seg = store.instances[inst as usize].elems[elem as usize] as usize;
                let Some(sr) = range(s, n, store.elems[seg].len()) else {
                    fail!(TrapKind::TableOutOfBounds);
                };
                let items = store.elems[seg][sr].to_vec();
                store.gc[o].fields[dr].copy_from_slice(&items);
            }
            Instr::RefI31 => stack[sp - 1] = gc::ref_i31(u32_(stack[sp - 1])),
            Instr::I31GetS | Instr::I31GetU => {
                if stack[sp - 1] == 0 {
                    fail!(TrapKind::NullReference);
                }
                stack[sp - 1] = pu32(gc::i31_get(stack[sp - 1], instr == Instr::I31GetS));
            }
            Instr::RefTest { heap, nullable } => {
                let heap = heap_of!(heap);
                stack[sp - 1] = pbool(gc::ref_matches(store, stack[sp - 1], nullable, heap));
            }
            Instr::RefCast { heap, nullable } => {
                let heap = heap_of!(heap);
                if !gc::ref_matches(store, stack[sp - 1], nullable, heap) {
                    fail!(TrapKind::CastFailure);
                }
            }
            Instr::RefTestKeep { heap, nullable } => {
                let heap = heap_of!(heap);
                stack[sp] = pbool(gc::ref_matches(store, stack[sp - 1], nullable, heap));
                sp += 1;
            }
            Instr::AnyConvertExtern => stack[sp - 1] = gc::extern_to_any(stack[sp - 1]),
            Instr::ExternConvertAny => stack[sp - 1] = gc::any_to_extern(stack[sp - 1]),
            Instr::RefEq => {
                sp -= 1;
                stack[sp - 1] = pbool(stack[sp - 1] == stack[sp]);
            }
            Instr::Throw(t) => {
                let tag = store.instances[inst as usize].tags[t as usize];
                let ty = store.tags[tag as usize];
                let n = store.types.list[ty as usize].params().len();
                let values: Box<[Slot]> = stack[sp - n..sp].into();
                store.exceptions.push((tag, values));
                throw!(store.exceptions.len() - 1);
            }
            Instr::ThrowRef => {
                sp -= 1;
                let r = stack[sp];
                if r == 0 {
                    fail!(TrapKind::NullReference);
                }
                throw!((r - 1) as usize);
            }
            Instr::RefAsNonNull => {
                if stack[sp - 1] == 0 {
                    fail!(TrapKind::NullReference);
                }
            }

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

            Instr::I64Add128 | Instr::I64Sub128 => {
                let b = u64_(stack[sp - 2]) as u128 | (u64_(stack[sp - 1]) as u128) << 64;
                let a = u64_(stack[sp - 4]) as u128 | (u64_(stack[sp - 3]) as u128) << 64;
                let r = if instr == Instr::I64Add128 {
                    a.wrapping_add(b)
                } else {
                    a.wrapping_sub(b)
                };
                sp -= 2;
                stack[sp - 2] = pu64(r as u64);
                stack[sp - 1] = pu64((r >> 64) as u64);
            }
            Instr::I64MulWideS => {
                let r = (i64_(stack[sp - 2]) as i128).wrapping_mul(i64_(stack[sp - 1]) as i128);
                stack[sp - 2] = pu64(r as u64);
                stack[sp - 1] = pu64((r >> 64) as u64);
            }
            Instr::I64MulWideU => {
                let r = (u64_(stack[sp - 2]) as u128) * (u64_(stack[sp - 1]) as u128);
                stack[sp - 2] = pu64(r as u64);
                stack[sp - 1] = pu64((r >> 64) as u64);
            }
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
                    pc = target as usize;
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
                    pc = target as usize;
                }
            }
            Instr::BrIfBin { op, neg, target } => {
                sp -= 2;
                if (op.apply(u64_(stack[sp]), u64_(stack[sp + 1])) != 0) != neg {
                    pc = target as usize;
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
                    pc = target as usize;
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
                    pc = target as usize;
                }
            }
            Instr::Simd(op) => {
                let instances = &store.instances;
                let memory = |m: u32| {
                    if m == 0 {
                        mem0
                    } else {
                        instances[inst as usize].memories[m as usize] as usize
                    }
                };
                let memories = &mut store.memories;
                if let Err(kind) =
                    crate::simd::execute(op, stack, &mut sp, &body.consts, memories, &memory)
                {
                    fail!(kind);
                }
            }
        }
    }
}

/// The store address of an instance's memory 0 (`usize::MAX` if none).
fn default_memory<T>(store: &Store<T>, inst: u32) -> usize {
    store.instances[inst as usize]
        .memories
        .first()
        .map_or(usize::MAX, |m| *m as usize)
}
