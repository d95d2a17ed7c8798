//! Error types and the constraint validator.

use std::error::Error as _;

use http::{HeaderMap, HeaderValue};
use serde_json::json;
use smithy_runtime_dev::error::{BuildRequestError, ErrorFault, ResponseError, UnhandledError};
use smithy_runtime_dev::json::{DeserializeError, Path};
use smithy_runtime_dev::validate::{ValidationError, Validator, Violation, compile_pattern};

#[test]
fn fault() {
    assert_eq!(ErrorFault::Client.to_string(), "client");
    assert_eq!(ErrorFault::Server.to_string(), "server");
    assert_eq!(ErrorFault::from_status(404), ErrorFault::Client);
    assert_eq!(ErrorFault::from_status(503), ErrorFault::Server);
}

#[test]
fn unhandled() {
    let e = UnhandledError {
        status: 400,
        code: Some("Foo".into()),
        message: Some("bad things".into()),
        request_id: None,
    };
    assert_eq!(
        e.to_string(),
        "unhandled error (HTTP 400, code Foo): bad things"
    );
    assert_eq!(e.fault(), ErrorFault::Client);
    let bare = UnhandledError {
        status: 500,
        code: None,
        message: None,
        request_id: None,
    };
    assert_eq!(bare.to_string(), "unhandled error (HTTP 500)");

    let mut headers = HeaderMap::new();
    headers.insert("x-amzn-requestid", HeaderValue::from_static("req-9"));
    let body = json!({"__type": "ns#Throttled", "Message": "slow down"});
    let e = UnhandledError::from_response(429, &headers, &body);
    assert_eq!(
        e,
        UnhandledError {
            status: 429,
            code: Some("Throttled".into()),
            message: Some("slow down".into()),
            request_id: Some("req-9".into()),
        }
    );
    assert_eq!(
        e.to_string(),
        "unhandled error (HTTP 429, code Throttled, request id req-9): slow down"
    );
    let _: &dyn std::error::Error = &e;
}

#[test]
fn build_request() {
    let e = BuildRequestError::empty_label("JobId");
    assert_eq!(e.member(), Some("JobId"));
    assert_eq!(e.reason(), "label `JobId` is unset or empty");
    assert_eq!(
        e.to_string(),
        "cannot build request: label `JobId` is unset or empty"
    );
    assert_eq!(
        BuildRequestError::missing_required("Name").to_string(),
        "cannot build request: required member `Name` is unset"
    );
    assert_eq!(
        BuildRequestError::invalid_header_value("Token", "X-Token").to_string(),
        "cannot build request: member `Token` is not a valid value for header `X-Token`"
    );
    assert_eq!(
        BuildRequestError::invalid_header_name("Meta", "X-Meta-a b").to_string(),
        "cannot build request: member `Meta` yields invalid header name `X-Meta-a b`"
    );
    assert_eq!(BuildRequestError::new("A", "why").reason(), "why");
    assert_eq!(BuildRequestError::other("why").member(), None);

    let http_err = http::Request::builder()
        .uri("http://[::1")
        .body(())
        .unwrap_err();
    let e = BuildRequestError::from(http_err);
    assert!(
        e.to_string()
            .starts_with("cannot build request: invalid HTTP request: "),
        "{e}"
    );
    assert!(e.source().is_some());

    let mut v = Validator::new();
    v.required::<String>("Name", &None);
    let e = BuildRequestError::from(v.finish().unwrap_err());
    assert_eq!(e.member(), Some("Name"));
    assert_eq!(
        e.to_string(),
        "cannot build request: input is invalid: Name: is required"
    );
    assert!(e.source().is_some_and(|s| s.is::<ValidationError>()));
}

#[test]
fn response_error() {
    let root = Path::root();
    let de = DeserializeError::new(&root.key("Count"), "expected a number, found a string");
    let e = ResponseError::deserialize(200, Some("abc".into()), de.clone());
    assert_eq!(
        e.to_string(),
        "cannot parse HTTP 200 response (request id abc): at `$.Count`: expected a number, found a string"
    );
    assert_eq!(e.status(), 200);
    assert_eq!(e.request_id(), Some("abc"));
    assert_eq!(e.deserialize_error(), Some(&de));
    assert!(e.source().is_some());
    assert_eq!(
        e.message(),
        "at `$.Count`: expected a number, found a string"
    );

    let e = ResponseError::with_message(500, None, "header `X-Count`: invalid 32-bit integer `x`");
    assert_eq!(
        e.to_string(),
        "cannot parse HTTP 500 response: header `X-Count`: invalid 32-bit integer `x`"
    );
    assert_eq!(e.deserialize_error(), None);
    assert!(e.source().is_none());
}

#[test]
fn validator_messages() {
    let mut v = Validator::new();
    assert!(v.is_valid());
    v.required("Name", &None::<String>);
    v.required("Set", &Some(1));
    v.length("Title", 70, Some(1), Some(64));
    v.length("Title", 10, Some(1), Some(64));
    v.length("Empty", 0, Some(1), None);
    v.length("Tags", 9, None, Some(8));
    v.pattern("Id", "XYZ", "^[a-f0-9]{32}$");
    v.pattern("Id", "0123456789abcdef0123456789abcdef", "^[a-f0-9]{32}$");
    v.pattern("Unanchored", "xx42yy", "[0-9]+");
    v.range_i64("Count", 11, Some(1), Some(10));
    v.range_i64("Count", 5, Some(1), Some(10));
    v.range_i64("Min", -1, Some(0), None);
    v.range_i64("Max", 11, None, Some(10));
    v.range_f64("Ratio", 1.5, Some(0.0), Some(1.0));
    v.range_f64("Ratio", 0.5, Some(0.0), Some(1.0));
    v.range_f64("Nan", f64::NAN, Some(0.0), None);
    v.enum_value("Color", "Purple", &["Red", "Green"]);
    v.enum_value("Color", "Red", &["Red", "Green"]);
    v.int_enum_value("Level", 7, &[1, 2]);
    v.unique_items("Ids", &[1, 2, 1, 2]);
    v.unique_items("Ids", &[1.5, 2.5]);
    assert!(!v.is_valid());
    let err = v.finish().unwrap_err();
    let expected = [
        ("Name", "required", "is required"),
        ("Title", "length", "length must be between 1 and 64, got 70"),
        ("Empty", "length", "length must be at least 1, got 0"),
        ("Tags", "length", "length must be at most 8, got 9"),
        ("Id", "pattern", "must match pattern ^[a-f0-9]{32}$"),
        ("Count", "range", "must be between 1 and 10, got 11"),
        ("Min", "range", "must be at least 0, got -1"),
        ("Max", "range", "must be at most 10, got 11"),
        ("Ratio", "range", "must be between 0 and 1, got 1.5"),
        ("Nan", "range", "must be at least 0, got NaN"),
        (
            "Color",
            "enum",
            r#"must be one of [Red, Green], got "Purple""#,
        ),
        ("Level", "enum", "must be one of [1, 2], got 7"),
        (
            "Ids",
            "uniqueItems",
            "items must be unique, but [0] equals [2]",
        ),
    ];
    let got: Vec<(&str, &str, &str)> = err
        .violations
        .iter()
        .map(|v| (v.path.as_str(), v.constraint.as_str(), v.message.as_str()))
        .collect();
    assert_eq!(got, expected);
    let text = err.to_string();
    assert_eq!(text.lines().count(), expected.len());
    assert!(
        text.starts_with("Name: is required\nTitle: length must be between 1 and 64, got 70\n")
    );
}

#[test]
fn validator_misc() {
    assert_eq!(Validator::new().finish(), Ok(()));

    // Invalid patterns fail closed, and are cached like valid ones.
    let mut v = Validator::new();
    v.pattern("P", "x", "(x");
    v.pattern("P", "x", "(x");
    let err = v.finish().unwrap_err();
    assert_eq!(err.violations.len(), 2);
    assert!(
        err.violations[0]
            .message
            .starts_with("pattern (x cannot be evaluated: ")
    );

    // Look-around, as real models use it (Customer Profiles' tag keys).
    let tag_key = "^(?!aws:)[a-zA-Z+-=._:/]+$";
    let mut v = Validator::new();
    v.pattern("Key", "team:data", tag_key);
    v.pattern("Key", "aws:reserved", tag_key);
    v.pattern("After", "price: $5", r"(?<=\$)\d");
    v.pattern("Backref", "abab", r"^(ab)\1$");
    let err = v.finish().unwrap_err();
    assert_eq!(
        err.to_string(),
        "Key: must match pattern ^(?!aws:)[a-zA-Z+-=._:/]+$"
    );

    // Precompiled variant.
    let re = compile_pattern("^a+$").unwrap();
    let mut v = Validator::new();
    v.pattern_regex("A", "aaa", &re, "^a+$");
    v.pattern_regex("A", "b", &re, "^a+$");
    assert_eq!(v.violations().len(), 1);

    // Nesting and custom violations.
    let mut inner = Validator::new();
    inner.required("Inner.X", &None::<i32>);
    let mut outer = Validator::new();
    outer.extend(inner.finish().unwrap_err());
    outer.violation("Outer", "custom", "is odd");
    let err = outer.finish().unwrap_err();
    assert_eq!(err.to_string(), "Inner.X: is required\nOuter: is odd");
    assert_eq!(
        err.violations[1],
        Violation {
            path: "Outer".into(),
            constraint: "custom".into(),
            message: "is odd".into()
        }
    );

    // Unicode-aware length is the caller's count.
    let mut v = Validator::new();
    v.length("S", "😀😀".chars().count(), Some(1), Some(2));
    assert!(v.is_valid());

    // Patterns are usable from several threads.
    let handles: Vec<_> = (0..4)
        .map(|i| {
            std::thread::spawn(move || {
                let mut v = Validator::new();
                v.pattern("T", &i.to_string(), "^[0-9]$");
                v.finish().is_ok()
            })
        })
        .collect();
    for h in handles {
        assert!(h.join().unwrap());
    }
}
