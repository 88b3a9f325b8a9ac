//! The classes of traps: what a runtime's message says happened, and
//! whether that is the trap a script expects. One table serves the
//! adapters (classifying a runtime's stderr) and the assertion matcher
//! (classifying the script's expected message), so both sides of a
//! comparison use the same words.

use serde::{Deserialize, Serialize};

/// The spec's trap kinds, as far as a runtime's output lets us tell them apart.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum TrapKind {
    /// `unreachable` executed.
    Unreachable,
    /// Linear memory accessed out of bounds.
    MemoryOutOfBounds,
    /// Table accessed out of bounds.
    TableOutOfBounds,
    /// `call_indirect` through a null or uninitialized element.
    UninitializedElement,
    /// `call_indirect` with the wrong signature.
    IndirectCallTypeMismatch,
    /// `call_indirect` through a null element or with the wrong signature:
    /// the runtime's message (V8's) does not tell which.
    IndirectCallFailed,
    /// Integer division or remainder by zero.
    IntegerDivideByZero,
    /// Integer overflow (`INT_MIN / -1`, float-to-int out of range).
    IntegerOverflow,
    /// NaN converted to an integer.
    InvalidConversionToInteger,
    /// A float-to-integer conversion failed, NaN or out of range: the
    /// runtime's message (V8's) does not tell which.
    UnrepresentableConversion,
    /// A null reference was dereferenced.
    NullReference,
    /// The call stack was exhausted.
    StackExhausted,
    /// The instruction budget ran out.
    OutOfFuel,
    /// A GC array accessed out of bounds.
    ArrayOutOfBounds,
    /// `ref.cast` (or `br_on_cast`'s check) of a reference of another type.
    CastFailure,
    /// A Wasm exception was thrown and nothing caught it.
    UncaughtException,
    /// An allocation (a GC array) larger than the runtime will make.
    AllocationTooLarge,
    /// A host function failed (for WASI: a bad guest pointer, say).
    Host,
    /// A trap whose kind the runtime's message did not reveal.
    Unknown,
}

impl TrapKind {
    /// Guess the kind from a runtime's trap message (spec wording, and the
    /// wording of the common engines).
    pub fn from_message(message: &str) -> TrapKind {
        let m = message.to_ascii_lowercase();
        const TABLE: &[(&str, TrapKind)] = &[
            ("unreachable", TrapKind::Unreachable),
            ("out of bounds memory", TrapKind::MemoryOutOfBounds),
            ("memory access out of bounds", TrapKind::MemoryOutOfBounds),
            ("memory out of bounds", TrapKind::MemoryOutOfBounds),
            ("undefined element", TrapKind::TableOutOfBounds),
            // V8: an active data segment that does not fit.
            ("data segment is out of bounds", TrapKind::MemoryOutOfBounds),
            ("out of bounds table", TrapKind::TableOutOfBounds),
            ("table out of bounds", TrapKind::TableOutOfBounds),
            // V8 (call_indirect, table.get, an element segment).
            ("table index is out of bounds", TrapKind::TableOutOfBounds),
            // wazero, for an index past the end and for a null entry alike.
            ("invalid table access", TrapKind::TableOutOfBounds),
            ("out of bounds array access", TrapKind::ArrayOutOfBounds),
            ("array out of bounds", TrapKind::ArrayOutOfBounds),
            ("uninitialized element", TrapKind::UninitializedElement),
            (
                "indirect call type mismatch",
                TrapKind::IndirectCallTypeMismatch,
            ),
            // V8, for a null entry and a wrong signature alike.
            (
                "null function or function signature mismatch",
                TrapKind::IndirectCallFailed,
            ),
            ("signature mismatch", TrapKind::IndirectCallTypeMismatch),
            // V8: `table.init` or an active segment past the table's end.
            ("element segment out of bounds", TrapKind::TableOutOfBounds),
            ("divide by zero", TrapKind::IntegerDivideByZero),
            ("division by zero", TrapKind::IntegerDivideByZero),
            // V8: `rem` by zero.
            ("remainder by zero", TrapKind::IntegerDivideByZero),
            ("integer overflow", TrapKind::IntegerOverflow),
            // V8: `INT_MIN / -1`.
            ("divide result unrepresentable", TrapKind::IntegerOverflow),
            // V8 says this for a NaN and for a float out of range alike.
            (
                "float unrepresentable in integer range",
                TrapKind::UnrepresentableConversion,
            ),
            ("invalid conversion", TrapKind::InvalidConversionToInteger),
            ("cast failure", TrapKind::CastFailure),
            ("uncaught exception", TrapKind::UncaughtException),
            // wasmtime.
            ("thrown wasm exception", TrapKind::UncaughtException),
            ("allocation too large", TrapKind::AllocationTooLarge),
            ("null", TrapKind::NullReference),
            ("stack exhausted", TrapKind::StackExhausted),
            ("stack overflow", TrapKind::StackExhausted),
            ("maximum call stack", TrapKind::StackExhausted),
            ("fuel", TrapKind::OutOfFuel),
        ];
        TABLE
            .iter()
            .find(|(needle, _)| m.contains(needle))
            .map_or(TrapKind::Unknown, |(_, kind)| *kind)
    }
}

/// Whether a trap of class `observed` is the one a script expects by
/// `message`. Old and new scripts name the `call_indirect` cases
/// differently ("undefined element", "uninitialized element"), and
/// engines report either wording for either case, so those two classes
/// stand for each other. A message that does not tell two classes apart
/// (V8's for conversions and for `call_indirect`) matches either.
pub fn trap_matches(observed: TrapKind, message: &str) -> bool {
    let expected = TrapKind::from_message(message);
    let element = |k: TrapKind| {
        matches!(
            k,
            TrapKind::TableOutOfBounds | TrapKind::UninitializedElement
        )
    };
    let exhaustion = |k: TrapKind| matches!(k, TrapKind::StackExhausted | TrapKind::OutOfFuel);
    let conversion = observed == TrapKind::UnrepresentableConversion
        && matches!(
            expected,
            TrapKind::IntegerOverflow | TrapKind::InvalidConversionToInteger
        );
    let indirect = observed == TrapKind::IndirectCallFailed
        && (element(expected) || expected == TrapKind::IndirectCallTypeMismatch);
    observed == expected
        || conversion
        || indirect
        || (element(observed) && element(expected))
        || (exhaustion(observed) && exhaustion(expected))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v8_conversion_trap_matches_nan_and_overflow_but_not_division() {
        let v8 = TrapKind::from_message("wasm trap: float unrepresentable in integer range");
        assert!(trap_matches(v8, "invalid conversion to integer"));
        assert!(trap_matches(v8, "integer overflow"));
        assert!(!trap_matches(v8, "integer divide by zero"));
    }

    #[test]
    fn v8_call_indirect_trap_matches_null_and_signature_but_not_memory() {
        let v8 = TrapKind::from_message("null function or function signature mismatch");
        assert!(trap_matches(v8, "uninitialized element 2"));
        assert!(trap_matches(v8, "indirect call type mismatch"));
        assert!(!trap_matches(v8, "out of bounds memory access"));
        let rem = TrapKind::from_message("wasm trap: remainder by zero");
        assert!(trap_matches(rem, "integer divide by zero"));
    }

    #[test]
    fn expected_messages_match_their_class() {
        assert!(trap_matches(
            TrapKind::IntegerDivideByZero,
            "integer divide by zero"
        ));
        assert!(trap_matches(
            TrapKind::UninitializedElement,
            "undefined element"
        ));
        assert!(trap_matches(
            TrapKind::TableOutOfBounds,
            "uninitialized element 2"
        ));
        assert!(trap_matches(
            TrapKind::NullReference,
            "null function reference"
        ));
        assert!(!trap_matches(TrapKind::Unreachable, "integer overflow"));
        assert!(!trap_matches(TrapKind::Unknown, "unreachable"));
    }
}
