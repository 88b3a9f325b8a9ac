//! The executor, in two parts. The hot path ([`hot`]: threaded code, one
//! handler per operation) runs a function's register form
//! ([`crate::lower`]) until an operation it does not run; the general loop
//! here runs that one stack instruction of [`crate::ir`] (with the stack
//! pointer the operation gives) and hands back. Wasm-to-Wasm calls, in
//! either part, push a [`Frame`] on an explicit frame stack
//! instead of recursing on the host stack, so deep recursion ends in
//! [`TrapKind::CallStackExhausted`], never a host stack overflow.
//!
//! Stack layout of a frame: `[params | locals | operands]`, starting at
//! `fp`. A caller's arguments become the callee's parameters in place, and
//! results are moved down to `fp` on return.

mod hot;
pub(crate) use hot::{Threaded, thread};
pub(crate) mod num;

use crate::error::{Error, Trap, TrapKind};
use crate::gc;
use crate::ir::{FuncBody, HeapRef, Instr};
use crate::store::{Caller, Func, FuncEntity, Instance, Store};
use crate::types::Heap;
use crate::value::{Slot, Val};
use std::sync::Arc;

/// A function body owned by the store.
///
/// Bodies live as long as their store (functions are only ever added to
/// it) and the executor runs only while it holds the store, so the pointer
/// stays valid; unlike a cloned `Arc` it costs no atomic reference count
/// per call and return.
#[derive(Clone, Copy)]
struct BodyRef(*const FuncBody);

impl BodyRef {
    fn of(body: &Arc<FuncBody>) -> BodyRef {
        BodyRef(Arc::as_ptr(body))
    }
}

impl std::ops::Deref for BodyRef {
    type Target = FuncBody;
    fn deref(&self) -> &FuncBody {
        // SAFETY: see the type's documentation.
        unsafe { &*self.0 }
    }
}

/// A suspended caller.
struct Frame {
    body: BodyRef,
    /// Where the caller continues: an operation of `body` (a pointer, not
    /// an index, so that a return from the hot path needs no load of the
    /// body to find it).
    ip: *const Threaded,
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

/// The value stack as the hot path sees it: a raw view of the `Vec` that
/// indexes without bounds checks in release builds.
///
/// Sound because every index the executor forms lies inside the current
/// frame, `fp..fp + frame_size`, whose size the translator computed from the
/// validated function and which `enter!` made room for; debug builds (and so
/// `cargo test`) still check each index. The view is refreshed whenever the
/// `Vec` is resized.
#[derive(Clone, Copy)]
struct Slots {
    ptr: *mut Slot,
    len: usize,
}

impl Slots {
    fn of(vec: &mut Vec<Slot>) -> Slots {
        Slots {
            ptr: vec.as_mut_ptr(),
            len: vec.len(),
        }
    }

    fn as_mut_slice<'a>(self) -> &'a mut [Slot] {
        // SAFETY: `ptr..ptr + len` is the live buffer of the `Vec`, which is
        // not touched through any other path while the view exists.
        unsafe { std::slice::from_raw_parts_mut(self.ptr, self.len) }
    }

    fn copy_within(self, src: std::ops::Range<usize>, dst: usize) {
        self.as_mut_slice().copy_within(src, dst);
    }
}

impl std::ops::Index<usize> for Slots {
    type Output = Slot;
    #[inline(always)]
    fn index(&self, i: usize) -> &Slot {
        debug_assert!(i < self.len, "slot {i} outside the stack of {}", self.len);
        // SAFETY: see the type's documentation.
        unsafe { &*self.ptr.add(i) }
    }
}

impl std::ops::IndexMut<usize> for Slots {
    #[inline(always)]
    fn index_mut(&mut self, i: usize) -> &mut Slot {
        debug_assert!(i < self.len, "slot {i} outside the stack of {}", self.len);
        // SAFETY: see the type's documentation.
        unsafe { &mut *self.ptr.add(i) }
    }
}

impl std::ops::Index<std::ops::Range<usize>> for Slots {
    type Output = [Slot];
    fn index(&self, r: std::ops::Range<usize>) -> &[Slot] {
        &self.as_mut_slice()[r]
    }
}

/// Runs the Wasm function `entry` whose arguments are at `stack[0..]`;
/// leaves its results at `stack[0..]`.
fn run<T>(
    store: &mut Store<T>,
    entry: u32,
    vec: &mut Vec<Slot>,
    fuel_out: &mut u64,
) -> Result<(), Trap> {
    let mut stack = Slots::of(vec);
    let max_depth = store.engine.config().max_call_depth;
    let max_stack = store.engine.config().max_value_stack;
    let (mut body, mut inst) = match &store.funcs[entry as usize] {
        FuncEntity::Wasm { body, instance, .. } => (BodyRef::of(body), *instance),
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
            if need > stack.len {
                if need > max_stack {
                    fail!(TrapKind::CallStackExhausted);
                }
                let len = need.saturating_mul(2).min(max_stack).max(need);
                vec.resize(len, 0);
                stack = Slots::of(vec);
            }
            let locals = fp + body.params as usize;
            sp = locals + body.locals as usize;
            stack.as_mut_slice()[locals..sp].fill(0);
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
    macro_rules! table_addr {
        ($t:expr) => {
            store.instances[inst as usize].tables[$t as usize] as usize
        };
    }
    // Makes `$inst` the current instance.
    macro_rules! switch_instance {
        ($inst:expr) => {{
            let to: u32 = $inst;
            if to != inst {
                inst = to;
                mem0 = default_memory(store, inst);
            }
        }};
    }
    // Continues in the caller `$frame`.
    macro_rules! resume {
        ($frame:expr) => {{
            let frame: Frame = $frame;
            body = frame.body;
            // SAFETY: `ip` points into the body's operations.
            pc = unsafe { frame.ip.offset_from(body.ops.as_ptr()) } as usize;
            fp = frame.fp;
            switch_instance!(frame.inst);
        }};
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
                Some(frame) => resume!(frame),
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
                    let callee = BodyRef::of(callee);
                    let n = callee.params as usize;
                    if $tail {
                        stack.copy_within(sp - n..sp, fp);
                        body = callee;
                    } else {
                        if frames.len() >= max_depth {
                            fail!(TrapKind::CallStackExhausted);
                        }
                        // SAFETY: `pc` is past the call, inside the body
                        // (which ends with a return).
                        let ip = unsafe { body.ops.as_ptr().add(pc) };
                        frames.push(Frame {
                            body: std::mem::replace(&mut body, callee),
                            ip,
                            fp,
                            inst,
                        });
                        fp = sp - n;
                    }
                    pc = 0;
                    switch_instance!(*instance);
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
                    if sp + results.len() > stack.len {
                        vec.resize(sp + results.len(), 0);
                        stack = Slots::of(vec);
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
                    Some(frame) => resume!(frame),
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
        let mut regs = hot::Regs { pc, sp, fp, fuel };
        // Without a fuel budget the counter cannot run out (it starts at
        // `u64::MAX`), so the hot path runs the handlers without it.
        let run_hot = match store.fuel {
            Some(_) => hot::run::<true>,
            None => hot::run::<false>,
        };
        let instance = &store.instances[inst as usize];
        let env = hot::Env {
            body: &mut body,
            frames: &mut frames,
            max_depth,
            memories: &mut store.memories,
            globals: &mut store.globals,
            inst,
            inst_bodies: &instance.bodies,
            inst_mems: &instance.memories,
            inst_globals: &instance.globals,
            mem0,
        };
        let exit = run_hot(stack, &mut regs, env);
        (pc, sp, fp, fuel) = (regs.pc, regs.sp, regs.fp, regs.fuel);
        let instr = match exit {
            hot::Exit::Cold(instr) => instr,
            hot::Exit::Trap(kind) => fail!(kind),
        };
        match instr {
            Instr::Unreachable => fail!(TrapKind::Unreachable),
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
            Instr::ConstPool(i) => {
                stack[sp] = body.consts[i as usize];
                sp += 1;
            }

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
                if let Err(kind) = crate::simd::execute(
                    op,
                    stack.as_mut_slice(),
                    &mut sp,
                    &body.consts,
                    memories,
                    &memory,
                ) {
                    fail!(kind);
                }
            }

            _ => unreachable!("{instr:?} belongs to the hot path"),
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
