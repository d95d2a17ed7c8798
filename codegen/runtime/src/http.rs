//! HTTP binding helpers: URI labels, query strings, header values and the
//! restJson1 error-response conventions.

use std::collections::HashMap;

use ::percent_encoding::{AsciiSet, NON_ALPHANUMERIC, percent_decode_str, utf8_percent_encode};
use ::serde_json::Value;

use super::timestamp::{Timestamp, TimestampError, TimestampFormat};

/// Everything except the RFC 3986 unreserved characters `A-Z a-z 0-9 - . _ ~`.
const UNRESERVED: &AsciiSet = &NON_ALPHANUMERIC
    .remove(b'-')
    .remove(b'.')
    .remove(b'_')
    .remove(b'~');

/// Like [`UNRESERVED`] but also keeping `/` (greedy labels).
const UNRESERVED_AND_SLASH: &AsciiSet = &UNRESERVED.remove(b'/');

/// Checks the endpoint given to `build_request` and returns it as the prefix
/// of every request URI: `scheme://authority[/base/path]` without a trailing
/// `/`. The scheme must be `http` or `https`, the host non-empty, the port (if
/// any) a number up to 65535; a query or fragment is refused, because the
/// operation's path is appended after the endpoint.
///
/// ```ignore
/// use crate::rt::http::endpoint_prefix;
///
/// assert_eq!(endpoint_prefix("https://svc.example.com/").unwrap(), "https://svc.example.com");
/// assert_eq!(endpoint_prefix("http://127.0.0.1:8080/base/").unwrap(), "http://127.0.0.1:8080/base");
/// assert!(endpoint_prefix("https://h/p?x=1").is_err());
/// assert!(endpoint_prefix("svc.example.com").is_err());
/// ```
pub fn endpoint_prefix(endpoint: &str) -> Result<&str, super::error::BuildRequestError> {
    let fail = |why: &str| {
        super::error::BuildRequestError::other(format!("invalid endpoint `{endpoint}`: {why}"))
    };
    let (scheme, rest) = endpoint
        .split_once("://")
        .ok_or_else(|| fail("expected an absolute URL such as `https://service.example.com`"))?;
    if !scheme.eq_ignore_ascii_case("http") && !scheme.eq_ignore_ascii_case("https") {
        return Err(fail("the scheme must be `http` or `https`"));
    }
    if rest.contains(['?', '#']) {
        return Err(fail(
            "it must not have a query or fragment: the operation's path goes after it",
        ));
    }
    let authority = rest.split('/').next().unwrap_or_default();
    let host = match authority.rsplit_once(':') {
        // `[::1]:80` and `host:80`, but not the colons inside `[::1]`.
        Some((host, port)) if !port.contains(']') => {
            if port.parse::<u16>().is_err() {
                return Err(fail("the port must be a number from 0 to 65535"));
            }
            host
        }
        _ => authority,
    };
    if host.is_empty() || authority.contains('@') {
        return Err(fail("it needs a host (and no user info)"));
    }
    if endpoint.parse::<::http::Uri>().is_err() {
        return Err(fail("it is not a valid URI"));
    }
    Ok(endpoint.trim_end_matches('/'))
}

/// Percent-encodes an `@httpLabel` value: every UTF-8 byte outside
/// `A-Z a-z 0-9 - . _ ~` becomes `%XX` (uppercase hex); a greedy label
/// (`{Key+}`) also keeps `/`.
///
/// ```ignore
/// use crate::rt::http::encode_label;
///
/// assert_eq!(encode_label("a/b c:1+2", false), "a%2Fb%20c%3A1%2B2");
/// assert_eq!(encode_label("a/b c", true), "a/b%20c");
/// ```
pub fn encode_label(value: &str, greedy: bool) -> String {
    let set = if greedy {
        UNRESERVED_AND_SLASH
    } else {
        UNRESERVED
    };
    utf8_percent_encode(value, set).to_string()
}

/// Percent-encodes a query-string key or value: every UTF-8 byte outside
/// `A-Z a-z 0-9 - . _ ~` becomes `%XX`; space is `%20`.
pub fn encode_query(value: &str) -> String {
    utf8_percent_encode(value, UNRESERVED).to_string()
}

/// Decodes `%XX` escapes (a `+` stays a `+`). Fails when the result is not
/// UTF-8.
pub fn percent_decode(value: &str) -> Result<String, String> {
    percent_decode_str(value)
        .decode_utf8()
        .map(|s| s.into_owned())
        .map_err(|_| format!("`{value}` does not decode to UTF-8"))
}

/// Splits a query string (without the leading `?`) into decoded
/// `(key, value)` pairs in order; `key` alone gives an empty value.
pub fn parse_query_string(query: &str) -> Result<Vec<(String, String)>, String> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            Ok((percent_decode(k)?, percent_decode(v)?))
        })
        .collect()
}

/// An ordered list of query parameters.
///
/// ```ignore
/// use crate::rt::http::QueryParams;
///
/// let mut q = QueryParams::new();
/// q.push("tag", "a b");
/// q.push("tag", "c&d");
/// q.push("empty", "");
/// assert!(q.contains_key("tag"));
/// assert_eq!(q.to_query_string(), "tag=a%20b&tag=c%26d&empty=");
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QueryParams {
    pairs: Vec<(String, String)>,
}

impl QueryParams {
    /// No parameters.
    pub fn new() -> Self {
        QueryParams::default()
    }

    /// Appends `key=value` (unencoded; encoding happens on output).
    pub fn push(&mut self, key: &str, value: &str) {
        self.pairs.push((key.to_owned(), value.to_owned()));
    }

    /// Whether some parameter is named `key`.
    pub fn contains_key(&self, key: &str) -> bool {
        self.pairs.iter().any(|(k, _)| k == key)
    }

    /// Whether there are no parameters.
    pub fn is_empty(&self) -> bool {
        self.pairs.is_empty()
    }

    /// Number of parameters.
    pub fn len(&self) -> usize {
        self.pairs.len()
    }

    /// The parameters, unencoded, in insertion order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &str)> {
        self.pairs.iter().map(|(k, v)| (k.as_str(), v.as_str()))
    }

    /// `k=v&k2=v2` with keys and values encoded by [`encode_query`], in
    /// insertion order; an empty value gives `key=`. No leading `?`.
    pub fn to_query_string(&self) -> String {
        let mut out = String::new();
        for (i, (k, v)) in self.pairs.iter().enumerate() {
            if i > 0 {
                out.push('&');
            }
            out.push_str(&encode_query(k));
            out.push('=');
            out.push_str(&encode_query(v));
        }
        out
    }
}

/// `true` or `false`.
pub fn fmt_bool(value: bool) -> String {
    value.to_string()
}

/// Text form of a float for headers, labels and query strings: `NaN`,
/// `Infinity`, `-Infinity`, otherwise the shortest decimal that round-trips
/// with no exponent and no trailing `.0` (`1.0` → `1`, `0.1` → `0.1`).
pub fn fmt_f64(value: f64) -> String {
    if value.is_nan() {
        "NaN".to_owned()
    } else if value.is_infinite() {
        if value > 0.0 { "Infinity" } else { "-Infinity" }.to_owned()
    } else {
        value.to_string()
    }
}

/// Like [`fmt_f64`], with the shortest decimal that round-trips through
/// `f32` (`1.1f32` → `1.1`).
pub fn fmt_f32(value: f32) -> String {
    if value.is_finite() {
        value.to_string()
    } else {
        fmt_f64(f64::from(value))
    }
}

/// Whether a list item must be quoted to survive [`parse_header_list`].
fn needs_quotes(item: &str) -> bool {
    item.is_empty()
        || item.contains([',', '"'])
        || item.starts_with(char::is_whitespace)
        || item.ends_with(char::is_whitespace)
}

/// Joins list items into one header value with `, `. Items containing `,` or
/// `"` (and empty items or items with surrounding whitespace, which would
/// otherwise not survive parsing) are double-quoted, with `"` and `\`
/// backslash-escaped.
///
/// ```ignore
/// use crate::rt::http::{fmt_header_list, parse_header_list};
///
/// let items = vec!["b,c".to_string(), "\"def\"".to_string(), "a".to_string()];
/// let header = fmt_header_list(&items);
/// assert_eq!(header, r#""b,c", "\"def\"", a"#);
/// assert_eq!(parse_header_list(&header), items);
/// ```
pub fn fmt_header_list<S: AsRef<str>>(items: &[S]) -> String {
    let mut out = String::new();
    for (i, item) in items.iter().enumerate() {
        let item = item.as_ref();
        if i > 0 {
            out.push_str(", ");
        }
        if needs_quotes(item) {
            out.push('"');
            for c in item.chars() {
                if c == '"' || c == '\\' {
                    out.push('\\');
                }
                out.push(c);
            }
            out.push('"');
        } else {
            out.push_str(item);
        }
    }
    out
}

/// Splits a comma-separated header value into items, trimming whitespace
/// around each and unquoting double-quoted items (`\"` and `\\` escapes).
/// A blank value gives no items.
pub fn parse_header_list(value: &str) -> Vec<String> {
    let mut items = Vec::new();
    if value.trim().is_empty() {
        return items;
    }
    let mut chars = value.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut item = String::new();
        let mut more = false;
        if chars.next_if_eq(&'"').is_some() {
            while let Some(c) = chars.next() {
                match c {
                    '\\' => item.extend(chars.next()),
                    '"' => break,
                    c => item.push(c),
                }
            }
            // Anything between the closing quote and the next comma is ignored.
            more = chars.by_ref().any(|c| c == ',');
        } else {
            for c in chars.by_ref() {
                if c == ',' {
                    more = true;
                    break;
                }
                item.push(c);
            }
            item.truncate(item.trim_end().len());
        }
        items.push(item);
        if !more {
            return items;
        }
    }
}

/// Parses a list of IMF-fixdate timestamps from one header value. Each date
/// contains a comma itself, so the value is split at every second comma.
///
/// ```ignore
/// use crate::rt::http::parse_http_date_list;
///
/// let dates = parse_http_date_list("Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT")?;
/// assert_eq!(dates.len(), 2);
/// # Ok::<(), crate::rt::timestamp::TimestampError>(())
/// ```
pub fn parse_http_date_list(value: &str) -> Result<Vec<Timestamp>, TimestampError> {
    let mut out = Vec::new();
    if value.trim().is_empty() {
        return Ok(out);
    }
    let mut pieces = value.split(',');
    while let Some(weekday) = pieces.next() {
        let date = match pieces.next() {
            Some(rest) => format!("{}, {}", weekday.trim(), rest.trim()),
            None => weekday.trim().to_owned(),
        };
        out.push(Timestamp::parse_http_date(&date)?);
    }
    Ok(out)
}

/// Formats timestamps for a list-valued header: http-dates are joined with
/// `, ` unquoted (as RFC 7231 lists do); other formats go through
/// [`fmt_header_list`].
pub fn fmt_timestamp_list(items: &[Timestamp], format: TimestampFormat) -> String {
    let texts: Vec<String> = items.iter().map(|t| t.fmt(format)).collect();
    match format {
        TimestampFormat::HttpDate => texts.join(", "),
        _ => fmt_header_list(&texts),
    }
}

fn header_error(name: &str, value: &str, expected: &str) -> String {
    format!("header `{name}`: invalid {expected} `{value}`")
}

/// Parses a boolean header value (`true`/`false`, ASCII case-insensitive).
pub fn parse_header_bool(name: &str, value: &str) -> Result<bool, String> {
    let v = value.trim();
    if v.eq_ignore_ascii_case("true") {
        Ok(true)
    } else if v.eq_ignore_ascii_case("false") {
        Ok(false)
    } else {
        Err(header_error(name, value, "boolean"))
    }
}

macro_rules! header_int {
    ($($(#[$doc:meta])* $fn:ident => $t:ty, $what:literal;)*) => {$(
        $(#[$doc])*
        pub fn $fn(name: &str, value: &str) -> Result<$t, String> {
            value.trim().parse::<$t>().map_err(|_| header_error(name, value, $what))
        }
    )*};
}

header_int! {
    /// Parses an 8-bit integer header value; the error names the header.
    parse_header_i8 => i8, "8-bit integer";
    /// Parses a 16-bit integer header value; the error names the header.
    parse_header_i16 => i16, "16-bit integer";
    /// Parses a 32-bit integer header value; the error names the header.
    ///
    /// ```ignore
    /// use crate::rt::http::parse_header_i32;
    ///
    /// assert_eq!(parse_header_i32("X-Count", " 42 "), Ok(42));
    /// assert_eq!(
    ///     parse_header_i32("X-Count", "3000000000").unwrap_err(),
    ///     "header `X-Count`: invalid 32-bit integer `3000000000`",
    /// );
    /// ```
    parse_header_i32 => i32, "32-bit integer";
    /// Parses a 64-bit integer header value; the error names the header.
    parse_header_i64 => i64, "64-bit integer";
}

/// Parses a float header value: a decimal number, `NaN`, `Infinity` or
/// `-Infinity`.
pub fn parse_header_f64(name: &str, value: &str) -> Result<f64, String> {
    let v = value.trim();
    match v {
        "NaN" => Ok(f64::NAN),
        "Infinity" => Ok(f64::INFINITY),
        "-Infinity" => Ok(f64::NEG_INFINITY),
        // Rust also accepts "inf"/"nan" spellings; Smithy does not.
        _ if v
            .bytes()
            .any(|b| b.is_ascii_alphabetic() && b != b'e' && b != b'E') =>
        {
            Err(header_error(name, value, "number"))
        }
        // A finite spelling that overflows (`1e999`) is out of range, not infinity.
        _ => v
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .ok_or_else(|| header_error(name, value, "number")),
    }
}

/// Parses a 32-bit float header value (see [`parse_header_f64`]).
pub fn parse_header_f32(name: &str, value: &str) -> Result<f32, String> {
    let v = value.trim();
    match v {
        "NaN" => Ok(f32::NAN),
        "Infinity" => Ok(f32::INFINITY),
        "-Infinity" => Ok(f32::NEG_INFINITY),
        _ if v
            .bytes()
            .any(|b| b.is_ascii_alphabetic() && b != b'e' && b != b'E') =>
        {
            Err(header_error(name, value, "number"))
        }
        // A finite spelling that overflows (`1e999`) is out of range, not infinity.
        _ => v
            .parse::<f32>()
            .ok()
            .filter(|f| f.is_finite())
            .ok_or_else(|| header_error(name, value, "number")),
    }
}

/// Parses a timestamp header value in the given format (http-date is the
/// default for headers).
pub fn parse_header_timestamp(
    name: &str,
    value: &str,
    format: TimestampFormat,
) -> Result<Timestamp, String> {
    Timestamp::parse(value.trim(), format).map_err(|e| format!("header `{name}`: {e}"))
}

/// The first value of header `name`, if present. A value that is not
/// visible ASCII is an error naming the header.
pub fn header_str<'h>(
    headers: &'h ::http::HeaderMap,
    name: &str,
) -> Result<Option<&'h str>, String> {
    match headers.get(name) {
        None => Ok(None),
        Some(v) => v
            .to_str()
            .map(Some)
            .map_err(|_| format!("header `{name}` is not visible ASCII")),
    }
}

/// All values of header `name` split into list items
/// ([`parse_header_list`]), or `None` when the header is absent.
pub fn header_list(headers: &::http::HeaderMap, name: &str) -> Result<Option<Vec<String>>, String> {
    let mut out: Option<Vec<String>> = None;
    for v in headers.get_all(name) {
        let text = v
            .to_str()
            .map_err(|_| format!("header `{name}` is not visible ASCII"))?;
        out.get_or_insert_with(Vec::new)
            .extend(parse_header_list(text));
    }
    Ok(out)
}

/// Headers whose names start with `prefix` (ASCII case-insensitive), keyed
/// by the rest of the name (lowercase, as `http` stores names), for
/// `@httpPrefixHeaders`. Repeated headers are joined with `, `.
pub fn prefix_headers(
    headers: &::http::HeaderMap,
    prefix: &str,
) -> Result<HashMap<String, String>, String> {
    let prefix = prefix.to_ascii_lowercase();
    let mut out: HashMap<String, String> = HashMap::new();
    for (name, value) in headers {
        let Some(rest) = name.as_str().strip_prefix(prefix.as_str()) else {
            continue;
        };
        let text = value
            .to_str()
            .map_err(|_| format!("header `{name}` is not visible ASCII"))?;
        out.entry(rest.to_owned())
            .and_modify(|existing| {
                existing.push_str(", ");
                existing.push_str(text);
            })
            .or_insert_with(|| text.to_owned());
    }
    Ok(out)
}

/// Reduces a raw error type to its shape name: the part before the first
/// `:`, then the part after the last `#`.
fn sanitize_error_code(raw: &str) -> Option<String> {
    let before_colon = raw.split(':').next().unwrap_or(raw);
    let name = before_colon
        .rsplit('#')
        .next()
        .unwrap_or(before_colon)
        .trim();
    (!name.is_empty()).then(|| name.to_owned())
}

/// The error code of a restJson1 error response: header `X-Amzn-Errortype`,
/// else body member `code`, else body member `__type`; reduced to the shape
/// name (`aws.example#FooError:http://internal.example/` → `FooError`).
/// A source that reduces to nothing is skipped.
///
/// ```ignore
/// use crate::rt::http::error_code;
///
/// let body = serde_json::json!({"__type": "aws.example#FooError"});
/// assert_eq!(error_code(&http::HeaderMap::new(), &body).as_deref(), Some("FooError"));
/// ```
pub fn error_code(headers: &::http::HeaderMap, body: &Value) -> Option<String> {
    let from_header = headers
        .get("x-amzn-errortype")
        .and_then(|v| v.to_str().ok())
        .and_then(sanitize_error_code);
    from_header.or_else(|| {
        ["code", "__type"]
            .iter()
            .filter_map(|key| body.get(key).and_then(Value::as_str))
            .find_map(sanitize_error_code)
    })
}

/// The error message of an error response body: top-level `message`,
/// `Message` or `errorMessage`, whichever string comes first.
pub fn error_message(body: &Value) -> Option<String> {
    ["message", "Message", "errorMessage"]
        .iter()
        .find_map(|key| body.get(key).and_then(Value::as_str))
        .map(str::to_owned)
}

/// The request id: header `x-amzn-requestid`, else `x-amz-request-id`.
pub fn request_id(headers: &::http::HeaderMap) -> Option<String> {
    ["x-amzn-requestid", "x-amz-request-id"]
        .iter()
        .find_map(|name| headers.get(*name).and_then(|v| v.to_str().ok()))
        .map(str::to_owned)
}
