//! Lowering: turns a function's stack IR ([`crate::ir`]) into the register
//! form the hot path of [`crate::exec`] runs.
//!
//! The translator records the operand-stack height of every instruction
//! (and passes them to [`lower`]), so every operand has a fixed frame
//! slot: local `i` is slot `i`, the operand at height `h` is slot
//! `params + locals + h`. A lowered operation names its slots, so the loop
//! keeps no stack pointer; `local.get`, `local.set` and `drop` become copies
//! or nothing; each integer and float operation has its own operation per
//! operand form (slot or immediate), so it is one dispatch with no second
//! `match` on the operator; and comparisons fused with `br_if` branch
//! directly.
//!
//! What is not lowered keeps its stack form: [`Op::Legacy`] runs one stack
//! instruction inside the hot path (accesses to memories other than 0),
//! [`Op::Cold`] leaves the hot path for the general loop (tables,
//! references, GC, exceptions, SIMD, bulk memory, indirect, tail and
//! cross-instance calls). Both carry the stack pointer the instruction
//! expects.
//!
//! Program counters at run time count operations, not instructions:
//! [`lower`] remaps every branch target, and the exception handlers, into
//! operation indices.
//!
//! Under [`Translation::Plain`] lowering stops at the one-to-one mapping:
//! no peephole pass, no immediate or fused forms, whole-slot copies and
//! constants, every memory access as [`Op::Legacy`], calls and returns as
//! [`Op::Cold`] (the general loop's, which zero every local).

use crate::config::Translation;
use crate::ir::{BinOp, DropKeep, Handler, Instr};

/// A frame slot: while lowering, its index from the frame pointer; in a
/// lowered function, its byte offset ([`SLOT_BYTES`] per slot), which the
/// hot path adds to the frame pointer as it is.
pub(crate) type Reg = u32;

/// The size of a slot.
pub(crate) const SLOT_BYTES: u32 = std::mem::size_of::<crate::value::Slot>() as u32;

/// Calls `$cb! { { extra tokens } arith { ... } compare { ... } unary { ... }
/// unary_try { ... } binary { ... } binary_try { ... } add_branch { ... }
/// fused { ... } }` with the table of
/// numeric operations:
/// - `arith`, `compare`: the register-form operation names of every
///   [`BinOp`]: `op => slot-slot form, slot-immediate form` and, for
///   comparisons, the two forms fused with a conditional branch;
/// - the other numeric instructions, each an operation of the same name:
///   `instr => operand type, result type, |a| result` (`|a, b|` for the
///   binary ones), or a function returning `Result<_, TrapKind>` for
///   those that trap. The operand and result types are the `exec` helpers
///   that read and make slots;
/// - `add_branch`: an i32 comparison's forms fused with the addition of a
///   constant to its left operand before it (a counting loop's end);
/// - `fused`: two float operations in one, `name => first, second, left`:
///   `dst = (a first b) second c` if `left`, else `c second (a first b)`.
macro_rules! with_op_table {
    ($cb:ident ! { $($extra:tt)* }) => {
        $cb! {
            { $($extra)* }
            arith {
                Add => AddRR, AddRI;
                Sub => SubRR, SubRI;
                Mul => MulRR, MulRI;
                And => AndRR, AndRI;
                Or => OrRR, OrRI;
                Xor => XorRR, XorRI;
                Shl => ShlRR, ShlRI;
                ShrS => ShrSRR, ShrSRI;
                ShrU => ShrURR, ShrURI;
                F32Add => F32AddRR, F32AddRI;
                F32Sub => F32SubRR, F32SubRI;
                F32Mul => F32MulRR, F32MulRI;
                F32Div => F32DivRR, F32DivRI;
                Add64 => Add64RR, Add64RI;
                Sub64 => Sub64RR, Sub64RI;
                Mul64 => Mul64RR, Mul64RI;
                And64 => And64RR, And64RI;
                Or64 => Or64RR, Or64RI;
                Xor64 => Xor64RR, Xor64RI;
                Shl64 => Shl64RR, Shl64RI;
                ShrS64 => ShrS64RR, ShrS64RI;
                ShrU64 => ShrU64RR, ShrU64RI;
                F64Add => F64AddRR, F64AddRI;
                F64Sub => F64SubRR, F64SubRI;
                F64Mul => F64MulRR, F64MulRI;
                F64Div => F64DivRR, F64DivRI;
            }
            compare {
                Eq => EqRR, EqRI, BrEqRR, BrEqRI;
                Ne => NeRR, NeRI, BrNeRR, BrNeRI;
                LtS => LtSRR, LtSRI, BrLtSRR, BrLtSRI;
                LtU => LtURR, LtURI, BrLtURR, BrLtURI;
                GtS => GtSRR, GtSRI, BrGtSRR, BrGtSRI;
                GtU => GtURR, GtURI, BrGtURR, BrGtURI;
                LeS => LeSRR, LeSRI, BrLeSRR, BrLeSRI;
                LeU => LeURR, LeURI, BrLeURR, BrLeURI;
                GeS => GeSRR, GeSRI, BrGeSRR, BrGeSRI;
                GeU => GeURR, GeURI, BrGeURR, BrGeURI;
                F32Eq => F32EqRR, F32EqRI, BrF32EqRR, BrF32EqRI;
                F32Ne => F32NeRR, F32NeRI, BrF32NeRR, BrF32NeRI;
                F32Lt => F32LtRR, F32LtRI, BrF32LtRR, BrF32LtRI;
                F32Gt => F32GtRR, F32GtRI, BrF32GtRR, BrF32GtRI;
                F32Le => F32LeRR, F32LeRI, BrF32LeRR, BrF32LeRI;
                F32Ge => F32GeRR, F32GeRI, BrF32GeRR, BrF32GeRI;
                Eq64 => Eq64RR, Eq64RI, BrEq64RR, BrEq64RI;
                Ne64 => Ne64RR, Ne64RI, BrNe64RR, BrNe64RI;
                LtS64 => LtS64RR, LtS64RI, BrLtS64RR, BrLtS64RI;
                LtU64 => LtU64RR, LtU64RI, BrLtU64RR, BrLtU64RI;
                GtS64 => GtS64RR, GtS64RI, BrGtS64RR, BrGtS64RI;
                GtU64 => GtU64RR, GtU64RI, BrGtU64RR, BrGtU64RI;
                LeS64 => LeS64RR, LeS64RI, BrLeS64RR, BrLeS64RI;
                LeU64 => LeU64RR, LeU64RI, BrLeU64RR, BrLeU64RI;
                GeS64 => GeS64RR, GeS64RI, BrGeS64RR, BrGeS64RI;
                GeU64 => GeU64RR, GeU64RI, BrGeU64RR, BrGeU64RI;
                F64Eq => F64EqRR, F64EqRI, BrF64EqRR, BrF64EqRI;
                F64Ne => F64NeRR, F64NeRI, BrF64NeRR, BrF64NeRI;
                F64Lt => F64LtRR, F64LtRI, BrF64LtRR, BrF64LtRI;
                F64Gt => F64GtRR, F64GtRI, BrF64GtRR, BrF64GtRI;
                F64Le => F64LeRR, F64LeRI, BrF64LeRR, BrF64LeRI;
                F64Ge => F64GeRR, F64GeRI, BrF64GeRR, BrF64GeRI;
            }
            unary {
                I32Eqz => u32_, pbool, |a| a == 0;
                I64Eqz => u64_, pbool, |a| a == 0;
                I32Clz => u32_, pu32, |a| a.leading_zeros();
                I32Ctz => u32_, pu32, |a| a.trailing_zeros();
                I32Popcnt => u32_, pu32, |a| a.count_ones();
                I64Clz => u64_, pu64, |a| a.leading_zeros() as u64;
                I64Ctz => u64_, pu64, |a| a.trailing_zeros() as u64;
                I64Popcnt => u64_, pu64, |a| a.count_ones() as u64;
                F32Abs => u32_, pu32, |a| a & 0x7fff_ffff;
                F32Neg => u32_, pu32, |a| a ^ 0x8000_0000;
                F32Ceil => f32_, pf32, |a| quiet32(a.ceil());
                F32Floor => f32_, pf32, |a| quiet32(a.floor());
                F32Trunc => f32_, pf32, |a| quiet32(a.trunc());
                F32Nearest => f32_, pf32, |a| quiet32(a.round_ties_even());
                F32Sqrt => f32_, pf32, |a| quiet32(a.sqrt());
                F64Abs => u64_, pu64, |a| a & 0x7fff_ffff_ffff_ffff;
                F64Neg => u64_, pu64, |a| a ^ 0x8000_0000_0000_0000;
                F64Ceil => f64_, pf64, |a| quiet64(a.ceil());
                F64Floor => f64_, pf64, |a| quiet64(a.floor());
                F64Trunc => f64_, pf64, |a| quiet64(a.trunc());
                F64Nearest => f64_, pf64, |a| quiet64(a.round_ties_even());
                F64Sqrt => f64_, pf64, |a| quiet64(a.sqrt());
                I32WrapI64 => u64_, pu32, |a| a as u32;
                I64ExtendI32S => i32_, pi64, |a| a as i64;
                F32ConvertI32S => i32_, pf32, |a| a as f32;
                F32ConvertI32U => u32_, pf32, |a| a as f32;
                F32ConvertI64S => i64_, pf32, |a| a as f32;
                F32ConvertI64U => u64_, pf32, |a| a as f32;
                F32DemoteF64 => f64_, pf32, |a| a as f32;
                F64ConvertI32S => i32_, pf64, |a| a as f64;
                F64ConvertI32U => u32_, pf64, |a| a as f64;
                F64ConvertI64S => i64_, pf64, |a| a as f64;
                F64ConvertI64U => u64_, pf64, |a| a as f64;
                F64PromoteF32 => f32_, pf64, |a| a as f64;
                I32Extend8S => i32_, pi32, |a| a as i8 as i32;
                I32Extend16S => i32_, pi32, |a| a as i16 as i32;
                I64Extend8S => i64_, pi64, |a| a as i8 as i64;
                I64Extend16S => i64_, pi64, |a| a as i16 as i64;
                I64Extend32S => i64_, pi64, |a| a as i32 as i64;
                I32TruncSatF32S => f32_, pi32, |a| a as i32;
                I32TruncSatF32U => f32_, pu32, |a| a as u32;
                I32TruncSatF64S => f64_, pi32, |a| a as i32;
                I32TruncSatF64U => f64_, pu32, |a| a as u32;
                I64TruncSatF32S => f32_, pi64, |a| a as i64;
                I64TruncSatF32U => f32_, pu64, |a| a as u64;
                I64TruncSatF64S => f64_, pi64, |a| a as i64;
                I64TruncSatF64U => f64_, pu64, |a| a as u64;
            }
            unary_try {
                I32TruncF32S => f32_, pi32, trunc_i32_s;
                I32TruncF32U => f32_, pu32, trunc_i32_u;
                I32TruncF64S => f64_, pi32, trunc_i32_s;
                I32TruncF64U => f64_, pu32, trunc_i32_u;
                I64TruncF32S => f32_, pi64, trunc_i64_s;
                I64TruncF32U => f32_, pu64, trunc_i64_u;
                I64TruncF64S => f64_, pi64, trunc_i64_s;
                I64TruncF64U => f64_, pu64, trunc_i64_u;
            }
            binary {
                I32Rotl => u32_, pu32, |a, b| a.rotate_left(b);
                I32Rotr => u32_, pu32, |a, b| a.rotate_right(b);
                I64Rotl => u64_, pu64, |a, b| a.rotate_left((b & 63) as u32);
                I64Rotr => u64_, pu64, |a, b| a.rotate_right((b & 63) as u32);
                F32Min => f32_, pf32, |a, b| f32_min(a, b);
                F32Max => f32_, pf32, |a, b| f32_max(a, b);
                F32Copysign => u32_, pu32, |a, b| (a & 0x7fff_ffff) | (b & 0x8000_0000);
                F64Min => f64_, pf64, |a, b| f64_min(a, b);
                F64Max => f64_, pf64, |a, b| f64_max(a, b);
                F64Copysign => u64_, pu64, |a, b| (a & 0x7fff_ffff_ffff_ffff) | (b & 0x8000_0000_0000_0000);
            }
            binary_try {
                I32DivS => i32_, pi32, i32_div_s;
                I32DivU => u32_, pu32, i32_div_u;
                I32RemS => i32_, pi32, i32_rem_s;
                I32RemU => u32_, pu32, i32_rem_u;
                I64DivS => i64_, pi64, i64_div_s;
                I64DivU => u64_, pu64, i64_div_u;
                I64RemS => i64_, pi64, i64_rem_s;
                I64RemU => u64_, pu64, i64_rem_u;
            }
            add_branch {
                Eq => AddBrEqRR, AddBrEqRI;
                Ne => AddBrNeRR, AddBrNeRI;
                LtS => AddBrLtSRR, AddBrLtSRI;
                LtU => AddBrLtURR, AddBrLtURI;
                GtS => AddBrGtSRR, AddBrGtSRI;
                GtU => AddBrGtURR, AddBrGtURI;
                LeS => AddBrLeSRR, AddBrLeSRI;
                LeU => AddBrLeURR, AddBrLeURI;
                GeS => AddBrGeSRR, AddBrGeSRI;
                GeU => AddBrGeURR, AddBrGeURI;
            }
            fused {
                F64AddAddL => F64Add, F64Add, true;
                F64AddAddR => F64Add, F64Add, false;
                F64AddSubL => F64Add, F64Sub, true;
                F64AddSubR => F64Add, F64Sub, false;
                F64AddMulL => F64Add, F64Mul, true;
                F64AddMulR => F64Add, F64Mul, false;
                F64AddDivL => F64Add, F64Div, true;
                F64AddDivR => F64Add, F64Div, false;
                F64SubAddL => F64Sub, F64Add, true;
                F64SubAddR => F64Sub, F64Add, false;
                F64SubSubL => F64Sub, F64Sub, true;
                F64SubSubR => F64Sub, F64Sub, false;
                F64SubMulL => F64Sub, F64Mul, true;
                F64SubMulR => F64Sub, F64Mul, false;
                F64SubDivL => F64Sub, F64Div, true;
                F64SubDivR => F64Sub, F64Div, false;
                F64MulAddL => F64Mul, F64Add, true;
                F64MulAddR => F64Mul, F64Add, false;
                F64MulSubL => F64Mul, F64Sub, true;
                F64MulSubR => F64Mul, F64Sub, false;
                F64MulMulL => F64Mul, F64Mul, true;
                F64MulMulR => F64Mul, F64Mul, false;
                F64MulDivL => F64Mul, F64Div, true;
                F64MulDivR => F64Mul, F64Div, false;
            }
        }
    };
}
pub(crate) use with_op_table;

macro_rules! define_op {
    (
        {}
        arith { $($a:ident => $arr:ident, $ari:ident;)* }
        compare { $($c:ident => $crr:ident, $cri:ident, $cbr:ident, $cbri:ident;)* }
        unary { $($un:ident => $ug:ident, $up:ident, |$ua:ident| $ue:expr;)* }
        unary_try { $($unt:ident => $utg:ident, $utp:ident, $utf:expr;)* }
        binary { $($bn:ident => $bg:ident, $bp:ident, |$ba:ident, $bb:ident| $be:expr;)* }
        binary_try { $($bnt:ident => $btg:ident, $btp:ident, $btf:expr;)* }
        add_branch { $($ab:ident => $abrr:ident, $abri:ident;)* }
        fused { $($fz:ident => $f1:ident, $f2:ident, $fl:literal;)* }
    ) => {
        /// One register-form operation. Slots hold 128 bits; numeric
        /// operations read and write the low 64 (the upper half of a
        /// numeric slot is never read), copies move all 128.
        /// `repr(u16)`: the hot path dispatches on the tag.
        #[derive(Debug, Clone, Copy, PartialEq)]
        #[repr(u16)]
        pub(crate) enum Op {
            /// `dst = src`.
            Copy { dst: Reg, src: Reg },
            /// `Copy`, `Select` and `Return` of the low 64 bits only, in a
            /// function whose values are all numeric (see `lower`).
            Copy64 { dst: Reg, src: Reg },
            Select64 { a: Reg, b: Reg, cond: Reg },
            Return64 { from: Reg, keep: u32 },
            /// `Return64` of one value.
            Return1 { from: Reg },
            /// `dst = imm` (the low 64 bits).
            Const { dst: Reg, imm: u64 },
            /// `dst = imm`, zero-extended to the whole slot: a constant in
            /// a function that may hold a reference (`ref.null` is 0 in
            /// all 128 bits) or a v128.
            Const128 { dst: Reg, imm: u64 },
            /// `a = if cond != 0 { a } else { b }`.
            Select { a: Reg, b: Reg, cond: Reg },
            Br { target: u32 },
            /// Branch if the i32 in `cond` is non-zero.
            BrNez { cond: Reg, target: u32 },
            /// Branch if the i32 in `cond` is zero.
            BrEqz { cond: Reg, target: u32 },
            /// Branch if the reference in `cond` is null.
            BrNull { cond: Reg, target: u32 },
            /// Branch if the reference in `cond` is not null.
            BrNonNull { cond: Reg, target: u32 },
            /// Continue at the entry `min(index, len)` of the `len + 1`
            /// one-operation entries that follow.
            BrTable { index: Reg, len: u32 },
            /// Return the `keep` slots from `from` on.
            Return { from: Reg, keep: u32 },
            /// `dst = ` the module's global `global` (all 128 bits).
            GlobalGet { dst: Reg, global: u32 },
            /// The module's global `global` `= src`.
            GlobalSet { src: Reg, global: u32 },
            /// Call the module's function `func` with the arguments that
            /// end below slot `args` (a slot index, not an offset).
            Call { func: u32, args: u32 },
            I32Load { dst: Reg, addr: Reg, offset: u32 },
            I64Load { dst: Reg, addr: Reg, offset: u32 },
            I32Load8S { dst: Reg, addr: Reg, offset: u32 },
            I32Load8U { dst: Reg, addr: Reg, offset: u32 },
            I32Load16S { dst: Reg, addr: Reg, offset: u32 },
            I32Load16U { dst: Reg, addr: Reg, offset: u32 },
            I64Load8S { dst: Reg, addr: Reg, offset: u32 },
            I64Load8U { dst: Reg, addr: Reg, offset: u32 },
            I64Load16S { dst: Reg, addr: Reg, offset: u32 },
            I64Load16U { dst: Reg, addr: Reg, offset: u32 },
            I64Load32S { dst: Reg, addr: Reg, offset: u32 },
            I64Load32U { dst: Reg, addr: Reg, offset: u32 },
            I32Store { addr: Reg, value: Reg, offset: u32 },
            I64Store { addr: Reg, value: Reg, offset: u32 },
            I32Store8 { addr: Reg, value: Reg, offset: u32 },
            I32Store16 { addr: Reg, value: Reg, offset: u32 },
            I64Store32 { addr: Reg, value: Reg, offset: u32 },
            /// Stores of a constant: `imm` is the value (sign-extended for
            /// `I64StoreImm`).
            I32StoreImm { addr: Reg, imm: u32, offset: u32 },
            I64StoreImm { addr: Reg, imm: u32, offset: u32 },
            I32Store8Imm { addr: Reg, imm: u32, offset: u32 },
            I32Store16Imm { addr: Reg, imm: u32, offset: u32 },
            I64Store32Imm { addr: Reg, imm: u32, offset: u32 },
            /// Accesses to a 32-bit memory 0 at the address `a + b` or
            /// `a + imm`, wrapped to 32 bits: an `i32.add` fused with the
            /// load or store (offset 0) that alone uses its result.
            I32LoadRR { dst: Reg, a: Reg, b: Reg },
            I32LoadRI { dst: Reg, a: Reg, imm: u32 },
            I64LoadRR { dst: Reg, a: Reg, b: Reg },
            I64LoadRI { dst: Reg, a: Reg, imm: u32 },
            I32Load8URR { dst: Reg, a: Reg, b: Reg },
            I32Load8URI { dst: Reg, a: Reg, imm: u32 },
            I32StoreRR { a: Reg, b: Reg, value: Reg },
            I32StoreRI { a: Reg, imm: u32, value: Reg },
            I64StoreRR { a: Reg, b: Reg, value: Reg },
            I64StoreRI { a: Reg, imm: u32, value: Reg },
            I32Store8RR { a: Reg, b: Reg, value: Reg },
            I32Store8RI { a: Reg, imm: u32, value: Reg },
            /// Accesses to memory 0 at a constant address `ea` (the
            /// constant plus the offset).
            I32LoadAbs { dst: Reg, ea: u32 },
            I64LoadAbs { dst: Reg, ea: u32 },
            I32StoreAbs { ea: u32, value: Reg },
            I64StoreAbs { ea: u32, value: Reg },
            /// `dst = imm - b` (sign-extended for `Sub64IR`): a constant
            /// minuend, as in a negation.
            SubIR { dst: Reg, imm: u32, b: Reg },
            Sub64IR { dst: Reg, imm: u32, b: Reg },
            /// Run stack instruction `instr` in the hot path, with the stack
            /// pointer at frame slot `sp` (an index).
            Legacy { instr: u32, sp: u32 },
            /// Leave the hot path to run stack instruction `instr`, with the
            /// stack pointer at frame slot `sp` (an index).
            Cold { instr: u32, sp: u32 },
            $(
                $arr { dst: Reg, a: Reg, b: Reg },
                $ari { dst: Reg, a: Reg, imm: u32 },
            )*
            $(
                $crr { dst: Reg, a: Reg, b: Reg },
                $cri { dst: Reg, a: Reg, imm: u32 },
                $cbr { a: Reg, b: Reg, target: u32 },
                $cbri { a: Reg, imm: u32, target: u32 },
            )*
            $($un { dst: Reg, src: Reg },)*
            $($unt { dst: Reg, src: Reg },)*
            $($bn { dst: Reg, a: Reg, b: Reg },)*
            $($bnt { dst: Reg, a: Reg, b: Reg },)*
            /// `x += inc` (i32), then a branch if `x <op> b` (`x <op> imm`,
            /// `x != 0`, `x == 0`), with a 16-bit offset for `x`.
            $(
                $abrr { x: u16, inc: i16, b: Reg, target: u32 },
                $abri { x: u16, inc: i16, imm: u32, target: u32 },
            )*
            AddBrNez { x: u16, inc: i16, target: u32 },
            AddBrEqz { x: u16, inc: i16, target: u32 },
            /// `dst = ((a * b) + c) + d` (`L`) or `d + ((a * b) + c)` (`R`),
            /// f64: the step of an unrolled dot product, whose running sum
            /// then makes one trip through memory per step, not two.
            F64MulAddAddL { dst: u16, a: u16, b: u16, c: u16, d: u16 },
            F64MulAddAddR { dst: u16, a: u16, b: u16, c: u16, d: u16 },
            /// Fused float operations (see `with_op_table`), with 16-bit
            /// slot offsets to fit four of them.
            $($fz { dst: u16, a: u16, b: u16, c: u16 },)*
        }

        impl Op {
            /// `dst = a <op> b`.
            fn rr(op: BinOp, dst: Reg, a: Reg, b: Reg) -> Op {
                match op {
                    $(BinOp::$a => Op::$arr { dst, a, b },)*
                    $(BinOp::$c => Op::$crr { dst, a, b },)*
                }
            }

            /// `dst = a <op> imm` (see [`BinOp::imm`]).
            fn ri(op: BinOp, dst: Reg, a: Reg, imm: u32) -> Op {
                match op {
                    $(BinOp::$a => Op::$ari { dst, a, imm },)*
                    $(BinOp::$c => Op::$cri { dst, a, imm },)*
                }
            }

            /// Slot index `r` as a 16-bit field of a fused operation, if its
            /// byte offset (what `scale` makes of it) fits 16 bits.
            fn slot16(r: Reg) -> Option<u16> {
                u16::try_from(r.checked_mul(SLOT_BYTES)?).ok()?;
                Some(r as u16)
            }

            /// `dst = ((a * b) + c) + d` if `left`, else `d + ((a * b) + c)`
            /// (f64), if the slots (indices) fit its 16-bit offsets.
            fn dot_step(left: bool, [dst, a, b, c, d]: [Reg; 5]) -> Option<Op> {
                let [dst, a, b, c, d] = [dst, a, b, c, d].map(Op::slot16);
                let [dst, a, b, c, d] = [dst?, a?, b?, c?, d?];
                Some(if left {
                    Op::F64MulAddAddL { dst, a, b, c, d }
                } else {
                    Op::F64MulAddAddR { dst, a, b, c, d }
                })
            }

            /// `dst = (a first b) second c` if `left`, else
            /// `c second (a first b)`, for the float operations `fused`
            /// lists, if the slots (indices) fit its 16-bit offsets.
            fn fused(
                first: BinOp,
                second: BinOp,
                left: bool,
                [dst, a, b, c]: [Reg; 4],
            ) -> Option<Op> {
                let [dst, a, b, c] = [dst, a, b, c].map(Op::slot16);
                let [dst, a, b, c] = [dst?, a?, b?, c?];
                match (first, second, left) {
                    $((BinOp::$f1, BinOp::$f2, $fl) => Some(Op::$fz { dst, a, b, c }),)*
                    _ => None,
                }
            }

            /// `x += inc`, then the branch `branch` (a comparison-branch
            /// of i32 or a test of `x`) that reads `x` once, as one
            /// operation, if `x` (an index) and `inc` fit their 16 bits.
            fn add_branch(x: Reg, inc: u32, branch: Op) -> Option<Op> {
                let inc = i16::try_from(inc as i32).ok()?;
                let x16 = Op::slot16(x)?;
                // The comparison with `x` on the left.
                let swap = |op: BinOp| {
                    use BinOp::*;
                    match op {
                        LtS => GtS,
                        GtS => LtS,
                        LtU => GtU,
                        GtU => LtU,
                        LeS => GeS,
                        GeS => LeS,
                        LeU => GeU,
                        GeU => LeU,
                        other => other,
                    }
                };
                match branch {
                    Op::BrNez { cond, target } if cond == x => {
                        Some(Op::AddBrNez { x: x16, inc, target })
                    }
                    Op::BrEqz { cond, target } if cond == x => {
                        Some(Op::AddBrEqz { x: x16, inc, target })
                    }
                    $(
                        Op::$cbr { a, b, target } if a == x && b != a => {
                            Op::add_branch_rr(BinOp::$c, x16, inc, b, target)
                        }
                        Op::$cbr { a, b, target } if b == x && a != b => {
                            Op::add_branch_rr(swap(BinOp::$c), x16, inc, a, target)
                        }
                        Op::$cbri { a, imm, target } if a == x => {
                            Op::add_branch_ri(BinOp::$c, x16, inc, imm, target)
                        }
                    )*
                    _ => None,
                }
            }

            fn add_branch_rr(op: BinOp, x: u16, inc: i16, b: Reg, target: u32) -> Option<Op> {
                match op {
                    $(BinOp::$ab => Some(Op::$abrr { x, inc, b, target }),)*
                    _ => None,
                }
            }

            fn add_branch_ri(op: BinOp, x: u16, inc: i16, imm: u32, target: u32) -> Option<Op> {
                match op {
                    $(BinOp::$ab => Some(Op::$abri { x, inc, imm, target }),)*
                    _ => None,
                }
            }

            /// The slot a fused operation writes and those it reads.
            fn fused_slots(&self) -> Option<(Reg, Vec<Reg>)> {
                let r = Reg::from;
                match *self {
                    $(Op::$fz { dst, a, b, c } => Some((r(dst), vec![r(a), r(b), r(c)])),)*
                    Op::F64MulAddAddL { dst, a, b, c, d } | Op::F64MulAddAddR { dst, a, b, c, d } => {
                        Some((r(dst), vec![r(a), r(b), r(c), r(d)]))
                    }
                    $(Op::$abrr { x, b, .. } => Some((r(x), vec![r(x), b])),)*
                    $(Op::$abri { x, .. })|* | Op::AddBrNez { x, .. } | Op::AddBrEqz { x, .. } => {
                        Some((r(x), vec![r(x)]))
                    }
                    _ => None,
                }
            }

            /// The float operation and slots of a slot-slot float
            /// addition, subtraction, multiplication or division:
            /// `(op, dst, a, b)`.
            fn float_rr(&self) -> Option<(BinOp, Reg, Reg, Reg)> {
                match *self {
                    Op::F64AddRR { dst, a, b } => Some((BinOp::F64Add, dst, a, b)),
                    Op::F64SubRR { dst, a, b } => Some((BinOp::F64Sub, dst, a, b)),
                    Op::F64MulRR { dst, a, b } => Some((BinOp::F64Mul, dst, a, b)),
                    Op::F64DivRR { dst, a, b } => Some((BinOp::F64Div, dst, a, b)),
                    _ => None,
                }
            }

            /// Branch if `a <op> b`, for a comparison.
            fn br_rr(op: BinOp, a: Reg, b: Reg, target: u32) -> Option<Op> {
                match op {
                    $(BinOp::$c => Some(Op::$cbr { a, b, target }),)*
                    _ => None,
                }
            }

            /// Branch if `a <op> imm`, for a comparison.
            fn br_ri(op: BinOp, a: Reg, imm: u32, target: u32) -> Option<Op> {
                match op {
                    $(BinOp::$c => Some(Op::$cbri { a, imm, target }),)*
                    _ => None,
                }
            }

            /// The single-slot operands the operation reads, as places a
            /// peephole may rewrite. `None` for operations that read slot
            /// ranges or the whole stack (calls, returns, stack
            /// instructions), and for `Select`, whose first operand is
            /// also its result.
            fn sources_mut(&mut self) -> Option<[Option<&mut Reg>; 2]> {
                Some(match self {
                    Op::Copy { src, .. } => [Some(src), None],
                    Op::Const { .. }
                    | Op::Const128 { .. }
                    | Op::Br { .. }
                    | Op::GlobalGet { .. } => [None, None],
                    Op::GlobalSet { src, .. } => [Some(src), None],
                    Op::BrNez { cond, .. }
                    | Op::BrEqz { cond, .. }
                    | Op::BrNull { cond, .. }
                    | Op::BrNonNull { cond, .. } => [Some(cond), None],
                    Op::BrTable { index, .. } => [Some(index), None],
                    Op::I32Load { addr, .. }
                    | Op::I64Load { addr, .. }
                    | Op::I32Load8S { addr, .. }
                    | Op::I32Load8U { addr, .. }
                    | Op::I32Load16S { addr, .. }
                    | Op::I32Load16U { addr, .. }
                    | Op::I64Load8S { addr, .. }
                    | Op::I64Load8U { addr, .. }
                    | Op::I64Load16S { addr, .. }
                    | Op::I64Load16U { addr, .. }
                    | Op::I64Load32S { addr, .. }
                    | Op::I64Load32U { addr, .. } => [Some(addr), None],
                    Op::I32Store { addr, value, .. }
                    | Op::I64Store { addr, value, .. }
                    | Op::I32Store8 { addr, value, .. }
                    | Op::I32Store16 { addr, value, .. }
                    | Op::I64Store32 { addr, value, .. } => [Some(addr), Some(value)],
                    Op::I32StoreImm { addr, .. }
                    | Op::I64StoreImm { addr, .. }
                    | Op::I32Store8Imm { addr, .. }
                    | Op::I32Store16Imm { addr, .. }
                    | Op::I64Store32Imm { addr, .. } => [Some(addr), None],
                    Op::I32LoadRR { a, b, .. }
                    | Op::I64LoadRR { a, b, .. }
                    | Op::I32Load8URR { a, b, .. } => [Some(a), Some(b)],
                    Op::I32LoadRI { a, .. } | Op::I64LoadRI { a, .. } | Op::I32Load8URI { a, .. } => {
                        [Some(a), None]
                    }
                    // Three operands: the peephole leaves these alone; `scale`
                    // sees to the value.
                    Op::I32StoreRR { .. }
                    | Op::I64StoreRR { .. }
                    | Op::I32Store8RR { .. } => return None,
                    Op::I32LoadAbs { .. } | Op::I64LoadAbs { .. } => [None, None],
                    Op::I32StoreAbs { value, .. } | Op::I64StoreAbs { value, .. } => {
                        [Some(value), None]
                    }
                    Op::I32StoreRI { a, value, .. }
                    | Op::I64StoreRI { a, value, .. }
                    | Op::I32Store8RI { a, value, .. } => [Some(a), Some(value)],
                    $(
                        Op::$arr { a, b, .. } => [Some(a), Some(b)],
                        Op::$ari { a, .. } => [Some(a), None],
                    )*
                    $(
                        Op::$crr { a, b, .. } | Op::$cbr { a, b, .. } => [Some(a), Some(b)],
                        Op::$cri { a, .. } | Op::$cbri { a, .. } => [Some(a), None],
                    )*
                    Op::SubIR { b, .. } | Op::Sub64IR { b, .. } => [Some(b), None],
                    $(Op::$un { src, .. } => [Some(src), None],)*
                    $(Op::$unt { src, .. } => [Some(src), None],)*
                    $(Op::$bn { a, b, .. } => [Some(a), Some(b)],)*
                    $(Op::$bnt { a, b, .. } => [Some(a), Some(b)],)*
                    $(Op::$fz { .. } => return None,)*
                    Op::F64MulAddAddL { .. } | Op::F64MulAddAddR { .. } => return None,
                    $(Op::$abrr { .. } | Op::$abri { .. } => return None,)*
                    Op::AddBrNez { .. } | Op::AddBrEqz { .. } => return None,
                    Op::Select { .. }
                    | Op::Return { .. }
                    | Op::Copy64 { .. }
                    | Op::Select64 { .. }
                    | Op::Return64 { .. }
                    | Op::Return1 { .. }
                    | Op::Call { .. }
                    | Op::Legacy { .. }
                    | Op::Cold { .. } => return None,
                })
            }

            /// Turns slot indices into byte offsets.
            fn scale(&mut self) {
                match self {
                    $(Op::$abrr { x, b, .. } => {
                        *x *= SLOT_BYTES as u16;
                        *b *= SLOT_BYTES;
                    })*
                    $(Op::$abri { x, .. })|* | Op::AddBrNez { x, .. } | Op::AddBrEqz { x, .. } => {
                        *x *= SLOT_BYTES as u16;
                    }
                    _ => {}
                }
                $(
                    if let Op::$fz { dst, a, b, c } = self {
                        for r in [dst, a, b, c] {
                            *r *= SLOT_BYTES as u16;
                        }
                    }
                )*
                if let Op::F64MulAddAddL { dst, a, b, c, d } | Op::F64MulAddAddR { dst, a, b, c, d } = self {
                    for r in [dst, a, b, c, d] {
                        *r *= SLOT_BYTES as u16;
                    }
                }
                if let Op::Select { a, b, cond } = self {
                    for r in [a, b, cond] {
                        *r *= SLOT_BYTES;
                    }
                }
                if let Op::Return { from, .. } = self {
                    *from *= SLOT_BYTES;
                }
                if let Op::I32StoreRR { a, b, value }
                | Op::I64StoreRR { a, b, value }
                | Op::I32Store8RR { a, b, value } = self
                {
                    for r in [a, b, value] {
                        *r *= SLOT_BYTES;
                    }
                }
                if let Some(srcs) = self.sources_mut() {
                    for r in srcs.into_iter().flatten() {
                        *r *= SLOT_BYTES;
                    }
                }
                if let Some(dst) = self.dst_mut() {
                    *dst *= SLOT_BYTES;
                }
            }

            /// The slot the operation writes, if it writes exactly one and
            /// reads all its operands first.
            fn dst_mut(&mut self) -> Option<&mut Reg> {
                match self {
                    Op::Copy { dst, .. }
                    | Op::Const { dst, .. }
                    | Op::Const128 { dst, .. }
                    | Op::GlobalGet { dst, .. }
                    | Op::I32Load { dst, .. }
                    | Op::I64Load { dst, .. }
                    | Op::I32Load8S { dst, .. }
                    | Op::I32Load8U { dst, .. }
                    | Op::I32Load16S { dst, .. }
                    | Op::I32Load16U { dst, .. }
                    | Op::I64Load8S { dst, .. }
                    | Op::I64Load8U { dst, .. }
                    | Op::I64Load16S { dst, .. }
                    | Op::I64Load16U { dst, .. }
                    | Op::I64Load32S { dst, .. }
                    | Op::I64Load32U { dst, .. }
                    | Op::I32LoadRR { dst, .. }
                    | Op::I32LoadAbs { dst, .. }
                    | Op::I64LoadAbs { dst, .. }
                    | Op::I32LoadRI { dst, .. }
                    | Op::I64LoadRR { dst, .. }
                    | Op::I64LoadRI { dst, .. }
                    | Op::I32Load8URR { dst, .. }
                    | Op::I32Load8URI { dst, .. }
                    $(| Op::$arr { dst, .. } | Op::$ari { dst, .. })*
                    $(| Op::$crr { dst, .. } | Op::$cri { dst, .. })*
                    | Op::SubIR { dst, .. }
                    | Op::Sub64IR { dst, .. }
                    $(| Op::$un { dst, .. })*
                    $(| Op::$unt { dst, .. })*
                    $(| Op::$bn { dst, .. })*
                    $(| Op::$bnt { dst, .. })* => Some(dst),
                    _ => None,
                }
            }

            /// The operation of a numeric stack instruction with no
            /// [`BinOp`], on the stack slots `top` and the one below it.
            fn numeric(instr: &Instr, top: Reg, second: Reg) -> Option<Op> {
                Some(match instr {
                    $(Instr::$un => Op::$un { dst: top, src: top },)*
                    $(Instr::$unt => Op::$unt { dst: top, src: top },)*
                    $(Instr::$bn => Op::$bn { dst: second, a: second, b: top },)*
                    $(Instr::$bnt => Op::$bnt { dst: second, a: second, b: top },)*
                    _ => return None,
                })
            }

            /// This subtraction with its first operand replaced by the
            /// constant `v`, when the immediate form can hold it.
            fn with_imm_first(self, v: u64) -> Option<Op> {
                let imm = v as u32;
                match self {
                    Op::SubRR { dst, b, .. } if imm as u64 == v => Some(Op::SubIR { dst, imm, b }),
                    Op::Sub64RR { dst, b, .. } if imm as i32 as i64 as u64 == v => {
                        Some(Op::Sub64IR { dst, imm, b })
                    }
                    _ => None,
                }
            }

            /// This slot-slot operation (or store) with its second operand
            /// (the stored value) replaced by the constant `v`, when the
            /// immediate form can hold it.
            fn with_imm(self, v: u64) -> Option<Op> {
                let imm = v as u32;
                let fits = |op: BinOp| op.imm(imm) == v;
                let narrow = imm as u64 == v;
                let wide = imm as i32 as i64 as u64 == v;
                match self {
                    Op::I32Store { addr, offset, .. } if narrow => Some(Op::I32StoreImm { addr, imm, offset }),
                    Op::I64Store { addr, offset, .. } if wide => Some(Op::I64StoreImm { addr, imm, offset }),
                    // Narrow stores keep the low bits only.
                    Op::I32Store8 { addr, offset, .. } => Some(Op::I32Store8Imm { addr, imm, offset }),
                    Op::I32Store16 { addr, offset, .. } => Some(Op::I32Store16Imm { addr, imm, offset }),
                    Op::I64Store32 { addr, offset, .. } => Some(Op::I64Store32Imm { addr, imm, offset }),
                    $(Op::$arr { dst, a, .. } if fits(BinOp::$a) => Some(Op::$ari { dst, a, imm }),)*
                    $(
                        Op::$crr { dst, a, .. } if fits(BinOp::$c) => Some(Op::$cri { dst, a, imm }),
                        Op::$cbr { a, target, .. } if fits(BinOp::$c) => {
                            Some(Op::$cbri { a, imm, target })
                        }
                    )*
                    _ => None,
                }
            }

            /// The branch target, for operations that branch.
            fn target_mut(&mut self) -> Option<&mut u32> {
                match self {
                    Op::Br { target }
                    | Op::BrNez { target, .. }
                    | Op::BrEqz { target, .. }
                    | Op::BrNull { target, .. }
                    | Op::BrNonNull { target, .. }
                    $(| Op::$cbr { target, .. } | Op::$cbri { target, .. })*
                    $(| Op::$abrr { target, .. } | Op::$abri { target, .. })*
                    | Op::AddBrNez { target, .. }
                    | Op::AddBrEqz { target, .. } => Some(target),
                    _ => None,
                }
            }
        }
    };
}
with_op_table!(define_op! {});

const _: () = assert!(std::mem::size_of::<Op>() <= 16);

/// The second operand of a binary operation.
#[derive(Clone, Copy)]
enum Rhs {
    Reg(Reg),
    Imm(u32),
}

/// A function's register-form code, and where its stack instructions went.
pub(crate) struct Lowered {
    pub ops: Box<[Op]>,
    /// Whether some operation may read a declared local before any write
    /// to it: only then must a call zero the locals.
    pub reads_unset_locals: bool,
    /// For each stack instruction (and one past the end), the index of its
    /// first operation.
    pub map: Vec<u32>,
}

impl Lowered {
    /// The operation index of stack instruction `pc`.
    pub(crate) fn at(&self, pc: u32) -> u32 {
        self.map
            .get(pc as usize)
            .copied()
            .unwrap_or(self.ops.len() as u32)
    }

    /// Rewrites handlers' ranges and landing pads into operation indices.
    pub(crate) fn remap_handlers(&self, handlers: &mut [Handler]) {
        for h in handlers {
            h.start = self.at(h.start);
            h.end = self.at(h.end);
            for c in h.clauses.iter_mut() {
                c.pad = self.at(c.pad);
            }
        }
    }
}

struct Lowering {
    ops: Vec<Op>,
    /// Operations whose target is still a stack-instruction index.
    unmapped: Vec<usize>,
    /// Branch-table entries that need moves: (entry, moves + branch).
    stubs: Vec<(usize, Vec<Op>)>,
    /// Slots before the operand stack: params + locals.
    base: u32,
    /// Whether memory 0 is a 64-bit memory: its accesses then stay stack
    /// instructions (`Op::Legacy`), so that the memory-0 operations can
    /// take their addresses as 32 bits.
    mem0_64: bool,
    /// Whether every access stays a stack instruction ([`Translation::Plain`]).
    plain: bool,
}

impl Lowering {
    fn slot(&self, height: u32) -> Reg {
        self.base + height
    }

    fn push(&mut self, op: Op) {
        self.ops.push(op);
    }

    /// A branch to stack instruction `target` (remapped at the end).
    fn branch(&mut self, op: Op) {
        self.unmapped.push(self.ops.len());
        self.ops.push(op);
    }

    /// The copies a branch makes at height `height`: the top `keep`
    /// operands move down over the `drop` beneath them.
    fn moves(&self, dk: DropKeep, height: u32) -> Vec<Op> {
        let from = self.slot(height - dk.keep);
        let to = from - dk.drop;
        (0..dk.keep)
            .map(|j| Op::Copy {
                dst: to + j,
                src: from + j,
            })
            .collect()
    }

    /// A branch taken when `skip_if` (built with the target it receives)
    /// does not skip it, moving `dk` at `height` first.
    fn branch_with_moves(
        &mut self,
        skip_if: impl FnOnce(u32) -> Op,
        dk: DropKeep,
        height: u32,
        target: u32,
    ) {
        let skip = self.ops.len();
        self.push(skip_if(0));
        let moves = self.moves(dk, height);
        self.ops.extend(moves);
        self.branch(Op::Br { target });
        let after = self.ops.len() as u32;
        if let Some(t) = self.ops[skip].target_mut() {
            *t = after;
        }
    }

    /// A memory access (`load` or `store`) of stack instruction `instr`,
    /// which runs at stack pointer `sp`: its operation for a 32-bit memory
    /// 0, or the stack instruction itself in the hot path otherwise.
    fn access(&mut self, access: Option<(u32, Op)>, instr: usize, sp: Reg) {
        self.push(match access {
            Some((0, op)) if !self.mem0_64 && !self.plain => op,
            _ => Op::Legacy {
                instr: instr as u32,
                sp,
            },
        });
    }

    /// `dst = a <op> rhs`.
    fn bin(&mut self, op: BinOp, dst: Reg, a: Reg, rhs: Rhs) {
        self.push(match rhs {
            Rhs::Reg(b) => Op::rr(op, dst, a, b),
            Rhs::Imm(imm) => Op::ri(op, dst, a, imm),
        });
    }

    /// `dst = a <op> rhs`, then, for a tee, the result also in `tee`.
    fn bin_set(&mut self, op: BinOp, dst: Reg, a: Reg, rhs: Rhs, tee: Option<Reg>) {
        self.bin(op, dst, a, rhs);
        if let Some(tee) = tee {
            self.push(Op::Copy { dst: tee, src: dst });
        }
    }

    /// Branch to `target` if `a <op> rhs` is non-zero (zero when `neg`);
    /// `scratch` is a slot free to hold the truth value.
    fn cond_branch(&mut self, op: BinOp, neg: bool, a: Reg, rhs: Rhs, scratch: Reg, target: u32) {
        let op2 = if neg { op.inverse() } else { Some(op) };
        let fused = op2.and_then(|op2| match rhs {
            Rhs::Reg(b) => Op::br_rr(op2, a, b, target),
            Rhs::Imm(imm) => Op::br_ri(op2, a, imm, target),
        });
        match fused {
            Some(op) => self.branch(op),
            None => {
                self.bin(op, scratch, a, rhs);
                let cond = scratch;
                self.branch(if neg {
                    Op::BrEqz { cond, target }
                } else {
                    Op::BrNez { cond, target }
                });
            }
        }
    }
}

/// For a load: its memory, and the operation that loads from memory 0
/// into `dst` from the address in `addr`.
fn load(instr: &Instr, dst: Reg, addr: Reg) -> Option<(u32, Op)> {
    use Instr as I;
    macro_rules! op {
        ($v:ident, $m:expr) => {
            Some((
                $m.mem,
                Op::$v {
                    dst,
                    addr,
                    offset: $m.offset,
                },
            ))
        };
    }
    match *instr {
        I::I32Load(m) | I::I32LoadLocal { m, .. } => op!(I32Load, m),
        I::I64Load(m) | I::I64LoadLocal { m, .. } => op!(I64Load, m),
        I::I32Load8S(m) => op!(I32Load8S, m),
        I::I32Load8U(m) => op!(I32Load8U, m),
        I::I32Load16S(m) => op!(I32Load16S, m),
        I::I32Load16U(m) => op!(I32Load16U, m),
        I::I64Load8S(m) => op!(I64Load8S, m),
        I::I64Load8U(m) => op!(I64Load8U, m),
        I::I64Load16S(m) => op!(I64Load16S, m),
        I::I64Load16U(m) => op!(I64Load16U, m),
        I::I64Load32S(m) => op!(I64Load32S, m),
        I::I64Load32U(m) => op!(I64Load32U, m),
        _ => None,
    }
}

/// For a store: its memory, and the operation that stores `value` to
/// memory 0 at the address in `addr`.
fn store(instr: &Instr, addr: Reg, value: Reg) -> Option<(u32, Op)> {
    use Instr as I;
    macro_rules! op {
        ($v:ident, $m:expr) => {
            Some((
                $m.mem,
                Op::$v {
                    addr,
                    value,
                    offset: $m.offset,
                },
            ))
        };
    }
    match *instr {
        I::I32Store(m) | I::I32StoreLocal { m, .. } => op!(I32Store, m),
        I::I64Store(m) | I::I64StoreLocal { m, .. } => op!(I64Store, m),
        I::I32Store8(m) => op!(I32Store8, m),
        I::I32Store16(m) => op!(I32Store16, m),
        I::I64Store32(m) => op!(I64Store32, m),
        _ => None,
    }
}

/// Lowers `code`, whose instruction `i` runs at operand-stack height
/// `heights[i]`, for a frame with `base` slots of params and locals.
///
/// `wide`: whether the function may hold a v128 or reference value; if not,
/// its copies move 64 bits (never under [`Translation::Plain`], which
/// stops after the one-to-one mapping: see the module docs).
pub(crate) fn lower(
    code: &[Instr],
    heights: &[u32],
    params: u32,
    base: u32,
    mem0_64: bool,
    wide: bool,
    translation: Translation,
) -> Lowered {
    use Instr as I;
    let plain = translation == Translation::Plain;
    let wide = wide || plain;
    let mut l = Lowering {
        ops: Vec::with_capacity(code.len()),
        unmapped: Vec::new(),
        stubs: Vec::new(),
        base,
        mem0_64,
        plain,
    };
    let mut map = Vec::with_capacity(code.len() + 1);
    // Branch-table entries still to come: each must be one operation.
    let mut entries = 0u32;
    for (i, instr) in code.iter().enumerate() {
        map.push(l.ops.len() as u32);
        let h = heights[i];
        let s = |height: u32| base + height;
        let is_entry = entries > 0;
        entries = entries.saturating_sub(1);
        match *instr {
            I::LocalGet(local) => l.push(Op::Copy {
                dst: s(h),
                src: local,
            }),
            I::LocalSet(local) | I::LocalTee(local) => l.push(Op::Copy {
                dst: local,
                src: s(h - 1),
            }),
            I::Drop => {}
            I::Select => l.push(Op::Select {
                a: s(h - 3),
                b: s(h - 2),
                cond: s(h - 1),
            }),
            I::Const32(v) => l.push(Op::Const {
                dst: s(h),
                imm: v as u64,
            }),
            I::Const64(v) => l.push(Op::Const { dst: s(h), imm: v }),
            I::Br { target, dk } if dk.drop == 0 => l.branch(Op::Br { target }),
            I::Br { target, dk } if is_entry => {
                // One operation: a branch to a stub with the moves.
                let mut stub = l.moves(dk, h);
                stub.push(Op::Br { target });
                l.stubs.push((l.ops.len(), stub));
                l.push(Op::Br { target: 0 });
            }
            I::Br { target, dk } => {
                let moves = l.moves(dk, h);
                l.ops.extend(moves);
                l.branch(Op::Br { target });
            }
            I::BrIfNez { target, dk } if dk.drop == 0 => l.branch(Op::BrNez {
                cond: s(h - 1),
                target,
            }),
            I::BrIfNez { target, dk } => {
                let cond = s(h - 1);
                l.branch_with_moves(|t| Op::BrEqz { cond, target: t }, dk, h - 1, target);
            }
            I::BrIfEqz { target } => l.branch(Op::BrEqz {
                cond: s(h - 1),
                target,
            }),
            I::BrOnNull { target, dk } if dk.drop == 0 => l.branch(Op::BrNull {
                cond: s(h - 1),
                target,
            }),
            I::BrOnNull { target, dk } => {
                let cond = s(h - 1);
                l.branch_with_moves(|t| Op::BrNonNull { cond, target: t }, dk, h - 1, target);
            }
            I::BrOnNonNull { target, dk } if dk.drop == 0 => l.branch(Op::BrNonNull {
                cond: s(h - 1),
                target,
            }),
            I::BrOnNonNull { target, dk } => {
                let cond = s(h - 1);
                l.branch_with_moves(|t| Op::BrNull { cond, target: t }, dk, h, target);
            }
            I::BrTable { len } => {
                entries = len + 1;
                l.push(Op::BrTable {
                    index: s(h - 1),
                    len,
                });
            }
            // Under `Plain`, calls and returns take the general loop's one
            // way, not the hot path's own.
            I::Return { .. } | I::Call(_) if plain => l.push(Op::Cold {
                instr: i as u32,
                sp: s(h),
            }),
            I::Return { keep } => l.push(Op::Return {
                from: s(h - keep),
                keep,
            }),
            I::Call(func) => l.push(Op::Call { func, args: s(h) }),
            I::GlobalGet(global) => l.push(Op::GlobalGet { dst: s(h), global }),
            I::GlobalSet(global) => l.push(Op::GlobalSet {
                src: s(h - 1),
                global,
            }),
            I::I32LoadLocal { local, .. } | I::I64LoadLocal { local, .. } => {
                l.access(load(instr, s(h), local), i, s(h))
            }
            I::I32StoreLocal { local, .. } | I::I64StoreLocal { local, .. } => {
                l.access(store(instr, s(h - 1), local), i, s(h))
            }
            I::BinLocal { op, local } => l.bin(op, s(h - 1), s(h - 1), Rhs::Reg(local)),
            I::BinConst { op, imm } => l.bin(op, s(h - 1), s(h - 1), Rhs::Imm(imm)),
            I::BinLocalSet {
                op,
                tee,
                local,
                dst,
            } => l.bin_set(op, dst, s(h - 1), Rhs::Reg(local), tee.then(|| s(h - 1))),
            I::BinConstSet { op, tee, imm, dst } => {
                l.bin_set(op, dst, s(h - 1), Rhs::Imm(imm), tee.then(|| s(h - 1)))
            }
            I::LocalBinLocal { op, src, local } => l.bin(op, s(h), src, Rhs::Reg(local)),
            I::LocalBinConst { op, src, imm } => l.bin(op, s(h), src, Rhs::Imm(imm)),
            I::LocalBinLocalSet {
                op,
                tee,
                src,
                local,
                dst,
            } => l.bin_set(op, dst, src, Rhs::Reg(local), tee.then(|| s(h))),
            I::LocalBinConstSet {
                op,
                tee,
                src,
                imm,
                dst,
            } => l.bin_set(op, dst, src, Rhs::Imm(imm), tee.then(|| s(h))),
            I::BrIfBin { op, neg, target } => {
                l.cond_branch(op, neg, s(h - 2), Rhs::Reg(s(h - 1)), s(h - 2), target)
            }
            I::BrIfBinLocal {
                op,
                neg,
                local,
                target,
            } => l.cond_branch(op, neg, s(h - 1), Rhs::Reg(local), s(h - 1), target),
            I::BrIfBinConst {
                op,
                neg,
                imm,
                target,
            } => l.cond_branch(op, neg, s(h - 1), Rhs::Imm(imm), s(h - 1), target),
            I::BrIfLocalBinLocal {
                op,
                neg,
                src,
                local,
                target,
            } => l.cond_branch(op, neg, src, Rhs::Reg(local), s(h), target),
            I::BrIfLocalBinConst {
                op,
                neg,
                src,
                imm,
                target,
            } => l.cond_branch(op, neg, src, Rhs::Imm(imm), s(h), target),
            _ => {
                // Operands of whatever instruction this is (unused, and
                // kept in range, when it has fewer).
                let (top, second) = (s(h.saturating_sub(1)), s(h.saturating_sub(2)));
                if let Some(op) = BinOp::of(instr) {
                    l.bin(op, second, second, Rhs::Reg(top));
                } else if let Some(op) = Op::numeric(instr, top, second) {
                    l.push(op);
                } else if let Some(access) =
                    load(instr, top, top).or_else(|| store(instr, second, top))
                {
                    l.access(Some(access), i, s(h));
                } else {
                    // Everything else needs more of the store, or the
                    // frames: the general loop.
                    l.push(Op::Cold {
                        instr: i as u32,
                        sp: s(h),
                    });
                }
            }
        }
    }
    map.push(l.ops.len() as u32);
    let Lowering {
        mut ops,
        unmapped,
        stubs,
        ..
    } = l;
    let end = ops.len() as u32;
    for at in unmapped {
        if let Some(t) = ops[at].target_mut() {
            *t = map.get(*t as usize).copied().unwrap_or(end);
        }
    }
    for (entry, stub) in stubs {
        let start = ops.len() as u32;
        if let Some(t) = ops[entry].target_mut() {
            *t = start;
        }
        for mut op in stub {
            if let Some(t) = op.target_mut() {
                *t = map.get(*t as usize).copied().unwrap_or(start);
            }
            ops.push(op);
        }
    }
    let reads_unset_locals = if plain {
        true
    } else {
        let removed = peephole(&mut ops, code, heights, &map, base);
        compact(&mut ops, &mut map, &removed);
        reads_unset_locals(&mut ops, params, base)
    };
    for (i, op) in ops.iter_mut().enumerate() {
        op.scale();
        // Without an offset, an access is its `a + 0` form, whose 32-bit
        // address needs one addition fewer in the hot path. (Under
        // `Plain` no access has a register form.)
        *op = match *op {
            Op::I32Load {
                dst,
                addr: a,
                offset: 0,
            } => Op::I32LoadRI { dst, a, imm: 0 },
            Op::I64Load {
                dst,
                addr: a,
                offset: 0,
            } => Op::I64LoadRI { dst, a, imm: 0 },
            Op::I32Load8U {
                dst,
                addr: a,
                offset: 0,
            } => Op::I32Load8URI { dst, a, imm: 0 },
            Op::I32Store {
                addr: a,
                value,
                offset: 0,
            } => Op::I32StoreRI { a, imm: 0, value },
            Op::I64Store {
                addr: a,
                value,
                offset: 0,
            } => Op::I64StoreRI { a, imm: 0, value },
            Op::I32Store8 {
                addr: a,
                value,
                offset: 0,
            } => Op::I32Store8RI { a, imm: 0, value },
            other => other,
        };
        // Branch targets become relative to the operation after the branch.
        if let Some(t) = op.target_mut() {
            *t = (i64::from(*t) - i as i64 - 1) as i32 as u32;
        }
        if wide {
            if let Op::Const { dst, imm } = *op {
                *op = Op::Const128 { dst, imm };
            }
        } else {
            *op = match *op {
                Op::Copy { dst, src } => Op::Copy64 { dst, src },
                Op::Select { a, b, cond } => Op::Select64 { a, b, cond },
                Op::Return { from, keep: 1 } => Op::Return1 { from },
                Op::Return { from, keep } => Op::Return64 { from, keep },
                other => other,
            };
        }
    }
    Lowered {
        ops: ops.into_boxed_slice(),
        reads_unset_locals,
        map,
    }
}

/// The stack instruction a branch instruction jumps to.
fn instr_target(instr: &Instr) -> Option<u32> {
    let mut instr = *instr;
    instr.target_mut().map(|t| *t)
}

/// Removes the copies that only carry a local or a constant into the next
/// instruction, or a result into the local a `local.set` stores it in:
///
/// - `t = x` (a local, or a constant) followed by an instruction whose first
///   operation reads `t` and after which `t` is dead: that operation reads
///   `x` (or takes the constant as its immediate) instead;
/// - `t = <op>` followed by `local.set l` (`l = t`): the operation writes `l`.
///
/// Only across instructions that nothing jumps between. A temporary above
/// the next instruction's height is dead: the stack discipline never
/// reads it again. Returns which operations are gone.
fn peephole(ops: &mut [Op], code: &[Instr], heights: &[u32], map: &[u32], base: u32) -> Vec<bool> {
    let mut labels = vec![false; code.len() + 1];
    let mut entries = 0;
    for (i, instr) in code.iter().enumerate() {
        if let Some(t) = instr_target(instr) {
            labels[t as usize] = true;
        }
        if entries > 0 {
            labels[i] = true;
            entries -= 1;
        }
        if let Instr::BrTable { len } = *instr {
            entries = len + 1;
        }
    }
    // Landing pads are reached from throws, which only the handlers know:
    // a pad is a branch, and what follows a branch is a label anyway.
    let ops_len = ops.len();
    let mut p = Peephole {
        ops,
        code,
        heights,
        map,
        labels,
        base,
        removed: vec![false; ops_len],
    };
    // The additions that compute an address for the next access, then the
    // locals and constants read from temporaries (then additions again:
    // forwarding removes the `local.get` of a stored value between an
    // addition and its store), then the results that
    // local.set and local.tee store (a tee leaves a copy of the local on
    // the stack, which the next forwarding may remove in turn).
    p.fuse_addresses();
    p.forward_all();
    p.fuse_addresses();
    p.retarget_sets();
    p.forward_all();
    p.fuse_floats();
    p.fuse_add_branches();
    p.return_in_place();
    p.removed
}

/// Whether reading slot `t` is all `op` may do with it.
fn reads(op: &mut Op, t: Reg) -> bool {
    reads_slot(op, t).unwrap_or(true)
}

/// Whether `op` reads slot `t`, where its fields name all it reads (`None`
/// for operations that read slot ranges or the whole stack, and for
/// `Select`, whose first operand is also its result).
fn reads_slot(op: &mut Op, t: Reg) -> Option<bool> {
    if let Some((_, srcs)) = op.fused_slots() {
        return Some(srcs.contains(&t));
    }
    op.sources_mut()
        .map(|srcs| srcs.into_iter().flatten().any(|r| *r == t))
}

/// A function's operations with what the peephole needs to know of its
/// stack instructions.
struct Peephole<'a> {
    ops: &'a mut [Op],
    code: &'a [Instr],
    heights: &'a [u32],
    map: &'a [u32],
    /// Instructions a branch may reach other than by falling through.
    labels: Vec<bool>,
    base: u32,
    /// Operations dropped so far.
    removed: Vec<bool>,
}

impl Peephole<'_> {
    /// Calls `f(i, recent)` for each instruction `i` in order, where
    /// `recent` lists the live operations run since the last label: on
    /// every path to `i` they ran just before it. `f` may drop the last
    /// ones.
    fn straight_line(&mut self, mut f: impl FnMut(&mut Self, usize, &mut Vec<usize>)) {
        let mut recent: Vec<usize> = Vec::new();
        for i in 0..self.code.len() {
            if self.labels[i] {
                recent.clear();
            }
            f(self, i, &mut recent);
            recent.extend(self.live(i));
            if matches!(
                self.code[i],
                Instr::Br { .. }
                    | Instr::Return { .. }
                    | Instr::BrTable { .. }
                    | Instr::Unreachable
            ) {
                recent.clear();
            }
        }
    }

    /// A float operation whose result only the next float operation reads:
    /// the two become one fused operation (fewer dispatches in float
    /// kernels; the same arithmetic in the same order).
    fn fuse_floats(&mut self) {
        self.straight_line(|p, i, recent| {
            let live = p.live(i);
            let (Some(&first), [second]) = (recent.last(), &live[..]) else {
                return;
            };
            let Some((op2, dst, x, y)) = p.ops[*second].float_rr() else {
                return;
            };
            // The first operation's result: a float operation's, or a
            // multiply-add's that an addition completes to a dot-product step.
            let t = match p.ops[first] {
                Op::F64MulAddL { dst, .. } => Reg::from(dst),
                op => match op.float_rr() {
                    Some((_, t, _, _)) => t,
                    None => return,
                },
            };
            // The intermediate result is gone after the second operation:
            // overwritten by it, or above the operand stack.
            let dead_after = t == dst || p.dead_after(t, i);
            if t < p.base || !dead_after || (x == t) == (y == t) {
                return;
            }
            let (left, c) = if x == t { (true, y) } else { (false, x) };
            let fused = match p.ops[first] {
                Op::F64MulAddL { a, b, c: c0, .. } if matches!(op2, BinOp::F64Add) => {
                    Op::dot_step(left, [dst, a.into(), b.into(), c0.into(), c])
                }
                op => match op.float_rr() {
                    Some((op1, _, a, b)) => Op::fused(op1, op2, left, [dst, a, b, c]),
                    None => None,
                },
            };
            if let Some(op) = fused {
                p.ops[*second] = op;
                p.removed[first] = true;
                recent.pop();
            }
        });
    }

    /// A return of one value that the previous operation just computed
    /// into a temporary: that operation writes the result slot (slot 0)
    /// itself, and the return has nothing to move.
    fn return_in_place(&mut self) {
        self.straight_line(|p, i, recent| {
            let live = p.live(i);
            let (Some(&last), &[ret]) = (recent.last(), &live[..]) else {
                return;
            };
            let Op::Return { from, keep: 1 } = p.ops[ret] else {
                return;
            };
            if from < p.base {
                return;
            }
            if let Some(dst) = p.ops[last].dst_mut()
                && *dst == from
            {
                *dst = 0;
                p.ops[ret] = Op::Return { from: 0, keep: 1 };
            }
        });
    }

    /// A branch on a comparison of `x` right after `x += constant` (i32):
    /// one operation, one dispatch fewer per turn of a counting loop.
    fn fuse_add_branches(&mut self) {
        self.straight_line(|p, i, recent| {
            let live = p.live(i);
            let (Some(&add), &[branch]) = (recent.last(), &live[..]) else {
                return;
            };
            let Op::AddRI { dst, a, imm } = p.ops[add] else {
                return;
            };
            if dst != a {
                return;
            }
            if let Some(op) = Op::add_branch(dst, imm, p.ops[branch]) {
                p.ops[branch] = op;
                p.removed[add] = true;
                recent.pop();
            }
        });
    }

    /// A `local.set` or `local.tee` of the temporary the previous
    /// operation just wrote: that operation writes the local instead (and
    /// a tee copies it back to the temporary).
    fn retarget_sets(&mut self) {
        self.straight_line(|p, i, recent| {
            let live = p.live(i);
            if let (Some(&last), Instr::LocalSet(local) | Instr::LocalTee(local)) =
                (recent.last(), &p.code[i])
                && let [q] = live[..]
                && let Op::Copy { dst, src: t } = p.ops[q]
                && dst == *local
                && t >= p.base
                && let Some(d) = p.ops[last].dst_mut()
                && *d == t
            {
                *d = dst;
                if matches!(p.code[i], Instr::LocalSet(_)) {
                    p.removed[q] = true;
                } else {
                    p.ops[q] = Op::Copy { dst: t, src: dst };
                }
            }
        });
    }

    /// An `i32.add` whose sum only addresses the next load or store.
    fn fuse_addresses(&mut self) {
        self.straight_line(|p, i, recent| {
            let live = p.live(i);
            if let (Some(&add), Some(&mem)) = (recent.last(), live.first())
                && p.fuse_address(add, mem, &live, i)
            {
                p.removed[add] = true;
                recent.pop();
            }
        });
    }

    /// Each local or constant copied to a temporary, into the operation
    /// that consumes the temporary.
    fn forward_all(&mut self) {
        for i in 0..self.code.len() {
            // The instruction's last operation (a `local.get` or constant,
            // or the copy a tee leaves on the stack).
            let Some(&q) = self.live(i).last() else {
                continue;
            };
            if let Some(c) = self.consumer(i, q)
                && self.forward(q, c)
            {
                self.removed[q] = true;
            }
        }
    }

    /// Whether temporary `t` is dead after instruction `i`: the next
    /// operations of the straight line overwrite it before any reads it,
    /// or, where that is not known (a label, a branch, an operation whose
    /// reads are not listed), it is above the operand stack there.
    fn dead_after(&mut self, t: Reg, i: usize) -> bool {
        const REACH: usize = 64;
        let above = |p: &Self, j: usize| p.heights.get(j).is_some_and(|h| p.base + h <= t);
        let end = self.code.len().min(i + 1 + REACH);
        for j in i + 1..end {
            if self.labels[j] {
                return above(self, j);
            }
            for q in self.live(j) {
                let op = &mut self.ops[q];
                match reads_slot(op, t) {
                    Some(true) => return false,
                    Some(false) => {}
                    None => return above(self, j),
                }
                if op.target_mut().is_some() {
                    // A conditional branch pops only what it reads: the
                    // values it carries stay below the height after it,
                    // either way out. An unconditional one (or a table)
                    // carries values from the top of the stack before it.
                    return match op {
                        Op::Br { .. } | Op::BrTable { .. } => above(self, j),
                        _ => above(self, j + 1),
                    };
                }
                if op_write(op) == Some(t) {
                    return true;
                }
            }
        }
        above(self, end)
    }

    /// The operations of instruction `i` not dropped.
    fn live(&self, i: usize) -> Vec<usize> {
        (self.map[i] as usize..self.map[i + 1] as usize)
            .filter(|q| !self.removed[*q])
            .collect()
    }

    /// For instruction `i` whose last operation `q` put a local's copy or a
    /// constant in a temporary, the instruction that pops it, if the local
    /// keeps its value until then and nothing else can see the temporary:
    /// no label in between, no branch in between (it could carry the
    /// temporary to its target), no other read of it, no write to the
    /// local.
    fn consumer(&mut self, i: usize, q: usize) -> Option<usize> {
        let base = self.base;
        let (t, local) = match self.ops[q] {
            Op::Copy { dst, src } if src < base && dst >= base => (dst, Some(src)),
            Op::Const { dst, .. } if dst >= base => (dst, None),
            _ => return None,
        };
        // Instructions the temporary lives across, at most.
        const REACH: usize = 64;
        for j in i + 1..self.code.len().min(i + 1 + REACH) {
            if self.labels[j]
                || matches!(
                    self.code[j],
                    Instr::Br { .. }
                        | Instr::Return { .. }
                        | Instr::BrTable { .. }
                        | Instr::Unreachable
                        | Instr::BrOnNonNull { .. }
                )
            {
                return None;
            }
            // Popped, or replaced by the result of the operation reading it.
            let live = self.live(j);
            let in_place = live.first().is_some_and(|&q| {
                let first = &mut self.ops[q];
                first.dst_mut().is_some_and(|d| *d == t) && reads(first, t)
            });
            if self.heights.get(j + 1).is_some_and(|h| base + h <= t) || in_place {
                return Some(j);
            }
            // `local.tee` and `ref.test`-keeping forms read a temporary
            // without popping it; calls and stack instructions read what
            // they like.
            let touches = live.into_iter().any(|q| {
                let op = &mut self.ops[q];
                reads(op, t) || local.is_some_and(|l| op.dst_mut().is_some_and(|d| *d == l))
            });
            if instr_target(&self.code[j]).is_some() || touches {
                return None;
            }
        }
        None
    }

    /// Fuses the 32-bit addition at `add` into the memory access `mem`, the
    /// first of instruction `i`'s operations `live`, when the access (with
    /// offset 0) is all that reads its result. Whether `add` can go.
    fn fuse_address(&mut self, add: usize, mem: usize, live: &[usize], i: usize) -> bool {
        let (t, a, rhs) = match self.ops[add] {
            Op::AddRR { dst, a, b } => (dst, a, Rhs::Reg(b)),
            Op::AddRI { dst, a, imm } => (dst, a, Rhs::Imm(imm)),
            _ => return false,
        };
        let dead_after = self.dead_after(t, i);
        if t < self.base || live[1..].iter().any(|&q| reads(&mut self.ops[q], t)) {
            return false;
        }
        // The fused operation for the access's other fields.
        macro_rules! pick {
            ($rr:ident, $ri:ident, $field:ident) => {
                match rhs {
                    Rhs::Reg(b) => Op::$rr { a, b, $field },
                    Rhs::Imm(imm) => Op::$ri { a, imm, $field },
                }
            };
        }
        let load = |dst: Reg, addr: Reg| addr == t && (dst == t || dead_after);
        let store = |addr: Reg, value: Reg| addr == t && value != t && dead_after;
        let fused = match self.ops[mem] {
            Op::I32Load {
                dst,
                addr,
                offset: 0,
            } if load(dst, addr) => pick!(I32LoadRR, I32LoadRI, dst),
            Op::I64Load {
                dst,
                addr,
                offset: 0,
            } if load(dst, addr) => pick!(I64LoadRR, I64LoadRI, dst),
            Op::I32Load8U {
                dst,
                addr,
                offset: 0,
            } if load(dst, addr) => {
                pick!(I32Load8URR, I32Load8URI, dst)
            }
            Op::I32Store {
                addr,
                value,
                offset: 0,
            } if store(addr, value) => {
                pick!(I32StoreRR, I32StoreRI, value)
            }
            Op::I64Store {
                addr,
                value,
                offset: 0,
            } if store(addr, value) => {
                pick!(I64StoreRR, I64StoreRI, value)
            }
            Op::I32Store8 {
                addr,
                value,
                offset: 0,
            } if store(addr, value) => {
                pick!(I32Store8RR, I32Store8RI, value)
            }
            _ => return false,
        };
        self.ops[mem] = fused;
        true
    }

    /// Forwards the copy or constant at `p` into the first operation of
    /// instruction `c`, when that operation is the only one of `c` reading
    /// it. Whether `p` can go.
    fn forward(&mut self, p: usize, c: usize) -> bool {
        let live = self.live(c);
        let ops = &mut *self.ops;
        let (t, value) = match ops[p] {
            // Locals only: the operations skipped write temporaries alone.
            Op::Copy { dst, src } if src < self.base => (dst, Ok(src)),
            Op::Const { dst, imm } => (dst, Err(imm)),
            _ => return false,
        };
        let Some((&q0, rest)) = live.split_first() else {
            return false;
        };
        if t < self.base || rest.iter().any(|&q| reads(&mut ops[q], t)) {
            return false;
        }
        match value {
            Ok(x) => match ops[q0].sources_mut() {
                Some(srcs) => {
                    let mut any = false;
                    for r in srcs.into_iter().flatten() {
                        if *r == t {
                            *r = x;
                            any = true;
                        }
                    }
                    any
                }
                None => false,
            },
            Err(imm) => {
                // A constant address plus the offset, when it is in the
                // first 4 GiB.
                let abs = |offset: u32| u32::try_from(imm + offset as u64).ok();
                let next = match ops[q0] {
                    Op::Copy { dst, src } if src == t => Some(Op::Const { dst, imm }),
                    Op::I32Load { dst, addr, offset } if addr == t => {
                        abs(offset).map(|ea| Op::I32LoadAbs { dst, ea })
                    }
                    Op::I64Load { dst, addr, offset } if addr == t => {
                        abs(offset).map(|ea| Op::I64LoadAbs { dst, ea })
                    }
                    Op::I32Store {
                        addr,
                        value,
                        offset,
                    } if addr == t && value != t => {
                        abs(offset).map(|ea| Op::I32StoreAbs { ea, value })
                    }
                    Op::I64Store {
                        addr,
                        value,
                        offset,
                    } if addr == t && value != t => {
                        abs(offset).map(|ea| Op::I64StoreAbs { ea, value })
                    }
                    mut op => match op.sources_mut() {
                        Some([Some(a), Some(b)]) if *b == t && *a != t => op.with_imm(imm),
                        Some([Some(a), Some(b)]) if *a == t && *b != t => op.with_imm_first(imm),
                        _ => None,
                    },
                };
                match next {
                    Some(op) => {
                        ops[q0] = op;
                        true
                    }
                    None => false,
                }
            }
        }
    }
}

/// Drops the `removed` operations, renumbering branch targets and `map`.
fn compact(ops: &mut Vec<Op>, map: &mut [u32], removed: &[bool]) {
    // new[q]: the index of the first kept operation at or after `q`.
    let mut new = Vec::with_capacity(ops.len() + 1);
    let mut kept = 0u32;
    for gone in removed {
        new.push(kept);
        if !gone {
            kept += 1;
        }
    }
    new.push(kept);
    let mut q = 0;
    ops.retain(|_| {
        q += 1;
        !removed[q - 1]
    });
    for op in ops.iter_mut() {
        if let Some(t) = op.target_mut() {
            *t = new[*t as usize];
        }
    }
    for m in map.iter_mut() {
        *m = new[*m as usize];
    }
}

/// Whether an operation of `ops` (slot indices, absolute targets) may read
/// a declared local (slots `params..base`) on a path where nothing wrote it
/// yet: a forward "definitely written" analysis over the operations' flow.
/// True when unsure (stack instructions, very large functions).
fn reads_unset_locals(ops: &mut [Op], params: u32, base: u32) -> bool {
    const MAX_LOCALS: u32 = 256;
    const MAX_OPS: usize = 100_000;
    const MAX_PASSES: usize = 16;
    let locals = base - params;
    if locals == 0 {
        return false;
    }
    if locals > MAX_LOCALS || ops.len() > MAX_OPS {
        return true;
    }
    let local = |r: Reg| (params..base).contains(&r).then(|| (r - params) as usize);
    let words = (locals as usize).div_ceil(64);
    // For each operation, the locals written on every path to it (`None`:
    // not reached yet).
    let mut written: Vec<Option<Vec<u64>>> = vec![None; ops.len()];
    written[0] = Some(vec![0; words]);
    for _ in 0..MAX_PASSES {
        let mut changed = false;
        for i in 0..ops.len() {
            let Some(mut out) = written[i].clone() else {
                continue;
            };
            if let Some(w) = op_write(&mut ops[i]).and_then(local) {
                out[w / 64] |= 1 << (w % 64);
            }
            for next in successors(&mut ops[i], i) {
                let Some(slot) = written.get_mut(next) else {
                    continue;
                };
                match slot {
                    None => {
                        *slot = Some(out.clone());
                        changed = true;
                    }
                    Some(set) => {
                        for (a, b) in set.iter_mut().zip(&out) {
                            if *a & b != *a {
                                *a &= b;
                                changed = true;
                            }
                        }
                    }
                }
            }
        }
        if !changed {
            return ops.iter_mut().zip(&written).any(|(op, set)| {
                let Some(set) = set else {
                    return false;
                };
                match op_reads(op) {
                    Some(reads) => reads
                        .into_iter()
                        .filter_map(local)
                        .any(|l| set[l / 64] & (1 << (l % 64)) == 0),
                    None => true,
                }
            });
        }
    }
    true
}

/// The slots `op` reads (`None`: not known, as for stack instructions).
fn op_reads(op: &mut Op) -> Option<Vec<Reg>> {
    if let Some((_, srcs)) = op.fused_slots() {
        return Some(srcs);
    }
    if let Some(srcs) = op.sources_mut() {
        return Some(srcs.into_iter().flatten().map(|r| *r).collect());
    }
    match *op {
        Op::Select { a, b, cond } | Op::Select64 { a, b, cond } => Some(vec![a, b, cond]),
        Op::I32StoreRR { a, b, value }
        | Op::I64StoreRR { a, b, value }
        | Op::I32Store8RR { a, b, value } => Some(vec![a, b, value]),
        Op::Return1 { from } => Some(vec![from]),
        Op::Return { from, keep } | Op::Return64 { from, keep } => {
            Some((from..from + keep).collect())
        }
        // The arguments are on the operand stack, above the locals.
        Op::Call { .. } => Some(Vec::new()),
        _ => None,
    }
}

/// The one slot `op` surely writes, if any.
fn op_write(op: &mut Op) -> Option<Reg> {
    if let Some((dst, _)) = op.fused_slots() {
        return Some(dst);
    }
    op.dst_mut().map(|d| *d)
}

/// The operations that may run after operation `i` (absolute targets).
fn successors(op: &mut Op, i: usize) -> Vec<usize> {
    match *op {
        Op::Br { target } => vec![target as usize],
        Op::Return { .. } | Op::Return64 { .. } | Op::Return1 { .. } => Vec::new(),
        Op::BrTable { len, .. } => (i + 1..=i + 1 + len as usize).collect(),
        _ => match op.target_mut() {
            Some(t) => vec![i + 1, *t as usize],
            None => vec![i + 1],
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Config, Engine, Module};

    /// The register form of the only function of `wat` (offsets back in
    /// slots, for reading).
    fn lowered(wat: &str) -> Vec<Op> {
        let bytes = wat::parse_str(wat).expect("test module parses");
        let module = Module::new(&Engine::new(&Config::default()), &bytes).expect("validates");
        module.inner.bodies[0].ops.iter().map(|t| t.op).collect()
    }

    fn slot(n: u32) -> Reg {
        n * SLOT_BYTES
    }

    /// The register form of the only function of `wat` under
    /// [`Translation::Plain`].
    fn lowered_plain(wat: &str) -> Vec<Op> {
        let bytes = wat::parse_str(wat).expect("test module parses");
        let mut config = Config::default();
        config.translation(Translation::Plain);
        let module = Module::new(&Engine::new(&config), &bytes).expect("validates");
        module.inner.bodies[0].ops.iter().map(|t| t.op).collect()
    }

    #[test]
    fn plain_translation_is_one_operation_per_instruction() {
        // The counting loop of the test above: under `Plain`, every
        // instruction is its own operation on its own stack slots (locals
        // 0 and 1, operands from slot 2), with whole-slot copies, the
        // comparison and the branch apart, and the return in the general
        // loop.
        let ops = lowered_plain(
            "(module (memory 1) (func (param i32 i32)
               (loop
                 local.get 0 i32.const 1 i32.add local.tee 0
                 local.get 1 i32.lt_u br_if 0)
               i32.const 8 i32.load drop))",
        );
        let [o0, o1] = [slot(2), slot(3)];
        assert_eq!(
            ops,
            [
                Op::Copy { dst: o0, src: 0 },
                Op::Const128 { dst: o1, imm: 1 },
                Op::AddRR {
                    dst: o0,
                    a: o0,
                    b: o1
                },
                Op::Copy { dst: 0, src: o0 },
                Op::Copy {
                    dst: o1,
                    src: slot(1)
                },
                Op::LtURR {
                    dst: o0,
                    a: o0,
                    b: o1
                },
                Op::BrNez {
                    cond: o0,
                    target: -7i32 as u32
                },
                Op::Const128 { dst: o0, imm: 8 },
                Op::Legacy { instr: 8, sp: 3 },
                Op::Cold { instr: 10, sp: 2 },
            ]
        );
    }

    #[test]
    fn a_counting_loop_is_one_add_compare_and_branch() {
        // local.tee of the increment, compared with a local: no copies, and
        // the addition fused with the comparison and branch.
        let ops = lowered(
            "(module (func (param i32 i32)
               (loop
                 local.get 0 i32.const 1 i32.add local.tee 0
                 local.get 1 i32.lt_u br_if 0)))",
        );
        assert_eq!(
            ops,
            [
                Op::AddBrLtURR {
                    x: slot(0) as u16,
                    inc: 1,
                    b: slot(1),
                    target: -1i32 as u32
                },
                Op::Return64 {
                    from: slot(2),
                    keep: 0
                },
            ]
        );
    }

    #[test]
    fn constants_and_address_additions_fold_into_accesses() {
        // *(a + b) = 1; local 2 = *(a + 8): the stored constant becomes an
        // immediate (the constant, not the addition, precedes the store),
        // the load takes its addition and writes the local itself.
        let ops = lowered(
            "(module (memory 1) (func (param i32 i32) (local i64)
               local.get 0 local.get 1 i32.add i64.const 1 i64.store
               local.get 0 i32.const 8 i32.add i64.load local.set 2))",
        );
        assert_eq!(
            ops,
            [
                Op::AddRR {
                    dst: slot(3),
                    a: slot(0),
                    b: slot(1)
                },
                Op::I64StoreImm {
                    addr: slot(3),
                    imm: 1,
                    offset: 0
                },
                Op::I64LoadRI {
                    dst: slot(2),
                    a: slot(0),
                    imm: 8
                },
                Op::Return64 {
                    from: slot(3),
                    keep: 0
                },
            ]
        );
    }

    #[test]
    fn a_branch_that_keeps_its_operand_keeps_the_copy() {
        // br_on_non_null leaves the reference for its target: the copy of
        // the local into the operand slot must stay.
        let ops = lowered(
            "(module (func (param funcref) (result funcref)
               (block (result funcref) local.get 0 br_on_non_null 0 ref.null func)))",
        );
        assert!(
            matches!(ops[0], Op::Copy { dst, src } if dst == slot(1) && src == slot(0)),
            "{ops:?}"
        );
    }

    #[test]
    fn a_float_result_read_once_fuses_with_its_reader() {
        // (a * b) + c, then c - (a * b): each pair is one operation that
        // keeps the order of the operands.
        let ops = lowered(
            "(module (func (param f64 f64 f64) (result f64)
               local.get 0 local.get 1 f64.mul local.get 2 f64.add
               local.get 2 local.get 0 local.get 1 f64.mul f64.sub
               f64.div))",
        );
        let s = |n: u32| slot(n) as u16;
        assert_eq!(
            ops[..2],
            [
                Op::F64MulAddL {
                    dst: s(3),
                    a: s(0),
                    b: s(1),
                    c: s(2)
                },
                Op::F64MulSubR {
                    dst: s(4),
                    a: s(0),
                    b: s(1),
                    c: s(2)
                },
            ],
            "{ops:?}"
        );
    }

    /// Whether the only function of `wat` may read a local before setting
    /// it, as the lowering decides.
    fn reads_unset(wat: &str) -> bool {
        let bytes = wat::parse_str(wat).expect("test module parses");
        let module = Module::new(&Engine::new(&Config::default()), &bytes).expect("validates");
        module.inner.bodies[0].zeroed_locals > 0
    }

    #[test]
    fn locals_are_zeroed_unless_every_path_sets_them_first() {
        assert!(reads_unset("(module (func (local i32) local.get 0 drop))"));
        assert!(!reads_unset(
            "(module (func (param i32) (result i32) (local i32)
               (local.set 1 (i32.const 5)) (local.get 1)))"
        ));
        // Set on one branch only.
        assert!(reads_unset(
            "(module (func (param i32) (result i32) (local i32)
               (if (local.get 0) (then (local.set 1 (i32.const 1))))
               (local.get 1)))"
        ));
        // Read at the top of a loop that sets it later.
        assert!(reads_unset(
            "(module (func (param i32) (local i32)
               (loop (br_if 0 (i32.eq (local.get 1) (local.get 0)))
                 (local.set 1 (i32.const 1)))))"
        ));
        // Set on both branches.
        assert!(!reads_unset(
            "(module (func (param i32) (result i32) (local i32)
               (if (local.get 0) (then (local.set 1 (i32.const 1)))
                 (else (local.set 1 (i32.const 2))))
               (local.get 1)))"
        ));
    }

    #[test]
    fn a_returned_result_is_computed_in_the_result_slot() {
        let ops = lowered(
            "(module (func (param i32 i32) (result i32)
               local.get 0 local.get 1 i32.add))",
        );
        assert_eq!(
            ops,
            [
                Op::AddRR {
                    dst: slot(0),
                    a: slot(0),
                    b: slot(1)
                },
                Op::Return1 { from: slot(0) },
            ]
        );
    }

    #[test]
    fn an_unrolled_dot_product_step_is_one_operation() {
        // sum = p + ((a * b) + sum), as compilers unroll a reduction.
        let ops = lowered(
            "(module (func (param f64 f64 f64 f64) (result f64)
               local.get 3
               local.get 0 local.get 1 f64.mul local.get 2 f64.add
               f64.add local.set 2 local.get 2))",
        );
        let s = |n: u32| slot(n) as u16;
        assert_eq!(
            ops[0],
            Op::F64MulAddAddR {
                dst: s(2),
                a: s(0),
                b: s(1),
                c: s(2),
                d: s(3)
            },
            "{ops:?}"
        );
    }

    #[test]
    fn a_product_added_into_a_teed_local_is_one_operation() {
        // The tee stores the sum in local 2 and leaves it on the stack for
        // the store; the product's slot is dead once the sum is in the
        // local, so the two operations fuse.
        let ops = lowered(
            "(module (memory 1) (func (param f64 f64 f64)
               i32.const 8
               local.get 0 local.get 1 f64.mul local.get 2 f64.add local.tee 2
               f64.store))",
        );
        assert!(
            matches!(ops[0], Op::F64MulAddL { dst, .. } if dst == slot(2) as u16),
            "{ops:?}"
        );
    }

    #[test]
    fn a_dot_product_step_fuses_before_the_loop_branch() {
        // The same step in a counting loop: the branch that ends the loop
        // reads only its operands (two stack values, as in matmul: the
        // bound first), so the product's slot is dead there.
        let ops = lowered(
            "(module (func (param f64 f64 f64 f64 i32 i32) (result f64)
               (loop
                 local.get 3
                 local.get 0 local.get 1 f64.mul local.get 2 f64.add
                 f64.add local.set 2
                 (br_if 0 (i32.gt_u
                   (local.get 5)
                   (local.tee 4 (i32.add (local.get 4) (i32.const 1))))))
               local.get 2))",
        );
        assert!(matches!(ops[0], Op::F64MulAddAddR { .. }), "{ops:?}");
    }
}
