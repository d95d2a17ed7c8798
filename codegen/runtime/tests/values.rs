//! Blob and big-number values.

use smithy_runtime_dev::big_number::{BigDecimal, BigInteger};
use smithy_runtime_dev::blob::Blob;

#[test]
fn blob_basics() {
    let b = Blob::new(vec![1u8, 2, 3]);
    assert_eq!(b.as_bytes(), &[1, 2, 3]);
    assert_eq!(b.as_ref(), &[1, 2, 3]);
    assert_eq!(b.len(), 3);
    assert!(!b.is_empty());
    assert_eq!(format!("{b:?}"), "Blob(3 bytes)");
    assert_eq!(b.clone().into_inner(), vec![1, 2, 3]);
    assert_eq!(Blob::from(vec![1u8, 2, 3]), b);
    assert_eq!(Blob::from(&[1u8, 2, 3][..]), b);
    assert_eq!(Blob::from("hi").as_bytes(), b"hi");
    assert_eq!(Vec::<u8>::from(b), vec![1, 2, 3]);
    assert!(Blob::default().is_empty());
}

#[test]
fn blob_base64() {
    assert_eq!(Blob::from("hi!").to_base64(), "aGkh");
    assert_eq!(Blob::from("hi").to_base64(), "aGk=");
    assert_eq!(Blob::from("h").to_base64(), "aA==");
    assert_eq!(Blob::from("").to_base64(), "");
    assert_eq!(Blob::from_base64("aGk=").unwrap().as_bytes(), b"hi");
    assert_eq!(Blob::from_base64("aGk").unwrap().as_bytes(), b"hi");
    assert_eq!(Blob::from_base64("aA").unwrap().as_bytes(), b"h");
    assert_eq!(Blob::from_base64("").unwrap().as_bytes(), b"");
    let all: Vec<u8> = (0..=255).collect();
    let b = Blob::new(all.clone());
    assert_eq!(Blob::from_base64(&b.to_base64()).unwrap().into_inner(), all);
    for bad in ["a", "!!!!", "aGk==x", "aG-_"] {
        let err = Blob::from_base64(bad).unwrap_err();
        assert!(
            err.to_string().starts_with("invalid base64: "),
            "{bad}: {err}"
        );
    }
}

#[test]
fn big_integer_syntax() {
    for (text, canonical) in [
        ("0", "0"),
        ("-0", "-0"),
        ("42", "42"),
        ("-42", "-42"),
        ("+42", "42"),
        ("007", "7"),
        ("-000", "-0"),
        (
            "123456789012345678901234567890",
            "123456789012345678901234567890",
        ),
    ] {
        let n: BigInteger = text.parse().unwrap();
        assert_eq!(n.as_str(), canonical, "{text}");
        assert_eq!(n.to_string(), canonical);
    }
    for bad in ["", "-", "+", "1.0", "1e3", " 1", "1 ", "0x1", "--1", "١"] {
        let err = bad.parse::<BigInteger>().unwrap_err();
        assert_eq!(err.to_string(), format!("`{bad}` is not a valid integer"));
    }
    assert_eq!(BigInteger::from(-5i64).as_str(), "-5");
    assert_eq!(
        BigInteger::from(u128::MAX).as_str(),
        "340282366920938463463374607431768211455"
    );
    assert_eq!(
        BigInteger::try_from("12".to_owned()).unwrap().to_i64(),
        Some(12)
    );
    assert_eq!(
        "99999999999999999999"
            .parse::<BigInteger>()
            .unwrap()
            .to_i64(),
        None
    );
    assert_eq!(
        "99999999999999999999"
            .parse::<BigInteger>()
            .unwrap()
            .to_i128(),
        Some(99_999_999_999_999_999_999)
    );
    assert_eq!(format!("{:?}", BigInteger::from(3u8)), "BigInteger(3)");
}

#[test]
fn big_decimal_syntax() {
    let exact = "123456789012345678901234567890.000000000000000001";
    let d: BigDecimal = exact.parse().unwrap();
    assert_eq!(d.as_str(), exact);
    assert_eq!(d.to_string(), exact);
    assert_eq!(d.clone().into_string(), exact);
    for good in ["0", "-0", "1.5", "-0.001", "1e10", "1E+10", "2.5e-3", "0.0"] {
        assert_eq!(good.parse::<BigDecimal>().unwrap().as_str(), good);
    }
    for bad in [
        "", "01", "1.", ".5", "+1", "1e", "1e+", "--1", "NaN", "Infinity", "1 ", "0x1",
    ] {
        let err = bad.parse::<BigDecimal>().unwrap_err();
        assert_eq!(err.to_string(), format!("`{bad}` is not a valid decimal"));
    }
    assert_eq!(
        BigDecimal::try_from("2.50".to_owned()).unwrap().as_str(),
        "2.50"
    );
    assert_eq!(BigDecimal::from(BigInteger::from(7)).as_str(), "7");
    assert_eq!("2.5".parse::<BigDecimal>().unwrap().to_f64_lossy(), 2.5);
    let long = "9".repeat(200);
    let err = long
        .parse::<BigInteger>()
        .map(|_| ())
        .and_then(|_| format!("{long}x").parse::<BigDecimal>().map(|_| ()));
    assert!(err.unwrap_err().to_string().contains('…'));
}

#[test]
fn decimal_text_compares_exactly() {
    use smithy_runtime_dev::big_number::compare_decimal;
    use std::cmp::Ordering::{Equal, Greater, Less};
    let cases = [
        ("1e3", "999.99", Greater),
        ("-0", "0.0", Equal),
        ("0", "-0.000001", Greater),
        (
            "123456789012345678901234567890",
            "123456789012345678901234567891",
            Less,
        ),
        ("1.50", "1.5", Equal),
        ("15E-1", "1.5", Equal),
        ("-2", "-10", Greater),
        ("0.1", "0.09999999999999999999999", Greater),
        ("1e-999999999999999999999", "0", Greater),
        ("1e999999999999999999999", "9e999", Greater),
        ("-1e2", "-100", Equal),
    ];
    for (a, b, want) in cases {
        assert_eq!(compare_decimal(a, b), Some(want), "{a} vs {b}");
        assert_eq!(compare_decimal(b, a), Some(want.reverse()), "{b} vs {a}");
    }
    assert_eq!(compare_decimal("1.", "1"), None);
    assert_eq!(compare_decimal("1", "NaN"), None);
}

#[test]
fn big_number_ranges_are_checked_on_the_text() {
    use smithy_runtime_dev::validate::Validator;
    let mut v = Validator::new();
    v.range_decimal(
        "Big",
        "123456789012345678901234567890",
        Some("1"),
        Some("10"),
    );
    v.range_decimal("Small", "0.5", Some("1"), None);
    v.range_decimal("Fine", "10", Some("1"), Some("10"));
    v.range_decimal("AlsoFine", "1.0", Some("1"), None);
    let messages: Vec<String> = v
        .violations()
        .iter()
        .map(|x| format!("{}: {}", x.path, x.message))
        .collect();
    assert_eq!(
        messages,
        [
            "Big: must be between 1 and 10, got 123456789012345678901234567890",
            "Small: must be at least 1, got 0.5",
        ]
    );
}

#[test]
fn big_numbers_from_primitives() {
    assert_eq!(BigInteger::from(-42_i64).as_str(), "-42");
    assert_eq!(BigDecimal::from(7_i64).as_str(), "7");
    assert_eq!(BigDecimal::from_f64(0.1).as_str(), "0.1");
    assert_eq!(
        BigDecimal::from_f64(1e21).as_str(),
        "1000000000000000000000"
    );
    assert_eq!(BigDecimal::from_f64(f64::NAN).as_str(), "0");
    // Every text they make is a valid number.
    for d in [BigDecimal::from_f64(-2.5e-7), BigDecimal::from_f64(1e300)] {
        assert_eq!(d.as_str().parse::<BigDecimal>().as_ref(), Ok(&d));
    }
}
