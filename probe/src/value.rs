//! Values as every runtime can show them, what a script expects of them,
//! and the one matcher between the two. The in-process reference driver and
//! the probes of external runtimes both judge results here, so a NaN, a
//! v128 lane or a reference class is decided the same way for everyone.
//! Shaped after wasmtime's `crates/wast` (`core.rs`, `match_val`).

use serde::{Deserialize, Serialize};

/// The top of a reference type's hierarchy: what a null is a null of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum RefTop {
    /// `func`, `nofunc` and concrete function types.
    Func,
    /// `extern`, `noextern`.
    Extern,
    /// `any`, `eq`, `i31`, `struct`, `array`, `none` and concrete GC types.
    Any,
    /// `exn`, `noexn`.
    Exn,
}

impl RefTop {
    /// The name in transcripts.
    pub fn as_str(self) -> &'static str {
        match self {
            RefTop::Func => "func",
            RefTop::Extern => "extern",
            RefTop::Any => "any",
            RefTop::Exn => "exn",
        }
    }

    fn parse(text: &str) -> Option<RefTop> {
        Some(match text {
            "func" => RefTop::Func,
            "extern" => RefTop::Extern,
            "any" => RefTop::Any,
            "exn" => RefTop::Exn,
            _ => return None,
        })
    }
}

/// The hierarchy of an abstract heap type, as wasmparser reads it; `None`
/// for continuations, which no driver here prints.
pub fn abstract_top(ty: wasmparser::AbstractHeapType) -> Option<RefTop> {
    use wasmparser::AbstractHeapType as A;
    Some(match ty {
        A::Func | A::NoFunc => RefTop::Func,
        A::Extern | A::NoExtern => RefTop::Extern,
        A::Any | A::Eq | A::I31 | A::Struct | A::Array | A::None => RefTop::Any,
        A::Exn | A::NoExn => RefTop::Exn,
        A::Cont | A::NoCont => return None,
    })
}

/// A value passed to a call: what a script writes as an argument.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Value {
    /// `i32.const`, as bits.
    I32(u32),
    /// `i64.const`, as bits.
    I64(u64),
    /// `f32.const`, as bits.
    F32(u32),
    /// `f64.const`, as bits.
    F64(u64),
    /// `v128.const`, little-endian lanes.
    V128(u128),
    /// `ref.null`; `None` for a concrete heap type whose top the script
    /// does not say.
    RefNull(Option<RefTop>),
    /// `ref.extern N`: a host reference the embedder made.
    RefExtern(u32),
    /// `ref.host N`: a host reference seen from the `any` hierarchy.
    RefHost(u32),
}

impl Value {
    /// Whether passing this value needs a host reference, which a probe
    /// can only build with GC (`extern.convert_any` of an `i31`).
    pub fn needs_host_ref(&self) -> bool {
        matches!(self, Value::RefExtern(_) | Value::RefHost(_))
    }
}

/// A float pattern: exact bits, or a class of NaNs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum FloatPattern<T> {
    /// These bits exactly.
    Bits(T),
    /// `nan:canonical`: sign free, quiet bit set, the rest of the payload zero.
    CanonicalNan,
    /// `nan:arithmetic`: sign and payload free, quiet bit set.
    ArithmeticNan,
}

/// A v128 result pattern, per lane shape.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum V128Pattern {
    /// Sixteen 8-bit lanes.
    I8x16([u8; 16]),
    /// Eight 16-bit lanes.
    I16x8([u16; 8]),
    /// Four 32-bit lanes.
    I32x4([u32; 4]),
    /// Two 64-bit lanes.
    I64x2([u64; 2]),
    /// Four f32 lanes, each a pattern.
    F32x4([FloatPattern<u32>; 4]),
    /// Two f64 lanes, each a pattern.
    F64x2([FloatPattern<u64>; 2]),
}

/// What a script expects of one result.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Expected {
    /// These bits.
    I32(u32),
    /// These bits.
    I64(u64),
    /// A float pattern.
    F32(FloatPattern<u32>),
    /// A float pattern.
    F64(FloatPattern<u64>),
    /// Per-lane patterns.
    V128(V128Pattern),
    /// A null; `None` matches a null of any hierarchy.
    RefNull(Option<RefTop>),
    /// Any non-null function reference.
    RefFunc,
    /// A non-null extern reference: `Some(n)` the host's `n`, `None` any.
    RefExtern(Option<u32>),
    /// The host reference `n`, seen from `any` or `extern`.
    RefHost(u32),
    /// Any non-null reference of the `any` hierarchy.
    RefAny,
    /// A non-null `eq` reference (i31, struct or array).
    RefEq,
    /// A non-null `i31`.
    RefI31,
    /// A non-null struct.
    RefStruct,
    /// A non-null array.
    RefArray,
    /// A non-null `exnref`.
    RefExn,
    /// Any one of these.
    Either(Vec<Expected>),
}

impl Expected {
    /// Whether judging this needs to see host references' identity.
    pub fn needs_host_ref(&self) -> bool {
        match self {
            Expected::RefExtern(Some(_)) | Expected::RefHost(_) => true,
            Expected::Either(options) => options.iter().any(Expected::needs_host_ref),
            _ => false,
        }
    }
}

/// A non-null reference, by what can be told of it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RefClass {
    /// A function.
    Func,
    /// A host reference `n` (from `ref.extern n`), seen as `externref`.
    Extern(u32),
    /// An extern reference whose identity could not be read.
    ExternOpaque,
    /// A host reference `n` seen from the `any` hierarchy (`any.convert_extern`).
    Host(u32),
    /// An `i31` with this unsigned value.
    I31(u32),
    /// A struct.
    Struct,
    /// An array.
    Array,
    /// Of the `any` hierarchy, class unknown.
    Any,
    /// An exception.
    Exn,
}

/// A result as a runtime showed it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Observed {
    /// Bits.
    I32(u32),
    /// Bits.
    I64(u64),
    /// Bits.
    F32(u32),
    /// Bits.
    F64(u64),
    /// Little-endian lanes.
    V128(u128),
    /// A null of this hierarchy.
    Null(RefTop),
    /// A non-null reference.
    Ref(RefClass),
}

/// Whether `actual` is what `expected` allows.
pub fn matches(actual: &Observed, expected: &Expected) -> bool {
    use Observed as O;
    match (actual, expected) {
        (_, Expected::Either(options)) => options.iter().any(|e| matches(actual, e)),
        (O::I32(a), Expected::I32(e)) => a == e,
        (O::I64(a), Expected::I64(e)) => a == e,
        (O::F32(a), Expected::F32(e)) => match_f32(*a, e),
        (O::F64(a), Expected::F64(e)) => match_f64(*a, e),
        (O::V128(a), Expected::V128(e)) => match_v128(*a, e),
        (O::Null(top), Expected::RefNull(want)) => match (top, want) {
            (_, None) => true,
            // A concrete heap type's null is of the func or any hierarchy.
            (RefTop::Func | RefTop::Any, Some(RefTop::Func | RefTop::Any)) => true,
            (top, Some(want)) => top == want,
        },
        (O::Ref(class), expected) => match_ref(*class, expected),
        _ => false,
    }
}

fn match_ref(class: RefClass, expected: &Expected) -> bool {
    use RefClass as C;
    match (class, expected) {
        (C::Func, Expected::RefFunc) => true,
        (C::Extern(_) | C::ExternOpaque, Expected::RefExtern(None)) => true,
        (C::Extern(a), Expected::RefExtern(Some(e))) => a == *e,
        (C::Extern(a) | C::Host(a), Expected::RefHost(e)) => a == *e,
        (C::Host(_) | C::I31(_) | C::Struct | C::Array | C::Any, Expected::RefAny) => true,
        (C::I31(_) | C::Struct | C::Array, Expected::RefEq) => true,
        (C::I31(_), Expected::RefI31) => true,
        (C::Struct, Expected::RefStruct) => true,
        (C::Array, Expected::RefArray) => true,
        (C::Exn, Expected::RefExn) => true,
        _ => false,
    }
}

/// Whether f32 `bits` fit `pattern`.
pub fn match_f32(bits: u32, pattern: &FloatPattern<u32>) -> bool {
    match pattern {
        FloatPattern::CanonicalNan => bits & 0x7fff_ffff == 0x7fc0_0000,
        FloatPattern::ArithmeticNan => bits & 0x7fc0_0000 == 0x7fc0_0000,
        FloatPattern::Bits(v) => bits == *v,
    }
}

/// Whether f64 `bits` fit `pattern`.
pub fn match_f64(bits: u64, pattern: &FloatPattern<u64>) -> bool {
    match pattern {
        FloatPattern::CanonicalNan => bits & 0x7fff_ffff_ffff_ffff == 0x7ff8_0000_0000_0000,
        FloatPattern::ArithmeticNan => bits & 0x7ff8_0000_0000_0000 == 0x7ff8_0000_0000_0000,
        FloatPattern::Bits(v) => bits == *v,
    }
}

fn match_v128(actual: u128, expected: &V128Pattern) -> bool {
    let bytes = actual.to_le_bytes();
    let lane = |i: usize, n: usize| -> u64 {
        let mut buf = [0u8; 8];
        buf[..n].copy_from_slice(&bytes[i * n..i * n + n]);
        u64::from_le_bytes(buf)
    };
    match expected {
        V128Pattern::I8x16(e) => e.iter().enumerate().all(|(i, v)| lane(i, 1) == *v as u64),
        V128Pattern::I16x8(e) => e.iter().enumerate().all(|(i, v)| lane(i, 2) == *v as u64),
        V128Pattern::I32x4(e) => e.iter().enumerate().all(|(i, v)| lane(i, 4) == *v as u64),
        V128Pattern::I64x2(e) => e.iter().enumerate().all(|(i, v)| lane(i, 8) == *v),
        V128Pattern::F32x4(e) => e
            .iter()
            .enumerate()
            .all(|(i, p)| match_f32(lane(i, 4) as u32, p)),
        V128Pattern::F64x2(e) => e.iter().enumerate().all(|(i, p)| match_f64(lane(i, 8), p)),
    }
}

impl std::fmt::Display for Observed {
    /// The canonical transcript token: `i32:0000002a`, `f64:7ff8000000000000`,
    /// `v128:<32 hex digits, most significant first>`, `null:func`,
    /// `ref:func`, `ref:extern:7`, `ref:i31:5`, ...
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Observed::I32(v) => write!(f, "i32:{v:08x}"),
            Observed::I64(v) => write!(f, "i64:{v:016x}"),
            Observed::F32(v) => write!(f, "f32:{v:08x}"),
            Observed::F64(v) => write!(f, "f64:{v:016x}"),
            Observed::V128(v) => write!(f, "v128:{v:032x}"),
            Observed::Null(top) => write!(f, "null:{}", top.as_str()),
            Observed::Ref(class) => match class {
                RefClass::Func => f.write_str("ref:func"),
                RefClass::Extern(n) => write!(f, "ref:extern:{n}"),
                RefClass::ExternOpaque => f.write_str("ref:extern"),
                RefClass::Host(n) => write!(f, "ref:host:{n}"),
                RefClass::I31(n) => write!(f, "ref:i31:{n}"),
                RefClass::Struct => f.write_str("ref:struct"),
                RefClass::Array => f.write_str("ref:array"),
                RefClass::Any => f.write_str("ref:any"),
                RefClass::Exn => f.write_str("ref:exn"),
            },
        }
    }
}

impl std::str::FromStr for Observed {
    type Err = String;

    /// The inverse of `Display`.
    fn from_str(token: &str) -> Result<Observed, String> {
        let bad = || format!("not a result token: {token:?}");
        let (head, rest) = token.split_once(':').ok_or_else(bad)?;
        let hex32 = |s: &str| u32::from_str_radix(s, 16).map_err(|_| bad());
        let hex64 = |s: &str| u64::from_str_radix(s, 16).map_err(|_| bad());
        let dec = |s: &str| s.parse::<u32>().map_err(|_| bad());
        Ok(match head {
            "i32" => Observed::I32(hex32(rest)?),
            "i64" => Observed::I64(hex64(rest)?),
            "f32" => Observed::F32(hex32(rest)?),
            "f64" => Observed::F64(hex64(rest)?),
            "v128" => Observed::V128(u128::from_str_radix(rest, 16).map_err(|_| bad())?),
            "null" => Observed::Null(RefTop::parse(rest).ok_or_else(bad)?),
            "ref" => Observed::Ref(match rest.split_once(':') {
                None => match rest {
                    "func" => RefClass::Func,
                    "extern" => RefClass::ExternOpaque,
                    "struct" => RefClass::Struct,
                    "array" => RefClass::Array,
                    "any" => RefClass::Any,
                    "exn" => RefClass::Exn,
                    _ => return Err(bad()),
                },
                Some(("extern", n)) => RefClass::Extern(dec(n)?),
                Some(("host", n)) => RefClass::Host(dec(n)?),
                Some(("i31", n)) => RefClass::I31(dec(n)?),
                Some(_) => return Err(bad()),
            }),
            _ => return Err(bad()),
        })
    }
}

impl std::fmt::Display for Expected {
    /// The pattern in transcript words: `i32:0000002a`, `f32:nan:canonical`,
    /// `v128:i32x4[1 2 3 4]`, `ref:func`, `either(i32:00000000 | i32:00000001)`.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        fn float<T: std::fmt::LowerHex>(
            f: &mut std::fmt::Formatter<'_>,
            p: &FloatPattern<T>,
            width: usize,
        ) -> std::fmt::Result {
            match p {
                FloatPattern::Bits(v) => write!(f, "{v:0width$x}"),
                FloatPattern::CanonicalNan => f.write_str("nan:canonical"),
                FloatPattern::ArithmeticNan => f.write_str("nan:arithmetic"),
            }
        }
        match self {
            Expected::I32(v) => write!(f, "i32:{v:08x}"),
            Expected::I64(v) => write!(f, "i64:{v:016x}"),
            Expected::F32(p) => {
                f.write_str("f32:")?;
                float(f, p, 8)
            }
            Expected::F64(p) => {
                f.write_str("f64:")?;
                float(f, p, 16)
            }
            Expected::V128(p) => write!(f, "v128:{p:?}"),
            Expected::RefNull(None) => f.write_str("null"),
            Expected::RefNull(Some(top)) => write!(f, "null:{}", top.as_str()),
            Expected::RefFunc => f.write_str("ref:func"),
            Expected::RefExtern(None) => f.write_str("ref:extern"),
            Expected::RefExtern(Some(n)) => write!(f, "ref:extern:{n}"),
            Expected::RefHost(n) => write!(f, "ref:host:{n}"),
            Expected::RefAny => f.write_str("ref:any"),
            Expected::RefEq => f.write_str("ref:eq"),
            Expected::RefI31 => f.write_str("ref:i31"),
            Expected::RefStruct => f.write_str("ref:struct"),
            Expected::RefArray => f.write_str("ref:array"),
            Expected::RefExn => f.write_str("ref:exn"),
            Expected::Either(options) => {
                f.write_str("either(")?;
                for (i, o) in options.iter().enumerate() {
                    if i > 0 {
                        f.write_str(" | ")?;
                    }
                    write!(f, "{o}")?;
                }
                f.write_str(")")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nan_patterns_compare_bits() {
        assert!(match_f32(0x7fc0_0000, &FloatPattern::CanonicalNan));
        assert!(match_f32(0xffc0_0000, &FloatPattern::CanonicalNan));
        assert!(!match_f32(0x7fc0_0001, &FloatPattern::CanonicalNan));
        assert!(match_f32(0x7fc0_0001, &FloatPattern::ArithmeticNan));
        assert!(!match_f32(0x7fa0_0000, &FloatPattern::ArithmeticNan));
        assert!(match_f64(
            0xfff8_0000_0000_0000,
            &FloatPattern::CanonicalNan
        ));
        assert!(!match_f64(
            0x7ff4_0000_0000_0000,
            &FloatPattern::ArithmeticNan
        ));
        assert!(match_f32(0x3f80_0000, &FloatPattern::Bits(0x3f80_0000)));
    }

    #[test]
    fn v128_lanes_and_either() {
        let v = u128::from_le_bytes([1, 0, 0, 0, 2, 0, 0, 0, 3, 0, 0, 0, 0, 0, 0xc0, 0x7f]);
        let lanes = Expected::V128(V128Pattern::I32x4([1, 2, 3, 0x7fc0_0000]));
        assert!(matches(&Observed::V128(v), &lanes));
        let floats = Expected::V128(V128Pattern::F32x4([
            FloatPattern::Bits(1),
            FloatPattern::Bits(2),
            FloatPattern::Bits(3),
            FloatPattern::CanonicalNan,
        ]));
        assert!(matches(&Observed::V128(v), &floats));
        let either = Expected::Either(vec![Expected::I32(1), Expected::I32(0)]);
        assert!(matches(&Observed::I32(0), &either));
        assert!(!matches(&Observed::I32(2), &either));
    }

    #[test]
    fn reference_classes() {
        let null_func = Observed::Null(RefTop::Func);
        assert!(matches(&null_func, &Expected::RefNull(None)));
        assert!(matches(&null_func, &Expected::RefNull(Some(RefTop::Func))));
        assert!(!matches(
            &null_func,
            &Expected::RefNull(Some(RefTop::Extern))
        ));
        assert!(!matches(&null_func, &Expected::RefFunc));
        let i31 = Observed::Ref(RefClass::I31(5));
        for e in [Expected::RefI31, Expected::RefEq, Expected::RefAny] {
            assert!(matches(&i31, &e), "{e:?}");
        }
        assert!(!matches(&i31, &Expected::RefStruct));
        let ext = Observed::Ref(RefClass::Extern(3));
        assert!(matches(&ext, &Expected::RefExtern(Some(3))));
        assert!(!matches(&ext, &Expected::RefExtern(Some(4))));
        assert!(matches(&ext, &Expected::RefHost(3)));
        assert!(!matches(
            &Observed::Ref(RefClass::ExternOpaque),
            &Expected::RefExtern(Some(3))
        ));
    }

    #[test]
    fn tokens_round_trip() {
        let values = [
            Observed::I32(42),
            Observed::I64(u64::MAX),
            Observed::F32(0x7fc0_0000),
            Observed::F64(1),
            Observed::V128(0x0102_0304_0506_0708_090a_0b0c_0d0e_0f10),
            Observed::Null(RefTop::Extern),
            Observed::Ref(RefClass::Func),
            Observed::Ref(RefClass::Extern(7)),
            Observed::Ref(RefClass::ExternOpaque),
            Observed::Ref(RefClass::Host(1)),
            Observed::Ref(RefClass::I31(9)),
            Observed::Ref(RefClass::Array),
        ];
        for v in values {
            let token = v.to_string();
            assert_eq!(token.parse::<Observed>(), Ok(v), "{token}");
        }
        assert_eq!(Observed::I32(42).to_string(), "i32:0000002a");
        assert!("i32:xyz".parse::<Observed>().is_err());
        assert!("u8:1".parse::<Observed>().is_err());
    }
}
