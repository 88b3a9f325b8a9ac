//! Numeric semantics the executor needs beyond Rust's operators: Wasm's
//! float min/max, trapping and saturating float-to-int conversions, and
//! trapping integer division.

use crate::error::TrapKind;

/// Quiets a NaN result (rounding ops must not return a signaling NaN).
pub(crate) fn quiet32(x: f32) -> f32 {
    if x.is_nan() {
        f32::from_bits(x.to_bits() | 0x0040_0000)
    } else {
        x
    }
}

/// Quiets a NaN result (rounding ops must not return a signaling NaN).
pub(crate) fn quiet64(x: f64) -> f64 {
    if x.is_nan() {
        f64::from_bits(x.to_bits() | 0x0008_0000_0000_0000)
    } else {
        x
    }
}

pub(crate) fn f32_min(a: f32, b: f32) -> f32 {
    if a.is_nan() || b.is_nan() {
        f32::NAN
    } else if a == b {
        f32::from_bits(a.to_bits() | b.to_bits())
    } else {
        a.min(b)
    }
}

pub(crate) fn f32_max(a: f32, b: f32) -> f32 {
    if a.is_nan() || b.is_nan() {
        f32::NAN
    } else if a == b {
        f32::from_bits(a.to_bits() & b.to_bits())
    } else {
        a.max(b)
    }
}

pub(crate) fn f64_min(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else if a == b {
        f64::from_bits(a.to_bits() | b.to_bits())
    } else {
        a.min(b)
    }
}

pub(crate) fn f64_max(a: f64, b: f64) -> f64 {
    if a.is_nan() || b.is_nan() {
        f64::NAN
    } else if a == b {
        f64::from_bits(a.to_bits() & b.to_bits())
    } else {
        a.max(b)
    }
}

/// Checks a float (widened to f64, which is exact) lies strictly between
/// `lo` and `hi` before a truncating conversion.
#[inline]
fn trunc_check(x: f64, lo: f64, hi: f64) -> Result<f64, TrapKind> {
    if x.is_nan() {
        Err(TrapKind::InvalidConversionToInteger)
    } else if x > lo && x < hi {
        Ok(x)
    } else {
        Err(TrapKind::IntegerOverflow)
    }
}

#[inline]
pub(crate) fn trunc_i32_s(x: f64) -> Result<i32, TrapKind> {
    trunc_check(x, -2147483649.0, 2147483648.0).map(|x| x as i32)
}

#[inline]
pub(crate) fn trunc_i32_u(x: f64) -> Result<u32, TrapKind> {
    trunc_check(x, -1.0, 4294967296.0).map(|x| x as u32)
}

#[inline]
pub(crate) fn trunc_i64_s(x: f64) -> Result<i64, TrapKind> {
    // -2^63 itself is in range; the next f64 below it is far away.
    if x == -9223372036854775808.0 {
        return Ok(i64::MIN);
    }
    trunc_check(x, -9223372036854775808.0, 9223372036854775808.0).map(|x| x as i64)
}

#[inline]
pub(crate) fn trunc_i64_u(x: f64) -> Result<u64, TrapKind> {
    trunc_check(x, -1.0, 18446744073709551616.0).map(|x| x as u64)
}

macro_rules! int_div {
    ($div_s:ident, $div_u:ident, $rem_s:ident, $rem_u:ident, $s:ty, $u:ty) => {
        #[inline]
        pub(crate) fn $div_s(a: $s, b: $s) -> Result<$s, TrapKind> {
            if b == 0 {
                Err(TrapKind::IntegerDivideByZero)
            } else {
                a.checked_div(b).ok_or(TrapKind::IntegerOverflow)
            }
        }

        #[inline]

        pub(crate) fn $div_u(a: $u, b: $u) -> Result<$u, TrapKind> {
            a.checked_div(b).ok_or(TrapKind::IntegerDivideByZero)
        }

        #[inline]

        pub(crate) fn $rem_s(a: $s, b: $s) -> Result<$s, TrapKind> {
            if b == 0 {
                Err(TrapKind::IntegerDivideByZero)
            } else {
                Ok(a.wrapping_rem(b))
            }
        }

        #[inline]

        pub(crate) fn $rem_u(a: $u, b: $u) -> Result<$u, TrapKind> {
            a.checked_rem(b).ok_or(TrapKind::IntegerDivideByZero)
        }
    };
}

int_div!(i32_div_s, i32_div_u, i32_rem_s, i32_rem_u, i32, u32);
int_div!(i64_div_s, i64_div_u, i64_rem_s, i64_rem_u, i64, u64);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn min_max_signed_zero() {
        assert!(f32_min(0.0, -0.0).is_sign_negative());
        assert!(f32_max(-0.0, 0.0).is_sign_positive());
        assert!(f64_min(f64::NAN, 1.0).is_nan());
    }

    #[test]
    fn trunc_bounds() {
        assert_eq!(trunc_i32_s(-2147483648.9), Ok(i32::MIN));
        assert_eq!(trunc_i32_s(2147483648.0), Err(TrapKind::IntegerOverflow));
        assert_eq!(trunc_i32_u(-0.9), Ok(0));
        assert_eq!(
            trunc_i64_s(f64::NAN),
            Err(TrapKind::InvalidConversionToInteger)
        );
    }
}
