//! HTTP binding helpers.

use http::{HeaderMap, HeaderValue};
use serde_json::json;
use smithy_runtime_dev::http::{self as h, QueryParams};
use smithy_runtime_dev::timestamp::{Timestamp, TimestampFormat};

#[test]
fn label_encoding() {
    assert_eq!(h::encode_label("a/b c:1+2", false), "a%2Fb%20c%3A1%2B2");
    assert_eq!(h::encode_label("a/b c:1+2", true), "a/b%20c%3A1%2B2");
    let special = " %:/?#[]@!$&'()*+,;=😀";
    assert_eq!(
        h::encode_label(special, false),
        "%20%25%3A%2F%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%80"
    );
    assert_eq!(
        h::encode_label(special, true),
        "%20%25%3A/%3F%23%5B%5D%40%21%24%26%27%28%29%2A%2B%2C%3B%3D%F0%9F%98%80"
    );
    assert_eq!(h::encode_label("AZaz09-._~", false), "AZaz09-._~");
    assert_eq!(h::encode_label("é", false), "%C3%A9");
    assert_eq!(h::encode_label("", false), "");
}

#[test]
fn query_encoding() {
    assert_eq!(h::encode_query("a b&c=d/e+f"), "a%20b%26c%3Dd%2Fe%2Bf");
    assert_eq!(h::encode_query("AZaz09-._~"), "AZaz09-._~");

    let mut q = QueryParams::new();
    assert!(q.is_empty());
    assert_eq!(q.to_query_string(), "");
    q.push("tag", "a b");
    q.push("tag", "c&d");
    q.push("empty", "");
    q.push("k y", "😀");
    assert!(q.contains_key("tag"));
    assert!(q.contains_key("k y"));
    assert!(!q.contains_key("missing"));
    assert!(!q.is_empty());
    assert_eq!(q.len(), 4);
    assert_eq!(
        q.to_query_string(),
        "tag=a%20b&tag=c%26d&empty=&k%20y=%F0%9F%98%80"
    );
    let pairs: Vec<(&str, &str)> = q.iter().collect();
    assert_eq!(pairs[0], ("tag", "a b"));

    let parsed = h::parse_query_string(&q.to_query_string()).unwrap();
    assert_eq!(
        parsed,
        vec![
            ("tag".to_owned(), "a b".to_owned()),
            ("tag".to_owned(), "c&d".to_owned()),
            ("empty".to_owned(), String::new()),
            ("k y".to_owned(), "😀".to_owned()),
        ]
    );
    assert_eq!(
        h::parse_query_string("flag&a=1+2").unwrap(),
        vec![
            ("flag".to_owned(), String::new()),
            ("a".to_owned(), "1+2".to_owned())
        ]
    );
    assert!(h::parse_query_string("a=%FF").is_err());
}

#[test]
fn scalar_formatting() {
    assert_eq!(h::fmt_bool(true), "true");
    assert_eq!(h::fmt_bool(false), "false");
    assert_eq!(h::fmt_f64(f64::NAN), "NaN");
    assert_eq!(h::fmt_f64(f64::INFINITY), "Infinity");
    assert_eq!(h::fmt_f64(f64::NEG_INFINITY), "-Infinity");
    assert_eq!(h::fmt_f64(1.0), "1");
    assert_eq!(h::fmt_f64(1.5), "1.5");
    assert_eq!(h::fmt_f64(0.1), "0.1");
    assert_eq!(h::fmt_f64(-2.25), "-2.25");
    assert_eq!(h::fmt_f32(1.1), "1.1");
    assert_eq!(h::fmt_f32(f32::NAN), "NaN");
    assert_eq!(h::fmt_f32(f32::NEG_INFINITY), "-Infinity");
    assert_eq!(h::fmt_f32(3.0), "3");
}

#[test]
fn header_list_round_trip() {
    let items: Vec<String> = ["b,c", "\"def\"", "a", "back\\slash", "", " padded "]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let header = h::fmt_header_list(&items);
    assert_eq!(header, r#""b,c", "\"def\"", a, back\slash, "", " padded ""#);
    assert_eq!(h::parse_header_list(&header), items);

    let quoted_backslash = vec!["a\\\"b".to_owned()];
    let header = h::fmt_header_list(&quoted_backslash);
    assert_eq!(header, r#""a\\\"b""#);
    assert_eq!(h::parse_header_list(&header), quoted_backslash);

    assert_eq!(h::fmt_header_list(&["x", "y"]), "x, y");
    assert_eq!(h::fmt_header_list::<String>(&[]), "");
    assert_eq!(h::parse_header_list(""), Vec::<String>::new());
    assert_eq!(h::parse_header_list("  "), Vec::<String>::new());
    assert_eq!(h::parse_header_list("a,b ,  c"), vec!["a", "b", "c"]);
    assert_eq!(h::parse_header_list(r#""a, b" , c"#), vec!["a, b", "c"]);
    // Unterminated quote: the rest is the item.
    assert_eq!(h::parse_header_list(r#""abc"#), vec!["abc"]);
}

#[test]
fn http_date_lists() {
    let value = "Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 23:48:18 GMT";
    let dates = h::parse_http_date_list(value).unwrap();
    assert_eq!(
        dates,
        vec![
            Timestamp::from_secs(1_576_540_098),
            Timestamp::from_secs(1_576_626_498)
        ]
    );
    assert_eq!(
        h::fmt_timestamp_list(&dates, TimestampFormat::HttpDate),
        value
    );
    assert_eq!(
        h::fmt_timestamp_list(&dates, TimestampFormat::DateTime),
        "2019-12-16T23:48:18Z, 2019-12-17T23:48:18Z"
    );
    assert_eq!(h::parse_http_date_list("").unwrap(), vec![]);
    assert!(h::parse_http_date_list("Mon, 16 Dec 2019 23:48:18 GMT, Tue").is_err());
}

#[test]
fn header_scalars() {
    assert_eq!(h::parse_header_bool("X-B", "true"), Ok(true));
    assert_eq!(h::parse_header_bool("X-B", " FALSE "), Ok(false));
    assert_eq!(
        h::parse_header_bool("X-B", "yes"),
        Err("header `X-B`: invalid boolean `yes`".to_owned())
    );
    assert_eq!(h::parse_header_i8("X", "-128"), Ok(-128));
    assert_eq!(h::parse_header_i16("X", "300"), Ok(300));
    assert_eq!(h::parse_header_i32("X-Count", " 42 "), Ok(42));
    assert_eq!(
        h::parse_header_i32("X-Count", "3000000000"),
        Err("header `X-Count`: invalid 32-bit integer `3000000000`".to_owned())
    );
    assert_eq!(
        h::parse_header_i64("X", "-9223372036854775808"),
        Ok(i64::MIN)
    );
    assert!(h::parse_header_i64("X", "1.0").is_err());
    assert!(h::parse_header_f64("X", "NaN").unwrap().is_nan());
    assert_eq!(h::parse_header_f64("X", "Infinity"), Ok(f64::INFINITY));
    assert_eq!(h::parse_header_f64("X", "-Infinity"), Ok(f64::NEG_INFINITY));
    assert_eq!(h::parse_header_f64("X", "1.5e3"), Ok(1500.0));
    assert_eq!(
        h::parse_header_f64("X-F", "inf"),
        Err("header `X-F`: invalid number `inf`".to_owned())
    );
    assert!(h::parse_header_f32("X", "nan").is_err());
    assert!(h::parse_header_f32("X", "NaN").unwrap().is_nan());
    assert_eq!(h::parse_header_f32("X", "1.1"), Ok(1.1f32));
    assert_eq!(
        h::parse_header_timestamp(
            "X-T",
            "Mon, 16 Dec 2019 23:48:18 GMT",
            TimestampFormat::HttpDate
        ),
        Ok(Timestamp::from_secs(1_576_540_098))
    );
    let err = h::parse_header_timestamp("X-T", "nope", TimestampFormat::HttpDate).unwrap_err();
    assert!(
        err.starts_with("header `X-T`: invalid http-date timestamp `nope`"),
        "{err}"
    );
}

#[test]
fn header_access() {
    let mut headers = HeaderMap::new();
    headers.insert("x-a", HeaderValue::from_static("hello"));
    headers.insert("x-bin", HeaderValue::from_bytes(b"caf\xc3\xa9").unwrap());
    headers.append("x-list", HeaderValue::from_static("a, \"b,c\""));
    headers.append("x-list", HeaderValue::from_static("d"));
    headers.insert("x-meta-one", HeaderValue::from_static("1"));
    headers.append("X-Meta-Two", HeaderValue::from_static("2"));
    headers.append("x-meta-two", HeaderValue::from_static("3"));

    assert_eq!(h::header_str(&headers, "X-A"), Ok(Some("hello")));
    assert_eq!(h::header_str(&headers, "x-missing"), Ok(None));
    assert_eq!(
        h::header_str(&headers, "x-bin"),
        Err("header `x-bin` is not visible ASCII".to_owned())
    );
    assert_eq!(
        h::header_list(&headers, "x-list"),
        Ok(Some(vec!["a".to_owned(), "b,c".to_owned(), "d".to_owned()]))
    );
    assert_eq!(h::header_list(&headers, "x-none"), Ok(None));
    let meta = h::prefix_headers(&headers, "X-Meta-").unwrap();
    assert_eq!(meta.len(), 2);
    assert_eq!(meta["one"], "1");
    assert_eq!(meta["two"], "2, 3");
}

#[test]
fn error_codes() {
    let none = HeaderMap::new();
    let mut with_header = HeaderMap::new();
    with_header.insert(
        "X-Amzn-Errortype",
        HeaderValue::from_static("aws.example#FooError:http://internal.example/"),
    );
    let body = json!({"code": "BodyCode", "__type": "ns#TypeCode"});
    assert_eq!(
        h::error_code(&with_header, &body).as_deref(),
        Some("FooError")
    );
    assert_eq!(h::error_code(&none, &body).as_deref(), Some("BodyCode"));
    assert_eq!(
        h::error_code(
            &none,
            &json!({"__type": "aws.protocoltests.restjson#FooError"})
        )
        .as_deref(),
        Some("FooError")
    );
    assert_eq!(
        h::error_code(&none, &json!({"__type": "aws.protocoltests.restjson#FooError:http://internal.amazon.com/coral/com.amazon.coral.validate/"})).as_deref(),
        Some("FooError")
    );
    assert_eq!(
        h::error_code(&none, &json!({"code": "Plain"})).as_deref(),
        Some("Plain")
    );
    assert_eq!(h::error_code(&none, &json!({})), None);
    assert_eq!(h::error_code(&none, &json!({"__type": ""})), None);
    assert_eq!(h::error_code(&none, &json!({"__type": "ns#"})), None);
    assert_eq!(h::error_code(&none, &json!({"code": 5})), None);
    assert_eq!(h::error_code(&none, &json!([1])), None);

    assert_eq!(
        h::error_message(&json!({"message": "m"})).as_deref(),
        Some("m")
    );
    assert_eq!(
        h::error_message(&json!({"Message": "M"})).as_deref(),
        Some("M")
    );
    assert_eq!(
        h::error_message(&json!({"errorMessage": "e"})).as_deref(),
        Some("e")
    );
    assert_eq!(
        h::error_message(&json!({"message": 1, "Message": "M"})).as_deref(),
        Some("M")
    );
    assert_eq!(h::error_message(&json!({})), None);

    let mut ids = HeaderMap::new();
    assert_eq!(h::request_id(&ids), None);
    ids.insert("x-amz-request-id", HeaderValue::from_static("second"));
    assert_eq!(h::request_id(&ids).as_deref(), Some("second"));
    ids.insert("x-amzn-requestid", HeaderValue::from_static("first"));
    assert_eq!(h::request_id(&ids).as_deref(), Some("first"));
}
