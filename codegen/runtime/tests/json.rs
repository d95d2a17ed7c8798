//! JSON codec.

use std::collections::HashMap;

use serde_json::{Value, json};
use smithy_runtime_dev::big_number::{BigDecimal, BigInteger};
use smithy_runtime_dev::blob::Blob;
use smithy_runtime_dev::json::{self, DeserializeError, MAX_DEPTH, Path};
use smithy_runtime_dev::timestamp::{Timestamp, TimestampFormat};

/// Whether serde_json was built with `arbitrary_precision` (directly via
/// this crate's feature or through workspace feature unification).
fn arbitrary_precision() -> bool {
    let reparsed = serde_json::from_str::<Value>("1.10").and_then(|v| serde_json::to_string(&v));
    reparsed.ok().as_deref() == Some("1.10")
}

fn root() -> Path<'static> {
    Path::root()
}

#[test]
fn path_display_and_depth() {
    let r = root();
    assert_eq!(r.to_string(), "$");
    assert_eq!(r.depth(), 0);
    let fields = r.key("Fields");
    let a = fields.key("a");
    let ct = a.key("ContentType");
    assert_eq!(ct.to_string(), "$.Fields.a.ContentType");
    assert_eq!(ct.depth(), 3);
    let list = r.key("List");
    assert_eq!(list.index(3).to_string(), "$.List[3]");
    assert_eq!(r.key("a b").to_string(), r#"$["a b"]"#);
    assert_eq!(r.key("1st").to_string(), r#"$["1st"]"#);
    assert_eq!(r.key(r#"q"\"#).to_string(), r#"$["q\"\\"]"#);
    assert_eq!(r.key("").to_string(), r#"$[""]"#);
    assert_eq!(r.key("_x9").to_string(), "$._x9");
    assert_eq!(r.index(0).index(1).to_string(), "$[0][1]");
}

#[test]
fn error_display() {
    let r = root();
    let fields = r.key("Fields");
    let a = fields.key("a");
    let err = json::de_string(&json!(1), &a.key("ContentType")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "at `$.Fields.a.ContentType`: expected a string, found a number"
    );
    assert_eq!(err.path(), "$.Fields.a.ContentType");
    assert_eq!(err.message(), "expected a string, found a number");
    let err = DeserializeError::new(&r, "boom");
    assert_eq!(err.to_string(), "at `$`: boom");
}

#[test]
fn parse_body_cases() {
    assert_eq!(json::parse_body(b"").unwrap(), json!({}));
    assert_eq!(json::parse_body(b" \r\n\t").unwrap(), json!({}));
    assert_eq!(
        json::parse_body(br#"{"a": [1]}"#).unwrap(),
        json!({"a": [1]})
    );
    let err = json::parse_body(b"{\"a\": }").unwrap_err();
    assert_eq!(
        err.to_string(),
        "at `$`: invalid JSON: expected value at line 1 column 7"
    );
    let err = json::parse_body(b"{\n  \"a\": 1,\n}").unwrap_err();
    assert!(err.message().contains("line 3 column 1"), "{err}");
    // serde_json's own recursion limit (128) is an error, not a crash.
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let err = json::parse_body(deep.as_bytes()).unwrap_err();
    assert!(err.message().contains("recursion limit exceeded"), "{err}");
}

#[test]
fn scalars() {
    let r = root();
    assert_eq!(json::de_string(&json!("x"), &r).unwrap(), "x");
    assert!(json::de_bool(&json!(true), &r).unwrap());
    assert_eq!(
        json::de_bool(&json!("true"), &r).unwrap_err().message(),
        "expected a boolean, found a string"
    );
    assert_eq!(json::de_i8(&json!(-128), &r).unwrap(), -128);
    assert_eq!(json::de_i16(&json!(32767), &r).unwrap(), 32767);
    assert_eq!(json::de_i32(&json!(-2147483648i64), &r).unwrap(), i32::MIN);
    assert_eq!(json::de_i64(&json!(i64::MAX), &r).unwrap(), i64::MAX);
    assert_eq!(json::de_i64(&json!(i64::MIN), &r).unwrap(), i64::MIN);
    // Integral floats are accepted.
    assert_eq!(
        json::de_i32(&json::parse_body(b"1.0").unwrap(), &r).unwrap(),
        1
    );
    assert_eq!(
        json::de_i32(&json::parse_body(b"1e3").unwrap(), &r).unwrap(),
        1000
    );
    assert_eq!(
        json::de_document(&json!({"a": [null]}), &r).unwrap(),
        json!({"a": [null]})
    );
}

#[test]
fn integer_range_errors() {
    let r = root();
    let list = r.key("List");
    let err = json::de_i32(&json!(3_000_000_000u64), &list.index(3)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "at `$.List[3]`: 3000000000 does not fit in a 32-bit integer"
    );
    assert_eq!(
        json::de_i8(&json!(128), &r).unwrap_err().message(),
        "128 does not fit in an 8-bit integer"
    );
    assert_eq!(
        json::de_i16(&json!(-32769), &r).unwrap_err().message(),
        "-32769 does not fit in a 16-bit integer"
    );
    assert_eq!(
        json::de_i64(&json!(u64::MAX), &r).unwrap_err().message(),
        "18446744073709551615 does not fit in a 64-bit integer"
    );
    assert_eq!(
        json::de_i32(&json!(1.5), &r).unwrap_err().message(),
        "1.5 is not an integer"
    );
    let huge = json::parse_body(b"1e30").unwrap();
    let msg = json::de_i64(&huge, &r).unwrap_err().message().to_owned();
    assert!(msg.ends_with("does not fit in a 64-bit integer"), "{msg}");
    let huge = json::parse_body(b"-99999999999999999999").unwrap();
    assert_eq!(
        json::de_i64(&huge, &r).unwrap_err().message(),
        if arbitrary_precision() {
            "-99999999999999999999 does not fit in a 64-bit integer"
        } else {
            "-1e+20 does not fit in a 64-bit integer"
        }
    );
    assert_eq!(
        json::de_i32(&json!("1"), &r).unwrap_err().message(),
        "expected a number, found a string"
    );
}

#[test]
fn floats_and_nan() {
    let r = root();
    assert!(json::de_f64(&json!("NaN"), &r).unwrap().is_nan());
    assert_eq!(json::de_f64(&json!("Infinity"), &r).unwrap(), f64::INFINITY);
    assert_eq!(
        json::de_f64(&json!("-Infinity"), &r).unwrap(),
        f64::NEG_INFINITY
    );
    assert!(json::de_f32(&json!("NaN"), &r).unwrap().is_nan());
    assert_eq!(
        json::de_f32(&json!("-Infinity"), &r).unwrap(),
        f32::NEG_INFINITY
    );
    assert_eq!(json::de_f64(&json!(1.5), &r).unwrap(), 1.5);
    assert_eq!(json::de_f64(&json!(7), &r).unwrap(), 7.0);
    assert_eq!(json::de_f32(&json!(1.1), &r).unwrap(), 1.1f32);
    assert_eq!(
        json::de_f64(&json!("nan"), &r).unwrap_err().message(),
        r#"expected a number, "NaN", "Infinity" or "-Infinity", found string "nan""#
    );
    assert_eq!(
        json::de_f32(&json::parse_body(b"1e39").unwrap(), &r)
            .unwrap_err()
            .message(),
        // serde_json writes exponents as `e+` in both modes.
        "1e+39 does not fit in a 32-bit float"
    );

    // Beyond f64: a parse error without `arbitrary_precision`, a
    // deserialization error with it.
    match json::parse_body(b"1e400") {
        Ok(v) => assert_eq!(
            json::de_f64(&v, &r).unwrap_err().message(),
            "1e+400 does not fit in a 64-bit float"
        ),
        Err(e) => assert!(e.message().contains("number out of range"), "{e}"),
    }

    assert_eq!(json::ser_f64(f64::NAN), json!("NaN"));
    assert_eq!(json::ser_f64(f64::INFINITY), json!("Infinity"));
    assert_eq!(json::ser_f64(f64::NEG_INFINITY), json!("-Infinity"));
    assert_eq!(json::ser_f32(f32::NAN), json!("NaN"));
    assert_eq!(json::ser_f32(f32::INFINITY), json!("Infinity"));
    assert_eq!(json::ser_f64(1.5).to_string(), "1.5");
    assert_eq!(json::ser_f32(1.1).to_string(), "1.1");
    // Round trip of NaN through JSON text.
    let text = json::ser_f64(f64::NAN).to_string();
    assert_eq!(text, "\"NaN\"");
    assert!(
        json::de_f64(&json::parse_body(text.as_bytes()).unwrap(), &r)
            .unwrap()
            .is_nan()
    );
}

#[test]
fn blob_and_timestamps() {
    let r = root();
    assert_eq!(
        json::de_blob(&json!("aGkh"), &r).unwrap(),
        Blob::from("hi!")
    );
    assert_eq!(json::ser_blob(&Blob::from("hi!")), json!("aGkh"));
    let err = json::de_blob(&json!("!!"), &r).unwrap_err();
    assert!(err.message().starts_with("invalid base64"), "{err}");

    let body =
        json::parse_body(br#"[1700000000, 1.7E9, 1700000000.123, 1.7e+9, 1700000000.5]"#).unwrap();
    let ts = json::de_list(&body, &r, |v, p| {
        json::de_timestamp(v, p, TimestampFormat::EpochSeconds)
    })
    .unwrap();
    let parts: Vec<(i64, u32)> = ts.iter().map(|t| (t.secs(), t.subsec_nanos())).collect();
    assert_eq!(
        parts,
        vec![
            (1_700_000_000, 0),
            (1_700_000_000, 0),
            (1_700_000_000, 123_000_000),
            (1_700_000_000, 0),
            (1_700_000_000, 500_000_000),
        ]
    );
    let out = json::ser_timestamp(&ts[4], TimestampFormat::EpochSeconds);
    assert_eq!(out.to_string(), "1700000000.5");
    assert_eq!(
        json::ser_timestamp(&ts[0], TimestampFormat::EpochSeconds).to_string(),
        "1700000000"
    );
    assert_eq!(
        json::ser_timestamp(&ts[2], TimestampFormat::DateTime),
        json!("2023-11-14T22:13:20.123Z")
    );
    assert_eq!(
        json::ser_timestamp(&ts[0], TimestampFormat::HttpDate),
        json!("Tue, 14 Nov 2023 22:13:20 GMT")
    );

    let t = json::de_timestamp(
        &json!("2019-12-17T01:48:18.5+02:00"),
        &r,
        TimestampFormat::DateTime,
    )
    .unwrap();
    assert_eq!(t, Timestamp::from_millis(1_576_540_098_500));
    let t = json::de_timestamp(
        &json!("Mon, 16 Dec 2019 23:48:18 GMT"),
        &r,
        TimestampFormat::HttpDate,
    )
    .unwrap();
    assert_eq!(t, Timestamp::from_secs(1_576_540_098));

    let ts_key = r.key("Ts");
    let err = json::de_timestamp(&json!("1700000000"), &ts_key, TimestampFormat::EpochSeconds)
        .unwrap_err();
    assert_eq!(
        err.to_string(),
        "at `$.Ts`: expected a number, found a string"
    );
    let err = json::de_timestamp(&json!(1), &ts_key, TimestampFormat::DateTime).unwrap_err();
    assert_eq!(
        err.to_string(),
        "at `$.Ts`: expected a date-time string, found a number"
    );
    let err = json::de_timestamp(&json!("nope"), &ts_key, TimestampFormat::DateTime).unwrap_err();
    assert!(
        err.to_string()
            .starts_with("at `$.Ts`: invalid date-time timestamp `nope`: "),
        "{err}"
    );
}

#[test]
fn dense_list_skips_nulls_sparse_keeps_them() {
    let r = root();
    let v = json!(["a", null, "b"]);
    assert_eq!(
        json::de_list(&v, &r, json::de_string).unwrap(),
        vec!["a", "b"]
    );
    assert_eq!(
        json::de_sparse_list(&v, &r, json::de_string).unwrap(),
        vec![Some("a".to_owned()), None, Some("b".to_owned())]
    );
    // Errors keep the original index.
    let err = json::de_list(&json!([null, "a", 1]), &r, json::de_string).unwrap_err();
    assert_eq!(err.path(), "$[2]");
    let err = json::de_list(&json!({}), &r.key("L"), json::de_string).unwrap_err();
    assert_eq!(
        err.to_string(),
        "at `$.L`: expected an array, found an object"
    );

    let m = json!({"a": 1, "b": null, "c": 3});
    let dense = json::de_map(&m, &r, json::de_i32).unwrap();
    assert_eq!(
        dense,
        HashMap::from([("a".to_owned(), 1), ("c".to_owned(), 3)])
    );
    let sparse = json::de_sparse_map(&m, &r, json::de_i32).unwrap();
    assert_eq!(
        sparse,
        HashMap::from([
            ("a".to_owned(), Some(1)),
            ("b".to_owned(), None),
            ("c".to_owned(), Some(3))
        ])
    );
    let err = json::de_map(&json!({"x y": "1"}), &r.key("M"), json::de_i32).unwrap_err();
    assert_eq!(
        err.to_string(),
        r#"at `$.M["x y"]`: expected a number, found a string"#
    );

    assert_eq!(
        json::de_optional(&Value::Null, &r, json::de_i32).unwrap(),
        None
    );
    assert_eq!(
        json::de_optional(&json!(4), &r, json::de_i32).unwrap(),
        Some(4)
    );

    // Nested composition.
    let nested = json!([["a", null], null, ["b"]]);
    let out = json::de_list(&nested, &r, |v, p| json::de_list(v, p, json::de_string)).unwrap();
    assert_eq!(out, vec![vec!["a".to_owned()], vec!["b".to_owned()]]);
}

#[test]
fn object_access() {
    let r = root();
    let v = json!({"a": 1});
    let obj = json::de_object(&v, &r).unwrap();
    assert_eq!(obj.get("a"), Some(&json!(1)));
    assert_eq!(
        json::de_object(&json!([1]), &r).unwrap_err().message(),
        "expected an object, found an array"
    );
    assert_eq!(
        json::de_object(&Value::Null, &r).unwrap_err().message(),
        "expected an object, found null"
    );
}

fn nested_lists(v: &Value, p: &Path<'_>) -> Result<usize, DeserializeError> {
    let inner = json::de_list(v, p, nested_lists)?;
    Ok(inner.into_iter().max().map_or(0, |d| d + 1))
}

fn nested_objects(v: &Value, p: &Path<'_>) -> Result<usize, DeserializeError> {
    let obj = json::de_object(v, p)?;
    match obj.get("a") {
        Some(child) => Ok(nested_objects(child, &p.key("a"))? + 1),
        None => Ok(0),
    }
}

#[test]
fn depth_limit() {
    let r = root();
    let deep = format!("{}{}", "[".repeat(100), "]".repeat(100));
    let v = json::parse_body(deep.as_bytes()).unwrap();
    let err = nested_lists(&v, &r).unwrap_err();
    assert_eq!(err.message(), "nesting deeper than 64 levels");
    assert_eq!(err.path(), format!("${}", "[0]".repeat(MAX_DEPTH + 1)));

    // Exactly at the limit is fine.
    let ok = format!("{}{}", "[".repeat(MAX_DEPTH + 1), "]".repeat(MAX_DEPTH + 1));
    let v = json::parse_body(ok.as_bytes()).unwrap();
    assert_eq!(nested_lists(&v, &r).unwrap(), MAX_DEPTH);

    let deep = format!("{}1{}", r#"{"a":"#.repeat(100), "}".repeat(100));
    let v = json::parse_body(deep.as_bytes()).unwrap();
    let err = json::de_object(&v, &r)
        .and_then(|_| nested_objects(&v, &r))
        .unwrap_err();
    assert_eq!(err.message(), "nesting deeper than 64 levels");

    let m = json::de_map(&json!({"k": {"k": 1}}), &r, |v, p| {
        json::de_map(v, p, json::de_i32)
    })
    .unwrap();
    assert_eq!(m["k"]["k"], 1);
}

#[test]
fn big_numbers() {
    let r = root();
    let text = "123456789012345678901234567890.000000000000000001";
    let d: BigDecimal = text.parse().unwrap();
    assert_eq!(d.as_str(), text);
    assert_eq!(d.to_string(), text);
    let v = json::parse_body(text.as_bytes()).unwrap();
    let back = json::de_big_decimal(&v, &r).unwrap();
    let out = json::ser_big_decimal(&d);
    assert!(out.is_number());
    if arbitrary_precision() {
        assert_eq!(back.as_str(), text);
        assert_eq!(out.to_string(), text);
        let body = serde_json::to_string(&json!({"d": out})).unwrap();
        assert_eq!(body, format!(r#"{{"d":{text}}}"#));
    } else {
        assert_eq!(back.as_str(), "1.2345678901234568e+29");
        assert_eq!(out.to_string(), "1.2345678901234568e+29");
    }

    let int_text = "123456789012345678901234567890";
    let n: BigInteger = int_text.parse().unwrap();
    let v = json::parse_body(int_text.as_bytes()).unwrap();
    let back = json::de_big_integer(&v, &r).unwrap();
    if arbitrary_precision() {
        assert_eq!(back, n);
        assert_eq!(json::ser_big_integer(&n).to_string(), int_text);
    } else {
        assert_eq!(back.as_str(), "123456789012345680000000000000");
    }
    assert_eq!(json::de_big_integer(&json!(42), &r).unwrap().as_str(), "42");
    assert_eq!(json::de_big_integer(&json!(-7), &r).unwrap().as_str(), "-7");
    assert_eq!(
        json::de_big_integer(&json::parse_body(b"1.5e1").unwrap(), &r)
            .unwrap()
            .as_str(),
        "15"
    );
    assert_eq!(
        json::de_big_integer(&json::parse_body(b"1e3").unwrap(), &r)
            .unwrap()
            .as_str(),
        "1000"
    );
    assert_eq!(
        json::de_big_integer(&json!(1.5), &r).unwrap_err().message(),
        "1.5 is not an integer"
    );
    assert_eq!(json::ser_big_integer(&BigInteger::from(-12i32)), json!(-12));
    assert_eq!(json::de_big_decimal(&json!(2), &r).unwrap().as_str(), "2");
    assert_eq!(
        json::de_big_decimal(&json!("2"), &r).unwrap_err().message(),
        "expected a number, found a string"
    );
}

#[test]
fn serializers() {
    assert_eq!(json::ser_list(&[1, 2], |x| json!(x)), json!([1, 2]));
    assert_eq!(
        json::ser_sparse_list(&[Some(1), None], |x| json!(x)),
        json!([1, null])
    );
    let m = HashMap::from([
        ("b".to_owned(), 2),
        ("a".to_owned(), 1),
        ("c".to_owned(), 3),
    ]);
    let out = json::ser_map(&m, |x| json!(x));
    assert_eq!(out.to_string(), r#"{"a":1,"b":2,"c":3}"#);
    let keys: Vec<&String> = out.as_object().unwrap().keys().collect();
    assert_eq!(keys, ["a", "b", "c"]);
    let sm = HashMap::from([("z".to_owned(), None), ("y".to_owned(), Some(1))]);
    assert_eq!(
        json::ser_sparse_map(&sm, |x| json!(x)).to_string(),
        r#"{"y":1,"z":null}"#
    );
    let nested = json::ser_list(&[vec![1.5f64, f64::NAN]], |inner| {
        json::ser_list(inner, |x| json::ser_f64(*x))
    });
    assert_eq!(nested.to_string(), r#"[[1.5,"NaN"]]"#);
}
