//! Constraint-trait checks (`@required`, `@length`, `@pattern`, `@range`,
//! enums, `@uniqueItems`).
//!
//! A [`Validator`] collects every violation instead of stopping at the first,
//! then [`Validator::finish`] turns them into a [`ValidationError`]:
//!
//! ```ignore
//! use crate::rt::validate::Validator;
//!
//! let name: Option<String> = None;
//! let id = "XYZ";
//! let mut v = Validator::new();
//! v.required("Name", &name);
//! v.length("Id", id.chars().count(), Some(4), Some(64));
//! v.pattern("Id", id, "^[a-f0-9]+$");
//! let err = v.finish().unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     "Name: is required\nId: length must be between 4 and 64, got 3\nId: must match pattern ^[a-f0-9]+$",
//! );
//! ```
//!
//! # Patterns
//!
//! [`Validator::pattern`] takes the pattern *text* (a `&'static str`, i.e. a
//! literal in generated code). Each distinct pattern is compiled once, on
//! first use, into a process-wide cache, so generated code needs no `static`
//! regex and no `expect`. Patterns are compiled by the `fancy-regex` crate,
//! which adds what ECMA-262 patterns in models use beyond the `regex` crate's
//! syntax (look-ahead and look-behind such as `^(?!aws:)`, backreferences) and
//! hands everything else to `regex`. As in Smithy, patterns are not implicitly
//! anchored. A pattern that does not compile, or whose evaluation exceeds the
//! backtracking limit, is reported as a violation of that member (fail closed).
//! [`Validator::pattern_regex`] accepts an already compiled
//! [`fancy_regex::Regex`] instead.

use std::collections::HashMap;
use std::fmt;
use std::sync::{LazyLock, Mutex, PoisonError};

use ::fancy_regex::Regex;

/// One failed constraint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The member that failed, as given by the caller (e.g. `Tags[2].Key`).
    pub path: String,
    /// The constraint trait: `required`, `length`, `pattern`, `range`,
    /// `enum` or `uniqueItems`.
    pub constraint: String,
    /// What is wrong, e.g. `length must be between 1 and 64, got 70`.
    pub message: String,
}

impl fmt::Display for Violation {
    /// `{path}: {message}`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.path, self.message)
    }
}

/// A value failed one or more constraints.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ValidationError {
    /// Every violation found, in the order checked (never empty when
    /// produced by [`Validator::finish`]).
    pub violations: Vec<Violation>,
}

impl fmt::Display for ValidationError {
    /// One violation per line.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, v) in self.violations.iter().enumerate() {
            if i > 0 {
                f.write_str("\n")?;
            }
            write!(f, "{v}")?;
        }
        Ok(())
    }
}

impl std::error::Error for ValidationError {}

/// Compiles a Smithy `@pattern` (not anchored; look-around allowed).
pub fn compile_pattern(pattern: &str) -> Result<Regex, String> {
    Regex::new(pattern).map_err(|e| e.to_string())
}

type PatternCache = HashMap<&'static str, Result<Regex, String>>;

static PATTERNS: LazyLock<Mutex<PatternCache>> = LazyLock::new(|| Mutex::new(HashMap::new()));

/// The compiled form of `pattern`, from the cache (compiling on first use).
fn cached_pattern(pattern: &'static str) -> Result<Regex, String> {
    // A poisoned lock only means another thread panicked mid-insert; the map
    // itself is still usable.
    let mut cache = PATTERNS.lock().unwrap_or_else(PoisonError::into_inner);
    cache
        .entry(pattern)
        .or_insert_with(|| compile_pattern(pattern))
        .clone()
}

/// Collects constraint violations.
#[derive(Clone, Debug, Default)]
pub struct Validator {
    violations: Vec<Violation>,
}

impl Validator {
    /// No violations yet.
    pub fn new() -> Self {
        Validator::default()
    }

    /// Records a custom violation.
    pub fn violation(&mut self, path: &str, constraint: &str, message: impl Into<String>) {
        self.violations.push(Violation {
            path: path.to_owned(),
            constraint: constraint.to_owned(),
            message: message.into(),
        });
    }

    /// Adds the violations of a nested check.
    pub fn extend(&mut self, other: ValidationError) {
        self.violations.extend(other.violations);
    }

    /// Whether nothing has been recorded.
    pub fn is_valid(&self) -> bool {
        self.violations.is_empty()
    }

    /// `@required`: `value` must be `Some` (message `is required`).
    pub fn required<T>(&mut self, path: &str, value: &Option<T>) {
        if value.is_none() {
            self.violation(path, "required", "is required");
        }
    }

    /// `@length`: `len` must be within `[min, max]` (either bound optional).
    /// Pass `s.chars().count()` for strings, `len()` for lists, maps and
    /// blobs.
    ///
    /// Messages: `length must be between 1 and 64, got 70`,
    /// `length must be at least 1, got 0`, `length must be at most 64, got 70`.
    pub fn length(&mut self, path: &str, len: usize, min: Option<u64>, max: Option<u64>) {
        let len = u64::try_from(len).unwrap_or(u64::MAX);
        let too_small = min.is_some_and(|m| len < m);
        let too_large = max.is_some_and(|m| len > m);
        if too_small || too_large {
            let message = format!("length {}, got {len}", bounds_text(min, max));
            self.violation(path, "length", message);
        }
    }

    /// `@pattern`: `value` must contain a match of `pattern` (message
    /// `must match pattern <pattern>`). The pattern is compiled once per
    /// process and cached (see the [module docs](self#patterns)).
    pub fn pattern(&mut self, path: &str, value: &str, pattern: &'static str) {
        match cached_pattern(pattern) {
            Ok(regex) => self.pattern_regex(path, value, &regex, pattern),
            Err(e) => self.violation(
                path,
                "pattern",
                format!("pattern {pattern} cannot be evaluated: {e}"),
            ),
        }
    }

    /// `@pattern` with a regex compiled by the caller; `pattern` is the text
    /// used in the message.
    pub fn pattern_regex(&mut self, path: &str, value: &str, regex: &Regex, pattern: &str) {
        match regex.is_match(value) {
            Ok(true) => {}
            Ok(false) => self.violation(path, "pattern", format!("must match pattern {pattern}")),
            Err(e) => self.violation(
                path,
                "pattern",
                format!("pattern {pattern} cannot be evaluated: {e}"),
            ),
        }
    }

    /// `@range` on integer types (widen with `i64::from`). Messages:
    /// `must be between 1 and 10, got 11`, `must be at least 1, got 0`,
    /// `must be at most 10, got 11`.
    pub fn range_i64(&mut self, path: &str, value: i64, min: Option<i64>, max: Option<i64>) {
        let too_small = min.is_some_and(|m| value < m);
        let too_large = max.is_some_and(|m| value > m);
        if too_small || too_large {
            let message = format!("{}, got {value}", bounds_text(min, max));
            self.violation(path, "range", message);
        }
    }

    /// `@range` on `float`/`double` (widen with `f64::from`). NaN violates
    /// any range.
    pub fn range_f64(&mut self, path: &str, value: f64, min: Option<f64>, max: Option<f64>) {
        let too_small = min.is_some_and(|m| value.is_nan() || value < m);
        let too_large = max.is_some_and(|m| value.is_nan() || value > m);
        if too_small || too_large {
            let message = format!("{}, got {value}", bounds_text(min, max));
            self.violation(path, "range", message);
        }
    }

    /// `@range` on `bigInteger`/`bigDecimal`, compared exactly on the decimal
    /// text (see [`compare_decimal`](super::big_number::compare_decimal)).
    pub fn range_decimal(&mut self, path: &str, value: &str, min: Option<&str>, max: Option<&str>) {
        use std::cmp::Ordering;
        let cmp = |bound: &str| super::big_number::compare_decimal(value, bound);
        let too_small = min.is_some_and(|m| matches!(cmp(m), Some(Ordering::Less) | None));
        let too_large = max.is_some_and(|m| matches!(cmp(m), Some(Ordering::Greater) | None));
        if too_small || too_large {
            let message = format!("{}, got {value}", bounds_text(min, max));
            self.violation(path, "range", message);
        }
    }

    /// String enum: `value` must be one of `known` (message
    /// `must be one of [A, B], got "C"`).
    pub fn enum_value(&mut self, path: &str, value: &str, known: &[&str]) {
        if !known.contains(&value) {
            let message = format!("must be one of [{}], got {value:?}", known.join(", "));
            self.violation(path, "enum", message);
        }
    }

    /// `intEnum`: `value` must be one of `known`.
    pub fn int_enum_value(&mut self, path: &str, value: i32, known: &[i32]) {
        if !known.contains(&value) {
            let list: Vec<String> = known.iter().map(i32::to_string).collect();
            let message = format!("must be one of [{}], got {value}", list.join(", "));
            self.violation(path, "enum", message);
        }
    }

    /// `@uniqueItems`: no two items may be equal (message
    /// `items must be unique, but [1] equals [3]`). Compares pairwise, so
    /// it is quadratic in the list length; it works for any `PartialEq`
    /// type, including those holding floats or documents.
    pub fn unique_items<T: PartialEq>(&mut self, path: &str, items: &[T]) {
        for (j, b) in items.iter().enumerate() {
            if let Some(i) = items[..j].iter().position(|a| a == b) {
                let message = format!("items must be unique, but [{i}] equals [{j}]");
                self.violation(path, "uniqueItems", message);
                return;
            }
        }
    }

    /// The violations recorded so far.
    pub fn violations(&self) -> &[Violation] {
        &self.violations
    }

    /// `Ok` when nothing was recorded, else all violations.
    pub fn finish(self) -> Result<(), ValidationError> {
        if self.violations.is_empty() {
            Ok(())
        } else {
            Err(ValidationError {
                violations: self.violations,
            })
        }
    }
}

/// `must be between A and B` / `must be at least A` / `must be at most B`.
fn bounds_text<N: fmt::Display>(min: Option<N>, max: Option<N>) -> String {
    match (min, max) {
        (Some(lo), Some(hi)) => format!("must be between {lo} and {hi}"),
        (Some(lo), None) => format!("must be at least {lo}"),
        (None, Some(hi)) => format!("must be at most {hi}"),
        (None, None) => "is out of range".to_owned(),
    }
}

/// The path of member `name` under `parent` (`""` for the top level): `Parent.Name`.
pub fn member_path(parent: &str, name: &str) -> String {
    if parent.is_empty() {
        name.to_owned()
    } else {
        format!("{parent}.{name}")
    }
}

/// The path of list element `index` under `parent`: `Parent[3]`.
pub fn index_path(parent: &str, index: usize) -> String {
    format!("{parent}[{index}]")
}

/// The path of map entry `key` under `parent`: `Parent["key"]`.
pub fn key_path(parent: &str, key: &str) -> String {
    format!("{parent}[{key:?}]")
}
