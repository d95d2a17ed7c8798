//! restJson1 wire behaviour of the crate generated from our own fixture model
//! (`tests/fixtures/bindings/model.json` → `tests/fixtures/bindings/crate`):
//! the bindings `GetUploadJob` does not use. Every case states the exact bytes
//! expected: method, full URI, each header and the body of requests; every
//! parsed field of responses and errors.

use std::collections::HashMap;

use bindings_fixture::RequestId;
use bindings_fixture::error::{ConflictError, NotFoundError, ServiceUnavailableError};
use bindings_fixture::operation::{
    blob_payload, get_object, headers, image_payload, json_body, naming, ping, query_all,
    query_multi, struct_payload, text_payload, typed_labels, validate,
};
use bindings_fixture::rt::big_number::{BigDecimal, BigInteger};
use bindings_fixture::types::{Choice, Color, Inner, Keyword, Node, Priority};
use bindings_fixture::{Blob, Timestamp};
use serde_json::{Value, json};

const EP: &str = "https://svc.example.com";

/// 2019-12-16T23:48:18Z, a Monday.
const T1: i64 = 1_576_540_098;

fn ts(text: &str) -> Timestamp {
    Timestamp::parse_date_time(text).expect("test timestamp parses")
}

/// Every header of a request as `(lowercase name, value)`, sorted by name (then by order).
fn header_list(headers: &http::HeaderMap) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = headers
        .iter()
        .map(|(k, v)| {
            (
                k.as_str().to_owned(),
                v.to_str().expect("ascii header").to_owned(),
            )
        })
        .collect();
    out.sort_by(|a, b| a.0.cmp(&b.0));
    out
}

/// Asserts method, full URI, the exact header set and the exact body.
#[track_caller]
fn check_request(
    case: &str,
    req: &http::Request<Vec<u8>>,
    method: &str,
    uri: &str,
    headers: &[(&str, &str)],
    body: &[u8],
) {
    assert_eq!(req.method().as_str(), method, "{case}: method");
    assert_eq!(req.uri().to_string(), uri, "{case}: uri");
    let expected: Vec<(String, String)> = {
        let mut v: Vec<(String, String)> = headers
            .iter()
            .map(|(k, v)| (k.to_ascii_lowercase(), (*v).to_owned()))
            .collect();
        v.sort_by(|a, b| a.0.cmp(&b.0));
        v
    };
    assert_eq!(header_list(req.headers()), expected, "{case}: headers");
    assert_eq!(
        String::from_utf8_lossy(req.body()),
        String::from_utf8_lossy(body),
        "{case}: body"
    );
}

fn response(status: u16, headers: &[(&str, &str)], body: &[u8]) -> http::Response<Vec<u8>> {
    let mut builder = http::Response::builder().status(status);
    for (k, v) in headers {
        builder = builder.header(*k, *v);
    }
    builder.body(body.to_vec()).expect("valid test response")
}

fn node(value: &str) -> Node {
    Node::builder().value(value).build()
}

// ---------------------------------------------------------------------------
// URI labels
// ---------------------------------------------------------------------------

#[test]
fn labels_are_percent_encoded_and_greedy_labels_keep_slashes() {
    // (bucket, key, expected URI)
    let cases = [
        (
            "plain",
            "file.txt",
            "https://svc.example.com/objects/plain/file.txt",
        ),
        // Only A-Z a-z 0-9 - . _ ~ stay as they are; a non-greedy label encodes `/`.
        (
            "my bucket/x",
            "k",
            "https://svc.example.com/objects/my%20bucket%2Fx/k",
        ),
        (
            "AZaz09-._~",
            "AZaz09-._~",
            "https://svc.example.com/objects/AZaz09-._~/AZaz09-._~",
        ),
        // The greedy label keeps `/` but encodes everything else, UTF-8 byte by byte.
        (
            "b",
            "dir one/sub/ü é.txt",
            "https://svc.example.com/objects/b/dir%20one/sub/%C3%BC%20%C3%A9.txt",
        ),
        (
            "b",
            "!*'();:@&=+$,?#[]%",
            "https://svc.example.com/objects/b/%21%2A%27%28%29%3B%3A%40%26%3D%2B%24%2C%3F%23%5B%5D%25",
        ),
        ("b", "a//b/", "https://svc.example.com/objects/b/a//b/"),
    ];
    for (bucket, key, uri) in cases {
        let input = get_object::GetObjectInput::builder()
            .bucket(bucket)
            .key(key)
            .build()
            .unwrap();
        let req = get_object::build_request(&input, EP).unwrap();
        check_request(&format!("{bucket} / {key}"), &req, "GET", uri, &[], b"");
    }
}

#[test]
fn endpoint_path_prefixes_the_operation_path() {
    let input = get_object::GetObjectInput::builder()
        .bucket("b")
        .key("k")
        .build()
        .unwrap();
    for endpoint in [
        "https://svc.example.com/base",
        "https://svc.example.com/base/",
    ] {
        let req = get_object::build_request(&input, endpoint).unwrap();
        assert_eq!(
            req.uri().to_string(),
            "https://svc.example.com/base/objects/b/k"
        );
    }
}

#[test]
fn unset_or_empty_labels_are_errors_naming_the_member() {
    let mut unset = get_object::GetObjectInput::default();
    unset.bucket = Some("b".into());
    let mut empty = get_object::GetObjectInput::default();
    empty.bucket = Some(String::new());
    empty.key = Some("k".into());
    let mut empty_greedy = get_object::GetObjectInput::default();
    empty_greedy.bucket = Some("b".into());
    empty_greedy.key = Some(String::new());
    for (input, member) in [(unset, "Key"), (empty, "Bucket"), (empty_greedy, "Key")] {
        let err = get_object::build_request(&input, EP).unwrap_err();
        assert_eq!(err.member(), Some(member));
        assert_eq!(
            err.to_string(),
            format!("cannot build request: label `{member}` is unset or empty")
        );
    }
}

#[test]
fn typed_labels_are_formatted_then_encoded() {
    let day = "Mon%2C%2016%20Dec%202019%2023%3A48%3A18%20GMT";
    // (count, enabled, at, ratio, expected URI); Epoch (member format epoch-seconds) is T1,
    // Day (target format http-date) is T1.
    let cases: Vec<(i32, bool, Timestamp, f64, String)> = vec![
        (
            1,
            true,
            Timestamp::from_secs(T1),
            4.1,
            format!("/labels/1/true/2019-12-16T23%3A48%3A18Z/4.1/1576540098/{day}"),
        ),
        (
            -5,
            false,
            Timestamp::from_millis(T1 * 1000 + 500),
            f64::NAN,
            format!("/labels/-5/false/2019-12-16T23%3A48%3A18.500Z/NaN/1576540098/{day}"),
        ),
        (
            0,
            true,
            ts("2019-12-17T01:48:18+02:00"),
            f64::INFINITY,
            format!("/labels/0/true/2019-12-16T23%3A48%3A18Z/Infinity/1576540098/{day}"),
        ),
        (
            i32::MAX,
            true,
            Timestamp::from_secs(0),
            f64::NEG_INFINITY,
            format!("/labels/2147483647/true/1970-01-01T00%3A00%3A00Z/-Infinity/1576540098/{day}"),
        ),
        (
            7,
            true,
            Timestamp::from_secs(T1),
            1.0,
            format!("/labels/7/true/2019-12-16T23%3A48%3A18Z/1/1576540098/{day}"),
        ),
        (
            7,
            true,
            Timestamp::from_secs(T1),
            -0.25,
            format!("/labels/7/true/2019-12-16T23%3A48%3A18Z/-0.25/1576540098/{day}"),
        ),
    ];
    for (count, enabled, at, ratio, path) in cases {
        let input = typed_labels::TypedLabelsInput::builder()
            .count(count)
            .enabled(enabled)
            .at(at)
            .ratio(ratio)
            .epoch(Timestamp::from_secs(T1))
            .day(Timestamp::from_secs(T1))
            .build()
            .unwrap();
        let req = typed_labels::build_request(&input, EP).unwrap();
        check_request(&path, &req, "GET", &format!("{EP}{path}"), &[], b"");
    }
}

// ---------------------------------------------------------------------------
// Query strings
// ---------------------------------------------------------------------------

#[test]
fn query_bindings() {
    let lit = "https://svc.example.com/q?flag&mode=fixed";
    let mut cases: Vec<(&str, query_all::QueryAllInput, String)> = Vec::new();

    // Unset members are omitted; the literal query of the URI is always sent verbatim.
    cases.push(("unset", query_all::QueryAllInput::default(), lit.to_owned()));

    let mut all = query_all::QueryAllInput::default();
    all.text = Some("hello world & more+".into());
    all.tags = Some(vec!["a".into(), "b c".into(), String::new(), "ü".into()]);
    all.count = Some(-3);
    all.enabled = Some(false);
    all.at = Some(Timestamp::from_millis(T1 * 1000 + 250));
    all.day = Some(Timestamp::from_secs(T1));
    all.epoch = Some(Timestamp::from_millis(T1 * 1000 + 500));
    all.color = Some(Color::LightBlue);
    all.ratio = Some(f64::NAN);
    all.kay = Some("explicit".into());
    all.params = Some(HashMap::from([
        ("z".to_owned(), "last".to_owned()),
        ("k".to_owned(), "from-map".to_owned()),
        ("a b".to_owned(), "first=1".to_owned()),
        ("flag".to_owned(), "from-map".to_owned()),
    ]));
    cases.push((
        "everything",
        all,
        format!(
            "{lit}&text=hello%20world%20%26%20more%2B&tag=a&tag=b%20c&tag=&tag=%C3%BC&count=-3&enabled=false\
             &at=2019-12-16T23%3A48%3A18.250Z&day=Mon%2C%2016%20Dec%202019%2023%3A48%3A18%20GMT\
             &epoch=1576540098.5&color=light%20blue&ratio=NaN&k=explicit&a%20b=first%3D1&z=last"
        ),
    ));

    // Empty string gives `key=`; an empty list sends nothing.
    let mut empty = query_all::QueryAllInput::default();
    empty.text = Some(String::new());
    empty.tags = Some(vec![]);
    cases.push(("empty", empty, format!("{lit}&text=")));

    // A set `@httpQuery` list wins over the map's same key even when empty.
    let mut empty_list = query_all::QueryAllInput::default();
    empty_list.tags = Some(vec![]);
    empty_list.params = Some(HashMap::from([
        ("tag".to_owned(), "from-map".to_owned()),
        ("other".to_owned(), "kept".to_owned()),
    ]));
    cases.push((
        "empty list claims its key",
        empty_list,
        format!("{lit}&other=kept"),
    ));

    // Without the `@httpQuery("k")` member set, the map's `k` is sent.
    let mut map_only = query_all::QueryAllInput::default();
    map_only.params = Some(HashMap::from([("k".to_owned(), "from-map".to_owned())]));
    cases.push(("map only", map_only, format!("{lit}&k=from-map")));

    for ratio in [
        (f64::INFINITY, "Infinity"),
        (f64::NEG_INFINITY, "-Infinity"),
        (0.5, "0.5"),
    ] {
        let mut input = query_all::QueryAllInput::default();
        input.ratio = Some(ratio.0);
        cases.push(("ratio", input, format!("{lit}&ratio={}", ratio.1)));
    }

    for (case, input, uri) in cases {
        let req = query_all::build_request(&input, EP).unwrap();
        check_request(case, &req, "GET", &uri, &[], b"");
    }
}

#[test]
fn query_params_map_of_lists_repeats_keys() {
    let mut input = query_multi::QueryMultiInput::default();
    input.single = Some("s".into());
    input.params = Some(HashMap::from([
        ("b".to_owned(), vec!["2".to_owned(), "1".to_owned()]),
        ("a".to_owned(), vec!["x y".to_owned()]),
        ("none".to_owned(), vec![]),
        ("single".to_owned(), vec!["from-map".to_owned()]),
    ]));
    let req = query_multi::build_request(&input, EP).unwrap();
    check_request(
        "multi",
        &req,
        "GET",
        "https://svc.example.com/multi?single=s&a=x%20y&b=2&b=1",
        &[],
        b"",
    );

    let req = query_multi::build_request(&query_multi::QueryMultiInput::default(), EP).unwrap();
    check_request(
        "multi unset",
        &req,
        "GET",
        "https://svc.example.com/multi",
        &[],
        b"",
    );
}

// ---------------------------------------------------------------------------
// Headers
// ---------------------------------------------------------------------------

fn all_headers_input() -> headers::HeadersInput {
    headers::HeadersInput::builder()
        .text("plain text")
        .count(-7)
        .enabled(true)
        .tags(vec![
            "a".into(),
            "b,c".into(),
            "say \"hi\"".into(),
            String::new(),
            " pad ".into(),
        ])
        .when(Timestamp::from_millis(T1 * 1000 + 123))
        .when_iso(Timestamp::from_millis(T1 * 1000 + 123))
        .dates(vec![Timestamp::from_secs(T1), ts("2019-12-17T00:00:00Z")])
        .json("{\"a\":1}")
        .ratio(f64::INFINITY)
        .meta(HashMap::from([
            ("Color".to_owned(), "blue".to_owned()),
            ("size".to_owned(), "L".to_owned()),
        ]))
        .build()
}

#[test]
fn request_headers() {
    let req = headers::build_request(&all_headers_input(), EP).unwrap();
    check_request(
        "all headers",
        &req,
        "POST",
        "https://svc.example.com/headers",
        &[
            ("x-text", "plain text"),
            ("x-count", "-7"),
            ("x-enabled", "true"),
            // Comma-joined; items with `,` or `"` (and empty or padded ones) quoted, `"` escaped.
            ("x-tags", r#"a, "b,c", "say \"hi\"", "", " pad ""#),
            // Timestamps default to http-date in headers; the member's @timestampFormat wins.
            ("x-when", "Mon, 16 Dec 2019 23:48:18 GMT"),
            ("x-when-iso", "2019-12-16T23:48:18.123Z"),
            (
                "x-dates",
                "Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 00:00:00 GMT",
            ),
            // @mediaType strings are base64 in headers.
            ("x-json", "eyJhIjoxfQ=="),
            ("x-ratio", "Infinity"),
            ("x-meta-color", "blue"),
            ("x-meta-size", "L"),
        ],
        b"",
    );

    // Unset members send no header; no body members means no body and no Content-Type.
    let req = headers::build_request(&headers::HeadersInput::default(), EP).unwrap();
    check_request(
        "no headers",
        &req,
        "POST",
        "https://svc.example.com/headers",
        &[],
        b"",
    );

    // An empty string is still sent; NaN and booleans as text.
    // Empty lists have no value, so their headers are left out.
    let input = headers::HeadersInput::builder()
        .text("")
        .ratio(f64::NAN)
        .enabled(false)
        .tags(vec![])
        .dates(vec![])
        .build();
    let req = headers::build_request(&input, EP).unwrap();
    check_request(
        "empty header",
        &req,
        "POST",
        "https://svc.example.com/headers",
        &[("x-text", ""), ("x-ratio", "NaN"), ("x-enabled", "false")],
        b"",
    );
}

#[test]
fn invalid_header_values_and_names_are_errors() {
    let input = headers::HeadersInput::builder().text("line\nbreak").build();
    let err = headers::build_request(&input, EP).unwrap_err();
    assert_eq!(err.member(), Some("Text"));
    assert_eq!(
        err.to_string(),
        "cannot build request: member `Text` is not a valid value for header `X-Text`"
    );

    let input = headers::HeadersInput::builder()
        .meta(HashMap::from([("bad key".to_owned(), "v".to_owned())]))
        .build();
    let err = headers::build_request(&input, EP).unwrap_err();
    assert_eq!(err.member(), Some("Meta"));
    assert_eq!(
        err.to_string(),
        "cannot build request: member `Meta` yields invalid header name `X-Meta-bad key`"
    );
}

#[test]
fn response_headers_bind_to_output_members() {
    let resp = response(
        202,
        &[
            ("X-Text", "plain text"),
            ("X-Count", " -7 "),
            ("X-Enabled", "TRUE"),
            ("X-Tags", r#"a, "b,c", "say \"hi\"", """#),
            ("X-Tags", "d"),
            ("X-When", "Mon, 16 Dec 2019 23:48:18 GMT"),
            ("X-When-Iso", "2019-12-17T01:48:18.123+02:00"),
            (
                "X-Dates",
                "Mon, 16 Dec 2019 23:48:18 GMT, Tue, 17 Dec 2019 00:00:00 GMT",
            ),
            ("X-Dates", "Wed, 18 Dec 2019 00:00:00 GMT"),
            ("X-Json", "eyJhIjoxfQ=="),
            ("X-Ratio", "-Infinity"),
            ("X-Meta-Color", "blue"),
            ("x-meta-size", "L"),
            ("x-amzn-requestid", "req-headers"),
        ],
        b"",
    );
    let out = headers::parse_response(&resp).unwrap();
    assert_eq!(out.text.as_deref(), Some("plain text"));
    assert_eq!(out.count, Some(-7));
    assert_eq!(out.enabled, Some(true));
    assert_eq!(
        out.tags,
        Some(vec![
            "a".into(),
            "b,c".into(),
            "say \"hi\"".into(),
            String::new(),
            "d".into()
        ])
    );
    assert_eq!(out.when, Some(Timestamp::from_secs(T1)));
    assert_eq!(out.when_iso, Some(Timestamp::from_millis(T1 * 1000 + 123)));
    assert_eq!(
        out.dates,
        Some(vec![
            Timestamp::from_secs(T1),
            ts("2019-12-17T00:00:00Z"),
            ts("2019-12-18T00:00:00Z")
        ])
    );
    assert_eq!(out.json.as_deref(), Some("{\"a\":1}"));
    assert_eq!(out.ratio, Some(f64::NEG_INFINITY));
    // Prefix-header keys are the rest of the (lowercased) header name.
    assert_eq!(
        out.meta,
        Some(HashMap::from([
            ("color".to_owned(), "blue".to_owned()),
            ("size".to_owned(), "L".to_owned())
        ]))
    );
    assert_eq!(out.code, Some(202));
    assert_eq!(out.request_id(), Some("req-headers"));

    // No headers at all: everything unset (the status code is always bound).
    let out = headers::parse_response(&response(200, &[], b"")).unwrap();
    assert_eq!(out.text, None);
    assert_eq!(out.tags, None);
    assert_eq!(out.meta, None);
    assert_eq!(out.code, Some(200));
    assert_eq!(out.request_id(), None);
}

#[test]
fn outputs_without_body_members_ignore_the_body() {
    for body in [&b""[..], b"{}", b"OK", b"<html></html>"] {
        let out = headers::parse_response(&response(202, &[("X-Count", "1")], body)).unwrap();
        assert_eq!(out.count, Some(1));
        assert_eq!(out.code, Some(202));
        assert!(typed_labels::parse_response(&response(200, &[], body)).is_ok());
    }
}

#[test]
fn invalid_response_headers_are_errors_naming_the_header() {
    let cases = [
        (
            ("X-Count", "3000000000"),
            "header `X-Count`: invalid 32-bit integer `3000000000`",
        ),
        (
            ("X-Enabled", "yes"),
            "header `X-Enabled`: invalid boolean `yes`",
        ),
        (("X-Ratio", "inf"), "header `X-Ratio`: invalid number `inf`"),
    ];
    for ((name, value), message) in cases {
        let err = headers::parse_response(&response(200, &[(name, value)], b"")).unwrap_err();
        let headers::HeadersError::InvalidResponse(e) = err else {
            panic!("{name}: expected InvalidResponse, got {err:?}");
        };
        assert_eq!(e.message(), message);
        assert_eq!(e.status(), 200);
    }
    let err = headers::parse_response(&response(200, &[("X-When", "yesterday")], b"")).unwrap_err();
    let headers::HeadersError::InvalidResponse(e) = err else {
        panic!("{err:?}")
    };
    assert!(
        e.message()
            .starts_with("header `X-When`: invalid http-date timestamp `yesterday`"),
        "{}",
        e.message()
    );
}

// ---------------------------------------------------------------------------
// Payloads
// ---------------------------------------------------------------------------

#[test]
fn payload_requests() {
    let bytes = b"\x00\x01binary\xff".to_vec();
    let req = blob_payload::build_request(
        &blob_payload::BlobPayloadInput::builder()
            .data(Blob::new(bytes.clone()))
            .build(),
        EP,
    )
    .unwrap();
    check_request(
        "blob",
        &req,
        "PUT",
        "https://svc.example.com/blob",
        &[("content-type", "application/octet-stream")],
        &bytes,
    );
    assert_eq!(req.body(), &bytes);

    // A member bound to `Content-Type` replaces the default, never adds a second one.
    let req = blob_payload::build_request(
        &blob_payload::BlobPayloadInput::builder()
            .data(Blob::new(bytes.clone()))
            .content_type("image/png")
            .build(),
        EP,
    )
    .unwrap();
    check_request(
        "blob with content type",
        &req,
        "PUT",
        "https://svc.example.com/blob",
        &[("content-type", "image/png")],
        &bytes,
    );
    assert_eq!(req.headers().get_all("content-type").iter().count(), 1);

    let req = blob_payload::build_request(&blob_payload::BlobPayloadInput::default(), EP).unwrap();
    check_request(
        "blob unset",
        &req,
        "PUT",
        "https://svc.example.com/blob",
        &[],
        b"",
    );

    let png = b"\x89PNG\r\n\x1a\n".to_vec();
    let req = image_payload::build_request(
        &image_payload::ImagePayloadInput::builder()
            .image(Blob::new(png.clone()))
            .build(),
        EP,
    )
    .unwrap();
    check_request(
        "png",
        &req,
        "PUT",
        "https://svc.example.com/image",
        &[("content-type", "image/png")],
        &png,
    );

    let req = text_payload::build_request(
        &text_payload::TextPayloadInput::builder()
            .text("héllo, world")
            .build(),
        EP,
    )
    .unwrap();
    check_request(
        "text",
        &req,
        "PUT",
        "https://svc.example.com/text",
        &[("content-type", "text/plain")],
        "héllo, world".as_bytes(),
    );

    let tree = Node::builder()
        .value("root")
        .next(node("n"))
        .children(vec![node("c")])
        .build();
    let req = struct_payload::build_request(
        &struct_payload::StructPayloadInput::builder()
            .tree(tree)
            .build(),
        EP,
    )
    .unwrap();
    assert_eq!(req.headers()["content-type"], "application/json");
    let body: Value = serde_json::from_slice(req.body()).unwrap();
    assert_eq!(
        body,
        json!({"value": "root", "next": {"value": "n"}, "children": [{"value": "c"}]})
    );

    let req =
        struct_payload::build_request(&struct_payload::StructPayloadInput::default(), EP).unwrap();
    check_request(
        "struct unset",
        &req,
        "PUT",
        "https://svc.example.com/struct",
        &[],
        b"",
    );
}

#[test]
fn payload_responses() {
    let bytes = b"\x00{not json}\xff";
    let out = blob_payload::parse_response(&response(200, &[("X-Size", "11")], bytes)).unwrap();
    assert_eq!(out.data.as_ref().map(Blob::as_bytes), Some(&bytes[..]));
    assert_eq!(out.size, Some(11));
    let out = blob_payload::parse_response(&response(200, &[], b"")).unwrap();
    assert_eq!(out.data, None);

    let out =
        image_payload::parse_response(&response(200, &[("Content-Type", "image/png")], b"\x89PNG"))
            .unwrap();
    assert_eq!(
        out.image.as_ref().map(Blob::as_bytes),
        Some(&b"\x89PNG"[..])
    );

    let out = text_payload::parse_response(&response(200, &[], "héllo".as_bytes())).unwrap();
    assert_eq!(out.text.as_deref(), Some("héllo"));
    let err = text_payload::parse_response(&response(200, &[], b"\xff\xfe")).unwrap_err();
    let text_payload::TextPayloadError::InvalidResponse(e) = err else {
        panic!("{err:?}")
    };
    assert_eq!(e.message(), "the text payload is not UTF-8");

    let out = struct_payload::parse_response(&response(
        200,
        &[],
        br#"{"value": "root", "next": {"value": "n", "unknown": 1}, "children": [{"value": "c"}, null]}"#,
    ))
    .unwrap();
    let tree = out.tree.expect("payload set");
    assert_eq!(tree.value.as_deref(), Some("root"));
    assert_eq!(
        tree.next.as_ref().and_then(|n| n.value.as_deref()),
        Some("n")
    );
    assert_eq!(tree.children, Some(vec![node("c")]));
    let out = struct_payload::parse_response(&response(200, &[], b"  ")).unwrap();
    assert_eq!(out.tree, None);

    // GetObject: blob payload, Content-Type header and the status code bound to members.
    let out = get_object::parse_response(&response(
        206,
        &[("Content-Type", "text/csv"), ("x-amz-request-id", "amz-1")],
        b"a,b\n1,2\n",
    ))
    .unwrap();
    assert_eq!(
        out.body.as_ref().map(Blob::as_bytes),
        Some(&b"a,b\n1,2\n"[..])
    );
    assert_eq!(out.content_type.as_deref(), Some("text/csv"));
    assert_eq!(out.status, Some(206));
    assert_eq!(out.request_id(), Some("amz-1"));
}

// ---------------------------------------------------------------------------
// JSON bodies: requests
// ---------------------------------------------------------------------------

#[test]
fn input_with_no_body_members_set_sends_an_empty_object() {
    let req = json_body::build_request(&json_body::JsonBodyInput::default(), EP).unwrap();
    check_request(
        "empty",
        &req,
        "POST",
        "https://svc.example.com/json",
        &[("content-type", "application/json")],
        b"{}",
    );
}

fn everything_input() -> json_body::JsonBodyInput {
    json_body::JsonBodyInput::builder()
        .blob(Blob::new(b"hi\x00\xff".to_vec()))
        .float(0.1)
        .double(f64::NAN)
        .big_int(
            "123456789012345678901234567890"
                .parse::<BigInteger>()
                .unwrap(),
        )
        .big_dec(
            "-1234567890.123456789012345678901"
                .parse::<BigDecimal>()
                .unwrap(),
        )
        .epoch(Timestamp::from_millis(T1 * 1000 + 500))
        .iso(Timestamp::from_millis(T1 * 1000 + 500))
        .iso_target(Timestamp::from_secs(T1))
        .iso_target_as_epoch(Timestamp::from_secs(T1))
        .sparse_list(vec![Some("a".into()), None])
        .sparse_map(HashMap::from([
            ("x".to_owned(), None),
            ("y".to_owned(), Some("b".to_owned())),
        ]))
        .dense_list(vec![1, 2])
        .dense_map(HashMap::from([("k".to_owned(), "v".to_owned())]))
        .choice(Choice::Nothing)
        .tree(
            Node::builder()
                .value("root")
                .next(node("n"))
                .children(vec![node("c")])
                .build(),
        )
        .priority(Priority::High)
        .doc(json!({"any": [1, "two", null, {"x": true}]}))
        .renamed("r")
        .count(42)
        .color(Color::LightBlue)
        .build()
}

#[test]
fn json_body_request_encodes_every_type() {
    let req = json_body::build_request(&everything_input(), EP).unwrap();
    assert_eq!(req.method(), "POST");
    assert_eq!(req.uri(), "https://svc.example.com/json");
    assert_eq!(
        header_list(req.headers()),
        vec![("content-type".to_owned(), "application/json".to_owned())]
    );
    let text = String::from_utf8(req.body().clone()).unwrap();
    // Big numbers are written from their exact text, never through f64.
    assert!(
        text.contains(r#""BigInt":123456789012345678901234567890"#),
        "{text}"
    );
    assert!(
        text.contains(r#""BigDec":-1234567890.123456789012345678901"#),
        "{text}"
    );
    // f32 uses its shortest round-trip form.
    assert!(text.contains(r#""Float":0.1"#), "{text}");
    let body: Value = serde_json::from_str(&text).unwrap();
    let expected: Value = serde_json::from_str(
        r#"{
            "Blob": "aGkA/w==",
            "Float": 0.1,
            "Double": "NaN",
            "BigInt": 123456789012345678901234567890,
            "BigDec": -1234567890.123456789012345678901,
            "Epoch": 1576540098.5,
            "Iso": "2019-12-16T23:48:18.500Z",
            "IsoTarget": "2019-12-16T23:48:18Z",
            "IsoTargetAsEpoch": 1576540098,
            "SparseList": ["a", null],
            "SparseMap": {"x": null, "y": "b"},
            "DenseList": [1, 2],
            "DenseMap": {"k": "v"},
            "Choice": {"nothing": {}},
            "Tree": {"value": "root", "next": {"value": "n"}, "children": [{"value": "c"}]},
            "Priority": 10,
            "Doc": {"any": [1, "two", null, {"x": true}]},
            "renamed_member": "r",
            "Count": 42,
            "Color": "light blue"
        }"#,
    )
    .unwrap();
    assert_eq!(body, expected);
}

#[test]
fn json_body_request_rows() {
    // (case, input, expected body)
    let cases: Vec<(&str, json_body::JsonBodyInput, Value)> = vec![
        (
            "infinity",
            json_body::JsonBodyInput::builder()
                .double(f64::INFINITY)
                .build(),
            json!({"Double": "Infinity"}),
        ),
        (
            "-infinity",
            json_body::JsonBodyInput::builder()
                .float(f32::NEG_INFINITY)
                .build(),
            json!({"Float": "-Infinity"}),
        ),
        (
            "float nan",
            json_body::JsonBodyInput::builder().float(f32::NAN).build(),
            json!({"Float": "NaN"}),
        ),
        (
            "union text",
            json_body::JsonBodyInput::builder()
                .choice(Choice::Text("t".into()))
                .build(),
            json!({"Choice": {"text": "t"}}),
        ),
        (
            "union struct",
            json_body::JsonBodyInput::builder()
                .choice(Choice::Node(node("x")))
                .build(),
            json!({"Choice": {"node": {"value": "x"}}}),
        ),
        (
            "unknown intEnum",
            json_body::JsonBodyInput::builder()
                .priority(Priority::Unknown(7))
                .build(),
            json!({"Priority": 7}),
        ),
        (
            "unknown enum",
            json_body::JsonBodyInput::builder()
                .color(Color::from("purple"))
                .build(),
            json!({"Color": "purple"}),
        ),
        (
            "empty blob",
            json_body::JsonBodyInput::builder()
                .blob(Blob::new(Vec::new()))
                .build(),
            json!({"Blob": ""}),
        ),
        (
            "negative epoch",
            json_body::JsonBodyInput::builder()
                .epoch(Timestamp::from_millis(-1500))
                .build(),
            json!({"Epoch": -1.5}),
        ),
        (
            "null document",
            json_body::JsonBodyInput::builder().doc(Value::Null).build(),
            json!({"Doc": null}),
        ),
    ];
    for (case, input, expected) in cases {
        let req = json_body::build_request(&input, EP).unwrap();
        assert_eq!(req.headers()["content-type"], "application/json", "{case}");
        let body: Value = serde_json::from_slice(req.body()).unwrap();
        assert_eq!(body, expected, "{case}");
    }
}

// ---------------------------------------------------------------------------
// JSON bodies: responses
// ---------------------------------------------------------------------------

fn parse_json_body(body: &str) -> Result<json_body::JsonBodyOutput, json_body::JsonBodyError> {
    json_body::parse_response(&response(200, &[], body.as_bytes()))
}

#[test]
fn json_body_response_reads_every_type() {
    let resp = response(
        201,
        &[("X-Request-Count", "3"), ("x-amzn-requestid", "req-1"), ("x-amz-request-id", "ignored")],
        br#"{
            "Blob": "aGkA/w==",
            "Float": 0.1,
            "Double": "NaN",
            "BigInt": 123456789012345678901234567890,
            "BigDec": -1234567890.123456789012345678901,
            "Epoch": 1576540098.5,
            "Iso": "2019-12-17T01:48:18.5+02:00",
            "IsoTarget": "2019-12-16T23:48:18Z",
            "IsoTargetAsEpoch": 1576540098,
            "SparseList": ["a", null, "b"],
            "SparseMap": {"x": null, "y": "b"},
            "DenseList": [1, null, 3],
            "DenseMap": {"k": "v", "gone": null},
            "Choice": {"__type": "example.bindings#Choice", "text": null, "node": {"value": "x"}, "nothing": null},
            "Tree": {"value": "root", "next": {"value": "n", "next": null}, "children": [{"value": "c"}]},
            "Priority": 10,
            "Doc": {"any": [1, "two", null]},
            "renamed_member": "r",
            "Renamed": "not the wire name",
            "Count": 42,
            "Color": "light blue",
            "SomethingNew": {"deep": [1, 2, {"x": null}]}
        }"#,
    );
    let out = json_body::parse_response(&resp).unwrap();
    assert_eq!(out.blob, Some(Blob::new(b"hi\x00\xff".to_vec())));
    assert_eq!(out.float, Some(0.1f32));
    assert!(out.double.unwrap().is_nan());
    assert_eq!(
        out.big_int.as_ref().map(BigInteger::as_str),
        Some("123456789012345678901234567890")
    );
    assert_eq!(
        out.big_dec.as_ref().map(BigDecimal::as_str),
        Some("-1234567890.123456789012345678901")
    );
    assert_eq!(out.epoch, Some(Timestamp::from_millis(T1 * 1000 + 500)));
    assert_eq!(out.iso, Some(Timestamp::from_millis(T1 * 1000 + 500)));
    assert_eq!(out.iso_target, Some(Timestamp::from_secs(T1)));
    assert_eq!(out.iso_target_as_epoch, Some(Timestamp::from_secs(T1)));
    // @sparse keeps nulls; dense collections drop them (documented in rt::json).
    assert_eq!(
        out.sparse_list,
        Some(vec![Some("a".into()), None, Some("b".into())])
    );
    assert_eq!(
        out.sparse_map,
        Some(HashMap::from([
            ("x".to_owned(), None),
            ("y".to_owned(), Some("b".to_owned()))
        ]))
    );
    assert_eq!(out.dense_list, Some(vec![1, 3]));
    assert_eq!(
        out.dense_map,
        Some(HashMap::from([("k".to_owned(), "v".to_owned())]))
    );
    assert_eq!(out.choice, Some(Choice::Node(node("x"))));
    let tree = out.tree.as_ref().unwrap();
    assert_eq!(tree.value.as_deref(), Some("root"));
    assert_eq!(tree.next.as_deref(), Some(&node("n")));
    assert_eq!(tree.children, Some(vec![node("c")]));
    assert_eq!(out.priority, Some(Priority::High));
    assert_eq!(out.doc, Some(json!({"any": [1, "two", null]})));
    assert_eq!(out.renamed.as_deref(), Some("r"));
    assert_eq!(out.count, Some(42));
    assert_eq!(out.color, Some(Color::LightBlue));
    assert_eq!(out.code, Some(201));
    assert_eq!(out.request_count, Some(3));
    assert_eq!(out.request_id(), Some("req-1"));
}

#[test]
fn json_body_response_empty_and_null() {
    for body in [
        "",
        "  \n",
        "{}",
        r#"{"Count": null, "Choice": null, "Tree": null, "Unknown": 1}"#,
    ] {
        let out = parse_json_body(body).unwrap();
        assert_eq!(out.count, None, "{body:?}");
        assert_eq!(out.choice, None, "{body:?}");
        assert_eq!(out.tree, None, "{body:?}");
        assert_eq!(out.blob, None, "{body:?}");
        assert_eq!(out.code, Some(200), "{body:?}");
        assert_eq!(out.request_count, None, "{body:?}");
        assert_eq!(out.request_id(), None, "{body:?}");
    }
}

#[test]
fn epoch_seconds_and_date_time_forms() {
    // (JSON value of `Epoch` (epoch-seconds), expected)
    let epoch_cases = [
        ("1576540098", Timestamp::from_secs(T1)),
        ("1576540098.5", Timestamp::from_millis(T1 * 1000 + 500)),
        ("1576540098.123", Timestamp::from_millis(T1 * 1000 + 123)),
        ("1.7E9", Timestamp::from_secs(1_700_000_000)),
        ("1.7e9", Timestamp::from_secs(1_700_000_000)),
        ("17e8", Timestamp::from_secs(1_700_000_000)),
        ("0", Timestamp::from_secs(0)),
        ("-1.5", Timestamp::from_millis(-1500)),
    ];
    for (text, expected) in epoch_cases {
        let out = parse_json_body(&format!(r#"{{"Epoch": {text}}}"#)).unwrap();
        assert_eq!(out.epoch, Some(expected), "{text}");
    }
    // (string of `Iso` (date-time), expected) — offsets and fractions normalised to UTC.
    let iso_cases = [
        ("2019-12-16T23:48:18Z", Timestamp::from_secs(T1)),
        ("2019-12-17T01:48:18+02:00", Timestamp::from_secs(T1)),
        ("2019-12-16T18:18:18-05:30", Timestamp::from_secs(T1)),
        (
            "2019-12-16T23:48:18.25Z",
            Timestamp::from_millis(T1 * 1000 + 250),
        ),
        (
            "2019-12-16T23:48:18.123456789Z",
            Timestamp::from_secs_and_nanos(T1, 123_456_789),
        ),
        ("2019-12-16t23:48:18z", Timestamp::from_secs(T1)),
    ];
    for (text, expected) in iso_cases {
        let out = parse_json_body(&format!(r#"{{"Iso": "{text}"}}"#)).unwrap();
        assert_eq!(out.iso, Some(expected), "{text}");
        assert_eq!(
            out.iso.unwrap().fmt_date_time(),
            expected.fmt_date_time(),
            "{text}"
        );
    }
    let out = parse_json_body(r#"{"Iso": "2019-12-17T01:48:18.25+02:00"}"#).unwrap();
    assert_eq!(out.iso.unwrap().to_string(), "2019-12-16T23:48:18.250Z");
}

#[test]
fn bad_values_are_errors_naming_the_member() {
    // (body, expected error text) — never a panic.
    let cases = [
        (
            r#"{"Count": 3000000000}"#,
            "at `$.Count`: 3000000000 does not fit in a 32-bit integer",
        ),
        (r#"{"Count": 1.5}"#, "at `$.Count`: 1.5 is not an integer"),
        (
            r#"{"Count": "1"}"#,
            "at `$.Count`: expected a number, found a string",
        ),
        (
            r#"{"DenseList": [1, 3000000000]}"#,
            "at `$.DenseList[1]`: 3000000000 does not fit in a 32-bit integer",
        ),
        (
            r#"{"Epoch": "2019-12-16T23:48:18Z"}"#,
            "at `$.Epoch`: expected a number, found a string",
        ),
        (
            r#"{"Iso": 1576540098}"#,
            "at `$.Iso`: expected a date-time string, found a number",
        ),
        (r#"{"Blob": "not base64!"}"#, ""),
        (
            r#"{"Double": "nan"}"#,
            r#"at `$.Double`: expected a number, "NaN", "Infinity" or "-Infinity", found string "nan""#,
        ),
        (
            r#"{"Choice": {"text": "a", "nothing": {}}}"#,
            "at `$.Choice`: a union must have exactly one member set, but several are",
        ),
        (
            r#"{"Choice": {}}"#,
            "at `$.Choice`: a union must have exactly one member set, but none is",
        ),
        (
            r#"{"Tree": {"next": {"children": [{"value": 5}]}}}"#,
            "at `$.Tree.next.children[0].value`: expected a string, found a number",
        ),
        (r#"[1, 2]"#, "at `$`: expected an object, found an array"),
        (
            r#"{"Count": }"#,
            "at `$`: invalid JSON: expected value at line 1 column 11",
        ),
    ];
    for (body, message) in cases {
        let err = parse_json_body(body).unwrap_err();
        let json_body::JsonBodyError::InvalidResponse(e) = &err else {
            panic!("{body}: expected InvalidResponse, got {err:?}");
        };
        let detail = e.deserialize_error().expect("a body error").to_string();
        if message.is_empty() {
            assert!(detail.starts_with("at `$.Blob`: "), "{body}: {detail}");
        } else {
            assert_eq!(detail, message, "{body}");
        }
        assert_eq!(e.status(), 200);
    }
}

#[test]
fn unions_unknown_members_and_type_markers() {
    let cases = [
        (r#"{"Choice": {"text": "hi"}}"#, Choice::Text("hi".into())),
        (r#"{"Choice": {"nothing": {}}}"#, Choice::Nothing),
        (
            r#"{"Choice": {"__type": "example.bindings#Choice", "text": null, "node": null, "nothing": {}}}"#,
            Choice::Nothing,
        ),
        (r#"{"Choice": {"brandNew": {"a": 1}}}"#, Choice::Unknown),
        (
            r#"{"Choice": {"brandNew": 1, "text": null}}"#,
            Choice::Unknown,
        ),
    ];
    for (body, expected) in cases {
        let out = parse_json_body(body).unwrap();
        assert_eq!(out.choice, Some(expected), "{body}");
    }
    let unknown = parse_json_body(r#"{"Choice": {"brandNew": 1}}"#)
        .unwrap()
        .choice
        .unwrap();
    assert!(unknown.is_unknown());
    // Unknown cannot be sent: validate() reports it.
    let input = json_body::JsonBodyInput::builder().choice(unknown).build();
    let err = input.validate().unwrap_err();
    assert_eq!(err.violations.len(), 1);
    assert_eq!(err.violations[0].path, "Choice");
    assert_eq!(err.violations[0].constraint, "union");
}

fn nested_tree(depth: usize) -> String {
    let mut body = String::from(r#"{"Tree": "#);
    for _ in 0..depth {
        body.push_str(r#"{"next": "#);
    }
    body.push_str(r#"{"value": "leaf"}"#);
    for _ in 0..depth {
        body.push('}');
    }
    body.push('}');
    body
}

#[test]
fn deep_nesting_is_an_error_not_a_stack_overflow() {
    // `$.Tree` is depth 1; each `next` adds one. 63 levels of `next` reach depth 64: accepted.
    let out = parse_json_body(&nested_tree(63)).unwrap();
    let mut depth = 0;
    let mut cur = out.tree.as_ref().unwrap();
    while let Some(next) = cur.next.as_deref() {
        depth += 1;
        cur = next;
    }
    assert_eq!(depth, 63);
    assert_eq!(cur.value.as_deref(), Some("leaf"));

    let err = parse_json_body(&nested_tree(64)).unwrap_err();
    let json_body::JsonBodyError::InvalidResponse(e) = &err else {
        panic!("{err:?}")
    };
    let detail = e.deserialize_error().unwrap();
    assert_eq!(detail.message(), "nesting deeper than 64 levels");
    assert_eq!(detail.path().matches(".next").count(), 64);

    // Far deeper than any parser should follow: still an error.
    let err = parse_json_body(&nested_tree(100_000)).unwrap_err();
    let json_body::JsonBodyError::InvalidResponse(e) = &err else {
        panic!("{err:?}")
    };
    assert!(
        e.message().contains("recursion limit exceeded"),
        "{}",
        e.message()
    );

    // Lists nest too.
    let mut body = String::from(r#"{"Tree": "#);
    for _ in 0..40 {
        body.push_str(r#"{"children": ["#);
    }
    body.push_str("{}");
    for _ in 0..40 {
        body.push_str("]}");
    }
    body.push('}');
    let err = parse_json_body(&body).unwrap_err();
    let json_body::JsonBodyError::InvalidResponse(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(
        e.deserialize_error().unwrap().message(),
        "nesting deeper than 64 levels"
    );
}

#[test]
fn non_finite_and_big_numbers_in_responses() {
    type Check = fn(&json_body::JsonBodyOutput) -> bool;
    let cases: [(&str, Check); 6] = [
        (r#"{"Double": "Infinity"}"#, |o| {
            o.double == Some(f64::INFINITY)
        }),
        (r#"{"Double": "-Infinity"}"#, |o| {
            o.double == Some(f64::NEG_INFINITY)
        }),
        (r#"{"Float": "NaN"}"#, |o| o.float.is_some_and(f32::is_nan)),
        (r#"{"Double": 1e308}"#, |o| o.double == Some(1e308)),
        (r#"{"BigInt": 1e3}"#, |o| {
            o.big_int.as_ref().map(BigInteger::as_str) == Some("1000")
        }),
        (r#"{"BigDec": 0.1000000000000000000000000000001}"#, |o| {
            o.big_dec.as_ref().map(BigDecimal::as_str) == Some("0.1000000000000000000000000000001")
        }),
    ];
    for (body, ok) in cases {
        let out = parse_json_body(body).unwrap();
        assert!(ok(&out), "{body}: {out:?}");
    }
    let err = parse_json_body(r#"{"Float": 1e39}"#).unwrap_err();
    assert!(
        err.to_string().contains("does not fit in a 32-bit float"),
        "{err}"
    );
}

// ---------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------

#[test]
fn modeled_errors_are_recognised() {
    // X-Amzn-Errortype with a `:http://...` suffix wins over the body.
    let resp = response(
        409,
        &[
            (
                "X-Amzn-Errortype",
                "ConflictError:http://internal.amazon.com/coral/com.amazon.coral.validate/",
            ),
            ("x-amzn-requestid", "req-409"),
        ],
        br#"{"__type": "example.bindings#NotFoundError", "Message": "busy", "reason": "locked"}"#,
    );
    let err = json_body::parse_response(&resp).unwrap_err();
    assert_eq!(err.request_id(), Some("req-409"));
    let json_body::JsonBodyError::ConflictError(e) = err else {
        panic!("{err:?}")
    };
    assert_eq!(e.message.as_deref(), Some("busy"));
    assert_eq!(e.reason.as_deref(), Some("locked"));
    assert_eq!(e.request_id(), Some("req-409"));
    assert_eq!(ConflictError::HTTP_STATUS, 409);
    assert_eq!(e.code(), "ConflictError");

    // Body `__type` with a namespace; `message` in lowercase.
    let resp = response(
        404,
        &[("x-amz-request-id", "amz-404")],
        br#"{"__type": "example.bindings#NotFoundError:http://x/", "message": "nope"}"#,
    );
    let err = json_body::parse_response(&resp).unwrap_err();
    let json_body::JsonBodyError::NotFoundError(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(e.message.as_deref(), Some("nope"));
    assert_eq!(e.request_id(), Some("amz-404"));
    assert_eq!(err.request_id(), Some("amz-404"));

    // Body `code`.
    let err = json_body::parse_response(&response(404, &[], br#"{"code": "NotFoundError"}"#))
        .unwrap_err();
    assert!(
        matches!(
            err,
            json_body::JsonBodyError::NotFoundError(NotFoundError { .. })
        ),
        "{err:?}"
    );

    // A service-level error, known to every operation; the message is found under `Message`.
    for op_err in [
        json_body::parse_response(&response(
            503,
            &[("X-Amzn-Errortype", "ServiceUnavailableError")],
            br#"{"Message": "later"}"#,
        ))
        .unwrap_err()
        .to_string(),
        format!(
            "{}",
            validate::parse_response(&response(
                503,
                &[("X-Amzn-Errortype", "ServiceUnavailableError")],
                br#"{"Message": "later"}"#
            ))
            .unwrap_err()
        ),
    ] {
        assert!(op_err.contains("ServiceUnavailableError"), "{op_err}");
        assert!(op_err.contains("later"), "{op_err}");
    }
    let err = json_body::parse_response(&response(
        503,
        &[("X-Amzn-Errortype", "ServiceUnavailableError")],
        b"",
    ))
    .unwrap_err();
    let json_body::JsonBodyError::ServiceUnavailableError(e) = &err else {
        panic!("{err:?}")
    };
    assert!(e.is_retryable());
    assert_eq!(ServiceUnavailableError::HTTP_STATUS, 503);

    // An HTML page with an error-type header still names the error.
    let err = json_body::parse_response(&response(
        404,
        &[
            ("X-Amzn-Errortype", "NotFoundError"),
            ("Content-Type", "text/html"),
        ],
        b"<html><body>Not Found</body></html>",
    ))
    .unwrap_err();
    let json_body::JsonBodyError::NotFoundError(e) = &err else {
        panic!("{err:?}")
    };
    assert_eq!(e.message, None);
}

#[test]

fn header_bound_error_members_are_filled() {
    let resp = response(
        409,
        &[
            ("X-Amzn-Errortype", "ConflictError"),
            ("X-Conflict-Resource", "res-1"),
        ],
        br#"{"Message": "busy", "Resource": "from-body"}"#,
    );
    let err = json_body::parse_response(&resp).unwrap_err();
    let json_body::JsonBodyError::ConflictError(e) = err else {
        panic!("{err:?}")
    };
    assert_eq!(e.resource.as_deref(), Some("res-1"));
    assert_eq!(e.message.as_deref(), Some("busy"));
}

#[test]
fn unmodeled_error_responses_are_unhandled() {
    // (status, headers, body, code, message, request id)
    type Row<'a> = (
        u16,
        &'a [(&'a str, &'a str)],
        &'a [u8],
        Option<&'a str>,
        Option<&'a str>,
        Option<&'a str>,
    );
    let cases: [Row<'_>; 6] = [
        (
            400,
            &[("x-amzn-requestid", "r1")],
            br#"{"__type": "aws.other#SomethingElse", "message": "m"}"#,
            Some("SomethingElse"),
            Some("m"),
            Some("r1"),
        ),
        (500, &[], b"", None, None, None),
        (
            502,
            &[("Content-Type", "text/html")],
            b"<html><body>Bad Gateway</body></html>",
            None,
            None,
            None,
        ),
        (
            429,
            &[("X-Amzn-Errortype", "Throttled:http://internal/")],
            br#"{"Message": "slow down"}"#,
            Some("Throttled"),
            Some("slow down"),
            None,
        ),
        // ConflictError is not an error of Validate.
        (
            409,
            &[("x-amz-request-id", "r2")],
            br#"{"code": "ConflictError", "errorMessage": "e"}"#,
            Some("ConflictError"),
            Some("e"),
            Some("r2"),
        ),
        (404, &[], b"[1, 2]", None, None, None),
    ];
    for (status, headers, body, code, message, request_id) in cases {
        let err = validate::parse_response(&response(status, headers, body)).unwrap_err();
        let validate::ValidateError::Unhandled(u) = &err else {
            panic!("{status}: {err:?}")
        };
        assert_eq!(u.status, status);
        assert_eq!(u.code.as_deref(), code, "{status}");
        assert_eq!(u.message.as_deref(), message, "{status}");
        assert_eq!(u.request_id.as_deref(), request_id, "{status}");
        assert_eq!(err.request_id(), request_id, "{status}");
    }
}

// ---------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------

#[test]
fn validation_reports_every_violation_with_path_and_constraint() {
    let mut input = validate::ValidateInput::default();
    input.name = Some("AB".into());
    input.count = Some(11);
    input.ratio = Some(-0.5);
    input.color = Some(Color::from("purple"));
    input.priority = Some(Priority::Unknown(7));
    input.tags = Some(vec!["toolong".into(), "ok".into(), "x".into()]);
    input.labels = Some(HashMap::from([
        ("Bad".to_owned(), "123456".to_owned()),
        ("good".to_owned(), "v".to_owned()),
    ]));
    input.nested = Some(Inner::builder().id("").build().unwrap());
    input.data = Some(Blob::new(b"12345".to_vec()));
    input.choice = Some(Choice::Unknown);
    input.big = Some("123456789012345678901234567890".parse().unwrap());
    input.fraction = Some("0.5000000000000000000001".parse().unwrap());
    input.tag_key = Some("aws:reserved".into());
    let err = input.validate().unwrap_err();
    let got: Vec<(&str, &str, &str)> = err
        .violations
        .iter()
        .map(|v| (v.path.as_str(), v.constraint.as_str(), v.message.as_str()))
        .collect();
    assert_eq!(
        got,
        vec![
            ("Name", "length", "length must be between 3 and 10, got 2"),
            ("Name", "pattern", "must match pattern ^[a-z]+$"),
            ("Count", "range", "must be between 1 and 10, got 11"),
            ("Ratio", "range", "must be between 0 and 1, got -0.5"),
            (
                "Color",
                "enum",
                r#"must be one of [red, light blue], got "purple""#
            ),
            ("Priority", "enum", "must be one of [1, 10], got 7"),
            ("Tags", "length", "length must be at most 2, got 3"),
            ("Tags[0]", "length", "length must be at most 5, got 7"),
            ("Labels[\"Bad\"]", "pattern", "must match pattern ^[a-z]+$"),
            (
                "Labels[\"Bad\"]",
                "length",
                "length must be at most 5, got 6"
            ),
            ("Nested.Id", "length", "length must be at least 2, got 0"),
            ("Data", "length", "length must be at most 4, got 5"),
            ("Choice", "union", "an unknown union member cannot be sent"),
            (
                "Big",
                "range",
                "must be between 1 and 10, got 123456789012345678901234567890"
            ),
            (
                "Fraction",
                "range",
                "must be between 0 and 0.5, got 0.5000000000000000000001"
            ),
            ("TagKey", "pattern", "must match pattern ^(?!aws:)[a-z:]+$"),
        ]
    );

    // Missing required member.
    let err = validate::ValidateInput::default().validate().unwrap_err();
    assert_eq!(err.to_string(), "Name: is required");
    assert_eq!(err.violations[0].constraint, "required");
    let build = validate::ValidateInput::builder().build().unwrap_err();
    assert_eq!(build.missing(), ["Name"]);

    // A valid input.
    let ok = validate::ValidateInput::builder()
        .name("abc")
        .count(10)
        .ratio(1.0)
        .color(Color::Red)
        .priority(Priority::Low)
        .tags(vec!["a".into(), "b".into()])
        .nested(Inner::builder().id("ab").build().unwrap())
        .choice(Choice::Text("anything".into()))
        .big("10".parse().unwrap())
        .fraction("0.5".parse().unwrap())
        .tag_key("team:data")
        .build()
        .unwrap();
    assert_eq!(ok.validate(), Ok(()));
    // NaN violates any range.
    let mut nan = ok.clone();
    nan.ratio = Some(f64::NAN);
    assert_eq!(nan.validate().unwrap_err().violations[0].path, "Ratio");
    // build_request does not validate.
    assert!(validate::build_request(&input, EP).is_ok());
}

// ---------------------------------------------------------------------------
// Naming obstacle course
// ---------------------------------------------------------------------------

#[test]
fn awkward_names_are_usable() {
    use bindings_fixture::types;

    let input = naming::NamingInput::builder()
        .string(types::String::builder().value("s").r#type("t").build())
        .result(types::Result::builder().value("r").build())
        .option(types::Option::builder().value("o").build())
        .r#box(types::Box::builder().value("b").build())
        .error(types::Error::builder().value("e").build())
        .r#type("type member")
        .self_("self member")
        .keyword(Keyword::SelfValue)
        // `Build` is renamed so its setter does not clash with `build()`;
        // `Default` and `RequestId` keep their names.
        .build_value("b")
        .default("d")
        .request_id("body id")
        .build();
    // std names still work next to the generated ones.
    let plain: Option<String> = input.r#type.clone();
    assert_eq!(plain.as_deref(), Some("type member"));
    let req = naming::build_request(&input, EP).unwrap();
    assert_eq!(req.method(), http::Method::POST);
    assert_eq!(req.uri(), "https://svc.example.com/naming");
    assert_eq!(
        header_list(req.headers()),
        [("content-type".to_owned(), "application/json".to_owned())]
    );
    let body: Value = serde_json::from_slice(req.body()).unwrap();
    let expected = json!({
        "String": {"value": "s", "type": "t"},
        "Result": {"value": "r"},
        "Option": {"value": "o"},
        "Box": {"value": "b"},
        "Error": {"value": "e"},
        "type": "type member",
        "self": "self member",
        "Keyword": "self",
        "Build": "b",
        "Default": "d",
        "RequestId": "body id"
    });
    assert_eq!(body, expected);

    let resp = response(
        200,
        &[("x-amzn-requestid", "header id")],
        serde_json::to_vec(&expected).unwrap().as_slice(),
    );
    let out = naming::parse_response(&resp).unwrap();
    // The modeled `RequestId` member and the response's request id are apart.
    assert_eq!(out.request_id.as_deref(), Some("body id"));
    assert_eq!(RequestId::request_id(&out), Some("header id"));
    assert_eq!(out.build_value.as_deref(), Some("b"));
    assert_eq!(out.default.as_deref(), Some("d"));
    assert_eq!(
        out.string.as_ref().and_then(|s| s.r#type.as_deref()),
        Some("t")
    );
    assert_eq!(
        out.r#box.as_ref().and_then(|b| b.value.as_deref()),
        Some("b")
    );
    assert_eq!(
        out.error.as_ref().and_then(|e| e.value.as_deref()),
        Some("e")
    );
    assert_eq!(out.self_.as_deref(), Some("self member"));
    assert_eq!(out.keyword, Some(Keyword::SelfValue));

    // Enum values named `SELF`, `Unknown` and `TYPE`, and the catch-all Unknown(..).
    assert_eq!(Keyword::SelfValue.as_str(), "self");
    assert_eq!(Keyword::UnknownValue.as_str(), "unknown");
    assert_eq!(Keyword::Type.as_str(), "type");
    assert_eq!(Keyword::from("unknown"), Keyword::UnknownValue);
    let other = Keyword::from("other");
    assert!(matches!(other, Keyword::Unknown(_)));
    assert_eq!(other.as_str(), "other");
}

#[test]
fn an_input_that_binds_nothing_sends_a_bare_request() {
    let req = ping::build_request(&ping::PingInput::builder().build(), EP).unwrap();
    check_request(
        "ping",
        &req,
        "POST",
        "https://svc.example.com/ping",
        &[],
        b"",
    );
    let out = ping::parse_response(&response(204, &[], b"")).unwrap();
    assert_eq!(RequestId::request_id(&out), None);
}

#[test]
fn a_modeled_validation_error_takes_the_name_from_the_runtime() {
    let err = validate::parse_response(&response(
        400,
        &[("X-Amzn-Errortype", "ValidationError")],
        br#"{"message": "bad field", "Reason": "too long"}"#,
    ))
    .unwrap_err();
    let validate::ValidateError::ValidationError(e) = &err else {
        panic!("{err:?}")
    };
    // `error::ValidationError` is the model's shape ...
    let modeled: &bindings_fixture::error::ValidationError = e;
    assert_eq!(modeled.message.as_deref(), Some("bad field"));
    assert_eq!(modeled.reason.as_deref(), Some("too long"));
    // ... and the runtime's is still reachable under `rt`.
    let runtime = validate::ValidateInput::default().validate().unwrap_err();
    let _: &bindings_fixture::rt::validate::ValidationError = &runtime;
    assert_eq!(runtime.to_string(), "Name: is required");
}

#[test]
fn endpoints_are_checked_before_the_path_is_appended() {
    let input = ping::PingInput::builder().build();
    for (endpoint, uri) in [
        ("https://svc.example.com", "https://svc.example.com/ping"),
        ("https://svc.example.com/", "https://svc.example.com/ping"),
        (
            "http://127.0.0.1:8080/base/",
            "http://127.0.0.1:8080/base/ping",
        ),
        ("http://[::1]:9000", "http://[::1]:9000/ping"),
    ] {
        let req = ping::build_request(&input, endpoint).unwrap();
        assert_eq!(req.uri(), uri, "{endpoint}");
    }
    for (endpoint, why) in [
        ("https://h#frag", "must not have a query or fragment"),
        ("https://h/p?x=1", "must not have a query or fragment"),
        ("", "expected an absolute URL"),
        ("svc.example.com", "expected an absolute URL"),
        ("ftp://h", "the scheme must be `http` or `https`"),
        (
            "http://h:99999",
            "the port must be a number from 0 to 65535",
        ),
        ("https://", "it needs a host"),
    ] {
        let err = ping::build_request(&input, endpoint).unwrap_err();
        assert_eq!(err.member(), None);
        let text = err.to_string();
        assert!(
            text.contains(&format!("invalid endpoint `{endpoint}`: ")) && text.contains(why),
            "{endpoint}: {text}"
        );
    }
}

#[test]
fn patterns_keep_their_ecma_meaning() {
    let valid = |word: &str| {
        let mut input = validate::ValidateInput::builder()
            .name("abc")
            .build()
            .unwrap();
        input.word = Some(word.to_owned());
        input.validate().map_err(|e| e.to_string())
    };
    assert_eq!(valid("a_b-c7"), Ok(()));
    // `\w` and `\d` are ASCII in ECMA-262, so letters and digits beyond it fail.
    for word in ["héllo", "x٣"] {
        let err = valid(word).unwrap_err();
        assert!(
            err.starts_with("Word: must match pattern "),
            "{word}: {err}"
        );
    }
}
