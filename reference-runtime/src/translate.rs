//! The translator: turns one validated function body into the stack-slot IR
//! of [`crate::ir`]. Each operator is first validated by wasmparser's
//! `FuncValidator` (whose operand-stack height gives every branch its exact
//! drop/keep), then translated here; code after an unconditional branch is
//! validated but not emitted. Under [`Translation::Plain`] nothing is
//! fused: each instruction is emitted as it is.

use crate::config::Translation;
use crate::error::Error;
use crate::ir::{BinOp, Clause, DropKeep, FuncBody, Handler, HeapRef, Instr, MemArg};
use crate::simd;
use wasmparser::{
    BlockType, FuncType, FuncValidator, FunctionBody, Operator, OperatorsReader, ValType,
    ValidatorResources, WasmModuleResources,
};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum FrameKind {
    Func,
    Block,
    Loop,
    If,
}

/// A block being translated: where its label points and which branches
/// wait for its end.
#[derive(Debug)]
struct ControlFrame {
    kind: FrameKind,
    /// Operand-stack height below the block's parameters.
    height: u32,
    params: u32,
    results: u32,
    /// For loops: the pc of the loop header.
    start: u32,
    /// Branch instructions to patch with the block's end.
    fixups: Vec<usize>,
    /// For `if`: the `BrIfEqz` to patch with the `else` (or end).
    else_fixup: Option<usize>,
    /// Whether the block was entered from reachable code.
    live: bool,
    /// For `try_table`: the handler, completed at the block's end.
    handler: Option<Handler>,
}

struct FuncTranslator<'a> {
    types: &'a [FuncType],
    tags: &'a [u32],
    handlers: Vec<Handler>,
    /// The highest operand stack a catch clause fills.
    catch_peak: u32,
    code: Vec<Instr>,
    /// For each instruction of `code`, the operand-stack height (above the
    /// locals) it runs at, whichever way it is reached: what lowering
    /// ([`crate::lower`]) turns into slot numbers.
    heights: Vec<u32>,
    /// The height recorded for the instructions emitted next.
    height: u32,
    consts: Vec<u128>,
    control: Vec<ControlFrame>,
    reachable: bool,
    /// Instructions before this index may be jumped over or into: a fused
    /// pair never spans it.
    fence: usize,
    /// Whether instructions may be fused at all (not under
    /// [`Translation::Plain`]).
    fuse: bool,
}

/// Validates and translates one function body.
pub(crate) fn translate_function(
    types: &[FuncType],
    tags: &[u32],
    type_index: u32,
    body: &FunctionBody<'_>,
    mut validator: FuncValidator<ValidatorResources>,
    translation: Translation,
) -> Result<FuncBody, Error> {
    let ty = types
        .get(type_index as usize)
        .ok_or_else(|| Error::Unsupported("function type is not a func type".into()))?;
    let params = ty.params().len() as u32;
    let results = ty.results().len() as u32;
    // Whether the function may hold a v128 or a reference: a value of a
    // local, of a multi-value call or block (whose types are in `types`),
    // or one an instruction leaves on top of the operand stack.
    let is_wide = |t: &ValType| matches!(t, ValType::V128 | ValType::Ref(_));
    let mut wide = types
        .iter()
        .any(|f| f.params().iter().chain(f.results()).any(is_wide));
    let mut locals = 0u32;
    let mut reader = body.get_locals_reader()?;
    for _ in 0..reader.get_count() {
        let offset = reader.original_position();
        let (count, ty) = reader.read()?;
        validator.define_locals(offset, count, ty)?;
        locals = locals.saturating_add(count);
        wide |= is_wide(&ty);
    }
    let mut t = FuncTranslator {
        types,
        tags,
        handlers: Vec::new(),
        catch_peak: 0,
        code: Vec::new(),
        heights: Vec::new(),
        height: 0,
        consts: Vec::new(),
        control: vec![ControlFrame {
            kind: FrameKind::Func,
            height: 0,
            params: 0,
            results,
            start: 0,
            fixups: Vec::new(),
            else_fixup: None,
            live: true,
            handler: None,
        }],
        reachable: true,
        fence: 0,
        fuse: translation == Translation::Optimized,
    };
    let mut max_height = 0u32;
    let mut reader = body.get_binary_reader_for_operators()?;
    reader.set_features(*validator.features());
    let mut ops = OperatorsReader::new(reader);
    while !ops.eof() {
        let (op, offset) = ops.read_with_offset()?;
        let height = validator.operand_stack_height();
        validator.op(offset, &op)?;
        t.height = height;
        t.translate(&op, height)?;
        if is_control(&op) {
            t.fence = t.code.len();
        }
        max_height = max_height.max(validator.operand_stack_height());
        wide = wide || matches!(validator.get_operand_type(0), Some(Some(t)) if is_wide(&t));
    }
    ops.finish()?;
    let max_height = max_height.max(t.catch_peak);
    let frame_size = params as u64 + locals as u64 + max_height as u64 + 1;
    let mem0_64 = validator
        .resources()
        .memory_at(0)
        .is_some_and(|m| m.memory64);
    let lowered = crate::lower::lower(
        &t.code,
        &t.heights,
        params,
        params + locals,
        mem0_64,
        wide,
        translation,
    );
    let mut handlers = t.handlers;
    lowered.remap_handlers(&mut handlers);
    // A landing pad is reached from the whole guarded range, which the
    // analysis of the operations' flow does not see.
    let zeroed_locals = if lowered.reads_unset_locals || !handlers.is_empty() {
        locals
    } else {
        0
    };
    Ok(FuncBody {
        params,
        results,
        locals,
        zeroed_locals,
        frame_size: u32::try_from(frame_size)
            .map_err(|_| Error::Unsupported("function frame too large".into()))?,
        code: t.code.into_boxed_slice(),
        ops: crate::exec::thread(&lowered.ops),
        consts: t.consts.into_boxed_slice(),
        handlers: handlers.into_boxed_slice(),
    })
}

fn heap_ref(heap: wasmparser::HeapType) -> Result<HeapRef, Error> {
    match heap {
        wasmparser::HeapType::Abstract { ty, .. } => Ok(HeapRef::Abstract(ty)),
        wasmparser::HeapType::Concrete(wasmparser::UnpackedIndex::Module(i)) => {
            Ok(HeapRef::Type(i))
        }
        other => Err(Error::Unsupported(format!("heap type {other:?}"))),
    }
}

fn internal(what: &str) -> Error {
    Error::Unsupported(format!("translator invariant broken: {what}"))
}

fn mem_arg(m: &wasmparser::MemArg) -> Result<MemArg, Error> {
    // Offsets beyond 32 bits (memory64 only) saturate: every access with
    // them is out of bounds, as memories are capped at 4 GiB.
    let offset = u32::try_from(m.offset).unwrap_or(u32::MAX);
    let mem = match m.target {
        wasmparser::MemArgTarget::Memory(mem) => mem,
        wasmparser::MemArgTarget::Array(_) => {
            return Err(Error::Unsupported("array memory operands".into()));
        }
    };
    Ok(MemArg { mem, offset })
}

impl FuncTranslator<'_> {
    fn block_arity(&self, ty: BlockType) -> Result<(u32, u32), Error> {
        Ok(match ty {
            BlockType::Empty => (0, 0),
            BlockType::Type(_) => (0, 1),
            BlockType::FuncType(idx) => {
                let f = self
                    .types
                    .get(idx as usize)
                    .ok_or_else(|| internal("block type"))?;
                (f.params().len() as u32, f.results().len() as u32)
            }
        })
    }

    fn emit(&mut self, instr: Instr) -> usize {
        self.code.push(instr);
        self.heights.push(self.height);
        self.code.len() - 1
    }

    fn pc(&self) -> u32 {
        self.code.len() as u32
    }

    fn push_frame(&mut self, kind: FrameKind, ty: BlockType, height: u32) -> Result<(), Error> {
        let (params, results) = self.block_arity(ty)?;
        let height = height.saturating_sub(params);
        self.control.push(ControlFrame {
            kind,
            height,
            params,
            results,
            start: self.pc(),
            fixups: Vec::new(),
            else_fixup: None,
            live: self.reachable,
            handler: None,
        });
        Ok(())
    }

    fn frame_at(&self, depth: u32) -> Result<&ControlFrame, Error> {
        let len = self.control.len();
        (depth as usize)
            .checked_add(1)
            .and_then(|d| len.checked_sub(d))
            .and_then(|i| self.control.get(i))
            .ok_or_else(|| internal("branch depth"))
    }

    /// The drop/keep for branching to `depth` with `height` operands.
    fn label(&self, depth: u32, height: u32) -> Result<(DropKeep, Option<u32>), Error> {
        let frame = self.frame_at(depth)?;
        let keep = if frame.kind == FrameKind::Loop {
            frame.params
        } else {
            frame.results
        };
        let drop = height
            .checked_sub(frame.height)
            .and_then(|h| h.checked_sub(keep))
            .ok_or_else(|| internal("branch height"))?;
        let target = (frame.kind == FrameKind::Loop).then_some(frame.start);
        Ok((DropKeep { drop, keep }, target))
    }

    fn add_fixup(&mut self, depth: u32, at: usize) -> Result<(), Error> {
        let len = self.control.len();
        let frame = len
            .checked_sub(depth as usize + 1)
            .and_then(|i| self.control.get_mut(i))
            .ok_or_else(|| internal("fixup depth"))?;
        frame.fixups.push(at);
        Ok(())
    }

    /// Emits a branch-like instruction to `depth`, built by `make`.
    fn branch(
        &mut self,
        depth: u32,
        height: u32,
        make: impl FnOnce(u32, DropKeep) -> Instr,
    ) -> Result<(), Error> {
        let (dk, target) = self.label(depth, height)?;
        let at = self.emit(make(target.unwrap_or(0), dk));
        if target.is_none() {
            self.add_fixup(depth, at)?;
        }
        Ok(())
    }

    fn patch(&mut self, at: usize, to: u32) -> Result<(), Error> {
        let target = self
            .code
            .get_mut(at)
            .and_then(Instr::target_mut)
            .ok_or_else(|| internal("patch target"))?;
        *target = to;
        Ok(())
    }

    /// A `try_table`: a block whose catch clauses become landing pads
    /// (branches to the clause labels, skipped in normal flow) and a
    /// handler entry covering the block's code.
    fn try_table(&mut self, table: &wasmparser::TryTable, height: u32) -> Result<(), Error> {
        if !self.reachable {
            return self.push_frame(FrameKind::Block, table.ty, height);
        }
        let (params, _) = self.block_arity(table.ty)?;
        let base = height.saturating_sub(params);
        let skip = self.emit(Instr::Br {
            target: 0,
            dk: DropKeep::default(),
        });
        let mut clauses = Vec::with_capacity(table.catches.len());
        for catch in &table.catches {
            use wasmparser::Catch;
            let (tag, with_ref, label) = match *catch {
                Catch::One { tag, label } => (Some(tag), false, label),
                Catch::OneRef { tag, label } => (Some(tag), true, label),
                Catch::All { label } => (None, false, label),
                Catch::AllRef { label } => (None, true, label),
            };
            let values = match tag {
                Some(tag) => {
                    let ty = self
                        .tags
                        .get(tag as usize)
                        .and_then(|t| self.types.get(*t as usize))
                        .ok_or_else(|| internal("tag type"))?;
                    ty.params().len() as u32
                }
                None => 0,
            } + with_ref as u32;
            self.catch_peak = self.catch_peak.max(base + values);
            let pad = self.pc();
            self.height = base + values;
            self.branch(label, base + values, |target, dk| Instr::Br { target, dk })?;
            self.height = height;
            clauses.push(Clause { tag, with_ref, pad });
        }
        let start = self.pc();
        self.patch(skip, start)?;
        self.push_frame(FrameKind::Block, table.ty, height)?;
        if let Some(frame) = self.control.last_mut() {
            frame.handler = Some(Handler {
                start,
                end: start,
                height: base,
                clauses: clauses.into_boxed_slice(),
            });
        }
        Ok(())
    }

    fn translate(&mut self, op: &Operator<'_>, height: u32) -> Result<(), Error> {
        use Instr as I;
        // Structured control is tracked even in unreachable code.
        match op {
            Operator::Block { blockty } => {
                return self.push_frame(FrameKind::Block, *blockty, height);
            }
            Operator::Loop { blockty } => {
                return self.push_frame(FrameKind::Loop, *blockty, height);
            }
            Operator::If { blockty } => {
                let height = height.saturating_sub(1);
                let fixup = self.reachable.then(|| self.emit_cond_branch(true, 0));
                self.push_frame(FrameKind::If, *blockty, height)?;
                if let Some(frame) = self.control.last_mut() {
                    frame.else_fixup = fixup;
                }
                return Ok(());
            }
            Operator::TryTable { try_table } => {
                return self.try_table(try_table, height);
            }
            Operator::Else => {
                let live = self.control.last().is_some_and(|f| f.live);
                if live {
                    if self.reachable {
                        let at = self.emit(I::Br {
                            target: 0,
                            dk: DropKeep::default(),
                        });
                        self.add_fixup(0, at)?;
                    }
                    let pc = self.pc();
                    let else_fixup = self.control.last_mut().and_then(|f| f.else_fixup.take());
                    if let Some(at) = else_fixup {
                        self.patch(at, pc)?;
                    }
                }
                self.reachable = live;
                return Ok(());
            }
            Operator::End => {
                let frame = self.control.pop().ok_or_else(|| internal("end"))?;
                let pc = self.pc();
                if frame.kind != FrameKind::Loop {
                    for at in frame.fixups {
                        self.patch(at, pc)?;
                    }
                }
                if let Some(at) = frame.else_fixup {
                    self.patch(at, pc)?;
                }
                if let Some(mut handler) = frame.handler {
                    handler.end = pc;
                    self.handlers.push(handler);
                }
                if frame.kind == FrameKind::Func {
                    // Reached by falling through or by a branch to the
                    // function's label: either way the results alone.
                    self.height = frame.height + frame.results;
                    self.emit(I::Return {
                        keep: frame.results,
                    });
                }
                self.reachable = frame.live;
                return Ok(());
            }
            _ => {}
        }
        if !self.reachable {
            return Ok(());
        }
        let instr = match op {
            Operator::Nop => return Ok(()),
            Operator::Unreachable => {
                self.reachable = false;
                I::Unreachable
            }
            Operator::Br { relative_depth } => {
                self.reachable = false;
                if *relative_depth as usize + 1 == self.control.len() {
                    let keep = self.frame_at(*relative_depth)?.results;
                    I::Return { keep }
                } else {
                    return self.branch(*relative_depth, height, |target, dk| I::Br { target, dk });
                }
            }
            Operator::BrIf { relative_depth } => {
                let (dk, target) = self.label(*relative_depth, height.saturating_sub(1))?;
                if dk.drop != 0 {
                    return self.branch(*relative_depth, height.saturating_sub(1), |target, dk| {
                        I::BrIfNez { target, dk }
                    });
                }
                let at = self.emit_cond_branch(false, target.unwrap_or(0));
                if target.is_none() {
                    self.add_fixup(*relative_depth, at)?;
                }
                return Ok(());
            }
            Operator::BrTable { targets } => {
                let height = height.saturating_sub(1);
                let depths = targets
                    .targets()
                    .chain(std::iter::once(Ok(targets.default())))
                    .collect::<Result<Vec<u32>, _>>()?;
                self.emit(I::BrTable { len: targets.len() });
                // The entries run once the index is popped.
                self.height = height;
                for depth in depths {
                    self.branch(depth, height, |target, dk| I::Br { target, dk })?;
                }
                self.reachable = false;
                return Ok(());
            }
            Operator::BrOnNull { relative_depth } => {
                return self.branch(*relative_depth, height.saturating_sub(1), |target, dk| {
                    I::BrOnNull { target, dk }
                });
            }
            Operator::BrOnNonNull { relative_depth } => {
                return self.branch(*relative_depth, height, |target, dk| I::BrOnNonNull {
                    target,
                    dk,
                });
            }
            Operator::Return => {
                self.reachable = false;
                let keep = self.control.first().map_or(0, |f| f.results);
                I::Return { keep }
            }
            Operator::Call { function_index } => I::Call(*function_index),
            Operator::CallIndirect {
                type_index,
                table_index,
            } => I::CallIndirect {
                ty: *type_index,
                table: *table_index,
            },
            Operator::ReturnCall { function_index } => {
                self.reachable = false;
                I::ReturnCall(*function_index)
            }
            Operator::ReturnCallIndirect {
                type_index,
                table_index,
            } => {
                self.reachable = false;
                I::ReturnCallIndirect {
                    ty: *type_index,
                    table: *table_index,
                }
            }
            Operator::CallRef { type_index } => I::CallRef { ty: *type_index },
            Operator::StructNew { struct_type_index } => I::StructNew(*struct_type_index),
            Operator::StructNewDefault { struct_type_index } => {
                I::StructNewDefault(*struct_type_index)
            }
            Operator::StructGet { field_index, .. } => I::StructGet(*field_index),
            Operator::StructGetS {
                struct_type_index,
                field_index,
            } => I::StructGetS {
                ty: *struct_type_index,
                field: *field_index,
            },
            Operator::StructGetU {
                struct_type_index,
                field_index,
            } => I::StructGetU {
                ty: *struct_type_index,
                field: *field_index,
            },
            Operator::StructSet {
                struct_type_index,
                field_index,
            } => I::StructSet {
                ty: *struct_type_index,
                field: *field_index,
            },
            Operator::ArrayNew { array_type_index } => I::ArrayNew(*array_type_index),
            Operator::ArrayNewDefault { array_type_index } => I::ArrayNewDefault(*array_type_index),
            Operator::ArrayNewFixed {
                array_type_index,
                array_size,
            } => I::ArrayNewFixed {
                ty: *array_type_index,
                len: *array_size,
            },
            Operator::ArrayNewData {
                array_type_index,
                array_data_index,
            } => I::ArrayNewData {
                ty: *array_type_index,
                data: *array_data_index,
            },
            Operator::ArrayNewElem {
                array_type_index,
                array_elem_index,
            } => I::ArrayNewElem {
                ty: *array_type_index,
                elem: *array_elem_index,
            },
            Operator::ArrayGet { .. } => I::ArrayGet,
            Operator::ArrayGetS { array_type_index } => I::ArrayGetS(*array_type_index),
            Operator::ArrayGetU { array_type_index } => I::ArrayGetU(*array_type_index),
            Operator::ArraySet { array_type_index } => I::ArraySet(*array_type_index),
            Operator::ArrayLen => I::ArrayLen,
            Operator::ArrayFill { array_type_index } => I::ArrayFill(*array_type_index),
            Operator::ArrayCopy { .. } => I::ArrayCopy,
            Operator::ArrayInitData {
                array_type_index,
                array_data_index,
            } => I::ArrayInitData {
                ty: *array_type_index,
                data: *array_data_index,
            },
            Operator::ArrayInitElem {
                array_type_index,
                array_elem_index,
            } => I::ArrayInitElem {
                ty: *array_type_index,
                elem: *array_elem_index,
            },
            Operator::RefI31 => I::RefI31,
            Operator::I31GetS => I::I31GetS,
            Operator::I31GetU => I::I31GetU,
            Operator::RefTestNonNull { hty } => I::RefTest {
                heap: heap_ref(*hty)?,
                nullable: false,
            },
            Operator::RefTestNullable { hty } => I::RefTest {
                heap: heap_ref(*hty)?,
                nullable: true,
            },
            Operator::RefCastNonNull { hty } => I::RefCast {
                heap: heap_ref(*hty)?,
                nullable: false,
            },
            Operator::RefCastNullable { hty } => I::RefCast {
                heap: heap_ref(*hty)?,
                nullable: true,
            },
            Operator::BrOnCast {
                relative_depth,
                to_ref_type,
                ..
            }
            | Operator::BrOnCastFail {
                relative_depth,
                to_ref_type,
                ..
            } => {
                self.emit(I::RefTestKeep {
                    heap: heap_ref(to_ref_type.heap_type())?,
                    nullable: to_ref_type.is_nullable(),
                });
                self.height = height + 1;
                if matches!(op, Operator::BrOnCastFail { .. }) {
                    self.emit(I::I32Eqz);
                }
                return self.branch(*relative_depth, height, |target, dk| I::BrIfNez {
                    target,
                    dk,
                });
            }
            Operator::AnyConvertExtern => I::AnyConvertExtern,
            Operator::ExternConvertAny => I::ExternConvertAny,
            Operator::RefEq => I::RefEq,
            Operator::Throw { tag_index } => {
                self.reachable = false;
                I::Throw(*tag_index)
            }
            Operator::ThrowRef => {
                self.reachable = false;
                I::ThrowRef
            }
            Operator::ReturnCallRef { type_index } => {
                self.reachable = false;
                I::ReturnCallRef { ty: *type_index }
            }
            Operator::Drop => I::Drop,
            Operator::Select | Operator::TypedSelect { .. } => I::Select,
            Operator::LocalGet { local_index } => I::LocalGet(*local_index),
            Operator::LocalSet { local_index } => I::LocalSet(*local_index),
            Operator::LocalTee { local_index } => I::LocalTee(*local_index),
            Operator::GlobalGet { global_index } => I::GlobalGet(*global_index),
            Operator::GlobalSet { global_index } => I::GlobalSet(*global_index),
            Operator::I32Const { value } => I::Const32(*value as u32),
            Operator::I64Const { value } => I::Const64(*value as u64),
            Operator::F32Const { value } => I::Const32(value.bits()),
            Operator::F64Const { value } => I::Const64(value.bits()),
            Operator::V128Const { value } => {
                self.consts.push(value.i128() as u128);
                I::ConstPool(self.consts.len() as u32 - 1)
            }
            Operator::RefNull { .. } => I::Const32(0),
            Operator::RefIsNull => I::RefIsNull,
            Operator::RefFunc { function_index } => I::RefFunc(*function_index),
            Operator::RefAsNonNull => I::RefAsNonNull,

            Operator::I32Load { memarg } | Operator::F32Load { memarg } => {
                I::I32Load(mem_arg(memarg)?)
            }
            Operator::I64Load { memarg } | Operator::F64Load { memarg } => {
                I::I64Load(mem_arg(memarg)?)
            }
            Operator::I32Load8S { memarg } => I::I32Load8S(mem_arg(memarg)?),
            Operator::I32Load8U { memarg } => I::I32Load8U(mem_arg(memarg)?),
            Operator::I32Load16S { memarg } => I::I32Load16S(mem_arg(memarg)?),
            Operator::I32Load16U { memarg } => I::I32Load16U(mem_arg(memarg)?),
            Operator::I64Load8S { memarg } => I::I64Load8S(mem_arg(memarg)?),
            Operator::I64Load8U { memarg } => I::I64Load8U(mem_arg(memarg)?),
            Operator::I64Load16S { memarg } => I::I64Load16S(mem_arg(memarg)?),
            Operator::I64Load16U { memarg } => I::I64Load16U(mem_arg(memarg)?),
            Operator::I64Load32S { memarg } => I::I64Load32S(mem_arg(memarg)?),
            Operator::I64Load32U { memarg } => I::I64Load32U(mem_arg(memarg)?),
            Operator::I32Store { memarg } | Operator::F32Store { memarg } => {
                I::I32Store(mem_arg(memarg)?)
            }
            Operator::I64Store { memarg } | Operator::F64Store { memarg } => {
                I::I64Store(mem_arg(memarg)?)
            }
            Operator::I32Store8 { memarg } | Operator::I64Store8 { memarg } => {
                I::I32Store8(mem_arg(memarg)?)
            }
            Operator::I32Store16 { memarg } | Operator::I64Store16 { memarg } => {
                I::I32Store16(mem_arg(memarg)?)
            }
            Operator::I64Store32 { memarg } => I::I64Store32(mem_arg(memarg)?),
            Operator::MemorySize { mem } => I::MemorySize(*mem),
            Operator::MemoryGrow { mem } => I::MemoryGrow(*mem),
            Operator::MemoryFill { mem } => I::MemoryFill(*mem),
            Operator::MemoryCopy { dst_mem, src_mem } => I::MemoryCopy {
                dst: *dst_mem,
                src: *src_mem,
            },
            Operator::MemoryInit { data_index, mem } => I::MemoryInit {
                mem: *mem,
                data: *data_index,
            },
            Operator::DataDrop { data_index } => I::DataDrop(*data_index),
            Operator::TableGet { table } => I::TableGet(*table),
            Operator::TableSet { table } => I::TableSet(*table),
            Operator::TableSize { table } => I::TableSize(*table),
            Operator::TableGrow { table } => I::TableGrow(*table),
            Operator::TableFill { table } => I::TableFill(*table),
            Operator::TableCopy {
                dst_table,
                src_table,
            } => I::TableCopy {
                dst: *dst_table,
                src: *src_table,
            },
            Operator::TableInit { elem_index, table } => I::TableInit {
                table: *table,
                elem: *elem_index,
            },
            Operator::ElemDrop { elem_index } => I::ElemDrop(*elem_index),

            // Reinterpretations and zero-extension are free: i32/f32 slots hold
            // zero-extended bits.
            Operator::I32ReinterpretF32
            | Operator::F32ReinterpretI32
            | Operator::I64ReinterpretF64
            | Operator::F64ReinterpretI64
            | Operator::I64ExtendI32U => return Ok(()),

            other => match numeric(other) {
                Some(instr) => instr,
                None => match simd::translate(other, &mut self.consts)? {
                    Some(simd) => I::Simd(simd),
                    None => {
                        return Err(Error::Unsupported(format!("operator {other:?}")));
                    }
                },
            },
        };
        self.emit_fused(instr);
        Ok(())
    }

    /// The last emitted instruction, if no label lies at it or after it
    /// (so it may be fused with the next one); always `None` when fusion
    /// is off.
    fn fusable_last(&self) -> Option<(usize, Instr)> {
        let at = self.code.len().checked_sub(1)?;
        (self.fuse && at >= self.fence).then(|| (at, self.code[at]))
    }

    /// Emits `instr`, fusing it with what precedes it when no label lies
    /// between them: an integer operation with a `local.get` or constant
    /// right operand, and a `local.set`/`local.tee` with a preceding
    /// `local.get; <op with local or constant>`.
    fn emit_fused(&mut self, instr: Instr) {
        if let Some(op) = BinOp::of(&instr)
            && let Some((at, last)) = self.fusable_last()
        {
            let fused = match last {
                Instr::LocalGet(local) => Some(Instr::BinLocal { op, local }),
                // An i32 constant before a 64-bit operation is zero-extended
                // (`i64.extend_i32_u` emits nothing): fuse only when that
                // equals the sign extension the immediate gets.
                Instr::Const32(imm) if !op.wide() || (imm as i32) >= 0 => {
                    Some(Instr::BinConst { op, imm })
                }
                Instr::Const64(v) if op.wide() && v as i32 as i64 as u64 == v => {
                    Some(Instr::BinConst { op, imm: v as u32 })
                }
                _ => None,
            };
            if let Some(fused) = fused {
                self.code[at] = fused;
                // And the left operand, when it is a local too.
                if let Some(first) = at.checked_sub(1)
                    && first >= self.fence
                    && let Instr::LocalGet(src) = self.code[first]
                {
                    let both = match fused {
                        Instr::BinLocal { op, local } => Instr::LocalBinLocal { op, src, local },
                        Instr::BinConst { op, imm } => Instr::LocalBinConst { op, src, imm },
                        other => other,
                    };
                    self.code.truncate(first);
                    self.heights.truncate(first + 1);
                    self.code.push(both);
                }
                return;
            }
        }
        if let Some((at, Instr::LocalGet(local))) = self.fusable_last() {
            let fused = match instr {
                Instr::I32Eqz => Some(Instr::LocalBinConst {
                    op: BinOp::Eq,
                    src: local,
                    imm: 0,
                }),
                Instr::I32Load(m) => Some(Instr::I32LoadLocal { local, m }),
                Instr::I64Load(m) => Some(Instr::I64LoadLocal { local, m }),
                Instr::I32Store(m) => Some(Instr::I32StoreLocal { local, m }),
                Instr::I64Store(m) => Some(Instr::I64StoreLocal { local, m }),
                _ => None,
            };
            if let Some(fused) = fused {
                self.code[at] = fused;
                return;
            }
        }
        if let Instr::LocalSet(dst) | Instr::LocalTee(dst) = instr
            && let Some((at, last)) = self.fusable_last()
        {
            let tee = matches!(instr, Instr::LocalTee(_));
            let fused = match last {
                Instr::BinLocal { op, local } => Some(Instr::BinLocalSet {
                    op,
                    tee,
                    local,
                    dst,
                }),
                Instr::BinConst { op, imm } => Some(Instr::BinConstSet { op, tee, imm, dst }),
                Instr::LocalBinLocal { op, src, local } => Some(Instr::LocalBinLocalSet {
                    op,
                    tee,
                    src,
                    local,
                    dst,
                }),
                Instr::LocalBinConst { op, src, imm } => Some(Instr::LocalBinConstSet {
                    op,
                    tee,
                    src,
                    imm,
                    dst,
                }),
                _ => None,
            };
            if let Some(fused) = fused {
                self.code[at] = fused;
                return;
            }
        }
        self.emit(instr);
    }

    /// Emits a conditional branch to `target` (branch if the popped i32 is
    /// non-zero, or zero when `neg`) that drops nothing, fused with the
    /// comparison before it when possible. Returns the branch's index.
    fn emit_cond_branch(&mut self, neg: bool, target: u32) -> usize {
        if let Some((at, last)) = self.fusable_last() {
            let fused = match last {
                Instr::BinLocal { op, local } if op.compares() => Some(Instr::BrIfBinLocal {
                    op,
                    neg,
                    local,
                    target,
                }),
                Instr::BinConst { op, imm } if op.compares() => Some(Instr::BrIfBinConst {
                    op,
                    neg,
                    imm,
                    target,
                }),
                Instr::LocalBinLocal { op, src, local } if op.compares() => {
                    Some(Instr::BrIfLocalBinLocal {
                        op,
                        neg,
                        src,
                        local,
                        target,
                    })
                }
                Instr::LocalBinConst { op, src, imm } if op.compares() => {
                    Some(Instr::BrIfLocalBinConst {
                        op,
                        neg,
                        src,
                        imm,
                        target,
                    })
                }
                // `br_if` and `if` test an i32: a `local.get` before them
                // reads one.
                Instr::LocalGet(src) => Some(Instr::BrIfLocalBinConst {
                    op: BinOp::Ne,
                    neg,
                    src,
                    imm: 0,
                    target,
                }),
                Instr::I32Eqz if neg => Some(Instr::BrIfNez {
                    target,
                    dk: DropKeep::default(),
                }),
                Instr::I32Eqz => Some(Instr::BrIfEqz { target }),
                other => match BinOp::of(&other) {
                    Some(op) if op.compares() => Some(Instr::BrIfBin { op, neg, target }),
                    _ => None,
                },
            };
            if let Some(fused) = fused {
                self.code[at] = fused;
                return at;
            }
        }
        if neg {
            self.emit(Instr::BrIfEqz { target })
        } else {
            self.emit(Instr::BrIfNez {
                target,
                dk: DropKeep::default(),
            })
        }
    }
}

/// Operators after which a label may point at the next instruction (or
/// control leaves), so no instruction fuses across them.
fn is_control(op: &Operator<'_>) -> bool {
    matches!(
        op,
        Operator::Block { .. }
            | Operator::Loop { .. }
            | Operator::If { .. }
            | Operator::Else
            | Operator::End
            | Operator::TryTable { .. }
            | Operator::Br { .. }
            | Operator::BrIf { .. }
            | Operator::BrTable { .. }
            | Operator::BrOnNull { .. }
            | Operator::BrOnNonNull { .. }
            | Operator::BrOnCast { .. }
            | Operator::BrOnCastFail { .. }
            | Operator::Return
            | Operator::Unreachable
            | Operator::Throw { .. }
            | Operator::ThrowRef
            | Operator::ReturnCall { .. }
            | Operator::ReturnCallIndirect { .. }
            | Operator::ReturnCallRef { .. }
    )
}

/// The numeric operators, which map one-to-one.
fn numeric(op: &Operator<'_>) -> Option<Instr> {
    use Instr as I;
    use Operator as O;
    Some(match op {
        O::I32Eqz => I::I32Eqz,
        O::I32Eq => I::I32Eq,
        O::I32Ne => I::I32Ne,
        O::I32LtS => I::I32LtS,
        O::I32LtU => I::I32LtU,
        O::I32GtS => I::I32GtS,
        O::I32GtU => I::I32GtU,
        O::I32LeS => I::I32LeS,
        O::I32LeU => I::I32LeU,
        O::I32GeS => I::I32GeS,
        O::I32GeU => I::I32GeU,
        O::I64Eqz => I::I64Eqz,
        O::I64Eq => I::I64Eq,
        O::I64Ne => I::I64Ne,
        O::I64LtS => I::I64LtS,
        O::I64LtU => I::I64LtU,
        O::I64GtS => I::I64GtS,
        O::I64GtU => I::I64GtU,
        O::I64LeS => I::I64LeS,
        O::I64LeU => I::I64LeU,
        O::I64GeS => I::I64GeS,
        O::I64GeU => I::I64GeU,
        O::F32Eq => I::F32Eq,
        O::F32Ne => I::F32Ne,
        O::F32Lt => I::F32Lt,
        O::F32Gt => I::F32Gt,
        O::F32Le => I::F32Le,
        O::F32Ge => I::F32Ge,
        O::F64Eq => I::F64Eq,
        O::F64Ne => I::F64Ne,
        O::F64Lt => I::F64Lt,
        O::F64Gt => I::F64Gt,
        O::F64Le => I::F64Le,
        O::F64Ge => I::F64Ge,
        O::I32Clz => I::I32Clz,
        O::I32Ctz => I::I32Ctz,
        O::I32Popcnt => I::I32Popcnt,
        O::I32Add => I::I32Add,
        O::I32Sub => I::I32Sub,
        O::I32Mul => I::I32Mul,
        O::I32DivS => I::I32DivS,
        O::I32DivU => I::I32DivU,
        O::I32RemS => I::I32RemS,
        O::I32RemU => I::I32RemU,
        O::I32And => I::I32And,
        O::I32Or => I::I32Or,
        O::I32Xor => I::I32Xor,
        O::I32Shl => I::I32Shl,
        O::I32ShrS => I::I32ShrS,
        O::I32ShrU => I::I32ShrU,
        O::I32Rotl => I::I32Rotl,
        O::I32Rotr => I::I32Rotr,
        O::I64Clz => I::I64Clz,
        O::I64Ctz => I::I64Ctz,
        O::I64Popcnt => I::I64Popcnt,
        O::I64Add => I::I64Add,
        O::I64Sub => I::I64Sub,
        O::I64Mul => I::I64Mul,
        O::I64DivS => I::I64DivS,
        O::I64DivU => I::I64DivU,
        O::I64RemS => I::I64RemS,
        O::I64RemU => I::I64RemU,
        O::I64And => I::I64And,
        O::I64Or => I::I64Or,
        O::I64Xor => I::I64Xor,
        O::I64Shl => I::I64Shl,
        O::I64ShrS => I::I64ShrS,
        O::I64ShrU => I::I64ShrU,
        O::I64Rotl => I::I64Rotl,
        O::I64Rotr => I::I64Rotr,
        O::F32Abs => I::F32Abs,
        O::F32Neg => I::F32Neg,
        O::F32Ceil => I::F32Ceil,
        O::F32Floor => I::F32Floor,
        O::F32Trunc => I::F32Trunc,
        O::F32Nearest => I::F32Nearest,
        O::F32Sqrt => I::F32Sqrt,
        O::F32Add => I::F32Add,
        O::F32Sub => I::F32Sub,
        O::F32Mul => I::F32Mul,
        O::F32Div => I::F32Div,
        O::F32Min => I::F32Min,
        O::F32Max => I::F32Max,
        O::F32Copysign => I::F32Copysign,
        O::F64Abs => I::F64Abs,
        O::F64Neg => I::F64Neg,
        O::F64Ceil => I::F64Ceil,
        O::F64Floor => I::F64Floor,
        O::F64Trunc => I::F64Trunc,
        O::F64Nearest => I::F64Nearest,
        O::F64Sqrt => I::F64Sqrt,
        O::F64Add => I::F64Add,
        O::F64Sub => I::F64Sub,
        O::F64Mul => I::F64Mul,
        O::F64Div => I::F64Div,
        O::F64Min => I::F64Min,
        O::F64Max => I::F64Max,
        O::F64Copysign => I::F64Copysign,
        O::I32WrapI64 => I::I32WrapI64,
        O::I32TruncF32S => I::I32TruncF32S,
        O::I32TruncF32U => I::I32TruncF32U,
        O::I32TruncF64S => I::I32TruncF64S,
        O::I32TruncF64U => I::I32TruncF64U,
        O::I64ExtendI32S => I::I64ExtendI32S,
        O::I64TruncF32S => I::I64TruncF32S,
        O::I64TruncF32U => I::I64TruncF32U,
        O::I64TruncF64S => I::I64TruncF64S,
        O::I64TruncF64U => I::I64TruncF64U,
        O::F32ConvertI32S => I::F32ConvertI32S,
        O::F32ConvertI32U => I::F32ConvertI32U,
        O::F32ConvertI64S => I::F32ConvertI64S,
        O::F32ConvertI64U => I::F32ConvertI64U,
        O::F32DemoteF64 => I::F32DemoteF64,
        O::F64ConvertI32S => I::F64ConvertI32S,
        O::F64ConvertI32U => I::F64ConvertI32U,
        O::F64ConvertI64S => I::F64ConvertI64S,
        O::F64ConvertI64U => I::F64ConvertI64U,
        O::F64PromoteF32 => I::F64PromoteF32,
        O::I32Extend8S => I::I32Extend8S,
        O::I32Extend16S => I::I32Extend16S,
        O::I64Extend8S => I::I64Extend8S,
        O::I64Extend16S => I::I64Extend16S,
        O::I64Extend32S => I::I64Extend32S,
        O::I32TruncSatF32S => I::I32TruncSatF32S,
        O::I32TruncSatF32U => I::I32TruncSatF32U,
        O::I32TruncSatF64S => I::I32TruncSatF64S,
        O::I32TruncSatF64U => I::I32TruncSatF64U,
        O::I64TruncSatF32S => I::I64TruncSatF32S,
        O::I64TruncSatF32U => I::I64TruncSatF32U,
        O::I64TruncSatF64S => I::I64TruncSatF64S,
        O::I64TruncSatF64U => I::I64TruncSatF64U,
        O::I64Add128 => I::I64Add128,
        O::I64Sub128 => I::I64Sub128,
        O::I64MulWideS => I::I64MulWideS,
        O::I64MulWideU => I::I64MulWideU,
        _ => return None,
    })
}
