//! JSON body codec on top of [`serde_json::Value`].
//!
//! Generated code parses a body once with [`parse_body`] and then walks the
//! tree with the `de_*` functions, threading a [`Path`] so that errors say
//! where they happened. Aggregate deserializers take a closure for their
//! elements, so they compose:
//!
//! ```ignore
//! use crate::rt::json::{self, Path};
//!
//! let body = json::parse_body(br#"{"Tags": [["a", null], null, ["b"]]}"#)?;
//! let root = json::de_object(&body, &Path::root())?;
//! let tags = json::de_list(&root["Tags"], &Path::root().key("Tags"), |v, p| {
//!     json::de_list(v, p, json::de_string)
//! })?;
//! assert_eq!(tags, vec![vec!["a".to_string()], vec!["b".to_string()]]);
//! # Ok::<(), crate::rt::json::DeserializeError>(())
//! ```
//!
//! # Nulls in dense collections
//!
//! Smithy lists and maps are *dense* unless marked `@sparse`. A `null` element
//! of a dense list, or a `null` value of a dense map, is **skipped** rather
//! than failing the whole response ([`de_list`], [`de_map`]): being lenient
//! in what is accepted keeps a client working against a service that emits
//! such nulls. `@sparse` collections keep them ([`de_sparse_list`],
//! [`de_sparse_map`]).

use std::collections::HashMap;
use std::fmt;

use ::serde_json::{Map, Number, Value};

use super::big_number::{BigDecimal, BigInteger};
use super::blob::Blob;
use super::timestamp::{Timestamp, TimestampFormat};

/// Deepest nesting of aggregates accepted by the `de_*` functions that
/// descend; deeper documents fail with an error instead of exhausting the
/// stack.
pub const MAX_DEPTH: usize = 64;

/// A JSON value did not have the expected shape.
///
/// ```ignore
/// use crate::rt::json::{de_string, Path};
///
/// let root = Path::root();
/// let fields = root.key("Fields");
/// let err = de_string(&serde_json::json!(1), &fields.key("a").key("ContentType")).unwrap_err();
/// assert_eq!(err.to_string(), "at `$.Fields.a.ContentType`: expected a string, found a number");
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DeserializeError {
    path: String,
    message: String,
}

impl DeserializeError {
    /// An error at `path`.
    pub fn new(path: &Path<'_>, message: impl Into<String>) -> Self {
        DeserializeError {
            path: path.to_string(),
            message: message.into(),
        }
    }

    /// Where the error happened, e.g. `$.Items[2].Name`.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// What went wrong.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for DeserializeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "at `{}`: {}", self.path, self.message)
    }
}

impl std::error::Error for DeserializeError {}

/// A location in a JSON document, as a cheap linked list of segments on the
/// stack: `$`, `$.Key`, `$.List[3]`, `$["a b"]`.
///
/// ```ignore
/// use crate::rt::json::Path;
///
/// let root = Path::root();
/// let list = root.key("List");
/// assert_eq!(list.index(3).to_string(), "$.List[3]");
/// assert_eq!(root.key("a b").to_string(), r#"$["a b"]"#);
/// assert_eq!(list.index(3).depth(), 2);
/// ```
#[derive(Clone, Copy, Debug)]
pub struct Path<'a> {
    parent: Option<&'a Path<'a>>,
    segment: Segment<'a>,
    depth: usize,
}

#[derive(Clone, Copy, Debug)]
enum Segment<'a> {
    Root,
    Key(&'a str),
    Index(usize),
}

impl<'a> Path<'a> {
    /// The document root, `$` (depth 0).
    pub const fn root() -> Path<'static> {
        Path {
            parent: None,
            segment: Segment::Root,
            depth: 0,
        }
    }

    /// The member `key` of this object.
    pub fn key<'b>(&'b self, key: &'b str) -> Path<'b> {
        Path {
            parent: Some(self),
            segment: Segment::Key(key),
            depth: self.depth.saturating_add(1),
        }
    }

    /// The element `index` of this list.
    pub fn index(&self, index: usize) -> Path<'_> {
        Path {
            parent: Some(self),
            segment: Segment::Index(index),
            depth: self.depth.saturating_add(1),
        }
    }

    /// Number of segments below the root.
    pub const fn depth(&self) -> usize {
        self.depth
    }
}

impl Default for Path<'static> {
    fn default() -> Self {
        Path::root()
    }
}

fn is_identifier(key: &str) -> bool {
    let mut chars = key.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

fn write_quoted(f: &mut fmt::Formatter<'_>, key: &str) -> fmt::Result {
    f.write_str("\"")?;
    for c in key.chars() {
        match c {
            '"' => f.write_str("\\\"")?,
            '\\' => f.write_str("\\\\")?,
            '\n' => f.write_str("\\n")?,
            '\r' => f.write_str("\\r")?,
            '\t' => f.write_str("\\t")?,
            c if c.is_control() => write!(f, "\\u{:04x}", u32::from(c))?,
            c => write!(f, "{c}")?,
        }
    }
    f.write_str("\"")
}

impl fmt::Display for Path<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut segments = Vec::with_capacity(self.depth);
        let mut cur = Some(self);
        while let Some(p) = cur {
            segments.push(p.segment);
            cur = p.parent;
        }
        for segment in segments.iter().rev() {
            match segment {
                Segment::Root => f.write_str("$")?,
                Segment::Key(k) if is_identifier(k) => write!(f, ".{k}")?,
                Segment::Key(k) => {
                    f.write_str("[")?;
                    write_quoted(f, k)?;
                    f.write_str("]")?;
                }
                Segment::Index(i) => write!(f, "[{i}]")?,
            }
        }
        Ok(())
    }
}

/// Parses a response or request body. An empty or all-whitespace body is
/// treated as `{}`.
///
/// serde_json's own recursion limit (128) applies while parsing; syntax
/// errors report line and column.
///
/// ```ignore
/// use crate::rt::json::parse_body;
///
/// assert_eq!(parse_body(b" \n")?, serde_json::json!({}));
/// let err = parse_body(b"{\"a\": }").unwrap_err();
/// assert_eq!(err.to_string(), "at `$`: invalid JSON: expected value at line 1 column 7");
/// # Ok::<(), crate::rt::json::DeserializeError>(())
/// ```
pub fn parse_body(bytes: &[u8]) -> Result<Value, DeserializeError> {
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Ok(Value::Object(Map::new()));
    }
    ::serde_json::from_slice(bytes)
        .map_err(|e| DeserializeError::new(&Path::root(), format!("invalid JSON: {e}")))
}

/// Describes the JSON type of `v` for error messages: `a string`, `null`, ...
pub fn kind_of(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

fn unexpected(v: &Value, p: &Path<'_>, expected: &str) -> DeserializeError {
    DeserializeError::new(p, format!("expected {expected}, found {}", kind_of(v)))
}

/// Fails when `p` is deeper than [`MAX_DEPTH`].
pub fn check_depth(p: &Path<'_>) -> Result<(), DeserializeError> {
    if p.depth() > MAX_DEPTH {
        Err(DeserializeError::new(
            p,
            format!("nesting deeper than {MAX_DEPTH} levels"),
        ))
    } else {
        Ok(())
    }
}

/// `None` for `null`, else `f` applied to the value. Useful for optional
/// structure members, where `null` means absent.
pub fn de_optional<T>(
    v: &Value,
    p: &Path<'_>,
    f: impl Fn(&Value, &Path<'_>) -> Result<T, DeserializeError>,
) -> Result<Option<T>, DeserializeError> {
    if v.is_null() {
        Ok(None)
    } else {
        f(v, p).map(Some)
    }
}

/// A JSON string.
pub fn de_string(v: &Value, p: &Path<'_>) -> Result<String, DeserializeError> {
    match v {
        Value::String(s) => Ok(s.clone()),
        _ => Err(unexpected(v, p, "a string")),
    }
}

/// A JSON boolean.
pub fn de_bool(v: &Value, p: &Path<'_>) -> Result<bool, DeserializeError> {
    match v {
        Value::Bool(b) => Ok(*b),
        _ => Err(unexpected(v, p, "a boolean")),
    }
}

/// An integral JSON number within `[min, max]`. Integral floats such as
/// `1.0` or `1e3` are accepted; fractions are not.
fn de_integer(
    v: &Value,
    p: &Path<'_>,
    min: i64,
    max: i64,
    type_name: &str,
) -> Result<i64, DeserializeError> {
    let Value::Number(n) = v else {
        return Err(unexpected(v, p, "a number"));
    };
    let out_of_range = || DeserializeError::new(p, format!("{n} does not fit in {type_name}"));
    if let Some(i) = n.as_i64() {
        return if (min..=max).contains(&i) {
            Ok(i)
        } else {
            Err(out_of_range())
        };
    }
    if n.as_u64().is_some() {
        return Err(out_of_range());
    }
    match n.as_f64() {
        Some(f) if f.is_finite() && f.fract() != 0.0 => {
            Err(DeserializeError::new(p, format!("{n} is not an integer")))
        }
        // An integral float: `max as f64 + 1.0` is exact for the narrow
        // types and rounds to 2^63 for i64, hence the strict upper test.
        Some(f) if f.is_finite() && f >= min as f64 && f < (max as f64) + 1.0 => Ok(f as i64),
        _ => Err(out_of_range()),
    }
}

/// A JSON number that fits in an `i8`.
pub fn de_i8(v: &Value, p: &Path<'_>) -> Result<i8, DeserializeError> {
    let i = de_integer(v, p, i8::MIN.into(), i8::MAX.into(), "an 8-bit integer")?;
    i8::try_from(i)
        .map_err(|_| DeserializeError::new(p, format!("{i} does not fit in an 8-bit integer")))
}

/// A JSON number that fits in an `i16`.
pub fn de_i16(v: &Value, p: &Path<'_>) -> Result<i16, DeserializeError> {
    let i = de_integer(v, p, i16::MIN.into(), i16::MAX.into(), "a 16-bit integer")?;
    i16::try_from(i)
        .map_err(|_| DeserializeError::new(p, format!("{i} does not fit in a 16-bit integer")))
}

/// A JSON number that fits in an `i32`.
///
/// ```ignore
/// use crate::rt::json::{de_i32, Path};
///
/// let err = de_i32(&serde_json::json!(3000000000u64), &Path::root()).unwrap_err();
/// assert_eq!(err.message(), "3000000000 does not fit in a 32-bit integer");
/// ```
pub fn de_i32(v: &Value, p: &Path<'_>) -> Result<i32, DeserializeError> {
    let i = de_integer(v, p, i32::MIN.into(), i32::MAX.into(), "a 32-bit integer")?;
    i32::try_from(i)
        .map_err(|_| DeserializeError::new(p, format!("{i} does not fit in a 32-bit integer")))
}

/// A JSON number that fits in an `i64`.
pub fn de_i64(v: &Value, p: &Path<'_>) -> Result<i64, DeserializeError> {
    de_integer(v, p, i64::MIN, i64::MAX, "a 64-bit integer")
}

/// Parses the non-finite spellings Smithy uses in JSON strings.
fn non_finite(s: &str) -> Option<f64> {
    match s {
        "NaN" => Some(f64::NAN),
        "Infinity" => Some(f64::INFINITY),
        "-Infinity" => Some(f64::NEG_INFINITY),
        _ => None,
    }
}

/// A JSON number, or one of the strings `"NaN"`, `"Infinity"`,
/// `"-Infinity"`. Numbers too large for `f32` are an error.
pub fn de_f32(v: &Value, p: &Path<'_>) -> Result<f32, DeserializeError> {
    match v {
        Value::Number(n) => match n.to_string().parse::<f32>() {
            Ok(f) if f.is_finite() => Ok(f),
            _ => Err(DeserializeError::new(
                p,
                format!("{n} does not fit in a 32-bit float"),
            )),
        },
        Value::String(s) => non_finite(s).map(|f| f as f32).ok_or_else(|| {
            DeserializeError::new(
                p,
                format!(
                    "expected a number, \"NaN\", \"Infinity\" or \"-Infinity\", found string {s:?}"
                ),
            )
        }),
        _ => Err(unexpected(v, p, "a number")),
    }
}

/// A JSON number, or one of the strings `"NaN"`, `"Infinity"`,
/// `"-Infinity"`.
///
/// ```ignore
/// use crate::rt::json::{de_f64, Path};
///
/// assert!(de_f64(&serde_json::json!("NaN"), &Path::root())?.is_nan());
/// assert_eq!(de_f64(&serde_json::json!(1.5), &Path::root())?, 1.5);
/// # Ok::<(), crate::rt::json::DeserializeError>(())
/// ```
pub fn de_f64(v: &Value, p: &Path<'_>) -> Result<f64, DeserializeError> {
    match v {
        Value::Number(n) => match n.as_f64() {
            Some(f) if f.is_finite() => Ok(f),
            _ => Err(DeserializeError::new(
                p,
                format!("{n} does not fit in a 64-bit float"),
            )),
        },
        Value::String(s) => non_finite(s).ok_or_else(|| {
            DeserializeError::new(
                p,
                format!(
                    "expected a number, \"NaN\", \"Infinity\" or \"-Infinity\", found string {s:?}"
                ),
            )
        }),
        _ => Err(unexpected(v, p, "a number")),
    }
}

/// Longest exponent expansion accepted by [`de_big_integer`].
const MAX_BIG_INTEGER_DIGITS: usize = 10_000;

/// Converts JSON number text to plain integer digits (`1.5e1` → `15`), or
/// `None` when it has a fractional part or would be absurdly long.
fn integer_text(text: &str) -> Option<String> {
    let (negative, rest) = match text.strip_prefix('-') {
        Some(r) => (true, r),
        None => (false, text),
    };
    let (mantissa, exponent) = match rest.find(['e', 'E']) {
        Some(i) => (&rest[..i], rest[i + 1..].parse::<i64>().ok()?),
        None => (rest, 0),
    };
    let (int_part, frac_part) = match mantissa.find('.') {
        Some(i) => (&mantissa[..i], &mantissa[i + 1..]),
        None => (mantissa, ""),
    };
    let mut digits = format!("{int_part}{frac_part}");
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let point = i64::try_from(int_part.len()).ok()?.checked_add(exponent)?;
    let len = i64::try_from(digits.len()).ok()?;
    if point >= len {
        let zeros = usize::try_from(point - len).ok()?;
        if digits.len().saturating_add(zeros) > MAX_BIG_INTEGER_DIGITS {
            return None;
        }
        digits.extend(std::iter::repeat_n('0', zeros));
    } else {
        // Everything after the decimal point must be zero.
        let keep = usize::try_from(point.max(0)).ok()?;
        if !digits[keep..].bytes().all(|b| b == b'0') {
            return None;
        }
        digits.truncate(keep);
    }
    let trimmed = digits.trim_start_matches('0');
    let trimmed = if trimmed.is_empty() { "0" } else { trimmed };
    Some(if negative && trimmed != "0" {
        format!("-{trimmed}")
    } else {
        trimmed.to_owned()
    })
}

/// A JSON number with an integral value, kept exactly.
///
/// Exponent forms are expanded (`1e3` → `1000`). Without serde_json's
/// `arbitrary_precision` feature, integers beyond `u64`/`i64` have already
/// been rounded to `f64` by the parser; enable the feature for exactness.
pub fn de_big_integer(v: &Value, p: &Path<'_>) -> Result<BigInteger, DeserializeError> {
    let Value::Number(n) = v else {
        return Err(unexpected(v, p, "a number"));
    };
    let text = n.to_string();
    integer_text(&text)
        .and_then(|t| t.parse().ok())
        .ok_or_else(|| DeserializeError::new(p, format!("{text} is not an integer")))
}

/// A JSON number, kept as its exact text.
///
/// Without serde_json's `arbitrary_precision` feature the parser has already
/// rounded non-integers to `f64`; enable the feature for exactness.
///
/// ```ignore
/// use crate::rt::json::{de_big_decimal, parse_body, Path};
///
/// let v = parse_body(b"[0.1]")?;
/// assert_eq!(de_big_decimal(&v[0], &Path::root().index(0))?.as_str(), "0.1");
/// // With `arbitrary_precision`, even
/// // 123456789012345678901234567890.000000000000000001 comes back verbatim.
/// # Ok::<(), crate::rt::json::DeserializeError>(())
/// ```
pub fn de_big_decimal(v: &Value, p: &Path<'_>) -> Result<BigDecimal, DeserializeError> {
    let Value::Number(n) = v else {
        return Err(unexpected(v, p, "a number"));
    };
    let text = n.to_string();
    text.parse()
        .map_err(|e| DeserializeError::new(p, format!("{e}")))
}

/// A base64-encoded JSON string.
pub fn de_blob(v: &Value, p: &Path<'_>) -> Result<Blob, DeserializeError> {
    match v {
        Value::String(s) => {
            Blob::from_base64(s).map_err(|e| DeserializeError::new(p, e.to_string()))
        }
        _ => Err(unexpected(v, p, "a base64 string")),
    }
}

/// Any JSON value (a Smithy `document`), cloned.
pub fn de_document(v: &Value, _p: &Path<'_>) -> Result<Value, DeserializeError> {
    Ok(v.clone())
}

/// A timestamp: a JSON number (integer, fraction or exponent, parsed
/// exactly) for [`TimestampFormat::EpochSeconds`], a string otherwise.
pub fn de_timestamp(
    v: &Value,
    p: &Path<'_>,
    format: TimestampFormat,
) -> Result<Timestamp, DeserializeError> {
    let parsed = match (format, v) {
        (TimestampFormat::EpochSeconds, Value::Number(n)) => {
            Timestamp::parse_epoch_seconds(&n.to_string())
        }
        (TimestampFormat::EpochSeconds, _) => return Err(unexpected(v, p, "a number")),
        (_, Value::String(s)) => Timestamp::parse(s, format),
        (_, _) => return Err(unexpected(v, p, &format!("a {format} string"))),
    };
    parsed.map_err(|e| DeserializeError::new(p, e.to_string()))
}

/// A JSON object (checks [`MAX_DEPTH`]).
pub fn de_object<'v>(
    v: &'v Value,
    p: &Path<'_>,
) -> Result<&'v Map<String, Value>, DeserializeError> {
    check_depth(p)?;
    match v {
        Value::Object(m) => Ok(m),
        _ => Err(unexpected(v, p, "an object")),
    }
}

/// A JSON array (checks [`MAX_DEPTH`]).
pub fn de_array<'v>(v: &'v Value, p: &Path<'_>) -> Result<&'v Vec<Value>, DeserializeError> {
    check_depth(p)?;
    match v {
        Value::Array(a) => Ok(a),
        _ => Err(unexpected(v, p, "an array")),
    }
}

/// A dense list: each element through `f`, **`null` elements skipped**
/// (see the [module docs](self#nulls-in-dense-collections)).
///
/// ```ignore
/// use crate::rt::json::{de_list, de_i32, Path};
///
/// let v = serde_json::json!([1, null, 3]);
/// assert_eq!(de_list(&v, &Path::root(), de_i32)?, vec![1, 3]);
/// # Ok::<(), crate::rt::json::DeserializeError>(())
/// ```
pub fn de_list<T>(
    v: &Value,
    p: &Path<'_>,
    f: impl Fn(&Value, &Path<'_>) -> Result<T, DeserializeError>,
) -> Result<Vec<T>, DeserializeError> {
    let items = de_array(v, p)?;
    let mut out = Vec::with_capacity(items.len());
    for (i, item) in items.iter().enumerate() {
        if !item.is_null() {
            out.push(f(item, &p.index(i))?);
        }
    }
    Ok(out)
}

/// A `@sparse` list: `null` elements become `None`.
pub fn de_sparse_list<T>(
    v: &Value,
    p: &Path<'_>,
    f: impl Fn(&Value, &Path<'_>) -> Result<T, DeserializeError>,
) -> Result<Vec<Option<T>>, DeserializeError> {
    let items = de_array(v, p)?;
    items
        .iter()
        .enumerate()
        .map(|(i, item)| de_optional(item, &p.index(i), &f))
        .collect()
}

/// A dense map: each value through `f`, **entries with `null` values
/// skipped** (see the [module docs](self#nulls-in-dense-collections)).
pub fn de_map<T>(
    v: &Value,
    p: &Path<'_>,
    f: impl Fn(&Value, &Path<'_>) -> Result<T, DeserializeError>,
) -> Result<HashMap<String, T>, DeserializeError> {
    let entries = de_object(v, p)?;
    let mut out = HashMap::with_capacity(entries.len());
    for (k, item) in entries {
        if !item.is_null() {
            out.insert(k.clone(), f(item, &p.key(k))?);
        }
    }
    Ok(out)
}

/// A `@sparse` map: `null` values become `None`.
pub fn de_sparse_map<T>(
    v: &Value,
    p: &Path<'_>,
    f: impl Fn(&Value, &Path<'_>) -> Result<T, DeserializeError>,
) -> Result<HashMap<String, Option<T>>, DeserializeError> {
    let entries = de_object(v, p)?;
    let mut out = HashMap::with_capacity(entries.len());
    for (k, item) in entries {
        out.insert(k.clone(), de_optional(item, &p.key(k), &f)?);
    }
    Ok(out)
}

/// A float as JSON: a number, or `"NaN"`, `"Infinity"`, `"-Infinity"`.
/// Uses the shortest decimal that round-trips through `f32` (`1.1f32`
/// becomes `1.1`, not `1.100000023841858`).
pub fn ser_f32(x: f32) -> Value {
    if !x.is_finite() {
        return ser_f64(f64::from(x));
    }
    let widened = x.to_string().parse::<f64>().unwrap_or(f64::from(x));
    ser_f64(widened)
}

/// A float as JSON: a number, or `"NaN"`, `"Infinity"`, `"-Infinity"`.
///
/// ```ignore
/// use crate::rt::json::ser_f64;
///
/// assert_eq!(ser_f64(f64::NAN), serde_json::json!("NaN"));
/// assert_eq!(ser_f64(f64::NEG_INFINITY), serde_json::json!("-Infinity"));
/// assert_eq!(ser_f64(1.5), serde_json::json!(1.5));
/// ```
pub fn ser_f64(x: f64) -> Value {
    if x.is_nan() {
        Value::String("NaN".to_owned())
    } else if x == f64::INFINITY {
        Value::String("Infinity".to_owned())
    } else if x == f64::NEG_INFINITY {
        Value::String("-Infinity".to_owned())
    } else {
        Number::from_f64(x).map_or(Value::Null, Value::Number)
    }
}

/// A blob as a base64 string.
pub fn ser_blob(b: &Blob) -> Value {
    Value::String(b.to_base64())
}

/// A timestamp: a number for [`TimestampFormat::EpochSeconds`] (see
/// [`Timestamp::epoch_seconds_json`]), a string otherwise.
pub fn ser_timestamp(t: &Timestamp, format: TimestampFormat) -> Value {
    match format {
        TimestampFormat::EpochSeconds => t.epoch_seconds_json(),
        _ => Value::String(t.fmt(format)),
    }
}

/// Emits the exact text as a JSON number when possible (exact with
/// `arbitrary_precision`; otherwise serde_json rounds to the nearest `f64`
/// or `i64`/`u64`). A value serde_json cannot hold as a number (e.g. `1e400`
/// without `arbitrary_precision`) is emitted as a string.
fn number_from_text(text: &str) -> Value {
    match ::serde_json::from_str::<Number>(text) {
        Ok(n) => Value::Number(n),
        Err(_) => Value::String(text.to_owned()),
    }
}

/// A big integer as a JSON number.
pub fn ser_big_integer(n: &BigInteger) -> Value {
    number_from_text(n.as_str())
}

/// A big decimal as a JSON number, from its exact text.
pub fn ser_big_decimal(n: &BigDecimal) -> Value {
    number_from_text(n.as_str())
}

/// A dense list, each element through `f`.
pub fn ser_list<T>(items: &[T], f: impl Fn(&T) -> Value) -> Value {
    Value::Array(items.iter().map(f).collect())
}

/// A `@sparse` list: `None` becomes `null`.
pub fn ser_sparse_list<T>(items: &[Option<T>], f: impl Fn(&T) -> Value) -> Value {
    Value::Array(
        items
            .iter()
            .map(|item| item.as_ref().map_or(Value::Null, &f))
            .collect(),
    )
}

fn sorted_entries<T>(map: &HashMap<String, T>) -> Vec<(&String, &T)> {
    let mut entries: Vec<_> = map.iter().collect();
    entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
    entries
}

/// A dense map, each value through `f`. Keys are emitted in sorted order so
/// output is deterministic (also with serde_json's `preserve_order`).
pub fn ser_map<T>(map: &HashMap<String, T>, f: impl Fn(&T) -> Value) -> Value {
    let mut out = Map::new();
    for (k, v) in sorted_entries(map) {
        out.insert(k.clone(), f(v));
    }
    Value::Object(out)
}

/// A `@sparse` map: `None` becomes `null`. Keys are sorted.
pub fn ser_sparse_map<T>(map: &HashMap<String, Option<T>>, f: impl Fn(&T) -> Value) -> Value {
    let mut out = Map::new();
    for (k, v) in sorted_entries(map) {
        out.insert(k.clone(), v.as_ref().map_or(Value::Null, &f));
    }
    Value::Object(out)
}
