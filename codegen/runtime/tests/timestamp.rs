//! Timestamp parsing and formatting.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use smithy_runtime_dev::timestamp::{Timestamp, TimestampFormat};

fn parts(t: Timestamp) -> (i64, u32) {
    (t.secs(), t.subsec_nanos())
}

#[test]
fn epoch_seconds_parse_exact() {
    let cases: &[(&str, i64, u32)] = &[
        ("1700000000", 1_700_000_000, 0),
        ("-5", -5, 0),
        ("+7", 7, 0),
        ("0", 0, 0),
        ("1.7E9", 1_700_000_000, 0),
        ("1.7e9", 1_700_000_000, 0),
        ("1.7e+9", 1_700_000_000, 0),
        ("17E8", 1_700_000_000, 0),
        ("1700000000.123", 1_700_000_000, 123_000_000),
        ("1700000000.5", 1_700_000_000, 500_000_000),
        ("1700000000.000000001", 1_700_000_000, 1),
        ("1700000000.0000000014", 1_700_000_000, 1),
        ("1700000000.0000000015", 1_700_000_000, 2),
        ("1.7000000001234E9", 1_700_000_000, 123_400_000),
        ("-0.5", -1, 500_000_000),
        ("-1.25", -2, 750_000_000),
        ("1234567e-3", 1234, 567_000_000),
        (".5", 0, 500_000_000),
        ("5.", 5, 0),
        ("0e999999999999999999999", 0, 0),
        ("1e-999999999999999999999", 0, 0),
        ("9223372036854775807", i64::MAX, 0),
        ("-9223372036854775808", i64::MIN, 0),
    ];
    for &(text, secs, nanos) in cases {
        let t = Timestamp::parse_epoch_seconds(text).unwrap_or_else(|e| panic!("{text}: {e}"));
        assert_eq!(parts(t), (secs, nanos), "{text}");
    }
}

#[test]
fn epoch_seconds_parse_rejects() {
    for text in [
        "",
        "-",
        ".",
        "e5",
        "1e",
        "1e+",
        "12abc",
        "1.2.3",
        " 1",
        "1 ",
        "0x10",
        "NaN",
        "inf",
        "9223372036854775808",
        "1e19",
        "1e400",
    ] {
        let err = Timestamp::parse_epoch_seconds(text).unwrap_err();
        assert!(err.to_string().contains("epoch-seconds"), "{err}");
    }
    assert_eq!(
        Timestamp::parse_epoch_seconds("12abc")
            .unwrap_err()
            .to_string(),
        "invalid epoch-seconds timestamp `12abc`: expected a decimal number such as `1700000000` or `1.7E9`"
    );
    assert_eq!(
        Timestamp::parse_epoch_seconds("1e400")
            .unwrap_err()
            .to_string(),
        "invalid epoch-seconds timestamp `1e400`: out of range"
    );
}

#[test]
fn epoch_seconds_from_f64() {
    assert_eq!(
        parts(Timestamp::from_epoch_seconds_f64(1_700_000_000.5).unwrap()),
        (1_700_000_000, 500_000_000)
    );
    assert_eq!(
        parts(Timestamp::from_epoch_seconds_f64(1_700_000_000.123).unwrap()),
        (1_700_000_000, 123_000_000)
    );
    assert_eq!(
        parts(Timestamp::from_epoch_seconds_f64(-0.001).unwrap()),
        (-1, 999_000_000)
    );
    assert_eq!(
        parts(Timestamp::from_epoch_seconds_f64(1.7e9).unwrap()),
        (1_700_000_000, 0)
    );
    assert!(Timestamp::from_epoch_seconds_f64(f64::NAN).is_err());
    assert!(Timestamp::from_epoch_seconds_f64(f64::INFINITY).is_err());
    assert!(Timestamp::from_epoch_seconds_f64(f64::NEG_INFINITY).is_err());
    assert!(Timestamp::from_epoch_seconds_f64(1e300).is_err());
}

#[test]
fn epoch_seconds_format() {
    assert_eq!(
        Timestamp::from_secs(1_700_000_000).fmt_epoch_seconds(),
        "1700000000"
    );
    assert_eq!(
        Timestamp::from_millis(1_700_000_000_500).fmt_epoch_seconds(),
        "1700000000.5"
    );
    assert_eq!(
        Timestamp::from_millis(1_700_000_000_123).fmt_epoch_seconds(),
        "1700000000.123"
    );
    assert_eq!(
        Timestamp::from_millis(1_700_000_000_120).fmt_epoch_seconds(),
        "1700000000.12"
    );
    assert_eq!(Timestamp::from_millis(-500).fmt_epoch_seconds(), "-0.5");
    assert_eq!(Timestamp::from_millis(-1_500).fmt_epoch_seconds(), "-1.5");
    assert_eq!(Timestamp::from_secs(-5).fmt_epoch_seconds(), "-5");
    // Sub-millisecond digits are truncated.
    assert_eq!(
        Timestamp::from_secs_and_nanos(1_700_000_000, 999_999).fmt_epoch_seconds(),
        "1700000000"
    );
    assert_eq!(
        Timestamp::from_secs_and_nanos(1_700_000_000, 1_999_999).fmt_epoch_seconds(),
        "1700000000.001"
    );
    assert_eq!(
        Timestamp::from_secs(i64::MIN).fmt_epoch_seconds(),
        "-9223372036854775808"
    );
    assert_eq!(
        Timestamp::from_secs(1).fmt(TimestampFormat::EpochSeconds),
        "1"
    );
}

#[test]
fn epoch_seconds_json_number() {
    let t = Timestamp::parse_epoch_seconds("1700000000.5").unwrap();
    let v = t.epoch_seconds_json();
    assert!(v.is_number());
    assert_eq!(v.to_string(), "1700000000.5");
    assert_eq!(v.as_f64(), Some(1_700_000_000.5));

    let v = Timestamp::parse_epoch_seconds("1700000000.123")
        .unwrap()
        .epoch_seconds_json();
    assert_eq!(v.to_string(), "1700000000.123");

    let v = Timestamp::from_secs(1_700_000_000).epoch_seconds_json();
    assert_eq!(v, serde_json::json!(1_700_000_000));
    assert_eq!(v.to_string(), "1700000000");
    assert_eq!(
        Timestamp::from_millis(-1500)
            .epoch_seconds_json()
            .to_string(),
        "-1.5"
    );
}

#[test]
fn date_time_parse() {
    let t = Timestamp::parse_date_time("2019-12-17T01:48:18.123456+02:00").unwrap();
    assert_eq!(parts(t), (1_576_540_098, 123_456_000));
    assert_eq!(t.fmt_date_time(), "2019-12-16T23:48:18.123Z");

    let t = Timestamp::parse_date_time("2019-12-16T20:18:18.5-03:30").unwrap();
    assert_eq!(t.fmt_date_time(), "2019-12-16T23:48:18.500Z");

    let cases: &[(&str, i64, u32)] = &[
        ("2019-12-16T23:48:18Z", 1_576_540_098, 0),
        ("2019-12-16t23:48:18z", 1_576_540_098, 0),
        ("2019-12-16T23:48:18.1Z", 1_576_540_098, 100_000_000),
        ("2019-12-16T23:48:18.123456789Z", 1_576_540_098, 123_456_789),
        (
            "2019-12-16T23:48:18.123456789999Z",
            1_576_540_098,
            123_456_789,
        ),
        ("1970-01-01T00:00:00Z", 0, 0),
        ("1969-12-31T23:59:59.5Z", -1, 500_000_000),
        ("2019-12-16T23:48:18-00:00", 1_576_540_098, 0),
    ];
    for &(text, secs, nanos) in cases {
        let t = Timestamp::parse(text, TimestampFormat::DateTime).unwrap();
        assert_eq!(parts(t), (secs, nanos), "{text}");
    }
    for bad in [
        "2019-12-16",
        "2019-12-16T23:48:18",
        "2019-12-16T23:48:18.Z",
        "2019-13-16T23:48:18Z",
        "2019-12-16T24:48:18Z",
        "Mon, 16 Dec 2019 23:48:18 GMT",
        "",
    ] {
        let err = Timestamp::parse_date_time(bad).unwrap_err();
        assert!(
            err.to_string()
                .starts_with(&format!("invalid date-time timestamp `{bad}`: ")),
            "{err}"
        );
    }
}

#[test]
fn date_time_format() {
    assert_eq!(
        Timestamp::from_secs(1_576_540_098).fmt_date_time(),
        "2019-12-16T23:48:18Z"
    );
    assert_eq!(
        Timestamp::from_millis(1_576_540_098_123).fmt_date_time(),
        "2019-12-16T23:48:18.123Z"
    );
    assert_eq!(
        Timestamp::from_millis(-500).fmt_date_time(),
        "1969-12-31T23:59:59.500Z"
    );
    assert_eq!(Timestamp::from_secs(0).to_string(), "1970-01-01T00:00:00Z");
    // Last instant the `time` crate can represent, then the fallback.
    assert_eq!(
        Timestamp::from_secs(253_402_300_799).fmt_date_time(),
        "9999-12-31T23:59:59Z"
    );
    assert_eq!(
        Timestamp::from_secs(253_402_300_800).fmt_date_time(),
        "+10000-01-01T00:00:00Z"
    );
    assert_eq!(
        Timestamp::from_secs(253_402_300_800).fmt_http_date(),
        "Sat, 01 Jan +10000 00:00:00 GMT"
    );
    assert_eq!(
        Timestamp::from_secs(-62_167_219_200).fmt_date_time(),
        "0000-01-01T00:00:00Z"
    );
    assert_eq!(
        Timestamp::from_secs(-62_167_219_201).fmt_date_time(),
        "-0001-12-31T23:59:59Z"
    );
    // Fallback beyond year -9999 agrees with the proleptic calendar.
    assert_eq!(
        Timestamp::from_secs(-377_705_116_801).fmt_date_time(),
        "-10000-12-31T23:59:59Z"
    );
    // Extremes do not panic.
    for t in [
        Timestamp::from_secs(i64::MAX),
        Timestamp::from_secs(i64::MIN),
    ] {
        for f in [
            TimestampFormat::DateTime,
            TimestampFormat::HttpDate,
            TimestampFormat::EpochSeconds,
        ] {
            assert!(!t.fmt(f).is_empty());
        }
        assert!(t.to_offset_date_time().is_none());
    }
    assert_eq!(
        Timestamp::from_secs(i64::MAX).fmt_date_time(),
        "+292277026596-12-04T15:30:07Z"
    );
}

#[test]
fn http_date_round_trip() {
    let text = "Mon, 16 Dec 2019 23:48:18 GMT";
    let t = Timestamp::parse_http_date(text).unwrap();
    assert_eq!(parts(t), (1_576_540_098, 0));
    assert_eq!(t.fmt_http_date(), text);
    assert_eq!(t.fmt(TimestampFormat::HttpDate), text);
    assert_eq!(
        Timestamp::parse(text, TimestampFormat::HttpDate).unwrap(),
        t
    );

    let t = Timestamp::parse_http_date("Mon, 16 Dec 2019 23:48:18.123 GMT").unwrap();
    assert_eq!(parts(t), (1_576_540_098, 123_000_000));
    // IMF-fixdate has no fraction: it is dropped when formatting.
    assert_eq!(t.fmt_http_date(), text);

    assert_eq!(
        Timestamp::from_secs(0).fmt_http_date(),
        "Thu, 01 Jan 1970 00:00:00 GMT"
    );
    assert_eq!(
        Timestamp::from_secs(-1).fmt_http_date(),
        "Wed, 31 Dec 1969 23:59:59 GMT"
    );
    for bad in [
        "Mon, 6 Dec 2019 23:48:18 GMT",
        "Mon, 16 Dec 2019 23:48:18 UTC",
        "Mon, 16 Dec 2019 23:48:18",
        "Monday, 16-Dec-19 23:48:18 GMT",
        "2019-12-16T23:48:18Z",
    ] {
        let err = Timestamp::parse_http_date(bad).unwrap_err();
        assert!(
            err.to_string().starts_with("invalid http-date timestamp"),
            "{err}"
        );
    }
}

#[test]
fn constructors_and_accessors() {
    assert_eq!(parts(Timestamp::from_millis(1_500)), (1, 500_000_000));
    assert_eq!(parts(Timestamp::from_millis(-1)), (-1, 999_000_000));
    assert_eq!(
        parts(Timestamp::from_secs_and_nanos(1, 2_000_000_001)),
        (3, 1)
    );
    assert_eq!(
        parts(Timestamp::from_secs_and_nanos(i64::MAX, 1_000_000_000)),
        (i64::MAX, 0)
    );

    let odt = time::macros::datetime!(2019-12-17 01:48:18.25 +02:00);
    let t = Timestamp::from_offset_date_time(odt);
    assert_eq!(parts(t), (1_576_540_098, 250_000_000));
    assert_eq!(Timestamp::from(odt), t);
    let back = t.to_offset_date_time().unwrap();
    assert_eq!(back, odt);
    assert_eq!(back.offset(), time::UtcOffset::UTC);

    assert!(Timestamp::from_secs(1) < Timestamp::from_secs_and_nanos(1, 1));
    assert!(Timestamp::from_millis(-500) < Timestamp::from_secs(0));
    assert_eq!(format!("{t}"), "2019-12-16T23:48:18.250Z");
    assert_eq!(format!("{t:?}"), "Timestamp(2019-12-16T23:48:18.25Z)");
    assert_eq!(
        format!("{:?}", Timestamp::from_secs_and_nanos(0, 1)),
        "Timestamp(1970-01-01T00:00:00.000000001Z)"
    );
    assert_eq!(TimestampFormat::DateTime.to_string(), "date-time");
}

#[test]
fn system_time_conversions() {
    let st = UNIX_EPOCH + Duration::new(1_700_000_000, 5);
    let t = Timestamp::from(st);
    assert_eq!(parts(t), (1_700_000_000, 5));
    assert_eq!(SystemTime::try_from(t).unwrap(), st);

    let before = UNIX_EPOCH - Duration::new(1, 250_000_000);
    let t = Timestamp::from(before);
    assert_eq!(parts(t), (-2, 750_000_000));
    assert_eq!(SystemTime::try_from(t).unwrap(), before);

    let before_whole = UNIX_EPOCH - Duration::from_secs(10);
    assert_eq!(parts(Timestamp::from(before_whole)), (-10, 0));

    // Whether the extremes fit is platform-specific; it must not panic.
    let _ = SystemTime::try_from(Timestamp::from_secs(i64::MIN));
    let _ = SystemTime::try_from(Timestamp::from_secs_and_nanos(i64::MAX, 999_999_999));
    let now = Timestamp::now();
    assert!(now > Timestamp::from_secs(1_600_000_000));
}
