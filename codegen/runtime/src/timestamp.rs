//! Smithy `timestamp` values and their three wire formats.
//!
//! A [`Timestamp`] is an instant on the UTC time line with nanosecond
//! resolution, stored as whole seconds since the Unix epoch plus a
//! non-negative sub-second part. Parsing of calendar forms is done with the
//! [`time`] crate; epoch seconds are parsed with exact decimal arithmetic so
//! that e.g. `1700000000.123` yields exactly 123 000 000 nanoseconds.
//!
//! ```ignore
//! use crate::rt::timestamp::{Timestamp, TimestampFormat};
//!
//! let t = Timestamp::parse("2019-12-16T23:48:18.5+02:00", TimestampFormat::DateTime)?;
//! assert_eq!(t.fmt(TimestampFormat::DateTime), "2019-12-16T21:48:18.500Z");
//! assert_eq!(t.fmt(TimestampFormat::EpochSeconds), "1576532898.5");
//! assert_eq!(t.fmt(TimestampFormat::HttpDate), "Mon, 16 Dec 2019 21:48:18 GMT");
//! # Ok::<(), crate::rt::timestamp::TimestampError>(())
//! ```

use std::fmt;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use ::time::format_description::well_known::Rfc3339;
use ::time::{OffsetDateTime, PrimitiveDateTime};

const NANOS_PER_SEC: u32 = 1_000_000_000;
const NANOS_PER_MILLI: u32 = 1_000_000;

/// The wire formats a Smithy timestamp can take (`@timestampFormat`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum TimestampFormat {
    /// Seconds since the Unix epoch, optionally with a fraction
    /// (`1576540098` or `1576540098.52`).
    EpochSeconds,
    /// RFC 3339 date-time (`2019-12-16T23:48:18Z`).
    DateTime,
    /// RFC 7231 IMF-fixdate (`Mon, 16 Dec 2019 23:48:18 GMT`).
    HttpDate,
}

impl TimestampFormat {
    /// The Smithy name of the format: `epoch-seconds`, `date-time` or
    /// `http-date`.
    pub fn as_str(self) -> &'static str {
        match self {
            TimestampFormat::EpochSeconds => "epoch-seconds",
            TimestampFormat::DateTime => "date-time",
            TimestampFormat::HttpDate => "http-date",
        }
    }
}

impl fmt::Display for TimestampFormat {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A timestamp could not be parsed or converted.
///
/// The message names the offending input and the reason:
///
/// ```ignore
/// use crate::rt::timestamp::Timestamp;
///
/// let err = Timestamp::parse_date_time("yesterday").unwrap_err();
/// assert!(err.to_string().starts_with("invalid date-time timestamp `yesterday`: "));
/// ```
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TimestampError {
    input: String,
    kind: &'static str,
    reason: String,
}

impl TimestampError {
    fn new(input: &str, kind: &'static str, reason: impl Into<String>) -> Self {
        // Keep error messages bounded even for huge inputs.
        let input = if input.chars().count() > 64 {
            let mut s: String = input.chars().take(64).collect();
            s.push('…');
            s
        } else {
            input.to_owned()
        };
        TimestampError {
            input,
            kind,
            reason: reason.into(),
        }
    }

    /// The input that failed (shortened to 64 characters).
    pub fn input(&self) -> &str {
        &self.input
    }

    /// Why the input was rejected.
    pub fn reason(&self) -> &str {
        &self.reason
    }
}

impl fmt::Display for TimestampError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "invalid {} timestamp `{}`: {}",
            self.kind, self.input, self.reason
        )
    }
}

impl std::error::Error for TimestampError {}

/// An instant in time with nanosecond resolution.
///
/// Stored as whole seconds since `1970-01-01T00:00:00Z` (negative before it)
/// plus nanoseconds in `0..1_000_000_000` *after* that second, so
/// `-0.5` seconds is `secs() == -1`, `subsec_nanos() == 500_000_000`.
/// Ordering is chronological.
///
/// ```ignore
/// use crate::rt::timestamp::Timestamp;
///
/// let t = Timestamp::from_millis(-500);
/// assert_eq!((t.secs(), t.subsec_nanos()), (-1, 500_000_000));
/// assert_eq!(t.fmt_epoch_seconds(), "-0.5");
/// assert!(Timestamp::from_secs(1) > t);
/// ```
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Timestamp {
    secs: i64,
    nanos: u32,
}

impl Timestamp {
    /// The instant `secs` whole seconds after the Unix epoch.
    pub const fn from_secs(secs: i64) -> Self {
        Timestamp { secs, nanos: 0 }
    }

    /// The instant `millis` milliseconds after the Unix epoch.
    pub const fn from_millis(millis: i64) -> Self {
        Timestamp {
            secs: millis.div_euclid(1000),
            // rem_euclid(1000) is in 0..1000, so the cast is lossless.
            nanos: millis.rem_euclid(1000) as u32 * NANOS_PER_MILLI,
        }
    }

    /// The instant `secs` seconds plus `nanos` nanoseconds after the epoch.
    ///
    /// `nanos` of a second or more carry into the seconds (saturating at the
    /// ends of the `i64` range).
    ///
    /// ```ignore
    /// use crate::rt::timestamp::Timestamp;
    /// assert_eq!(Timestamp::from_secs_and_nanos(1, 1_500_000_000), Timestamp::from_millis(2_500));
    /// ```
    pub const fn from_secs_and_nanos(secs: i64, nanos: u32) -> Self {
        let carry = (nanos / NANOS_PER_SEC) as i64;
        Timestamp {
            secs: secs.saturating_add(carry),
            nanos: nanos % NANOS_PER_SEC,
        }
    }

    /// The current system time.
    pub fn now() -> Self {
        Timestamp::from(SystemTime::now())
    }

    /// Converts from a [`time::OffsetDateTime`] (any offset).
    pub fn from_offset_date_time(dt: OffsetDateTime) -> Self {
        Timestamp {
            secs: dt.unix_timestamp(),
            nanos: dt.nanosecond(),
        }
    }

    /// Converts to a UTC [`time::OffsetDateTime`]; `None` when the instant is
    /// outside the years the `time` crate supports (±9999).
    pub fn to_offset_date_time(&self) -> Option<OffsetDateTime> {
        let total = i128::from(self.secs) * i128::from(NANOS_PER_SEC) + i128::from(self.nanos);
        OffsetDateTime::from_unix_timestamp_nanos(total).ok()
    }

    /// Whole seconds since the Unix epoch (rounded towards negative infinity).
    pub const fn secs(&self) -> i64 {
        self.secs
    }

    /// Nanoseconds after [`secs`](Self::secs), in `0..1_000_000_000`.
    pub const fn subsec_nanos(&self) -> u32 {
        self.nanos
    }

    /// Parses `s` in the given wire format.
    pub fn parse(s: &str, format: TimestampFormat) -> Result<Self, TimestampError> {
        match format {
            TimestampFormat::EpochSeconds => Self::parse_epoch_seconds(s),
            TimestampFormat::DateTime => Self::parse_date_time(s),
            TimestampFormat::HttpDate => Self::parse_http_date(s),
        }
    }

    /// Parses decimal epoch seconds exactly: an optional sign, digits, an
    /// optional fraction and an optional exponent.
    ///
    /// Digits beyond nanosecond precision are rounded to the nearest
    /// nanosecond (halves away from zero).
    ///
    /// ```ignore
    /// use crate::rt::timestamp::Timestamp;
    ///
    /// let t = Timestamp::parse_epoch_seconds("1700000000.123")?;
    /// assert_eq!((t.secs(), t.subsec_nanos()), (1_700_000_000, 123_000_000));
    /// assert_eq!(Timestamp::parse_epoch_seconds("1.7E9")?, Timestamp::from_secs(1_700_000_000));
    /// assert_eq!(Timestamp::parse_epoch_seconds("-5")?, Timestamp::from_secs(-5));
    /// assert!(Timestamp::parse_epoch_seconds("12abc").is_err());
    /// # Ok::<(), crate::rt::timestamp::TimestampError>(())
    /// ```
    pub fn parse_epoch_seconds(s: &str) -> Result<Self, TimestampError> {
        let err = |reason: &str| TimestampError::new(s, "epoch-seconds", reason);
        let total_nanos = parse_decimal_nanos(s).map_err(|e| err(e.message()))?;
        Self::from_total_nanos(total_nanos).ok_or_else(|| err("out of range"))
    }

    /// Converts a floating-point number of epoch seconds (as found in JSON),
    /// using its shortest round-trip decimal form so that `1700000000.5` or
    /// `1700000000.123` come out exact. NaN and infinities are rejected.
    ///
    /// ```ignore
    /// use crate::rt::timestamp::Timestamp;
    ///
    /// let t = Timestamp::from_epoch_seconds_f64(1700000000.123)?;
    /// assert_eq!(t.subsec_nanos(), 123_000_000);
    /// assert!(Timestamp::from_epoch_seconds_f64(f64::NAN).is_err());
    /// # Ok::<(), crate::rt::timestamp::TimestampError>(())
    /// ```
    pub fn from_epoch_seconds_f64(value: f64) -> Result<Self, TimestampError> {
        let text = format!("{value:e}");
        if !value.is_finite() {
            return Err(TimestampError::new(
                &text,
                "epoch-seconds",
                "not a finite number",
            ));
        }
        Self::parse_epoch_seconds(&text)
    }

    /// Parses an RFC 3339 date-time such as `2019-12-16T23:48:18Z` or
    /// `2019-12-16T23:48:18.123456+02:00` and normalises it to UTC.
    ///
    /// Lowercase `t`/`z` and fractions of any length are accepted (digits
    /// beyond nanoseconds are dropped). A leap second (`:60`) is rejected, as
    /// the `time` crate does: services do not send them.
    ///
    /// ```ignore
    /// use crate::rt::timestamp::Timestamp;
    ///
    /// let t = Timestamp::parse_date_time("2019-12-17T01:48:18.25+02:00")?;
    /// assert_eq!(t.to_string(), "2019-12-16T23:48:18.250Z");
    /// # Ok::<(), crate::rt::timestamp::TimestampError>(())
    /// ```
    pub fn parse_date_time(s: &str) -> Result<Self, TimestampError> {
        OffsetDateTime::parse(s, &Rfc3339)
            .map(Self::from_offset_date_time)
            .map_err(|e| TimestampError::new(s, "date-time", e.to_string()))
    }

    /// Parses an RFC 7231 IMF-fixdate such as `Mon, 16 Dec 2019 23:48:18 GMT`;
    /// a fractional second (`23:48:18.123`) is accepted too. The weekday must
    /// be well-formed but is not checked against the date.
    ///
    /// ```ignore
    /// use crate::rt::timestamp::Timestamp;
    ///
    /// let t = Timestamp::parse_http_date("Mon, 16 Dec 2019 23:48:18 GMT")?;
    /// assert_eq!(t.secs(), 1576540098);
    /// # Ok::<(), crate::rt::timestamp::TimestampError>(())
    /// ```
    pub fn parse_http_date(s: &str) -> Result<Self, TimestampError> {
        let description = ::time::macros::format_description!(
            version = 2,
            "[weekday repr:short case_sensitive:false], [day padding:zero] \
             [month repr:short case_sensitive:false] [year repr:full base:calendar] \
             [hour repr:24]:[minute]:[second][optional [.[subsecond digits:1+]]] GMT"
        );
        PrimitiveDateTime::parse(s, description)
            .map(|dt| Self::from_offset_date_time(dt.assume_utc()))
            .map_err(|e| TimestampError::new(s, "http-date", e.to_string()))
    }

    /// Formats in the given wire format (see the `fmt_*` methods).
    pub fn fmt(&self, format: TimestampFormat) -> String {
        match format {
            TimestampFormat::EpochSeconds => self.fmt_epoch_seconds(),
            TimestampFormat::DateTime => self.fmt_date_time(),
            TimestampFormat::HttpDate => self.fmt_http_date(),
        }
    }

    /// Epoch seconds: an integer when there is no sub-second part, else the
    /// fraction truncated to milliseconds with trailing zeros trimmed.
    ///
    /// ```ignore
    /// use crate::rt::timestamp::Timestamp;
    ///
    /// assert_eq!(Timestamp::from_secs(1_700_000_000).fmt_epoch_seconds(), "1700000000");
    /// assert_eq!(Timestamp::from_millis(1_700_000_000_500).fmt_epoch_seconds(), "1700000000.5");
    /// assert_eq!(Timestamp::from_millis(1_700_000_000_123).fmt_epoch_seconds(), "1700000000.123");
    /// ```
    pub fn fmt_epoch_seconds(&self) -> String {
        let total_millis = self.total_millis();
        let sign = if total_millis < 0 { "-" } else { "" };
        let abs = total_millis.unsigned_abs();
        let (whole, millis) = (abs / 1000, abs % 1000);
        if millis == 0 {
            format!("{sign}{whole}")
        } else {
            let frac = format!("{millis:03}");
            format!("{sign}{whole}.{}", frac.trim_end_matches('0'))
        }
    }

    /// Epoch seconds as a JSON number: an integer when there is no
    /// millisecond part, otherwise a float with millisecond precision.
    ///
    /// ```ignore
    /// use crate::rt::timestamp::Timestamp;
    ///
    /// assert_eq!(Timestamp::from_millis(1_700_000_000_500).epoch_seconds_json().to_string(), "1700000000.5");
    /// assert_eq!(Timestamp::from_secs(5).epoch_seconds_json(), ::serde_json::json!(5));
    /// ```
    pub fn epoch_seconds_json(&self) -> ::serde_json::Value {
        let total_millis = self.total_millis();
        if total_millis % 1000 == 0 {
            return ::serde_json::Value::from(self.secs);
        }
        // Parsing the exact decimal text gives the nearest f64 (or the exact
        // text under serde_json's `arbitrary_precision`).
        match ::serde_json::from_str::<::serde_json::Number>(&self.fmt_epoch_seconds()) {
            Ok(n) => ::serde_json::Value::Number(n),
            // Not reachable for text produced above; keep a sane fallback.
            Err(_) => ::serde_json::Value::from(total_millis as f64 / 1000.0),
        }
    }

    /// RFC 3339 in UTC: `2019-12-16T23:48:18Z`, or `2019-12-16T23:48:18.123Z`
    /// when there is a millisecond part (sub-millisecond digits are
    /// truncated).
    ///
    /// Years outside `0000..=9999` (not representable in RFC 3339) are
    /// written with an explicit sign, e.g. `+10000-01-01T00:00:00Z`.
    pub fn fmt_date_time(&self) -> String {
        let c = self.civil();
        let millis = self.nanos / NANOS_PER_MILLI;
        let frac = if millis == 0 {
            String::new()
        } else {
            format!(".{millis:03}")
        };
        format!(
            "{}-{:02}-{:02}T{:02}:{:02}:{:02}{frac}Z",
            fmt_year(c.year),
            c.month,
            c.day,
            c.hour,
            c.minute,
            c.second
        )
    }

    /// RFC 7231 IMF-fixdate, e.g. `Mon, 16 Dec 2019 23:48:18 GMT`. The format
    /// has no fractional seconds, so the sub-second part is dropped.
    pub fn fmt_http_date(&self) -> String {
        const WEEKDAYS: [&str; 7] = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
        const MONTHS: [&str; 12] = [
            "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
        ];
        let c = self.civil();
        let weekday = WEEKDAYS
            .get(usize::from(c.weekday))
            .copied()
            .unwrap_or("???");
        let month = MONTHS
            .get(usize::from(c.month).wrapping_sub(1))
            .copied()
            .unwrap_or("???");
        format!(
            "{weekday}, {:02} {month} {} {:02}:{:02}:{:02} GMT",
            c.day,
            fmt_year(c.year),
            c.hour,
            c.minute,
            c.second
        )
    }

    fn total_millis(&self) -> i128 {
        i128::from(self.secs) * 1000 + i128::from(self.nanos / NANOS_PER_MILLI)
    }

    fn from_total_nanos(total: i128) -> Option<Self> {
        let secs = i64::try_from(total.div_euclid(i128::from(NANOS_PER_SEC))).ok()?;
        let nanos = u32::try_from(total.rem_euclid(i128::from(NANOS_PER_SEC))).ok()?;
        Some(Timestamp { secs, nanos })
    }

    /// Calendar fields in UTC. Uses the `time` crate where it can represent
    /// the instant, and the proleptic Gregorian algorithm otherwise.
    fn civil(&self) -> Civil {
        if let Some(dt) = self.to_offset_date_time() {
            return Civil {
                year: i64::from(dt.year()),
                month: u8::from(dt.month()),
                day: dt.day(),
                hour: dt.hour(),
                minute: dt.minute(),
                second: dt.second(),
                weekday: dt.weekday().number_days_from_sunday(),
            };
        }
        civil_from_secs(self.secs)
    }
}

/// Broken-down UTC calendar time.
struct Civil {
    year: i64,
    month: u8,
    day: u8,
    hour: u8,
    minute: u8,
    second: u8,
    /// 0 = Sunday.
    weekday: u8,
}

fn fmt_year(year: i64) -> String {
    if (0..=9999).contains(&year) {
        format!("{year:04}")
    } else if year < 0 {
        format!("-{:04}", year.unsigned_abs())
    } else {
        format!("+{year}")
    }
}

/// Days-to-civil conversion for instants the `time` crate cannot represent
/// (Howard Hinnant's algorithm, valid over the whole `i64` seconds range).
fn civil_from_secs(secs: i64) -> Civil {
    let days = secs.div_euclid(86_400);
    let sod = secs.rem_euclid(86_400);
    let z = i128::from(days) + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i128::from(month <= 2);
    let narrow = |v: i128| u8::try_from(v).unwrap_or(0);
    let narrow64 = |v: i64| u8::try_from(v).unwrap_or(0);
    Civil {
        year: i64::try_from(year).unwrap_or(if year < 0 { i64::MIN } else { i64::MAX }),
        month: narrow(month),
        day: narrow(day),
        hour: narrow64(sod / 3600),
        minute: narrow64(sod % 3600 / 60),
        second: narrow64(sod % 60),
        weekday: narrow((i128::from(days) + 4).rem_euclid(7)),
    }
}

/// Error from [`parse_decimal_nanos`].
enum DecimalError {
    Syntax,
    Range,
}

impl DecimalError {
    fn message(&self) -> &'static str {
        match self {
            DecimalError::Syntax => "expected a decimal number such as `1700000000` or `1.7E9`",
            DecimalError::Range => "out of range",
        }
    }
}

/// Parses `[+-]digits[.digits][(e|E)[+-]digits]` into a count of nanoseconds,
/// exactly, rounding beyond nanosecond precision half away from zero.
fn parse_decimal_nanos(s: &str) -> Result<i128, DecimalError> {
    let bytes = s.as_bytes();
    let mut i = 0;
    let negative = match bytes.first() {
        Some(b'-') => {
            i += 1;
            true
        }
        Some(b'+') => {
            i += 1;
            false
        }
        _ => false,
    };
    let int_start = i;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    let int_digits = &bytes[int_start..i];
    let mut frac_digits: &[u8] = &[];
    if i < bytes.len() && bytes[i] == b'.' {
        i += 1;
        let frac_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            i += 1;
        }
        frac_digits = &bytes[frac_start..i];
    }
    if int_digits.is_empty() && frac_digits.is_empty() {
        return Err(DecimalError::Syntax);
    }
    // Exponent magnitudes are saturated: anything past a few hundred either
    // overflows or rounds to zero anyway.
    let mut exponent: i64 = 0;
    if i < bytes.len() && (bytes[i] == b'e' || bytes[i] == b'E') {
        i += 1;
        let exp_negative = match bytes.get(i) {
            Some(b'-') => {
                i += 1;
                true
            }
            Some(b'+') => {
                i += 1;
                false
            }
            _ => false,
        };
        let exp_start = i;
        while i < bytes.len() && bytes[i].is_ascii_digit() {
            exponent = (exponent * 10 + i64::from(bytes[i] - b'0')).min(1_000_000);
            i += 1;
        }
        if i == exp_start {
            return Err(DecimalError::Syntax);
        }
        if exp_negative {
            exponent = -exponent;
        }
    }
    if i != bytes.len() {
        return Err(DecimalError::Syntax);
    }

    // value = digits * 10^(exponent - frac_len); in nanoseconds shift by 9.
    let digits = int_digits
        .iter()
        .chain(frac_digits.iter())
        .copied()
        .skip_while(|&d| d == b'0')
        .collect::<Vec<u8>>();
    let frac_len = i64::try_from(frac_digits.len()).map_err(|_| DecimalError::Range)?;
    let shift = exponent - frac_len + 9;
    if digits.is_empty() {
        return Ok(0);
    }
    let digit_count = i64::try_from(digits.len()).map_err(|_| DecimalError::Range)?;
    // i64 seconds are < 10^19, i.e. < 10^28 nanoseconds; i128 holds 10^38.
    if digit_count + shift > 30 {
        return Err(DecimalError::Range);
    }
    let (kept, round_up) = if shift >= 0 {
        (&digits[..], false)
    } else {
        let drop = usize::try_from(-shift).unwrap_or(usize::MAX);
        if drop > digits.len() {
            // Less than a tenth of a nanosecond.
            return Ok(0);
        }
        let keep = digits.len() - drop;
        (&digits[..keep], digits[keep] >= b'5')
    };
    let mut value: i128 = 0;
    for &d in kept {
        value = value * 10 + i128::from(d - b'0');
    }
    if shift > 0 {
        let factor = 10i128
            .checked_pow(u32::try_from(shift).map_err(|_| DecimalError::Range)?)
            .ok_or(DecimalError::Range)?;
        value = value.checked_mul(factor).ok_or(DecimalError::Range)?;
    }
    if round_up {
        value += 1;
    }
    Ok(if negative { -value } else { value })
}

impl fmt::Display for Timestamp {
    /// Same as [`Timestamp::fmt_date_time`].
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.fmt_date_time())
    }
}

impl fmt::Debug for Timestamp {
    /// The date-time form with full (nanosecond) precision, e.g.
    /// `Timestamp(2019-12-16T23:48:18.000000001Z)`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let whole = Timestamp::from_secs(self.secs).fmt_date_time();
        let base = whole.trim_end_matches('Z');
        if self.nanos == 0 {
            write!(f, "Timestamp({base}Z)")
        } else {
            let frac = format!("{:09}", self.nanos);
            write!(f, "Timestamp({base}.{}Z)", frac.trim_end_matches('0'))
        }
    }
}

impl From<SystemTime> for Timestamp {
    /// Converts, saturating at the ends of the `i64` seconds range.
    fn from(t: SystemTime) -> Self {
        match t.duration_since(UNIX_EPOCH) {
            Ok(d) => Timestamp {
                secs: i64::try_from(d.as_secs()).unwrap_or(i64::MAX),
                nanos: d.subsec_nanos(),
            },
            Err(before) => {
                let d = before.duration();
                let secs = i64::try_from(d.as_secs()).map_or(i64::MIN, |s| -s);
                if d.subsec_nanos() == 0 {
                    Timestamp { secs, nanos: 0 }
                } else {
                    Timestamp {
                        secs: secs.saturating_sub(1),
                        nanos: NANOS_PER_SEC - d.subsec_nanos(),
                    }
                }
            }
        }
    }
}

impl TryFrom<Timestamp> for SystemTime {
    type Error = TimestampError;

    /// Fails when the platform's `SystemTime` cannot represent the instant.
    fn try_from(t: Timestamp) -> Result<Self, Self::Error> {
        let out_of_range = || {
            TimestampError::new(
                &t.fmt_epoch_seconds(),
                "epoch-seconds",
                "not representable as a SystemTime",
            )
        };
        let result = if t.secs >= 0 {
            UNIX_EPOCH.checked_add(Duration::new(t.secs.unsigned_abs(), t.nanos))
        } else {
            UNIX_EPOCH
                .checked_sub(Duration::from_secs(t.secs.unsigned_abs()))
                .and_then(|s| s.checked_add(Duration::from_nanos(u64::from(t.nanos))))
        };
        result.ok_or_else(out_of_range)
    }
}

impl From<OffsetDateTime> for Timestamp {
    fn from(dt: OffsetDateTime) -> Self {
        Timestamp::from_offset_date_time(dt)
    }
}
