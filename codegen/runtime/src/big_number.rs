//! Smithy `bigInteger` and `bigDecimal` values, kept as exact decimal text.
//!
//! No arithmetic is offered and nothing goes through `f64`: the text is
//! validated on construction and written back unchanged, so values survive a
//! round trip bit for bit (with serde_json's `arbitrary_precision` feature,
//! which generated crates enable when their model uses big numbers).

use std::fmt;
use std::str::FromStr;

/// An arbitrary-precision integer, stored as canonical decimal text:
/// an optional `-` followed by digits without leading zeros.
///
/// Parsing accepts leading zeros and a leading `+` and drops them.
///
/// ```ignore
/// use crate::rt::big_number::BigInteger;
///
/// let n: BigInteger = "-000123456789012345678901234567890".parse()?;
/// assert_eq!(n.as_str(), "-123456789012345678901234567890");
/// assert!("1.5".parse::<BigInteger>().is_err());
/// # Ok::<(), crate::rt::big_number::BigNumberError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct BigInteger(String);

impl BigInteger {
    /// The decimal text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Unwraps the decimal text.
    pub fn into_string(self) -> String {
        self.0
    }

    /// The value as an `i64`, if it fits.
    pub fn to_i64(&self) -> Option<i64> {
        self.0.parse().ok()
    }

    /// The value as an `i128`, if it fits.
    pub fn to_i128(&self) -> Option<i128> {
        self.0.parse().ok()
    }
}

impl FromStr for BigInteger {
    type Err = BigNumberError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let (negative, digits) = match s.as_bytes().first() {
            Some(b'-') => (true, &s[1..]),
            Some(b'+') => (false, &s[1..]),
            _ => (false, s),
        };
        if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
            return Err(BigNumberError::new("integer", s));
        }
        let trimmed = digits.trim_start_matches('0');
        let trimmed = if trimmed.is_empty() { "0" } else { trimmed };
        let sign = if negative { "-" } else { "" };
        Ok(BigInteger(format!("{sign}{trimmed}")))
    }
}

impl TryFrom<String> for BigInteger {
    type Error = BigNumberError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl TryFrom<&str> for BigInteger {
    type Error = BigNumberError;

    fn try_from(s: &str) -> Result<Self, Self::Error> {
        s.parse()
    }
}

macro_rules! big_integer_from {
    ($($t:ty),*) => {$(
        impl From<$t> for BigInteger {
            fn from(n: $t) -> Self {
                BigInteger(n.to_string())
            }
        }
    )*};
}
big_integer_from!(i8, i16, i32, i64, i128, u8, u16, u32, u64, u128);

impl fmt::Display for BigInteger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for BigInteger {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BigInteger({})", self.0)
    }
}

/// An arbitrary-precision decimal, stored as the exact text of a JSON number
/// (`-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?`).
///
/// ```ignore
/// use crate::rt::big_number::BigDecimal;
///
/// let d: BigDecimal = "123456789012345678901234567890.000000000000000001".parse()?;
/// assert_eq!(d.to_string(), "123456789012345678901234567890.000000000000000001");
/// assert!("1.".parse::<BigDecimal>().is_err());
/// # Ok::<(), crate::rt::big_number::BigNumberError>(())
/// ```
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct BigDecimal(String);

impl BigDecimal {
    /// The decimal text.
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// Unwraps the decimal text.
    pub fn into_string(self) -> String {
        self.0
    }

    /// The decimal value of a finite `f64` (its shortest round-trip text, e.g.
    /// `0.1` for `0.1`); `NaN` and infinities, which have no decimal value,
    /// give `0`.
    pub fn from_f64(value: f64) -> Self {
        if value.is_finite() {
            BigDecimal(value.to_string())
        } else {
            BigDecimal("0".to_owned())
        }
    }

    /// The nearest `f64` (lossy).
    pub fn to_f64_lossy(&self) -> f64 {
        self.0.parse().unwrap_or(f64::NAN)
    }
}

impl FromStr for BigDecimal {
    type Err = BigNumberError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        if is_json_number(s) {
            Ok(BigDecimal(s.to_owned()))
        } else {
            Err(BigNumberError::new("decimal", s))
        }
    }
}

impl TryFrom<String> for BigDecimal {
    type Error = BigNumberError;

    fn try_from(s: String) -> Result<Self, Self::Error> {
        if is_json_number(&s) {
            Ok(BigDecimal(s))
        } else {
            Err(BigNumberError::new("decimal", &s))
        }
    }
}

impl TryFrom<&str> for BigDecimal {
    type Error = BigNumberError;

    fn try_from(s: &str) -> Result<Self, Self::Error> {
        s.parse()
    }
}

impl From<i64> for BigDecimal {
    fn from(n: i64) -> Self {
        BigDecimal(n.to_string())
    }
}

impl From<BigInteger> for BigDecimal {
    fn from(n: BigInteger) -> Self {
        BigDecimal(n.0)
    }
}

impl fmt::Display for BigDecimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl fmt::Debug for BigDecimal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "BigDecimal({})", self.0)
    }
}

/// Whether `s` matches the JSON number grammar (RFC 8259 section 6).
fn is_json_number(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    let digits_from = |mut i: usize| {
        while i < b.len() && b[i].is_ascii_digit() {
            i += 1;
        }
        i
    };
    if b.first() == Some(&b'-') {
        i += 1;
    }
    match b.get(i) {
        Some(b'0') => i += 1,
        Some(b'1'..=b'9') => i = digits_from(i),
        _ => return false,
    }
    if b.get(i) == Some(&b'.') {
        let end = digits_from(i + 1);
        if end == i + 1 {
            return false;
        }
        i = end;
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'+' | b'-')) {
            i += 1;
        }
        let end = digits_from(i);
        if end == i {
            return false;
        }
        i = end;
    }
    i == b.len()
}

/// Compares two numbers written as JSON number text (as [`BigInteger`] and
/// [`BigDecimal`] hold them) exactly, without going through `f64`:
/// `compare_decimal("1e3", "999.99")` is `Greater`, `compare_decimal("-0", "0.0")`
/// is `Equal`. `None` when either is not a JSON number.
pub fn compare_decimal(a: &str, b: &str) -> Option<std::cmp::Ordering> {
    use std::cmp::Ordering;
    let (a, b) = (Decimal::parse(a)?, Decimal::parse(b)?);
    Some(match (a.negative, b.negative) {
        (false, true) => Ordering::Greater,
        (true, false) => Ordering::Less,
        (false, false) => a.magnitude_cmp(&b),
        (true, true) => b.magnitude_cmp(&a),
    })
}

/// A JSON number as `±0.DIGITS × 10^point` (no leading or trailing zeros in
/// `digits`; zero has no digits and is never negative).
struct Decimal {
    negative: bool,
    digits: Vec<u8>,
    point: i128,
}

impl Decimal {
    fn parse(s: &str) -> Option<Decimal> {
        if !is_json_number(s) {
            return None;
        }
        let (negative, rest) = match s.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, s),
        };
        let (mantissa, exponent) = match rest.find(['e', 'E']) {
            Some(i) => (&rest[..i], &rest[i + 1..]),
            None => (rest, "0"),
        };
        // The exponent's digits are checked; a huge one saturates, which still
        // orders correctly against any mantissa a model or a body can carry.
        let (exp_negative, exp_digits) = match exponent.as_bytes().first() {
            Some(b'-') => (true, &exponent[1..]),
            Some(b'+') => (false, &exponent[1..]),
            _ => (false, exponent),
        };
        let mut exp: i128 = 0;
        for d in exp_digits.bytes() {
            exp = exp.saturating_mul(10).saturating_add(i128::from(d - b'0'));
        }
        exp = exp.min(i128::from(i64::MAX));
        if exp_negative {
            exp = -exp;
        }
        let (int, frac) = mantissa.split_once('.').unwrap_or((mantissa, ""));
        let mut digits: Vec<u8> = int.bytes().chain(frac.bytes()).collect();
        let mut point = i128::try_from(int.len()).unwrap_or(i128::MAX) + exp;
        let leading = digits.iter().take_while(|d| **d == b'0').count();
        digits.drain(..leading);
        point -= i128::try_from(leading).unwrap_or(0);
        while digits.last() == Some(&b'0') {
            digits.pop();
        }
        if digits.is_empty() {
            return Some(Decimal {
                negative: false,
                digits,
                point: 0,
            });
        }
        Some(Decimal {
            negative,
            digits,
            point,
        })
    }

    fn magnitude_cmp(&self, other: &Decimal) -> std::cmp::Ordering {
        match (self.digits.is_empty(), other.digits.is_empty()) {
            (true, true) => std::cmp::Ordering::Equal,
            (true, false) => std::cmp::Ordering::Less,
            (false, true) => std::cmp::Ordering::Greater,
            (false, false) => self
                .point
                .cmp(&other.point)
                .then_with(|| self.digits.cmp(&other.digits)),
        }
    }
}

/// Text that is not a valid big number.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BigNumberError {
    kind: &'static str,
    input: String,
}

impl BigNumberError {
    fn new(kind: &'static str, input: &str) -> Self {
        let input = if input.chars().count() > 64 {
            let mut s: String = input.chars().take(64).collect();
            s.push('…');
            s
        } else {
            input.to_owned()
        };
        BigNumberError { kind, input }
    }
}

impl fmt::Display for BigNumberError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "`{}` is not a valid {}", self.input, self.kind)
    }
}

impl std::error::Error for BigNumberError {}
