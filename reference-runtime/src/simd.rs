//! SIMD (`v128`) execution, kept apart so the vector instructions can be
//! filled in without touching the scalar executor. Values are 128-bit
//! slots (little-endian lanes); `v128.const` is already handled by the
//! translator through the function's constant pool.
//!
//! To add an instruction: add a [`SimdOp`] variant (keep it at most 12
//! bytes: put wide immediates such as shuffle lanes in `consts`), map the
//! wasmparser operator in [`translate`], and execute it in [`execute`].

use crate::error::{Error, TrapKind};
use crate::value::Slot;
use wasmparser::Operator;

/// A SIMD instruction of the internal IR.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[allow(clippy::enum_variant_names)]
pub(crate) enum SimdOp {
    V128Not,
    V128And,
    V128AndNot,
    V128Or,
    V128Xor,
    V128AnyTrue,
}

/// Maps a SIMD operator to its IR form; `Ok(None)` for operators that are
/// not (yet) SIMD instructions of this interpreter.
pub(crate) fn translate(
    op: &Operator<'_>,
    _consts: &mut Vec<u128>,
) -> Result<Option<SimdOp>, Error> {
    Ok(Some(match op {
        Operator::V128Not => SimdOp::V128Not,
        Operator::V128And => SimdOp::V128And,
        Operator::V128AndNot => SimdOp::V128AndNot,
        Operator::V128Or => SimdOp::V128Or,
        Operator::V128Xor => SimdOp::V128Xor,
        Operator::V128AnyTrue => SimdOp::V128AnyTrue,
        _ => return Ok(None),
    }))
}

/// Executes one SIMD instruction on the operand stack `stack[..*sp]`.
pub(crate) fn execute(op: SimdOp, stack: &mut [Slot], sp: &mut usize) -> Result<(), TrapKind> {
    let top = *sp - 1;
    match op {
        SimdOp::V128Not => stack[top] = !stack[top],
        SimdOp::V128AnyTrue => stack[top] = (stack[top] != 0) as Slot,
        SimdOp::V128And | SimdOp::V128AndNot | SimdOp::V128Or | SimdOp::V128Xor => {
            let b = stack[top];
            let a = stack[top - 1];
            stack[top - 1] = match op {
                SimdOp::V128And => a & b,
                SimdOp::V128AndNot => a & !b,
                SimdOp::V128Or => a | b,
                _ => a ^ b,
            };
            *sp -= 1;
        }
    }
    Ok(())
}
