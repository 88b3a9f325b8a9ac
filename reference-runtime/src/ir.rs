//! The internal instruction set: a stack-slot IR. Every value takes one
//! 128-bit slot; locals are addressed relative to the frame base; branches
//! carry their resolved target and how many slots to drop under the kept
//! results, so the executor never searches for labels or block ends.

use crate::simd::SimdOp;

/// How a branch reshapes the operand stack: keep the top `keep` slots,
/// discard the `drop` slots beneath them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) struct DropKeep {
    pub drop: u32,
    pub keep: u32,
}

/// A static memory operand: which memory, and the constant offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct MemArg {
    pub mem: u32,
    pub offset: u32,
}

/// One internal instruction. Indices (functions, globals, tables, memories,
/// types, segments) are module-relative and resolved through the instance.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Instr {
    Unreachable,
    /// Unconditional jump.
    Br {
        target: u32,
        dk: DropKeep,
    },
    /// Pop an i32; branch if non-zero.
    BrIfNez {
        target: u32,
        dk: DropKeep,
    },
    /// Pop an i32; branch (no reshaping) if zero. Used for `if`.
    BrIfEqz {
        target: u32,
    },
    /// Pop an index; continue at the entry `min(index, len)` of the
    /// `len + 1` `Br`/`Return` entries that follow.
    BrTable {
        len: u32,
    },
    /// Return the top `keep` slots to the caller.
    Return {
        keep: u32,
    },
    Call(u32),
    CallIndirect {
        ty: u32,
        table: u32,
    },
    ReturnCall(u32),
    ReturnCallIndirect {
        ty: u32,
        table: u32,
    },
    CallRef {
        ty: u32,
    },
    ReturnCallRef {
        ty: u32,
    },
    Drop,
    Select,
    LocalGet(u32),
    LocalSet(u32),
    LocalTee(u32),
    GlobalGet(u32),
    GlobalSet(u32),
    Const32(u32),
    Const64(u64),
    /// A constant from the function's pool of 128-bit constants.
    ConstPool(u32),

    I32Load(MemArg),
    I64Load(MemArg),
    I32Load8S(MemArg),
    I32Load8U(MemArg),
    I32Load16S(MemArg),
    I32Load16U(MemArg),
    I64Load8S(MemArg),
    I64Load8U(MemArg),
    I64Load16S(MemArg),
    I64Load16U(MemArg),
    I64Load32S(MemArg),
    I64Load32U(MemArg),
    I32Store(MemArg),
    I64Store(MemArg),
    I32Store8(MemArg),
    I32Store16(MemArg),
    I64Store32(MemArg),
    MemorySize(u32),
    MemoryGrow(u32),
    MemoryFill(u32),
    MemoryCopy {
        dst: u32,
        src: u32,
    },
    MemoryInit {
        mem: u32,
        data: u32,
    },
    DataDrop(u32),

    TableGet(u32),
    TableSet(u32),
    TableSize(u32),
    TableGrow(u32),
    TableFill(u32),
    TableCopy {
        dst: u32,
        src: u32,
    },
    TableInit {
        table: u32,
        elem: u32,
    },
    ElemDrop(u32),
    RefIsNull,
    RefFunc(u32),
    RefAsNonNull,
    StructNew(u32),
    StructNewDefault(u32),
    StructGet(u32),
    StructGetS {
        ty: u32,
        field: u32,
    },
    StructGetU {
        ty: u32,
        field: u32,
    },
    StructSet {
        ty: u32,
        field: u32,
    },
    ArrayNew(u32),
    ArrayNewDefault(u32),
    ArrayNewFixed {
        ty: u32,
        len: u32,
    },
    ArrayNewData {
        ty: u32,
        data: u32,
    },
    ArrayNewElem {
        ty: u32,
        elem: u32,
    },
    ArrayGet,
    ArrayGetS(u32),
    ArrayGetU(u32),
    ArraySet(u32),
    ArrayLen,
    ArrayFill(u32),
    ArrayCopy,
    ArrayInitData {
        ty: u32,
        data: u32,
    },
    ArrayInitElem {
        ty: u32,
        elem: u32,
    },
    RefI31,
    I31GetS,
    I31GetU,
    /// Pop a reference, push whether it is of the type.
    RefTest {
        heap: HeapRef,
        nullable: bool,
    },
    /// Trap unless the top reference is of the type.
    RefCast {
        heap: HeapRef,
        nullable: bool,
    },
    /// Push whether the top reference is of the type, keeping it.
    RefTestKeep {
        heap: HeapRef,
        nullable: bool,
    },
    AnyConvertExtern,
    ExternConvertAny,
    RefEq,
    /// Throw a new exception of this (module) tag with its arguments.
    Throw(u32),
    /// Pop an exception reference and throw it again.
    ThrowRef,
    BrOnNull {
        target: u32,
        dk: DropKeep,
    },
    BrOnNonNull {
        target: u32,
        dk: DropKeep,
    },

    I32Eqz,
    I32Eq,
    I32Ne,
    I32LtS,
    I32LtU,
    I32GtS,
    I32GtU,
    I32LeS,
    I32LeU,
    I32GeS,
    I32GeU,
    I64Eqz,
    I64Eq,
    I64Ne,
    I64LtS,
    I64LtU,
    I64GtS,
    I64GtU,
    I64LeS,
    I64LeU,
    I64GeS,
    I64GeU,
    F32Eq,
    F32Ne,
    F32Lt,
    F32Gt,
    F32Le,
    F32Ge,
    F64Eq,
    F64Ne,
    F64Lt,
    F64Gt,
    F64Le,
    F64Ge,

    I32Clz,
    I32Ctz,
    I32Popcnt,
    I32Add,
    I32Sub,
    I32Mul,
    I32DivS,
    I32DivU,
    I32RemS,
    I32RemU,
    I32And,
    I32Or,
    I32Xor,
    I32Shl,
    I32ShrS,
    I32ShrU,
    I32Rotl,
    I32Rotr,
    I64Clz,
    I64Ctz,
    I64Popcnt,
    I64Add,
    I64Sub,
    I64Mul,
    I64DivS,
    I64DivU,
    I64RemS,
    I64RemU,
    I64And,
    I64Or,
    I64Xor,
    I64Shl,
    I64ShrS,
    I64ShrU,
    I64Rotl,
    I64Rotr,

    F32Abs,
    F32Neg,
    F32Ceil,
    F32Floor,
    F32Trunc,
    F32Nearest,
    F32Sqrt,
    F32Add,
    F32Sub,
    F32Mul,
    F32Div,
    F32Min,
    F32Max,
    F32Copysign,
    F64Abs,
    F64Neg,
    F64Ceil,
    F64Floor,
    F64Trunc,
    F64Nearest,
    F64Sqrt,
    F64Add,
    F64Sub,
    F64Mul,
    F64Div,
    F64Min,
    F64Max,
    F64Copysign,

    I32WrapI64,
    I32TruncF32S,
    I32TruncF32U,
    I32TruncF64S,
    I32TruncF64U,
    I64ExtendI32S,
    I64TruncF32S,
    I64TruncF32U,
    I64TruncF64S,
    I64TruncF64U,
    F32ConvertI32S,
    F32ConvertI32U,
    F32ConvertI64S,
    F32ConvertI64U,
    F32DemoteF64,
    F64ConvertI32S,
    F64ConvertI32U,
    F64ConvertI64S,
    F64ConvertI64U,
    F64PromoteF32,
    I32Extend8S,
    I32Extend16S,
    I64Extend8S,
    I64Extend16S,
    I64Extend32S,
    I32TruncSatF32S,
    I32TruncSatF32U,
    I32TruncSatF64S,
    I32TruncSatF64U,
    I64TruncSatF32S,
    I64TruncSatF32U,
    I64TruncSatF64S,
    I64TruncSatF64U,
    I64Add128,
    I64Sub128,
    I64MulWideS,
    I64MulWideU,

    /// `local.get local; <op>`: an integer operation whose right operand is
    /// a local (a fused pair: one dispatch instead of two).
    BinLocal {
        op: BinOp,
        local: u32,
    },
    /// `<const>; <op>`: an integer operation with a constant right operand
    /// (for 64-bit operations, `imm` sign-extends to the constant).
    BinConst {
        op: BinOp,
        imm: u32,
    },
    /// [`Instr::BinLocal`] followed by `local.set dst` (or `local.tee dst`
    /// when `tee`).
    BinLocalSet {
        op: BinOp,
        tee: bool,
        local: u32,
        dst: u32,
    },
    /// [`Instr::BinConst`] followed by `local.set dst` (or `local.tee`).
    BinConstSet {
        op: BinOp,
        tee: bool,
        imm: u32,
        dst: u32,
    },
    /// `local.get src; local.get local; <op>`: both operands from locals.
    LocalBinLocal {
        op: BinOp,
        src: u32,
        local: u32,
    },
    /// `local.get src; <const>; <op>`.
    LocalBinConst {
        op: BinOp,
        src: u32,
        imm: u32,
    },
    /// [`Instr::LocalBinLocal`] followed by `local.set dst` (or
    /// `local.tee dst` when `tee`): one dispatch instead of four.
    LocalBinLocalSet {
        op: BinOp,
        tee: bool,
        src: u32,
        local: u32,
        dst: u32,
    },
    /// [`Instr::LocalBinConst`] followed by `local.set dst` (or `local.tee`).
    LocalBinConstSet {
        op: BinOp,
        tee: bool,
        src: u32,
        imm: u32,
        dst: u32,
    },
    /// `<op>; br_if` (or `if`, when `neg`: branch if the result is zero)
    /// with both operands popped; only for branches that drop nothing.
    BrIfBin {
        op: BinOp,
        neg: bool,
        target: u32,
    },
    /// [`Instr::BinLocal`] fused with the `br_if` (or `if`) that follows.
    BrIfBinLocal {
        op: BinOp,
        neg: bool,
        local: u32,
        target: u32,
    },
    /// [`Instr::BinConst`] fused with the `br_if` (or `if`) that follows.
    BrIfBinConst {
        op: BinOp,
        neg: bool,
        imm: u32,
        target: u32,
    },

    /// `local.get local; i32.load m` (also `f32.load`).
    I32LoadLocal {
        local: u32,
        m: MemArg,
    },
    /// `local.get local; i64.load m` (also `f64.load`).
    I64LoadLocal {
        local: u32,
        m: MemArg,
    },
    /// `local.get local; i32.store m` (also `f32.store`): the stored value
    /// is the local, the address is popped.
    I32StoreLocal {
        local: u32,
        m: MemArg,
    },
    /// `local.get local; i64.store m` (also `f64.store`).
    I64StoreLocal {
        local: u32,
        m: MemArg,
    },
    /// [`Instr::LocalBinLocal`] fused with the `br_if` (or `if`) after it.
    BrIfLocalBinLocal {
        op: BinOp,
        neg: bool,
        src: u32,
        local: u32,
        target: u32,
    },
    /// [`Instr::LocalBinConst`] fused with the `br_if` (or `if`) after it.
    BrIfLocalBinConst {
        op: BinOp,
        neg: bool,
        src: u32,
        imm: u32,
        target: u32,
    },

    /// A SIMD instruction, executed by [`crate::simd`].
    Simd(SimdOp),
}

/// The non-trapping integer and float binary operations that fuse with their right
/// operand, a following `local.set`/`local.tee` or a following branch.
/// Operands are read as 64 bits: i32 slots hold zero-extended values, and
/// the 32-bit operations look at the low half only.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum BinOp {
    Add,
    Sub,
    Mul,
    And,
    Or,
    Xor,
    Shl,
    ShrS,
    ShrU,
    Eq,
    Ne,
    LtS,
    LtU,
    GtS,
    GtU,
    LeS,
    LeU,
    GeS,
    GeU,
    F32Add,
    F32Sub,
    F32Mul,
    F32Div,
    F32Eq,
    F32Ne,
    F32Lt,
    F32Gt,
    F32Le,
    F32Ge,
    Add64,
    Sub64,
    Mul64,
    And64,
    Or64,
    Xor64,
    Shl64,
    ShrS64,
    ShrU64,
    Eq64,
    Ne64,
    LtS64,
    LtU64,
    GtS64,
    GtU64,
    LeS64,
    LeU64,
    GeS64,
    GeU64,
    F64Add,
    F64Sub,
    F64Mul,
    F64Div,
    F64Eq,
    F64Ne,
    F64Lt,
    F64Gt,
    F64Le,
    F64Ge,
}

impl BinOp {
    /// The fusable operation an instruction performs, if any.
    pub(crate) fn of(instr: &Instr) -> Option<BinOp> {
        Some(match instr {
            Instr::I32Add => BinOp::Add,
            Instr::I32Sub => BinOp::Sub,
            Instr::I32Mul => BinOp::Mul,
            Instr::I32And => BinOp::And,
            Instr::I32Or => BinOp::Or,
            Instr::I32Xor => BinOp::Xor,
            Instr::I32Shl => BinOp::Shl,
            Instr::I32ShrS => BinOp::ShrS,
            Instr::I32ShrU => BinOp::ShrU,
            Instr::I32Eq => BinOp::Eq,
            Instr::I32Ne => BinOp::Ne,
            Instr::I32LtS => BinOp::LtS,
            Instr::I32LtU => BinOp::LtU,
            Instr::I32GtS => BinOp::GtS,
            Instr::I32GtU => BinOp::GtU,
            Instr::I32LeS => BinOp::LeS,
            Instr::I32LeU => BinOp::LeU,
            Instr::I32GeS => BinOp::GeS,
            Instr::I32GeU => BinOp::GeU,
            Instr::I64Add => BinOp::Add64,
            Instr::I64Sub => BinOp::Sub64,
            Instr::I64Mul => BinOp::Mul64,
            Instr::I64And => BinOp::And64,
            Instr::I64Or => BinOp::Or64,
            Instr::I64Xor => BinOp::Xor64,
            Instr::I64Shl => BinOp::Shl64,
            Instr::I64ShrS => BinOp::ShrS64,
            Instr::I64ShrU => BinOp::ShrU64,
            Instr::I64Eq => BinOp::Eq64,
            Instr::I64Ne => BinOp::Ne64,
            Instr::I64LtS => BinOp::LtS64,
            Instr::I64LtU => BinOp::LtU64,
            Instr::I64GtS => BinOp::GtS64,
            Instr::I64GtU => BinOp::GtU64,
            Instr::I64LeS => BinOp::LeS64,
            Instr::I64LeU => BinOp::LeU64,
            Instr::I64GeS => BinOp::GeS64,
            Instr::I64GeU => BinOp::GeU64,
            Instr::F32Add => BinOp::F32Add,
            Instr::F32Sub => BinOp::F32Sub,
            Instr::F32Mul => BinOp::F32Mul,
            Instr::F32Div => BinOp::F32Div,
            Instr::F32Eq => BinOp::F32Eq,
            Instr::F32Ne => BinOp::F32Ne,
            Instr::F32Lt => BinOp::F32Lt,
            Instr::F32Gt => BinOp::F32Gt,
            Instr::F32Le => BinOp::F32Le,
            Instr::F32Ge => BinOp::F32Ge,
            Instr::F64Add => BinOp::F64Add,
            Instr::F64Sub => BinOp::F64Sub,
            Instr::F64Mul => BinOp::F64Mul,
            Instr::F64Div => BinOp::F64Div,
            Instr::F64Eq => BinOp::F64Eq,
            Instr::F64Ne => BinOp::F64Ne,
            Instr::F64Lt => BinOp::F64Lt,
            Instr::F64Gt => BinOp::F64Gt,
            Instr::F64Le => BinOp::F64Le,
            Instr::F64Ge => BinOp::F64Ge,
            _ => return None,
        })
    }

    /// Whether the operation works on 64-bit operands (the 64-bit
    /// operations come last).
    pub(crate) fn wide(self) -> bool {
        self as u8 >= BinOp::Add64 as u8
    }

    /// The comparison that holds exactly when this one does not (none for
    /// float comparisons, which are all false on NaN).
    pub(crate) fn inverse(self) -> Option<BinOp> {
        use BinOp::*;
        Some(match self {
            Eq => Ne,
            Ne => Eq,
            LtS => GeS,
            GeS => LtS,
            LtU => GeU,
            GeU => LtU,
            GtS => LeS,
            LeS => GtS,
            GtU => LeU,
            LeU => GtU,
            Eq64 => Ne64,
            Ne64 => Eq64,
            LtS64 => GeS64,
            GeS64 => LtS64,
            LtU64 => GeU64,
            GeU64 => LtU64,
            GtS64 => LeS64,
            LeS64 => GtS64,
            GtU64 => LeU64,
            LeU64 => GtU64,
            _ => return None,
        })
    }

    /// Whether the operation is a comparison (an i32 truth value).
    pub(crate) fn compares(self) -> bool {
        use BinOp::*;
        matches!(
            self,
            Eq | Ne
                | LtS
                | LtU
                | GtS
                | GtU
                | LeS
                | LeU
                | GeS
                | GeU
                | Eq64
                | Ne64
                | LtS64
                | LtU64
                | GtS64
                | GtU64
                | LeS64
                | LeU64
                | GeS64
                | GeU64
                | F32Eq
                | F32Ne
                | F32Lt
                | F32Gt
                | F32Le
                | F32Ge
                | F64Eq
                | F64Ne
                | F64Lt
                | F64Gt
                | F64Le
                | F64Ge
        )
    }

    /// The 64-bit operand an immediate stands for.
    #[inline(always)]
    pub(crate) fn imm(self, imm: u32) -> u64 {
        if self.wide() {
            imm as i32 as i64 as u64
        } else {
            imm as u64
        }
    }

    /// Applies the operation; 32-bit results are zero-extended.
    #[inline(always)]
    pub(crate) fn apply(self, a: u64, b: u64) -> u64 {
        let (a32, b32) = (a as u32, b as u32);
        let (sa32, sb32) = (a32 as i32, b32 as i32);
        let (sa, sb) = (a as i64, b as i64);
        match self {
            BinOp::Add => a32.wrapping_add(b32) as u64,
            BinOp::Sub => a32.wrapping_sub(b32) as u64,
            BinOp::Mul => a32.wrapping_mul(b32) as u64,
            BinOp::And => (a32 & b32) as u64,
            BinOp::Or => (a32 | b32) as u64,
            BinOp::Xor => (a32 ^ b32) as u64,
            BinOp::Shl => a32.wrapping_shl(b32) as u64,
            BinOp::ShrS => sa32.wrapping_shr(b32) as u32 as u64,
            BinOp::ShrU => a32.wrapping_shr(b32) as u64,
            BinOp::Eq => (a32 == b32) as u64,
            BinOp::Ne => (a32 != b32) as u64,
            BinOp::LtS => (sa32 < sb32) as u64,
            BinOp::LtU => (a32 < b32) as u64,
            BinOp::GtS => (sa32 > sb32) as u64,
            BinOp::GtU => (a32 > b32) as u64,
            BinOp::LeS => (sa32 <= sb32) as u64,
            BinOp::LeU => (a32 <= b32) as u64,
            BinOp::GeS => (sa32 >= sb32) as u64,
            BinOp::GeU => (a32 >= b32) as u64,
            BinOp::Add64 => a.wrapping_add(b),
            BinOp::Sub64 => a.wrapping_sub(b),
            BinOp::Mul64 => a.wrapping_mul(b),
            BinOp::And64 => a & b,
            BinOp::Or64 => a | b,
            BinOp::Xor64 => a ^ b,
            BinOp::Shl64 => a.wrapping_shl(b as u32),
            BinOp::ShrS64 => sa.wrapping_shr(b as u32) as u64,
            BinOp::ShrU64 => a.wrapping_shr(b as u32),
            BinOp::Eq64 => (a == b) as u64,
            BinOp::Ne64 => (a != b) as u64,
            BinOp::LtS64 => (sa < sb) as u64,
            BinOp::LtU64 => (a < b) as u64,
            BinOp::GtS64 => (sa > sb) as u64,
            BinOp::GtU64 => (a > b) as u64,
            BinOp::LeS64 => (sa <= sb) as u64,
            BinOp::LeU64 => (a <= b) as u64,
            BinOp::GeS64 => (sa >= sb) as u64,
            BinOp::GeU64 => (a >= b) as u64,
            BinOp::F32Add => (f32_(a) + f32_(b)).to_bits() as u64,
            BinOp::F32Sub => (f32_(a) - f32_(b)).to_bits() as u64,
            BinOp::F32Mul => (f32_(a) * f32_(b)).to_bits() as u64,
            BinOp::F32Div => (f32_(a) / f32_(b)).to_bits() as u64,
            BinOp::F32Eq => (f32_(a) == f32_(b)) as u64,
            BinOp::F32Ne => (f32_(a) != f32_(b)) as u64,
            BinOp::F32Lt => (f32_(a) < f32_(b)) as u64,
            BinOp::F32Gt => (f32_(a) > f32_(b)) as u64,
            BinOp::F32Le => (f32_(a) <= f32_(b)) as u64,
            BinOp::F32Ge => (f32_(a) >= f32_(b)) as u64,
            BinOp::F64Add => (f64_(a) + f64_(b)).to_bits(),
            BinOp::F64Sub => (f64_(a) - f64_(b)).to_bits(),
            BinOp::F64Mul => (f64_(a) * f64_(b)).to_bits(),
            BinOp::F64Div => (f64_(a) / f64_(b)).to_bits(),
            BinOp::F64Eq => (f64_(a) == f64_(b)) as u64,
            BinOp::F64Ne => (f64_(a) != f64_(b)) as u64,
            BinOp::F64Lt => (f64_(a) < f64_(b)) as u64,
            BinOp::F64Gt => (f64_(a) > f64_(b)) as u64,
            BinOp::F64Le => (f64_(a) <= f64_(b)) as u64,
            BinOp::F64Ge => (f64_(a) >= f64_(b)) as u64,
        }
    }
}

#[inline(always)]
fn f32_(bits: u64) -> f32 {
    f32::from_bits(bits as u32)
}

#[inline(always)]
fn f64_(bits: u64) -> f64 {
    f64::from_bits(bits)
}

/// The heap type of a cast: abstract, or a module type index.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum HeapRef {
    Abstract(wasmparser::AbstractHeapType),
    Type(u32),
}

/// A translated function body.
#[derive(Debug)]
pub(crate) struct FuncBody {
    /// Number of parameter slots.
    pub params: u32,
    /// Number of result slots.
    pub results: u32,
    /// Number of declared (non-parameter) locals, zeroed on entry.
    pub locals: u32,
    /// How many of them a call from the hot path zeroes: all, or none if
    /// no operation can read one before writing it (see
    /// [`crate::lower::Lowered::reads_unset_locals`]).
    pub zeroed_locals: u32,
    /// Slots the frame needs: params + locals + the deepest operand stack.
    pub frame_size: u32,
    pub code: Box<[Instr]>,
    /// The register form the hot path runs ([`crate::lower`]), threaded
    /// with the operations' handlers; program counters, branch targets and
    /// `handlers` count its operations.
    pub ops: Box<[crate::exec::Threaded]>,
    /// 128-bit constants referenced by [`Instr::ConstPool`].
    pub consts: Box<[u128]>,
    /// Exception handlers (`try_table`), innermost first.
    pub handlers: Box<[Handler]>,
}

/// A `try_table`'s catch clauses and the code range they guard.
#[derive(Debug)]
pub(crate) struct Handler {
    /// The guarded instructions: `start <= pc < end`.
    pub start: u32,
    pub end: u32,
    /// Operand-stack height below the `try_table`'s parameters.
    pub height: u32,
    pub clauses: Box<[Clause]>,
}

/// One catch clause: which exceptions, and the landing pad (a branch to
/// the clause's label) to run with the caught values pushed.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clause {
    /// The module tag caught, `None` for `catch_all`.
    pub tag: Option<u32>,
    /// Whether the exception reference is pushed too (`catch_ref`).
    pub with_ref: bool,
    pub pad: u32,
}

// The executor's dispatch loop reads one instruction per step; keep it at
// two machine words.
impl Instr {
    /// The branch target (a stack-instruction index) of a branch
    /// instruction.
    pub(crate) fn target_mut(&mut self) -> Option<&mut u32> {
        match self {
            Instr::Br { target, .. }
            | Instr::BrIfNez { target, .. }
            | Instr::BrIfEqz { target }
            | Instr::BrIfBin { target, .. }
            | Instr::BrIfBinLocal { target, .. }
            | Instr::BrIfBinConst { target, .. }
            | Instr::BrIfLocalBinLocal { target, .. }
            | Instr::BrIfLocalBinConst { target, .. }
            | Instr::BrOnNull { target, .. }
            | Instr::BrOnNonNull { target, .. } => Some(target),
            _ => None,
        }
    }
}

const _: () = assert!(std::mem::size_of::<Instr>() <= 16);
